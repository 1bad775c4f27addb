import { listCitiesByStatus } from '../../shared/cities/repository';
import { reviewQuerySchema } from '../../shared/cities/review';
import { toAdminCity } from '../../shared/cities/schema';
import { requireCoordinator } from '../../shared/http/auth';
import { parseWith } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const { status } = parseWith(reviewQuerySchema, event.queryStringParameters ?? {});
  const cities = await listCitiesByStatus(table(), status);
  return json(200, { items: cities.map(toAdminCity) });
});
