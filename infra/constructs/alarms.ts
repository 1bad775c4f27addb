/**
 * Coordinator alerts: one encrypted SNS topic that coordinators subscribe to, and the CloudWatch
 * alarms that publish to it — a dead letter anywhere, a function error, a poor SES reputation,
 * a month without a digest, and a digest still not delivered a day after its rollover.
 */
import { ArnFormat, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { rateMs } from '../local/schedule';
import type { FunctionSpec } from '../manifest';
import { acknowledge } from '../nag';
import { pascalCase } from './names';

/**
 * The CloudWatch namespace of the program's business metrics (Embedded Metric Format, written
 * by `shared/metrics.ts` with the dimension `Stage`). Every function receives it as
 * `METRICS_NAMESPACE`, so the alarms and the emitting code agree.
 */
export const METRICS_NAMESPACE = 'CitiesSeekingCities';

/** The business metric recorded once each time a month's digest is assembled. */
export const DIGESTS_ASSEMBLED_METRIC = 'DigestsAssembled';

/** Recorded by the delivery check for a month still not delivered a day after its rollover. */
export const DIGEST_DELIVERY_OVERDUE_METRIC = 'DigestDeliveryOverdue';

/** SES reputation thresholds (rates are fractions): AWS reviews an account from 5 % bounces and 0.1 % complaints. */
export const SES_BOUNCE_RATE_THRESHOLD = 0.05;
export const SES_COMPLAINT_RATE_THRESHOLD = 0.001;

/** The last day of the month (UTC) by which the month's digest must have been assembled. */
export const DIGEST_DEADLINE_DAY = 2;

export interface CoordinatorAlertsProps {
  /** The stage: the `Stage` dimension of the business metrics. */
  stage: string;
  /** Every function of the program, by manifest name. */
  functions: ReadonlyMap<string, lambda.IFunction>;
  /** The manifest entries of `functions`: the digest alarm's heartbeat is chosen among them. */
  specs: readonly FunctionSpec[];
  /** Every dead-letter queue of the stack, by a name for the alarm (the function it serves). */
  deadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
  /** Optional address subscribed to the topic by email (it must confirm the subscription). */
  alertEmail?: string;
  removalPolicy: RemovalPolicy;
}

/**
 * The function used as the digest alarm's heartbeat: the one scheduled most often, at least
 * hourly, so that its `Invocations` have a data point every day.
 *
 * @throws when the manifest schedules no function at least hourly.
 */
export function heartbeatSpec(specs: readonly FunctionSpec[]): FunctionSpec {
  const scheduled = specs.flatMap((spec) => {
    if (spec.trigger.kind !== 'schedule') return [];
    const every = rateMs(spec.trigger.expression);
    return every !== undefined && every <= 3_600_000 ? [{ spec, every }] : [];
  });
  const fastest = scheduled.sort((a, b) => a.every - b.every)[0];
  if (!fastest) throw new Error('The digest alarm needs a function scheduled at least hourly (rate(…)) as its heartbeat');
  return fastest.spec;
}

/** The SNS topic coordinators subscribe to, and every alarm of the program publishing to it. */
export class CoordinatorAlerts extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  /** One per dead-letter queue, by the same name. */
  readonly deadLetterAlarms = new Map<string, cloudwatch.Alarm>();
  /** One per function, by manifest name. */
  readonly errorAlarms = new Map<string, cloudwatch.Alarm>();
  readonly bounceRateAlarm: cloudwatch.Alarm;
  readonly complaintRateAlarm: cloudwatch.Alarm;
  readonly digestAlarm: cloudwatch.Alarm;
  readonly deliveryOverdueAlarm: cloudwatch.Alarm;

  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: CoordinatorAlertsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // An AWS managed key (alias/aws/sns) cannot be used: CloudWatch may only publish to an
    // encrypted topic whose key policy lets it use the key.
    this.key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the coordinator alerts topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        // What SNS needs from a publisher to an encrypted topic; who may publish at all is
        // decided by the topic policy below.
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy, "*" is this key
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Cities Seeking Cities alerts (${props.stage})`,
      masterKey: this.key,
      enforceSSL: true,
    });
    // The topic policy that enforceSSL creates replaces SNS's default policy, so CloudWatch
    // alarms of this account are allowed to publish explicitly.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    if (props.alertEmail) {
      const subscription = this.topic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));
      acknowledge(
        subscription,
        ['Serverless-SNSRedrivePolicy'],
        'Alerts are emailed to coordinators; a dead-letter queue for undeliverable alert emails would itself need an alert that nobody could receive.',
      );
    }
    this.action = new actions.SnsAction(this.topic);

    for (const [name, queue] of props.deadLetterQueues) {
      this.deadLetterAlarms.set(
        name,
        this.alarm(`${pascalCase(name)}DeadLetters`, {
          alarmDescription: `A message is waiting in the dead-letter queue of ${name}: an event or invocation failed every retry. Inspect it, fix the cause, then redrive or delete it.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          // An idle queue publishes no data: nothing waiting.
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    for (const [name, fn] of props.functions) {
      this.errorAlarms.set(
        name,
        this.alarm(`${pascalCase(name)}Errors`, {
          alarmDescription: `The ${name} function failed (an error it did not handle, or a timeout) in the last 5 minutes. See its log group.`,
          metric: fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          // No invocation, no error.
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    // Account-level reputation metrics, published by SES for the whole account.
    this.bounceRateAlarm = this.alarm('SesBounceRate', {
      alarmDescription: `The SES bounce rate reached ${SES_BOUNCE_RATE_THRESHOLD * 100} % (AWS reviews the account from 5 % and may pause sending from 10 %). Check the subscriber list and recent sends.`,
      metric: new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }),
      threshold: SES_BOUNCE_RATE_THRESHOLD,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.complaintRateAlarm = this.alarm('SesComplaintRate', {
      alarmDescription: `The SES complaint rate reached ${SES_COMPLAINT_RATE_THRESHOLD * 100} % (AWS reviews the account from 0.1 % and may pause sending from 0.5 %). Check who complained and why.`,
      metric: new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum', period: Duration.hours(1) }),
      threshold: SES_COMPLAINT_RATE_THRESHOLD,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.digestAlarm = this.createDigestAlarm(props);

    // The hourly delivery check resumes an interrupted delivery by itself; when a month is still
    // incomplete a day after its rollover something keeps failing, and a person must look.
    this.deliveryOverdueAlarm = this.alarm('DigestDeliveryOverdue', {
      alarmDescription:
        'A digest is still not delivered to every subscriber a day after its rollover, although the hourly delivery check ' +
        'keeps resuming it. See the check-digest-delivery and send-digest-batch logs and dead-letter queues.',
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: DIGEST_DELIVERY_OVERDUE_METRIC,
        dimensionsMap: { Stage: props.stage },
        statistic: 'Sum',
        period: Duration.hours(1),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // The metric is recorded only when a month is overdue: no data is good news.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * "No digest assembled by the 2nd of the month".
   *
   * Why not simply "Sum of DigestsAssembled over the last 2 days < 1": the metric has one data
   * point a month, and an alarm can look back at most 7 days (Period × EvaluationPeriods ≤
   * 604,800 s). Such an alarm would sit in ALARM for most of every month, notify on the 3rd of
   * every month (when the last digest leaves the window), and — since alarms notify only on a
   * state change — stay silent in the one month that matters, because it would already be in
   * ALARM when that month's digest failed to appear.
   *
   * So the alarm looks only at the 1st and the 2nd of each month:
   *
   * - Wall-clock evaluation window, UTC, period 1 day: each data point is one complete UTC
   *   calendar day, and the alarm evaluates the two most recent complete days. (A wall-clock
   *   window allows periods of 1 minute, 5 minutes, 1 hour, 1 day or 1 week only, so not the
   *   172,800 s of a 2-day period; a sliding window would straddle days and break DATE below.)
   * - `digests` = Sum of DigestsAssembled (namespace CitiesSeekingCities, Stage = the stage)
   *   per day; `heartbeat` = Sum of Invocations per day of the most frequently scheduled
   *   function (sweep-outbox, every 5 minutes), a series that has a data point every day.
   * - `IF(DATE(heartbeat) <= 2, FILL(digests, 0), 1)`: on the 1st and the 2nd of the month the
   *   value is the number of digests assembled that day; on every other day a constant 1.
   * - ALARM when the value is < 1 on 2 out of 2 days, missing data breaching. That happens
   *   only when the two evaluated days are the 1st and the 2nd and no digest was assembled on
   *   either. The rollover runs at 09:00 New York time on the 1st (13:00 or 14:00 UTC, the
   *   same UTC day), so the window closes 34–35 hours after it: room for the assembly and the
   *   event rule's 24 hours of retries.
   *
   * How it behaves: the alarm turns to ALARM shortly after 00:00 UTC on the 3rd (19:00 or
   * 20:00 in New York on the 2nd) plus CloudWatch's metric delay, notifies once, and returns to
   * OK a day later when the window moves on to the 2nd and the 3rd (so an OK does NOT mean the
   * digest went out). On every other day of the month it is OK.
   *
   * Limits, each documented here so nobody is surprised:
   * - A digest assembled after 00:00 UTC on the 3rd still leaves the alarm raised.
   * - An empty month (no eligible city: assemble-digest records no DigestsAssembled and emails
   *   the coordinator instead) also raises it — no digest went out, which is what it reports.
   * - Two consecutive UTC days without a single heartbeat invocation (sweep-outbox's schedule
   *   disabled or its function throttled all day) also raise it on any day of the month.
   * - A rollover replayed by hand (`npm run rollover`) on another day is not watched.
   * - DATE() is the UTC day of the month; the window is UTC for the same reason. A rollover
   *   moved to a time zone or hour whose 1st falls on another UTC day needs this revisited (a
   *   test pins the manifest schedule to the UTC 1st).
   * - Checked offline only (the template, and a test that models the evaluation over a year).
   *   After the first deployment, open the alarm's graph once: the expression should show 1 on
   *   most days and the digest count on the 1st and 2nd.
   */
  private createDigestAlarm(props: CoordinatorAlertsProps): cloudwatch.Alarm {
    const heartbeat = heartbeatSpec(props.specs);
    const heartbeatFn = props.functions.get(heartbeat.name);
    if (!heartbeatFn) throw new Error(`The heartbeat function ${heartbeat.name} is not in the stack`);
    const day = Duration.days(1);
    const expression = new cloudwatch.MathExpression({
      expression: `IF(DATE(heartbeat) <= ${DIGEST_DEADLINE_DAY}, FILL(digests, 0), 1)`,
      usingMetrics: {
        digests: new cloudwatch.Metric({
          namespace: METRICS_NAMESPACE,
          metricName: DIGESTS_ASSEMBLED_METRIC,
          dimensionsMap: { Stage: props.stage },
          statistic: 'Sum',
          period: day,
        }),
        heartbeat: heartbeatFn.metricInvocations({ statistic: 'Sum', period: day }),
      },
      label: `Digests assembled on days 1-${DIGEST_DEADLINE_DAY} (1 on other days)`,
      period: day,
    });
    const alarm = this.alarm('NoDigestAssembled', {
      alarmDescription:
        `No digest was assembled on the 1st or 2nd of the month (UTC). Check the rollover schedule, the assemble-digest ` +
        `function and its dead-letter queue; run the month by hand with \`npm run rollover -- --month YYYY-MM --aws\`. ` +
        `Returns to OK by itself a day later.`,
      metric: expression,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: DIGEST_DEADLINE_DAY,
      datapointsToAlarm: DIGEST_DEADLINE_DAY,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    // Not in the L2 construct yet: align the evaluated days to UTC midnights.
    (alarm.node.defaultChild as cloudwatch.CfnAlarm).evaluationWindow = { wallClockWindow: { timezone: 'UTC' } };
    return alarm;
  }

  private alarm(id: string, props: cloudwatch.AlarmProps): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
