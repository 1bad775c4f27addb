import { approveCity, assertCityId } from '../../shared/cities/review';
import { requireCoordinator } from '../../shared/http/auth';
import { httpHandler, json } from '../../shared/http/response';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const city = await approveCity({ ...table(), publisher: busPublisher() }, assertCityId(event.pathParameters?.id));
  return json(200, { id: city.id, status: city.status });
});
