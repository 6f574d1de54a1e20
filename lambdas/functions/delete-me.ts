import { accountPorts } from '#adapters/account-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { accepted } from '#commons/http/response';
import { closeAccount } from '#domain/accounts/profile';
import { fileRequiredWithdrawal } from '#domain/consent/consents';
import { deleteMe } from '#system/routes/me';

export const handler = authenticatedHandler(deleteMe, async ({ body, principal }) => {
  const withdraw = body?.withdrawConsents ?? false;
  const closed = await closeAccount(accountPorts, principal.customerId, withdraw);
  // Withdrawing personal_data_processing starts the destruction of the data within the legal term.
  if (withdraw) await fileRequiredWithdrawal(accountPorts, principal.customerId, new Date(), 'withdrawn when closing the account');
  return accepted(closed);
});
