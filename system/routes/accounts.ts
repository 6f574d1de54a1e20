import {
  changePasswordSchema,
  confirmSchema,
  forgotSchema,
  loginSchema,
  refreshedTokensSchema,
  refreshSchema,
  registerSchema,
  resetSchema,
  statusSchema,
  tokensSchema,
} from '../schemas/auth';
import type { FunctionRequirements } from '../functions';
import { route } from './route';

const sendsMessages: FunctionRequirements['queues'] = { outboundMessages: 'send' };

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const register = /* @__PURE__ */ (() =>
  route({
    handler: 'register',
    method: 'POST',
    path: '/v1/auth/register',
    access: 'public',
    summary: 'Register with names, email, password and one consent per purpose; the code goes by email',
    tags: ['auth'],
    request: { body: registerSchema },
    responses: {
      202: { description: 'Confirmation code sent (also when the email is already registered)', schema: statusSchema },
      409: { description: 'A consent names an outdated document version' },
    },
    needs: {
      userPool: ['signUp', 'adminWrite'],
      tables: { customers: 'write', consentReceipts: 'write', audit: 'write' },
      queues: sendsMessages,
    },
  }))();

export const confirmRegistration = /* @__PURE__ */ (() =>
  route({
    handler: 'confirm-registration',
    method: 'POST',
    path: '/v1/auth/confirm',
    access: 'public',
    summary: 'Confirm the email with the code; the profile becomes active',
    tags: ['auth'],
    request: { body: confirmSchema },
    responses: { 204: { description: 'Confirmed' } },
    needs: { userPool: ['signUp', 'adminRead'], tables: { customers: 'readWrite', audit: 'write' } },
  }))();

export const login = /* @__PURE__ */ (() =>
  route({
    handler: 'login',
    method: 'POST',
    path: '/v1/auth/login',
    access: 'public',
    summary: 'Sign in; repeated failures are throttled per account and per network',
    tags: ['auth'],
    request: { body: loginSchema },
    responses: {
      200: { description: 'Tokens', schema: tokensSchema },
      401: { description: 'Bad credentials (one generic message)' },
    },
    needs: {
      userPool: ['signIn', 'adminRead'],
      tables: { customers: 'read', sessions: 'readWrite', throttles: 'readWrite', watchList: 'readWrite', audit: 'write' },
    },
  }))();

export const refreshTokens = /* @__PURE__ */ (() =>
  route({
    handler: 'refresh-tokens',
    method: 'POST',
    path: '/v1/auth/refresh',
    access: 'public',
    summary: 'New access and ID tokens for a refresh token of a live session',
    tags: ['auth'],
    request: { body: refreshSchema },
    responses: { 200: { description: 'Tokens', schema: refreshedTokensSchema }, 401: { description: 'Revoked or invalid' } },
    needs: { userPool: ['signIn'], tables: { sessions: 'read' } },
  }))();

export const logout = /* @__PURE__ */ (() =>
  route({
    handler: 'logout',
    method: 'POST',
    path: '/v1/auth/logout',
    access: 'customer',
    summary: 'End this session: the refresh token and the access tokens issued with it are refused from now on',
    tags: ['auth'],
    request: { body: refreshSchema },
    responses: { 204: { description: 'Signed out' } },
    needs: { userPool: ['signIn'], tables: { sessions: 'readWrite' } },
  }))();

export const forgotPassword = /* @__PURE__ */ (() =>
  route({
    handler: 'forgot-password',
    method: 'POST',
    path: '/v1/auth/password/forgot',
    access: 'public',
    summary: 'Send a password reset code by email (always 202)',
    tags: ['auth'],
    request: { body: forgotSchema },
    responses: { 202: { description: 'Accepted', schema: statusSchema }, 429: { description: 'Too many recovery attempts for this address or network' } },
    needs: { userPool: ['signIn'], tables: { throttles: 'readWrite' } },
  }))();

export const resetPassword = /* @__PURE__ */ (() =>
  route({
    handler: 'reset-password',
    method: 'POST',
    path: '/v1/auth/password/reset',
    access: 'public',
    summary: 'Set a new password with the emailed code; every session of the account ends',
    tags: ['auth'],
    request: { body: resetSchema },
    responses: { 204: { description: 'Password set' }, 429: { description: 'Too many wrong codes for this address or network' } },
    needs: {
      userPool: ['signIn', 'adminRead', 'adminWrite'],
      tables: { sessions: 'readWrite', audit: 'write', throttles: 'readWrite' },
      queues: sendsMessages,
    },
  }))();

export const changePassword = /* @__PURE__ */ (() =>
  route({
    handler: 'change-password',
    method: 'POST',
    path: '/v1/auth/password/change',
    access: 'customer',
    summary: 'Change the password; every other session ends',
    tags: ['auth'],
    request: { body: changePasswordSchema },
    responses: { 204: { description: 'Changed' } },
    needs: { userPool: ['signIn'], tables: { sessions: 'readWrite', audit: 'write', customers: 'read' }, queues: sendsMessages },
  }))();

