/**
 * Web hosting: the static site in a private S3 bucket behind CloudFront, with the HTTP API on
 * the same origin (`/api/*` and the API-rendered pages), so the site needs no CORS.
 *
 *   viewer ─ CloudFront ─┬─ /api/*, /digests/?*, /unsubscribe ─ HTTP API ($default stage)
 *                        └─ everything else ─ viewer-request function (clean URL → file,
 *                           from web/routes.ts PAGE_ROUTES) ─ S3 (Origin Access Control)
 *
 * The icons and `/styles.css` that every page links from its head, the pages the API renders
 * included (shared/pages/frame.ts), are files at the bucket's root: their paths match no API
 * pattern, so they come from S3 whichever origin answered the page.
 *
 * The site is built at synth time by `buildWebSync` (web/build.ts), as the local bundling of
 * an asset: offline, no Docker, skipped like every other bundle when a stack is not being
 * bundled (tests of other stacks stay fast).
 */
import { fileURLToPath } from 'node:url';
import { AssetHashType, type CfnElement, CfnOutput, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { NOT_FOUND_FILE, SITE_SECURITY_HEADERS, buildWebSync, cacheControlFor, cloudFrontRewriteSource } from '../../web/build';
import type { FunctionSpec } from '../manifest';
import { acknowledge } from '../nag';

/** The web sources; the build reads them (and what they import) and writes the site. */
const WEB_DIR = fileURLToPath(new URL('../../web', import.meta.url));

/** CloudFront Functions reject code over 10 KB. */
const MAX_FUNCTION_CODE_BYTES = 10 * 1024;

/**
 * The CloudFront path patterns that go to the HTTP API, derived from the manifest's http
 * routes: everything under `/api/` as `/api/*`; any other route up to its first path
 * parameter followed by `?*` (at least one more character, so `/digests/{month}` becomes
 * `/digests/?*` and `/digests` and `/digests/` stay the static archive page of PAGE_ROUTES);
 * a route without parameters as itself (`/unsubscribe`).
 *
 * @example
 * apiPathPatterns(FUNCTIONS) // ['/api/*', '/digests/?*', '/unsubscribe']
 */
export function apiPathPatterns(specs: readonly FunctionSpec[]): string[] {
  const patterns = new Set<string>();
  for (const spec of specs) {
    if (spec.trigger.kind !== 'http') continue;
    const route = spec.trigger.path;
    const parameter = route.indexOf('{');
    if (route === '/api' || route.startsWith('/api/')) patterns.add('/api/*');
    else patterns.add(parameter === -1 ? route : `${route.slice(0, parameter)}?*`);
  }
  return [...patterns].sort();
}

/**
 * The viewer-request function's code: clean URLs to files, generated from PAGE_ROUTES by
 * web/routes.ts (the same table the local server uses), so there is one source of truth.
 *
 * @throws when the generated code exceeds CloudFront's 10 KB limit.
 */
export function pageRewriteCode(): string {
  const code = cloudFrontRewriteSource();
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > MAX_FUNCTION_CODE_BYTES) throw new Error(`The page rewrite function is ${bytes} bytes; CloudFront allows ${MAX_FUNCTION_CODE_BYTES}`);
  return code;
}

/**
 * The static site's security headers as a response headers policy: the same table
 * (SITE_SECURITY_HEADERS of web/build.ts) the local server sends, so the pages are tested
 * under the policy they get in AWS.
 */
export function siteSecurityHeaders(): cloudfront.ResponseSecurityHeadersBehavior {
  const headers = SITE_SECURITY_HEADERS;
  const csp = headers['content-security-policy'];
  const referrer = headers['referrer-policy'];
  const frame = headers['x-frame-options']?.toUpperCase();
  if (!csp || !referrer || !frame || headers['x-content-type-options'] !== 'nosniff') {
    throw new Error('SITE_SECURITY_HEADERS must set content-security-policy, referrer-policy, x-frame-options and x-content-type-options: nosniff');
  }
  if (!(Object.values(cloudfront.HeadersReferrerPolicy) as string[]).includes(referrer)) throw new Error(`Unknown referrer-policy ${referrer}`);
  if (!(Object.values(cloudfront.HeadersFrameOption) as string[]).includes(frame)) throw new Error(`Unknown x-frame-options ${frame}`);
  return {
    contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption: frame as cloudfront.HeadersFrameOption, override: true },
    referrerPolicy: { referrerPolicy: referrer as cloudfront.HeadersReferrerPolicy, override: true },
    strictTransportSecurity: HSTS,
  };
}

