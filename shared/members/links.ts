/**
 * The links in member emails and pages. Each carries a signed token (`shared/tokens.ts`) for
 * the member id, with purposes of their own: a subscriber's token never works here.
 */
import { signToken } from '../tokens';

/**
 * The double opt-in link of a member.
 *
 * @example
 * const confirmUrl = await memberConfirmationLink(publicUrl(), member.id);
 */
export async function memberConfirmationLink(publicUrl: string, memberId: string): Promise<string> {
  return `${publicUrl}/api/members/confirm?token=${encodeURIComponent(await signToken('member-confirm', memberId))}`;
}

/**
 * The link to a member's profile (`GET`/`PUT`); its suggestions are at `/suggestions` with the
 * same token. Shown on the confirmation page and in every later email to the member.
 *
 * @example
 * const manageUrl = await memberManageLink(publicUrl(), member.id);
 */
export async function memberManageLink(publicUrl: string, memberId: string): Promise<string> {
  return `${publicUrl}/api/members/${memberId}?token=${encodeURIComponent(await signToken('member-manage', memberId))}`;
}

/**
 * The link to a member's suggestions (same token as the manage link).
 *
 * @example
 * const suggestionsUrl = await memberSuggestionsLink(publicUrl(), member.id);
 */
export async function memberSuggestionsLink(publicUrl: string, memberId: string): Promise<string> {
  return `${publicUrl}/api/members/${memberId}/suggestions?token=${encodeURIComponent(await signToken('member-manage', memberId))}`;
}
