/**
 * Every HTTP route of folio. The CDK app creates one API Gateway method and one function per
 * route (lib/constructs/api.ts); the local gateway serves the same table (local/gateway.ts);
 * the OpenAPI document is generated from it (system/openapi.ts). Adding a route is one entry
 * here plus its handler in lambdas/functions.
 */
import * as accountRoutes from './accounts';
import * as adminCustomerRoutes from './admin-customers';
import * as meRoutes from './me';
import * as privacyRoutes from './privacy';
import * as publicRoutes from './public';
import * as shopRoutes from './shop';
import type { RouteDefinition } from './route';

export type { Access, HttpMethod, RouteDefinition } from './route';

export const routes: readonly RouteDefinition[] = [
  ...Object.values(publicRoutes),
  ...Object.values(accountRoutes),
  ...Object.values(meRoutes),
  ...Object.values(adminCustomerRoutes),
  ...Object.values(shopRoutes),
  ...Object.values(privacyRoutes),
];
