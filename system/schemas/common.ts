/**
 * Schemas shared by many routes (zod/mini through #system/zod: see there why).
 */
import * as z from '../zod';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const problemSchema = /* @__PURE__ */ (() =>
  z
    .object({
      type: z.string(),
      title: z.string(),
      status: z.int(),
      detail: z.optional(z.string()),
      errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    })
    .register(z.globalRegistry, { id: 'Problem', description: 'RFC 9457 problem document' }))();

export const pageQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
  }))();

export const pageOf = <T extends z.core.SomeType>(item: T) => z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const healthSchema = /* @__PURE__ */ (() => z.object({ status: z.literal('ok') }))();
