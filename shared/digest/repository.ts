/**
 * Digests in the single table.
 *
 *   digest     pk DIGEST#<month>  sk DIGEST     gsi1pk DIGESTS  gsi1sk <month>   (archive, when assembled)
 *   pins       pk DIGEST#<month>  sk PINS       { cityIds }
 *   spotlight  pk DIGEST#<month>  sk SPOTLIGHT  { title, body }
 *
 * The digest item is written once with a conditional put: that write is the single decision
 * of what a month features, however many times the rollover arrives.
 */
import * as z from '../zod';
import { putIfAbsent, updateIf } from '../data/conditional';
import { getItem } from '../data/get';
import { putItem } from '../data/put';
import { queryPage } from '../data/query';
import type { PageKey, Table } from '../data/table';
import { digestSchema, spotlightSchema, type Digest, type Spotlight } from './schema';

export const digestKey = (month: string) => ({ pk: `DIGEST#${month}`, sk: 'DIGEST' });
const pinsKey = (month: string) => ({ pk: `DIGEST#${month}`, sk: 'PINS' });
const spotlightKey = (month: string) => ({ pk: `DIGEST#${month}`, sk: 'SPOTLIGHT' });

/**
 * The recorded digest of `month`, if it was assembled.
 *
 * @example
 * const digest = await getDigest(table(), '2031-01');
 */
export async function getDigest(table: Table, month: string): Promise<Digest | undefined> {
  const item = await getItem(table, digestKey(month));
  return item ? digestSchema.parse(item) : undefined;
}

/**
 * Records a month's digest unless one exists. `extra` carries index keys and the outbox.
 *
 * @returns whether this call recorded it
 */
export async function putDigestOnce(table: Table, digest: Digest, extra: Record<string, unknown> = {}): Promise<boolean> {
  const archive = digest.status === 'assembled' ? { gsi1pk: 'DIGESTS', gsi1sk: digest.month } : {};
  return putIfAbsent(table, { ...digestKey(digest.month), ...digest, ...archive, ...extra });
}

/**
 * Assembled digests, newest first.
 *
 * @example
 * const { items } = await listDigests(table());
 */
export async function listDigests(table: Table, limit = 60): Promise<Digest[]> {
  const page = await queryPage(table, { index: 'gsi1', key: 'gsi1pk = :pk', values: { ':pk': 'DIGESTS' }, forward: false, limit });
  return page.items.map((item) => digestSchema.parse(item));
}

const pinsSchema = /* @__PURE__ */ (() => z.object({ cityIds: z.array(z.string()).check(z.maxLength(3)) }))();

export async function getPins(table: Table, month: string): Promise<string[]> {
  const item = await getItem(table, pinsKey(month));
  return item ? pinsSchema.parse(item).cityIds : [];
}

export async function setPins(table: Table, month: string, cityIds: string[]): Promise<void> {
  await putItem(table, { ...pinsKey(month), month, cityIds, updatedAt: new Date().toISOString() });
}

export async function getSpotlight(table: Table, month: string): Promise<Spotlight | undefined> {
  const item = await getItem(table, spotlightKey(month));
  return item ? spotlightSchema.parse(item) : undefined;
}

export async function setSpotlight(table: Table, month: string, spotlight: Spotlight): Promise<void> {
  await putItem(table, { ...spotlightKey(month), month, ...spotlight, updatedAt: new Date().toISOString() });
}

const deliveryProgressSchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(['assembled', 'empty']),
    assembledAt: z.string(),
    plannedBatches: z.optional(z.number()),
    planned: z.optional(z.boolean()),
    plannedAt: z.optional(z.string()),
    deliveredAt: z.optional(z.string()),
  }))();
export type DeliveryProgress = z.infer<typeof deliveryProgressSchema>;

/**
 * How far the delivery of `month`'s digest has come, as the digest item records it.
 *
 * @example
 * const progress = await getDeliveryProgress(table(), '2031-01');
 */
export async function getDeliveryProgress(table: Table, month: string): Promise<DeliveryProgress | undefined> {
  const item = await getItem(table, digestKey(month));
  return item ? deliveryProgressSchema.parse(item) : undefined;
}

/**
 * Records that every subscriber of the month's plan has had the digest, so later checks stop there.
 *
 * @example
 * await markDelivered(table(), '2031-01', new Date());
 */
export async function markDelivered(table: Table, month: string, at: Date): Promise<void> {
  await updateIf(table, digestKey(month), { setIfMissing: { deliveredAt: at.toISOString() }, condition: { expression: 'attribute_exists(pk)' } });
}

const planProgressSchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(['assembled', 'empty']),
    plannedBatches: z.optional(z.number().check(z.int())),
    planCursor: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
    planned: z.optional(z.boolean()),
  }))();

/** How far the fan-out of a month's digest has come. */
export interface PlanProgress {
  status: 'assembled' | 'empty';
  /** Batches announced so far. */
  batches: number;
  /** Where the next batch starts in the active-subscriber index. */
  cursor?: PageKey;
  planned: boolean;
}

/**
 * The fan-out checkpoint of `month`'s digest, strongly consistent; `undefined` without a digest.
 *
 * @example
 * const progress = await getPlanProgress(table(), '2031-01');
 */
export async function getPlanProgress(table: Table, month: string): Promise<PlanProgress | undefined> {
  const item = await getItem(table, digestKey(month));
  if (!item) return undefined;
  const stored = planProgressSchema.parse(item);
  return { status: stored.status, batches: stored.plannedBatches ?? 0, ...(stored.planCursor ? { cursor: stored.planCursor } : {}), planned: stored.planned ?? false };
}

/**
 * Moves the fan-out checkpoint from `from` batches to `to`; only the invocation that read the
 * checkpoint at `from` may. When `done`, records when the plan was complete: the delivery
 * check counts only subscribers confirmed by then.
 *
 * @returns whether this call moved it
 */
export function advancePlan(table: Table, month: string, step: { from: number; to: number; cursor?: PageKey; done: boolean; at: Date }): Promise<boolean> {
  return updateIf(table, digestKey(month), {
    set: { plannedBatches: step.to, planCursor: step.cursor ?? null, planned: step.done, plannedAt: step.done ? step.at.toISOString() : undefined },
    condition: { expression: 'attribute_not_exists(plannedBatches) OR plannedBatches = :current', values: { ':current': step.from } },
  });
}
