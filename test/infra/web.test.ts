/**
 * The web pages in the cloud (lib/constructs/web.ts): a private, TLS-only bucket read by
 * CloudFront through Origin Access Control; the API under the same distribution at `/v1/*`,
 * never cached; the headers, the page-path rule and the cache lifetimes of system/web.ts (the
 * ones the local gateway serves); the build and config.json deployed; cdk-nag satisfied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readStageConfig } from '../../lib/config';
import { pageRewriteSource, responseHeadersOf } from '../../lib/constructs/web';
import { isPagePath, webCacheControl, webContentSecurityPolicy, webSecurityHeaders } from '../../system/web';
import {
  deniesInsecureTransport,
  logicalIdOf,
  readNagViolations,
  referencedIds,
  resourceById,
  resourcesOf,
  single,
  statementsOf,
  synthStack,
  testStage,
  type TemplateResource,
} from './app';

const { template, stack, outdir, stackTemplates } = synthStack();

/** CloudFront's managed policies, by their fixed ids. */
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const cachingOptimized = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

type Json = Record<string, unknown>;
const record = (value: unknown, what: string): Json => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Json;
};
const list = (value: unknown, what: string): Json[] => {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value.map((item, index) => record(item, `${what}[${index}]`));
};

const distributionOf = (t = template) => single(resourcesOf(t, 'AWS::CloudFront::Distribution'), 'distribution');
const configOf = (distribution: TemplateResource) => record(distribution.properties['DistributionConfig'], 'DistributionConfig');
const behaviour = (distribution: TemplateResource, pattern: string): Json =>
  single(
    list(configOf(distribution)['CacheBehaviors'], 'CacheBehaviors').filter((b) => b['PathPattern'] === pattern),
    `behaviour ${pattern}`,
  );
const originOf = (distribution: TemplateResource, targetOriginId: unknown): Json =>
  single(
    list(configOf(distribution)['Origins'], 'Origins').filter((o) => o['Id'] === targetOriginId),
    `origin ${String(targetOriginId)}`,
  );

const pagesBucketId = logicalIdOf(stack.web.bucket);
const distribution = distributionOf();
const defaultBehaviour = record(configOf(distribution)['DefaultCacheBehavior'], 'DefaultCacheBehavior');

/** The two deployments: the hashed assets and the pages (index.html, config.json). */
const deployments = resourcesOf(template, 'Custom::CDKBucketDeployment');
const deploymentOf = (id: string) => single(deployments.filter((d) => d.logicalId.startsWith(id)), `deployment ${id}`);

/** The files of a deployment source, as staged in the cloud assembly (`asset.<hash>/`). */
const stagedFiles = (dir: string, objectKey: unknown): Map<string, string> => {
  const hash = String(objectKey).replace(/\.zip$/, '');
  const root = join(dir, `asset.${hash}`);
  expect(existsSync(root), `asset ${hash} is staged`).toBe(true);
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  walk('');
  return files;
};

