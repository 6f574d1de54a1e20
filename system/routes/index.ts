/**
 * Every HTTP route of folio, by area. The CDK app creates one API Gateway method and one
 * function per route, each area's functions in a nested stack of its own (lib/constructs/api.ts);
 * the local gateway serves the same table (local/gateway.ts); the OpenAPI document is generated
 * from it (system/openapi.ts). Adding a route is one entry in an area's file plus its handler in
 * lambdas/functions; a new area is one more line here.
 */
import * as accountRoutes from './accounts';
import * as adminCustomerRoutes from './admin-customers';
import * as adminOrderRoutes from './admin-orders';
import * as analyticsRoutes from './analytics';
import * as meRoutes from './me';
import * as messagingRoutes from './messaging';
import * as privacyRoutes from './privacy';
import * as publicRoutes from './public';
import * as shopRoutes from './shop';
import type { RouteDefinition } from './route';

export type { Access, HttpMethod, RouteDefinition } from './route';

/** The routes of each area; an area's name is a CloudFormation-safe identifier. */
export const routeAreas: Readonly<Record<string, readonly RouteDefinition[]>> = {
  Public: Object.values(publicRoutes),
  Accounts: Object.values(accountRoutes),
  Me: Object.values(meRoutes),
  AdminCustomers: Object.values(adminCustomerRoutes),
  AdminOrders: Object.values(adminOrderRoutes),
  Shop: Object.values(shopRoutes),
  Privacy: Object.values(privacyRoutes),
  Messaging: Object.values(messagingRoutes),
  Analytics: Object.values(analyticsRoutes),
};

export const routes: readonly RouteDefinition[] = Object.values(routeAreas).flat();
