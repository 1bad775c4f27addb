/**
 * The CDK stack, checked against the manifest it is generated from. Every expectation is
 * derived from `FUNCTIONS` and `TABLE_DEFINITION`, so adding a function or a grant to the
 * manifest is tested without touching this file.
 *
 * The dev app is synthesized once (that bundles every handler with esbuild and builds the web
 * site); the prod app (with every optional setting: custom domain, alert email) and a manifest
 * variant skip bundling, which makes them cheap. The hosting's own tests are in hosting.test.ts.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Validations, type CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIGEST_DEADLINE_DAY,
  METRICS_NAMESPACE,
  SES_BOUNCE_RATE_THRESHOLD,
  SES_COMPLAINT_RATE_THRESHOLD,
  heartbeatSpec,
} from '../../infra/constructs/alarms';
import { PUBLIC_WRITE_THROTTLE, publicWriteRouteKeys } from '../../infra/constructs/throttling';
import { nextFiring } from '../../infra/local/schedule';
import { FUNCTIONS, type FunctionSpec } from '../../infra/manifest';
import { defineProgram } from '../../infra/program';
import { readStageSettings } from '../../infra/settings';
import type { CitiesSeekingCitiesStack } from '../../infra/stack';
import { TABLE_DEFINITION, keySchemaOf } from '../../infra/table';
import { EVENT_BUS_NAME, patternFor } from '../../shared/events/contracts';
import { NOT_FOUND_FILE, PAGE_ROUTES } from '../../web/build';

interface Synthesized {
  app: App;
  stack: CitiesSeekingCitiesStack;
  template: Template;
  outdir: string;
}

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
}

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
}

const outdirs: string[] = [];

/**
 * Synthesizes the program as `cdk synth` does. Validation failures do not throw here, so a
 * cdk-nag finding fails only the test about it (with its details), not the whole file.
 */
function synthesize(context: Record<string, unknown>, functions?: readonly FunctionSpec[]): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cities-cdk-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false, ...context } });
  const stack = defineProgram(app, functions ? { functions } : {});
  app.synth();
  return { app, stack, template: Template.fromStack(stack), outdir };
}

/** Skips esbuild: for templates whose code assets do not matter. */
const WITHOUT_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/** The optional settings, all given to prod (dev has none of them). */
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';
const PROD_OPTIONS = { domainName: 'cities.example.org', certificateArn: CERTIFICATE_ARN, alertEmail: 'alerts@example.org' };

/**
 * A manifest variant exercising what the manifest does not use yet: a coordinator-only route
 * and a read-only table grant.
 */
const VARIANT: readonly FunctionSpec[] = FUNCTIONS.map((spec): FunctionSpec =>
  spec.name === 'list-interests'
    ? { ...spec, trigger: { ...spec.trigger, auth: 'coordinator' }, access: { table: 'read' } }
    : spec,
);

function logicalIdOf(stack: CitiesSeekingCitiesStack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

function functionOf(stack: CitiesSeekingCitiesStack, spec: FunctionSpec) {
  const fn = stack.functions.get(spec.name);
  if (!fn) throw new Error(`No function ${spec.name} in the stack`);
  return fn;
}

/** Every statement granted to a role: its attached policies and its inline policies. */
function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const attached = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter((policy) => JSON.stringify(policy.Properties?.['Roles']).includes(`"${roleLogicalId}"`))
    .flatMap((policy) => (policy.Properties?.['PolicyDocument'] as { Statement: Statement[] }).Statement);
  const role = (template.findResources('AWS::IAM::Role') as Record<string, Resource>)[roleLogicalId];
  const inline = ((role?.Properties?.['Policies'] ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );
  return [...attached, ...inline];
}

function allowedActions(statements: Statement[]): string[] {
  return statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat());
}

function actionsOfFunction(synthesized: Synthesized, spec: FunctionSpec): string[] {
  const role = functionOf(synthesized.stack, spec).role;
  if (!role) throw new Error(`${spec.name} has no role`);
  return allowedActions(statementsOfRole(synthesized.template, logicalIdOf(synthesized.stack, role)));
}

/** Every statement of every identity and resource policy in the template. */
function allStatements(template: Template): Statement[] {
  const documents = Object.values(template.toJSON()['Resources'] as Record<string, Resource>).flatMap((resource) => {
    const props = resource.Properties ?? {};
    // `Policies` holds inline IAM policies on roles only (a user pool's `Policies` is its password policy).
    const inline = resource.Type === 'AWS::IAM::Role' ? ((props['Policies'] ?? []) as { PolicyDocument: unknown }[]).map((p) => p.PolicyDocument) : [];
    return [props['PolicyDocument'], props['AssumeRolePolicyDocument'], ...inline];
  });
  return documents.flatMap((doc) => ((doc as { Statement?: Statement[] } | undefined)?.Statement ?? []));
}

