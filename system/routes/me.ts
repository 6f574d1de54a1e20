import * as z from '../zod';
import { pageOf, pageQuerySchema } from '../schemas/common';
import {
  consentStateSchema,
  consentUpdateSchema,
  deleteAccountSchema,
  profilePatchSchema,
  profileSchema,
  receiptSchema,
} from '../schemas/auth';
import { consentPurposeSchema } from '../schemas/legal';
import { route } from './route';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const getMe = /* @__PURE__ */ (() =>
  route({
    handler: 'get-me',
    method: 'GET',
    path: '/v1/me',
    access: 'customer',
    summary: 'The customer profile',
    tags: ['me'],
    responses: { 200: { description: 'Profile', schema: profileSchema } },
    needs: { tables: { customers: 'read' } },
  }))();

export const patchMe = /* @__PURE__ */ (() =>
  route({
    handler: 'patch-me',
    method: 'PATCH',
    path: '/v1/me',
    access: 'customer',
    summary: 'Rectify names or phone (recorded in the audit trail)',
    tags: ['me'],
    request: { body: profilePatchSchema },
    responses: { 200: { description: 'Profile', schema: profileSchema } },
    needs: { userPool: ['adminWrite'], tables: { customers: 'readWrite', audit: 'write' } },
  }))();

export const deleteMe = /* @__PURE__ */ (() =>
  route({
    handler: 'delete-me',
    method: 'DELETE',
    path: '/v1/me',
    access: 'customer',
    summary: 'Close the account; consents stay as they were unless withdrawConsents is true',
    tags: ['me'],
    request: { body: deleteAccountSchema },
    responses: { 202: { description: 'Closed', schema: z.object({ status: z.literal('CLOSED'), consentsWithdrawn: z.boolean() }) } },
    needs: {
      userPool: ['adminWrite'],
      tables: { customers: 'readWrite', consentReceipts: 'write', sessions: 'readWrite', audit: 'write', privacyRequests: 'write' },
      queues: { outboundMessages: 'send' },
    },
  }))();

export const listConsents = /* @__PURE__ */ (() =>
  route({
    handler: 'list-consents',
    method: 'GET',
    path: '/v1/me/consents',
    access: 'customer',
    summary: 'The current consent of every purpose',
    tags: ['consents'],
    responses: { 200: { description: 'One entry per purpose', schema: z.array(consentStateSchema) } },
    needs: { tables: { customers: 'read' } },
  }))();

export const putConsent = /* @__PURE__ */ (() =>
  route({
    handler: 'put-consent',
    method: 'PUT',
    path: '/v1/me/consents/{purpose}',
    access: 'customer',
    summary: 'Grant or withdraw one purpose; appends a receipt. Withdrawing personal_data_processing closes the account',
    tags: ['consents'],
    request: { params: z.object({ purpose: consentPurposeSchema }), body: consentUpdateSchema },
    responses: {
      200: { description: 'The consent receipt', schema: receiptSchema },
      409: { description: 'The document version is not the current one (the detail names it)' },
    },
    needs: {
      userPool: ['adminWrite'],
      // privacyRequests: withdrawing personal_data_processing files the withdraw_consent request destruction works.
      tables: { customers: 'readWrite', consentReceipts: 'write', audit: 'write', sessions: 'readWrite', privacyRequests: 'write' },
      queues: { outboundMessages: 'send' },
    },
  }))();

export const listConsentReceipts = /* @__PURE__ */ (() =>
  route({
    handler: 'list-consent-receipts',
    method: 'GET',
    path: '/v1/me/consents/receipts',
    access: 'customer',
    summary: 'Every consent receipt of the customer, newest first',
    tags: ['consents'],
    request: { query: pageQuerySchema },
    responses: { 200: { description: 'A page of receipts', schema: pageOf(receiptSchema) } },
    needs: { tables: { consentReceipts: 'read' } },
  }))();
