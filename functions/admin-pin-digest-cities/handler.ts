import { monthFromPath, pinCities, pinsSchema } from '../../shared/digest/coming-month';
import { requireCoordinator } from '../../shared/http/auth';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const month = monthFromPath(event.pathParameters?.month);
  const { cityIds } = parseJsonBody(event, pinsSchema);
  return json(200, { month, cityIds: await pinCities(table(), month, cityIds) });
});