describe('the pages bucket', () => {
  const bucket = resourceById(template, pagesBucketId);

  it('blocks every kind of public access and is encrypted at rest', () => {
    expect(bucket.properties['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.properties['BucketEncryption']).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.properties['OwnershipControls']).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(record(bucket.properties['LoggingConfiguration'], 'LoggingConfiguration')['DestinationBucketName']).toBeDefined();
  });

  it('refuses every request not made over TLS, and lets only this distribution read, through OAC', () => {
    const policy = single(
      resourcesOf(template, 'AWS::S3::BucketPolicy').filter((p) => referencedIds(p.properties['Bucket']).includes(pagesBucketId)),
      'policy of the pages bucket',
    );
    const statements = statementsOf(policy.properties['PolicyDocument']);
    expect(statements.some(deniesInsecureTransport)).toBe(true);
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const statement of allows) {
      expect(statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(referencedIds(statement.Condition?.['StringEquals']?.['AWS:SourceArn'])).toContain(distribution.logicalId);
    }
  });
});

describe('the distribution', () => {
  it('reads the bucket through an Origin Access Control (no OAI, no public website endpoint)', () => {
    const origin = originOf(distribution, defaultBehaviour['TargetOriginId']);
    expect(referencedIds(origin['DomainName'])).toEqual([pagesBucketId]);
    const oac = referencedIds(origin['OriginAccessControlId']);
    expect(oac).toHaveLength(1);
    const control = resourceById(template, oac[0] ?? '');
    expect(control.type).toBe('AWS::CloudFront::OriginAccessControl');
    expect(control.properties['OriginAccessControlConfig']).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    expect(record(origin['S3OriginConfig'], 'S3OriginConfig')['OriginAccessIdentity']).toBe('');
  });

  it('answers index.html at the root, over HTTPS, with TLS 1.2 at least where a certificate of ours allows it', () => {
    const config = configOf(distribution);
    expect(config['DefaultRootObject']).toBe('index.html');
    expect(defaultBehaviour['ViewerProtocolPolicy']).toBe('redirect-to-https');
    expect(config['ViewerCertificate']).toBeUndefined();
  });

  it('serves the API at /v1/*: the REST API stage as origin, nothing cached, every method, every viewer header but Host', () => {
    const api = behaviour(distribution, '/v1/*');
    expect(api['CachePolicyId']).toBe(cachingDisabled);
    expect(api['OriginRequestPolicyId']).toBe(allViewerExceptHostHeader);
    expect(new Set(api['AllowedMethods'] as string[])).toEqual(new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']));
    expect(api['ViewerProtocolPolicy']).toBe('https-only');
    // The API's own headers and problem documents pass through untouched.
    expect(api['ResponseHeadersPolicyId']).toBeUndefined();
    expect(api['FunctionAssociations']).toBeUndefined();
    const origin = originOf(distribution, api['TargetOriginId']);
    expect(referencedIds(origin['DomainName'])).toContain(logicalIdOf(stack.api.restApi));
    expect(JSON.stringify(origin['OriginPath'])).toContain(logicalIdOf(stack.api.restApi.deploymentStage));
    expect(record(origin['CustomOriginConfig'], 'CustomOriginConfig')).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('caches the content-hashed assets (long) and the pages at the edge, the pages invalidated on deploy', () => {
    expect(behaviour(distribution, '/assets/*')['CachePolicyId']).toBe(cachingOptimized);
    expect(defaultBehaviour['CachePolicyId']).toBe(cachingOptimized);
    expect(deploymentOf('DeployPages').properties['DistributionPaths']).toEqual(['/index.html', '/config.json']);
    expect(referencedIds(deploymentOf('DeployPages').properties['DistributionId'])).toEqual([distribution.logicalId]);
  });
});

describe('the security headers', () => {
  const policyIds = [defaultBehaviour, behaviour(distribution, '/assets/*')].map((b) => referencedIds(b['ResponseHeadersPolicyId']));

  it('are one response headers policy on the pages and the assets', () => {
    expect(policyIds).toEqual([[policyIds[0]?.[0]], [policyIds[0]?.[0]]]);
  });

  const policy = record(resourceById(template, policyIds[0]?.[0] ?? '').properties['ResponseHeadersPolicyConfig'], 'ResponseHeadersPolicyConfig');
  const security = record(policy['SecurityHeadersConfig'], 'SecurityHeadersConfig');
  const custom = list(record(policy['CustomHeadersConfig'], 'CustomHeadersConfig')['Items'], 'Items');

  it("carry exactly system/web.ts's Content Security Policy (same origin: connect-src 'self' only)", () => {
    expect(security['ContentSecurityPolicy']).toEqual({ ContentSecurityPolicy: webContentSecurityPolicy(), Override: true });
    expect(webContentSecurityPolicy()).toContain("frame-ancestors 'none'");
    expect(webContentSecurityPolicy()).toContain("connect-src 'self';");
  });

  it('carry every other header of webSecurityHeaders with its value', () => {
    const headers = webSecurityHeaders();
    expect(security['StrictTransportSecurity']).toEqual({ AccessControlMaxAgeSec: 15552000, IncludeSubdomains: true, Preload: false, Override: true });
    expect(headers['Strict-Transport-Security']).toBe('max-age=15552000; includeSubDomains');
    expect(security['FrameOptions']).toEqual({ FrameOption: headers['X-Frame-Options'], Override: true });
    expect(security['ReferrerPolicy']).toEqual({ ReferrerPolicy: headers['Referrer-Policy'], Override: true });
    expect(security['ContentTypeOptions']).toEqual({ Override: true });
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(custom).toEqual([
      { Header: 'Permissions-Policy', Value: headers['Permissions-Policy'], Override: true },
      { Header: 'Cross-Origin-Opener-Policy', Value: headers['Cross-Origin-Opener-Policy'], Override: true },
    ]);
  });

  it('refuse a header they cannot map rather than dropping it', () => {
    expect(() => responseHeadersOf({ 'Strict-Transport-Security': 'max-age=abc' })).toThrow(/not understood/);
    expect(() => responseHeadersOf({ 'X-Frame-Options': 'ALLOW-FROM https://example.com' })).toThrow(/not understood/);
    expect(() => responseHeadersOf({ 'Referrer-Policy': 'sometimes' })).toThrow(/not understood/);
  });
});

describe('the page rewrite (CloudFront function)', () => {
  const fn = single(resourcesOf(template, 'AWS::CloudFront::Function'), 'CloudFront function');
  const source = pageRewriteSource();

  /** Runs the function's source as CloudFront would: `handler(event)` returns the request. */
  const rewrite = (code: string, uri: string): string => {
    const sandbox: { event: unknown; result?: { uri: string } } = { event: { request: { uri, method: 'GET', querystring: {}, headers: {} } } };
    runInNewContext(`${code}\nresult = handler(event);`, sandbox, { timeout: 1000 });
    if (!sandbox.result) throw new Error('the handler returned nothing');
    return sandbox.result.uri;
  };

  const paths = [
    '/',
    '/account',
    '/account/orders',
    '/orders/01HZX3Q8V6T9M2K4',
    '/privacy-requests/abc-123',
    '/console/privacy-queue',
    '/sign-in',
    '/books/978-5-17-090630-7',
    '/a.b/c',
    '/index.html',
    '/config.json',
    '/assets/app-0123456789.js',
    '/assets/session-worker-abcdef0123.js',
    '/assets/app-0123456789.css',
    '/assets/favicon-0123456789.svg',
    '/assets/unknown',
    '/robots.txt',
    '/favicon.ico',
    '/v1/catalogue',
    '/v1/',
    '/v1',
    '/_local/outbox',
    '/FILE.JSON',
    '/trailing.',
  ];

  it('is the deployed source, on the JavaScript 2.0 runtime, at viewer request on the pages and assets (not the API)', () => {
    expect(fn.properties['FunctionCode']).toBe(source);
    expect(record(fn.properties['FunctionConfig'], 'FunctionConfig')['Runtime']).toBe('cloudfront-js-2.0');
    for (const b of [defaultBehaviour, behaviour(distribution, '/assets/*')]) {
      const associations = list(b['FunctionAssociations'], 'FunctionAssociations');
      expect(associations).toHaveLength(1);
      expect(associations[0]?.['EventType']).toBe('viewer-request');
      expect(referencedIds(associations[0]?.['FunctionARN'])).toEqual([fn.logicalId]);
    }
  });

  it.each(paths)('agrees with isPagePath on %s', (path) => {
    expect(rewrite(source, path)).toBe(isPagePath(path) ? '/index.html' : path);
  });

  it('covers both answers in the list above', () => {
    expect(paths.filter(isPagePath).length).toBeGreaterThan(3);
    expect(paths.filter((p) => !isPagePath(p)).length).toBeGreaterThan(3);
  });

  it('is caught disagreeing when the rule is changed (negative control)', () => {
    const broken = source.replace('"/v1/"', '"/v2/"');
    expect(broken).not.toBe(source);
    expect(rewrite(broken, '/v1/catalogue')).toBe('/index.html');
  });
});

describe('the deployment of the build', () => {
  const assets = deploymentOf('DeployAssets');
  const pages = deploymentOf('DeployPages');

  it('puts the hashed assets with a year of browser cache, and the pages with no-cache (webCacheControl)', () => {
    expect(assets.properties['Include']).toEqual(['assets/*']);
    expect(assets.properties['SystemMetadata']).toEqual({ 'cache-control': webCacheControl('/assets/app.js') });
    expect(webCacheControl('/assets/app.js')).toContain('immutable');
    expect(pages.properties['Exclude']).toEqual(['assets/*']);
    expect(pages.properties['SystemMetadata']).toEqual({ 'cache-control': webCacheControl('/index.html') });
    expect(webCacheControl('/index.html')).toBe('no-cache');
    // Pages loaded before a deploy still find their old assets.
    expect(assets.properties['Prune']).toBe(false);
    for (const d of [assets, pages]) expect(referencedIds(d.properties['DestinationBucketName'])).toEqual([pagesBucketId]);
  });

  it('deploys the build of web/build.ts (index.html pointing at hashed assets) and config.json from configuration', () => {
    const keys = pages.properties['SourceObjectKeys'] as unknown[];
    expect(keys).toHaveLength(2);
    expect(assets.properties['SourceObjectKeys']).toEqual([keys[0]]);
    const site = stagedFiles(outdir, keys[0]);
    const index = site.get('index.html') ?? '';
    const scripts = [...index.matchAll(/\/assets\/[\w.-]+/g)].map((m) => m[0].slice(1));
    expect(scripts.length).toBeGreaterThan(0);
    for (const path of scripts) expect(site.has(path), `${path} is in the build`).toBe(true);
    expect(site.has('config.json')).toBe(false);
    const config = stagedFiles(outdir, keys[1]);
    expect([...config.keys()]).toEqual(['config.json']);
    expect(JSON.parse(config.get('config.json') ?? '')).toEqual({ apiBaseUrl: '', stage: testStage.stage });
  });

  it("runs one handler function, in the web nested stack (the stage's stack keeps no function)", () => {
    const web = stackTemplates[stack.web.node.path];
    if (!web) throw new Error('no template for the web nested stack');
    expect(Stack.of(stack.web.distribution)).toBe(stack.web);
    expect(resourcesOf(web, 'AWS::Lambda::Function').map((f) => f.logicalId)).toEqual([
      expect.stringMatching(/^CustomCDKBucketDeployment/),
    ]);
  });
});

describe('the stage output', () => {
  it("WebUrl is the distribution's address", () => {
    const outputs = record(template.toJSON()['Outputs'], 'Outputs');
    const output = record(outputs['WebUrl'], 'WebUrl');
    expect(referencedIds(output['Value'])).toContain(distribution.logicalId);
    expect(JSON.stringify(output['Value'])).toContain('https://');
  });
});

describe('configuration', () => {
  const configWith = (context: Record<string, string>) => readStageConfig(new App({ context: { ...testStage, ...context } }));

  it("defaults to the pages' own origin, and takes an https URL of the API (trailing slash dropped)", () => {
    expect(configWith({}).webApiBaseUrl).toBe('');
    expect(configWith({ webApiBaseUrl: 'https://api.example.com/prod/' }).webApiBaseUrl).toBe('https://api.example.com/prod');
    expect(() => configWith({ webApiBaseUrl: 'http://api.example.com' })).toThrow(/webApiBaseUrl/);
    expect(() => configWith({ webApiBaseUrl: 'https://api.example.com/?x=1' })).toThrow(/webApiBaseUrl/);
  });

  it('takes a custom domain only with a certificate in us-east-1', () => {
    expect(configWith({}).webDomain).toBeUndefined();
    expect(() => configWith({ webDomainName: 'shop.example.com' })).toThrow(/go together/);
    expect(() => configWith({ webDomainName: 'shop.example.com', webCertificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/x' })).toThrow(/us-east-1/);
  });
});

describe('with the API elsewhere and a custom domain', () => {
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
  const other = synthStack({
    nag: true,
    extraContext: { webApiBaseUrl: 'https://api.example.com/prod', webDomainName: 'shop.example.com', webCertificateArn: certificateArn },
  });
  const otherDistribution = distributionOf(other.template);

  it("lets the pages connect to the API's origin (CSP) and tells them where it is (config.json)", () => {
    const policy = single(resourcesOf(other.template, 'AWS::CloudFront::ResponseHeadersPolicy'), 'response headers policy');
    expect(JSON.stringify(policy.properties)).toContain(JSON.stringify(webContentSecurityPolicy('https://api.example.com')));
    expect(webContentSecurityPolicy('https://api.example.com')).toContain("connect-src 'self' https://api.example.com;");
    const pages = single(
      resourcesOf(other.template, 'Custom::CDKBucketDeployment').filter((d) => d.logicalId.startsWith('DeployPages')),
      'pages deployment',
    );
    const config = stagedFiles(other.outdir, (pages.properties['SourceObjectKeys'] as unknown[])[1]);
    expect(JSON.parse(config.get('config.json') ?? '')).toEqual({ apiBaseUrl: 'https://api.example.com/prod', stage: testStage.stage });
  });

  it('answers on the domain with its certificate, TLS 1.2 (2021) at least, and cdk-nag has nothing to say', () => {
    const config = configOf(otherDistribution);
    expect(config['Aliases']).toEqual(['shop.example.com']);
    expect(config['ViewerCertificate']).toEqual({ AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(readNagViolations(other.outdir)).toEqual([]);
  });
});
