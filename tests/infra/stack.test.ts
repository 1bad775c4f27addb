/**
 * The CDK stack, checked against the manifest it is generated from. Every expectation is
 * derived from `FUNCTIONS` and `TABLE_DEFINITION`, so adding a function or a grant to the
 * manifest is tested without touching this file.
 *
 * The dev app is synthesized once (that bundles every handler with esbuild); the prod app and
 * a manifest variant skip bundling, which makes them cheap.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Validations, type CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../infra/manifest';
import { defineProgram } from '../../infra/program';
import type { CitiesSeekingCitiesStack } from '../../infra/stack';
import { TABLE_DEFINITION } from '../../infra/table';
import { EVENT_BUS_NAME, patternFor } from '../../shared/events/contracts';

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
  prod = synthesize({ stage: 'prod', ...WITHOUT_BUNDLING });
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

    // Assess
    expect(Object.keys(lambdas)).toHaveLength(FUNCTIONS.length);
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
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals(attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      GlobalSecondaryIndexes: TABLE_DEFINITION.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
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
