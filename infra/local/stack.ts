/**
 * The offline twin of the AWS stack, built from the same manifest: dynalite for DynamoDB,
 * aws-ses-v2-local for SES, the local bus for EventBridge, the local HTTP API, and the
 * schedules — every function's real handler wired to its declared trigger.
 *
 * `npm start` runs it on fixed ports with data on disk; the integration tests run it on free
 * ports with an in-memory store.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as sesLocalModule from 'aws-ses-v2-local';
import {
  FUNCTIONS,
  emailFeedbackSubscriptions,
  eventSubscriptions,
  handlerEntry,
  httpRoutes,
  scheduledFunctions,
  type FunctionName,
  type FunctionSpec,
} from '../manifest';
import { TABLE_DEFINITION } from '../table';
import { EVENT_BUS_NAME } from '../../shared/events/contracts';
import { dynamoClient } from '../../shared/aws/dynamodb';
import { startLocalBus, type LocalBus } from './bus';
import { startLocalHttp, type Fallback, type HttpLambda, type LocalHttpServer } from './http';
import { asInvocation, type AnyHandler } from './invoke';
import { labelInvocations } from './log-format';
import { startSchedules } from './schedule';
import { ensureTable } from './table';
import { dynamoEngineFromEnv, startLocalDynamo, type DynamoEngine } from './dynamodb';
import { bearerAuthorizer, DEFAULT_COORDINATOR_TOKEN } from './authorizer';
import { ephemeralSigningKey, localSigningKey } from './signing-key';
import { boundMailbox } from './mailbox';
import { resetRuntime } from '../../shared/runtime/container';

// aws-ses-v2-local is CommonJS with an `exports.default`: Node's ESM loader and vitest's
// interop disagree on where that default lands, so take whichever is the function.
type SesServer = (config: { host: string; port: number }) => Promise<Server>;
const sesLocal: SesServer =
  typeof (sesLocalModule as { default?: unknown }).default === 'function'
    ? ((sesLocalModule as { default: SesServer }).default)
    : ((sesLocalModule as unknown as { default: { default: SesServer } }).default.default);

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LocalStackOptions {
  /** Where dynalite, the outbox and dead letters live; omit for an in-memory store. */
  dataDir?: string;
  ports?: Partial<Record<'http' | 'ses' | 'dynamodb' | 'events', number>>;
  senderEmail?: string;
  coordinatorEmail?: string;
  coordinatorToken?: string;
  /**
   * The key that signs links. By default the installation's own, kept in `dataDir`
   * (`signing-key`, made on first start), or for an in-memory stack TOKEN_SECRET if set, else a
   * random one.
   */
  tokenSecret?: string;
  /** Defaults to http://localhost:<http port>. */
  publicUrl?: string;
  /** Run the declared schedules on their timers (off in tests, which call handlers directly). */
  schedules?: boolean;
  busRetry?: { attempts?: number; baseDelayMs?: number };
  /** dynalite (default) or AWS's DynamoDB Local; defaults to DYNAMODB_ENGINE. */
  dynamoEngine?: DynamoEngine;
  /** Serves what no API route claims (the web pages). */
  fallback?: Fallback;
  log?: (line: string) => void;
  /**
   * How many messages the mailbox page keeps (the newest); every message stays in the outbox
   * as an `.eml` file whatever the limit. Unlimited unless set (`npm start` sets it).
   */
  mailboxLimit?: number;
}

/** Scheduled functions that also run once at start, to finish what a crash interrupted. */
const AT_START = ['sweep-outbox', 'check-digest-delivery'] as const satisfies readonly FunctionName[];

export interface LocalStack {
  urls: { api: string; mailbox: string; dynamodb: string; events: string };
  dataDir: string | undefined;
  outboxDir: string;
  deadLetterFile: string;
  bus: LocalBus;
  /**
   * Each function's real handler, by manifest name, invoked as Lambda would invoke it (its own
   * container and environment, its timeout).
   */
  handlers: Record<string, AnyHandler>;
  stop(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.closeAllConnections?.();
    server.close(() => resolveClose());
  });
}

/** A plausible SES account for aws-ses-v2-local's GetAccount, which the health check asks. */
const LOCAL_SES_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'MARKETING',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Cities Seeking Cities, local stack',
    WebsiteURL: 'http://localhost',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

async function loadHandler(spec: FunctionSpec): Promise<AnyHandler> {
  const module = (await import(pathToFileURL(join(REPO_ROOT, handlerEntry(spec))).href)) as { handler?: AnyHandler };
  if (typeof module.handler !== 'function') throw new Error(`${handlerEntry(spec)} does not export a handler`);
  return module.handler;
}

