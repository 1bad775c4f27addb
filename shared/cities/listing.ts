/**
 * A city manages its own listing: what its contact may read and change through the signed
 * manage link (`listing-links.ts`), and "We found a partner".
 *
 * Every change is one conditional update of the city item that also carries its event in the
 * item's outbox (`CityListingChanged`, `CityPartnerFound`), so the coordinator's email can be
 * late but never lost; consumers send it (`notify-listing.ts`). The directory listings are
 * re-synced at once, so City Search and the city page show the change on the next read.
 */
import { ulid } from 'ulid';
import type { Table } from '../data/table';
import { ConflictError, NotFoundError } from '../errors';
import type { DomainEvent } from '../events/contracts';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import type { EventPublisher } from '../events/publisher';
import { logger } from '../logger';
import { countryName } from './countries';
import { syncDirectory } from './directory-repository';
import { listingChanges, listingWrites, type ListingField } from './listing-changes';
import { cityKey, getCity, getManagedCity, updateManagedCity, type ManagedCity } from './repository';
import type { City, ListingUpdate } from './schema';

export interface ListingDeps extends Table {
  publisher: EventPublisher;
  now?: () => Date;
  newId?: () => string;
}

/** What `GET /api/cities/{id}/listing` answers; its `listing` is a valid `PUT` body as it is. */
export interface ListingView {
  /** What the contact sees but cannot change here. */
  city: {
    id: string;
    name: string;
    country: string;
    countryName: string;
    seeking: boolean;
    /** When the contact said it found a partner (and whom), while it is not seeking. */
    partnerFound: { at: string; partner: string | null } | null;
  };
  /** Where our emails about the listing go; only a coordinator changes it. */
  contactEmail: string;
  /** The editable fields. */
  listing: {
    description: string;
    interests: City['interests'];
    website: string | null;
    region: string | null;
    population: number;
    contact: { name: string; title: string | null; phone: string | null };
  };
}

/**
 * The manage page's view of a city.
 *
 * @example
 * json(200, toListingView(managed));
 */
export function toListingView(managed: Pick<ManagedCity, 'city' | 'partnerFound'>): ListingView {
  const { city, partnerFound } = managed;
  return {
    city: {
      id: city.id,
      name: city.name,
      country: city.country,
      countryName: countryName(city.country),
      seeking: city.seeking,
      partnerFound: !city.seeking && partnerFound ? { at: partnerFound.at, partner: partnerFound.partner ?? null } : null,
    },
    contactEmail: city.contact.email,
    listing: {
      description: city.description,
      interests: city.interests,
      website: city.website ?? null,
      region: city.region ?? null,
      population: city.population,
      contact: { name: city.contact.name, title: city.contact.title ?? null, phone: city.contact.phone ?? null },
    },
  };
}

/**
 * The city a manage link is for, as its contact manages it.
 *
 * @throws NotFoundError (404) when there is no such city or it is not approved (pending and
 *   rejected cities have no listing; the link is only ever sent after approval)
 * @example
 * const managed = await managedListing(table(), await authorizedListingCityId(event));
 */
export async function managedListing(table: Table, cityId: string): Promise<ManagedCity> {
  const managed = await getManagedCity(table, cityId);
  if (!managed || managed.city.status !== 'approved') throw new NotFoundError('This city is not listed in City Search.');
  return managed;
}

/** How often a change is decided again on fresh data after losing a race, before a 409. */
const ROUNDS = 3;

