/**
 * The OpenAPI 3.1 document, generated from the route definitions and their zod schemas, so
 * the document the storefront reads cannot drift from what the handlers validate.
 */
import type { ObjectSchema, RouteDefinition, Schema } from './routes/route';
import * as z from './zod';
import { problemSchema } from './schemas/common';

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: Schema, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const parameters = (location: 'path' | 'query', schema: ObjectSchema | undefined) => {
  if (schema === undefined) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const commonProblems = (route: RouteDefinition) => ({
  ...(route.request?.body === undefined ? {} : {
    400: problemResponse('Malformed JSON'),
    413: problemResponse('Body over 64 KiB'),
    415: problemResponse('Body is not application/json'),
  }),
  ...(route.request === undefined ? {} : { 422: problemResponse('Validation failed; `errors` names each bad field') }),
  ...(route.access === 'public' ? {} : { 401: problemResponse('Missing, invalid, expired or revoked token') }),
  ...(route.access === 'operator' ? { 403: problemResponse('Not a member of the operators group') } : {}),
  429: problemResponse('Too many requests'),
  500: problemResponse('Internal error (generic body)'),
  503: problemResponse('Temporarily unavailable; retry after `Retry-After` seconds'),
});

export const openApiDocument = (routes: readonly RouteDefinition[]) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = { ...commonProblems(route) };
    for (const [status, response] of Object.entries(route.responses)) {
      const isProblem = Number(status) >= 400;
      responses[status] = isProblem && response.schema === undefined
        ? problemResponse(response.description)
        : {
            description: response.description,
            ...(response.schema && {
              content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } },
            }),
          };
    }
    const body = route.request?.body;
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.handler,
      summary: route.summary,
      tags: route.tags,
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(route.access === 'operator' ? { 'x-folio-group': 'operators' } : {}),
      parameters: [
        ...parameters('path', route.request?.params),
        ...parameters('query', route.request?.query),
        ...(route.request?.idempotent
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,64}$' } }]
          : []),
      ],
      ...(body && {
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input') } } },
      }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'folio HTTP API',
      version: '1',
      description:
        'The customer-data backend of the bookstore. Errors are RFC 9457 problem documents; validation errors name each bad field as `body.<field>`, `query.<name>` or `path.<name>`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (Cognito access token)' } },
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
};
