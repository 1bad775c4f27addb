import { getCity } from '../../shared/cities/repository';
import { assertCityId } from '../../shared/cities/review';
import { toPublicCity } from '../../shared/cities/schema';
import { NotFoundError } from '../../shared/errors';
import { httpHandler, json } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const id = assertCityId(event.pathParameters?.id);
  const city = await getCity(table(), id);
  // Pending and rejected cities are not public: to the world they do not exist.
  if (!city || city.status !== 'approved') throw new NotFoundError(`No public city has the id ${id}.`);
  return json(200, toPublicCity(city));
});
