import { table } from '../../shared/data/table';
import { monthFromPath, pinCities, pinsSchema } from '../../shared/digest/coming-month';
import { requireCoordinator } from '../../shared/http/auth';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const month = monthFromPath(event.pathParameters?.month);
  const { cityIds } = parseJsonBody(event, pinsSchema);
  return json(200, { month, cityIds: await pinCities(table(), month, cityIds) });
});
