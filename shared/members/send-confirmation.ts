/**
 * What a `MemberRequested` event causes: one email per request, keyed on (member,
 * requestedAt), however often the event arrives — the confirmation link for a pending member,
 * the manage link for an active one.
 */
import { deliverOnce, type DeliveryLedger } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { memberConfirmationEmail, memberManageLinkEmail } from '../email/templates/member';
import type { EventDetail } from '../events/contracts';
import { memberConfirmationLink, memberManageLink } from './links';
import { getMember } from './repository';

export interface SendMemberConfirmationDeps extends DeliveryLedger {
  mailer: Mailer;
  publicUrl: string;
}

/**
 * - `sent` / `duplicate`: as `deliverOnce` says
 * - `superseded`: a newer request exists; its own event sends the one email
 * - `unknown`: no such member
 */
export type SendMemberConfirmationOutcome = 'sent' | 'duplicate' | 'superseded' | 'unknown';

/**
 * Emails a member the link their request calls for, once per request.
 *
 * @example
 * await sendMemberConfirmation({ ...table(), ...mailing() }, detail);
 */
export async function sendMemberConfirmation(
  deps: SendMemberConfirmationDeps,
  request: Pick<EventDetail<'MemberRequested'>, 'memberId' | 'requestedAt'>,
): Promise<SendMemberConfirmationOutcome> {
  const member = await getMember(deps, request.memberId);
  if (!member) return 'unknown';
  if (member.lastRequestedAt !== request.requestedAt) return 'superseded';
  if (member.status === 'pending') {
    const confirmUrl = await memberConfirmationLink(deps.publicUrl, member.id);
    return deliverOnce(deps, `member-confirmation/${member.id}/${request.requestedAt}`, () =>
      deps.mailer.send(memberConfirmationEmail(member, { confirmUrl })),
    );
  }
  const manageUrl = await memberManageLink(deps.publicUrl, member.id);
  return deliverOnce(deps, `member-manage-link/${member.id}/${request.requestedAt}`, () =>
    deps.mailer.send(memberManageLinkEmail(member, { manageUrl })),
  );
}
