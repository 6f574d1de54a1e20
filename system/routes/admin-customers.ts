import * as z from '../zod';
import { auditEntrySchema, reasonSchema, watchEntrySchema } from '../schemas/auth';
import { pageOf, pageQuerySchema } from '../schemas/common';
import { route } from './route';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
const customerIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^[0-9a-zA-Z-]{1,64}$/, 'must be a customer id')))();

export const forcePasswordReset = /* @__PURE__ */ (() =>
  route({
    handler: 'force-password-reset',
    method: 'POST',
    path: '/v1/admin/customers/{customerId}/force-password-reset',
    access: 'operator',
    summary: 'Change a password unilaterally when a third party is suspected (policy 3.3)',
    tags: ['operators'],
    request: { params: z.object({ customerId: customerIdSchema }), body: reasonSchema },
    responses: { 202: { description: 'Password changed, sessions ended, customer told', schema: z.object({ status: z.literal('PASSWORD_RESET') }) }, 404: { description: 'No such customer' } },
    needs: {
      userPool: ['adminWrite'],
      tables: { customers: 'read', sessions: 'readWrite', audit: 'write', watchList: 'readWrite' },
      queues: { outboundMessages: 'send' },
    },
  }))();

export const listCustomerAudit = /* @__PURE__ */ (() =>
  route({
    handler: 'list-customer-audit',
    method: 'GET',
    path: '/v1/admin/customers/{customerId}/audit',
    access: 'operator',
    summary: "A customer's audit trail, newest first (the read is itself audited)",
    tags: ['operators'],
    request: { params: z.object({ customerId: customerIdSchema }), query: pageQuerySchema },
    responses: { 200: { description: 'A page of entries', schema: pageOf(auditEntrySchema) } },
    needs: { tables: { audit: 'readWrite' } },
  }))();

export const listWatchList = /* @__PURE__ */ (() =>
  route({
    handler: 'list-watch-list',
    method: 'GET',
    path: '/v1/admin/watch-list',
    access: 'operator',
    summary: 'Accounts suspected of takeover, newest first',
    tags: ['operators'],
    request: {
      query: z.object({
        status: z._default(z.enum(['OPEN', 'PASSWORD_RESET', 'DISMISSED']), 'OPEN'),
        limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
      }),
    },
    responses: { 200: { description: 'Watched accounts', schema: z.object({ items: z.array(watchEntrySchema) }) } },
    needs: { tables: { watchList: 'read' } },
  }))();
