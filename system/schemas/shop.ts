/**
 * Basket, favourites, orders and loyalty as the API sees them (zod/mini through #system/zod:
 * see there why).
 */
import * as z from '../zod';
import { personNameSchema, phoneSchema } from './auth';
import { productIdSchema } from './catalogue';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const quantitySchema = /* @__PURE__ */ (() => z.int().check(z.gte(1), z.lte(99)))();

export const basketItemSchema = /* @__PURE__ */ (() => z.strictObject({ quantity: quantitySchema }))();

export const basketSchema = /* @__PURE__ */ (() =>
  z
    .object({
      items: z.array(z.object({ productId: z.string(), quantity: z.int(), priceMinor: z.int() })),
      totalMinor: z.int(),
      currency: z.literal('RUB'),
    })
    .register(z.globalRegistry, { id: 'Basket' }))();

export const favoritesSchema = /* @__PURE__ */ (() =>
  z.object({ items: z.array(z.object({ productId: z.string(), addedAt: z.string() })) }).register(z.globalRegistry, { id: 'Favorites' }))();

const text = (max: number) =>
  z
    .string()
    .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max), z.regex(/^[^\p{Cc}<>]+$/u, 'must not contain control characters or angle brackets'));

export const deliverySchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      country: z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code such as RU')),
      region: z.optional(text(100)),
      city: text(100),
      street: text(200),
      building: text(20),
      apartment: z.optional(text(20)),
      postalCode: z.string().check(z.trim(), z.maxLength(12)),
    })
    .check(
      z.superRefine((delivery, ctx) => {
        const russian = delivery.country === 'RU';
        const valid = russian ? /^\d{6}$/.test(delivery.postalCode) : /^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/.test(delivery.postalCode);
        if (!valid) {
          ctx.addIssue({ code: 'custom', path: ['postalCode'], message: russian ? 'must be six digits (a Russian postal code)' : 'must be a postal code' });
        }
      }),
    ))();

export const recipientSchema = /* @__PURE__ */ (() =>
  z.strictObject({ fullName: z.pipe(personNameSchema, z.string().check(z.maxLength(200))), phone: phoneSchema }))();

export const orderCreateSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    items: z
      .array(z.strictObject({ productId: productIdSchema, quantity: quantitySchema }))
      .check(
        z.minLength(1),
        z.maxLength(50),
        z.refine((items) => new Set(items.map((i) => i.productId)).size === items.length, 'must name each product once'),
      ),
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
      statusHistory: z.optional(z.array(z.object({ status: orderStatusSchema, at: z.string(), actor: z.object({ type: z.string() }) }))),
    })
    .register(z.globalRegistry, { id: 'Order' }))();

export const orderIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be an order id')))();

export const statusMoveSchema = /* @__PURE__ */ (() => z.strictObject({ status: orderStatusSchema }))();

export const priceChangeSchema = /* @__PURE__ */ (() => z.strictObject({ priceMinor: z.int().check(z.gte(0), z.lte(100_000_000)) }))();

export const loyaltySchema = /* @__PURE__ */ (() =>
  z
    .object({ tier: z.string(), lifetimeSpendMinor: z.int(), nextTier: z.nullable(z.string()), spendToNextTierMinor: z.nullable(z.int()) })
    .register(z.globalRegistry, { id: 'Loyalty' }))();
