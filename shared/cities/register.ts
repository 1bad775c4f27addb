/**
 * Registering a city: the rules of `POST /api/cities`.
 */
import { ulid } from 'ulid';
import type { EventPublisher } from '../events/publisher';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import { ConflictError } from '../errors';
import { nameKey } from '../text';
import { claimCityName, cityKey, getCity, putNewCity, releaseCityName, type CityTable } from './repository';
import type { City, Registration } from './schema';
import { recordMetric } from '../metrics';

/** A claim whose city never got written (the writer died) may be taken over after this long. */
export const ORPHAN_CLAIM_MS = 5 * 60_000;

export interface RegistrationDeps extends CityTable {
  publisher: EventPublisher;
  now?: () => Date;
  newId?: () => string;
}

/**
 * Stores a registration as a pending city and announces `CityRegistered`.
 *
 * Exactly one of several identical registrations wins, even at the same instant: the name
 * claim is a conditional write. The event rides in the city's outbox, so a bus failure after
 * the city is stored delays the coordinator's email but never loses it.
 *
 * @throws ConflictError when a pending or approved city has the same name in the same country
 * @example
 * const city = await registerCity(deps, registration);
 */
export async function registerCity(deps: RegistrationDeps, registration: Registration): Promise<City> {
  const now = (deps.now ?? (() => new Date()))();
  const id = (deps.newId ?? ulid)();
  const key = nameKey(registration.name);
  const claim = { country: registration.country, nameKey: key, cityId: id, claimedAt: now.toISOString() };

  let outcome = await claimCityName(deps, claim);
  if (!outcome.claimed) {
    const holder = await getCity(deps, outcome.existing.cityId, true);
    const orphaned = !holder && now.getTime() - Date.parse(outcome.existing.claimedAt) > ORPHAN_CLAIM_MS;
    if (orphaned) outcome = await claimCityName(deps, claim, outcome.existing);
    if (!outcome.claimed) {
      throw new ConflictError(
        `${registration.name} (${registration.country}) is already registered.`,
        outcome.existing.cityId,
      );
    }
  }

  const city: City = {
    id,
    name: registration.name,
    nameKey: key,
    country: registration.country,
    region: registration.region,
    population: registration.population,
    description: registration.description,
    interests: registration.interests,
    contact: registration.contact,
    website: registration.website,
    status: 'pending',
    seeking: true,
    registeredAt: now.toISOString(),
    lastFeaturedMonth: null,
  };
  const outbox = outboxAttributes([{ detailType: 'CityRegistered', detail: { cityId: id } }], now);
  try {
    await putNewCity(deps, city, outbox);
  } catch (error) {
    // The city was not stored (e.g. throttled): free its name so that the client's retry of
    // this very registration is not refused as a duplicate of nothing.
    await releaseCityName(deps, city).catch(() => undefined);
    throw error;
  }
  await publishFromOutbox(deps, cityKey(id), outbox);
  recordMetric('CityRegistered');
  return city;
}
