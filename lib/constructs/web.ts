/**
 * The web pages (web/) in the cloud: a private S3 bucket behind a CloudFront distribution, with
 * the REST API under the same distribution at `/v1/*`, so the pages and the API share one origin
 * (the session worker calls the API same-origin: no CORS, `connect-src 'self'`).
 *
 * The pages are built at synth by web/build.ts (the same build the local stack serves from
 * memory) and copied to the bucket by a BucketDeployment; `config.json` is written by the
 * deployment from configuration (`webApiBaseUrl`, default '' = the pages' own origin). The
 * headers a browser sees come from system/web.ts, as on the local gateway: the response headers
 * policy is built from `webSecurityHeaders`, the viewer-request function from `isPagePath`, and
 * each file's Cache-Control from `webCacheControl`.
 *
 * A nested stack of its own: the deployment brings a Lambda function (the stage's stack keeps
 * none) and the pages stay apart from the API's resources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, type CfnElement, DefaultStackSynthesizer, Duration, NestedStack, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { isPagePath, type WebConfig, webCacheControl, webSecurityHeaders } from '../../system/web';
import { buildWeb, writeWeb } from '../../web/build';
import { accessLogBucket } from './access-log-bucket';

export interface WebProps {
  readonly stage: string;
  /** The API, served by the distribution at `/v1/*`. */
  readonly restApi: apigw.RestApiBase;
  /** What `config.json` tells the pages: '' for the distribution's own `/v1/*`, else the API's URL. */
  readonly apiBaseUrl: string;
  /** A custom domain with its ACM certificate (in us-east-1, as CloudFront requires). */
  readonly domain?: { readonly name: string; readonly certificateArn: string } | undefined;
}

/**
 * The CloudFront function's source (cloudfront-js-2.0): a page path is answered with
 * `/index.html`, exactly as local/web.ts does. The rule is system/web.ts's `isPagePath` itself,
 * its compiled source embedded, so there is one definition; test/infra/web.test.ts runs this
 * source and checks it agrees with `isPagePath`.
 */
export const pageRewriteSource = (): string =>
  [
    `var isPagePath = ${isPagePath.toString()};`,
    'function handler(event) {',
    '  var request = event.request;',
    "  if (isPagePath(request.uri)) request.uri = '/index.html';",
    '  return request;',
    '}',
  ].join('\n');

/** The origin (scheme, host, port) of an absolute URL, or undefined for '' (same origin). */
const originOf = (url: string): string | undefined => (url === '' ? undefined : new URL(url).origin);

/**
 * CloudFront's response headers policy for the headers of system/web.ts. CloudFront takes the
 * well-known security headers only in their own fields (as custom headers they are refused), so
 * those are parsed back from the strings; anything else is a custom header. A header this does
 * not understand fails the synth rather than being dropped.
 */
export const responseHeadersOf = (headers: Readonly<Record<string, string>>): cloudfront.ResponseHeadersPolicyProps => {
  const security: {
    -readonly [K in keyof cloudfront.ResponseSecurityHeadersBehavior]: cloudfront.ResponseSecurityHeadersBehavior[K];
  } = {};
  const custom: cloudfront.ResponseCustomHeader[] = [];
  for (const [header, value] of Object.entries(headers)) {
    switch (header.toLowerCase()) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'strict-transport-security': {
        const maxAge = /^max-age=(\d+)(; includeSubDomains)?(; preload)?$/.exec(value);
        if (!maxAge?.[1]) throw new Error(`Strict-Transport-Security ${value} is not understood`);
        security.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(maxAge[1])),
          includeSubdomains: maxAge[2] !== undefined,
          preload: maxAge[3] !== undefined,
          override: true,
        };
        break;
      }
      case 'x-content-type-options':
        if (value !== 'nosniff') throw new Error(`X-Content-Type-Options ${value} is not understood`);
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options':
        if (value !== 'DENY' && value !== 'SAMEORIGIN') throw new Error(`X-Frame-Options ${value} is not understood`);
        security.frameOptions = { frameOption: cloudfront.HeadersFrameOption[value], override: true };
        break;
      case 'referrer-policy': {
        const policy = Object.values(cloudfront.HeadersReferrerPolicy).find((known) => known === value);
        if (policy === undefined) throw new Error(`Referrer-Policy ${value} is not understood`);
        security.referrerPolicy = { referrerPolicy: policy, override: true };
        break;
      }
      case 'x-xss-protection':
        throw new Error('X-XSS-Protection is not mapped: add it here');
      default:
        custom.push({ header, value, override: true });
    }
  }
  return {
    securityHeadersBehavior: security,
    ...(custom.length > 0 && { customHeadersBehavior: { customHeaders: custom } }),
  };
};

