/**
 * Members' pending alerts in the single table: the approved cities that fit them and wait for the week's email.
 *
 *   pk MEMBERALERT#<memberId>  sk PENDING
 *      memberId
 *      cityIds         string set: queued, not mailed yet
 *      alertedCityIds  string set: mailed before, so never queued again
 *      sendingWeek, sendingCityIds   the email of that ISO week being sent (the intent)
 *      sentWeek        the ISO week of the last email
 *      gsi2pk MEMBERALERTS#pending  gsi2sk <memberId>   (only while cityIds is not empty)
 *
 * Every change is one conditional write on this one item: queuing a city is an `ADD` to a
 * string set (idempotent) unless it was already mailed; the week's email is first recorded as
 * an intent (which cities, which week) so that a retry after a crash finishes exactly that
 * email, and clearing removes exactly those cities, leaving any queued meanwhile for next week.
 * The sparse index keys let the weekly sender find pending members with a Query, never a Scan.
 */
import * as z from '../zod';
import { updateIf } from '../data/conditional';
import { getItem } from '../data/get';
import { queryPage } from '../data/query';
import type { PageKey, Table } from '../data/table';

/** The partition of `gsi2` that lists members with queued cities. */
export const PENDING_ALERTS = 'MEMBERALERTS#pending';

export const pendingAlertKey = (memberId: string) => ({ pk: `MEMBERALERT#${memberId}`, sk: 'PENDING' });

const stringSet = /* @__PURE__ */ (() => z.optional(z.set(z.string())))();

export const pendingAlertSchema = /* @__PURE__ */ (() =>
  z.object({
    memberId: z.string(),
    cityIds: stringSet,
    alertedCityIds: stringSet,
    sendingWeek: z.optional(z.string()),
    sendingCityIds: z.optional(z.array(z.string())),
    sentWeek: z.optional(z.string()),
    gsi2pk: z.optional(z.string()),
  }))();
export type PendingAlert = z.infer<typeof pendingAlertSchema>;


/**
 * Queues `cityId` for `memberId`'s next alert and lists the member as pending. Queuing the same
 * city again adds nothing; a city already mailed to the member is not queued again.
 *
 * @returns `queued` (now or before), or `already-alerted`
 * @example
 * await queueCityAlert(table(), member.id, city.id, new Date());
 */
export async function queueCityAlert(table: Table, memberId: string, cityId: string, now: Date): Promise<'queued' | 'already-alerted'> {
  const queued = await updateIf(table, pendingAlertKey(memberId), {
    add: { cityIds: new Set([cityId]) },
    set: { memberId, gsi2pk: PENDING_ALERTS, gsi2sk: memberId, updatedAt: now.toISOString() },
    condition: { expression: 'attribute_not_exists(alertedCityIds) OR NOT contains(alertedCityIds, :cityId)', values: { ':cityId': cityId } },
  });
  return queued ? 'queued' : 'already-alerted';
}

/**
 * One member's pending alert, strongly consistent; `undefined` when there is none.
 *
 * @example
 * const pending = await getPendingAlert(table(), memberId);
 */
export async function getPendingAlert(table: Table, memberId: string): Promise<PendingAlert | undefined> {
  const item = await getItem(table, pendingAlertKey(memberId));
  return item ? pendingAlertSchema.parse(item) : undefined;
}

const memberIdsSchema = /* @__PURE__ */ (() => z.array(z.object({ memberId: z.string() })))();

/**
 * One page of the members with queued cities, by member id, from the sparse index (eventually
 * consistent: read each item before acting on it).
 *
 * @example
 * const { memberIds, nextKey } = await listPendingAlerts(table(), 25);
 */
export async function listPendingAlerts(
  table: Table,
  pageSize: number,
  startKey?: PageKey,
): Promise<{ memberIds: string[]; nextKey?: PageKey }> {
  const page = await queryPage(table, {
    index: 'gsi2',
    key: 'gsi2pk = :pending',
    values: { ':pending': PENDING_ALERTS },
    projection: 'memberId',
    limit: pageSize,
    startKey,
  });
  return { memberIds: memberIdsSchema.parse(page.items).map((item) => item.memberId), ...(page.nextKey ? { nextKey: page.nextKey } : {}) };
}

/**
 * Records the intent to mail `cityIds` to the member as the email of `week` — unless an email
 * of that week was sent already or is being sent.
 *
 * @returns false when the item changed meanwhile (read it again)
 */
export function startWeeklyAlert(table: Table, memberId: string, week: string, cityIds: string[]): Promise<boolean> {
  return updateIf(table, pendingAlertKey(memberId), {
    set: { sendingWeek: week, sendingCityIds: cityIds },
    condition: {
      expression: 'attribute_exists(pk) AND (attribute_not_exists(sendingWeek) OR sendingWeek <> :week) AND (attribute_not_exists(sentWeek) OR sentWeek <> :week)',
      values: { ':week': week },
    },
  });
}

/**
 * Finishes the email of `week`: takes exactly its cities off the queue (cities queued meanwhile
 * stay for next week), remembers the ones mailed so they are never queued again, and, when an
 * email went out, that this week's is done. Conditional on the intent being that week's, so a
 * concurrent or repeated finish changes nothing more. Then unlists the member if nothing is left.
 *
 * @example
 * await finishWeeklyAlert(table(), memberId, '2031-W02', pending.sendingCityIds, mailedIds);
 */
export async function finishWeeklyAlert(table: Table, memberId: string, week: string, cityIds: string[], mailed: string[], now: Date): Promise<void> {
  await updateIf(table, pendingAlertKey(memberId), {
    delete: { cityIds: new Set(cityIds) },
    add: mailed.length > 0 ? { alertedCityIds: new Set(mailed) } : {},
    remove: ['sendingWeek', 'sendingCityIds'],
    set: { updatedAt: now.toISOString(), sentWeek: mailed.length > 0 ? week : undefined },
    condition: { expression: 'sendingWeek = :week', values: { ':week': week } },
  });
  await unlistIfEmpty(table, memberId);
}

/** Removes the member from the pending index once no city is queued (an emptied set is gone). */
export async function unlistIfEmpty(table: Table, memberId: string): Promise<void> {
  await updateIf(table, pendingAlertKey(memberId), {
    remove: ['gsi2pk', 'gsi2sk'],
    condition: { expression: 'attribute_exists(pk) AND attribute_not_exists(cityIds) AND attribute_exists(gsi2pk)' },
  });
}
