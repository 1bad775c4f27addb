/**
 * The SES v2 client, created once per container. Locally `AWS_ENDPOINT_URL_SESV2` points it at
 * aws-ses-v2-local.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';

let client: SESv2Client | undefined;

export function sesClient(): SESv2Client {
  client ??= new SESv2Client({});
  return client;
}

export function resetSesClient(): void {
  client?.destroy();
  client = undefined;
}
