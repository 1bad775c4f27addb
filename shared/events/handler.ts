/**
 * The common shape of an EventBridge-triggered handler: parse the envelope against the
 * contract, tag the logs with the event and correlation ids, run the domain. Any error is
 * rethrown so that Lambda (or the local bus) retries and finally dead-letters the event.
 */
import { detailSchema, parseEvent, type DetailType, type EventDetail } from './contracts';
import { logger } from '../logger';

/**
 * @example
 * export const handler = eventHandler('CityRegistered', (detail) => notifyCityRegistered(deps(), detail.cityId));
 */
export function eventHandler<T extends DetailType>(
  detailType: T,
  consume: (detail: EventDetail<T>, eventId: string) => Promise<unknown>,
): (event: unknown) => Promise<void> {
  // Built now, in the container's init, like every schema a function uses.
  detailSchema(detailType);
  return async (event) => {
    const { id, detail } = parseEvent(detailType, event);
    const correlationId = (detail as { correlationId?: string }).correlationId;
    await logger.withKeys({ eventId: id, detailType, correlationId }, async () => {
      try {
        const outcome = await consume(detail, id);
        logger.info('event consumed', { outcome });
      } catch (error) {
        logger.error('event failed; it will be retried', { error: String(error) });
        throw error;
      }
    });
  };
}
