/**
 * The month's listing check, checkpointed on one item per month, which names the page in
 * progress before acting on it:
 *
 *   pk LISTINGS#<month>  sk CHECK  { pages, cursor, pageIds?, pageNext?, done }
 *
 * so a retried, crashed or concurrent delivery of the month's rollover resumes with exactly
 * that page — even for cities its first attempt already took out of the SEEKING listing — and
 * a second rollover of the month reads one item and sends nothing.
 */
import * as z from '../zod';
import { updateIf } from '../data/conditional';
import { getItem } from '../data/get';
import type { PageKey, Table } from '../data/table';

const checkKey = (month: string) => ({ pk: `LISTINGS#${month}`, sk: 'CHECK' });

const cursorSchema = /* @__PURE__ */ (() => z.optional(z.nullable(z.record(z.string(), z.unknown()))))();
const progressSchema = /* @__PURE__ */ (() =>
  z.object({
    pages: z._default(z.number().check(z.int(), z.gte(0)), 0),
    cursor: cursorSchema,
    pageIds: z.optional(z.nullable(z.array(z.string()))),
    pageNext: cursorSchema,
    done: z._default(z.boolean(), false),
  }))();

/** How far the month's check has come. */
export interface CheckProgress {
  /** Pages finished. */
  pages: number;
  /** Where the next page starts (absent: at the beginning, or nothing left). */
  cursor?: PageKey;
  /** The page in progress: its city ids and where the page after it starts. */
  page?: { ids: string[]; next?: PageKey };
  done: boolean;
}

/** The checkpoint of each month's check. */
export interface ListingCheckpoints {
  read(month: string): Promise<CheckProgress>;
  /** Records the page about to be processed; false when another invocation moved on first. */
  claimPage(month: string, progress: CheckProgress, ids: string[], next: PageKey | undefined, now: Date): Promise<boolean>;
  /** Moves past the page just processed; false when another invocation did. */
  advance(month: string, progress: CheckProgress, next: PageKey | undefined, now: Date): Promise<boolean>;
}

/**
 * The checkpoints as items of the table.
 *
 * @example
 * const progress = await listingCheckpoints(table()).read('2031-01');
 */
export function listingCheckpoints(table: Table): ListingCheckpoints {
  return {
    async read(month) {
      const stored = progressSchema.parse((await getItem(table, checkKey(month))) ?? {});
      return {
        pages: stored.pages,
        ...(stored.cursor ? { cursor: stored.cursor } : {}),
        ...(stored.pageIds ? { page: { ids: stored.pageIds, ...(stored.pageNext ? { next: stored.pageNext } : {}) } } : {}),
        done: stored.done,
      };
    },
    claimPage(month, progress, ids, next, now) {
      return updateIf(table, checkKey(month), {
        set: { pageIds: ids, pageNext: next ?? null, month },
        setIfMissing: { pages: 0, startedAt: now.toISOString() },
        condition: {
          expression: '(attribute_not_exists(pages) OR pages = :current) AND (attribute_not_exists(pageIds) OR pageIds = :null)',
          values: { ':current': progress.pages, ':null': null },
        },
      });
    },
    advance(month, progress, next, now) {
      return updateIf(table, checkKey(month), {
        set: { pages: progress.pages + 1, cursor: next ?? null, done: next === undefined, updatedAt: now.toISOString() },
        remove: ['pageIds', 'pageNext'],
        condition: { expression: 'pages = :current', values: { ':current': progress.pages } },
      });
    },
  };
}
