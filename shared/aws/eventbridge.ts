/**
 * The EventBridge client, created once per container. Locally `AWS_ENDPOINT_URL_EVENTBRIDGE`
 * points it at the local bus.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

let client: EventBridgeClient | undefined;

export function eventBridgeClient(): EventBridgeClient {
  client ??= new EventBridgeClient({});
  return client;
}

export function resetEventBridgeClient(): void {
  client?.destroy();
  client = undefined;
}
