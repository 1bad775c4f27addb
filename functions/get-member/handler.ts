import { httpHandler, json } from '../../shared/http/response';
import { authorizedMember } from '../../shared/members/access';
import { toMemberProfile } from '../../shared/members/view';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => json(200, toMemberProfile(await authorizedMember(table(), event))));
