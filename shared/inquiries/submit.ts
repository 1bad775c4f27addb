/**
 * Submitting an inquiry: the rules of `POST /api/cities/{id}/inquiries`.
 */
import { createHash } from 'node:crypto';
import { getCity } from '../cities/repository';
import type { Table } from '../data/table';
import { NotFoundError } from '../errors';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import type { EventPublisher } from '../events/publisher';
import { recordMetric } from '../metrics';
import { getInquiry, inquiryKey, putNewInquiry } from './repository';
import type { Inquiry, InquiryInput } from './schema';

export interface SubmitInquiryDeps extends Table {
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
  const city = await getCity(deps, cityId, false);
  if (!city || city.status !== 'approved') throw new NotFoundError(`No public city has the id ${cityId}.`);
  const now = (deps.now ?? (() => new Date()))();
  const id = inquiryId(city.id, input);
  const inquiry: Inquiry = { id, cityId: city.id, cityName: city.name, ...input, submittedAt: now.toISOString() };
  const outbox = outboxAttributes([{ detailType: 'InquirySubmitted', detail: { inquiryId: id } }], now);
  if (!(await putNewInquiry(deps, inquiry, outbox))) {
    // The same inquiry again: the first one stands (its outbox still guarantees its emails).
    const existing = await getInquiry(deps, id);
    if (existing) return existing;
    throw new Error(`Inquiry ${id} exists but could not be read`);
  }
  await publishFromOutbox(deps, inquiryKey(id), outbox);
  recordMetric('InquirySubmitted');
  return inquiry;
}
