/**
 * What the button on the "Still seeking?" page does: records that the city is still seeking.
 */
import { confirmCityListing, getCity } from '../cities/repository';
import type { City } from '../cities/schema';
import type { Table } from '../data/table';
import { logger } from '../logger';
import { recordMetric } from '../metrics';

/**
 * - `confirmed`: the listing stays seeking; confirmed now
 * - `not-seeking`: the city is approved but no longer shown as seeking; nothing changed
 * - `unknown`: no such public city
 */
export type ConfirmListingOutcome = { outcome: 'confirmed' | 'not-seeking'; city: City } | { outcome: 'unknown' };

/**
 * Records that the city is still seeking. Repeating it only moves the confirmation time.
 *
 * @example
 * const result = await confirmListing(table(), cityId);
 */
export async function confirmListing(table: Table, cityId: string, now: Date = new Date()): Promise<ConfirmListingOutcome> {
  const confirmed = await confirmCityListing(table, cityId, now);
  if (confirmed) {
    logger.info('listing confirmed', { cityId });
    recordMetric('ListingsConfirmed');
    return { outcome: 'confirmed', city: confirmed };
  }
  const city = await getCity(table, cityId);
  return city?.status === 'approved' ? { outcome: 'not-seeking', city } : { outcome: 'unknown' };
}
