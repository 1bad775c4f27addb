import { table } from '../../shared/data/table';
import { listDigests } from '../../shared/digest/repository';
import { httpHandler, json } from '../../shared/http/response';

export const handler = httpHandler(async () => {
  const digests = await listDigests(table());
  return json(200, {
    items: digests.map((digest) => ({
      month: digest.month,
      featured: digest.featured.map(({ id, name, country }) => ({ id, name, country })),
    })),
  });
});
