import { pageHandler } from '../../shared/http/page';
import { linkToken } from '../../shared/subscribers/links';
import { confirmFormPage, invalidLinkPage } from '../../shared/subscribers/pages';
import { getSubscriber } from '../../shared/subscribers/repository';
import { verifyToken } from '../../shared/tokens';
import { table } from '../../shared/runtime/table';

// A GET never changes anything: mail scanners open every link in a message, so the emailed
// link opens a page whose button POSTs to the same address.
export const handler = pageHandler(async (event) => {
  const token = linkToken(event.queryStringParameters);
  const subscriberId = await verifyToken('confirm', token);
  if (!subscriberId) return invalidLinkPage();
  return confirmFormPage(token, await getSubscriber(table(), subscriberId, false));
});
