/**
 * Orders as the operators' console sees them: a month's orders (the orders table's byMonth
 * index, newest first) and one order with the customer it belongs to and who moved it.
 */
import * as z from 'zod';
import { deliverySchema, orderSchema, orderStatusSchema, recipientSchema } from './shop';

export const orderMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

export const adminOrderQuerySchema = z.object({
  /** The month the orders were placed in (UTC); the current month when omitted. */
  month: orderMonthSchema.optional(),
  status: orderStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(1024).optional(),
});

export const adminOrderSchema = orderSchema
  .extend({
    customerId: z.string(),
    updatedAt: z.string().optional(),
    // null once the customer's data was destroyed: the order stays for accounting without them.
    recipient: recipientSchema.nullable(),
    delivery: deliverySchema.nullable(),
    statusHistory: z.array(
      z.object({ status: orderStatusSchema, at: z.string(), actor: z.object({ type: z.string(), id: z.string().optional() }) }),
    ),
  })
  .meta({ id: 'AdminOrder', description: 'An order with its customer and status history, as operators see it' });
