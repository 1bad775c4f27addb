/**
 * What `CityListingChanged` and `CityPartnerFound` cause: one email to the coordinator
 * responsible for the city (the world region's desk when `COORDINATOR_ROUTES` names one, as for
 * inquiries), exactly once per change however often the event arrives. Delivery records:
 * `listing-changed/<city id>/<change id>` and `partner-found/<city id>/<time it was reported>`
 * (a city that seeks again and later finds another partner is news again; pressing the button
 * twice is not: the second press changes nothing and publishes nothing).
 */
import { NotFoundError } from '../errors';
import { deliverOnce, type DeliveryLedger } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { listingChangedEmail, partnerFoundEmail } from '../email/templates/listing-managed';
import type { EventDetail } from '../events/contracts';
import { coordinatorFor } from '../inquiries/notify';
import type { WorldRegion } from './world-regions';
import { getCity } from './repository';
import type { City } from './schema';

export interface NotifyListingDeps extends DeliveryLedger {
  mailer: Mailer;
  coordinatorEmail: string;
  coordinatorRoutes: Partial<Record<WorldRegion, string>>;
  publicUrl: string;
}

async function cityOf(deps: NotifyListingDeps, cityId: string): Promise<City> {
  const city = await getCity(deps, cityId, true);
  if (!city) throw new NotFoundError(`City ${cityId} does not exist`);
  return city;
}

/**
 * Tells the coordinator what a city's contact changed in its listing.
 *
 * @example
 * await notifyListingChanged({ ...table(), ...mailing() }, detail);
 */
export async function notifyListingChanged(deps: NotifyListingDeps, detail: EventDetail<'CityListingChanged'>): Promise<'sent' | 'duplicate'> {
  const city = await cityOf(deps, detail.cityId);
  const to = coordinatorFor(city.country, deps.coordinatorRoutes, deps.coordinatorEmail);
  return deliverOnce(deps, `listing-changed/${city.id}/${detail.changeId}`, () =>
    deps.mailer.send(listingChangedEmail(city, detail.changes, { to, publicUrl: deps.publicUrl })),
  );
}

/**
 * Tells the coordinator that a city found a partner, as its contact reported.
 *
 * @example
 * await notifyPartnerFound({ ...table(), ...mailing() }, detail);
 */
export async function notifyPartnerFound(deps: NotifyListingDeps, detail: EventDetail<'CityPartnerFound'>): Promise<'sent' | 'duplicate'> {
  const city = await cityOf(deps, detail.cityId);
  const to = coordinatorFor(city.country, deps.coordinatorRoutes, deps.coordinatorEmail);
  return deliverOnce(deps, `partner-found/${city.id}/${detail.foundAt}`, () =>
    deps.mailer.send(partnerFoundEmail(city, detail, { to, publicUrl: deps.publicUrl })),
  );
}
