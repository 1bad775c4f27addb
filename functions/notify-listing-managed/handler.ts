import { notifyListingChanged, notifyPartnerFound } from '../../shared/cities/notify-listing';
import { eventHandler } from '../../shared/events/handler';
import { mailing } from '../../shared/runtime/mailing';
import { table } from '../../shared/runtime/table';

const changed = eventHandler('CityListingChanged', (detail) => notifyListingChanged({ ...table(), ...mailing() }, detail));
const partnerFound = eventHandler('CityPartnerFound', (detail) => notifyPartnerFound({ ...table(), ...mailing() }, detail));

// One rule delivers both; the envelope's detail-type says which this is.
export const handler = async (event: { 'detail-type'?: string }): Promise<void> =>
  event['detail-type'] === 'CityPartnerFound' ? partnerFound(event) : changed(event);
