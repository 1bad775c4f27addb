import { managedListing, toListingView } from '../../shared/cities/listing';
import { authorizedListingCityId } from '../../shared/cities/listing-links';
import { httpHandler, json } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => json(200, toListingView(await managedListing(table(), await authorizedListingCityId(event)))));
