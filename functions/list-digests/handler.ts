import { listDigests } from '../../shared/digest/repository';
import { httpHandler, json } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async () => {
  const digests = await listDigests(table());
  return json(200, {
    items: digests.map((digest) => ({
      month: digest.month,
      featured: digest.featured.map(({ id, name, country }) => ({ id, name, country })),
    })),
  });
});
