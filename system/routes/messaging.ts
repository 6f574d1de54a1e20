import * as z from '../zod';
import {
  campaignAnswerSchema,
  campaignSchema,
  deviceIdSchema,
  deviceRegistrationSchema,
  deviceSchema,
  oneClickBodySchema,
  subscriptionsAnswerSchema,
  subscriptionsPatchSchema,
  subscriptionsSchema,
  unsubscribeAnswerSchema,
  unsubscribeQuerySchema,
} from '../schemas/messaging';
import { route } from './route';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const getSubscriptions = /* @__PURE__ */ (() =>
  route({
    handler: 'get-subscriptions',
    method: 'GET',
    path: '/v1/me/subscriptions',
    access: 'customer',
    summary: 'Subscription settings per channel (email, sms, push) and category (advertising, informational)',
    tags: ['messages'],
    responses: { 200: { description: 'Settings', schema: subscriptionsSchema } },
    needs: { tables: { customers: 'read' } },
  }))();

export const putSubscriptions = /* @__PURE__ */ (() =>
  route({
    handler: 'put-subscriptions',
    method: 'PUT',
    path: '/v1/me/subscriptions',
    access: 'customer',
    summary: "Change subscription settings: folio's own sends follow at once, contractors by contractorsSyncedBy",
    tags: ['messages'],
    request: { body: subscriptionsPatchSchema },
    responses: { 200: { description: 'Settings and when they take effect', schema: subscriptionsAnswerSchema } },
    needs: { tables: { customers: 'readWrite', audit: 'write' } },
  }))();

export const listDevices = /* @__PURE__ */ (() =>
  route({
    handler: 'list-devices',
    method: 'GET',
    path: '/v1/me/devices',
    access: 'customer',
    summary: 'Devices registered for push service messages',
    tags: ['messages'],
    responses: { 200: { description: 'Devices', schema: z.object({ items: z.array(deviceSchema) }) } },
    needs: { tables: { devices: 'read' } },
  }))();

export const registerDevice = /* @__PURE__ */ (() =>
  route({
    handler: 'register-device',
    method: 'POST',
    path: '/v1/me/devices',
    access: 'customer',
    summary: 'Register a device for push service messages; the same token again gives the same deviceId',
    tags: ['messages'],
    request: { body: deviceRegistrationSchema },
    responses: {
      201: { description: 'Registered', schema: z.object({ deviceId: z.string() }) },
      422: { description: 'Invalid token, or push on that platform is not configured' },
    },
    needs: { tables: { devices: 'readWrite' }, pushEndpoints: true },
  }))();

export const deleteDevice = /* @__PURE__ */ (() =>
  route({
    handler: 'delete-device',
    method: 'DELETE',
    path: '/v1/me/devices/{deviceId}',
    access: 'customer',
    summary: 'Unregister a device',
    tags: ['messages'],
    request: { params: z.object({ deviceId: deviceIdSchema }) },
    responses: { 204: { description: 'Unregistered' }, 404: { description: 'No such device of the caller' } },
    needs: { tables: { devices: 'readWrite' }, pushEndpoints: true },
  }))();

export const unsubscribePage = /* @__PURE__ */ (() =>
  route({
    handler: 'unsubscribe',
    method: 'GET',
    path: '/v1/unsubscribe',
    access: 'public',
    summary: "The unsubscribe link of an advertising or informational message: opts out of the message's channel and category",
    tags: ['messages'],
    request: { query: unsubscribeQuerySchema },
    responses: {
      200: { description: 'A page confirming the opt-out', contentType: 'text/html' },
      400: { description: 'A page saying the link is invalid or expired', contentType: 'text/html' },
    },
    needs: { tables: { messages: 'read', customers: 'readWrite', audit: 'write' }, secrets: ['unsubscribeSigning'] },
  }))();

export const unsubscribeOneClick = /* @__PURE__ */ (() =>
  route({
    handler: 'unsubscribe-one-click',
    method: 'POST',
    path: '/v1/unsubscribe',
    access: 'public',
    summary: 'One-click unsubscribe (RFC 8058): the same opt-out, posted by the mail client',
    tags: ['messages'],
    request: { query: unsubscribeQuerySchema, body: oneClickBodySchema, bodyEncoding: 'form' },
    responses: { 200: { description: 'Opted out', schema: unsubscribeAnswerSchema }, 400: { description: 'Invalid or expired token' } },
    needs: { tables: { messages: 'read', customers: 'readWrite', audit: 'write' }, secrets: ['unsubscribeSigning'] },
  }))();

export const createCampaign = /* @__PURE__ */ (() =>
  route({
    handler: 'create-campaign',
    method: 'POST',
    path: '/v1/admin/campaigns',
    access: 'operator',
    summary: 'Queue an advertising or informational campaign to the eligible audience of a channel',
    tags: ['operators', 'messages'],
    request: { body: campaignSchema, idempotent: true },
    responses: { 202: { description: 'Queued', schema: campaignAnswerSchema } },
    needs: { tables: { audiences: 'read', campaigns: 'readWrite' }, queues: { campaignFanout: 'send' } },
  }))();
