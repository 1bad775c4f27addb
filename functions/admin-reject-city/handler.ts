import { assertCityId, rejectCity, rejectionSchema } from '../../shared/cities/review';
import { requireCoordinator } from '../../shared/http/auth';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const id = assertCityId(event.pathParameters?.id);
  const { reason } = parseJsonBody(event, rejectionSchema);
  const city = await rejectCity({ ...table(), publisher: busPublisher() }, id, reason);
  return json(200, { id: city.id, status: city.status });
});
