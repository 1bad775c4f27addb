import { listingTokenCityId } from '../../shared/freshness/links';
import { confirmListingFormPage } from '../../shared/freshness/pages';
import { getCity } from '../../shared/cities/repository';
import { pageHandler } from '../../shared/http/page';
import { linkToken } from '../../shared/subscribers/links';
import { invalidLinkPage } from '../../shared/subscribers/pages';
import { table } from '../../shared/runtime/table';

// A GET never changes anything: mail scanners and link previews follow links. The page only
// shows a button that POSTs to the same address.
export const handler = pageHandler(async (event) => {
  const token = linkToken(event.queryStringParameters);
  const cityId = await listingTokenCityId(event.pathParameters?.id, token);
  if (!cityId) return invalidLinkPage();
  return confirmListingFormPage(token, await getCity(table(), cityId));
});
