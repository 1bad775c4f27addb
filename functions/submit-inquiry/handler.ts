import { assertCityId } from '../../shared/cities/review';
import { parseJsonBody } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { inquirySchema } from '../../shared/inquiries/schema';
import { submitInquiry } from '../../shared/inquiries/submit';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const cityId = assertCityId(event.pathParameters?.id);
  const input = parseJsonBody(event, inquirySchema);
  const inquiry = await submitInquiry({ ...table(), publisher: busPublisher() }, cityId, input);
  return json(202, { id: inquiry.id });
});
