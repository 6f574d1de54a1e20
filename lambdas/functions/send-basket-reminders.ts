import { randomUUID } from 'node:crypto';
import { basketReminders } from '#adapters/basket-store';
import { jobHandler } from '#commons/job';
import { sendBasketReminders } from '#domain/shop/basket-reminders';

export const handler = jobHandler(async (now) => sendBasketReminders({ reminders: basketReminders, ids: () => randomUUID() }, now));
