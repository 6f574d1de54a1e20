/**
 * The operators' console reads orders: a month's orders through the orders table's byMonth index
 * (a Query, never a Scan) and one order with its status history. Moving an order is
 * `moveOrderStatus` in ./shop.ts. Each read is audited per customer (an operator reading a
 * customer's order is an event of that customer's record).
 */
import * as z from 'zod';
import { adminOrderQuerySchema, adminOrderSchema } from '../schemas/admin-orders';
import { pageOf } from '../schemas/common';
import { orderIdSchema } from '../schemas/shop';
import { route } from './route';

export const listAdminOrders = route({
  handler: 'list-admin-orders',
  method: 'GET',
  path: '/v1/admin/orders',
  access: 'operator',
  summary:
    'Orders placed in a month (UTC, YYYY-MM; the current month by default), newest first. `status` narrows to one status; ' +
    'the filter applies after the page is read, so a page may be short while nextCursor goes on',
  tags: ['operators', 'orders'],
  request: { query: adminOrderQuerySchema },
  responses: {
    200: { description: 'A page of orders', schema: pageOf(adminOrderSchema) },
    422: { description: 'Invalid month, status, limit or cursor' },
  },
  needs: { tables: { orders: 'read', audit: 'write' } },
});

export const getAdminOrder = route({
  handler: 'get-admin-order',
  method: 'GET',
  path: '/v1/admin/orders/{orderId}',
  access: 'operator',
  summary: 'One order with its customer id and status history (who moved it, when)',
  tags: ['operators', 'orders'],
  request: { params: z.object({ orderId: orderIdSchema }) },
  responses: { 200: { description: 'The order', schema: adminOrderSchema }, 404: { description: 'No such order' } },
  needs: { tables: { orders: 'read', audit: 'write' } },
});
