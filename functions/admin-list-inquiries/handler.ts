import * as z from '../../shared/zod';
import { ULID_PATTERN } from '../../shared/text';
import { requireCoordinator } from '../../shared/http/auth';
import { parseWith } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { listInquiries } from '../../shared/inquiries/repository';
import { table } from '../../shared/runtime/table';

const querySchema = z.object({
  cityId: z.optional(
    z.pipe(
      z.string().check(z.regex(ULID_PATTERN, { error: 'must be a city id' })),
      z.transform((id: string) => id.toUpperCase()),
    ),
  ),
});

export const handler = httpHandler(async (event) => {
  requireCoordinator(event);
  const { cityId } = parseWith(querySchema, event.queryStringParameters ?? {});
  return json(200, { items: await listInquiries(table(), { cityId }) });
});
