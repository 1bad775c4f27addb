import { notifyCityReviewed } from '../../shared/cities/notify-reviewed';
import { eventHandler } from '../../shared/events/handler';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

const approved = eventHandler('CityApproved', (detail) => notifyCityReviewed({ ...table(), ...mailing() }, 'approved', detail.cityId));
const rejected = eventHandler('CityRejected', (detail) => notifyCityReviewed({ ...table(), ...mailing() }, 'rejected', detail.cityId));

// One rule delivers both decisions; the envelope's detail-type says which this is.
export const handler = async (event: { 'detail-type'?: string }): Promise<void> =>
  event['detail-type'] === 'CityRejected' ? rejected(event) : approved(event);
