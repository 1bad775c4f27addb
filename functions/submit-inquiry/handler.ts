import { assertCityId } from '../../shared/cities/review';
import { table } from '../../shared/data/table';
import { busPublisher } from '../../shared/events/bus';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { inquirySchema } from '../../shared/inquiries/schema';
import { submitInquiry } from '../../shared/inquiries/submit';

export const handler = httpHandler(async (event) => {
  const cityId = assertCityId(event.pathParameters?.id);
  const input = parseJsonBody(event, inquirySchema);
  const inquiry = await submitInquiry({ ...table(), publisher: busPublisher() }, cityId, input);
  return json(202, { id: inquiry.id });
});
