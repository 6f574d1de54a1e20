/**
 * The privacy-request logic's ports, wired to AWS. Each adapter reads its configuration on first
 * use, so a function needs (and is granted) only what its own path touches.
 */
import { randomUUID } from 'node:crypto';
import type { PrivacyPorts } from '#domain/privacy/requests';
import { auditTrail } from './audit-trail';
import { cognitoIdentity } from './cognito-identity';
import { customerStore } from './customer-store';
import { outboundQueue } from './outbound-queue';
import { privacyRequestStore } from './privacy-request-store';

export const privacyPorts: PrivacyPorts = {
  requests: privacyRequestStore,
  customers: customerStore,
  identity: cognitoIdentity,
  audit: auditTrail,
  messages: outboundQueue,
  clock: () => new Date(),
  ids: () => randomUUID(),
};
