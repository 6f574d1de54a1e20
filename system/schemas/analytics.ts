/**
 * Site events, site figures, recommendations and disclosures as the API sees them.
 */
import * as z from '../zod';
import { productSchema } from './catalogue';

/** A site path: absolute, printable, without the query or fragment (which may hold personal data and are dropped). */
// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const sitePathSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(z.minLength(1), z.maxLength(512), z.regex(/^\/[\x21-\x7e]*$/, 'must be an absolute path such as /books/war-and-peace')))();

export const siteEventSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    type: z.literal('page_view'),
    path: sitePathSchema,
    /** The page the visitor came from; only its origin is kept. */
    referrer: z.optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).check(z.maxLength(2048))),
  }))();

export const siteStatsQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    day: z.iso.date({ message: 'must be a date such as 2026-11-24' }),
  }))();

export const siteStatsSchema = /* @__PURE__ */ (() =>
  z
    .object({
      day: z.string(),
      /** Whether the aggregation job has run for the day; false: the figures are not made yet. */
      aggregated: z.boolean(),
      views: z.int(),
      paths: z.array(z.object({ path: z.string(), views: z.int() })),
      referrers: z.array(z.object({ origin: z.string(), views: z.int() })),
    })
    .register(z.globalRegistry, { id: 'SiteStats' }))();

export const recommendationsSchema = /* @__PURE__ */ (() =>
  z
    .object({
      items: z.array(productSchema),
      /** When the recommendations were built; null before the first build that included the customer. */
      builtAt: z.nullable(z.string()),
    })
    .register(z.globalRegistry, { id: 'Recommendations' }))();

const text = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max), z.regex(/^[^\p{Cc}<>]+$/u, 'must not contain control characters or angle brackets'));

export const disclosureSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    customerId: z.string().check(z.regex(/^[0-9a-zA-Z-]{1,64}$/, 'must be a customer id')),
    /** Who received the data: an authority or court, by name. */
    recipient: text(200),
    /** The legal requirement: the law, article and the request's reference. */
    legalBasis: text(500),
    dataCategories: z.array(text(100)).check(z.minLength(1), z.maxLength(20)),
  }))();

export const disclosureAnswerSchema = /* @__PURE__ */ (() =>
  z
    .object({ disclosureId: z.string(), customerId: z.string(), recipient: z.string(), legalBasis: z.string(), dataCategories: z.array(z.string()), disclosedAt: z.string() })
    .register(z.globalRegistry, { id: 'Disclosure' }))();
