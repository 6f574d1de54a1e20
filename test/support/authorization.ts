/**
 * The authorization matrix (issue 10): for every route of system/routes, the status each kind of
 * caller gets, and a minimal valid request per route, so that a 2xx proves access and not merely a
 * passed validation. test/integration/authorization-matrix.test.ts runs every route × every caller
 * against the local stack and fails when a route has no row here, or a row names no route.
 *
 * Why the statuses are what they are (lambdas/commons/http, local/gateway.ts, docs/architecture.md
 * sections 4 and 5):
 * - Public routes: the gateway verifies no token on them and the handler sees no principal, so
 *   any Authorization header (forged, revoked, of a closed account) is ignored: every caller is
 *   answered as the anonymous one, never 401 or 403.
 * - Customer and operator routes: no token, or one that fails verification (forged signature),
 *   is the gateway's 401. A verified token then meets parseRequest: the operators group check
 *   (403) and validation (422) come BEFORE the session check (401). So a customer whose session
 *   has ended (closed account, logout, forced reset) gets 403 on an operator route, not 401: the
 *   refusal says no more than "not an operator". On customer routes, with the valid bodies sent
 *   here, an ended session is 401 — for customers and for a logged-out operator alike.
 * - Operators have no customer record. Routes under /v1/me that need an active customer answer
 *   them 404 ("There is no active account"); routes that only keep items under the caller's id
 *   (receipts, basket, favourites, devices, orders, privacy requests) answer an empty list, and
 *   basket, favourites and device registration accept an operator's writes under its own id.
 * - Another customer on the owner's ids (order, privacy request, device) gets 404, never 403; on
 *   the /v1/me routes without an id, "another customer" acts on themselves and gets what the owner
 *   gets.
 */
import { randomUUID } from 'node:crypto';
import { consentVersion, strongPassword, uniqueEmail, type TestCustomer, type Tokens } from './customers';
import { delivery, recipient } from './orders';

export const callerKinds = ['anonymous', 'forged', 'owner', 'other', 'operator', 'closed', 'revoked', 'forced', 'revokedOperator'] as const;
/**
 * - anonymous: no Authorization header.
 * - forged: the owner's access token with its signature replaced.
 * - owner: the customer whose order, privacy request and device the requests name.
 * - other: another active customer, on the owner's ids (on /v1/me routes: on themselves).
 * - operator: a live session of the seeded operator (a login of the matrix's own).
 * - closed: a customer who closed the account (DELETE /v1/me).
 * - revoked: a customer's access token after POST /v1/auth/logout of its session.
 * - forced: a customer's access token after an operator's force-password-reset.
 * - revokedOperator: a second login of the operator, logged out (the shared session is untouched).
 */
export type CallerKind = (typeof callerKinds)[number];

export type Row = Readonly<Record<CallerKind, number>>;

export interface Caller {
  readonly kind: CallerKind;
  /** The bearer token, if the caller sends one. */
  readonly tokens?: Tokens;
  /** The customer behind the token (none for anonymous and the operator). */
  readonly customer?: TestCustomer;
}

export interface MatrixFixtures {
  readonly owner: TestCustomer & { readonly orderId: string; readonly requestId: string; readonly deviceId: string };
  /** Target of operator actions on a customer (audit, disclosure). */
  readonly subject: TestCustomer;
  /** Used by the public sign-in routes (login, refresh). */
  readonly signInUser: TestCustomer;
  /** A book of the matrix's own (basket, favourites, orders). */
  readonly productId: string;
  /** A book of the matrix's own whose price the operator changes. */
  readonly priceProductId: string;
  /** A new confirmed, signed-in customer. */
  freshCustomer(): Promise<TestCustomer>;
  /** A new open access request of the subject. */
  freshRequest(): Promise<string>;
  /** A new device of the customer. */
  freshDevice(token: string): Promise<string>;
}

