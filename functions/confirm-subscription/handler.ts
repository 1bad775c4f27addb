import { table } from '../../shared/data/table';
import { pageHandler } from '../../shared/http/page';
import { confirmSubscription } from '../../shared/subscribers/confirm';
import { linkToken } from '../../shared/subscribers/links';
import { confirmationPage, invalidLinkPage } from '../../shared/subscribers/pages';
import { verifyToken } from '../../shared/tokens';

export const handler = pageHandler(async (event) => {
  const subscriberId = await verifyToken('confirm', linkToken(event.queryStringParameters));
  if (!subscriberId) return invalidLinkPage();
  return confirmationPage(await confirmSubscription(table(), subscriberId));
});
