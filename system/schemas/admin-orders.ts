/**
 * Orders as the operators' console sees them: a month's orders (the orders table's byMonth
 * index, newest first) and one order with the customer it belongs to and who moved it
 * (zod/mini through #system/zod: see there why).
 */
import * as z from '../zod';
import { pageQuerySchema } from './common';
import { deliverySchema, orderSchema, orderStatusSchema, recipientSchema } from './shop';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const orderMonthSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')))();

export const adminOrderQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /** The month the orders were placed in (UTC); the current month when omitted. */
    month: z.optional(orderMonthSchema),
    status: z.optional(orderStatusSchema),
    // The paging every list route takes (limit 1–100, default 20; an opaque cursor).
    ...pageQuerySchema.shape,
  }))();

export const adminOrderSchema = /* @__PURE__ */ (() =>
  z
    .extend(orderSchema, {
      customerId: z.string(),
      updatedAt: z.optional(z.string()),
      // null once the customer's data was destroyed: the order stays for accounting without them.
      recipient: z.nullable(recipientSchema),
      delivery: z.nullable(deliverySchema),
      statusHistory: z.array(
        z.object({ status: orderStatusSchema, at: z.string(), actor: z.object({ type: z.string(), id: z.optional(z.string()) }) }),
      ),
    })
    .register(z.globalRegistry, { id: 'AdminOrder', description: 'An order with its customer and status history, as operators see it' }))();
