/**
 * Basket, favourites, orders and loyalty as the API sees them.
 *
 * Still classic zod, unlike the other areas (#system/zod, zod/mini): system/schemas/admin-orders.ts
 * builds on `orderSchema` and `orderStatusSchema` with classic methods (`.extend`, `.optional()`).
 * Moving both files to zod/mini together takes about 60 KB and 10 ms off the cold start of each
 * shop function (docs/performance.md, section 1.1).
 */
import * as z from 'zod';
import { personNameSchema, phoneSchema } from './auth';
import { productIdSchema } from './catalogue';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const quantitySchema = /* @__PURE__ */ (() => z.int().min(1).max(99))();

export const basketItemSchema = /* @__PURE__ */ (() => z.strictObject({ quantity: quantitySchema }))();

export const basketSchema = /* @__PURE__ */ (() =>
  z
    .object({
      items: z.array(z.object({ productId: z.string(), quantity: z.int(), priceMinor: z.int() })),
      totalMinor: z.int(),
      currency: z.literal('RUB'),
    })
    .meta({ id: 'Basket' }))();

export const favoritesSchema = /* @__PURE__ */ (() => z.object({ items: z.array(z.object({ productId: z.string(), addedAt: z.string() })) }).meta({ id: 'Favorites' }))();

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max).regex(/^[^\p{Cc}<>]+$/u, 'must not contain control characters or angle brackets');

export const deliverySchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code such as RU'),
      region: text(100).optional(),
      city: text(100),
      street: text(200),
      building: text(20),
      apartment: text(20).optional(),
      postalCode: z.string().trim().max(12),
    })
    .superRefine((delivery, ctx) => {
      const russian = delivery.country === 'RU';
      const valid = russian ? /^\d{6}$/.test(delivery.postalCode) : /^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/.test(delivery.postalCode);
      if (!valid) {
        ctx.addIssue({ code: 'custom', path: ['postalCode'], message: russian ? 'must be six digits (a Russian postal code)' : 'must be a postal code' });
      }
    }))();

export const recipientSchema = /* @__PURE__ */ (() => z.strictObject({ fullName: z.pipe(personNameSchema, z.string().max(200)), phone: phoneSchema }))();

export const orderCreateSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    items: z
      .array(z.strictObject({ productId: productIdSchema, quantity: quantitySchema }))
      .min(1)
      .max(50)
      .refine((items) => new Set(items.map((i) => i.productId)).size === items.length, 'must name each product once'),
    recipient: recipientSchema,
    delivery: deliverySchema,
  }))();

export const orderStatuses = ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export const orderStatusSchema = /* @__PURE__ */ (() => z.enum(orderStatuses))();

export const orderSchema = /* @__PURE__ */ (() =>
  z
    .object({
      orderId: z.string(),
      status: orderStatusSchema,
      items: z.array(z.object({ productId: z.string(), title: z.string(), quantity: z.int(), priceMinor: z.int(), lineTotalMinor: z.int() })),
      totalMinor: z.int(),
      currency: z.literal('RUB'),
      recipient: z.object({ fullName: z.string(), phone: z.string() }),
      delivery: z.record(z.string(), z.string()),
      createdAt: z.string(),
      statusHistory: z.array(z.object({ status: orderStatusSchema, at: z.string(), actor: z.object({ type: z.string() }) })).optional(),
    })
    .meta({ id: 'Order' }))();

export const orderIdSchema = /* @__PURE__ */ (() => z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be an order id'))();

export const statusMoveSchema = /* @__PURE__ */ (() => z.strictObject({ status: orderStatusSchema }))();

export const priceChangeSchema = /* @__PURE__ */ (() => z.strictObject({ priceMinor: z.int().min(0).max(100_000_000) }))();

export const loyaltySchema = /* @__PURE__ */ (() =>
  z
    .object({ tier: z.string(), lifetimeSpendMinor: z.int(), nextTier: z.string().nullable(), spendToNextTierMinor: z.int().nullable() })
    .meta({ id: 'Loyalty' }))();
