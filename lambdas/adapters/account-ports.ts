/**
 * The account logic's ports, wired to AWS. Each adapter reads its configuration on first use,
 * so a function needs (and is granted) only what its own path touches.
 */
import { randomUUID } from 'node:crypto';
import type { AccountPorts } from '#domain/accounts/ports';
import { auditTrail } from './audit-trail';
import { cognitoIdentity } from './cognito-identity';
import { customerStore } from './customer-store';
import { outboundQueue } from './outbound-queue';
import { privacyRequestStore } from './privacy-request-store';
import { sessionStore } from './session-store';
import { throttleStore } from './throttle-store';
import { watchList } from './watch-list';

export const accountPorts: AccountPorts = {
  identity: cognitoIdentity,
  customers: customerStore,
  sessions: sessionStore,
  throttles: throttleStore,
  watchList,
  audit: auditTrail,
  privacyRequests: privacyRequestStore,
  messages: outboundQueue,
  clock: () => new Date(),
  ids: () => randomUUID(),
};