const DYNAMODB_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** The IAM expectations that follow from `access`, checked for every function of `specs`. */
function expectGrantsToFollowAccess(synthesized: Synthesized, specs: readonly FunctionSpec[]): void {
  for (const spec of specs) {
    const actions = actionsOfFunction(synthesized, spec);
    const { access } = spec;
    const context = `${spec.name} with access ${JSON.stringify(access)}`;
    expect(actions.includes('events:PutEvents'), context).toBe(access.bus === true);
    expect(actions.includes('ses:SendEmail'), context).toBe(access.ses === true);
    expect(actions.includes('ses:SendRawEmail'), context).toBe(access.ses === true);
    const dynamodbActions = actions.filter((action) => action.startsWith('dynamodb:'));
    if (!access.table) {
      // Describing the table (the health check) is the one DynamoDB action without table access.
      expect(dynamodbActions, context).toEqual(access.describe ? ['dynamodb:DescribeTable'] : []);
    }
    if (access.table === 'read') expect(dynamodbActions.filter((a) => DYNAMODB_WRITES.includes(a)), context).toEqual([]);
    if (access.table === 'readwrite') expect(dynamodbActions, context).toEqual(expect.arrayContaining(DYNAMODB_WRITES));
    expect(actions.includes('ses:GetAccount'), context).toBe(access.describe === true);
  }
}

/** The cdk-nag findings left after acknowledgements, as cdk-nag itself computes them. */
function unsuppressedNagFindings(app: App): string[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
    pack
      .validateScope(app)
      .violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
  );
}

/** The violations in the validation report that synth wrote, from every plugin. */
function reportedViolations(outdir: string): unknown[] {
  const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations: unknown[] }[];
  };
  return report.pluginReports.flatMap((plugin) => plugin.violations.map((v) => ({ plugin: plugin.pluginName, ...(v as object) })));
}

let dev: Synthesized;
let prod: Synthesized;
let variant: Synthesized;

beforeAll(() => {
  dev = synthesize({ stage: 'dev' });
  prod = synthesize({ stage: 'prod', ...PROD_OPTIONS, ...WITHOUT_BUNDLING });
  variant = synthesize({ stage: 'dev', ...WITHOUT_BUNDLING }, VARIANT);
});

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('functions', () => {
  it('builds every manifest function as an arm64 nodejs22.x Lambda with its memory, timeout and configuration', () => {
    // Prepare
    const { template, stack } = dev;

    // Act
    const lambdas = template.findResources('AWS::Lambda::Function');
    const manifestIds = FUNCTIONS.map((spec) => logicalIdOf(stack, functionOf(stack, spec)));
    const others = Object.keys(lambdas).filter((id) => !manifestIds.includes(id));

    // Assess: besides the manifest's functions only CDK's BucketDeployment handler (the site upload).
    expect(new Set(manifestIds).size).toBe(FUNCTIONS.length);
    expect(others).toEqual([expect.stringMatching(/^CustomCDKBucketDeployment/)]);
    for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
      expect(lambdas[logicalIdOf(stack, functionOf(stack, spec))]?.['Properties'], spec.name).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec.memoryMb ?? 256,
        Timeout: spec.timeoutSeconds ?? 10,
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: logicalIdOf(stack, stack.table) },
            EVENT_BUS_NAME: { Ref: logicalIdOf(stack, stack.bus) },
            SENDER_EMAIL: 'cities@example.org',
            COORDINATOR_EMAIL: 'coordinator@example.org',
            PUBLIC_URL: 'https://example.org',
          },
        },
      });
    }
  });

  it('gives every function its own log group kept for one month', () => {
    // Prepare
    const { template, stack } = dev;
    const lambdas = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const logGroups = template.findResources('AWS::Logs::LogGroup') as Record<string, Resource>;

    // Act
    const used = FUNCTIONS.map((spec) => {
      const properties = lambdas[logicalIdOf(stack, functionOf(stack, spec))]?.Properties as { LoggingConfig: { LogGroup: { Ref: string } } };
      return properties.LoggingConfig.LogGroup.Ref;
    });

    // Assess
    expect(new Set(used).size).toBe(FUNCTIONS.length);
    for (const id of used) expect(logGroups[id]?.Properties).toMatchObject({ RetentionInDays: 30 });
  });
});

