/**
 * Submitting and listing inquiries.
 *
 *   inquiry  pk INQUIRY#<id>  sk INQUIRY
 *            gsi2pk INQUIRIES#<city id>   gsi2sk <submittedAt>#<id>   (per city, newest first)
 *            gsi1pk INQUIRIES             gsi1sk <submittedAt>#<id>   (all, newest first)
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import type { EventPublisher } from '../events/publisher';
import { NotFoundError } from '../errors';
import { isConditionFailed } from '../data/conditional';
import { getCity, type CityTable } from '../cities/repository';
import { storedInquirySchema, type Inquiry, type InquiryInput } from './schema';
import { recordMetric } from '../metrics';

export const inquiryKey = (id: string) => ({ pk: `INQUIRY#${id}`, sk: 'INQUIRY' });

export interface SubmitInquiryDeps extends CityTable {
  publisher: EventPublisher;
  now?: () => Date;
}

/**
 * The id of an inquiry is derived from who asks about which city and what they wrote, so a
 * double-clicked form or a client retry stores one inquiry and mails the coordinator once.
 */
export function inquiryId(cityId: string, input: Pick<InquiryInput, 'email' | 'message'>): string {
  return createHash('sha256')
    .update(`${cityId}\n${input.email}\n${input.message.replace(/\s+/g, ' ')}`)
    .digest('base64url')
    .slice(0, 26);
}

/**
 * Stores an inquiry about a public city and announces `InquirySubmitted`.
 *
 * @throws NotFoundError when the city is not public
 * @example
 * const inquiry = await submitInquiry(deps, cityId, input);
 */
export async function submitInquiry(deps: SubmitInquiryDeps, cityId: string, input: InquiryInput): Promise<Inquiry> {
  const city = await getCity(deps, cityId);
  if (!city || city.status !== 'approved') throw new NotFoundError(`No public city has the id ${cityId}.`);
  const now = (deps.now ?? (() => new Date()))();
  const id = inquiryId(city.id, input);
  const inquiry: Inquiry = { id, cityId: city.id, cityName: city.name, ...input, submittedAt: now.toISOString() };
  const outbox = outboxAttributes([{ detailType: 'InquirySubmitted', detail: { inquiryId: id } }], now);
  const sortKey = `${inquiry.submittedAt}#${id}`;
  try {
    await deps.documents.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: { ...inquiryKey(id), ...inquiry, gsi2pk: `INQUIRIES#${city.id}`, gsi2sk: sortKey, gsi1pk: 'INQUIRIES', gsi1sk: sortKey, ...outbox },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    // The same inquiry again: the first one stands (its outbox still guarantees its emails).
    const existing = await deps.documents.send(new GetCommand({ TableName: deps.tableName, Key: inquiryKey(id), ConsistentRead: true }));
    return storedInquirySchema.parse(existing.Item);
  }
  await publishFromOutbox(deps, inquiryKey(id), outbox);
  recordMetric('InquirySubmitted');
  return inquiry;
}

/**
 * Reads one inquiry, validated.
 *
 * @example
 * const inquiry = await getInquiry(table, detail.inquiryId);
 */
export async function getInquiry(table: CityTable, id: string): Promise<Inquiry | undefined> {
  const result = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: inquiryKey(id), ConsistentRead: true }));
  return result.Item ? storedInquirySchema.parse(result.Item) : undefined;
}

/**
 * Inquiries newest first: about one city, or all of them.
 *
 * @example
 * const items = await listInquiries(table, { cityId });
 */
export async function listInquiries(table: CityTable, filter: { cityId?: string; limit?: number }): Promise<Inquiry[]> {
  const byCity = filter.cityId !== undefined;
  const result = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: byCity ? 'gsi2' : 'gsi1',
      KeyConditionExpression: byCity ? 'gsi2pk = :pk' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': byCity ? `INQUIRIES#${filter.cityId}` : 'INQUIRIES' },
      ScanIndexForward: false,
      Limit: filter.limit ?? 100,
    }),
  );
  return (result.Items ?? []).map((item) => storedInquirySchema.parse(item));
}
