import { randomUUID } from 'node:crypto';
import { basketReminders } from '#adapters/basket-store';
import { customerStore } from '#adapters/customer-store';
import { jobHandler } from '#commons/job';
import { sendBasketReminders } from '#domain/shop/basket-reminders';

export const handler = jobHandler(async (now) => sendBasketReminders({ reminders: basketReminders, customers: customerStore, ids: () => randomUUID() }, now));
