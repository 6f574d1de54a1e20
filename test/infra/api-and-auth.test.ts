/**
 * Sign-in and the edge: the user pool enforces system/password-policy.ts with threat protection,
 * the API client revokes tokens and hides which emails exist, every route is one method with the
 * right authorization, API Gateway's own answers are problem documents, and the stage is
 * throttled, traced, logged without personal data and behind a rate-limiting WAF.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { apiScope, operatorsGroup } from '../../system/auth';
import { gatewayProblemBody, gatewayResponses, gatewaySecurityHeaders } from '../../system/gateway-responses';
import { passwordPolicy } from '../../system/password-policy';
import { routes } from '../../system/routes/index';
import type { RouteDefinition } from '../../system/routes/route';
import { arnOf, logicalIdOf, ref, referencedIds, resourceById, resourcesOf, single, type SynthResult, synthStack } from './app';

const system = synthStack();
const { template, stack } = system;
const userPoolId = logicalIdOf(stack.auth.userPool);

const testRoute = (handler: string, access: RouteDefinition['access'], path: string): RouteDefinition => ({
  handler,
  method: 'GET',
  path,
  access,
  summary: `test ${access} route`,
  tags: ['test'],
  responses: { 200: { description: 'ok' } },
});

/** One route of each access level, so the authorizer is shown attached whatever system/routes holds. */
const testRoutes: RouteDefinition[] = [
  testRoute('get-health', 'customer', '/v1/test/customer'),
  testRoute('get-openapi', 'operator', '/v1/admin/test/operator'),
  testRoute('get-legal-documents', 'public', '/v1/test/public'),
];

interface SynthesizedMethod {
  readonly logicalId: string;
  readonly method: string;
  readonly path: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The API's methods with their full paths, read back from the template's resource tree. */
const methodsOf = ({ template: t, stack: s }: SynthResult): SynthesizedMethod[] => {
  const restApiId = logicalIdOf(s.api.restApi);
  const resources = new Map(resourcesOf(t, 'AWS::ApiGateway::Resource').map((r) => [r.logicalId, r.properties]));
  const pathOf = (parent: unknown): string => {
    if (JSON.stringify(parent) === JSON.stringify({ 'Fn::GetAtt': [restApiId, 'RootResourceId'] })) return '';
    const [parentId] = referencedIds(parent);
    const resource = parentId === undefined ? undefined : resources.get(parentId);
    if (!resource) throw new Error(`unknown API resource ${JSON.stringify(parent)}`);
    return `${pathOf(resource['ParentId'])}/${String(resource['PathPart'])}`;
  };
  return resourcesOf(t, 'AWS::ApiGateway::Method').map((m) => ({
    logicalId: m.logicalId,
    method: String(m.properties['HttpMethod']),
    path: pathOf(m.properties['ResourceId']) || '/',
    properties: m.properties,
  }));
};

const routeMethod = (methods: SynthesizedMethod[], route: RouteDefinition): SynthesizedMethod => {
  return single(
    methods.filter((m) => m.method === route.method && m.path === route.path),
    `method ${route.method} ${route.path}`,
  );
};

const expectAuthorization = (result: SynthResult, route: RouteDefinition) => {
  const method = routeMethod(methodsOf(result), route);
  if (route.access === 'public') {
    expect(method.properties['AuthorizationType']).toBe('NONE');
    expect(method.properties['AuthorizerId']).toBeUndefined();
    return;
  }
  expect(method.properties['AuthorizationType']).toBe('COGNITO_USER_POOLS');
  expect(method.properties['AuthorizationScopes']).toEqual([apiScope]);
  const [authorizerId] = referencedIds(method.properties['AuthorizerId']);
  expect(authorizerId, 'the method names an authorizer').toBeDefined();
  const authorizer = resourceById(result.template, authorizerId ?? '');
  expect(authorizer.type).toBe('AWS::ApiGateway::Authorizer');
  expect(authorizer.properties).toMatchObject({
    Type: 'COGNITO_USER_POOLS',
    IdentitySource: 'method.request.header.Authorization',
    ProviderARNs: [arnOf(logicalIdOf(result.stack.auth.userPool))],
  });
};

describe('the user pool', () => {
  it('is the only user pool', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
  });

  it('has the password policy of system/password-policy.ts', () => {
    expect(resourceById(template, userPoolId).properties['Policies']).toMatchObject({
      PasswordPolicy: {
        MinimumLength: passwordPolicy.minLength,
        RequireLowercase: passwordPolicy.requireLowercase,
        RequireUppercase: passwordPolicy.requireUppercase,
        RequireNumbers: passwordPolicy.requireDigits,
        RequireSymbols: passwordPolicy.requireSymbols,
      },
    });
  });

  it('signs customers in by email', () => {
    expect(resourceById(template, userPoolId).properties['UsernameAttributes']).toEqual(['email']);
  });

  it('is on the Plus plan with threat protection enforced', () => {
    const { properties } = resourceById(template, userPoolId);
    expect(properties['UserPoolTier']).toBe('PLUS');
    // What CDK emits for standardThreatProtectionMode FULL_FUNCTION.
    expect(properties['UserPoolAddOns']).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  it('is deletion-protected and retained when the stack goes', () => {
    const pool = resourceById(template, userPoolId);
    expect(pool.properties['DeletionProtection']).toBe('ACTIVE');
    expect(pool.deletionPolicy).toBe('Retain');
    expect(pool.updateReplacePolicy).toBe('Retain');
  });

  it(`has an ${operatorsGroup} group`, () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: operatorsGroup, UserPoolId: ref(userPoolId) });
  });
});

