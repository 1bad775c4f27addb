/**
 * The program's AWS stack, generated from the manifest: one Lambda function per entry in
 * `FUNCTIONS`, wired to its route, rule or schedule, granted exactly its `access`, around one
 * table (`TABLE_DEFINITION`), one custom bus and one SES sender identity. The site and the API
 * share one CloudFront origin (`constructs/hosting.ts`); coordinators are alerted through one
 * SNS topic (`constructs/alarms.ts`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
  type HttpStage,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { EVENT_BUS_NAME } from '../shared/events/contracts';
import { CoordinatorAlerts, METRICS_NAMESPACE } from './constructs/alarms';
import { SiteHosting } from './constructs/hosting';
import { pascalCase } from './constructs/names';
import { STAGE_THROTTLE, publicWriteRouteKeys, throttlePublicWrites } from './constructs/throttling';
import { EMAIL_FEEDBACK_PATTERN, FUNCTIONS, FUNCTION_DEFAULTS, eventPatternOf, handlerEntry, type FunctionSpec, type Trigger } from './manifest';
import { acknowledge } from './nag';
import type { StageName } from './settings';
import { TABLE_DEFINITION } from './table';
import { REQUIRE_SHIM } from './bundling';

/** The repository root: handler entries in the manifest are relative to it. */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));


/**
 * One JSON object per request, so Logs Insights can query fields directly. Only variables
 * that HTTP APIs support (the CDK default names REST-only ones).
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface CitiesSeekingCitiesStackProps extends StackProps {
  stage: StageName;
  /** The From address of every email; its domain becomes the SES identity. */
  senderEmail: string;
  coordinatorEmail: string;
  /** The public site URL, used in links inside emails. */
  publicUrl: string;
  /** Inquiry routing by world region (JSON), when coordinators split the world. */
  coordinatorRoutes?: string;
  /** The site's own domain and its ACM certificate (us-east-1); both or neither. */
  domainName?: string;
  certificateArn?: string;
  /** An address subscribed to the coordinator alerts topic by email. */
  alertEmail?: string;
  /** The functions to build. Defaults to the manifest; tests may pass a variant of it. */
  functions?: readonly FunctionSpec[];
}

/** Re-exported: construct ids of functions are `pascalCase(name)` + a suffix. */
export { pascalCase };

/** The domain of an email address: `cities@example.org` → `example.org`. */
export function domainOf(email: string): string {
  const domain = email.split('@')[1];
  if (!domain) throw new Error(`Not an email address: ${email}`);
  return domain;
}

/** The deployed program: table, bus, SES identity, functions and their triggers. */
export class CitiesSeekingCitiesStack extends Stack {
  readonly table: dynamodb.Table;
  readonly bus: events.EventBus;
  readonly api: HttpApi;
  /** The API's `$default` stage. */
  readonly apiStage: HttpStage;
  readonly functions = new Map<string, NodejsFunction>();
  /** Every route of the API, by route key (`POST /api/cities`). */
  readonly routes = new Map<string, HttpRoute>();
  /** Every dead-letter queue, by the name of the function it serves. */
  readonly deadLetterQueues = new Map<string, sqs.Queue>();
  readonly hosting: SiteHosting;
  readonly alerts: CoordinatorAlerts;

