/**
 * Member profiles: U.S. communities that keep a profile (double opt-in) and receive
 * suggestions of seeking cities. Fresh-listing alerts import their reads and links from here.
 */
export { memberIdOf } from './identity';
export { memberSchema, memberRequestSchema, memberUpdateSchema, MEMBER_STATUSES } from './schema';
export type { Member, MemberRequest, MemberStatus, MemberUpdate } from './schema';
export { toAdminMember, toMemberProfile, type AdminMemberView, type MemberProfileView } from './view';
export {
  ACTIVE_MEMBERS,
  addActiveMember,
  getMember,
  getMembers,
  listActiveMembers,
  listMembersByStatus,
  memberIndexAttributes,
  memberKey,
  type ActiveMemberInput,
} from './repository';
export { memberConfirmationLink, memberManageLink, memberSuggestionsLink } from './links';
export type { Table } from '../data/table';
