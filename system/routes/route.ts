import type * as z from '../zod';
import type { FunctionRequirements } from '../functions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `customer` and `operator` need a valid access token (the API's
 * Cognito authorizer, locally the gateway's verifier); `operator` also needs membership of
 * the `operators` group, checked by the shared HTTP layer.
 */
export type Access = 'public' | 'customer' | 'operator';

/** Any zod schema: zod/mini (#system/zod), which the functions bundle, or classic zod. */
export type Schema = z.core.$ZodType;

/** An object schema of either kind (both expose their shape). */
export type ObjectSchema = z.core.$ZodObject & { readonly shape: z.core.$ZodShape };

export interface RouteResponse {
  readonly description: string;
  readonly schema?: Schema;
  readonly contentType?: string;
}

export interface RouteDefinition {
  /** The handler file in lambdas/functions, and the function's name. */
  readonly handler: string;
  readonly method: HttpMethod;
  /** API Gateway resource path; `{name}` marks a path parameter. */
  readonly path: string;
  readonly access: Access;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly request?: {
    readonly params?: ObjectSchema;
    readonly query?: ObjectSchema;
    readonly body?: Schema;
    /** How the body is encoded: JSON unless a route takes a form (RFC 8058's one-click unsubscribe). */
    readonly bodyEncoding?: 'json' | 'form';
    /** Routes that create something accept an `Idempotency-Key` header. */
    readonly idempotent?: boolean;
  };
  readonly responses: Readonly<Record<number, RouteResponse>>;
  readonly needs?: FunctionRequirements;
}

/** Identity helper that keeps a route's literal schema types for the handler's inference. */
export const route = <const R extends RouteDefinition>(definition: R): R => definition;
