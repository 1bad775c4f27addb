import { requireCoordinator } from '../../shared/http/auth';
import { parseWith } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { listMembersForCoordinators, memberListQuerySchema } from '../../shared/members/admin';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const query = parseWith(memberListQuerySchema, event.queryStringParameters ?? {});
  return json(200, await listMembersForCoordinators(table(), query));
});
