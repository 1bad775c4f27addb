import { NotFoundError } from '../../shared/errors';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { authorizedMemberId } from '../../shared/members/access';
import { updateMemberProfile } from '../../shared/members/repository';
import { memberUpdateSchema } from '../../shared/members/schema';
import { toMemberProfile } from '../../shared/members/view';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const memberId = await authorizedMemberId(event);
  const update = parseJsonBody(event, memberUpdateSchema);
  const member = await updateMemberProfile(table(), memberId, update, new Date().toISOString());
  if (!member) throw new NotFoundError('There is no member profile for this link.');
  return json(200, toMemberProfile(member));
});
