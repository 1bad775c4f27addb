/**
 * The event contracts: the one module that producers and consumers both import.
 *
 * Details carry business keys, not copies of the records: a consumer reads the current state
 * from the table, so a late or repeated delivery never acts on stale data, and idempotency is
 * keyed on these ids (never on the EventBridge event id, which changes on every re-publish).
 */
import * as z from '../zod';

/** The custom bus every event of the program travels on. */
export const EVENT_BUS_NAME = 'cities-seeking-cities';
/** The `source` of every event the program puts on its bus. */
export const EVENT_SOURCE = 'cities-seeking-cities';

const correlation = () => ({ correlationId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))) });
const key = () => z.string().check(z.minLength(1));
const month = () => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
/** One listing field's value: text, a number, a list of interest ids, or `null` when it was empty. */
const listingValue = () => z.nullable(z.union([z.string(), z.number(), z.array(z.string())]));

/**
 * The contract of each detail type, as a builder: a consumer builds the one schema it reads
 * (see `detailSchema`), not all of them (every schema built costs cold-start time).
 */
const detailSchemaBuilders = {
  /** A city abroad registered; it waits for a coordinator's review. */
  CityRegistered: () => z.object({ cityId: key(), ...correlation() }),
  /** A coordinator approved a city: it is public and seeking. */
  CityApproved: () => z.object({ cityId: key(), ...correlation() }),
  /** A coordinator rejected a registration, with a reason for the contact. */
  CityRejected: () => z.object({ cityId: key(), ...correlation() }),
  /** A U.S. community asked about a city. */
  InquirySubmitted: () => z.object({ inquiryId: key(), ...correlation() }),
  /** A new month began (America/New_York): time to assemble its digest. */
  MonthRolledOver: () => z.object({ month: month(), ...correlation() }),
  /** A month's digest was assembled (its featured cities recorded): time to fan out delivery. */
  DigestAssembled: () => z.object({ month: month(), ...correlation() }),
  /** One batch of subscribers to send a month's digest to. */
  DigestBatchReady: () =>
    z.object({
      month: month(),
      batch: z.number().check(z.int(), z.gte(0)),
      subscriberIds: z.array(key()).check(z.minLength(1), z.maxLength(100)),
      ...correlation(),
    }),
  /** Someone asked to subscribe (or to subscribe again): send the confirmation link. */
  SubscriptionRequested: () => z.object({ subscriberId: key(), requestedAt: z.string(), ...correlation() }),
  /** A U.S. community asked for a member profile (or asked again): send the confirmation or manage link. */
  MemberRequested: () => z.object({ memberId: key(), requestedAt: z.string(), ...correlation() }),
  /**
   * A city's contact changed its listing through the manage link: tell the coordinator what
   * changed. Unlike the other details this one carries the change itself (each field before and
   * after): it is what happened, and the city item keeps only the latest state. `changeId` keys
   * the coordinator's email.
   */
  CityListingChanged: () =>
    z.object({
      cityId: key(),
      changeId: key(),
      changes: z
        .array(
          z.object({
            field: z.enum(['description', 'interests', 'website', 'region', 'population', 'contact.name', 'contact.title', 'contact.phone']),
            before: listingValue(),
            after: listingValue(),
          }),
        )
        .check(z.minLength(1)),
      ...correlation(),
    }),
  /** A city's contact said it found a partner: it no longer seeks; tell the coordinator. */
  CityPartnerFound: () =>
    z.object({ cityId: key(), foundAt: z.string(), partner: z.optional(z.string().check(z.maxLength(200))), ...correlation() }),
} as const;

export type DetailType = keyof typeof detailSchemaBuilders;
export type EventDetail<T extends DetailType> = z.infer<ReturnType<(typeof detailSchemaBuilders)[T]>>;

export const DETAIL_TYPES = /* @__PURE__ */ (() => Object.keys(detailSchemaBuilders) as DetailType[])();

const builtDetailSchemas: { [T in DetailType]?: ReturnType<(typeof detailSchemaBuilders)[T]> } = {};

/**
 * The schema of one detail type, built once per container.
 *
 * @example
 * detailSchema('CityRegistered').parse({ cityId: '01J…' });
 */
export function detailSchema<T extends DetailType>(detailType: T): ReturnType<(typeof detailSchemaBuilders)[T]> {
  const built = (builtDetailSchemas[detailType] ??= detailSchemaBuilders[detailType]() as never);
  return built as ReturnType<(typeof detailSchemaBuilders)[T]>;
}

/** One event as the domain publishes it (before EventBridge wraps it in an envelope). */
export interface DomainEvent<T extends DetailType = DetailType> {
  detailType: T;
  detail: EventDetail<T>;
}

/**
 * The EventBridge pattern that selects the given detail types from the program's source.
 * Used by the CDK rules and by the local bus, so both match exactly the same events.
 *
 * @example
 * patternFor(['CityRegistered']) // { source: ['cities-seeking-cities'], 'detail-type': ['CityRegistered'] }
 */
export function patternFor(detailTypes: readonly DetailType[]): { source: string[]; 'detail-type': string[] } {
  return { source: [EVENT_SOURCE], 'detail-type': [...detailTypes] };
}

/** The envelope a Lambda target receives from EventBridge. */
export const eventEnvelopeSchema = /* @__PURE__ */ (() =>
  z.object({
    version: z.string(),
    id: z.string(),
    'detail-type': z.string(),
    source: z.string(),
    account: z.string(),
    time: z.string(),
    region: z.string(),
    resources: z.array(z.string()),
    detail: z.unknown(),
  }))();

/**
 * Parses an EventBridge envelope and its detail against the contract of `detailType`.
 * Throws a `ZodError` on a malformed event: the invocation fails and the event goes to the
 * dead-letter queue instead of being acted on.
 *
 * @example
 * const { detail } = parseEvent('CityRegistered', event);
 */
export function parseEvent<T extends DetailType>(detailType: T, event: unknown): { id: string; detail: EventDetail<T> } {
  const envelope = eventEnvelopeSchema.parse(event);
  if (envelope['detail-type'] !== detailType) {
    throw new Error(`Expected a ${detailType} event, received ${envelope['detail-type']}`);
  }
  const detail = detailSchema(detailType).parse(envelope.detail) as EventDetail<T>;
  return { id: envelope.id, detail };
}
