/**
 * Cities: what a registration may contain, what is stored, and what the public may see.
 */
import * as z from '../zod';
import { multiLine, nameText, singleLine } from '../text';
import { INTEREST_IDS, type InterestId } from './interests';
import { HOME_COUNTRY, countryName, isCountryCode } from './countries';

/** An optional text field: an empty string (an untouched form field) counts as absent. */
function optional<T extends z.core.$ZodType>(schema: T) {
  return z.pipe(
    z.transform((value: unknown): unknown => (value === '' || value === null ? undefined : value)),
    z.optional(schema),
  );
}

export const emailSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.pipe(
      z
        .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
        .check(z.trim(), z.maxLength(254, { error: 'must be at most 254 characters' })),
      z.email({ error: 'must be an email address such as name@example.org' }),
    ),
    z.transform((email: string) => email.toLowerCase()),
  ))();

const countrySchema = /* @__PURE__ */ (() =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .check(
      z.trim(),
      z.toUpperCase(),
      z.refine((code) => /^[A-Z]{2}$/.test(code) && isCountryCode(code), {
        error: 'must be an ISO 3166-1 alpha-2 country code, such as LA for Laos',
      }),
      z.refine((code) => code !== HOME_COUNTRY, {
        error: 'must be a country outside the United States: the program pairs communities abroad with U.S. ones',
      }),
    ))();

// zod's own domain-name pattern (z.regexes.domain), restated: reading it through the
// namespace bundles all of zod's regexes (6 KB) into every function that registers cities.
const DOMAIN_NAME = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

const websiteSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.string().check(z.trim(), z.maxLength(2048, { error: 'must be at most 2048 characters' })),
    z.url({ protocol: /^https?$/, hostname: DOMAIN_NAME, error: 'must be a web address starting with http:// or https://' }),
  ))();

const phoneSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(z.trim(), z.regex(/^\+?[0-9][0-9 ().-]{3,38}[0-9]$/, { error: 'must be a phone number, such as +856 21 123 456' })))();

export const contactSchema = /* @__PURE__ */ (() =>
  z.object(
    {
      name: nameText(1, 120),
      email: emailSchema,
      title: optional(singleLine(1, 120)),
      phone: optional(phoneSchema),
    },
    { error: (issue) => (issue.input === undefined ? 'is required' : 'must be an object with name and email') },
  ))();

/** The body of `POST /api/cities`. */
export const registrationSchema = /* @__PURE__ */ (() =>
  z.object(
    {
      name: nameText(1, 120),
      country: countrySchema,
      region: optional(singleLine(1, 120)),
      population: z
        .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') })
        .check(
          z.int({ error: 'must be a whole number' }),
          z.gte(1, { error: 'must be at least 1' }),
          z.lte(50_000_000, { error: 'must be at most 50,000,000' }),
        ),
      description: multiLine(1, 3000),
      interests: z.pipe(
        z
          .array(z.enum(INTEREST_IDS, { error: `must be one of: ${INTEREST_IDS.join(', ')}` }), {
            error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list of interest ids'),
          })
          .check(z.minLength(1, { error: 'choose at least one interest' })),
        z.transform((ids: InterestId[]) => INTEREST_IDS.filter((id) => ids.includes(id))),
      ),
      contact: contactSchema,
      website: optional(websiteSchema),
    },
    { error: () => 'The body must be a JSON object.' },
  ))();

export type Registration = z.infer<typeof registrationSchema>;
export type Contact = z.infer<typeof contactSchema>;

export const CITY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CityStatus = (typeof CITY_STATUSES)[number];

/** A city as stored (read back through this schema, so a bad item fails loudly). */
export const storedCitySchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    name: z.string(),
    nameKey: z.string(),
    country: z.string().check(z.length(2)),
    region: z.optional(z.string()),
    population: z.number().check(z.int()),
    description: z.string(),
    interests: z.array(z.enum(INTEREST_IDS)),
    contact: z.object({
      name: z.string(),
      email: z.string(),
      title: z.optional(z.string()),
      phone: z.optional(z.string()),
    }),
    website: z.optional(z.string()),
    status: z.enum(CITY_STATUSES),
    seeking: z.boolean(),
    registeredAt: z.string(),
    updatedAt: z.optional(z.string()),
    reviewedAt: z.optional(z.string()),
    rejectionReason: z.optional(z.string()),
    lastFeaturedMonth: z.optional(z.nullable(z.string())),
    // Fresh listings (shared/freshness/): when the contact last confirmed the city is
    // still seeking, when (and in which rollover month) they were last asked, and when an
    // unanswered request took the listing out of "seeking".
    listingConfirmedAt: z.optional(z.string()),
    listingReminderSentAt: z.optional(z.string()),
    listingReminderMonth: z.optional(z.string()),
    listingExpiredAt: z.optional(z.string()),
  }))();

export type City = z.infer<typeof storedCitySchema>;

