import { updateListing } from '../../shared/cities/listing';
import { authorizedListingCityId } from '../../shared/cities/listing-links';
import { listingUpdateSchema } from '../../shared/cities/schema';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  // The link first: a forged one is refused before its body is even read.
  const cityId = await authorizedListingCityId(event);
  const update = parseJsonBody(event, listingUpdateSchema);
  const { view, changed } = await updateListing({ ...table(), publisher: busPublisher() }, cityId, update);
  return json(200, { ...view, changed });
});
