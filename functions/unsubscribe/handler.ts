import { pageHandler, prefersHtml } from '../../shared/http/page';
import { json } from '../../shared/http/response';
import { linkToken } from '../../shared/subscribers/links';
import { invalidLinkPage, unsubscribedPage } from '../../shared/subscribers/pages';
import { unsubscribe } from '../../shared/subscribers/unsubscribe';
import { verifyToken } from '../../shared/tokens';
import { table } from '../../shared/runtime/table';

// The body is deliberately not read: RFC 8058 one-click POSTs send `List-Unsubscribe=One-Click`
// as a form (urlencoded or multipart), the page's button sends the same, and some clients send
// nothing. The signed token in the URL is what authorizes the change.
export const handler = pageHandler(async (event) => {
  const page = prefersHtml(event);
  const subscriberId = await verifyToken('unsubscribe', linkToken(event.queryStringParameters));
  if (!subscriberId) {
    return page
      ? invalidLinkPage()
      : json(400, { error: 'InvalidToken', message: 'This unsubscribe link is not valid: it is incomplete or has been changed.' });
  }
  // Every outcome (unsubscribed now, before, suppressed, unknown) leaves the address unmailed,
  // which is what the caller asked for: each is a 200.
  await unsubscribe(table(), subscriberId);
  return page ? unsubscribedPage() : json(200, { status: 'unsubscribed' });
}, prefersHtml);
