import type { APIGatewayProxyResult } from 'aws-lambda';
import { type HttpProblem, problemBody, problemContentType } from './problems';

export interface HttpResult {
  readonly statusCode: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => ({ statusCode: 200, body, ...(headers && { headers }) });
export const created = (body: unknown): HttpResult => ({ statusCode: 201, body });
export const accepted = (body: unknown): HttpResult => ({ statusCode: 202, body });
export const noContent = (): HttpResult => ({ statusCode: 204 });

// Answers hold personal data unless a route says otherwise: no shared cache may keep them.
const baseHeaders = { 'Cache-Control': 'no-store' };

export const toProxyResult = (result: HttpResult): APIGatewayProxyResult => {
  const hasBody = result.body !== undefined;
  return {
    statusCode: result.statusCode,
    headers: {
      ...baseHeaders,
      ...(hasBody && { 'Content-Type': 'application/json; charset=utf-8' }),
      ...result.headers,
    },
    body: hasBody ? JSON.stringify(result.body) : '',
  };
};

export const problemResult = (problem: HttpProblem): APIGatewayProxyResult => ({
  statusCode: problem.status,
  headers: { ...baseHeaders, 'Content-Type': problemContentType, ...problem.headers },
  body: JSON.stringify(problemBody(problem)),
});
