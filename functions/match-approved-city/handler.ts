import { matchApprovedCity } from '../../shared/alerts/match';
import { table } from '../../shared/data/table';
import { eventHandler } from '../../shared/events/handler';

export const handler = eventHandler('CityApproved', (detail) => matchApprovedCity(table(), detail.cityId));
