/**
 * Turns an API Gateway event into the typed request a route declared: size, media type,
 * JSON syntax and every field checked, in that order, before any domain code runs.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from '#system/zod';
import type { RouteDefinition } from '#system/routes/route';
import type { FieldError } from '#domain/errors';
import { operatorsGroup, type Principal, principalOf } from './principal';
import {
  forbidden,
  malformedJson,
  payloadTooLarge,
  unauthorized,
  unsupportedMediaType,
  validationFailed,
} from './problems';

/** The largest request body the API takes (the contract's 64 KiB). */
export const maxBodyBytes = 64 * 1024;

type Out<S> = S extends z.core.$ZodType ? z.output<S> : undefined;
type Req<R extends RouteDefinition> = NonNullable<R['request']>;

export interface HttpRequest<R extends RouteDefinition = RouteDefinition> {
  readonly params: Out<Req<R>['params']>;
  readonly query: Out<Req<R>['query']>;
  readonly body: Out<Req<R>['body']>;
  readonly principal: R['access'] extends 'public' ? Principal | undefined : Principal;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string;
  readonly sourceIp: string;
}

const lowerCaseHeaders = (event: APIGatewayProxyEvent): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return headers;
};

const fieldErrors = (location: string, issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.flatMap((issue) => {
    const base = [location, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${base}.${key}`, message: 'is not a known field' }));
    }
    return [{ path: base, message: issue.message }];
  });

const check = (location: string, schema: z.core.$ZodType | undefined, input: unknown, errors: FieldError[]): unknown => {
  if (schema === undefined) return undefined;
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  errors.push(...fieldErrors(location, result.error.issues));
  return undefined;
};

const isJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType.trim());

const isForm = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType.trim());

/** A form body as an object of its fields; a field given twice is kept as its last value. */
const formFields = (text: string): Record<string, string> => Object.fromEntries(new URLSearchParams(text));

const readBody = (event: APIGatewayProxyEvent, headers: Record<string, string>, wantsBody: boolean, encoding: 'json' | 'form'): unknown => {
  const raw = event.body;
  if (raw === null || raw === undefined || raw === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
  if (!wantsBody) return undefined;
  if (encoding === 'form') {
    if (!isForm(headers['content-type'])) throw unsupportedMediaType('application/x-www-form-urlencoded');
    return formFields(text);
  }
  if (!isJson(headers['content-type'])) throw unsupportedMediaType();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformedJson();
  }
};

export const parseRequest = <R extends RouteDefinition>(route: R, event: APIGatewayProxyEvent): HttpRequest<R> => {
  const headers = lowerCaseHeaders(event);
  const principal = principalOf(event);
  if (route.access !== 'public' && principal === undefined) throw unauthorized();
  if (route.access === 'operator' && !principal?.groups.includes(operatorsGroup)) {
    throw forbidden('This route is for operators.');
  }

  const bodySchema = route.request?.body;
  const rawBody = readBody(event, headers, bodySchema !== undefined, route.request?.bodyEncoding ?? 'json');
  const errors: FieldError[] = [];
  const params = check('path', route.request?.params, event.pathParameters ?? {}, errors);
  const query = check('query', route.request?.query, event.queryStringParameters ?? {}, errors);
  const body = check('body', bodySchema, rawBody, errors);
  if (errors.length > 0) throw validationFailed(errors);

  return {
    params,
    query,
    body,
    principal,
    headers,
    requestId: event.requestContext.requestId,
    sourceIp: event.requestContext.identity.sourceIp,
  } as HttpRequest<R>;
};
