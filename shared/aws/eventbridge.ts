/**
 * The EventBridge client, created once per process (shared/runtime/container.ts). Locally
 * `AWS_ENDPOINT_URL_EVENTBRIDGE` points it at the local bus.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { perProcess } from '../runtime/container';

export const eventBridgeClient = /* @__PURE__ */ perProcess(() => new EventBridgeClient({}), (client) => client.destroy());