/**
 * Starts every local service and wires the manifest's handlers to them.
 *
 * @example
 * const stack = await startLocalStack({ dataDir: '.data', ports: { http: 3000 } });
 * // … later
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const ports = options.ports ?? {};
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const workDir = dataDir ?? (await mkdtemp(join(tmpdir(), 'cities-local-')));
  await mkdir(workDir, { recursive: true });
  const outboxDir = join(workDir, 'outbox');
  const deadLetterFile = join(workDir, 'dead-letters.jsonl');

  const closers: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close();
    closers.length = 0;
  };

  try {
    // 1. DynamoDB: dynalite, or DynamoDB Local when DYNAMODB_ENGINE asks for it.
    const dynamo = await startLocalDynamo(options.dynamoEngine ?? dynamoEngineFromEnv(), { port: ports.dynamodb ?? 0, dataDir });
    const dynamoPort = dynamo.port;
    closers.push(() => dynamo.stop());

    // 2. SES (aws-ses-v2-local) with its mailbox page.
    process.env.AWS_SES_ACCOUNT = JSON.stringify(LOCAL_SES_ACCOUNT);
    boundMailbox(options.mailboxLimit ?? Number.POSITIVE_INFINITY);
    const sesServer = await sesLocal({ host: '127.0.0.1', port: ports.ses ?? 0 });
    const sesPort = (sesServer.address() as AddressInfo).port;
    closers.push(() => closeServer(sesServer));

    // 3. The environment every handler reads, exactly as the CDK stack sets it in AWS, plus
    //    the SDK's standard endpoint overrides so that no call can ever reach real AWS.
    const eventsPort = ports.events ?? 0;
    const httpPortWanted = ports.http ?? 0;
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SESSION_TOKEN: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamoPort}`,
      AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${sesPort}`,
      TABLE_NAME: TABLE_DEFINITION.localTableName,
      EVENT_BUS_NAME,
      SENDER_EMAIL: options.senderEmail ?? 'cities@example.org',
      COORDINATOR_EMAIL: options.coordinatorEmail ?? 'coordinator@example.org',
      MAIL_OUTBOX_DIR: outboxDir,
      TOKEN_SECRET:
        options.tokenSecret ?? (dataDir ? await localSigningKey(dataDir) : (process.env.TOKEN_SECRET ?? ephemeralSigningKey())),
    });
    delete process.env.TOKEN_SECRET_ARN;
    delete process.env.AWS_PROFILE;

    await ensureTable(dynamoClient(), TABLE_DEFINITION.localTableName);

    // 4. Every function's real handler, from the manifest, each invoked in a container of its
    //    own with its environment and timeout.
    const handlers: Record<string, AnyHandler> = {};
    //    Labelled with its name, so the terminal's log lines can say which function ran, for how long.
    for (const spec of FUNCTIONS as readonly FunctionSpec[]) handlers[spec.name] = labelInvocations(spec.name, asInvocation(spec, await loadHandler(spec)));

    // 5. The bus, with one target per event-triggered function.
    const bus = await startLocalBus({
      port: eventsPort,
      busName: EVENT_BUS_NAME,
      region: 'us-east-1',
      account: '000000000000',
      deadLetterFile,
      // On disk, what the bus accepted survives a crash of the stack and is delivered at the next start.
      journalDir: dataDir ? join(workDir, 'bus') : undefined,
      retry: options.busRetry,
      log,
      // Looked up at each delivery, so a test can swap a target's handler (to lose events, say).
      targets: eventSubscriptions().map(({ spec, pattern }) => ({ name: spec.name, pattern, invoke: (event: unknown) => handlers[spec.name]!(event) })),
      // SES publishes bounces and complaints to the default bus; locally the same endpoint
      // stands for it, so a test (or a person) can put such an event and see it handled.
      defaultBusTargets: emailFeedbackSubscriptions().map(({ spec, pattern }) => ({ name: spec.name, pattern, invoke: (event: unknown) => handlers[spec.name]!(event) })),
    });
    closers.push(() => bus.close());
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = bus.url;

    // 6. The HTTP API, with the coordinator routes behind the local authorizer.
    const authorize = bearerAuthorizer(options.coordinatorToken ?? DEFAULT_COORDINATOR_TOKEN);
    const http: LocalHttpServer = await startLocalHttp({
      port: httpPortWanted,
      fallback: options.fallback,
      log,
      routes: httpRoutes().map((spec) => ({
        method: spec.trigger.method,
        path: spec.trigger.path,
        functionName: spec.name,
        handler: handlers[spec.name] as HttpLambda,
        authorize: spec.trigger.auth === 'coordinator' ? authorize : undefined,
      })),
    });
    closers.push(() => http.close());
    process.env.PUBLIC_URL = options.publicUrl ?? http.url;

    // Handlers read configuration and create clients lazily: make them see this environment.
    resetRuntime();

    // 7. The schedules.
    if (options.schedules) {
      const stopSchedules = startSchedules(
        scheduledFunctions().map((spec) => ({
          name: spec.name,
          expression: spec.trigger.expression,
          timezone: spec.trigger.timezone,
          fire: (at: Date) => handlers[spec.name]!(scheduledEvent(at)),
        })),
        log,
      );
      closers.push(stopSchedules);
    }
    // 8. What the last run left unfinished: events the bus had accepted but not yet delivered,
    //    and (with the schedules, as in `npm start`) the outbox and any interrupted digest
    //    delivery, each checked once now rather than at their next scheduled time.
    const resumed = bus.redeliverHeld();
    if (resumed > 0) log(`Resuming ${resumed} event deliveries held from the last run`);
    if (options.schedules) {
      for (const name of AT_START) {
        await handlers[name]!(scheduledEvent(new Date())).catch((error: unknown) =>
          log(`${name} at start failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    }
    closers.push(() => {
      resetRuntime();
    });

    return {
      urls: {
        api: http.url,
        mailbox: `http://localhost:${sesPort}`,
        dynamodb: `http://localhost:${dynamoPort}`,
        events: bus.url,
      },
      dataDir,
      outboxDir,
      deadLetterFile,
      bus,
      handlers,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The input every schedule target gets, as the CDK stack configures it for EventBridge Scheduler. */
function scheduledEvent(at: Date) {
  return { scheduledTime: at.toISOString() };
}
