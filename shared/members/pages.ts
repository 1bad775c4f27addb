/**
 * The page a member reaches from the confirmation email: the result, and the links to their
 * profile and suggestions (the signed manage link, to keep).
 */
import { escapeHtml } from '../email/html';
import { htmlPage, pageParagraphs } from '../http/page';
import type { HttpResult } from '../http/response';
import type { MemberConfirmOutcome } from './confirm';

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
