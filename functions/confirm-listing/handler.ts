import { confirmListing } from '../../shared/freshness/confirm';
import { listingTokenCityId } from '../../shared/freshness/links';
import { listingConfirmedPage } from '../../shared/freshness/pages';
import { pageHandler } from '../../shared/http/page';
import { linkToken } from '../../shared/subscribers/links';
import { invalidLinkPage } from '../../shared/subscribers/pages';
import { table } from '../../shared/runtime/table';

// The body is not read: the page's button sends an empty form, and the signed token in the URL
// is what authorizes the change.
export const handler = pageHandler(async (event) => {
  const cityId = await listingTokenCityId(event.pathParameters?.id, linkToken(event.queryStringParameters));
  if (!cityId) return invalidLinkPage();
  return listingConfirmedPage(await confirmListing(table(), cityId));
});
