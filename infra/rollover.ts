/**
 * `npm run rollover -- --month YYYY-MM`: runs a month's digest by hand. Puts the same
 * `MonthRolledOver` event the monthly schedule puts, on the local bus by default, or with
 * `--aws` on the deployed bus (credentials and region from the usual AWS environment).
 * Exits 0 once the bus accepted the event.
 */
import { parseArgs } from 'node:util';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import { EVENT_BUS_NAME } from '../shared/events/contracts';
import { eventBridgePublisher } from '../shared/events/publisher';
import { rollOver } from '../shared/digest/rollover';
import { monthSchema } from '../shared/digest/schema';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = 'Usage: npm run rollover -- --month YYYY-MM [--aws] [--bus NAME] [--endpoint URL]';

const argsSchema = z.object({
  month: monthSchema,
  aws: z.boolean().default(false),
  bus: z.string().min(1).default(process.env.EVENT_BUS_NAME ?? EVENT_BUS_NAME),
  endpoint: z.url().optional(),
});

let parsed: z.infer<typeof argsSchema>;
try {
  const { values } = parseArgs({
    options: { month: { type: 'string' }, aws: { type: 'boolean' }, bus: { type: 'string' }, endpoint: { type: 'string' } },
    strict: true,
  });
  const result = argsSchema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
    console.error(usage);
    process.exit(2);
  }
  parsed = result.data;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(usage);
  process.exit(2);
}

const endpoint = parsed.aws ? undefined : (parsed.endpoint ?? `http://127.0.0.1:${process.env.EVENTS_PORT ?? 8010}`);
const client = new EventBridgeClient(
  parsed.aws
    ? {}
    : // The local bus accepts any credentials; fixed ones keep this from ever using real ones.
      { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
);

try {
  await rollOver(eventBridgePublisher(client, { busName: parsed.bus }), parsed.month);
  console.log(`MonthRolledOver ${parsed.month} accepted by ${parsed.bus}${endpoint ? ` at ${endpoint}` : ' in AWS'}.`);
  client.destroy();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`The bus did not accept MonthRolledOver ${parsed.month}: ${message}`);
  if (!parsed.aws && /ECONNREFUSED|fetch failed/i.test(message)) console.error('Is `npm start` running? (or pass --endpoint / --aws)');
  client.destroy();
  process.exit(1);
}