describe('the API client', () => {
  const client = () => resourceById(template, logicalIdOf(stack.auth.client));

  it('belongs to the user pool and revokes tokens', () => {
    expect(client().properties).toMatchObject({ UserPoolId: ref(userPoolId), EnableTokenRevocation: true });
  });

  it('allows the password and refresh-token flows', () => {
    expect(client().properties['ExplicitAuthFlows']).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']));
  });

  it('does not reveal whether a user exists', () => {
    expect(client().properties['PreventUserExistenceErrors']).toBe('ENABLED');
  });
});

describe('the REST API methods', () => {
  const methods = methodsOf(system).filter((m) => m.method !== 'OPTIONS');

  it('are exactly one method per route of system/routes', () => {
    expect(methods.map((m) => `${m.method} ${m.path}`).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s invokes its own function', (_, route) => {
    const method = routeMethod(methods, route);
    const fn = stack.api.functions[route.handler];
    if (!fn) throw new Error(`no function for ${route.handler}`);
    const functionId = logicalIdOf(fn.function);
    expect(referencedIds(method.properties['Integration'])).toContain(functionId);
    expect(resourceById(template, functionId).properties['Description']).toBe(`${route.method} ${route.path}`);
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r.access, r] as const))('%s (%s) has its authorization', (_, __, route) => {
    expectAuthorization(system, route);
  });
});

describe('the Cognito authorizer on test routes of each access level', () => {
  const result = synthStack({ routes: testRoutes });

  it('builds just the test routes', () => {
    expect(methodsOf(result).filter((m) => m.method !== 'OPTIONS')).toHaveLength(testRoutes.length);
  });

  it.each(testRoutes.map((r) => [r.access, r] as const))('%s route', (_, route) => {
    expectAuthorization(result, route);
  });
});

