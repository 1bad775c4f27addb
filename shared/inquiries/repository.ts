/**
 * Inquiries in the single table.
 *
 *   inquiry  pk INQUIRY#<id>  sk INQUIRY
 *            gsi2pk INQUIRIES#<city id>   gsi2sk <submittedAt>#<id>   (per city, newest first)
 *            gsi1pk INQUIRIES             gsi1sk <submittedAt>#<id>   (all, newest first)
 */
import { putIfAbsent } from '../data/conditional';
import { getItem } from '../data/get';
import { queryPage } from '../data/query';
import type { Table } from '../data/table';
import { storedInquirySchema, type Inquiry } from './schema';

export const inquiryKey = (id: string) => ({ pk: `INQUIRY#${id}`, sk: 'INQUIRY' });

/**
 * Writes a new inquiry with any extra attributes (its outbox). Never overwrites.
 *
 * @returns false when an inquiry with its id exists
 */
export function putNewInquiry(table: Table, inquiry: Inquiry, extra: Record<string, unknown> = {}): Promise<boolean> {
  const sortKey = `${inquiry.submittedAt}#${inquiry.id}`;
  return putIfAbsent(table, {
    ...inquiryKey(inquiry.id),
    ...inquiry,
    gsi2pk: `INQUIRIES#${inquiry.cityId}`,
    gsi2sk: sortKey,
    gsi1pk: 'INQUIRIES',
    gsi1sk: sortKey,
    ...extra,
  });
}

/**
 * Reads one inquiry, validated (strongly consistent).
 *
 * @example
 * const inquiry = await getInquiry(table, detail.inquiryId);
 */
export async function getInquiry(table: Table, id: string): Promise<Inquiry | undefined> {
  const item = await getItem(table, inquiryKey(id));
  return item ? storedInquirySchema.parse(item) : undefined;
}

/**
 * Inquiries newest first: about one city, or all of them.
 *
 * @example
 * const items = await listInquiries(table, { cityId });
 */
export async function listInquiries(table: Table, filter: { cityId?: string; limit?: number }): Promise<Inquiry[]> {
  const byCity = filter.cityId !== undefined;
  const page = await queryPage(table, {
    index: byCity ? 'gsi2' : 'gsi1',
    key: byCity ? 'gsi2pk = :pk' : 'gsi1pk = :pk',
    values: { ':pk': byCity ? `INQUIRIES#${filter.cityId}` : 'INQUIRIES' },
    forward: false,
    limit: filter.limit ?? 100,
  });
  return page.items.map((item) => storedInquirySchema.parse(item));
}
