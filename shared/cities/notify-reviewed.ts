/**
 * What `CityApproved` and `CityRejected` cause: one email to the city's contact, once.
 */
import { NotFoundError } from '../errors';
import { deliverOnce, type DeliveryLedger } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { cityApprovedEmail, cityRejectedEmail } from '../email/templates/city-reviewed';
import { listingManageLink } from './listing-links';
import { getCity } from './repository';

export interface NotifyReviewedDeps extends DeliveryLedger {
  mailer: Mailer;
  coordinatorEmail: string;
  publicUrl: string;
}

/**
 * @example
 * await notifyCityReviewed(deps, 'approved', detail.cityId);
 */
export async function notifyCityReviewed(
  deps: NotifyReviewedDeps,
  decision: 'approved' | 'rejected',
  cityId: string,
): Promise<'sent' | 'duplicate' | 'superseded'> {
  const city = await getCity(deps, cityId, true);
  if (!city) throw new NotFoundError(`City ${cityId} does not exist`);
  // The decision is final once made (approve and reject only leave "pending"), so a mismatch
  // means a malformed event rather than a change of mind; say so instead of mailing.
  if (city.status !== decision) return 'superseded';
  const message =
    decision === 'approved'
      ? cityApprovedEmail(city, { publicUrl: deps.publicUrl, replyTo: deps.coordinatorEmail, manageUrl: await listingManageLink(deps.publicUrl, city.id) })
      : cityRejectedEmail(city, { replyTo: deps.coordinatorEmail });
  return deliverOnce(deps, `city-${decision}/${city.id}/contact`, () => deps.mailer.send(message));
}
