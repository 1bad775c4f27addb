import { reportPartnerFound } from '../../shared/cities/listing';
import { authorizedListingCityId } from '../../shared/cities/listing-links';
import { partnerFoundSchema } from '../../shared/cities/schema';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const cityId = await authorizedListingCityId(event);
  // The partner's name is optional, and so is a body that would only carry it.
  const { partner } = event.body ? parseJsonBody(event, partnerFoundSchema) : {};
  const { view, outcome } = await reportPartnerFound({ ...table(), publisher: busPublisher() }, cityId, partner);
  return json(200, { ...view, outcome });
});
