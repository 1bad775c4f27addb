/**
 * Web hosting: the private site bucket behind CloudFront with Origin Access Control, the API
 * behaviours derived from the manifest, the page-rewrite function generated from PAGE_ROUTES
 * (evaluated here in Node with sample requests), security headers, the deployment of the built
 * site. The custom domain, and cdk-nag over the whole stack, are checked in stack.test.ts.
 *
 * One dev template, without bundling (the handlers and the site build): what is checked here
 * does not depend on code assets. The bundled synth, with the site build, is in stack.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPathPatterns, pageRewriteCode } from '../../infra/constructs/hosting';
import { FUNCTIONS, type FunctionSpec } from '../../infra/manifest';
import { defineProgram } from '../../infra/program';
import type { CitiesSeekingCitiesStack } from '../../infra/stack';
import { API_PATH_PATTERN, PAGE_ROUTES, SITE_SECURITY_HEADERS, buildWebSync, cacheControlFor, fileForPath } from '../../web/build';

interface Synthesized {
  stack: CitiesSeekingCitiesStack;
  template: Template;
}

interface Resource {
  Type: string;
  Properties: Record<string, any>;
}

interface Statement {
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, unknown>;
}

const outdirs: string[] = [];

/** Synthesizes the program without bundling; validation failures do not throw. */
function synthesize(context: Record<string, unknown>): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cities-hosting-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const stack = defineProgram(app);
  app.synth();
  return { stack, template: Template.fromStack(stack) };
}