export interface SampleRequest {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** A body sent as is (form-encoded routes), with its content type. */
  readonly form?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A loopback address to send from (a network of the matrix's own, for per-network limits). */
  readonly from?: string;
}

export type Sample = (fixtures: MatrixFixtures, caller: Caller) => SampleRequest | Promise<SampleRequest>;

/**
 * Rows whose successful call would spoil the caller for the other rows (it closes the account,
 * changes the password, ends the session). For these, the live callers (owner, other, operator)
 * are made afresh for the one call: a new customer each, a new login of the operator.
 */
export const ownCallerRoutes: ReadonlySet<string> = new Set(['DELETE /v1/me', 'POST /v1/auth/password/change', 'POST /v1/auth/logout']);

const all = (status: number): Row => ({
  anonymous: status,
  forged: status,
  owner: status,
  other: status,
  operator: status,
  closed: status,
  revoked: status,
  forced: status,
  revokedOperator: status,
});

/** A public route: the caller is ignored. */
const publicRoute = (status: number): Row => all(status);

/** A customer route: `owner`, `other` and `operator` as given; every ended session 401. */
const customerRoute = (answers: { owner: number; other: number; operator: number }): Row => ({ ...all(401), ...answers });

/** An operator route: no or bad token 401, any customer token 403 (group check first), ended operator session 401. */
const operatorRoute = (operator: number): Row => ({
  ...all(403),
  anonymous: 401,
  forged: 401,
  operator,
  revokedOperator: 401,
});

/** Customer route on /v1/me without an id: another customer acts on themselves. */
const mine = (owner: number, operator: number) => customerRoute({ owner, other: owner, operator });

/** The expected statuses, keyed `<METHOD> <path>` exactly as in system/routes. */
export const expectedStatuses: Readonly<Record<string, Row>> = {
  // Public
  'GET /v1/health': publicRoute(200),
  'GET /v1/products': publicRoute(200),
  'GET /v1/products/{productId}': publicRoute(200),
  'GET /v1/legal/documents': publicRoute(200),
  'GET /v1/openapi.json': publicRoute(200),
  'POST /v1/auth/register': publicRoute(202),
  // A code for an address never registered: the documented "wrong or expired code".
  'POST /v1/auth/confirm': publicRoute(422),
  'POST /v1/auth/login': publicRoute(200),
  'POST /v1/auth/refresh': publicRoute(200),
  'POST /v1/auth/password/forgot': publicRoute(202),
  // A wrong code ("is wrong or expired"): refused whoever calls.
  'POST /v1/auth/password/reset': publicRoute(422),
  'POST /v1/events': publicRoute(202),
  // An unsubscribe token that is not one of folio's: the "invalid or expired" answer.
  'GET /v1/unsubscribe': publicRoute(400),
  'POST /v1/unsubscribe': publicRoute(400),

  // Customer: sessions and password (callers of their own, see ownCallerRoutes)
  'POST /v1/auth/logout': mine(204, 204),
  // The operator sends a wrong current password (never the real one): the 422 naming
  // body.currentPassword ("is not the current password").
  'POST /v1/auth/password/change': mine(204, 422),

  // Customer: profile and consents
  'GET /v1/me': mine(200, 404),
  'PATCH /v1/me': mine(200, 404),
  'DELETE /v1/me': mine(202, 404),
  'GET /v1/me/consents': mine(200, 404),
  'PUT /v1/me/consents/{purpose}': mine(200, 404),
  'GET /v1/me/consents/receipts': mine(200, 200),

  // Customer: shop
  'GET /v1/me/basket': mine(200, 200),
  'PUT /v1/me/basket/items/{productId}': mine(200, 200),
  'DELETE /v1/me/basket/items/{productId}': mine(200, 200),
  'GET /v1/me/favorites': mine(200, 200),
  'PUT /v1/me/favorites/{productId}': mine(200, 200),
  'DELETE /v1/me/favorites/{productId}': mine(200, 200),
  'POST /v1/orders': mine(201, 404),
  'GET /v1/orders': mine(200, 200),
  'GET /v1/orders/{orderId}': customerRoute({ owner: 200, other: 404, operator: 404 }),
  'GET /v1/me/loyalty': mine(200, 404),
  'GET /v1/me/recommendations': mine(200, 404),

  // Customer: privacy requests
  'POST /v1/me/privacy-requests': mine(201, 404),
  'GET /v1/me/privacy-requests': mine(200, 200),
  'GET /v1/me/privacy-requests/{requestId}': customerRoute({ owner: 200, other: 404, operator: 404 }),

  // Customer: messaging
  'GET /v1/me/subscriptions': mine(200, 404),
  'PUT /v1/me/subscriptions': mine(200, 404),
  'GET /v1/me/devices': mine(200, 200),
  // Devices, like basket and favourites, are kept under the caller's id without reading a customer
  // record: an operator may register one (it is theirs alone; push messages go to customers only).
  'POST /v1/me/devices': mine(201, 201),
  'DELETE /v1/me/devices/{deviceId}': customerRoute({ owner: 204, other: 404, operator: 404 }),

  // Operators
  'POST /v1/admin/customers/{customerId}/force-password-reset': operatorRoute(202),
  'GET /v1/admin/customers/{customerId}/audit': operatorRoute(200),
  'GET /v1/admin/watch-list': operatorRoute(200),
  'POST /v1/admin/orders/{orderId}/status': operatorRoute(200),
  'GET /v1/admin/orders': operatorRoute(200),
  'GET /v1/admin/orders/{orderId}': operatorRoute(200),
  'POST /v1/admin/products/{productId}/price': operatorRoute(200),
  'GET /v1/admin/privacy-requests': operatorRoute(200),
  'POST /v1/admin/privacy-requests/{requestId}/extend': operatorRoute(200),
  'POST /v1/admin/privacy-requests/{requestId}/complete': operatorRoute(200),
  'POST /v1/admin/privacy-requests/{requestId}/reject': operatorRoute(200),
  'POST /v1/admin/disclosures': operatorRoute(201),
  'POST /v1/admin/campaigns': operatorRoute(202),
  'GET /v1/admin/site-stats': operatorRoute(200),
};

/** The matrix's own network for the per-network limits (test/integration/recovery-throttling.test.ts uses 127.0.91-92). */
const recoveryNetwork = '127.0.141.1';
const marker = `authz-matrix-${randomUUID().slice(0, 8)}`;
const today = () => new Date().toISOString().slice(0, 10);
/** Operator actions that would change something get a target of their own only when they can succeed. */
const acts = (caller: Caller) => caller.kind === 'operator';

/** A minimal valid request per route. Rows with no entry send no params, query or body. */
export const samples: Readonly<Record<string, Sample>> = {
  'GET /v1/products/{productId}': (f) => ({ params: { productId: f.productId } }),
  'POST /v1/auth/register': () => ({
    body: {
      email: uniqueEmail('matrix'),
      password: strongPassword(),
      firstName: 'Anna',
      lastName: 'Karenina',
      consents: [{ purpose: 'personal_data_processing', documentVersion: consentVersion, granted: true }],
    },
  }),
  'POST /v1/auth/confirm': () => ({ body: { email: uniqueEmail('matrix-unregistered'), code: '000000' } }),
  'POST /v1/auth/login': (f) => ({ body: { email: f.signInUser.email, password: f.signInUser.password } }),
  'POST /v1/auth/refresh': (f) => ({ body: { refreshToken: f.signInUser.tokens.refreshToken } }),
  // Recovery is limited per address (5) and per network (60) in a window: each call names an
  // address of its own (the answer is the same, registered or not) and comes from the matrix's network.
  'POST /v1/auth/password/forgot': () => ({ body: { email: uniqueEmail('matrix-forgot') }, from: recoveryNetwork }),
  'POST /v1/auth/password/reset': () => ({ body: { email: uniqueEmail('matrix-reset'), code: '000000', newPassword: strongPassword() }, from: recoveryNetwork }),
  'POST /v1/events': () => ({ body: { type: 'page_view', path: `/${marker}` } }),
  'GET /v1/unsubscribe': () => ({ query: { token: 'not-a-folio-unsubscribe-token' } }),
  'POST /v1/unsubscribe': () => ({ query: { token: 'not-a-folio-unsubscribe-token' }, form: 'List-Unsubscribe=One-Click' }),

  'POST /v1/auth/logout': (_f, caller) => ({ body: { refreshToken: caller.tokens?.refreshToken ?? 'no-refresh-token' } }),
  'POST /v1/auth/password/change': (_f, caller) => ({
    // Only customers know a password here; the operator's is never sent.
    body: { currentPassword: caller.customer?.password ?? 'Not-The-Password-1!', newPassword: strongPassword() },
  }),

  'PATCH /v1/me': () => ({ body: { firstName: 'Anna' } }),
  'DELETE /v1/me': () => ({ body: {} }),
  'PUT /v1/me/consents/{purpose}': () => ({ params: { purpose: 'advertising' }, body: { granted: true, documentVersion: consentVersion } }),

  'PUT /v1/me/basket/items/{productId}': (f) => ({ params: { productId: f.productId }, body: { quantity: 1 } }),
  'DELETE /v1/me/basket/items/{productId}': (f) => ({ params: { productId: f.productId } }),
  'PUT /v1/me/favorites/{productId}': (f) => ({ params: { productId: f.productId } }),
  'DELETE /v1/me/favorites/{productId}': (f) => ({ params: { productId: f.productId } }),
  'POST /v1/orders': (f) => ({ body: { items: [{ productId: f.productId, quantity: 1 }], recipient, delivery } }),
  'GET /v1/orders/{orderId}': (f) => ({ params: { orderId: f.owner.orderId } }),

  'POST /v1/me/privacy-requests': () => ({ body: { type: 'access' } }),
  'GET /v1/me/privacy-requests/{requestId}': (f) => ({ params: { requestId: f.owner.requestId } }),

  'PUT /v1/me/subscriptions': () => ({ body: { email: { informational: true } } }),
  'POST /v1/me/devices': () => ({ body: { platform: 'fcm', token: `fcm-${randomUUID()}` } }),
  // The owner deletes a device of its own making, so the owner's fixture device stays for the others.
  'DELETE /v1/me/devices/{deviceId}': async (f, caller) => ({
    params: { deviceId: caller.kind === 'owner' ? await f.freshDevice(f.owner.tokens.accessToken) : f.owner.deviceId },
  }),

  'POST /v1/admin/customers/{customerId}/force-password-reset': async (f, caller) => ({
    params: { customerId: acts(caller) ? (await f.freshCustomer()).customerId : f.subject.customerId },
    body: { reason: 'authorization matrix' },
  }),
  'GET /v1/admin/customers/{customerId}/audit': (f) => ({ params: { customerId: f.subject.customerId } }),
  'POST /v1/admin/orders/{orderId}/status': (f) => ({ params: { orderId: f.owner.orderId }, body: { status: 'CONFIRMED' } }),
  'GET /v1/admin/orders': () => ({ query: { limit: '5' } }),
  'GET /v1/admin/orders/{orderId}': (f) => ({ params: { orderId: f.owner.orderId } }),
  'POST /v1/admin/products/{productId}/price': (f) => ({ params: { productId: f.priceProductId }, body: { priceMinor: 45_000 } }),
  'POST /v1/admin/privacy-requests/{requestId}/extend': async (f, caller) => ({
    params: { requestId: acts(caller) ? await f.freshRequest() : f.owner.requestId },
    body: { reason: 'authorization matrix' },
  }),
  'POST /v1/admin/privacy-requests/{requestId}/complete': async (f, caller) => ({
    params: { requestId: acts(caller) ? await f.freshRequest() : f.owner.requestId },
    body: { resolution: 'authorization matrix' },
  }),
  'POST /v1/admin/privacy-requests/{requestId}/reject': async (f, caller) => ({
    params: { requestId: acts(caller) ? await f.freshRequest() : f.owner.requestId },
    body: { reason: 'authorization matrix' },
  }),
  'POST /v1/admin/disclosures': (f) => ({
    body: { customerId: f.subject.customerId, recipient: 'Matrix Court', legalBasis: 'authorization matrix', dataCategories: ['identity'] },
  }),
  // Push, informational: reaches only devices of consenting customers, and names the matrix.
  'POST /v1/admin/campaigns': () => ({ body: { channel: 'push', category: 'informational', body: `Matrix notice ${marker}` } }),
  'GET /v1/admin/site-stats': () => ({ query: { day: today() } }),
};

/** A route's key in the table. */
export const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