describe('table', () => {
  it('is on-demand, recoverable to a point in time, encrypted, with the keys and indexes of TABLE_DEFINITION', () => {
    // Prepare
    const attributes = [
      TABLE_DEFINITION.partitionKey,
      TABLE_DEFINITION.sortKey,
      ...TABLE_DEFINITION.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];

    // Act
    const { template } = dev;

    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      KeySchema: keySchemaOf(),
      AttributeDefinitions: Match.arrayEquals(attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      GlobalSecondaryIndexes: TABLE_DEFINITION.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchemaOf(index),
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('is retained in prod and deleted with a dev stack', () => {
    // Prepare
    const tableOf = (template: Template) => Object.values(template.findResources('AWS::DynamoDB::Table'))[0];

    // Act
    const prodTable = tableOf(prod.template);
    const devTable = tableOf(dev.template);

    // Assess
    expect(prod.stack.stackName).toBe('CitiesSeekingCities-prod');
    expect(prodTable).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(dev.stack.stackName).toBe('CitiesSeekingCities-dev');
    expect(devTable).toMatchObject({ DeletionPolicy: 'Delete' });
  });
});

describe('events', () => {
  const subscribers = (FUNCTIONS as readonly FunctionSpec[]).filter((spec) => spec.trigger.kind === 'event');

  it('creates the custom bus under its contract name', () => {
    // Act
    const { template } = dev;

    // Assess
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', { Name: EVENT_BUS_NAME });
  });

  it('has one rule per event-triggered function, matching its contract pattern, with retries and a dead-letter queue', () => {
    // Prepare
    const { template, stack } = dev;

    // Act
    const rules = Object.values(template.findResources('AWS::Events::Rule') as Record<string, Resource>);

    // Assess: one rule per event subscriber on our bus, plus one per email-feedback function on the default bus.
    const feedback = (FUNCTIONS as readonly FunctionSpec[]).filter((spec) => spec.trigger.kind === 'email-feedback');
    expect(rules).toHaveLength(subscribers.length + feedback.length);
    for (const spec of feedback) {
      const fnId = logicalIdOf(stack, functionOf(stack, spec));
      const own = rules.filter((rule) => JSON.stringify(rule.Properties?.['Targets']).includes(`"${fnId}"`));
      expect(own, spec.name).toHaveLength(1);
      expect(own[0]?.Properties?.['EventBusName']).toBeUndefined();
      expect(own[0]?.Properties).toMatchObject({
        EventPattern: { source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'] },
        Targets: [{ RetryPolicy: { MaximumRetryAttempts: 8 }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } }],
      });
    }
    for (const spec of subscribers) {
      if (spec.trigger.kind !== 'event') continue;
      const fnId = logicalIdOf(stack, functionOf(stack, spec));
      const own = rules.filter((rule) => JSON.stringify(rule.Properties?.['Targets']).includes(`"${fnId}"`));
      expect(own, spec.name).toHaveLength(1);
      expect(own[0]?.Properties).toMatchObject({
        EventBusName: { Ref: logicalIdOf(stack, stack.bus) },
        EventPattern: patternFor(spec.trigger.detailTypes),
        Targets: [
          {
            Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86_400 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
          },
        ],
      });
    }
  });

  it('sends failed asynchronous invocations of event-triggered functions to an encrypted dead-letter queue', () => {
    // Prepare
    const { template, stack } = dev;

    // Act
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig') as Record<string, Resource>);

    // Assess
    for (const spec of subscribers) {
      const config = configs.find((c) => JSON.stringify(c.Properties?.['FunctionName']) === JSON.stringify({ Ref: logicalIdOf(stack, functionOf(stack, spec)) }));
      expect(config?.Properties, spec.name).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
      });
      const queueId = (config?.Properties?.['DestinationConfig'] as any).OnFailure.Destination['Fn::GetAtt'][0] as string;
      expect(template.toJSON()['Resources'][queueId]).toMatchObject({
        Type: 'AWS::SQS::Queue',
        Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 },
      });
    }
  });
});

describe('HTTP API', () => {
  const routes = (FUNCTIONS as readonly FunctionSpec[]).flatMap((spec) => (spec.trigger.kind === 'http' ? [spec.trigger] : []));

  it('has exactly one route per http trigger, with its method and path', () => {
    // Act
    const { template } = dev;

    // Assess
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    for (const route of routes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: route.auth === 'coordinator' ? 'JWT' : 'NONE',
      });
    }
  });

  it('logs access as JSON and throttles the default stage', () => {
    // Act
    const { template } = dev;

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 20 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('^\\{.*"\\$context\\.requestId".*\\}$') },
    });
    expect(Object.keys(template.findOutputs('ApiUrl'))).toEqual(['ApiUrl']);
  });

  it('puts the Cognito JWT authorizer on every coordinator route of the manifest and on no public one', () => {
    // Prepare
    const { template } = dev;
    const authorizers = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    const guarded = routes.filter((route) => route.auth === 'coordinator');

    // Assess
    expect(guarded.length).toBeGreaterThan(0);
    expect(authorizers).toHaveLength(1);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    for (const route of guarded) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizers[0] },
      });
    }
    for (const route of Object.values(template.findResources('AWS::ApiGatewayV2::Route'))) {
      const key = String(route.Properties.RouteKey);
      expect(key.includes('/api/admin/'), key).toBe(route.Properties.AuthorizationType === 'JWT');
    }
  });

  it('guards coordinator routes with a JWT authorizer backed by a Cognito user pool', () => {
    // Prepare
    const { template } = variant;
    const guarded = VARIANT.flatMap((spec) => (spec.trigger.kind === 'http' && spec.trigger.auth === 'coordinator' ? [spec.trigger] : []));

    // Act
    const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer');

    // Assess
    expect(guarded.length).toBeGreaterThan(0);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    expect(Object.values(authorizers)).toEqual([
      expect.objectContaining({ Properties: expect.objectContaining({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] }) }),
    ]);
    for (const route of guarded) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: Object.keys(authorizers)[0] },
      });
    }
  });
});

