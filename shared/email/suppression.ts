/**
 * The suppression list: addresses that bounced permanently or complained. No email of the
 * program goes to them again — SES's reputation, and the recipients' wishes, depend on it.
 *
 *   pk SUPPRESSED#<subscriberIdOf(email)>  sk SUPPRESSED  { email, reason, at }
 *
 * The key uses the subscriber id's hash of the address, so any address (a subscriber's, an
 * inquirer's, a city contact's) has exactly one place to look, found by one GetItem.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '../data/conditional';
import type { Table } from '../data/table';
import { logger } from '../logger';
import { subscriberIdOf } from '../subscribers/identity';
import type { Mailer } from './mailer';

export type SuppressionReason = 'permanent-bounce' | 'complaint';

const suppressionKey = (email: string) => ({ pk: `SUPPRESSED#${subscriberIdOf(email)}`, sk: 'SUPPRESSED' });

/**
 * Whether `email` is on the suppression list (case-insensitive).
 *
 * @example
 * if (await isSuppressed(table(), 'dana@example.org')) return 'unchanged';
 */
export async function isSuppressed(table: Table, email: string): Promise<boolean> {
  const result = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: suppressionKey(email), ConsistentRead: true, ProjectionExpression: 'pk' }),
  );
  return result.Item !== undefined;
}

/**
 * Puts `email` on the suppression list. Idempotent: a repeated bounce or complaint keeps the
 * first record (its reason and time), which is the one that explains the suppression.
 *
 * @returns whether this call added it
 * @example
 * await suppressAddress(table(), 'dana@example.org', 'complaint', new Date().toISOString());
 */
export async function suppressAddress(table: Table, email: string, reason: SuppressionReason, at: string): Promise<boolean> {
  try {
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...suppressionKey(email), email: email.trim().toLowerCase(), reason, at },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Wraps a mailer so that it never sends to a suppressed address: suppressed recipients are
 * dropped (and logged); when none is left, nothing is sent and the result's `messageId` is
 * `'suppressed'` — a normal outcome, so a delivery record marks it done instead of retrying.
 *
 * @example
 * const mailer = suppressionAware(sesMailer(sesClient(), { sender }), table());
 */
export function suppressionAware(mailer: Mailer, table: Table): Mailer {
  return {
    async send(message) {
      const checks = await Promise.all(message.to.map(async (to) => ({ to, suppressed: await isSuppressed(table, to) })));
      const dropped = checks.filter((check) => check.suppressed).map((check) => check.to);
      if (dropped.length === 0) return mailer.send(message);
      // Log the ids, not the addresses: logs are kept longer and read more widely than the table.
      logger.info('not mailing suppressed addresses', { subscriberIds: dropped.map(subscriberIdOf), subject: message.subject });
      const remaining = checks.filter((check) => !check.suppressed).map((check) => check.to);
      if (remaining.length === 0) return { messageId: 'suppressed' };
      return mailer.send({ ...message, to: remaining });
    },
  };
}
