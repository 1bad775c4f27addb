import { notifyCityRegistered } from '../../shared/cities/notify-registered';
import { eventHandler } from '../../shared/events/handler';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

export const handler = eventHandler('CityRegistered', (detail) =>
  notifyCityRegistered({ ...table(), ...mailing() }, detail.cityId),
);
