import { pageHandler } from '../../shared/http/page';
import { linkToken } from '../../shared/subscribers/links';
import { invalidLinkPage, unsubscribeFormPage } from '../../shared/subscribers/pages';
import { getSubscriber } from '../../shared/subscribers/repository';
import { verifyToken } from '../../shared/tokens';
import { table } from '../../shared/runtime/table';

// A GET never changes anything: mail scanners and link previews follow links. The page only
// shows a button that POSTs to the unsubscribe route.
export const handler = pageHandler(async (event) => {
  const token = linkToken(event.queryStringParameters);
  const subscriberId = await verifyToken('unsubscribe', token);
  if (!subscriberId) return invalidLinkPage();
  return unsubscribeFormPage(token, await getSubscriber(table(), subscriberId, false));
});
