/**
 * CORS, shared by the API's preflight answers (API Gateway in the cloud, the local gateway
 * locally) and the handlers' own answers. The allowed origins come from configuration: CDK
 * context `corsOrigins` in the cloud, `CORS_ORIGINS` locally.
 */
export const corsPolicy = {
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  exposeHeaders: ['Retry-After'],
  maxAgeSeconds: 600,
} as const;
