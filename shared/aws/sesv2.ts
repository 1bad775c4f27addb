/**
 * The SES v2 client, created once per process (shared/runtime/container.ts). Locally
 * `AWS_ENDPOINT_URL_SESV2` points it at aws-ses-v2-local.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { perProcess } from '../runtime/container';

export const sesClient = /* @__PURE__ */ perProcess(() => new SESv2Client({}), (client) => client.destroy());
