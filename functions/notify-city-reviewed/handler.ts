import { notifyCityReviewed } from '../../shared/cities/notify-reviewed';
import { table } from '../../shared/data/table';
import { mailing } from '../../shared/email/ses';
import { eventHandler } from '../../shared/events/handler';

const approved = eventHandler('CityApproved', (detail) => notifyCityReviewed({ ...table(), ...mailing() }, 'approved', detail.cityId));
const rejected = eventHandler('CityRejected', (detail) => notifyCityReviewed({ ...table(), ...mailing() }, 'rejected', detail.cityId));

// One rule delivers both decisions; the envelope's detail-type says which this is.
export const handler = async (event: { 'detail-type'?: string }): Promise<void> =>
  event['detail-type'] === 'CityRejected' ? rejected(event) : approved(event);
