import { randomUUID } from 'node:crypto';
import { subscriptionStore } from '#adapters/subscription-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { changeSubscriptions } from '#domain/messaging/subscriptions';
import { putSubscriptions } from '#system/routes/messaging';

const ports = { subscriptions: subscriptionStore, clock: () => new Date(), ids: randomUUID };

export const handler = authenticatedHandler(putSubscriptions, async ({ body, principal }) =>
  ok(await changeSubscriptions(ports, principal.customerId, body, { type: 'customer', id: principal.customerId }, 'account')),
);
