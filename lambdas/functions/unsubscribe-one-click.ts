/**
 * POST /v1/unsubscribe?token= with `List-Unsubscribe=One-Click` (RFC 8058): the mail client's
 * one-click opt-out, the same as opening the link.
 */
import { unsubscribePorts } from '#adapters/unsubscribe-ports';
import { httpHandler } from '#commons/http/handler';
import { badRequest } from '#commons/http/problems';
import { ok } from '#commons/http/response';
import { unsubscribe } from '#domain/messaging/unsubscribe';
import { unsubscribeOneClick } from '#system/routes/messaging';

export const handler = httpHandler(unsubscribeOneClick, async ({ query }) => {
  const outcome = await unsubscribe(unsubscribePorts, query.token, 'one_click');
  if (!outcome.ok) throw badRequest(outcome.why === 'expired' ? 'This unsubscribe link has expired.' : 'This unsubscribe link is not valid.');
  return ok({ status: 'UNSUBSCRIBED', channel: outcome.channel, category: outcome.category });
});
