import { assertCityId, cityPatchSchema, setSeeking } from '../../shared/cities/review';
import { toAdminCity } from '../../shared/cities/schema';
import { requireCoordinator } from '../../shared/http/auth';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const id = assertCityId(event.pathParameters?.id);
  const { seeking } = parseJsonBody(event, cityPatchSchema);
  return json(200, toAdminCity(await setSeeking(table(), id, seeking)));
});
