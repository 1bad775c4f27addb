import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { requestMembership } from '../../shared/members/request';
import { memberRequestSchema } from '../../shared/members/schema';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const request = parseJsonBody(event, memberRequestSchema);
  await requestMembership({ ...table(), publisher: busPublisher() }, request);
  // The same answer whatever the address's state, so nobody can probe who is a member.
  return json(202, { status: 'accepted' });
});
