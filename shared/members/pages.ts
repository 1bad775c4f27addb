/**
 * The page a member reaches from the confirmation email: the result, and the links to their
 * profile and suggestions (the signed manage link, to keep).
 */
import { escapeHtml } from '../email/html';
import { htmlPage, pageParagraphs } from '../http/page';
import type { HttpResult } from '../http/response';
import type { MemberConfirmOutcome } from './confirm';
import type { Member } from './schema';
import { maskEmail } from '../subscribers/identity';

/**
 * The page answering a member confirmation link, by outcome.
 *
 * @example
 * return memberConfirmationPage(outcome, { manageUrl, suggestionsUrl });
 */
export function memberConfirmationPage(outcome: MemberConfirmOutcome, links: { manageUrl: string; suggestionsUrl: string }): HttpResult {
  if (outcome === 'unknown') {
    return htmlPage(404, {
      title: 'We could not find this profile',
      body: pageParagraphs('Please ask for a member profile again. We will send you a new link.', { note: 'Nothing was changed.' }),
    });
  }
  return htmlPage(200, {
    title: outcome === 'confirmed' ? 'Your member profile is ready' : 'Your member profile is already confirmed',
    body:
      pageParagraphs('Thank you for confirming. We will suggest communities outside the United States that fit your profile, and tell you why each one fits.') +
      `\n<p><a href="${escapeHtml(links.suggestionsUrl)}">See your suggestions</a></p>` +
      `\n<p><a href="${escapeHtml(links.manageUrl)}">See or change your profile</a></p>\n` +
      pageParagraphs({ note: 'Keep this link private: anyone who has it can see and change your profile. Our emails to you include it too.' }),
  });
}

/**
 * The page a member's confirmation link opens: a button that POSTs. Opening it changes nothing
 * (mail scanners open every link); an already active profile answers as the confirmation would.
 *
 * @example
 * return memberConfirmFormPage(token, await getMember(table(), memberId), links);
 */
export function memberConfirmFormPage(token: string, member: Member | undefined, links: { manageUrl: string; suggestionsUrl: string }): HttpResult {
  if (!member) return memberConfirmationPage('unknown', links);
  if (member.status === 'active') return memberConfirmationPage('already-active', links);
  const action = `/api/members/confirm?token=${encodeURIComponent(token)}`;
  return htmlPage(200, {
    title: 'Confirm your member profile',
    body:
      `<p>Do you want to activate the member profile of <strong>${escapeHtml(member.name)}</strong> for <strong>${escapeHtml(maskEmail(member.email))}</strong>?</p>\n` +
      `<p>To confirm, press the button below.</p>\n` +
      `<form method="post" action="${escapeHtml(action)}">\n` +
      `<button type="submit" class="primary">Confirm my profile</button>\n` +
      `</form>\n` +
      pageParagraphs({ note: 'If you did not ask for a profile, just close this page. Nothing happens until you press the button.' }),
  });
}