/** Writes `set` with `event` appended to the item's outbox, then publishes; `undefined`: lost a race. */
async function writeWithEvent(
  deps: ListingDeps,
  read: ManagedCity,
  change: { set: Record<string, unknown>; remove?: string[]; whileSeeking?: boolean },
  event: DomainEvent,
  now: Date,
): Promise<City | undefined> {
  // Events still waiting in the outbox go out again with this one (consumers are idempotent).
  const outbox = outboxAttributes([...((read.pendingOutbox?.events ?? []) as DomainEvent[]), event], now);
  const written = await updateManagedCity(deps, read, { ...change, set: { ...change.set, ...outbox } });
  if (!written) return undefined;
  await publishFromOutbox(deps, cityKey(written.id), outbox);
  // Idempotent projection: City Search and the city page read the listings. Projected from a
  // fresh read, so a coordinator's change that landed meanwhile (the seeking flag) is not undone.
  await syncDirectory(deps, (await getCity(deps, written.id)) ?? written);
  return written;
}

/**
 * Applies a contact's update to its listing: only the fields whose values really change, in one
 * conditional write with `CityListingChanged` (each field before → after) in the outbox.
 * Nothing to change: nothing is written, and nobody is told.
 *
 * @throws NotFoundError when the city is not listed; ConflictError when it kept changing meanwhile
 * @example
 * const { view, changed } = await updateListing({ ...table(), publisher: busPublisher() }, cityId, update);
 */
export async function updateListing(deps: ListingDeps, cityId: string, update: ListingUpdate): Promise<{ view: ListingView; changed: ListingField[] }> {
  for (let round = 0; round < ROUNDS; round++) {
    const read = await managedListing(deps, cityId);
    const changes = listingChanges(read.city, update);
    if (changes.length === 0) return { view: toListingView(read), changed: [] };
    const now = (deps.now ?? (() => new Date()))();
    const { set, remove } = listingWrites(read.city, changes);
    const changeId = (deps.newId ?? ulid)();
    const event: DomainEvent<'CityListingChanged'> = { detailType: 'CityListingChanged', detail: { cityId, changeId, changes } };
    const written = await writeWithEvent(deps, read, { set: { ...set, updatedAt: now.toISOString() }, remove }, event, now);
    if (!written) continue;
    const changed = changes.map((change) => change.field);
    logger.info('listing changed by its contact', { cityId, changeId, changed });
    return { view: toListingView({ city: written, partnerFound: read.partnerFound }), changed };
  }
  throw new ConflictError('The listing changed while you were saving. Please reload the page and try again.');
}

/**
 * "We found a partner": the city stops seeking (it stays in City Search) and
 * `CityPartnerFound` tells the coordinator. A city already not seeking is left as it is and
 * nobody is told again.
 *
 * @returns `recorded` when this call took the city out of seeking, else `unchanged`
 * @throws NotFoundError when the city is not listed; ConflictError when it kept changing meanwhile
 * @example
 * const { view, outcome } = await reportPartnerFound(deps, cityId, 'Springfield, Massachusetts');
 */
export async function reportPartnerFound(
  deps: ListingDeps,
  cityId: string,
  partner: string | undefined,
): Promise<{ view: ListingView; outcome: 'recorded' | 'unchanged' }> {
  for (let round = 0; round < ROUNDS; round++) {
    const read = await managedListing(deps, cityId);
    if (!read.city.seeking) return { view: toListingView(read), outcome: 'unchanged' };
    const now = (deps.now ?? (() => new Date()))();
    const foundAt = now.toISOString();
    const event: DomainEvent<'CityPartnerFound'> = { detailType: 'CityPartnerFound', detail: { cityId, foundAt, ...(partner ? { partner } : {}) } };
    const written = await writeWithEvent(
      deps,
      read,
      {
        set: { seeking: false, updatedAt: foundAt, partnerFoundAt: foundAt, partnerName: partner },
        // A partner named on an earlier occasion is not this one's.
        remove: partner ? [] : ['partnerName'],
        whileSeeking: true,
      },
      event,
      now,
    );
    if (!written) continue;
    logger.info('partner found, reported by the contact', { cityId });
    return { view: toListingView({ city: written, partnerFound: { at: foundAt, partner } }), outcome: 'recorded' };
  }
  throw new ConflictError('The listing changed while you were saving. Please reload the page and try again.');
}
