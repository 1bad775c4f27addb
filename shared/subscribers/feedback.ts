/**
 * SES feedback: bounces and complaints, as SES event publishing delivers them through
 * EventBridge (source `aws.ses`, detail-type `Email Bounced` / `Email Complaint Received`).
 * These are AWS's events, not our contracts, so they are parsed here and tolerantly: unknown
 * fields are ignored, and event types we do not act on are logged and skipped.
 *
 * A permanent bounce or any complaint puts every recipient on the suppression list and marks
 * a matching subscriber `suppressed`. A transient or undetermined bounce changes nothing: the
 * mailbox may be full today and fine tomorrow, and SES retries those itself.
 */
import * as z from '../zod';
import type { Table } from '../data/table';
import { suppressAddress, type SuppressionReason } from '../email/suppression-list';
import { logger } from '../logger';
import { subscriberIdOf } from './identity';
import { markSuppressed } from './repository';
import { recordMetric } from '../metrics';

const envelopeSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    source: z.literal('aws.ses'),
    'detail-type': z.string(),
    time: z.optional(z.string()),
    detail: z.record(z.string(), z.unknown()),
  }))();

const recipientsSchema = /* @__PURE__ */ (() => z._default(z.array(z.object({ emailAddress: z.string() })), []))();

const detailSchema = /* @__PURE__ */ (() =>
  z.pipe(
    // SES's SNS notifications name the type `notificationType`; event publishing, `eventType`.
    z.transform((detail: unknown) =>
      detail && typeof detail === 'object' && !('eventType' in detail) && 'notificationType' in detail
        ? { ...detail, eventType: (detail as { notificationType: unknown }).notificationType }
        : detail,
    ),
    z.discriminatedUnion('eventType', [
      z.object({
        eventType: z.literal('Bounce'),
        bounce: z.object({ bounceType: z.string(), bouncedRecipients: recipientsSchema, timestamp: z.optional(z.string()) }),
      }),
      z.object({
        eventType: z.literal('Complaint'),
        complaint: z.object({ complainedRecipients: recipientsSchema, timestamp: z.optional(z.string()) }),
      }),
    ]),
  ))();

/** One SES feedback event, reduced to what suppression needs. */
export interface SesFeedback {
  eventId: string;
  /** `ignored` for transient/undetermined bounces and for other SES event types. */
  action: { suppress: SuppressionReason } | { ignored: string };
  /** Lower-cased recipient addresses. */
  recipients: string[];
  /** When SES saw the bounce or complaint (else when EventBridge did). */
  at: string;
}

const addressSchema = /* @__PURE__ */ (() => z.email())();

/** `"Dana" <dana@example.org>` or `dana@example.org` → `dana@example.org`; undefined if not an address. */
function addressOf(emailAddress: string): string | undefined {
  const bare = (/<([^<>]+)>\s*$/.exec(emailAddress)?.[1] ?? emailAddress).trim().toLowerCase();
  return addressSchema.safeParse(bare).success ? bare : undefined;
}

function isoTime(time: string | undefined): string | undefined {
  return time !== undefined && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString() : undefined;
}

function recipientsOf(list: Array<{ emailAddress: string }>): string[] {
  return [...new Set(list.flatMap(({ emailAddress }) => addressOf(emailAddress) ?? []))];
}

/**
 * Parses the EventBridge envelope of an SES event.
 *
 * @throws ZodError when it is not an SES event at all (the invocation fails and dead-letters)
 * @example
 * const feedback = parseSesFeedback(event);
 */
export function parseSesFeedback(event: unknown): SesFeedback {
  const envelope = envelopeSchema.parse(event);
  const at = (time?: string) => isoTime(time) ?? isoTime(envelope.time) ?? new Date().toISOString();
  const parsed = detailSchema.safeParse(envelope.detail);
  if (!parsed.success) {
    const type = typeof envelope.detail.eventType === 'string' ? envelope.detail.eventType : envelope['detail-type'];
    return { eventId: envelope.id, action: { ignored: `SES event ${type}` }, recipients: [], at: at() };
  }
  const detail = parsed.data;
  if (detail.eventType === 'Complaint') {
    return {
      eventId: envelope.id,
      action: { suppress: 'complaint' },
      recipients: recipientsOf(detail.complaint.complainedRecipients),
      at: at(detail.complaint.timestamp),
    };
  }
  const permanent = detail.bounce.bounceType === 'Permanent';
  return {
    eventId: envelope.id,
    action: permanent ? { suppress: 'permanent-bounce' } : { ignored: `${detail.bounce.bounceType} bounce` },
    recipients: recipientsOf(detail.bounce.bouncedRecipients),
    at: at(detail.bounce.timestamp),
  };
}

/**
 * Suppresses the recipients of a permanent bounce or complaint; idempotent, so a redelivered
 * event changes nothing more.
 *
 * @returns how many addresses were newly suppressed, or why nothing was done
 * @example
 * await applySesFeedback(table(), parseSesFeedback(event));
 */
export async function applySesFeedback(table: Table, feedback: SesFeedback): Promise<{ suppressed: number } | { ignored: string }> {
  if ('ignored' in feedback.action) {
    logger.info('SES feedback needs no suppression', { reason: feedback.action.ignored, subscriberIds: feedback.recipients.map(subscriberIdOf) });
    return { ignored: feedback.action.ignored };
  }
  let suppressed = 0;
  for (const email of feedback.recipients) {
    // The list first: even if marking the subscriber fails and the event is retried, the
    // address is already never mailed again.
    if (await suppressAddress(table, email, feedback.action.suppress, feedback.at)) suppressed += 1;
    await markSuppressed(table, subscriberIdOf(email), feedback.at);
  }
  logger.info('addresses suppressed', { reason: feedback.action.suppress, subscriberIds: feedback.recipients.map(subscriberIdOf) });
  recordMetric(feedback.action.suppress === 'complaint' ? 'EmailComplained' : 'EmailBounced', feedback.recipients.length);
  return { suppressed };
}
