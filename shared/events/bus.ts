/**
 * The configured bus publisher, for a handler to pass to the domain.
 */
import { eventBridgeClient } from '../aws/eventbridge';
import { config } from '../config';
import { eventBridgePublisher, type EventPublisher } from './publisher';

let publisher: EventPublisher | undefined;

/**
 * @example
 * await registerCity({ ...table(), publisher: busPublisher() }, registration);
 */
export function busPublisher(): EventPublisher {
  publisher ??= eventBridgePublisher(eventBridgeClient(), { busName: config().EVENT_BUS_NAME });
  return publisher;
}

/** Forgets the publisher (the local stack and tests change endpoints between runs). */
export function resetBusPublisher(): void {
  publisher = undefined;
}