export class Web extends NestedStack {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  /** The pages' address: the custom domain's, else the distribution's. */
  public readonly url: string;
  /** The pages' `config.json` as deployed. */
  public readonly config: WebConfig;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id, { description: `folio ${props.stage}: the web pages (S3 behind CloudFront, the API at /v1/*)` });
    this.config = { apiBaseUrl: props.apiBaseUrl, stage: props.stage };

    const accessLogs = accessLogBucket(this, 90);

    // SSE-S3, not the stack's KMS key: the bucket holds the public pages (the same bytes every
    // visitor downloads), and reading SSE-KMS objects through OAC needs CloudFront in the key's
    // policy, a grant on the stage's customer-data key for no gain in confidentiality.
    this.bucket = new s3.Bucket(this, 'Pages', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      // Old hashed assets stay (the deployment does not prune) for pages still open; replaced
      // versions of index.html and config.json expire after a month.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'pages/',
      // Kept by a stack deletion like every bucket of the stage (CloudFormation cannot delete a
      // bucket with objects in it); README, Destroy, says how to remove it. Nothing in it is personal.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const pageRewrite = new cloudfront.Function(this, 'PageRewrite', {
      comment: 'page paths answer /index.html (system/web.ts isPagePath)',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(pageRewriteSource()),
    });
    const functionAssociations = [{ function: pageRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }];

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `folio ${props.stage} pages: system/web.ts webSecurityHeaders`,
      ...responseHeadersOf(webSecurityHeaders(originOf(props.apiBaseUrl))),
    });

    // LIST lets a missing file be a 404 (as locally) rather than S3's 403; query strings never
    // reach S3 (the cache policies drop them), so nothing can ask the bucket for a listing.
    const pagesOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `folio ${props.stage} web pages and API`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(props.domain && {
        // Only a certificate of ours can raise the floor: the default one is fixed at TLSv1.
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        domainNames: [props.domain.name],
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      }),
      defaultBehavior: {
        origin: pagesOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // index.html and config.json carry Cache-Control: no-cache from S3 (webCacheControl) and are invalidated on deploy.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations,
      },
      additionalBehaviors: {
        // Content-hashed names: cached for a year at the edge and in the browser.
        '/assets/*': {
          origin: pagesOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
          functionAssociations,
        },
        // The API: nothing cached (its answers are personal and say no-store), every viewer
        // header but Host forwarded (Authorization included: allowed with caching disabled), the
        // API's own security headers and problem documents passed through.
        '/v1/*': {
          origin: new origins.RestApiOrigin(props.restApi),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'No request reaches the bucket as "/": the default root object is index.html and the viewer-request function sends every page path, "/" and folders included, to /index.html; query strings are not forwarded.',
    );
    this.url = props.domain ? `https://${props.domain.name}` : `https://${this.distribution.distributionDomainName}`;

    for (const [id, reason] of [
      ['AwsSolutions-CFR1', 'The shop sells worldwide: no country is refused the pages.'],
      [
        'AwsSolutions-CFR2',
        "A WAF web ACL for CloudFront must live in us-east-1 (another stack, another region); the API behind /v1/* keeps its regional web ACL (lib/constructs/api.ts: per-address rate rule, AWS common and known-bad-inputs rules), and the rest are static public files.",
      ],
      [
        'AwsSolutions-CFR3',
        "CloudFront's standard logs (legacy) always hold the viewer's full IP address, which folio keeps out of every log (docs/architecture.md section 9), and choosing fields (standard logging v2) needs a delivery source in us-east-1. The pages are public static files; the API's calls are in its own access log, without addresses; CloudFront's metrics count requests and errors.",
      ],
      ...(props.domain
        ? []
        : [
            [
              'AwsSolutions-CFR4',
              "Without a custom domain the distribution answers on CloudFront's default certificate, which CloudFront serves with its TLSv1 policy whatever is set; with -c webDomainName and -c webCertificateArn (docs: README, Deploy) the policy is TLSv1.2_2021.",
            ] as const,
          ]),
    ] as const) {
      Validations.of(this.distribution).acknowledge({ id, reason });
    }

    // The build, written to a temporary directory as the deployment's asset (content-hashed:
    // an unchanged build is an unchanged asset). config.json comes from configuration.
    const siteDir = mkdtempSync(join(tmpdir(), 'folio-web-'));
    writeWeb(buildWeb({ stage: props.stage, apiBaseUrl: props.apiBaseUrl }), siteDir);
    const site = s3deploy.Source.asset(siteDir);

    // The hashed assets first, never pruned: a page loaded before a deploy still finds its files.
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [site],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(webCacheControl('/assets/'))],
      memoryLimit: 256,
    });
    // Then index.html and config.json, which point at them; invalidated at the edge.
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      sources: [site, s3deploy.Source.jsonData('config.json', this.config)],
      destinationBucket: this.bucket,
      exclude: ['assets/*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(webCacheControl('/index.html'))],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 256,
    });
    pages.node.addDependency(assets);
    // The asset was copied into the cloud assembly when the deployments were made; the temporary
    // directory goes, unless asset staging is off (then the assembly points at it).
    if (!this.node.tryGetContext(cxapi.DISABLE_ASSET_STAGING_CONTEXT)) rmSync(siteDir, { recursive: true, force: true });
    this.acknowledgeDeploymentFindings(assets);
  }

  /**
   * BucketDeployment's handler is a singleton function of CDK's making (one in this nested stack,
   * shared by both deployments): its findings are acknowledged on it and on its role only, each
   * finding by name.
   */
  private acknowledgeDeploymentFindings(deployment: s3deploy.BucketDeployment): void {
    const role = deployment.handlerRole;
    const handler = role.node.scope;
    if (handler === undefined) throw new Error('the deployment handler role has no parent');
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "CDK's BucketDeployment handler runs on the runtime CDK ships it with; it is updated with aws-cdk-lib.",
    });
    const pagesBucket = `<${this.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>`;
    // The bootstrap's asset bucket (default synthesizer: qualifier and region in the name).
    const assetBucket = `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-${this.region}`;
    const findings: Record<string, string> = {
      'Action::s3:GetBucket*': "read grants on CDK's asset bucket and on the pages bucket (bucket-level reads: location, versioning)",
      'Action::s3:GetObject*': "reading the build's zip from CDK's asset bucket and the pages' objects",
      'Action::s3:List*': 'listing both buckets for the sync',
      'Action::s3:Abort*': 'aborting its own multipart uploads to the pages bucket',
      'Action::s3:DeleteObject*': 'replacing objects in the pages bucket',
      [`Resource::${assetBucket}/*`]: "the build's zip, among CDK's assets of this account and region",
      [`Resource::${pagesBucket}/*`]: "the pages bucket's objects, which it writes",
      'Resource::*': 'cloudfront:CreateInvalidation and GetInvalidation, which CDK grants on every distribution (to invalidate index.html and config.json)',
    };
    for (const [finding, what] of Object.entries(findings)) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `CDK's BucketDeployment grant to its handler: ${what}; no other bucket or service.`,
      });
    }
  }
}
