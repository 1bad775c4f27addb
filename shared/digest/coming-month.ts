/**
 * What coordinators may set for a coming month: pinned cities and the Best Practice
 * Spotlight. Both are refused once the month's digest is assembled (it never changes after).
 */
import * as z from '../zod';
import { ULID_PATTERN } from '../text';
import { getCity } from '../cities/repository';
import type { Table } from '../data/table';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { DEFAULT_SPOTLIGHT } from './default-spotlight';
import { getDigest, getPins, getSpotlight, setPins, setSpotlight } from './repository';
import { monthName, monthSchema, type Digest, type Spotlight } from './schema';
import { FEATURED_PER_MONTH, selectFeatured, toFeaturedCity } from './selection';

const cityIdSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.string().check(z.regex(ULID_PATTERN, { error: 'must be a city id' })),
    z.transform((id: string) => id.toUpperCase()),
  ))();

/** The body of `PUT /api/admin/digests/{month}/pins`. */
export const pinsSchema = /* @__PURE__ */ (() =>
  z.object(
    {
      cityIds: z
        .array(cityIdSchema, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list of city ids') })
        .check(
          z.maxLength(FEATURED_PER_MONTH, { error: `at most ${FEATURED_PER_MONTH} cities can be pinned` }),
          z.refine((ids) => new Set(ids).size === ids.length, { error: 'must not name a city twice' }),
        ),
    },
    { error: () => 'The body must be a JSON object with cityIds.' },
  ))();

/** The month of a path, or a 404 (an address that cannot name a month names nothing). */
export function monthFromPath(value: string | undefined): string {
  const month = monthSchema.safeParse(value);
  if (!month.success) throw new NotFoundError('There is no such month.');
  return month.data;
}

async function assertNotAssembled(table: Table, month: string): Promise<void> {
  if (await getDigest(table, month)) throw new ConflictError(`The ${monthName(month)} digest is already assembled and cannot change.`);
}

/**
 * Pins up to three approved, seeking cities for `month`; they come first in its digest.
 *
 * @throws ValidationError naming each city that cannot be featured; ConflictError once assembled
 * @example
 * await pinCities(table(), '2031-02', ['01J…']);
 */
export async function pinCities(table: Table, month: string, cityIds: string[]): Promise<string[]> {
  await assertNotAssembled(table, month);
  const problems = [];
  for (const [index, id] of cityIds.entries()) {
    const city = await getCity(table, id);
    if (!city || city.status !== 'approved') problems.push({ path: `cityIds.${index}`, message: 'is not an approved city' });
    else if (!city.seeking) problems.push({ path: `cityIds.${index}`, message: `${city.name} is not seeking a partner` });
  }
  if (problems.length) throw new ValidationError(problems);
  await setPins(table, month, cityIds);
  return cityIds;
}

/**
 * Sets the month's Best Practice Spotlight.
 *
 * @example
 * await setMonthSpotlight(table(), '2031-02', { title: 'Why this community?', body: '…' });
 */
export async function setMonthSpotlight(table: Table, month: string, spotlight: Spotlight): Promise<Spotlight> {
  await assertNotAssembled(table, month);
  await setSpotlight(table, month, spotlight);
  return spotlight;
}

/**
 * The digest as it stands for `month`: the recorded one, or what assembling now would choose.
 * Reads only: previewing never marks a city as featured.
 *
 * @example
 * const digest = await previewDigest(table(), '2031-02');
 */
export async function previewDigest(table: Table, month: string, now = new Date()): Promise<Digest> {
  const recorded = await getDigest(table, month);
  if (recorded) return recorded;
  const { featured } = await selectFeatured(table, month, await getPins(table, month));
  return {
    month,
    status: featured.length ? 'assembled' : 'empty',
    featured: featured.map(toFeaturedCity),
    spotlight: (await getSpotlight(table, month)) ?? DEFAULT_SPOTLIGHT,
    assembledAt: now.toISOString(),
  };
}
