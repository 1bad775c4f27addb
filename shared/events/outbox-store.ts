/**
 * Outbox marks in the single table: the events an item carries until the bus confirms them.
 *
 *   any item  outboxPk OUTBOX  outboxDue <ISO time>  outbox [{ detailType, detail }]   (sparse index `outbox`)
 */
import * as z from '../zod';
import { updateIf } from '../data/conditional';
import { queryPages } from '../data/query';
import type { ItemKey, Table } from '../data/table';
import { DETAIL_TYPES } from './contracts';

/** The one partition of the `outbox` index. */
export const OUTBOX_PARTITION = 'OUTBOX';

const outboxItemSchema = /* @__PURE__ */ (() =>
  z.object({
    pk: z.string(),
    sk: z.string(),
    outboxDue: z.string(),
    outbox: z.array(z.object({ detailType: z.enum(DETAIL_TYPES as [string, ...string[]]), detail: z.record(z.string(), z.unknown()) })),
  }))();
export type OutboxEntry = z.infer<typeof outboxItemSchema>;

/**
 * Removes the outbox mark, unless a newer one replaced it meanwhile.
 *
 * @example
 * await clearOutbox(table, cityKey(id), outbox.outboxDue);
 */
export async function clearOutbox(table: Table, key: ItemKey, due: string): Promise<void> {
  await updateIf(table, key, { remove: ['outboxPk', 'outboxDue', 'outbox'], condition: { expression: 'outboxDue = :due', values: { ':due': due } } });
}

/**
 * Every outbox entry due by `now`, page by page, oldest first.
 *
 * @example
 * for await (const entries of dueOutboxEntries(table, new Date(), 50)) for (const entry of entries) …
 */
export async function* dueOutboxEntries(table: Table, now: Date, pageSize: number): AsyncGenerator<OutboxEntry[]> {
  const spec = {
    index: 'outbox',
    key: 'outboxPk = :pk AND outboxDue <= :now',
    values: { ':pk': OUTBOX_PARTITION, ':now': now.toISOString() },
    limit: pageSize,
  } as const;
  for await (const page of queryPages(table, spec)) yield page.items.map((item) => outboxItemSchema.parse(item));
}
