/**
 * The health check: healthy only when the table, the bus and SES all answer.
 */
import { DescribeEventBusCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

export interface HealthDeps {
  /** Asks the table a cheap question (see `data/table-probe.ts`). */
  tableProbe: () => Promise<unknown>;
  eventBridge: EventBridgeClient;
  ses: SESv2Client;
  busName: string;
}

export type HealthReport = { status: 'ok' } | { status: 'unavailable'; failing: string[] };

/**
 * Asks each dependency a cheap question, all at once.
 *
 * @example
 * const report = await checkHealth(deps); // { status: 'ok' }
 */
export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const checks = {
    table: deps.tableProbe,
    bus: () => deps.eventBridge.send(new DescribeEventBusCommand({ Name: deps.busName })),
    email: () => deps.ses.send(new GetAccountCommand({})),
  };
  const results = await Promise.allSettled(Object.values(checks).map((check) => check()));
  const failing = Object.keys(checks).filter((_, index) => results[index]?.status === 'rejected');
  return failing.length === 0 ? { status: 'ok' } : { status: 'unavailable', failing };
}
