/**
 * Member emails: the double opt-in link of a new profile, and the manage link for someone who
 * asks again while their profile is active. Short, plain sentences, as in the subscription
 * email; doing nothing is always a safe "no".
 */
import { emailLayout, escapeHtml } from '../html';
import type { EmailMessage } from '../message';

const BUTTON = 'display:inline-block;background:#12466e;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold';

function linkBlock(url: string, label: string): string {
  const escaped = escapeHtml(url);
  return (
    `<p style="margin:0 0 16px"><a href="${escaped}" style="${BUTTON}">${escapeHtml(label)}</a></p>` +
    `<p style="margin:0 0 16px;font-size:13px;color:#555">If the button does not work, copy this link into your browser:<br><a href="${escaped}" style="color:#12466e;word-break:break-all">${escaped}</a></p>`
  );
}

/**
 * The confirmation email of a member profile request.
 *
 * @example
 * await mailer.send(memberConfirmationEmail(member, { confirmUrl }));
 */
export function memberConfirmationEmail(member: { email: string; name: string }, options: { confirmUrl: string }): EmailMessage {
  const greeting = 'Hello,';
  const intro = `Someone asked to create a Cities Seeking Cities member profile for ${member.name} at this email address. We hope it was you.`;
  const what = 'With a profile, we suggest communities outside the United States that fit your interests, and tell you why each one fits.';
  const ignore = 'If you did not ask for this, you do not need to do anything. If you do not confirm, no profile is created and we will not write to you again.';
  const text = [greeting, '', intro, '', 'To confirm your profile, open this link:', options.confirmUrl, '', what, '', ignore, '', 'Cities Seeking Cities'].join('\n');
  const html = emailLayout({
    title: 'Please confirm your member profile',
    bodyHtml:
      `<p style="margin:0 0 12px">${escapeHtml(greeting)}</p>` +
      `<p style="margin:0 0 16px">${escapeHtml(intro)}</p>` +
      linkBlock(options.confirmUrl, 'Yes, create my profile') +
      `<p style="margin:0 0 12px">${escapeHtml(what)}</p>` +
      `<p style="margin:0">${escapeHtml(ignore)}</p>`,
  });
  return { to: [member.email], subject: 'Please confirm your Cities Seeking Cities member profile', text, html };
}

/**
 * The email to an active member who asked for a profile again: the link to their profile.
 * Their profile was not changed by the request (anyone can send the form).
 *
 * @example
 * await mailer.send(memberManageLinkEmail(member, { manageUrl }));
 */
export function memberManageLinkEmail(member: { email: string; name: string }, options: { manageUrl: string }): EmailMessage {
  const greeting = 'Hello,';
  const intro = `Someone asked for a member profile for this email address. You already have one, for ${member.name}, so nothing was changed.`;
  const how = 'To see or change your profile and your suggestions, open this link:';
  const ignore = 'If you did not ask for this, you do not need to do anything.';
  const text = [greeting, '', intro, '', how, options.manageUrl, '', ignore, '', 'Cities Seeking Cities'].join('\n');
  const html = emailLayout({
    title: 'Your member profile',
    bodyHtml:
      `<p style="margin:0 0 12px">${escapeHtml(greeting)}</p>` +
      `<p style="margin:0 0 16px">${escapeHtml(intro)}</p>` +
      `<p style="margin:0 0 12px">${escapeHtml(how)}</p>` +
      linkBlock(options.manageUrl, 'See my profile') +
      `<p style="margin:0">${escapeHtml(ignore)}</p>`,
  });
  return { to: [member.email], subject: 'Your Cities Seeking Cities member profile', text, html };
}