describe('schedules', () => {
  const scheduled = (FUNCTIONS as readonly FunctionSpec[]).filter((spec) => spec.trigger.kind === 'schedule');

  it('invokes each scheduled function with the manifest expression, retries and a dead-letter queue', () => {
    // Prepare
    const { template, stack } = dev;

    // Act
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule') as Record<string, Resource>);

    // Assess
    expect(schedules).toHaveLength(scheduled.length);
    for (const spec of scheduled) {
      if (spec.trigger.kind !== 'schedule') continue;
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: spec.trigger.expression,
        ScheduleExpressionTimezone: spec.trigger.timezone ?? 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [logicalIdOf(stack, functionOf(stack, spec)), 'Arn'] },
          RoleArn: Match.anyValue(),
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }),
          DeadLetterConfig: { Arn: Match.anyValue() },
        },
      });
    }
  });

  it("gives each schedule a role that may invoke only its function and write only to its dead-letter queue", () => {
    // Prepare
    const { template, stack } = dev;

    for (const spec of scheduled) {
      const fnId = logicalIdOf(stack, functionOf(stack, spec));
      const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule') as Record<string, Resource>).find((s) =>
        JSON.stringify(s.Properties?.['Target']).includes(`"${fnId}"`),
      );
      const target = schedule?.Properties?.['Target'] as { RoleArn: { 'Fn::GetAtt': [string, string] }; DeadLetterConfig: { Arn: unknown } };

      // Act
      const statements = statementsOfRole(template, target.RoleArn['Fn::GetAtt'][0]);

      // Assess
      expect(statements).toEqual([
        { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [fnId, 'Arn'] } },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: target.DeadLetterConfig.Arn },
      ]);
    }
  });
});

describe('IAM', () => {
  it('allows no action with a wildcard anywhere', () => {
    // Prepare
    const statements = [...allStatements(dev.template), ...allStatements(variant.template)];

    // Act
    const wildcards = allowedActions(statements).filter((action) => action.includes('*'));

    // Assess
    expect(statements.length).toBeGreaterThan(0);
    expect(wildcards).toEqual([]);
  });

  it('grants each function exactly the access its manifest entry declares', () => {
    // Prepare, Act and Assess per function: the expectations derive from each `access`.
    expectGrantsToFollowAccess(dev, FUNCTIONS);
    expectGrantsToFollowAccess(variant, VARIANT);
  });

  it('lets only functions declaring bus or SES access put events or send email, and no other role either', () => {
    // Prepare
    const { template, stack } = dev;
    const roleIds = Object.keys(template.findResources('AWS::IAM::Role'));
    const roleOf = (spec: FunctionSpec) => logicalIdOf(stack, functionOf(stack, spec).role!);
    const rolesAllowed = (action: string) => roleIds.filter((id) => allowedActions(statementsOfRole(template, id)).includes(action)).sort();

    // Act
    const putters = rolesAllowed('events:PutEvents');
    const senders = rolesAllowed('ses:SendEmail');

    // Assess
    expect(putters).toEqual(FUNCTIONS.filter((s: FunctionSpec) => s.access.bus).map(roleOf).sort());
    expect(senders).toEqual(FUNCTIONS.filter((s: FunctionSpec) => s.access.ses).map(roleOf).sort());
  });

  it('scopes email sending to the SES identity of the sender domain', () => {
    // Prepare
    const { template, stack } = dev;
    const senders = FUNCTIONS.filter((s: FunctionSpec) => s.access.ses);

    for (const spec of senders) {
      // Act
      const statements = statementsOfRole(template, logicalIdOf(stack, functionOf(stack, spec).role!));
      const sending = statements.find((s) => [s.Action].flat().includes('ses:SendEmail'));

      // Assess
      expect(JSON.stringify(sending?.Resource)).toMatch(/:identity\/".*"Ref":"SenderIdentity/);
    }
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.org' });
  });
});

