/**
 * The common shape of an EventBridge-triggered handler: parse the envelope against the
 * contract, tag the logs with the correlation id, run the domain. Any error is rethrown so
 * that Lambda (or the local bus) retries and finally dead-letters the event.
 */
import { parseEvent, type DetailType, type EventDetail } from './contracts';
import { logger } from '../logger';

/**
 * @example
 * export const handler = eventHandler('CityRegistered', (detail) => notifyCityRegistered(deps(), detail.cityId));
 */
export function eventHandler<T extends DetailType>(
  detailType: T,
  consume: (detail: EventDetail<T>, eventId: string) => Promise<unknown>,
): (event: unknown) => Promise<void> {
  return async (event) => {
    const { id, detail } = parseEvent(detailType, event);
    logger.resetKeys();
    logger.appendKeys({ eventId: id, detailType, correlationId: (detail as { correlationId?: string }).correlationId });
    try {
      const outcome = await consume(detail, id);
      logger.info('event consumed', { outcome });
    } catch (error) {
      logger.error('event failed; it will be retried', { error: String(error) });
      throw error;
    } finally {
      // Containers are reused (and locally every handler shares one process): no key may leak.
      logger.resetKeys();
    }
  };
}
