/**
 * Member profiles: a U.S. community that keeps a profile to receive suggestions of seeking
 * cities. What a request may contain, what an update may change, and what is stored.
 */
import * as z from '../zod';
import { emailSchema } from '../cities/schema';
import { INTEREST_IDS, type InterestId } from '../cities/interests';
import { WORLD_REGIONS, type WorldRegion } from '../cities/world-regions';
import { US_STATES } from '../inquiries/schema';
import { nameText } from '../text';

export const MEMBER_STATUSES = ['pending', 'active'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : what);

const stateSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.transform((value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    z.enum(US_STATES, { error: required('must be a U.S. state code, such as MA') }),
  ))();

const populationSchema = /* @__PURE__ */ (() =>
  z
    .number({ error: required('must be a number') })
    .check(
      z.int({ error: 'must be a whole number' }),
      z.gte(1, { error: 'must be at least 1' }),
      z.lte(50_000_000, { error: 'must be at most 50,000,000' }),
    ))();

const interestsSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z
      .array(z.enum(INTEREST_IDS, { error: `must be one of: ${INTEREST_IDS.join(', ')}` }), {
        error: required('must be a list of interest ids'),
      })
      .check(z.minLength(1, { error: 'choose at least one interest' })),
    // Program order, each once: profiles compare and display the same whatever the input order.
    z.transform((ids: InterestId[]) => INTEREST_IDS.filter((id) => ids.includes(id))),
  ))();

/** Preferred world regions; an empty list means "anywhere". */
const regionsSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.array(z.enum(WORLD_REGIONS, { error: `must be one of: ${WORLD_REGIONS.join(', ')}` }), {
      error: required('must be a list of world regions'),
    }),
    z.transform((ids: WorldRegion[]) => WORLD_REGIONS.filter((id) => ids.includes(id))),
  ))();

/** The body of `POST /api/members`. `regions` may be left out (anywhere). */
export const memberRequestSchema = /* @__PURE__ */ (() =>
  z.object(
    {
      email: emailSchema,
      name: nameText(1, 120),
      state: stateSchema,
      population: populationSchema,
      interests: interestsSchema,
      regions: z._default(regionsSchema, []),
    },
    { error: () => 'The body must be a JSON object.' },
  ))();
export type MemberRequest = z.infer<typeof memberRequestSchema>;

/**
 * The body of `PUT /api/members/{id}`: any of the editable fields; the ones left out stay as
 * they are. The address is not editable (it is the member's identity); unknown keys are ignored.
 */
export const memberUpdateSchema = /* @__PURE__ */ (() =>
  z.object(
    {
      name: z.optional(nameText(1, 120)),
      state: z.optional(stateSchema),
      population: z.optional(populationSchema),
      interests: z.optional(interestsSchema),
      regions: z.optional(regionsSchema),
      alertsOptOut: z.optional(z.boolean({ error: 'must be true or false' })),
    },
    { error: () => 'The body must be a JSON object.' },
  ))();
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;

/**
 * A member as stored (read back through this schema, so a bad item fails loudly). Only
 * `active` members carry the `MEMBERS#active` index keys that `listActiveMembers` reads.
 */
export const memberSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    state: z.enum(US_STATES),
    population: z.number(),
    interests: z.array(z.enum(INTEREST_IDS)),
    regions: z.array(z.enum(WORLD_REGIONS)),
    alertsOptOut: z._default(z.boolean(), false),
    status: z.enum(MEMBER_STATUSES),
    createdAt: z.string(),
    confirmedAt: z.optional(z.string()),
    updatedAt: z.optional(z.string()),
    /** When a confirmation (or manage-link) email was last asked for; throttles re-sends. */
    lastRequestedAt: z.optional(z.string()),
  }))();

export type Member = z.infer<typeof memberSchema>;
