/**
 * What a `CityRegistered` event causes: one email to the coordinator, one to the city's
 * contact — each exactly once, keyed on the city id, however often the event arrives.
 */
import { NotFoundError } from '../errors';
import { deliverOnce, type DeliveryLedger } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import {
  coordinatorRegistrationEmail,
  registrationAcknowledgmentEmail,
} from '../email/templates/city-registered';
import { getCity } from './repository';

export interface NotifyRegisteredDeps extends DeliveryLedger {
  mailer: Mailer;
  coordinatorEmail: string;
  publicUrl: string;
}

/**
 * Sends the registration emails for `cityId` that have not been sent yet.
 *
 * @example
 * await notifyCityRegistered(deps, detail.cityId);
 */
export async function notifyCityRegistered(
  deps: NotifyRegisteredDeps,
  cityId: string,
): Promise<{ coordinator: 'sent' | 'duplicate'; contact: 'sent' | 'duplicate' }> {
  const city = await getCity(deps, cityId, true);
  if (!city) throw new NotFoundError(`City ${cityId} does not exist`);
  const coordinator = await deliverOnce(deps, `city-registered/${city.id}/coordinator`, () =>
    deps.mailer.send(coordinatorRegistrationEmail(city, { to: deps.coordinatorEmail, publicUrl: deps.publicUrl })),
  );
  const contact = await deliverOnce(deps, `city-registered/${city.id}/contact`, () =>
    deps.mailer.send(registrationAcknowledgmentEmail(city, { replyTo: deps.coordinatorEmail })),
  );
  return { coordinator, contact };
}
