/**
 * The HTTP API: a REST API (API Gateway v1), chosen over an HTTP API because a REST API takes a
 * regional WAF web ACL directly and has a native Cognito user-pool authorizer, while an HTTP API
 * gets WAF only through a CloudFront distribution (in us-east-1) in front of it. One method and
 * one function per route of system/routes; a Cognito authorizer that accepts the API client's
 * access tokens (by their scope) on customer and operator routes; gateway responses as problem
 * documents; stage throttling; JSON access logs without IPs; WAF with a rate-based rule.
 *
 * The route functions live in nested stacks, one per area of system/routes (`Routes<Area>`), so
 * that the stage's stack stays far below CloudFormation's 500 resources per stack; the REST API,
 * its resources, methods and invoke permissions stay here. CDK turns the references across (table
 * ARNs in, function ARNs out) into nested-stack parameters and outputs.
 */
import { Duration, NestedStack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { apiScope } from '../../system/auth';
import { corsPolicy } from '../../system/cors';
import { gatewayProblemBody, gatewayResponseHeaders, gatewayResponses } from '../../system/gateway-responses';
import type { FunctionRequirements } from '../../system/functions';
import type { RouteDefinition } from '../../system/routes/route';
import type { Alarms } from './alarms';
import { type FunctionBindings, FolioFunction } from './folio-function';

export interface ApiProps {
  readonly stage: string;
  /** The routes by area: each area with routes gets a nested stack `Routes<Area>` for its functions. */
  readonly routeAreas: Readonly<Record<string, readonly RouteDefinition[]>>;
  readonly bindings: FunctionBindings;
  readonly userPool: cognito.IUserPool;
  readonly corsOrigins: readonly string[];
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly wafRateLimit: number;
  readonly alarms: Alarms;
}

/** Authenticated routes read the session record on every request (lambdas/commons/http/handler.ts). */
const withSessionCheck = (route: RouteDefinition): FunctionRequirements => {
  const needs = route.needs ?? {};
  if (route.access === 'public' || needs.tables?.sessions !== undefined) return needs;
  return { ...needs, tables: { ...needs.tables, sessions: 'read' } };
};

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

export class Api extends Construct {
  public readonly restApi: apigw.RestApi;
  public readonly functions: Record<string, FolioFunction> = {};
  /** The nested stack of each area that has routes, by area name. */
  public readonly routeStacks: Record<string, NestedStack> = {};
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });

    this.restApi = new apigw.RestApi(this, 'RestApi', {
      description: `folio HTTP API (${props.stage})`,
      endpointTypes: [apigw.EndpointType.REGIONAL],
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Request and response bodies hold personal data: never logged.
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        // No source IP, no query string, no user: the access log holds no personal data.
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            resource: '$context.resourcePath',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            wafStatus: '$context.waf.status',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
      ...(props.corsOrigins.length > 0 && {
        defaultCorsPreflightOptions: {
          allowOrigins: [...props.corsOrigins],
          allowHeaders: [...corsPolicy.allowHeaders],
          allowMethods: [...corsPolicy.allowMethods],
          maxAge: Duration.seconds(corsPolicy.maxAgeSeconds),
        },
      }),
    });

    const firstOrigin = props.corsOrigins[0];
    for (const [key, response] of Object.entries(gatewayResponses)) {
      this.restApi.addGatewayResponse(`${pascal(key)}Response`, {
        type: apigw.ResponseType.of(response.type),
        statusCode: String(response.status),
        // Static values are quoted; a quote inside one (the CSP's 'none') is escaped.
        responseHeaders: {
          ...Object.fromEntries(Object.entries(gatewayResponseHeaders).map(([name, value]) => [name, `'${value.replace(/'/g, "\\'")}'`])),
          ...(firstOrigin && { 'Access-Control-Allow-Origin': `'${firstOrigin}'` }),
        },
        templates: { 'application/json': gatewayProblemBody(response) },
      });
    }

    // Created with the first route that needs it: CDK refuses an authorizer no method uses.
    let authorizer: apigw.CognitoUserPoolsAuthorizer | undefined;
    const cognitoAuthorizer = () =>
      (authorizer ??= new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
        cognitoUserPools: [props.userPool],
        identitySource: apigw.IdentitySource.header('Authorization'),
      }));

    const areaStack = (area: string): NestedStack => {
      if (!/^[A-Z][A-Za-z0-9]*$/.test(area)) throw new Error(`route area ${area} is not a PascalCase identifier`);
      return (this.routeStacks[area] ??= new NestedStack(this, `Routes${area}`, {
        description: `folio ${props.stage}: functions of the ${area} routes`,
      }));
    };
    const areaRoutes = Object.entries(props.routeAreas).flatMap(([area, routes]) => routes.map((route) => ({ area, route })));
    for (const { area, route } of areaRoutes) {
      if (this.functions[route.handler]) throw new Error(`handler ${route.handler} serves two routes`);
      const fn = new FolioFunction(areaStack(area), pascal(route.handler), {
        handler: route.handler,
        needs: withSessionCheck(route),
        bindings: props.bindings,
        description: `${route.method} ${route.path}`,
      });
      this.functions[route.handler] = fn;
      const method = this.restApi.root.resourceForPath(route.path).addMethod(
        route.method,
        new apigw.LambdaIntegration(fn.function, { proxy: true, allowTestInvoke: false }),
        route.access === 'public'
          ? { authorizationType: apigw.AuthorizationType.NONE, operationName: route.handler }
          : {
              authorizationType: apigw.AuthorizationType.COGNITO,
              authorizer: cognitoAuthorizer(),
              authorizationScopes: [apiScope],
              operationName: route.handler,
            },
      );
      if (route.access === 'public') {
        for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
          Validations.of(method).acknowledge({ id: rule, reason: `${route.method} ${route.path} is public by the API contract.` });
        }
      }
    }
    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason: 'Every route validates its request with zod in the shared HTTP layer, which answers problem documents naming each bad field; API Gateway validators cannot.',
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: `folio-${props.stage}-api`, sampledRequestsEnabled: false },
      rules: [
        {
          name: 'RateLimitPerAddress',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.wafRateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'rate-limit', sampledRequestsEnabled: false },
        },
        {
          name: 'AwsCommonRules',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // The API's own 64 KiB limit answers 413 with a problem document.
              excludedRules: [{ name: 'SizeRestrictions_BODY' }],
            },
          },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common-rules', sampledRequestsEnabled: false },
        },
        {
          name: 'AwsKnownBadInputs',
          priority: 2,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'known-bad-inputs', sampledRequestsEnabled: false },
        },
      ],
    });
    // A burst of 5xx means customers are failing: someone should look, whatever the cause.
    props.alarms.whenAtLeast(
      this,
      'ServerErrorsAlarm',
      this.restApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      5,
      'The API answered 5 or more 5xx in five minutes',
    );

    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.restApi.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
