import { pageHandler } from '../../shared/http/page';
import { confirmSubscription } from '../../shared/subscribers/confirm';
import { linkToken } from '../../shared/subscribers/links';
import { confirmationPage, invalidLinkPage } from '../../shared/subscribers/pages';
import { verifyToken } from '../../shared/tokens';
import { table } from '../../shared/runtime/table';

// The confirmation page's button. The body is not read: the signed token in the URL is what
// authorizes the change.
export const handler = pageHandler(async (event) => {
  const subscriberId = await verifyToken('confirm', linkToken(event.queryStringParameters));
  if (!subscriberId) return invalidLinkPage();
  return confirmationPage(await confirmSubscription(table(), subscriberId));
});
