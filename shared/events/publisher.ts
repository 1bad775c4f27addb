/**
 * Putting domain events on the bus. EventBridge can answer 200 and still refuse some entries
 * (`FailedEntryCount > 0`): only those entries are sent again, with backoff, and if any is
 * still refused the call throws, so the caller's outbox keeps the events for the sweep.
 */
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type DomainEvent } from './contracts';
import { logger } from '../logger';

/** Port: anything that can put domain events on the program's bus. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}

/** Some events were still refused after every retry. */
export class EventPublishError extends Error {
  override readonly name = 'EventPublishError';
  constructor(readonly failures: Array<{ detailType: string; errorCode?: string; errorMessage?: string }>) {
    super(`EventBridge refused ${failures.length} event(s): ${failures.map((f) => f.errorCode ?? 'unknown').join(', ')}`);
  }
}

/** EventBridge's limit of entries per PutEvents call. */
const MAX_ENTRIES_PER_CALL = 10;

export interface EventBridgePublisherOptions {
  busName: string;
  /** Tries per entry, counting the first. */
  attempts?: number;
  baseDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A publisher backed by EventBridge `PutEvents`.
 *
 * @example
 * const publisher = eventBridgePublisher(eventBridgeClient(), { busName: busName() });
 * await publisher.publish([{ detailType: 'CityRegistered', detail: { cityId } }]);
 */
export function eventBridgePublisher(client: EventBridgeClient, options: EventBridgePublisherOptions): EventPublisher {
  const attempts = options.attempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 100;
  const toEntry = (event: DomainEvent): PutEventsRequestEntry => {
    // Carry the current correlation id on, unless the event already names one.
    const correlationId = logger.correlationId();
    const detail = correlationId && !event.detail.correlationId ? { ...event.detail, correlationId } : event.detail;
    return { EventBusName: options.busName, Source: EVENT_SOURCE, DetailType: event.detailType, Detail: JSON.stringify(detail) };
  };

  async function publishChunk(chunk: readonly DomainEvent[]): Promise<void> {
    let pending = [...chunk];
    let failures: EventPublishError['failures'] = [];
    for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2) * (0.5 + Math.random()));
      const result = await client.send(new PutEventsCommand({ Entries: pending.map(toEntry) }));
      if (!result.FailedEntryCount) return;
      // Entries answer in request order; an entry with an ErrorCode was not accepted.
      const entries = result.Entries ?? [];
      failures = [];
      pending = pending.filter((event, index) => {
        const entry = entries[index];
        const failed = !entry?.EventId;
        if (failed) failures.push({ detailType: event.detailType, errorCode: entry?.ErrorCode, errorMessage: entry?.ErrorMessage });
        return failed;
      });
    }
    if (pending.length > 0) throw new EventPublishError(failures);
  }

  return {
    async publish(events) {
      for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_CALL) {
        await publishChunk(events.slice(start, start + MAX_ENTRIES_PER_CALL));
      }
    },
  };
}
