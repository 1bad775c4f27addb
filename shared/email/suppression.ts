/**
 * Never mailing a suppressed address: SES's reputation, and the recipients' wishes, depend on
 * it. The list itself lives in `suppression-list.ts`.
 */
import type { Table } from '../data/table';
import { logger } from '../logger';
import { subscriberIdOf } from '../subscribers/identity';
import type { Mailer } from './mailer';
import { isSuppressed } from './suppression-list';

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
