import { httpHandler, json } from '../../shared/http/response';
import { suggestCitiesForMember } from '../../shared/matching/rank';
import { authorizedMember } from '../../shared/members/access';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const member = await authorizedMember(table(), event);
  return json(200, { items: await suggestCitiesForMember(table(), member) });
});
