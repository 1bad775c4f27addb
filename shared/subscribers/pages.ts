/**
 * The pages a subscriber reaches from a link: the result of confirming, the unsubscribe page
 * and its result. Plain words, as in the emails.
 */
import { escapeHtml } from '../email/html';
import { htmlPage, pageParagraphs } from '../http/page';
import type { HttpResult } from '../http/response';
import type { ConfirmOutcome } from './confirm';
import { maskEmail } from './identity';
import type { Subscriber } from './schema';

const HOW_TO_UNSUBSCRIBE = 'To stop at any time, use the unsubscribe link at the end of any newsletter.';

/**
 * The 400 page of a link whose token is missing, altered, forged or meant for another page.
 *
 * @example
 * if (!subscriberId) return invalidLinkPage();
 */
export function invalidLinkPage(): HttpResult {
  return htmlPage(400, {
    title: 'This link is not valid',
    body: pageParagraphs(
      'This link is incomplete or has been changed, so we cannot use it.',
      'Some email programs break long links. Please open the link directly from our email, or copy the whole link into your browser.',
      { note: 'Nothing was changed.' },
    ),
  });
}

/**
 * The page answering a confirmation link, by outcome.
 *
 * @example
 * return confirmationPage(await confirmSubscription(table(), subscriberId));
 */
export function confirmationPage(outcome: ConfirmOutcome): HttpResult {
  switch (outcome) {
    case 'confirmed':
    case 'already-active':
      return htmlPage(200, {
        title: 'You’re subscribed',
        body: pageParagraphs(
          'Thank you for confirming. You will receive the Cities Seeking Cities newsletter once a month.',
          'Each newsletter presents three communities outside the United States that are looking for a U.S. sister city.',
          { note: HOW_TO_UNSUBSCRIBE },
        ),
      });
    case 'expired':
      // 410: the link was real, but the choice made after it (unsubscribing) wins.
      return htmlPage(410, {
        title: 'This link can no longer be used',
        body: pageParagraphs(
          'You unsubscribed after we sent this link, so it does not subscribe you again.',
          'If you would like the newsletter again, please subscribe again. We will send you a new link.',
          { note: 'Nothing was changed.' },
        ),
      });
    case 'suppressed':
      return htmlPage(410, {
        title: 'We cannot send email to this address',
        body: pageParagraphs(
          'Emails to this address were returned or reported as unwanted, so we no longer send email to it.',
          { note: 'Nothing was changed.' },
        ),
      });
    case 'unknown':
      return htmlPage(404, {
        title: 'We could not find this subscription',
        body: pageParagraphs('Please subscribe again. We will send you a new link.', { note: 'Nothing was changed.' }),
      });
  }
}

/**
 * The page a confirmation link opens: the masked address and a button that POSTs. Opening it
 * changes nothing, because mail scanners (Safe Links, Proofpoint, Mimecast) open every link in
 * a message; only the press of the button subscribes. A link whose choice is already made
 * answers as the confirmation would, without a button.
 *
 * @example
 * return confirmFormPage(token, await getSubscriber(table(), subscriberId));
 */
export function confirmFormPage(token: string, subscriber: Subscriber | undefined): HttpResult {
  if (!subscriber) return confirmationPage('unknown');
  if (subscriber.status === 'active') return confirmationPage('already-active');
  if (subscriber.status === 'unsubscribed') return confirmationPage('expired');
  if (subscriber.status === 'suppressed') return confirmationPage('suppressed');
  const action = `/api/subscriptions/confirm?token=${encodeURIComponent(token)}`;
  return htmlPage(200, {
    title: 'Confirm your subscription',
    body:
      `<p>Do you want to receive the Cities Seeking Cities newsletter, once a month, at <strong>${escapeHtml(maskEmail(subscriber.email))}</strong>?</p>\n` +
      `<p>To confirm, press the button below.</p>\n` +
      `<form method="post" action="${escapeHtml(action)}">\n` +
      `<button type="submit" class="primary">Confirm my subscription</button>\n` +
      `</form>\n` +
      pageParagraphs({ note: 'If you did not ask for the newsletter, just close this page. Nothing happens until you press the button.' }),
  });
}

/**
 * The unsubscribe page: the masked address and a button that POSTs. Opening it changes
 * nothing, because mail scanners and link previews open links too.
 *
 * @example
 * return unsubscribeFormPage(token, await getSubscriber(table(), subscriberId));
 */
export function unsubscribeFormPage(token: string, subscriber: Subscriber | undefined): HttpResult {
  if (!subscriber) {
    return htmlPage(404, {
      title: 'We could not find this subscription',
      body: pageParagraphs('There is nothing to unsubscribe: we do not send the newsletter to this subscription.'),
    });
  }
  const address = maskEmail(subscriber.email);
  if (subscriber.status === 'unsubscribed' || subscriber.status === 'suppressed') {
    return htmlPage(200, {
      title: 'You are not subscribed',
      body: pageParagraphs(`We do not send the newsletter to ${address}. There is nothing more to do.`),
    });
  }
  // The hidden field makes the button's POST the same as a mail provider's one-click POST.
  const action = `/api/unsubscribe?token=${encodeURIComponent(token)}`;
  return htmlPage(200, {
    title: 'Unsubscribe from the newsletter',
    body:
      `<p>Do you want to stop receiving the Cities Seeking Cities newsletter at <strong>${escapeHtml(address)}</strong>?</p>\n` +
      `<p>To unsubscribe, press the button below.</p>\n` +
      `<form method="post" action="${escapeHtml(action)}">\n` +
      `<input type="hidden" name="List-Unsubscribe" value="One-Click">\n` +
      `<button type="submit" class="primary">Unsubscribe</button>\n` +
      `</form>\n` +
      pageParagraphs({ note: 'If you opened this page by mistake, just close it. Nothing changes until you press the button.' }),
  });
}

/**
 * The page after the unsubscribe button (or a repeat of it).
 *
 * @example
 * return unsubscribedPage();
 */
export function unsubscribedPage(): HttpResult {
  return htmlPage(200, {
    title: 'You have been unsubscribed',
    body:
      pageParagraphs('We will not send you the Cities Seeking Cities newsletter anymore.') +
      '\n<p class="note">Changed your mind? You can <a href="/">subscribe again on our website</a>.</p>',
  });
}
