/**
 * The account logic's ports without the outbound queue and the privacy-request store, for the
 * operations that neither send a message nor file a request (QuietAccountPorts). Each adapter
 * reads its configuration on first use, so a function needs (and is granted) only what its own
 * path touches.
 */
import { randomUUID } from 'node:crypto';
import type { QuietAccountPorts } from '#domain/accounts/ports';
import { auditTrail } from './audit-trail';
import { cognitoIdentity } from './cognito-identity';
import { customerStore } from './customer-store';
import { sessionStore } from './session-store';
import { throttleStore } from './throttle-store';
import { watchList } from './watch-list';

export const quietAccountPorts: QuietAccountPorts = {
  identity: cognitoIdentity,
  customers: customerStore,
  sessions: sessionStore,
  throttles: throttleStore,
  watchList,
  audit: auditTrail,
  clock: () => new Date(),
  ids: () => randomUUID(),
};
