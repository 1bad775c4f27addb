import { notifyCityRegistered } from '../../shared/cities/notify-registered';
import { table } from '../../shared/data/table';
import { mailing } from '../../shared/email/ses';
import { eventHandler } from '../../shared/events/handler';

export const handler = eventHandler('CityRegistered', (detail) =>
  notifyCityRegistered({ ...table(), ...mailing() }, detail.cityId),
);
