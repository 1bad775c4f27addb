/**
 * The monthly digest: which cities a month features, and its Best Practice Spotlight.
 */
import * as z from '../zod';
import { INTEREST_IDS } from '../cities/interests';
import { multiLine, singleLine } from '../text';

/** A month as `YYYY-MM`. */
export const monthSchema = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month such as 2031-01' })))();

/** The Best Practice Spotlight of a month (set by coordinators; a default otherwise). */
export const spotlightSchema = /* @__PURE__ */ (() =>
  z.object(
    { title: singleLine(1, 200), body: multiLine(1, 6000) },
    { error: () => 'The body must be a JSON object with a title and a body.' },
  ))();
export type Spotlight = z.infer<typeof spotlightSchema>;

/** A featured city as the digest records it: a snapshot, so the archive never changes. */
export const featuredCitySchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    name: z.string(),
    country: z.string(),
    region: z.optional(z.string()),
    population: z.number().check(z.int()),
    description: z.string(),
    interests: z.array(z.enum(INTEREST_IDS)),
    website: z.optional(z.string()),
  }))();
export type FeaturedCity = z.infer<typeof featuredCitySchema>;

/** A month's digest as assembled. `empty` when no city was eligible (nothing is sent). */
export const digestSchema = /* @__PURE__ */ (() =>
  z.object({
    month: monthSchema,
    status: z.enum(['assembled', 'empty']),
    featured: z.array(featuredCitySchema).check(z.maxLength(3)),
    spotlight: z.object({ title: z.string(), body: z.string() }),
    assembledAt: z.string(),
  }))();
export type Digest = z.infer<typeof digestSchema>;

/**
 * The English name of a month.
 *
 * @example
 * monthName('2026-12') // 'December 2026'
 */
export function monthName(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, index - 1, 1)));
}

/**
 * The month before `month`.
 *
 * @example
 * previousMonth('2031-01') // '2030-12'
 */
export function previousMonth(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, index - 2, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
