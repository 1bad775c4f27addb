/**
 * `npm start`: the whole pipeline on this machine, offline, with no AWS account.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { documentClient } from '../../shared/aws/dynamodb';
import { config } from '../../shared/config';
import { startLocalStack } from './stack';
import { seedDemo } from './seed';
import { sitePages } from './pages';
import { DEFAULT_COORDINATOR_TOKEN } from './authorizer';
import { captureConsole, logFormatFor } from './log-format';

// The SDK warns that releases after January 2027 need Node 22; the lock file pins releases that
// run on Node 20, so the warning is noise here (Lambda runs Node 22).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const settingsSchema = z.object({
  PORT: port(3000),
  SES_PORT: port(8005),
  DYNAMODB_PORT: port(8000),
  EVENTS_PORT: port(8010),
  DATA_DIR: z.string().min(1).default('.data'),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  COORDINATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').default(DEFAULT_COORDINATOR_TOKEN),
  COORDINATOR_EMAIL: z.email().default('coordinator@example.org'),
  SENDER_EMAIL: z.email().default('cities@example.org'),
  PUBLIC_URL: z.url().optional(),
  MAILBOX_LIMIT: z.coerce.number().int().min(1).default(1000),
  // Unset: human lines in a terminal, JSON lines anywhere else.
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
});

const parsed = settingsSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`Invalid ${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const settings = parsed.data;

// From here every log line waits for the summary, so the summary is the first thing shown.
const terminal = process.stdout.isTTY === true;
const logFormat = logFormatFor(settings.LOG_FORMAT, terminal);
const logs = captureConsole(logFormat, { color: logFormat === 'pretty' && terminal && !process.env.NO_COLOR });

const stack = await startLocalStack({
  dataDir: settings.DATA_DIR,
  ports: { http: settings.PORT, ses: settings.SES_PORT, dynamodb: settings.DYNAMODB_PORT, events: settings.EVENTS_PORT },
  senderEmail: settings.SENDER_EMAIL,
  coordinatorEmail: settings.COORDINATOR_EMAIL,
  coordinatorToken: settings.COORDINATOR_TOKEN,
  publicUrl: settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`,
  schedules: true,
  // Like an EventBridge rule's retry policy, only shorter: about 8 minutes of backoff before a
  // dead letter, long enough to ride out a held delivery lease (60 s) or a slow restart.
  busRetry: { attempts: 9, baseDelayMs: 1000 },
  // Bounded memory however long it runs; every message is also an .eml file in the outbox.
  mailboxLimit: settings.MAILBOX_LIMIT,
  fallback: sitePages(`${settings.DATA_DIR}/site`),
  log: (line) => console.log(line),
}).catch((error: unknown) => {
  logs.release();
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Could not start the local stack: ${message}`);
  if (/EADDRINUSE/.test(message)) console.error('A port is taken: set PORT, SES_PORT, DYNAMODB_PORT or EVENTS_PORT.');
  process.exit(1);
});

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logs.release();
  console.log(`\n${signal}: stopping…`);
  await stack.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const seeded = settings.SEED_DEMO === '1' ? await seedDemo({ documents: documentClient(), tableName: config().TABLE_NAME }) : 0;

const deadLetters = await readFile(stack.deadLetterFile, 'utf8').then(
  (text) => text.split('\n').filter(Boolean).length,
  () => 0,
);

logs.print(`Cities Seeking Cities is running locally (data in ${stack.dataDir}).
  Site and API       ${stack.urls.api}   (health: ${stack.urls.api}/api/health)
  Mailbox (SES)      ${stack.urls.mailbox}
  Raw emails (.eml)  ${stack.outboxDir}
  DynamoDB           ${stack.urls.dynamodb}
  EventBridge bus    ${stack.urls.events}
  Coordinator token  ${settings.COORDINATOR_TOKEN}
  Dead letters       ${deadLetters} in ${stack.deadLetterFile}${seeded > 0 ? `
  Demo data          ${seeded} cities and a few subscribers, loaded now` : ''}
  Logs               ${logFormat === 'pretty' ? 'one line per request and event (LOG_FORMAT=json for the full JSON logs)' : 'JSON lines, as in AWS'}
Press Ctrl-C to stop.`);
logs.release();

