/**
 * The order logic's ports, wired to AWS: for the functions that place and move orders (they read
 * customers too). list-orders and get-order use lambdas/adapters/order-store.ts alone.
 */
import { randomUUID } from 'node:crypto';
import type { OrderPorts } from '#domain/shop/orders';
import { customerStore } from './customer-store';
import { orderStore, productPrices } from './order-store';

export const orderPorts: OrderPorts = {
  orders: orderStore,
  catalogue: productPrices,
  customers: customerStore,
  clock: () => new Date(),
  ids: () => randomUUID(),
};
