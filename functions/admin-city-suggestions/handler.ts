import { getCity } from '../../shared/cities/repository';
import { assertCityId } from '../../shared/cities/review';
import { NotFoundError } from '../../shared/errors';
import { requireCoordinator } from '../../shared/http/auth';
import { httpHandler, json } from '../../shared/http/response';
import { suggestMembersForCity } from '../../shared/matching/rank';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const id = assertCityId(event.pathParameters?.id);
  const city = await getCity(table(), id);
  if (!city) throw new NotFoundError(`No city has the id ${id}.`);
  const { items } = await suggestMembersForCity(table(), city);
  return json(200, { items });
});