describe('cdk-nag', () => {
  it('leaves no unsuppressed AwsSolutions or Serverless finding', () => {
    // Act
    const findings = [...unsuppressedNagFindings(dev.app), ...unsuppressedNagFindings(prod.app), ...unsuppressedNagFindings(variant.app)];

    // Assess: joined, so a failure names every finding and its construct.
    expect(findings.join('\n')).toBe('');
  });

  it('reports no violation in the validation report written by synth', () => {
    // Act
    const violations = [dev, prod, variant].flatMap((s) => reportedViolations(s.outdir));

    // Assess
    expect(JSON.stringify(violations, null, 1)).toBe('[]');
  });

  it('gives every suppression a written reason, also recorded in the template', () => {
    // Prepare
    const acknowledgements = [dev, variant].flatMap(({ stack }) =>
      stack.node
        .findAll()
        .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>)),
    );

    // Act
    const unexplained = acknowledgements.filter(([, reason]) => typeof reason !== 'string' || reason.trim().length < 20);
    const inTemplate = Object.values(dev.template.toJSON()['Resources'] as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: { reason: string }[] } } }>)
      .flatMap((resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? []);

    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    expect(unexplained).toEqual([]);
    expect(inTemplate.length).toBeGreaterThan(0);
    expect(inTemplate.filter((rule) => rule.reason.trim().length === 0)).toEqual([]);
  });
});

describe('web site', () => {
  it('builds the site at synth time into the asset both site deployments upload', () => {
    // Prepare
    const deployments = Object.values(dev.template.findResources('Custom::CDKBucketDeployment') as Record<string, Resource>);
    const keys = new Set(deployments.map((deployment) => JSON.stringify(deployment.Properties?.['SourceObjectKeys'])));

    // Act
    const [key] = JSON.parse([...keys][0] ?? '[]') as string[];
    const site = path.join(dev.outdir, `asset.${String(key).replace(/\.zip$/, '')}`);
    const files = readdirSync(site, { recursive: true, encoding: 'utf8' }).map((file) => file.split(path.sep).join('/'));

    // Assess: every page PAGE_ROUTES names, the 404 page, and hashed scripts and styles.
    expect(deployments).toHaveLength(2);
    expect(keys.size).toBe(1);
    expect(files).toEqual(expect.arrayContaining([...PAGE_ROUTES.map((route) => route.file), NOT_FOUND_FILE]));
    expect(files.filter((file) => /^assets\/.+\.js$/.test(file)).length).toBeGreaterThan(0);
    expect(files.filter((file) => /^assets\/.+\.css$/.test(file)).length).toBeGreaterThan(0);
  });
});

describe('digest infrastructure', () => {
  it('publishes SES bounces and complaints to the default bus and lets SES suppress them too', () => {
    // Act
    const { template } = dev;

    // Assess
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      }),
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
  });

  it('keeps the token-signing key in Secrets Manager, readable only by functions that sign or verify links', () => {
    // Prepare
    const { template, stack } = dev;
    const secrets = Object.keys(template.findResources('AWS::SecretsManager::Secret'));

    // Assess
    expect(secrets).toHaveLength(1);
    for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
      const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(stack, functionOf(stack, spec))]!;
      const env = (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      expect('TOKEN_SECRET_ARN' in env, spec.name).toBe(Boolean(spec.access.secret));
      expect('TOKEN_SECRET' in env, spec.name).toBe(false);
    }
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('secretsmanager:GetSecretValue'),
    );
    expect(readers).toHaveLength((FUNCTIONS as readonly FunctionSpec[]).filter((spec) => spec.access.secret).length);
  });

  it('fires the rollover at 09:00 New York time on the 1st and passes the scheduled time', () => {
    // Act
    const { template } = dev;

    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 9 1 * ? *)',
      ScheduleExpressionTimezone: 'America/New_York',
      Target: Match.objectLike({ Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }) }),
    });
  });

  it('paces the digest sender with reserved concurrency and its send rate', () => {
    // Prepare
    const { template, stack } = dev;
    const spec = (FUNCTIONS as readonly FunctionSpec[]).find((candidate) => candidate.name === 'send-digest-batch')!;

    // Act
    const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(stack, functionOf(stack, spec))]!;

    // Assess
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(spec.reservedConcurrency);
    expect(fn.Properties.Environment.Variables.DIGEST_SEND_RATE).toBe(spec.environment?.DIGEST_SEND_RATE);
  });
});