function logicalIdOf(stack: CitiesSeekingCitiesStack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

function only<T>(items: T[], what: string): T {
  expect(items, what).toHaveLength(1);
  return items[0] as T;
}

function distributionConfig({ template }: Synthesized): Record<string, any> {
  return only(Object.values(template.findResources('AWS::CloudFront::Distribution') as Record<string, Resource>), 'distributions').Properties[
    'DistributionConfig'
  ];
}

/** Runs the generated viewer-request function as CloudFront would, on one request. */
function rewrite(uri: string): string {
  const handler = new Function(`${pageRewriteCode()}\nreturn handler;`)() as (event: unknown) => { uri: string };
  return handler({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.1' }, request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } }).uri;
}

/** Whether a CloudFront path pattern matches a path: `*` any characters, `?` exactly one. */
function cloudFrontMatches(pattern: string, requestPath: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(requestPath);
}

/** A request path for a route, with every `{parameter}` filled in. */
function samplePath(route: string): string {
  return route.replace(/\{[^}]+\}/g, '2031-01');
}

let dev: Synthesized;

beforeAll(() => {
  dev = synthesize({ stage: 'dev' });
});

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('page rewrite function', () => {
  it('rewrites clean URLs to their page files and leaves API paths and assets untouched', () => {
    // Prepare
    const cases: Array<[string, string]> = [
      ['/', '/index.html'],
      ['/register', '/register/index.html'],
      ['/register/', '/register/index.html'],
      ['/cities', '/cities/index.html'],
      ['/cities/01J9Z3K4QWABCDEFGHJKMNPQRS', '/cities/city.html'],
      ['/cities/01J9Z3K4QWABCDEFGHJKMNPQRS/', '/cities/city.html'],
      ['/subscribe', '/subscribe/index.html'],
      ['/digests', '/digests/index.html'],
      ['/admin', '/admin/index.html'],
      ['/api/x', '/api/x'],
      ['/api/cities', '/api/cities'],
      ['/assets/app.js', '/assets/app.js'],
      ['/assets/site-3f2a9c01de.css', '/assets/site-3f2a9c01de.css'],
      ['/no-such-page', '/no-such-page'],
    ];

    // Act
    const results = cases.map(([uri]) => [uri, rewrite(uri)]);

    // Assess
    expect(results).toEqual(cases);
  });

  it('agrees with fileForPath, the table the local server uses, on pages, assets, API paths and unknown paths', () => {
    // Prepare
    const samples = [
      '/', '/register', '/register/', '/cities', '/cities/', '/cities/01J9Z3K4QW', '/cities/01J9Z3K4QW/', '/cities/01J9Z3K4QW/manage', '/subscribe', '/subscribe/',
      '/digests', '/digests/', '/admin', '/admin/', '/assets/register-AB12CD34.js', '/assets/chunk-XY.js', '/404.html',
      '/api/health', '/digests/2031-01', '/unsubscribe', '/cities/a/b', '/register/x', '/index.html', '/nothing-here',
      '/favicon.ico', '/favicon.svg', '/apple-touch-icon.png', '/styles.css', '/assets/favicon.ico', '/favicon.ico/x',
    ];

    for (const sample of samples) {
      // Act
      const file = fileForPath(sample);

      // Assess: a page path becomes its file; anything else reaches the bucket as it is.
      expect(rewrite(sample), sample).toBe(file === undefined ? sample : `/${file}`);
    }
    expect(samples.map((sample) => fileForPath(sample))).toEqual(expect.arrayContaining(PAGE_ROUTES.map((route) => route.file)));
  });

  it('fits within the 10 KB CloudFront Functions limit and is the code in the template', () => {
    // Prepare
    const functions = Object.values(dev.template.findResources('AWS::CloudFront::Function') as Record<string, Resource>);

    // Act
    const fn = only(functions, 'CloudFront functions');

    // Assess
    expect(Buffer.byteLength(pageRewriteCode())).toBeLessThan(10 * 1024);
    expect(fn.Properties).toMatchObject({ FunctionCode: pageRewriteCode(), FunctionConfig: { Runtime: 'cloudfront-js-2.0' }, AutoPublish: true });
  });
});

describe('API paths', () => {
  const httpRoutes = (FUNCTIONS as readonly FunctionSpec[]).flatMap((spec) => (spec.trigger.kind === 'http' ? [spec.trigger] : []));

  it('derives /api/*, /digests/?* and /unsubscribe from the manifest routes', () => {
    // Act
    const patterns = apiPathPatterns(FUNCTIONS);

    // Assess: `/digests/?*` is `/digests/*` with at least one character, so `/digests/` stays a page.
    expect(patterns).toEqual(['/api/*', '/digests/?*', '/unsubscribe']);
  });

  it('sends every manifest route to the API and no page or asset path', () => {
    // Prepare
    const patterns = apiPathPatterns(FUNCTIONS);
    const pagePaths = ['/', '/register', '/cities', '/cities/01J9Z3K4QW', '/subscribe', '/digests', '/digests/', '/admin', '/assets/app.js', '/404.html'];

    // Act
    const routed = httpRoutes.map((route) => [route.path, patterns.filter((pattern) => cloudFrontMatches(pattern, samplePath(route.path)))] as const);
    const captured = pagePaths.filter((page) => patterns.some((pattern) => cloudFrontMatches(pattern, page)));

    // Assess: each route by exactly one behaviour; the web build's own API pattern agrees.
    for (const [route, matching] of routed) {
      expect(matching, route).toHaveLength(1);
      expect(API_PATH_PATTERN.test(samplePath(route)), route).toBe(true);
    }
    expect(captured).toEqual([]);
    for (const page of pagePaths) expect(API_PATH_PATTERN.test(page), page).toBe(false);
  });
});

describe('site bucket', () => {
  it('blocks all public access, encrypts, enforces TLS and writes access logs', () => {
    // Prepare
    const { template, stack } = dev;
    const bucketId = logicalIdOf(stack, stack.hosting.bucket);

    // Act
    const bucket = (template.findResources('AWS::S3::Bucket') as Record<string, Resource>)[bucketId];

    // Assess
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalIdOf(stack, stack.hosting.logBucket) }, LogFilePrefix: 'site-bucket/' },
    });
    expect(bucket?.Properties['WebsiteConfiguration']).toBeUndefined();
  });

  it('lets only this distribution read objects, through Origin Access Control, and denies plain HTTP', () => {
    // Prepare
    const { template, stack } = dev;
    const bucketId = logicalIdOf(stack, stack.hosting.bucket);
    const policy = only(
      Object.values(template.findResources('AWS::S3::BucketPolicy') as Record<string, Resource>).filter((p) => JSON.stringify(p.Properties['Bucket']) === JSON.stringify({ Ref: bucketId })),
      'site bucket policies',
    );

    // Act
    const statements = policy.Properties['PolicyDocument'].Statement as Statement[];
    const allows = statements.filter((s) => s.Effect === 'Allow');

    // Assess
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
    expect(JSON.stringify(allows[0]?.Condition)).toContain(logicalIdOf(stack, stack.hosting.distribution));
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
  });
});

