import type { APIGatewayProxyResult } from 'aws-lambda';
import { type HttpProblem, problemBody, problemContentType } from './problems';

export interface HttpResult {
  readonly statusCode: number;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, with the content type in `headers` (an HTML page). */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An HTML page (a link a customer opens from an email). */
export const htmlPage = (statusCode: number, markup: string): HttpResult => ({
  statusCode,
  text: markup,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
});

export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => ({ statusCode: 200, body, ...(headers && { headers }) });
export const created = (body: unknown): HttpResult => ({ statusCode: 201, body });
export const accepted = (body: unknown): HttpResult => ({ statusCode: 202, body });
export const noContent = (): HttpResult => ({ statusCode: 204 });

// Answers hold personal data unless a route says otherwise: no shared cache may keep them.
const baseHeaders = { 'Cache-Control': 'no-store' };

export const toProxyResult = (result: HttpResult): APIGatewayProxyResult => {
  if (result.text !== undefined) return { statusCode: result.statusCode, headers: { ...baseHeaders, ...result.headers }, body: result.text };
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
