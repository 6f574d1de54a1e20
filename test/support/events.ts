/**
 * API Gateway REST proxy events and Lambda contexts for unit tests of handlers.
 */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export const restEvent = (options: {
  method?: string;
  path?: string;
  resource?: string;
  body?: string | null;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  params?: Record<string, string>;
  claims?: Record<string, string>;
}): APIGatewayProxyEvent => ({
  resource: options.resource ?? options.path ?? '/',
  path: options.path ?? '/',
  httpMethod: options.method ?? 'GET',
  headers: options.headers ?? {},
  multiValueHeaders: {},
  queryStringParameters: options.query ?? null,
  multiValueQueryStringParameters: null,
  pathParameters: options.params ?? null,
  stageVariables: null,
  body: options.body ?? null,
  isBase64Encoded: false,
  requestContext: {
    accountId: '000000000000',
    apiId: 'unit',
    authorizer: options.claims ? { claims: options.claims } : null,
    httpMethod: options.method ?? 'GET',
    identity: {
      accessKey: null,
      accountId: null,
      apiKey: null,
      apiKeyId: null,
      caller: null,
      clientCert: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: '203.0.113.7',
      user: null,
      userAgent: 'unit',
      userArn: null,
    },
    path: options.path ?? '/',
    protocol: 'HTTP/1.1',
    requestId: 'unit-request',
    requestTime: new Date().toUTCString(),
    requestTimeEpoch: Date.now(),
    resourceId: 'unit',
    resourcePath: options.resource ?? options.path ?? '/',
    stage: 'unit',
  },
});

export const lambdaContext = (name = 'unit'): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${name}`,
  memoryLimitInMB: '256',
  awsRequestId: 'unit-invocation',
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: 'unit',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
