/**
 * The configured bus publisher, for a handler to pass to the domain; one per container.
 */
import { eventBridgeClient } from '../aws/eventbridge';
import { busName } from '../config';
import { eventBridgePublisher } from '../events/publisher';
import { perContainer } from './container';

/**
 * @example
 * await registerCity({ ...table(), publisher: busPublisher() }, registration);
 */
export const busPublisher = /* @__PURE__ */ perContainer(() =>
  eventBridgePublisher(eventBridgeClient(), { busName: busName() }),
);
