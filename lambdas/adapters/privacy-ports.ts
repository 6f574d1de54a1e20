/**
 * The privacy-request logic's ports, wired to AWS. Each adapter reads its configuration on first
 * use, so a function needs (and is granted) only what its own path touches. Without the identity
 * provider, which only completing a rectify request needs (./privacy-identity-ports.ts): the
 * Cognito client is about 40 KB and a sixth of a cold start's import.
 */
import { randomUUID } from 'node:crypto';
import type { RequestPorts } from '#domain/privacy/requests';
import { auditTrail } from './audit-trail';
import { customerStore } from './customer-store';
import { outboundQueue } from './outbound-queue';
import { privacyRequestStore } from './privacy-request-store';

export const privacyPorts: RequestPorts = {
  requests: privacyRequestStore,
  customers: customerStore,
  audit: auditTrail,
  messages: outboundQueue,
  clock: () => new Date(),
  ids: () => randomUUID(),
};
