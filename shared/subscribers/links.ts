/**
 * The links in subscription emails. Each carries a signed token (`shared/tokens.ts`) instead
 * of the address, so a link reveals nothing and cannot be made up for someone else.
 */
import * as z from '../zod';
import { signToken } from '../tokens';

/**
 * The double opt-in link of a subscriber.
 *
 * @example
 * const confirmUrl = await confirmationLink(publicUrl(), subscriber.id);
 */
export async function confirmationLink(publicUrl: string, subscriberId: string): Promise<string> {
  return `${publicUrl}/api/subscriptions/confirm?token=${encodeURIComponent(await signToken('confirm', subscriberId))}`;
}

/**
 * A subscriber's unsubscribe links: `page` for the footer link a person clicks (a page with a
 * button; opening it changes nothing), `oneClick` for the `List-Unsubscribe` header that mail
 * providers POST to (RFC 8058, with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`).
 *
 * @example
 * const { page, oneClick } = await unsubscribeLinks(publicUrl, subscriber.id);
 * headers['List-Unsubscribe'] = `<${oneClick}>`;
 * headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
 */
export async function unsubscribeLinks(publicUrl: string, subscriberId: string): Promise<{ page: string; oneClick: string }> {
  const token = encodeURIComponent(await signToken('unsubscribe', subscriberId));
  return { page: `${publicUrl}/unsubscribe?token=${token}`, oneClick: `${publicUrl}/api/unsubscribe?token=${token}` };
}

// A missing, repeated or odd `token` parameter is just an invalid link, never a 500. (A
// safeParse with a fallback rather than `z.catch`, which alone adds 10 KB of zod to a bundle.)
const linkQuerySchema = /* @__PURE__ */ (() => z.object({ token: z.string() }))();

/**
 * The token of a link's query string ('' when there is none).
 *
 * @example
 * const subscriberId = await verifyToken('confirm', linkToken(event.queryStringParameters));
 */
export function linkToken(query: unknown): string {
  const parsed = linkQuerySchema.safeParse(query ?? {});
  return parsed.success ? parsed.data.token : '';
}
