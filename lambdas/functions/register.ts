import { accountPorts } from '#adapters/account-ports';
import { httpHandler } from '#commons/http/handler';
import { accepted } from '#commons/http/response';
import { register } from '#domain/accounts/registration';
import { localeFromAcceptLanguage } from '#domain/messaging/templates/locale';
import { register as route } from '#system/routes/accounts';

export const handler = httpHandler(route, async ({ body, headers }) =>
  accepted(await register(accountPorts, body, localeFromAcceptLanguage(headers['accept-language']))),
);
