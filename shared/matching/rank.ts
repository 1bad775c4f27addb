/**
 * Ranking: the best few of many candidates by `scoreMatch`, in bounded memory.
 *
 * Both directions read their candidates in pages from an index (never a Scan), score each page
 * in memory and keep only the current top N, so memory stays O(N + page) and time O(candidates)
 * whatever the size of the table: ranking one city against 10,000 members is 20 Queries of 500
 * profiles (see `bench/matching.ts` for the measured figures).
 */
import type { Table } from '../data/table';
import { searchDirectory } from '../cities/search';
import { listActiveMembers } from '../members/repository';
import type { Member } from '../members/schema';
import { scoreMatch, type CityForScoring, type MemberProfileForScoring } from './score';

/** How many suggestions the routes return. */
export const SUGGESTIONS_LIMIT = 10;
/** Members read per Query when ranking members for a city (each ~0.3 KB: ~150 KB a page). */
export const MEMBER_PAGE_SIZE = 500;
/** Cities read per directory page (the directory's maximum). */
const CITY_PAGE_SIZE = 100;

export interface Ranked<T> {
  candidate: T;
  score: number;
  reasons: string[];
}

/**
 * The best `limit` of what it is offered, best first. Ties go to the smaller `tieKey` (name,
 * then id), so the order never depends on the order candidates were read in.
 *
 * @example
 * const top = new TopN<City>(10, (city) => `${city.name}\u0000${city.id}`);
 * top.offer(city, scoreMatch(member, city));
 * top.best(); // [{ candidate, score, reasons }, …]
 */
export class TopN<T> {
  private readonly kept: Array<Ranked<T> & { key: string }> = [];

  constructor(
    private readonly limit: number,
    private readonly tieKey: (candidate: T) => string,
  ) {}

  private static before(a: { score: number; key: string }, b: { score: number; key: string }): boolean {
    return a.score > b.score || (a.score === b.score && a.key < b.key);
  }

  offer(candidate: T, { score, reasons }: { score: number; reasons: string[] }): void {
    if (this.limit <= 0) return;
    const entry = { candidate, score, reasons, key: this.tieKey(candidate) };
    const worst = this.kept[this.kept.length - 1];
    if (this.kept.length >= this.limit && worst && !TopN.before(entry, worst)) return;
    // Insertion into a short sorted list: N is small (10), candidates many.
    let at = this.kept.length;
    while (at > 0 && TopN.before(entry, this.kept[at - 1]!)) at -= 1;
    this.kept.splice(at, 0, entry);
    if (this.kept.length > this.limit) this.kept.pop();
  }

  best(): Array<Ranked<T>> {
    return this.kept.map(({ key: _key, ...ranked }) => ranked);
  }
}

/** One suggested city for a member. */
export interface CitySuggestion {
  cityId: string;
  name: string;
  score: number;
  reasons: string[];
}

/**
 * The cities that fit a member best, best first: every approved, seeking city is read from the
 * directory's SEEKING listing (Queries on `gsi1`, 100 a page) and scored.
 *
 * @example
 * const items = await suggestCitiesForMember(table(), member);
 */
export async function suggestCitiesForMember(
  table: Table,
  member: MemberProfileForScoring,
  limit = SUGGESTIONS_LIMIT,
): Promise<CitySuggestion[]> {
  const top = new TopN<{ id: string; name: string }>(limit, (city) => `${city.name}\u0000${city.id}`);
  let cursor: string | undefined;
  do {
    const page = await searchDirectory(table, { seeking: true, limit: CITY_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    for (const city of page.items) top.offer({ id: city.id, name: city.name }, scoreMatch(member, city));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return top.best().map(({ candidate, score, reasons }) => ({ cityId: candidate.id, name: candidate.name, score, reasons }));
}

/** One suggested member for a city. */
export interface MemberSuggestion {
  memberId: string;
  name: string;
  score: number;
  reasons: string[];
}

/**
 * The active members a city fits best, best first: every active member is read in pages of
 * `pageSize` from the active-members index and scored; only the top `limit` are kept.
 *
 * @returns the suggestions and how many members were considered
 * @example
 * const { items } = await suggestMembersForCity(table(), city);
 */
export async function suggestMembersForCity(
  table: Table,
  city: CityForScoring,
  limit = SUGGESTIONS_LIMIT,
  pageSize = MEMBER_PAGE_SIZE,
): Promise<{ items: MemberSuggestion[]; considered: number }> {
  const top = new TopN<Member>(limit, (member) => `${member.name}\u0000${member.id}`);
  let considered = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listActiveMembers(table, pageSize, startKey);
    for (const member of page.members) top.offer(member, scoreMatch(member, city));
    considered += page.members.length;
    startKey = page.nextKey;
  } while (startKey);
  return {
    items: top.best().map(({ candidate, score, reasons }) => ({ memberId: candidate.id, name: candidate.name, score, reasons })),
    considered,
  };
}
