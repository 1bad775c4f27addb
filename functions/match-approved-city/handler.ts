import { matchApprovedCity } from '../../shared/alerts/match';
import { eventHandler } from '../../shared/events/handler';
import { table } from '../../shared/runtime/table';

export const handler = eventHandler('CityApproved', (detail) => matchApprovedCity(table(), detail.cityId));
