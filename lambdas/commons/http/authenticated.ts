/**
 * The handler of customer and operator routes: the shared HTTP layer plus the session check.
 * The authorizer checks a token's signature and expiry; whether its session still stands
 * (logout, password reset or change, forced reset, closed account) only folio knows, so it is
 * asked here on every authenticated request, the same way in the cloud and locally.
 */
import { sessionStore } from '#adapters/session-store';
import { refusalOf } from '#domain/accounts/sessions';
import { UnauthenticatedError } from '#domain/errors';
import type { RouteDefinition } from '#system/routes/route';
import { httpHandler } from './handler';
import type { Principal } from './principal';
import type { HttpRequest } from './request';
import type { HttpResult } from './response';

const assertSessionLive = async (principal: Principal): Promise<void> => {
  const state = await sessionStore.get(principal.customerId);
  if (refusalOf(state, principal) !== undefined) throw new UnauthenticatedError('session ended', 'This session has ended; sign in again.');
};

export const authenticatedHandler = <const R extends RouteDefinition>(route: R, fn: (request: HttpRequest<R>) => Promise<HttpResult>) =>
  httpHandler(route, fn, assertSessionLive);
