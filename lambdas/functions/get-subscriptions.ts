import { randomUUID } from 'node:crypto';
import { subscriptionStore } from '#adapters/subscription-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { currentSubscriptions } from '#domain/messaging/subscriptions';
import { getSubscriptions } from '#system/routes/messaging';

const ports = { subscriptions: subscriptionStore, clock: () => new Date(), ids: randomUUID };

export const handler = authenticatedHandler(getSubscriptions, async ({ principal }) => ok(await currentSubscriptions(ports, principal.customerId)));