describe('distribution', () => {
  it('serves the bucket through Origin Access Control by default, with the rewrite function and HTTPS only', () => {
    // Prepare
    const config = distributionConfig(dev);
    const s3Origin = only(
      (config['Origins'] as Record<string, any>[]).filter((origin) => origin['S3OriginConfig']),
      'S3 origins',
    );

    // Assess
    expect(config).toMatchObject({ DefaultRootObject: 'index.html', Enabled: true, HttpVersion: 'http2and3' });
    expect(s3Origin['OriginAccessControlId']).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(s3Origin['S3OriginConfig']).toEqual({ OriginAccessIdentity: '' });
    expect(config['DefaultCacheBehavior']).toMatchObject({
      TargetOriginId: s3Origin['Id'],
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
      Compress: true,
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } }],
    });
    expect(config['CustomErrorResponses']).toEqual([{ ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 }]);
    expect(config['Logging']).toMatchObject({ Bucket: expect.anything(), Prefix: 'cloudfront/' });
  });

  it('routes /api/*, /digests/?* and /unsubscribe to the HTTP API, uncached, every method, Host excepted', () => {
    // Prepare
    const { stack } = dev;
    const config = distributionConfig(dev);
    const apiOrigin = only(
      (config['Origins'] as Record<string, any>[]).filter((origin) => origin['CustomOriginConfig']),
      'API origins',
    );

    // Act
    const behaviors = config['CacheBehaviors'] as Record<string, any>[];

    // Assess
    expect(JSON.stringify(apiOrigin['DomainName'])).toContain(`"Ref":"${logicalIdOf(stack, stack.api)}"`);
    expect(JSON.stringify(apiOrigin['DomainName'])).toContain('.execute-api.');
    expect(apiOrigin['CustomOriginConfig']).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(behaviors.map((b) => b['PathPattern']).sort()).toEqual(['/api/*', '/digests/?*', '/unsubscribe']);
    for (const behavior of behaviors) {
      expect(behavior, behavior['PathPattern']).toMatchObject({
        TargetOriginId: apiOrigin['Id'],
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      });
      expect(behavior['FunctionAssociations'], behavior['PathPattern']).toBeUndefined();
    }
  });

  it('adds security headers: the site table with its CSP on pages, the same without CSP on the API', () => {
    // Prepare
    const { template } = dev;
    const config = distributionConfig(dev);
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Record<string, Resource>;
    const policyOf = (behavior: Record<string, any>) => policies[behavior['ResponseHeadersPolicyId'].Ref]?.Properties['ResponseHeadersPolicyConfig'];

    // Act
    const site = policyOf(config['DefaultCacheBehavior']);
    const api = (config['CacheBehaviors'] as Record<string, any>[]).map(policyOf);

    // Assess
    const hsts = { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true };
    expect(site['SecurityHeadersConfig']).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: SITE_SECURITY_HEADERS['content-security-policy'], Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: SITE_SECURITY_HEADERS['referrer-policy'], Override: true },
      StrictTransportSecurity: hsts,
    });
    for (const policy of api) {
      expect(policy['SecurityHeadersConfig']['StrictTransportSecurity']).toEqual(hsts);
      expect(policy['SecurityHeadersConfig']['ContentSecurityPolicy']).toBeUndefined();
    }
  });

});