/** What the public directory shows: never the contact details. */
export interface PublicCity {
  id: string;
  name: string;
  country: string;
  countryName: string;
  region: string | null;
  population: number;
  description: string;
  interests: City['interests'];
  seeking: boolean;
  website: string | null;
  registeredAt: string;
  lastFeaturedMonth: string | null;
}

/**
 * The public view of a city.
 *
 * @example
 * json(200, toPublicCity(city));
 */
export function toPublicCity(city: Omit<City, 'contact' | 'nameKey' | 'status'>): PublicCity {
  return {
    id: city.id,
    name: city.name,
    country: city.country,
    countryName: countryName(city.country),
    region: city.region ?? null,
    population: city.population,
    description: city.description,
    interests: city.interests,
    seeking: city.seeking,
    website: city.website ?? null,
    registeredAt: city.registeredAt,
    lastFeaturedMonth: city.lastFeaturedMonth ?? null,
  };
}

/** What coordinators see: everything, contacts included, with the country's name. */
export type AdminCity = Omit<City, 'nameKey'> & { countryName: string };

/**
 * The coordinator's view of a city.
 *
 * @example
 * json(200, { items: cities.map(toAdminCity) });
 */
export function toAdminCity(city: City): AdminCity {
  const { nameKey: _nameKey, ...rest } = city;
  return { ...rest, countryName: countryName(city.country) };
}

/**
 * An optional listing field an update may clear: left out, it stays as it is; `null` or `""`
 * (an emptied form field) clears it; anything else must pass `schema`.
 */
function clearable<T extends z.core.$ZodType>(schema: T) {
  return z.pipe(
    z.transform((value: unknown): unknown => (value === '' ? null : value)),
    z.optional(z.nullable(schema)),
  );
}

/**
 * Refuses every key of an object but `allowed`, each at its own path: a read-only key with the
 * reason from `readOnly`, any other as unknown. Runs even when other fields are wrong, so one
 * answer names every problem.
 */
function onlyKeys(allowed: readonly string[], readOnly: Record<string, string>) {
  return z.superRefine(
    (value: Record<string, unknown>, ctx) => {
      for (const key of Object.keys(value)) {
        if (allowed.includes(key)) continue;
        ctx.issues.push({ code: 'custom', message: readOnly[key] ?? 'is not a field that can be changed here', input: value[key], path: [key] });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
}

/** What a city's contact may change through the manage link; the rest stays the coordinator's. */
export const LISTING_FIELDS = ['description', 'interests', 'website', 'region', 'population', 'contact'] as const;
/** Of the contact, only the person's own name, title and phone: the address stays as registered. */
export const LISTING_CONTACT_FIELDS = ['name', 'title', 'phone'] as const;

const REPLY_TO_CHANGE = 'to change it, please reply to our email and a coordinator will';

/**
 * The body of `PUT /api/cities/{id}/listing`: any of the editable fields, each under the same
 * rule and message as at registration; the ones left out stay as they are, and `null` (or `""`)
 * clears an optional one (region, website, contact title and phone). The city's name and
 * country and the contact's email address are not editable here: sent anyway, they are a 400 at
 * their path, never silently ignored.
 */
export const listingUpdateSchema = /* @__PURE__ */ (() => {
  const registered = registrationSchema.shape;
  const contact = z
    .looseObject(
      {
        name: z.optional(nameText(1, 120)),
        title: clearable(singleLine(1, 120)),
        phone: clearable(phoneSchema),
      },
      { error: () => 'must be an object with the contact’s name, title or phone' },
    )
    .check(
      onlyKeys(LISTING_CONTACT_FIELDS, {
        email: `cannot be changed here: our emails about the listing go to this address; ${REPLY_TO_CHANGE} change it`,
      }),
    );
  return z
    .looseObject(
      {
        description: z.optional(registered.description),
        interests: z.optional(registered.interests),
        website: clearable(websiteSchema),
        region: clearable(singleLine(1, 120)),
        population: z.optional(registered.population),
        contact: z.optional(contact),
      },
      { error: () => 'The body must be a JSON object.' },
    )
    .check(
      onlyKeys(LISTING_FIELDS, {
        name: `cannot be changed here: the city’s name stays as approved; ${REPLY_TO_CHANGE} correct it`,
        country: `cannot be changed here: the country stays as approved; ${REPLY_TO_CHANGE} correct it`,
      }),
    );
})();
export type ListingUpdate = z.infer<typeof listingUpdateSchema>;

/** The body of `POST /api/cities/{id}/partner-found`: optionally, the U.S. community. */
export const partnerFoundSchema = /* @__PURE__ */ (() =>
  z
    .looseObject({ partner: optional(nameText(1, 200)) }, { error: () => 'The body must be a JSON object.' })
    .check(onlyKeys(['partner'], {})))();
export type PartnerFoundRequest = z.infer<typeof partnerFoundSchema>;