describe('throttling of public writes', () => {
  const expected = (FUNCTIONS as readonly FunctionSpec[]).flatMap((spec) =>
    spec.trigger.kind === 'http' && !spec.trigger.auth && ['POST', 'PUT', 'PATCH'].includes(spec.trigger.method)
      ? [`${spec.trigger.method} ${spec.trigger.path}`]
      : [],
  );

  it('derives the public write routes from the manifest', () => {
    // Prepare
    const variant = (FUNCTIONS as readonly FunctionSpec[]).map((spec): FunctionSpec => {
      if (spec.name === 'register-city' && spec.trigger.kind === 'http') return { ...spec, trigger: { ...spec.trigger, auth: 'coordinator' } };
      if (spec.name === 'list-interests' && spec.trigger.kind === 'http') return { ...spec, trigger: { ...spec.trigger, method: 'PUT' } };
      return spec;
    });

    // Act
    const keys = publicWriteRouteKeys(FUNCTIONS);
    const variantKeys = publicWriteRouteKeys(variant);

    // Assess: guarded and read routes are left out; a change in the manifest changes the set.
    expect(keys).toEqual(expected);
    expect(keys).toContain('POST /api/cities');
    expect(keys.filter((key) => key.includes('/admin/') || key.startsWith('GET '))).toEqual([]);
    expect(variantKeys).not.toContain('POST /api/cities');
    expect(variantKeys).toContain('PUT /api/interests');
  });

  it('throttles each of them on the default stage, tighter than the stage default', () => {
    // Prepare
    const { template, stack } = dev;

    // Act
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage') as Record<string, Resource & { DependsOn?: string[] }>)[0];
    const settings = stage?.Properties?.['RouteSettings'] as Record<string, unknown>;
    const defaults = stage?.Properties?.['DefaultRouteSettings'] as { ThrottlingBurstLimit: number; ThrottlingRateLimit: number };

    // Assess
    expect(Object.keys(settings).sort()).toEqual([...expected].sort());
    for (const key of expected) {
      expect(settings[key], key).toEqual({ ThrottlingBurstLimit: PUBLIC_WRITE_THROTTLE.burstLimit, ThrottlingRateLimit: PUBLIC_WRITE_THROTTLE.rateLimit });
      // API Gateway rejects settings for a route that does not exist yet.
      expect(stage?.DependsOn, key).toContain(logicalIdOf(stack, stack.routes.get(key)!));
    }
    expect(PUBLIC_WRITE_THROTTLE.burstLimit).toBeLessThan(defaults.ThrottlingBurstLimit);
    expect(PUBLIC_WRITE_THROTTLE.rateLimit).toBeLessThan(defaults.ThrottlingRateLimit);
  });
});

