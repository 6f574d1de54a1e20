import * as z from '../zod';
import { pageOf } from './common';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const productIdSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a product id: lower-case letters, digits and dashes')))();

export const productSchema = /* @__PURE__ */ (() =>
  z
    .object({
      productId: productIdSchema,
      title: z.string(),
      author: z.string(),
      priceMinor: z.int().check(z.gte(0)),
      currency: z.literal('RUB'),
    })
    .register(z.globalRegistry, { id: 'Product' }))();

export type Product = z.infer<typeof productSchema>;

export const productPageSchema = /* @__PURE__ */ (() => pageOf(productSchema))();