describe('gateway responses', () => {
  it.each(Object.entries(gatewayResponses))('%s answers its status with a problem document', (_, response) => {
    const { properties } = single(
      resourcesOf(template, 'AWS::ApiGateway::GatewayResponse').filter((r) => r.properties['ResponseType'] === response.type),
      `${response.type} gateway response`,
    );
    expect(properties['RestApiId']).toEqual(ref(logicalIdOf(stack.api.restApi)));
    expect(properties['StatusCode']).toBe(String(response.status));
    expect(properties['ResponseParameters']).toMatchObject({ 'gatewayresponse.header.Content-Type': "'application/problem+json'" });
    // The gateway's own refusals carry the same security headers as the handlers' answers (and the local gateway's).
    for (const [name, value] of Object.entries(gatewaySecurityHeaders)) {
      expect((properties['ResponseParameters'] as Record<string, string>)[`gatewayresponse.header.${name}`], name).toBe(`'${value.replace(/'/g, "\\'")}'`);
    }
    const body = (properties['ResponseTemplates'] as Record<string, unknown> | undefined)?.['application/json'];
    expect(body).toBe(gatewayProblemBody(response));
    expect(JSON.parse(String(body))).toMatchObject({ status: response.status, title: response.title });
  });
});

describe('the API stage', () => {
  const stageId = logicalIdOf(stack.api.restApi.deploymentStage);
  const stageProperties = () => resourceById(template, stageId).properties;

  it('throttles every method', () => {
    expect(stageProperties()['MethodSettings']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: expect.any(Number),
          ThrottlingBurstLimit: expect.any(Number),
        }),
      ]),
    );
  });

  it('is traced with X-Ray', () => {
    expect(stageProperties()['TracingEnabled']).toBe(true);
  });

  it('never logs request or response bodies', () => {
    expect(stageProperties()['MethodSettings']).toEqual(expect.arrayContaining([expect.objectContaining({ DataTraceEnabled: false })]));
  });

  it('writes an access log without source IPs or caller identity', () => {
    const setting = stageProperties()['AccessLogSetting'] as { DestinationArn?: unknown; Format?: unknown } | undefined;
    expect(referencedIds(setting?.DestinationArn)).toHaveLength(1);
    expect(typeof setting?.Format).toBe('string');
    const format = String(setting?.Format);
    expect(format).toContain('$context.requestId');
    expect(format).not.toMatch(/sourceIp/i);
    expect(format).not.toMatch(/identity/i);
  });
});

describe('the WAF', () => {
  const acls = resourcesOf(template, 'AWS::WAFv2::WebACL');

  it('is one regional web ACL', () => {
    expect(single(acls, 'web ACL').properties['Scope']).toBe('REGIONAL');
  });

  it('blocks by a rate-based rule per address', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP', Limit: Match.anyValue() }) },
        }),
      ]),
    });
  });

  it('is associated with the API stage', () => {
    const { properties } = single(resourcesOf(template, 'AWS::WAFv2::WebACLAssociation'), 'web ACL association');
    expect(properties['WebACLArn']).toEqual(arnOf(single(acls, 'web ACL').logicalId));
    expect(referencedIds(properties['ResourceArn'])).toEqual(
      expect.arrayContaining([logicalIdOf(stack.api.restApi), logicalIdOf(stack.api.restApi.deploymentStage)]),
    );
  });
});

describe('threat protection answers', () => {
  it('blocks high-risk sign-ins and breached passwords', () => {
    const { template } = synthStack();
    template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      ClientId: 'ALL',
      AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'BLOCK' } } },
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
    });
  });
});

describe('API alarms', () => {
  it('alarm on a burst of 5xx answers, to the alarm topic', () => {
    const { template } = synthStack();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5XXError',
      Namespace: 'AWS/ApiGateway',
      Threshold: 5,
      AlarmActions: Match.anyValue(),
    });
  });
});

describe('settings from context', () => {
  it('give every function the basket reminder delay', () => {
    const { template } = synthStack({ extraContext: { basketReminderHours: '6' } });
    // folio's own functions (CDK's provider framework function is not one of them).
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'folio' } } },
    });
    expect(Object.keys(functions).length).toBeGreaterThan(10);
    for (const fn of Object.values(functions)) {
      expect((fn as { Properties: { Environment: { Variables: Record<string, string> } } }).Properties.Environment.Variables['BASKET_REMINDER_HOURS']).toBe('6');
    }
  });
});
