import { searchDirectory, searchQuerySchema } from '../../shared/cities/search';
import { parseWith } from '../../shared/http/request';
import { httpHandler, json } from '../../shared/http/response';
import { table } from '../../shared/runtime/table';

export const handler = httpHandler(async (event) => {
  const query = parseWith(searchQuerySchema, event.queryStringParameters ?? {});
  const { items, nextCursor } = await searchDirectory(table(), query);
  return json(200, { items, nextCursor });
});
