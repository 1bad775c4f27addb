import { INTERESTS } from '../../shared/cities/interests';
import { httpHandler, json } from '../../shared/http/response';

// The list is fixed, so clients and CDNs may keep it for an hour.
export const handler = httpHandler(async () => json(200, INTERESTS, { 'cache-control': 'public, max-age=3600' }));
