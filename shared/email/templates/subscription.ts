/**
 * The double opt-in email. Written in short, plain sentences: many readers use English as a
 * second language, and the email must say clearly what they will get and that doing nothing
 * is a safe "no".
 */
import { emailLayout, escapeHtml } from '../html';
import type { EmailMessage } from '../message';

/**
 * The confirmation email for a subscription request.
 *
 * @example
 * await mailer.send(subscriptionConfirmationEmail(subscriber, { confirmUrl }));
 */
export function subscriptionConfirmationEmail(
  subscriber: { email: string; name?: string },
  options: { confirmUrl: string },
): EmailMessage {
  const greeting = subscriber.name ? `Hello ${subscriber.name},` : 'Hello,';
  const intro = 'Someone asked to receive the Cities Seeking Cities newsletter at this email address. We hope it was you.';
  const what = 'Each month we send one email. It presents three communities outside the United States that are looking for a U.S. sister city.';
  const ignore = 'If you did not ask for this, you do not need to do anything. If you do not confirm, you will not be subscribed and we will not write to you again.';
  const leave = 'You can unsubscribe at any time with the link at the end of every newsletter.';
  const text = [
    greeting,
    '',
    intro,
    '',
    'To confirm your subscription, open this link:',
    options.confirmUrl,
    '',
    what,
    '',
    ignore,
    '',
    leave,
    '',
    'Cities Seeking Cities',
  ].join('\n');
  const url = escapeHtml(options.confirmUrl);
  const html = emailLayout({
    title: 'Please confirm your subscription',
    bodyHtml:
      `<p style="margin:0 0 12px">${escapeHtml(greeting)}</p>` +
      `<p style="margin:0 0 16px">${escapeHtml(intro)}</p>` +
      `<p style="margin:0 0 16px"><a href="${url}" style="display:inline-block;background:#12466e;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold">Yes, subscribe me</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555">If the button does not work, copy this link into your browser:<br><a href="${url}" style="color:#12466e;word-break:break-all">${url}</a></p>` +
      `<p style="margin:0 0 12px">${escapeHtml(what)}</p>` +
      `<p style="margin:0 0 12px">${escapeHtml(ignore)}</p>` +
      `<p style="margin:0">${escapeHtml(leave)}</p>`,
  });
  return {
    to: [subscriber.email],
    subject: 'Please confirm your subscription to Cities Seeking Cities',
    text,
    html,
  };
}
