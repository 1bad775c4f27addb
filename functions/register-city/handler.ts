import { registerCity } from '../../shared/cities/register';
import { registrationSchema } from '../../shared/cities/schema';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const registration = parseJsonBody(event, registrationSchema);
  const city = await registerCity({ ...table(), publisher: busPublisher() }, registration);
  return json(201, { id: city.id, status: city.status }, { location: `/api/cities/${city.id}` });
});
