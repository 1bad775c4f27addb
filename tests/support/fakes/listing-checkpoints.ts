/**
 * The month's listing-check checkpoints in memory, with the conditional semantics of
 * `listingCheckpoints` on the table:
 *
 * - `claimPage` names the page about to be processed only while no page is named and the
 *   pages finished are still those the caller read (or the item does not exist yet);
 * - `advance` moves past the page only while the pages finished are still those the caller
 *   read (never on a month with no item), and marks the month done when no page follows.
 */
import type { CheckProgress, ListingCheckpoints } from '../../../shared/freshness/checkpoint-store';
import type { PageKey } from '../../../shared/data/table';

/** The checkpoint item as the table would store it. */
export interface StoredCheckpoint {
  month?: string;
  pages?: number;
  cursor?: PageKey | null;
  pageIds?: string[] | null;
  pageNext?: PageKey | null;
  done?: boolean;
  startedAt?: string;
  updatedAt?: string;
}

const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryListingCheckpoints implements ListingCheckpoints {
  private readonly items = new Map<string, StoredCheckpoint>();

  async read(month: string): Promise<CheckProgress> {
    const stored = this.items.get(month) ?? {};
    return {
      pages: stored.pages ?? 0,
      ...(stored.cursor ? { cursor: copy(stored.cursor) } : {}),
      ...(stored.pageIds ? { page: { ids: [...stored.pageIds], ...(stored.pageNext ? { next: copy(stored.pageNext) } : {}) } } : {}),
      done: stored.done ?? false,
    };
  }

  async claimPage(month: string, progress: CheckProgress, ids: string[], next: PageKey | undefined, now: Date): Promise<boolean> {
    const stored = this.items.get(month);
    const pagesAsRead = stored?.pages === undefined || stored.pages === progress.pages;
    const noPageNamed = stored?.pageIds === undefined || stored.pageIds === null;
    if (!pagesAsRead || !noPageNamed) return false;
    this.items.set(month, {
      ...stored,
      pageIds: [...ids],
      pageNext: next ? copy(next) : null,
      month,
      pages: stored?.pages ?? 0,
      startedAt: stored?.startedAt ?? now.toISOString(),
    });
    return true;
  }

  async advance(month: string, progress: CheckProgress, next: PageKey | undefined, now: Date): Promise<boolean> {
    const stored = this.items.get(month);
    if (stored?.pages === undefined || stored.pages !== progress.pages) return false;
    const { pageIds: _ids, pageNext: _next, ...rest } = stored;
    this.items.set(month, { ...rest, pages: progress.pages + 1, cursor: next ? copy(next) : null, done: next === undefined, updatedAt: now.toISOString() });
    return true;
  }

  /** Writes the item as it stands, e.g. the page a crashed attempt had named. */
  put(month: string, item: StoredCheckpoint): void {
    this.items.set(month, copy(item));
  }

  /** The stored item (a copy), for assertions. */
  stored(month: string): StoredCheckpoint | undefined {
    const item = this.items.get(month);
    return item ? copy(item) : undefined;
  }
}