describe('icons and the fixed-URL stylesheet', () => {
  // What every page links from its <head> (shared/pages/frame.ts), the pages the API renders too.
  const ROOT_FILES = ['/favicon.ico', '/favicon.svg', '/apple-touch-icon.png', '/styles.css'];

  it('reach the bucket from any page, the ones CloudFront routes to the API included', () => {
    // Prepare
    const patterns = apiPathPatterns(FUNCTIONS);

    for (const file of ROOT_FILES) {
      // Act
      const toApi = patterns.filter((pattern) => cloudFrontMatches(pattern, file));

      // Assess: the default (S3) behaviour, its key unchanged by the rewrite function, and the
      // local server's table agrees. A page at /digests/2031-01 or /unsubscribe asks for
      // /favicon.ico, not for a path under its own.
      expect(toApi, file).toEqual([]);
      expect(API_PATH_PATTERN.test(file), file).toBe(false);
      expect(rewrite(file), file).toBe(file);
      expect(fileForPath(file), file).toBe(file.slice(1));
    }
  });

  it('are built at the root of the site, linked by every page, and uploaded by the page deployment (revalidated)', () => {
    // Prepare
    const outdir = mkdtempSync(path.join(tmpdir(), 'cities-site-'));
    outdirs.push(outdir);
    const deployments = Object.values(dev.template.findResources('Custom::CDKBucketDeployment') as Record<string, Resource>);
    const pages = only(deployments.filter((d) => d.Properties['Exclude']?.[0] !== '*'), 'page deployments');
    // `aws s3 sync --exclude` globs: `*` any characters, `?` one, as in CloudFront's patterns.
    const excluded = (file: string) => (pages.Properties['Exclude'] as string[]).some((glob) => cloudFrontMatches(glob, file));

    // Act
    const { files } = buildWebSync(outdir);
    const htmlFiles = files.filter((file) => file.endsWith('.html'));

    // Assess
    for (const file of ROOT_FILES) {
      expect(files, file).toContain(file.slice(1));
      expect(excluded(file.slice(1)), file).toBe(false);
    }
    expect(pages.Properties['Include']).toBeUndefined();
    expect(pages.Properties['SystemMetadata']).toEqual({ 'cache-control': cacheControlFor('favicon.ico') });
    expect(readFileSync(path.join(outdir, 'styles.css'), 'utf8')).toBe(readFileSync(path.join(outdir, files.find((file) => /^assets\/site-.+\.css$/.test(file)) ?? ''), 'utf8'));
    expect(htmlFiles.length).toBeGreaterThan(5);
    for (const file of htmlFiles) {
      const page = readFileSync(path.join(outdir, file), 'utf8');
      const icons = [...page.matchAll(/<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"/g)].map((match) => match[1]);
      expect(icons, file).toEqual(['/favicon.ico', '/favicon.svg', '/apple-touch-icon.png']);
      for (const icon of icons) expect(existsSync(path.join(outdir, icon ?? '')), `${file}: ${icon}`).toBe(true);
    }
  });
});

describe('site deployment', () => {
  it('uploads hashed assets as immutable and pages as no-cache, pruning only pages and invalidating after', () => {
    // Prepare
    const { template } = dev;

    // Act
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment') as Record<string, Resource>);
    const assets = only(deployments.filter((d) => JSON.stringify(d.Properties['Include']) === '["assets/*"]'), 'asset deployments');
    const pages = only(deployments.filter((d) => d !== assets), 'page deployments');

    // Assess
    expect(deployments).toHaveLength(2);
    expect(assets.Properties).toMatchObject({ Exclude: ['*'], Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(assets.Properties['DistributionId']).toBeUndefined();
    expect(pages.Properties).toMatchObject({
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: expect.any(String) },
      DistributionPaths: ['/*'],
    });
    expect(assets.Properties['SourceObjectKeys']).toEqual(pages.Properties['SourceObjectKeys']);
  });

  it('runs the deployment with a role limited to the site bucket, the build artifact and this distribution', () => {
    // Prepare
    const { template, stack } = dev;
    const handler = only(
      Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter((fn) => fn.Properties['Handler'] === 'index.handler' && String(fn.Properties['Runtime']).startsWith('python')),
      'deployment handlers',
    );
    const roleId = handler.Properties['Role']['Fn::GetAtt'][0] as string;
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((p) => JSON.stringify(p.Properties['Roles']).includes(`"${roleId}"`));

    // Act
    const statements = policies.flatMap((p) => p.Properties['PolicyDocument'].Statement as Statement[]);
    const actions = statements.flatMap((s) => [s.Action].flat()).sort();

    // Assess
    expect(actions).toEqual(
      ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetBucketTagging', 's3:GetObject', 's3:ListBucket', 's3:PutObject'].sort(),
    );
    expect(JSON.stringify(statements.find((s) => [s.Action].flat().includes('cloudfront:CreateInvalidation'))?.Resource)).toContain(
      logicalIdOf(stack, stack.hosting.distribution),
    );
    const writes = statements.find((s) => [s.Action].flat().includes('s3:PutObject'));
    expect(writes?.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalIdOf(stack, stack.hosting.bucket), 'Arn'] }, '/*']] });
    // The uploads wait for the policy (the handler only sees an immutable view of its role).
    const policyIds = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([, p]) => JSON.stringify(p['Properties'].Roles).includes(`"${roleId}"`)).map(([id]) => id);
    for (const deployment of Object.values(template.findResources('Custom::CDKBucketDeployment'))) {
      expect(deployment['DependsOn']).toEqual(expect.arrayContaining(policyIds));
    }
  });

  it('keeps the site bucket, its files and the access logs when a stack is deleted, even in dev', () => {
    // Prepare
    const { template, stack } = dev;

    // Act
    const resources = template.toJSON()['Resources'];
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment') as Record<string, Resource>);

    // Assess
    expect(resources[logicalIdOf(stack, stack.hosting.bucket)]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(resources[logicalIdOf(stack, stack.hosting.logBucket)]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    for (const deployment of deployments) expect(deployment.Properties['RetainOnDelete']).not.toBe(false);
  });
});
