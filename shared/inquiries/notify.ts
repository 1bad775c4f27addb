/**
 * What an `InquirySubmitted` event causes: the responsible coordinator's email (replies go to
 * the inquirer) and the inquirer's acknowledgment, each exactly once per inquiry.
 */
import { NotFoundError } from '../errors';
import { deliverOnce, type DeliveryLedger } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { coordinatorInquiryEmail, inquiryAcknowledgmentEmail } from '../email/templates/inquiry';
import { getCity } from '../cities/repository';
import { worldRegionOf, type WorldRegion } from '../cities/world-regions';
import { getInquiry } from './repository';

export interface NotifyInquiryDeps extends DeliveryLedger {
  mailer: Mailer;
  coordinatorEmail: string;
  /** Per-world-region coordinators; regions not listed go to `coordinatorEmail`. */
  coordinatorRoutes: Partial<Record<WorldRegion, string>>;
  publicUrl: string;
}

/**
 * The coordinator responsible for a city in `country`.
 *
 * @example
 * coordinatorFor('LA', { asia: 'asia@example.org' }, 'coordinator@example.org') // 'asia@example.org'
 */
export function coordinatorFor(country: string, routes: NotifyInquiryDeps['coordinatorRoutes'], fallback: string): string {
  const region = worldRegionOf(country);
  return (region && routes[region]) || fallback;
}

/**
 * @example
 * await notifyInquirySubmitted(deps, detail.inquiryId);
 */
export async function notifyInquirySubmitted(
  deps: NotifyInquiryDeps,
  inquiryId: string,
): Promise<{ coordinator: 'sent' | 'duplicate'; inquirer: 'sent' | 'duplicate' }> {
  const inquiry = await getInquiry(deps, inquiryId);
  if (!inquiry) throw new NotFoundError(`Inquiry ${inquiryId} does not exist`);
  const city = await getCity(deps, inquiry.cityId, true);
  if (!city) throw new NotFoundError(`City ${inquiry.cityId} does not exist`);
  const to = coordinatorFor(city.country, deps.coordinatorRoutes, deps.coordinatorEmail);
  const coordinator = await deliverOnce(deps, `inquiry/${inquiry.id}/coordinator`, () =>
    deps.mailer.send(coordinatorInquiryEmail(inquiry, city, { to, publicUrl: deps.publicUrl })),
  );
  const inquirer = await deliverOnce(deps, `inquiry/${inquiry.id}/inquirer`, () =>
    deps.mailer.send(inquiryAcknowledgmentEmail(inquiry, city, { replyTo: to })),
  );
  return { coordinator, inquirer };
}
