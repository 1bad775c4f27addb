/**
 * "Suggested for you" in a member's digest: for each subscriber of a batch who also has an
 * active member profile (same address), the month's featured cities that fit them — scoring at
 * least FIT_THRESHOLD, best first, at most three — with reasons, and their manage link.
 *
 * Only the featured cities are ranked (they are already in the digest): no extra reads per
 * city, one BatchGetItem of member profiles per batch.
 */
import type { Table } from '../data/table';
import { FIT_THRESHOLD, scoreMatch } from '../matching/score';
import { getMembers, memberIdOf, memberManageLink } from '../members';
import type { DigestSuggestion } from './render';
import type { Digest } from './schema';

/** At most this many suggestions in one digest. */
export const DIGEST_SUGGESTIONS = 3;

export interface DigestMemberExtras {
  suggestions: DigestSuggestion[];
  profileUrl: string;
}

/**
 * The extras of every subscriber (by subscriber id) who has an active member profile.
 *
 * @example
 * const extras = await digestMemberExtras(deps, digest, subscribers);
 * renderDigestEmail(digest, links, subscriber.email, extras.get(subscriber.id)?.suggestions, extras.get(subscriber.id)?.profileUrl);
 */
export async function digestMemberExtras(
  deps: Table & { publicUrl: string },
  digest: Digest,
  subscribers: Array<{ id: string; email: string }>,
): Promise<Map<string, DigestMemberExtras>> {
  const members = await getMembers(
    deps,
    subscribers.map((subscriber) => memberIdOf(subscriber.email)),
  );
  const site = deps.publicUrl.replace(/\/+$/, '');
  const extras = new Map<string, DigestMemberExtras>();
  for (const subscriber of subscribers) {
    const member = members.get(memberIdOf(subscriber.email));
    if (!member || member.status !== 'active') continue;
    const suggestions = digest.featured
      .map((city) => ({ city, ...scoreMatch(member, city) }))
      .filter((match) => match.score >= FIT_THRESHOLD)
      .sort((a, b) => b.score - a.score || a.city.name.localeCompare(b.city.name, 'en'))
      .slice(0, DIGEST_SUGGESTIONS)
      .map(({ city, reasons }) => ({ name: city.name, url: `${site}/cities/${encodeURIComponent(city.id)}`, reasons }));
    extras.set(subscriber.id, { suggestions, profileUrl: await memberManageLink(site, member.id) });
  }
  return extras;
}
