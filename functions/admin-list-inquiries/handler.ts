import { z } from 'zod';
import { table } from '../../shared/data/table';
import { requireCoordinator } from '../../shared/http/auth';
import { parseWith } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { listInquiries } from '../../shared/inquiries/submit';

const querySchema = z.object({
  cityId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/i, { message: 'must be a city id' }).transform((id) => id.toUpperCase()).optional(),
});

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const { cityId } = parseWith(querySchema, event.queryStringParameters ?? {});
  return json(200, { items: await listInquiries(table(), { cityId }) });
});
