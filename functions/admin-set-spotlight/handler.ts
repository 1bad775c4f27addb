import { monthFromPath, setMonthSpotlight } from '../../shared/digest/coming-month';
import { spotlightSchema } from '../../shared/digest/schema';
import { requireCoordinator } from '../../shared/http/auth';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const month = monthFromPath(event.pathParameters?.month);
  const spotlight = parseJsonBody(event, spotlightSchema);
  return json(200, { month, ...(await setMonthSpotlight(table(), month, spotlight)) });
});
