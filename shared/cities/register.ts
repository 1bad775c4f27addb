/**
 * Registering a city: the rules of `POST /api/cities`.
 */
import { ulid } from 'ulid';
import type { EventPublisher } from '../events/publisher';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import { nameKey } from '../text';
import type { Table } from '../data/table';
import { claimName, tableNameClaims } from './name-claim';
import { cityKey, putNewCity, releaseCityName } from './repository';
import type { City, Registration } from './schema';
import { recordMetric } from '../metrics';

export interface RegistrationDeps extends Table {
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

  await claimName(tableNameClaims(deps), claim, `${registration.name} (${registration.country})`, now);

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
