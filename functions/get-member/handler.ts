import { table } from '../../shared/data/table';
import { httpHandler, json } from '../../shared/http/response';
import { authorizedMember } from '../../shared/members/access';
import { toMemberProfile } from '../../shared/members/view';

export const handler = httpHandler(async (event) => json(200, toMemberProfile(await authorizedMember(table(), event))));