describe('coordinator alerts', () => {
  const alarmsOf = (template: Template) => Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>);
  const props = (resource: Resource | undefined) => (resource?.Properties ?? {}) as Record<string, any>;

  it('publishes to a topic encrypted with a rotated key CloudWatch may use, over TLS, from alarms of this account only', () => {
    // Prepare
    const { template, stack } = dev;
    const topicId = logicalIdOf(stack, stack.alerts.topic);
    const keyId = logicalIdOf(stack, stack.alerts.key);
    const resources = template.toJSON()['Resources'] as Record<string, Resource>;

    // Act
    const topicPolicy = Object.values(template.findResources('AWS::SNS::TopicPolicy') as Record<string, Resource>).find((p) =>
      JSON.stringify(p.Properties?.['Topics']).includes(topicId),
    );
    const statements = props(topicPolicy)['PolicyDocument'].Statement as Statement[];

    // Assess
    expect(props(resources[topicId])['KmsMasterKeyId']).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(props(resources[keyId])['EnableKeyRotation']).toBe(true);
    expect(props(resources[keyId])['KeyPolicy'].Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
    );
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
      }),
    );
    expect(Object.keys(template.findOutputs('AlertsTopicArn'))).toEqual(['AlertsTopicArn']);
  });

  it('emails alertEmail when the context gives one', () => {
    // Assess
    dev.template.resourceCountIs('AWS::SNS::Subscription', 0);
    prod.template.resourceCountIs('AWS::SNS::Subscription', 1);
    prod.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: PROD_OPTIONS.alertEmail,
      TopicArn: { Ref: logicalIdOf(prod.stack, prod.stack.alerts.topic) },
    });
  });

  it('sends every alarm to the topic: one per dead-letter queue, one per function, two for SES, two for the digest', () => {
    // Prepare
    const { template, stack } = dev;

    // Act
    const alarms = alarmsOf(template);

    // Assess
    expect(alarms).toHaveLength(stack.deadLetterQueues.size + FUNCTIONS.length + 4);
    for (const alarm of alarms) expect(props(alarm)['AlarmActions'], props(alarm)['AlarmDescription']).toEqual([{ Ref: logicalIdOf(stack, stack.alerts.topic) }]);
  });

  it('raises an alarm for a single message visible in any dead-letter queue of the stack', () => {
    // Prepare
    const { template, stack } = dev;
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    const dlqAlarms = alarmsOf(template).filter((alarm) => props(alarm)['MetricName'] === 'ApproximateNumberOfMessagesVisible');

    // Assess: every queue of the template is a dead-letter queue, and each has its alarm.
    expect(queues.length).toBeGreaterThan(0);
    expect([...queues].sort()).toEqual([...stack.deadLetterQueues.values()].map((queue) => logicalIdOf(stack, queue)).sort());
    expect(dlqAlarms).toHaveLength(queues.length);
    for (const queueId of queues) {
      const dimensions = [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }];
      const own = dlqAlarms.filter((alarm) => JSON.stringify(props(alarm)['Dimensions']) === JSON.stringify(dimensions));
      expect(own, queueId).toHaveLength(1);
      expect(props(own[0])).toMatchObject({
        Namespace: 'AWS/SQS',
        Statistic: 'Maximum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('raises an alarm on any error of each function within 5 minutes, missing data not breaching', () => {
    // Prepare
    const { template, stack } = dev;
    const errorAlarms = alarmsOf(template).filter((alarm) => props(alarm)['MetricName'] === 'Errors');

    // Assess
    expect(errorAlarms).toHaveLength(FUNCTIONS.length);
    for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
      const dimensions = [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(stack, functionOf(stack, spec)) } }];
      const own = errorAlarms.filter((alarm) => JSON.stringify(props(alarm)['Dimensions']) === JSON.stringify(dimensions));
      expect(own, spec.name).toHaveLength(1);
      expect(props(own[0])).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('raises an alarm when the delivery check finds a month still undelivered a day after its rollover', () => {
    // Prepare
    const { template } = dev;

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: 'DigestDeliveryOverdue',
      Dimensions: [{ Name: 'Stage', Value: 'dev' }],
      Statistic: 'Sum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('raises alarms at a 5 % SES bounce rate and a 0.1 % complaint rate, hourly maximum', () => {
    // Prepare
    const { template } = dev;

    // Assess
    expect([SES_BOUNCE_RATE_THRESHOLD, SES_COMPLAINT_RATE_THRESHOLD]).toEqual([0.05, 0.001]);
    for (const [metric, threshold] of [
      ['Reputation.BounceRate', SES_BOUNCE_RATE_THRESHOLD],
      ['Reputation.ComplaintRate', SES_COMPLAINT_RATE_THRESHOLD],
    ] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: metric,
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('raises an alarm when no digest was assembled on the 1st or 2nd of the month, over whole UTC days', () => {
    // Prepare
    const { template, stack } = dev;
    const heartbeat = heartbeatSpec(FUNCTIONS);
    const digestAlarms = alarmsOf(template).filter((alarm) => JSON.stringify(props(alarm)['Metrics'] ?? []).includes('DigestsAssembled'));

    // Act
    const alarm = props(digestAlarms[0]);
    const metrics = Object.fromEntries((alarm['Metrics'] as Record<string, any>[]).map((metric) => [metric['Id'], metric]));

    // Assess
    expect(digestAlarms).toHaveLength(1);
    expect(alarm).toMatchObject({
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'breaching',
      EvaluationWindow: { WallClockWindow: { Timezone: 'UTC' } },
    });
    expect(metrics['expr_1']).toMatchObject({ Expression: 'IF(DATE(heartbeat) <= 2, FILL(digests, 0), 1)', ReturnData: true });
    expect(metrics['digests']?.MetricStat).toEqual({
      Metric: { Namespace: METRICS_NAMESPACE, MetricName: 'DigestsAssembled', Dimensions: [{ Name: 'Stage', Value: 'dev' }] },
      Period: 86_400,
      Stat: 'Sum',
    });
    expect(heartbeat.name).toBe('sweep-outbox');
    expect(metrics['heartbeat']?.MetricStat).toEqual({
      Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(stack, functionOf(stack, heartbeat)) } }] },
      Period: 86_400,
      Stat: 'Sum',
    });
    expect(() => heartbeatSpec((FUNCTIONS as readonly FunctionSpec[]).filter((spec) => spec.trigger.kind !== 'schedule'))).toThrow(/heartbeat/);
  });

  it('fits the manifest: the rollover always fires on the 1st in UTC, so the digest is due on UTC days 1 and 2', () => {
    // Prepare
    const rollover = (FUNCTIONS as readonly FunctionSpec[]).find((spec) => spec.name === 'rollover');
    if (rollover?.trigger.kind !== 'schedule') throw new Error('rollover is not scheduled');
    const { expression, timezone } = rollover.trigger;

    // Act: two years of rollovers, across every daylight-saving change.
    const firings: Date[] = [];
    for (let from = new Date('2031-01-01T00:00:00Z'); firings.length < 24; ) {
      from = nextFiring(expression, timezone, from);
      firings.push(from);
    }

    // Assess
    expect(DIGEST_DEADLINE_DAY).toBe(2);
    for (const firing of firings) expect(firing.getUTCDate(), firing.toISOString()).toBe(1);
  });

  it('behaves as documented over a year: ALARM only on the 3rd of the month whose digest is missing', () => {
    // Prepare: a model of the alarm as configured. Each UTC day has the value
    // IF(DATE <= 2, digests that day, 1); the alarm evaluates the two latest complete days and
    // is in ALARM when both are below 1.
    const missing = '2031-06';
    const days: Date[] = [];
    for (let t = Date.UTC(2031, 0, 1); t < Date.UTC(2032, 0, 1); t += 86_400_000) days.push(new Date(t));
    const digests = (day: Date) => (day.getUTCDate() === 1 && !day.toISOString().startsWith(missing) ? 1 : 0);
    const value = (day: Date) => (day.getUTCDate() <= DIGEST_DEADLINE_DAY ? digests(day) : 1);

    // Act: the state on each day, from the two complete days before it.
    const alarming = days.slice(2).filter((_, i) => value(days[i]!) < 1 && value(days[i + 1]!) < 1);

    // Assess
    expect(alarming.map((day) => day.toISOString().slice(0, 10))).toEqual(['2031-06-03']);
  });

  it('gives every function the namespace and stage of its business metrics', () => {
    // Prepare
    const lambdas = dev.template.findResources('AWS::Lambda::Function');

    for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
      // Act
      const variables = lambdas[logicalIdOf(dev.stack, functionOf(dev.stack, spec))]?.['Properties'].Environment.Variables;

      // Assess
      expect(variables, spec.name).toMatchObject({ METRICS_NAMESPACE: 'CitiesSeekingCities', STAGE: 'dev' });
    }
    expect(METRICS_NAMESPACE).toBe('CitiesSeekingCities');
  });
});