/** HTTPS only for a year, subdomains included. */
const HSTS: cloudfront.ResponseHeadersStrictTransportSecurity = { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true };

/**
 * API responses (JSON, and the HTML of the digest web version and the unsubscribe page): the
 * same protections without a content security policy, which the API-rendered pages set
 * themselves if they need one.
 */
const API_SECURITY_HEADERS: cloudfront.ResponseSecurityHeadersBehavior = {
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
  referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
  strictTransportSecurity: HSTS,
};

export interface SiteHostingProps {
  api: HttpApi;
  /** The manifest: its http routes decide which paths go to the API. */
  specs: readonly FunctionSpec[];
  stage: string;
  /** Of the deployment's log group (the buckets are always kept). */
  removalPolicy: RemovalPolicy;
  /** The site's own domain and its us-east-1 ACM certificate; both or neither. */
  domainName?: string;
  certificateArn?: string;
}

/** The site bucket, its deployment, and the CloudFront distribution in front of site and API. */
export class SiteHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly rewriteFunction: cloudfront.Function;
  /** The public base URL: the custom domain when configured, else the distribution's domain. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiteHostingProps) {
    super(scope, id);
    if (Boolean(props.domainName) !== Boolean(props.certificateArn)) {
      throw new Error('SiteHosting: domainName and certificateArn go together');
    }

    this.logBucket = this.createLogBucket();
    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // The site is rebuilt from the repository on every deployment: versions would add cost
      // and restore nothing the repository cannot.
      versioned: false,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      // Kept when a stack is deleted, in every stage: a non-empty bucket cannot be deleted by
      // CloudFormation, and BucketDeployment skips deleting its files from a bucket it tagged
      // as its own (retainOnDelete: false would not empty it). Emptying it needs the
      // autoDeleteObjects custom resource, whose bucket policy grants wildcard actions. A
      // deleted dev stack leaves it behind: `aws s3 rb s3://<bucket> --force`.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.rewriteFunction = new cloudfront.Function(this, 'PageRewrite', {
      comment: 'Clean URLs to page files (PAGE_ROUTES of web/routes.ts)',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(pageRewriteCode()),
    });

    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: new origins.HttpOrigin(`${props.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      // Never cached; with caching disabled this policy also forwards Authorization (the
      // coordinators' JWT), query strings and cookies; Host stays the API's own.
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.securityHeaders('ApiHeaders', 'Security headers of API responses', API_SECURITY_HEADERS),
      compress: true,
    };

    const certificate = props.certificateArn ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Cities Seeking Cities (${props.stage}): site and API`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        // Honours each object's Cache-Control: HTML revalidates, hashed assets are immutable.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders('SiteHeaders', 'Security headers of the static site', siteSecurityHeaders()),
        functionAssociations: [{ function: this.rewriteFunction, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns(props.specs).map((pattern) => [pattern, apiBehavior])),
      // Origin Access Control without s3:ListBucket makes S3 answer 403 for a missing key:
      // that becomes the site's 404 page. (Error responses apply to every origin; the API
      // answers 401 and 404, never 403, so its JSON errors pass through unchanged.)
      errorResponses: [{ httpStatus: 403, responseHttpStatus: 404, responsePagePath: `/${NOT_FOUND_FILE}`, ttl: Duration.minutes(1) }],
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Cities register from every continent.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      domainNames: props.domainName ? [props.domainName] : undefined,
      certificate,
      // Only a custom certificate has a choosable policy (the default one is fixed by CloudFront).
      minimumProtocolVersion: certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    this.url = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    this.deploySite(props);
    this.acknowledgeFindings(props);

    new CfnOutput(Stack.of(this), 'SiteUrl', { value: this.url, description: 'The public site (set publicUrl to it for links in emails)' });
    new CfnOutput(Stack.of(this), 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: props.domainName ? `Point ${props.domainName} (CNAME or alias) at this domain` : 'The CloudFront domain of the site',
    });
  }

  /**
   * Server access logs of the site bucket and CloudFront's standard logs, kept 90 days. (As the
   * target of the site bucket's access logs it needs no access logs of its own for cdk-nag.)
   */
  private createLogBucket(): s3.Bucket {
    return new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logging writes with an ACL grant, so ACLs stay enabled; the
      // bucket owner still owns every object written with bucket-owner-full-control.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Logs are evidence: kept even when a stack is deleted, and they expire on their own.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private securityHeaders(id: string, comment: string, securityHeadersBehavior: cloudfront.ResponseSecurityHeadersBehavior): cloudfront.ResponseHeadersPolicy {
    return new cloudfront.ResponseHeadersPolicy(this, id, { comment, securityHeadersBehavior });
  }

  /**
   * Uploads the built site: content-hashed assets first (immutable, never pruned, so pages
   * still cached by a browser find their old assets), then the pages (revalidated on every
   * request, stale ones pruned), then a CloudFront invalidation.
   */
  private deploySite(props: SiteHostingProps): void {
    const site = new s3assets.Asset(this, 'Build', {
      path: WEB_DIR,
      // The hash of what was built, not of web/ alone: pages also render shared/ code.
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never pulled: the local bundler below always succeeds, so Docker is not used.
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
        local: {
          tryBundle(outputDir: string): boolean {
            buildWebSync(outputDir);
            return true;
          },
        },
      },
    });

    // The deployment function's role, with exactly what `aws s3 sync` and the invalidation
    // need; BucketDeployment's own grants (s3:GetObject*, s3:List*, s3:DeleteObject*,
    // cloudfront:* on "*") are turned off by handing it an immutable view of the role.
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: props.removalPolicy });
    const role = new iam.Role(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built site into the site bucket and invalidates the CloudFront cache',
    });
    logGroup.grantWrite(role);
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [site.bucket.arnForObjects(site.s3ObjectKey)] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:GetBucketTagging'], resources: [this.bucket.bucketArn] }));
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], resources: [this.bucket.arnForObjects('*')] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'], resources: [this.distribution.distributionArn] }),
    );
    acknowledge(
      role,
      [`AwsSolutions-IAM5[Resource::<${logicalIdOf(this.bucket)}.Arn>/*]`],
      'The deployment writes and prunes the objects of the site bucket, whose keys are the build output; the grant covers that one bucket only.',
    );

    const common: Omit<s3deploy.BucketDeploymentProps, 'sources'> = {
      destinationBucket: this.bucket,
      role: role.withoutPolicyUpdates(),
      logGroup,
      memoryLimit: 512,
    };
    const source = s3deploy.Source.bucket(site.bucket, site.s3ObjectKey);
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      ...common,
      sources: [source],
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(cacheControlFor('assets/any'))],
    });
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      ...common,
      sources: [source],
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [s3deploy.CacheControl.fromString(cacheControlFor('index.html'))],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    pages.node.addDependency(assets);
    // The handler's role arrives as an immutable view, so CloudFormation would not otherwise
    // wait for its policy before the first upload runs.
    for (const deployment of [assets, pages]) deployment.node.addDependency(role);
  }

  private acknowledgeFindings(props: SiteHostingProps): void {
    acknowledge(
      this.distribution,
      ['AwsSolutions-CFR1'],
      'The program serves sister cities on every continent; there is no country to restrict.',
    );
    acknowledge(
      this.distribution,
      ['AwsSolutions-CFR2'],
      'No WAF web ACL yet: a CloudFront web ACL must be created in us-east-1 (a separate stack unless this one is deployed there) and is billed monthly per ACL and rule; the public writes are throttled per route at the API and validated. Add one when abuse appears.',
    );
    if (!props.certificateArn) {
      acknowledge(
        this.distribution,
        ['AwsSolutions-CFR4'],
        'No custom domain is configured (context domainName/certificateArn), so the distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; with a custom domain the minimum is TLSv1.2_2021.',
      );
    }
    // BucketDeployment's singleton handler (one per stack, shared by both deployments).
    const handler = singletonDeploymentHandler(Stack.of(this));
    acknowledge(
      handler,
      ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
      "CDK's BucketDeployment handler: its Python runtime is chosen and upgraded by aws-cdk-lib, not by this project.",
    );
    acknowledge(
      handler,
      ['Serverless-LambdaDLQ'],
      'A CloudFormation custom-resource handler: a failure is reported to CloudFormation, which fails and rolls back the deployment; there is no event to keep.',
    );
    acknowledge(
      handler,
      ['Serverless-LambdaTracing'],
      'A CloudFormation custom-resource handler that runs only during deployments; its log group records each run, tracing would add nothing.',
    );
  }
}

function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The Lambda function BucketDeployment creates once per stack. */
function singletonDeploymentHandler(stack: Stack): IConstruct {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) throw new Error("BucketDeployment's handler function was not found in the stack");
  return handler;
}
