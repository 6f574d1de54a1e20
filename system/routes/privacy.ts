/**
 * Privacy requests (policy 1.2.1; 152-FZ Art. 14, 20, 21): customers make and follow them,
 * operators work the queue soonest due first. Every state change is audited and tells the
 * customer by a service email.
 */
import * as z from '../zod';
import { disclosureAnswerSchema, disclosureSchema } from '../schemas/analytics';
import { reasonSchema } from '../schemas/auth';
import { pageOf, pageQuerySchema } from '../schemas/common';
import {
  adminQueueQuerySchema,
  privacyRequestCreateSchema,
  privacyRequestIdSchema,
  privacyRequestSchema,
  resolutionSchema,
} from '../schemas/privacy';
import { route } from './route';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
const requestParams = /* @__PURE__ */ (() => z.object({ requestId: privacyRequestIdSchema }))();

/** An operator's extension: reads the request, writes it, audits, reads the customer's email and queues the notice. */
const operatorChangeNeeds = {
  tables: { privacyRequests: 'readWrite', customers: 'read', audit: 'write' },
  queues: { outboundMessages: 'send' },
} as const;

/**
 * Closing (complete, reject) also lifts a block or rectify request's block on the customer's
 * record; completing a rectify request applies its corrections (identity attributes too).
 */
const operatorCloseNeeds = {
  userPool: ['adminWrite'],
  tables: { privacyRequests: 'readWrite', customers: 'readWrite', audit: 'write' },
  queues: { outboundMessages: 'send' },
} as const;

export const createPrivacyRequest = /* @__PURE__ */ (() =>
  route({
    handler: 'create-privacy-request',
    method: 'POST',
    path: '/v1/me/privacy-requests',
    access: 'customer',
    summary: 'Make an official privacy request; dueBy is its legal deadline. A retry with the same Idempotency-Key returns the first request',
    tags: ['privacy'],
    request: { body: privacyRequestCreateSchema, idempotent: true },
    responses: {
      201: { description: 'The request, with its history', schema: privacyRequestSchema },
      404: { description: 'No active account' },
      409: { description: 'The Idempotency-Key was used with another body' },
    },
    // customers readWrite: block and stop_processing restrict the customer's record at once.
    needs: {
      tables: { privacyRequests: 'readWrite', customers: 'readWrite', audit: 'write' },
      queues: { outboundMessages: 'send' },
    },
  }))();

export const listPrivacyRequests = /* @__PURE__ */ (() =>
  route({
    handler: 'list-privacy-requests',
    method: 'GET',
    path: '/v1/me/privacy-requests',
    access: 'customer',
    summary: "The caller's privacy requests, newest first (without history; read one for it)",
    tags: ['privacy'],
    request: { query: pageQuerySchema },
    responses: { 200: { description: 'A page of requests', schema: pageOf(privacyRequestSchema) } },
    needs: { tables: { privacyRequests: 'read' } },
  }))();

export const getPrivacyRequest = /* @__PURE__ */ (() =>
  route({
    handler: 'get-privacy-request',
    method: 'GET',
    path: '/v1/me/privacy-requests/{requestId}',
    access: 'customer',
    summary: 'One privacy request with its history; a completed access request carries its export in `result` (another customer’s is 404)',
    tags: ['privacy'],
    request: { params: requestParams },
    responses: {
      200: { description: 'The request', schema: privacyRequestSchema },
      404: { description: 'No such request of the caller' },
    },
    needs: { tables: { privacyRequests: 'read', accessExports: 'read' } },
  }))();

export const listPrivacyQueue = /* @__PURE__ */ (() =>
  route({
    handler: 'list-privacy-queue',
    method: 'GET',
    path: '/v1/admin/privacy-requests',
    access: 'operator',
    summary:
      'Open privacy requests, soonest due first. `status` narrows to an open status (RECEIVED, IN_PROGRESS, EXTENDED); ' +
      'a closed status (COMPLETED, REJECTED) is a 422, as the queue holds open requests only. `overdue=true`: only those past dueBy',
    tags: ['operators', 'privacy'],
    request: { query: adminQueueQuerySchema },
    responses: {
      200: { description: 'A page of open requests', schema: pageOf(privacyRequestSchema) },
      422: { description: 'Invalid query, or a closed status' },
    },
    // audit write: each page's reads are audited per customer.
    needs: { tables: { privacyRequests: 'read', audit: 'write' } },
  }))();

export const extendPrivacyRequest = /* @__PURE__ */ (() =>
  route({
    handler: 'extend-privacy-request',
    method: 'POST',
    path: '/v1/admin/privacy-requests/{requestId}/extend',
    access: 'operator',
    summary: 'Extend the deadline once, where the law allows it (access, stop_processing); the customer is told the reason. Else 409',
    tags: ['operators', 'privacy'],
    request: { params: requestParams, body: reasonSchema },
    responses: {
      200: { description: 'The request', schema: privacyRequestSchema },
      404: { description: 'No such request' },
      409: { description: 'Not extendable (type, already extended, closed, or changed meanwhile)' },
    },
    needs: operatorChangeNeeds,
  }))();

export const completePrivacyRequest = /* @__PURE__ */ (() =>
  route({
    handler: 'complete-privacy-request',
    method: 'POST',
    path: '/v1/admin/privacy-requests/{requestId}/complete',
    access: 'operator',
    summary: 'Complete an open request with a resolution the customer is told; 409 when closed or changed meanwhile',
    tags: ['operators', 'privacy'],
    request: { params: requestParams, body: resolutionSchema },
    responses: {
      200: { description: 'The request', schema: privacyRequestSchema },
      404: { description: 'No such request' },
      409: { description: 'Closed, or changed meanwhile' },
    },
    needs: operatorCloseNeeds,
  }))();

export const rejectPrivacyRequest = /* @__PURE__ */ (() =>
  route({
    handler: 'reject-privacy-request',
    method: 'POST',
    path: '/v1/admin/privacy-requests/{requestId}/reject',
    access: 'operator',
    summary: 'Refuse an open request with a reason the customer is told; 409 when closed or changed meanwhile',
    tags: ['operators', 'privacy'],
    request: { params: requestParams, body: reasonSchema },
    responses: {
      200: { description: 'The request', schema: privacyRequestSchema },
      404: { description: 'No such request' },
      409: { description: 'Closed, or changed meanwhile' },
    },
    needs: operatorCloseNeeds,
  }))();

export const recordDisclosure = /* @__PURE__ */ (() =>
  route({
    handler: 'record-disclosure',
    method: 'POST',
    path: '/v1/admin/disclosures',
    access: 'operator',
    summary: "Record a disclosure made under a legal requirement (policy 2.2): kept in the customer's audit trail and access export",
    tags: ['operators', 'privacy'],
    request: { body: disclosureSchema, idempotent: true },
    responses: { 201: { description: 'Recorded', schema: disclosureAnswerSchema }, 404: { description: 'No such customer' } },
    needs: { tables: { customers: 'read', disclosures: 'readWrite', audit: 'write' } },
  }))();