describe('custom domain', () => {
  const distributionOf = ({ template }: Synthesized) =>
    (Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.['Properties'] as Record<string, any>)['DistributionConfig'];
  const acknowledged = ({ stack }: Synthesized) =>
    stack.hosting.distribution.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data as Record<string, string>));

  it('serves the site on the domain with its certificate and TLS 1.2+, else on the CloudFront domain', () => {
    // Act
    const withDomain = distributionOf(prod);
    const without = distributionOf(dev);

    // Assess
    expect(withDomain['Aliases']).toEqual([PROD_OPTIONS.domainName]);
    expect(withDomain['ViewerCertificate']).toEqual({ AcmCertificateArn: CERTIFICATE_ARN, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(prod.template.findOutputs('SiteUrl')['SiteUrl']?.Value).toBe(`https://${PROD_OPTIONS.domainName}`);
    expect(without['Aliases']).toBeUndefined();
    expect(without['ViewerCertificate']).toBeUndefined();
    expect(JSON.stringify(dev.template.findOutputs('SiteUrl')['SiteUrl']?.Value)).toContain('"DomainName"');
  });

  it('acknowledges the default-certificate finding only when there is no custom certificate', () => {
    // Assess
    expect(acknowledged(dev).filter((id) => id.endsWith('AwsSolutions-CFR4'))).toHaveLength(1);
    expect(acknowledged(prod).filter((id) => id.endsWith('AwsSolutions-CFR4'))).toEqual([]);
  });

  it('takes publicUrl from the domain unless given, and validates the domain settings', () => {
    // Prepare
    const read = (context: Record<string, unknown>) => readStageSettings(new App({ context }).node);
    const domain = { domainName: 'cities.example.org', certificateArn: CERTIFICATE_ARN };

    // Assess
    expect(read(domain).publicUrl).toBe('https://cities.example.org');
    expect(read({ ...domain, publicUrl: 'https://www.example.org' }).publicUrl).toBe('https://www.example.org');
    expect(read({}).publicUrl).toBe('https://example.org');
    expect(() => read({ domainName: 'cities.example.org' })).toThrow(/certificateArn: domainName and certificateArn go together/);
    expect(() => read({ certificateArn: CERTIFICATE_ARN })).toThrow(/go together/);
    expect(() => read({ ...domain, certificateArn: CERTIFICATE_ARN.replace('us-east-1', 'eu-west-1') })).toThrow(/us-east-1/);
    expect(() => read({ ...domain, domainName: 'https://cities.example.org' })).toThrow(/domainName/);
    expect(() => read({ alertEmail: 'not-an-address' })).toThrow(/alertEmail/);
  });
});
