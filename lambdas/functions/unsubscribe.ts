/**
 * GET /v1/unsubscribe?token= — the link in an advertising or informational message: opts out and
 * answers a page saying so (or that the link is not valid).
 */
import { unsubscribePorts } from '#adapters/unsubscribe-ports';
import { httpHandler } from '#commons/http/handler';
import { htmlPage } from '#commons/http/response';
import { invalidLinkPage, unsubscribedPage } from '#domain/messaging/unsubscribe-page';
import { unsubscribe } from '#domain/messaging/unsubscribe';
import { unsubscribePage } from '#system/routes/messaging';

export const handler = httpHandler(unsubscribePage, async ({ query }) => {
  const outcome = await unsubscribe(unsubscribePorts, query.token, 'unsubscribe_link');
  return outcome.ok ? htmlPage(200, unsubscribedPage(outcome.channel, outcome.category)) : htmlPage(400, invalidLinkPage(outcome.why));
});