  private readonly removalPolicy: RemovalPolicy;
  private readonly emailIdentity: ses.EmailIdentity;
  private readonly configurationSet: ses.ConfigurationSet;
  private readonly tokenSecret: secretsmanager.Secret;
  private coordinatorAuthorizer?: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, private readonly props: CitiesSeekingCitiesStackProps) {
    super(scope, id, props);
    // Production data and logs survive a stack deletion; a dev stack cleans up after itself.
    this.removalPolicy = props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = this.createTable();
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: EVENT_BUS_NAME });
    this.configurationSet = new ses.ConfigurationSet(this, 'EmailConfigurationSet', {
      reputationMetrics: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      // SES itself stops mailing addresses that bounced or complained, on top of our own list.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // Bounces and complaints go to the default bus (the only one SES publishes to), where the
    // suppress-address rule picks them up.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    // The key that signs subscription and unsubscribe links.
    this.tokenSecret = new secretsmanager.Secret(this, 'TokenSigningKey', {
      description: 'Signs subscription confirmation and unsubscribe links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: this.removalPolicy,
    });
    acknowledge(
      this.tokenSecret,
      ['AwsSolutions-SMG4'],
      'Rotating the signing key would invalidate the unsubscribe links in every digest already delivered; one-click unsubscribe must keep working.',
    );
    // Messages from the identity use the configuration set by default, so the handlers need
    // not name it. DKIM records to publish appear in the SES console after deployment.
    this.emailIdentity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: ses.Identity.domain(domainOf(props.senderEmail)),
      configurationSet: this.configurationSet,
    });
    const { api, stage } = this.createApi();
    this.api = api;
    this.apiStage = stage;

    const specs = props.functions ?? FUNCTIONS;
    for (const spec of specs) {
      const fn = this.createFunction(spec);
      this.functions.set(spec.name, fn);
      this.grantAccess(spec, fn);
      this.connectTrigger(spec, fn);
    }
    throttlePublicWrites(this.apiStage, publicWriteRouteKeys(specs), this.routes);

    this.hosting = new SiteHosting(this, 'Web', {
      api: this.api,
      specs,
      stage: props.stage,
      removalPolicy: this.removalPolicy,
      domainName: props.domainName,
      certificateArn: props.certificateArn,
    });
    this.alerts = new CoordinatorAlerts(this, 'Alerts', {
      stage: props.stage,
      functions: this.functions,
      specs,
      deadLetterQueues: this.deadLetterQueues,
      alertEmail: props.alertEmail,
      removalPolicy: this.removalPolicy,
    });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alerts.topic.topicArn, description: 'Coordinators subscribe here for alarms' });
  }

  private createTable(): dynamodb.Table {
    const S = dynamodb.AttributeType.STRING;
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: S },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: S },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: this.removalPolicy,
    });
    for (const index of TABLE_DEFINITION.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: S },
        sortKey: { name: index.sortKey, type: S },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }

  private createApi(): { api: HttpApi; stage: HttpStage } {
    // The site is served from the same origin as the API, so no CORS configuration.
    const api = new HttpApi(this, 'Api', { apiName: `cities-seeking-cities-${this.props.stage}`, createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: this.removalPolicy,
    });
    const stage = api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A public form is an invitation to floods; these limits sit far above real traffic,
      // and the public write routes get tighter ones of their own (constructs/throttling.ts).
      throttle: STAGE_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the HTTP API (the site reaches it through CloudFront at /api/*)' });
    return { api, stage };
  }

  private createFunction(spec: FunctionSpec): NodejsFunction {
    const id = pascalCase(spec.name);
    const logGroup = new logs.LogGroup(this, `${id}Logs`, {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: this.removalPolicy,
    });
    // An own role instead of the AWSLambdaBasicExecutionRole managed policy: it may write to
    // its own log group only, and the grants below add exactly the manifest's access.
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${spec.name} function`,
    });
    logGroup.grantWrite(role);

    const fn = new NodejsFunction(this, `${id}Function`, {
      description: spec.description,
      entry: path.join(REPO_ROOT, handlerEntry(spec)),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds),
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        TABLE_NAME: this.table.tableName,
        EVENT_BUS_NAME: this.bus.eventBusName,
        SENDER_EMAIL: this.props.senderEmail,
        COORDINATOR_EMAIL: this.props.coordinatorEmail,
        PUBLIC_URL: this.props.publicUrl,
        // Business metrics (Embedded Metric Format) go to this namespace, by stage.
        METRICS_NAMESPACE,
        STAGE: this.props.stage,
        ...(this.props.coordinatorRoutes ? { COORDINATOR_ROUTES: this.props.coordinatorRoutes } : {}),
        ...(spec.access.secret ? { TOKEN_SECRET_ARN: this.tokenSecret.secretArn } : {}),
        ...spec.environment,
      },
      reservedConcurrentExecutions: spec.reservedConcurrency,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: REQUIRE_SHIM,
        minify: true,
        sourceMap: false,
        metafile: true,
        // Bundle the AWS SDK v3 too: a tree-shaken bundle initialises faster than the
        // runtime's copy, and pins the version the tests ran against.
        externalModules: [],
        // esbuild is a dev dependency; bundling must never need Docker.
        forceDockerBundling: false,
      },
    });

    this.acknowledgeFunctionFindings(spec, fn, role);
    return fn;
  }

  /** The cdk-nag findings every function raises by design, each with its reason. */
  private acknowledgeFunctionFindings(spec: FunctionSpec, fn: NodejsFunction, role: iam.Role): void {
    acknowledge(
      fn,
      ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
      'Pinned to the nodejs22.x LTS that the bundles target (esbuild target node22); moving to a newer runtime is a deliberate, tested change rather than an automatic one.',
    );
    acknowledge(
      role,
      ['AwsSolutions-IAM5[Resource::*]'],
      spec.access.describe
        ? 'X-Ray trace upload (xray:PutTraceSegments, xray:PutTelemetryRecords) and ses:GetAccount (health check) support no resource-level permissions, so their resource must be "*".'
        : 'X-Ray trace upload (xray:PutTraceSegments, xray:PutTelemetryRecords) supports no resource-level permissions, so its resource must be "*".',
    );
    acknowledge(
      fn,
      ['Serverless-LambdaDLQ'],
      spec.trigger.kind === 'http'
        ? 'Invoked synchronously by the HTTP API: a failure is returned to the caller, there is no event to dead-letter.'
        : 'Failed asynchronous invocations go to an on-failure destination (an SQS dead-letter queue), the successor of DeadLetterConfig; configuring both would duplicate every failure.',
    );
  }

  /** Grants the function exactly what its manifest entry declares, and nothing else. */
  private grantAccess(spec: FunctionSpec, fn: NodejsFunction): void {
    const { access } = spec;
    if (access.table) {
      if (access.table === 'read') this.table.grantReadData(fn);
      else this.table.grantReadWriteData(fn);
      acknowledge(
        fn.role ?? fn,
        [`AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.table.node.defaultChild as dynamodb.CfnTable)}.Arn>/index/*]`],
        "Queries go through the table's own global secondary indexes; the grant covers the indexes of this one table only.",
      );
    }
    if (access.bus) this.bus.grantPutEventsTo(fn);
    if (access.secret) this.tokenSecret.grantRead(fn);
    if (access.ses) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          // The configuration set is listed because SES authorises a send against the
          // configuration set it uses as well as the identity.
          resources: [
            this.emailIdentity.emailIdentityArn,
            this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
          ],
        }),
      );
    }
    if (access.describe) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [this.table.tableArn] }));
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['events:DescribeEventBus'], resources: [this.bus.eventBusArn] }));
      // GetAccount reads account-level sending status; it has no resource to scope it to.
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    }
  }

  private connectTrigger(spec: FunctionSpec, fn: NodejsFunction): void {
    const { trigger } = spec;
    switch (trigger.kind) {
      case 'http':
        return this.addRoute(spec, trigger, fn);
      case 'event':
        return this.addRule(spec, trigger, fn);
      case 'schedule':
        return this.addSchedule(spec, trigger, fn);
      case 'email-feedback':
        return this.addEmailFeedbackRule(spec, fn);
    }
  }

  private addRoute(spec: FunctionSpec, trigger: Extract<Trigger, { kind: 'http' }>, fn: NodejsFunction): void {
    const id = pascalCase(spec.name);
    const routeKey = HttpRouteKey.with(trigger.path, HttpMethod[trigger.method]);
    const route = new HttpRoute(this, `${id}Route`, {
      httpApi: this.api,
      routeKey,
      integration: new HttpLambdaIntegration(`${id}Integration`, fn),
      authorizer: trigger.auth === 'coordinator' ? this.coordinatorAuthorizerOnce() : undefined,
    });
    this.routes.set(routeKey.key, route);
    if (!trigger.auth) {
      acknowledge(
        route,
        ['AwsSolutions-APIG4'],
        'A public endpoint by design (the site and its registration form are open to anyone); abuse is bounded by stage throttling, tighter per-route throttling of public writes, and input validation.',
      );
    }
  }

  /** The JWT authorizer of coordinator routes, with its user pool: created only when a route needs it. */
  private coordinatorAuthorizerOnce(): IHttpRouteAuthorizer {
    if (this.coordinatorAuthorizer) return this.coordinatorAuthorizer;
    const pool = new cognito.UserPool(this, 'Coordinators', {
      // Coordinators are invited by an administrator; nobody signs up on their own.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: this.removalPolicy,
    });
    acknowledge(
      pool,
      ['AwsSolutions-COG8'],
      'Threat protection needs the Plus feature plan, billed per active user; a handful of invited coordinators with required MFA does not warrant it.',
    );
    const client = pool.addClient('CoordinatorSite', {
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      generateSecret: false,
    });
    this.coordinatorAuthorizer = new HttpJwtAuthorizer(
      'CoordinatorAuthorizer',
      `https://cognito-idp.${this.region}.${this.urlSuffix}/${pool.userPoolId}`,
      { jwtAudience: [client.userPoolClientId] },
    );
    return this.coordinatorAuthorizer;
  }

  private addRule(spec: FunctionSpec, trigger: Extract<Trigger, { kind: 'event' }>, fn: NodejsFunction): void {
    const id = pascalCase(spec.name);
    const deadLetters = this.asyncFailureHandling(spec, fn, 2);
    const pattern = eventPatternOf(trigger);
    new events.Rule(this, `${id}Rule`, {
      description: `Delivers ${pattern['detail-type'].join(', ')} to ${spec.name}`,
      eventBus: this.bus,
      eventPattern: { source: pattern.source, detailType: pattern['detail-type'] },
      targets: [
        new targets.LambdaFunction(fn, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: deadLetters,
        }),
      ],
    });
  }

  /** SES bounce and complaint events arrive on the account's default bus. */
  private addEmailFeedbackRule(spec: FunctionSpec, fn: NodejsFunction): void {
    const id = pascalCase(spec.name);
    const deadLetters = this.asyncFailureHandling(spec, fn, 2);
    new events.Rule(this, `${id}Rule`, {
      description: `Delivers SES bounces and complaints to ${spec.name}`,
      eventPattern: { source: EMAIL_FEEDBACK_PATTERN.source, detailType: EMAIL_FEEDBACK_PATTERN['detail-type'] },
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 8, maxEventAge: Duration.hours(24), deadLetterQueue: deadLetters })],
    });
  }

  private addSchedule(spec: FunctionSpec, trigger: Extract<Trigger, { kind: 'schedule' }>, fn: NodejsFunction): void {
    const id = pascalCase(spec.name);
    // The next tick is the retry of a scheduled run, so Lambda itself does not retry.
    const deadLetters = this.asyncFailureHandling(spec, fn, 0);
    const role = new iam.Role(this, `${id}ScheduleRole`, {
      description: `Lets EventBridge Scheduler invoke ${spec.name}`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        // Only schedules of this account may use the role (confused-deputy protection).
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
    // Scheduler writes undeliverable invocations to the dead-letter queue with this role.
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] }));
    new scheduler.CfnSchedule(this, `${id}Schedule`, {
      description: spec.description,
      scheduleExpression: trigger.expression,
      scheduleExpressionTimezone: trigger.timezone ?? 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: fn.functionArn,
        roleArn: role.roleArn,
        // The handler learns which run this is (the rollover derives its month from it).
        input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: deadLetters.queueArn },
      },
    });
  }

  /**
   * Creates the function's dead-letter queue and sends failed asynchronous invocations to it
   * after `retryAttempts` retries. Rules and schedules deliver their undeliverable events to
   * the same queue, so one queue per function holds everything that did not get through.
   */
  private asyncFailureHandling(spec: FunctionSpec, fn: NodejsFunction, retryAttempts: number): sqs.Queue {
    const id = pascalCase(spec.name);
    const deadLetters = new sqs.Queue(this, `${id}DeadLetters`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      deadLetters,
      ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
      'This queue is itself the dead-letter queue of the function; a dead-letter queue of a dead-letter queue would only move the problem.',
    );
    fn.configureAsyncInvoke({ retryAttempts, onFailure: new SqsDestination(deadLetters) });
    this.deadLetterQueues.set(spec.name, deadLetters);
    return deadLetters;
  }
}
