/**
 * A local, EventBridge-compatible endpoint for `npm start` and the tests.
 *
 * The program's code talks to it through the real `@aws-sdk/client-eventbridge` client (only the
 * endpoint differs), so the very same publisher, serialization and error handling run locally and
 * in AWS. It speaks the AWS JSON 1.1 protocol for `PutEvents` and `DescribeEventBus`, enforces
 * EventBridge's limits and per-entry failures, wraps accepted entries in complete EventBridge
 * envelopes, and delivers them asynchronously to the targets whose pattern matches, retrying with
 * backoff and dead-lettering what keeps failing, like an EventBridge rule with a retry policy and
 * a DLQ. Faults (per-entry refusals, a full outage) can be switched on to test the callers.
 *
 * Where real EventBridge behaves surprisingly, this endpoint copies it rather than "fixing" it, so
 * a mistake shows up locally: an entry for a bus that does not exist (including an entry without
 * `EventBusName`, which goes to the account's `default` bus) is accepted with an `EventId` and
 * delivered nowhere. Such entries are logged as `DROPPED` and kept in {@link LocalBus.dropped}.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { fileJournal, type BusJournal, type HeldEvent } from './bus-journal';
import { InvalidEventPatternError, matchesPattern, validatePattern } from './event-pattern';

/** The envelope a target receives: exactly what EventBridge hands a Lambda function. */
export type BusEvent = EventBridgeEvent<string, Record<string, unknown>>;

/** A rule target: receives every event matching `pattern`, as an EventBridge rule would deliver it. */
export interface LocalBusTarget {
  /** Names the target in logs and dead letters (e.g. the function name). Must be unique. */
  name: string;
  /** An EventBridge event pattern; validated when the bus starts. */
  pattern: object;
  /** Handles one event; a throw or a rejection counts as a failed delivery and is retried. */
  invoke: (event: BusEvent) => Promise<unknown>;
}

export interface LocalBusRetry {
  /** Total tries per event and target, the first included. Default 3. */
  attempts?: number;
  /** Delay before the first retry; doubles on each further retry, with jitter. Default 200 ms. */
  baseDelayMs?: number;
}

export interface LocalBusOptions {
  /** Port to listen on; 0 (the default) picks a free one, read it back from {@link LocalBus.port}. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (never exposed beyond the machine). */
  host?: string;
  /** The bus this endpoint stands for; entries naming another bus are accepted and dropped. */
  busName: string;
  /** Region written into envelopes and ARNs. Default us-east-1. */
  region?: string;
  /** Account written into envelopes and ARNs. Default 000000000000. */
  account?: string;
  targets: readonly LocalBusTarget[];
  /**
   * Rules on the account's `default` bus, where AWS services such as SES publish (SES can
   * publish nowhere else). Events sent to `default` reach these instead of being dropped.
   */
  defaultBusTargets?: readonly LocalBusTarget[];
  retry?: LocalBusRetry;
  /** File that dead letters are appended to, one JSON object a line; its directory is created. */
  deadLetterFile?: string;
  /** Where operational lines go (retries, dead letters, dropped events). Default `console.log`. */
  log?: (line: string) => void;
  /**
   * Directory where accepted events are kept until every target has taken them (or they are dead
   * letters), with their retry state: an entry that got an `EventId` is on disk before
   * `PutEvents` answers. Omit for a bus that holds events in memory only (the tests).
   */
  journalDir?: string;
}

/** One `PutEvents` entry as the SDK serializes it (Time arrives as epoch seconds). */
export type PutEventsEntry = z.infer<typeof entrySchema>;

/** A per-entry failure, as EventBridge reports it in the `PutEvents` answer. */
export interface EntryFailure {
  ErrorCode: string;
  ErrorMessage: string;
}

/** Switches that make the bus misbehave on purpose, flipped by tests at any time. */
export interface LocalBusFaults {
  /**
   * Called for each otherwise valid entry; answering a failure refuses that entry only (as
   * EventBridge does under throttling or an internal failure) while the others are delivered.
   */
  rejectEntry?: (entry: PutEventsEntry, index: number) => EntryFailure | undefined;
  /** Every call answers 500 `InternalException`, which the SDK retries and then throws, like an outage. */
  unavailable?: boolean;
}

/** An event a target could not handle within the retry policy. */
export interface DeadLetter {
  target: string;
  event: BusEvent;
  /** Message of the last error. */
  error: string;
  attempts: number;
  /** ISO-8601 instant of the last failure. */
  failedAt: string;
}

/** An accepted entry that no rule of this bus could see (it named another bus). */
export interface DroppedEvent {
  eventBusName: string;
  event: BusEvent;
}

export interface LocalBus {
  /** Endpoint for the SDK client, e.g. `http://127.0.0.1:49321`. */
  readonly url: string;
  readonly port: number;
  readonly busName: string;
  /** ARN of the bus, as `DescribeEventBus` answers it. */
  readonly arn: string;
  /** Live fault switches; mutate the object to turn a fault on or off. */
  readonly faults: LocalBusFaults;
  /** Dead letters so far (also appended to `deadLetterFile`). */
  deadLetters(): DeadLetter[];
  /** Envelopes accepted onto this bus so far, in acceptance order. */
  published(): BusEvent[];
  /** Entries accepted but addressed to another bus, hence delivered nowhere. */
  dropped(): DroppedEvent[];
  /** Resolves once no delivery is running or waiting for a retry. */
  idle(): Promise<void>;
  /**
   * Delivers what the journal held from the last run, each target from the try it had reached
   * and not before it was due; call it once the targets can run. Answers how many deliveries
   * (event × target) it resumed.
   */
  redeliverHeld(): number;
  /**
   * Stops accepting calls, cancels pending retries (logged as `ABANDONED`), waits for running
   * deliveries to settle and closes the server and its connections, leaving no timer or socket.
   */
  close(): Promise<void>;
}

// --- Protocol ---------------------------------------------------------------------------------

const TARGET_PREFIX = 'AWSEvents.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** EventBridge's limit on the summed size of a call's entries (256 KB). */
const MAX_REQUEST_ENTRIES_BYTES = 256 * 1024;
const MAX_ENTRIES = 10;
const MAX_DETAIL_TYPE_CHARS = 128;
/** Above EventBridge's own limits even with worst-case JSON escaping; only guards memory. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

// Members are nullish because a hand-written client may send `null` for an absent member.
const entrySchema = z.object({
  Time: z.union([z.number(), z.string()]).nullish(),
  Source: z.string().nullish(),
  Resources: z.array(z.string()).nullish(),
  DetailType: z.string().nullish(),
  Detail: z.string().nullish(),
  EventBusName: z.string().nullish(),
  TraceHeader: z.string().nullish(),
});
const putEventsSchema = z.object({ Entries: z.array(entrySchema).nullish(), EndpointId: z.string().nullish() });
const describeEventBusSchema = z.object({ Name: z.string().nullish() });

/**
 * An error answered as AWS JSON 1.1 does: the SDK reads the error type from `__type` and the text
 * from `message`, and raises the modelled exception class (e.g. `InternalException`) or, for a
 * type absent from the EventBridge model (`ValidationException`), an `EventBridgeServiceException`
 * whose `name` is that type.
 */
class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const validation = (message: string) => new ServiceError(400, 'ValidationException', message);

/** Byte size of an entry as EventBridge counts it against the 256 KB limit. */
function entrySize(entry: PutEventsEntry): number {
  const bytes = (text: string | null | undefined) => (text ? Buffer.byteLength(text, 'utf8') : 0);
  let size = entry.Time != null ? 14 : 0;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += bytes(resource);
  return size;
}

/** EventBridge's envelope time: ISO-8601 UTC to the second, e.g. 2026-11-28T01:02:03Z. */
function envelopeTime(time: number | string | null | undefined, now: Date): string {
  let date = now;
  if (typeof time === 'number') date = new Date(time * 1000);
  else if (typeof time === 'string') date = /^\d+(\.\d+)?$/.test(time) ? new Date(Number(time) * 1000) : new Date(time);
  // An unreadable Time falls back to the time of the call, as EventBridge does.
  if (Number.isNaN(date.getTime())) date = now;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const required = (member: string): EntryFailure => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
});

// --- The bus ----------------------------------------------------------------------------------

/**
 * Starts a local EventBridge endpoint for one bus and its rule targets.
 *
 * @example
 * const bus = await startLocalBus({
 *   busName: 'cities-seeking-cities',
 *   targets: [{ name: 'notify', pattern: patternFor(['CityRegistered']), invoke: async (event) => handler(event) }],
 *   retry: { attempts: 3, baseDelayMs: 10 },
 *   deadLetterFile: '.local/dead-letters.jsonl',
 * });
 * const client = new EventBridgeClient({
 *   endpoint: bus.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
 * });
 * await client.send(new PutEventsCommand({ Entries: [{ EventBusName: bus.busName, Source: 'x', DetailType: 'y', Detail: '{}' }] }));
 * await bus.idle();
 * await bus.close();
 */
export async function startLocalBus(options: LocalBusOptions): Promise<LocalBus> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '000000000000';
  const { busName, deadLetterFile } = options;
  const attempts = options.retry?.attempts ?? 3;
  const baseDelayMs = options.retry?.baseDelayMs ?? 200;
  const log = options.log ?? ((line: string) => console.log(line));
  const arn = `arn:aws:events:${region}:${account}:event-bus/${busName}`;
  const createdAt = new Date();

  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`retry.attempts must be an integer ≥ 1, got ${attempts}`);
  if (!(baseDelayMs >= 0)) throw new Error(`retry.baseDelayMs must be ≥ 0, got ${baseDelayMs}`);
  const names = new Set<string>();
  for (const target of [...options.targets, ...(options.defaultBusTargets ?? [])]) {
    if (names.has(target.name)) throw new Error(`Two local bus targets are named "${target.name}"`);
    names.add(target.name);
    // Validate now, like PutRule, so a bad pattern fails the start instead of never matching.
    try {
      validatePattern(target.pattern);
    } catch (error) {
      if (error instanceof InvalidEventPatternError) {
        throw new InvalidEventPatternError(`${error.message} (target "${target.name}")`, error.path);
      }
      throw error;
    }
  }
  const targets = [...options.targets];
  const defaultBusTargets = [...(options.defaultBusTargets ?? [])];

  const journal: BusJournal | undefined = options.journalDir ? fileJournal(options.journalDir) : undefined;
  const loaded = journal ? await journal.load() : { held: [], unreadable: [] };
  for (const path of loaded.unreadable) log(`BUS JOURNAL ${path} is unreadable; left in place`);

  const faults: LocalBusFaults = {};
  const publishedEvents: BusEvent[] = [];
  const droppedEvents: DroppedEvent[] = [];
  const deadLetterRecords: DeadLetter[] = [];

  // Delivery bookkeeping: `inFlight` counts deliveries (running or waiting for a retry) so that
  // idle() and close() know when everything has settled; `pendingRetries` cancels the waits.
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const pendingRetries = new Set<() => void>();
  let activeRequests = 0;
  let drainWaiters: Array<() => void> = [];
  let closing = false;
  let closed: Promise<void> | undefined;

  const idle = () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)));
  const requestsDrained = () =>
    activeRequests === 0 ? Promise.resolve() : new Promise<void>((resolve) => drainWaiters.push(resolve));

  /** Waits `ms`; resolves `false` instead if close() cancels the wait. */
  function retryWait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = () => {
        clearTimeout(timer);
        pendingRetries.delete(cancel);
        resolve(false);
      };
      const timer = setTimeout(() => {
        pendingRetries.delete(cancel);
        resolve(true);
      }, ms);
      pendingRetries.add(cancel);
    });
  }

  async function recordDeadLetter(target: LocalBusTarget, event: BusEvent, error: string, tries: number): Promise<void> {
    const record: DeadLetter = { target: target.name, event, error, attempts: tries, failedAt: new Date().toISOString() };
    deadLetterRecords.push(record);
    log(`DEAD LETTER ${target.name} ${event['detail-type']} ${event.id}: ${error}`);
    if (!deadLetterFile) return;
    try {
      await mkdir(dirname(deadLetterFile), { recursive: true });
      await appendFile(deadLetterFile, `${JSON.stringify(record)}\n`, 'utf8');
    } catch (writeError) {
      log(`DEAD LETTER FILE ${deadLetterFile} not written: ${errorMessage(writeError)}`);
    }
  }

  // What each accepted event still owes its targets, mirrored in the journal.
  interface Held {
    bus: HeldEvent['bus'];
    event: BusEvent;
    targets: Map<string, { attempts: number; dueAt: number }>;
  }
  const held = new Map<string, Held>();
  const record = (entry: Held): HeldEvent | undefined =>
    entry.targets.size === 0 ? undefined : { bus: entry.bus, event: entry.event as unknown as HeldEvent['event'], targets: Object.fromEntries(entry.targets) };

  /** Writes the event's state to the journal (removing it once no target is left). */
  async function persist(eventId: string): Promise<void> {
    const entry = held.get(eventId);
    const next = entry ? record(entry) : undefined;
    if (!next) held.delete(eventId);
    if (!journal) return;
    try {
      await journal.update(eventId, next);
    } catch (error) {
      log(`BUS JOURNAL ${eventId} not written: ${errorMessage(error)}`);
    }
  }

  /** The target has taken the event, or it is a dead letter: it is owed nothing more. */
  async function settle(target: LocalBusTarget, event: BusEvent): Promise<void> {
    held.get(event.id)?.targets.delete(target.name);
    await persist(event.id);
  }

  /**
   * One event to one target, with the retry policy, from try `firstAttempt` after `waitMs`
   * (both other than the defaults only for a delivery resumed from the journal). The caller has
   * already counted it in flight.
   */
  async function deliver(target: LocalBusTarget, event: BusEvent, firstAttempt = 1, waitMs = 0): Promise<void> {
    const stopped = (next: number, reason: string) =>
      journal
        ? log(`HELD ${target.name} ${event['detail-type']} ${event.id}: bus closed before try ${next}/${attempts}; it resumes at the next start (${reason})`)
        : log(`ABANDONED ${target.name} ${event['detail-type']} ${event.id}: bus closed before retry ${next}/${attempts} (${reason})`);
    try {
      if (waitMs > 0 && !(await retryWait(waitMs))) return stopped(firstAttempt, 'waiting');
      for (let attempt = firstAttempt; ; attempt++) {
        try {
          // Each try gets its own copy: a handler mutating its event must not affect the others.
          await target.invoke(structuredClone(event));
          await settle(target, event);
          return;
        } catch (error) {
          const message = errorMessage(error);
          if (attempt >= attempts) {
            await recordDeadLetter(target, event, message, attempt);
            await settle(target, event);
            return;
          }
          const delay = Math.round(baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() * 0.5));
          // The retry and its backoff are on disk before the wait, so a restart keeps both.
          held.get(event.id)?.targets.set(target.name, { attempts: attempt, dueAt: Date.now() + delay });
          await persist(event.id);
          if (closing) return stopped(attempt + 1, message);
          log(`RETRY ${target.name} ${event['detail-type']} ${event.id} try ${attempt + 1}/${attempts} in ${delay} ms: ${message}`);
          if (!(await retryWait(delay))) return stopped(attempt + 1, message);
        }
      }
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  /** Records what accepted events owe which targets; on disk (if journaled) when it resolves. */
  async function hold(deliveries: ReadonlyArray<[LocalBusTarget, BusEvent, HeldEvent['bus']]>): Promise<void> {
    const touched = new Set<string>();
    for (const [target, event, bus] of deliveries) {
      const entry = held.get(event.id) ?? { bus, event, targets: new Map() };
      entry.targets.set(target.name, { attempts: 0, dueAt: Date.now() });
      held.set(event.id, entry);
      touched.add(event.id);
    }
    if (!journal) return;
    const records = [...touched].flatMap((id) => {
      const entry = held.get(id);
      const next = entry && record(entry);
      return next ? [next] : [];
    });
    try {
      await journal.hold(records);
    } catch (error) {
      for (const id of touched) held.delete(id);
      throw error;
    }
  }

  function redeliverHeld(): number {
    const byName = new Map([...targets, ...defaultBusTargets].map((target) => [target.name, target]));
    let resumed = 0;
    for (const saved of loaded.held) {
      const event = saved.event as unknown as BusEvent;
      const entry: Held = { bus: saved.bus, event, targets: new Map() };
      for (const [name, progress] of Object.entries(saved.targets)) {
        if (byName.has(name)) entry.targets.set(name, progress);
        else log(`DROPPED ${event['detail-type']} ${event.id}: held for target "${name}", which no longer exists`);
      }
      held.set(event.id, entry);
      if (entry.targets.size === 0) {
        void persist(event.id);
        continue;
      }
      for (const [name, progress] of entry.targets) {
        inFlight += 1;
        resumed += 1;
        void deliver(byName.get(name) as LocalBusTarget, event, progress.attempts + 1, Math.max(0, progress.dueAt - Date.now()));
      }
    }
    loaded.held = [];
    return resumed;
  }

  function resolveBusName(requested: string | null | undefined): string {
    const name = requested || 'default';
    const fromArn = /^arn:aws[a-z-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(name);
    return fromArn ? (fromArn[1] as string) : name;
  }

  function putEvents(input: unknown): { body: unknown; deliveries: Array<[LocalBusTarget, BusEvent, HeldEvent['bus']]> } {
    const parsed = putEventsSchema.safeParse(input);
    if (!parsed.success) throw new ServiceError(400, 'SerializationException', z.prettifyError(parsed.error));
    const entries = parsed.data.Entries;
    // Whole-call validation, with the messages of EventBridge's request validator.
    if (entries == null) {
      throw validation("1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
    }
    if (entries.length < 1 || entries.length > MAX_ENTRIES) {
      const bound = entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES}`;
      throw validation(`1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${bound}`);
    }
    const size = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
    if (size > MAX_REQUEST_ENTRIES_BYTES) {
      throw validation('Total size of the entries in the request is over the limit.');
    }

    const now = new Date();
    const deliveries: Array<[LocalBusTarget, BusEvent, HeldEvent['bus']]> = [];
    const results = entries.map((entry, index): { EventId: string } | EntryFailure => {
      if (!entry.Source) return required('Source');
      if (!entry.DetailType) return required('DetailType');
      if (!entry.Detail) return required('Detail');
      if ([...entry.DetailType].length > MAX_DETAIL_TYPE_CHARS) {
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: `Parameter DetailType is not valid. Reason: DetailType must be at most ${MAX_DETAIL_TYPE_CHARS} characters long.`,
        };
      }
      const detail = parseDetail(entry.Detail);
      if (!detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
      const injected = faults.rejectEntry?.(entry, index);
      if (injected) return injected;

      const event: BusEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account,
        time: envelopeTime(entry.Time, now),
        region,
        resources: entry.Resources ?? [],
        detail,
      };
      const target = resolveBusName(entry.EventBusName);
      if (target === 'default' && defaultBusTargets.length > 0) {
        publishedEvents.push(event);
        for (const candidate of defaultBusTargets) {
          if (matchesPattern(candidate.pattern, event)) deliveries.push([candidate, event, 'default']);
        }
        return { EventId: event.id };
      }
      if (target !== busName) {
        // EventBridge answers an EventId for an unknown bus and delivers the event nowhere.
        droppedEvents.push({ eventBusName: target, event });
        const hint = entry.EventBusName ? '' : ' (no EventBusName: EventBridge puts it on the default bus)';
        log(`DROPPED ${event['detail-type']} ${event.id}: event bus "${target}" is not the local bus "${busName}"${hint}`);
        return { EventId: event.id };
      }
      publishedEvents.push(event);
      for (const candidate of targets) {
        if (matchesPattern(candidate.pattern, event)) deliveries.push([candidate, event, 'own']);
      }
      return { EventId: event.id };
    });
    const failed = results.filter((result) => 'ErrorCode' in result).length;
    return { body: { FailedEntryCount: failed, Entries: results }, deliveries };
  }

  function describeEventBus(input: unknown): unknown {
    const parsed = describeEventBusSchema.safeParse(input);
    if (!parsed.success) throw new ServiceError(400, 'SerializationException', z.prettifyError(parsed.error));
    const name = resolveBusName(parsed.data.Name);
    const seconds = Math.floor(createdAt.getTime() / 1000);
    if (name === busName) return { Name: busName, Arn: arn, CreationTime: seconds, LastModifiedTime: seconds };
    // Every account has a default bus, so describing it succeeds even though no rule listens there.
    if (name === 'default') return { Name: 'default', Arn: `arn:aws:events:${region}:${account}:event-bus/default` };
    throw new ServiceError(400, 'ResourceNotFoundException', `Event bus ${name} does not exist.`);
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': CONTENT_TYPE,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  }

  async function readBody(req: IncomingMessage): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      length += chunk.length;
      // Keep draining past the cap so the client reads our answer rather than a reset socket.
      if (length <= MAX_BODY_BYTES) chunks.push(chunk);
    }
    return length > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let deliveries: Array<[LocalBusTarget, BusEvent, HeldEvent['bus']]> = [];
    try {
      const text = await readBody(req);
      if (closing) throw new ServiceError(503, 'ServiceUnavailableException', 'The local bus is shutting down.');
      if (faults.unavailable) {
        throw new ServiceError(500, 'InternalException', 'The local bus is unavailable (fault injected).');
      }
      const header = req.headers['x-amz-target'];
      const operation = typeof header === 'string' && header.startsWith(TARGET_PREFIX) ? header.slice(TARGET_PREFIX.length) : '';
      if (req.method !== 'POST' || (operation !== 'PutEvents' && operation !== 'DescribeEventBus')) {
        throw new ServiceError(400, 'UnknownOperationException', `Unknown operation ${String(header ?? '(no x-amz-target)')}`);
      }
      if (text === undefined) throw validation('Total size of the entries in the request is over the limit.');
      let input: unknown;
      try {
        input = text === '' ? {} : JSON.parse(text);
      } catch {
        throw new ServiceError(400, 'SerializationException', 'The request body is not valid JSON.');
      }
      if (operation === 'DescribeEventBus') return send(res, 200, describeEventBus(input));
      const result = putEvents(input);
      // Nothing is acknowledged before it is held (on disk, with a journal): a crash after the
      // answer must not lose what the caller now believes is on the bus.
      try {
        await hold(result.deliveries);
      } catch (error) {
        throw new ServiceError(500, 'InternalException', `The local bus could not keep the events: ${errorMessage(error)}`);
      }
      deliveries = result.deliveries;
      // Count the deliveries before answering, so an idle() called right after the answer waits for them.
      inFlight += deliveries.length;
      send(res, 200, result.body);
    } catch (error) {
      if (error instanceof ServiceError) return send(res, error.status, { __type: error.type, message: error.message });
      log(`LOCAL BUS ERROR ${errorMessage(error)}`);
      return send(res, 500, { __type: 'InternalException', message: errorMessage(error) });
    } finally {
      // Targets run after the answer is written: PutEvents never waits for its consumers.
      for (const [target, event] of deliveries) void deliver(target, event);
    }
  }

  const server = createServer((req, res) => {
    activeRequests += 1;
    res.once('close', () => {
      activeRequests -= 1;
      if (activeRequests === 0) {
        const waiters = drainWaiters;
        drainWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
    void handle(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  async function close(): Promise<void> {
    closing = true;
    const serverClosed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    server.closeIdleConnections();
    for (const cancel of [...pendingRetries]) cancel();
    await idle();
    await requestsDrained();
    await journal?.flushed();
    // Keep-alive sockets of the SDK's agent would otherwise hold server.close() open.
    server.closeAllConnections();
    await serverClosed;
  }

  return {
    url,
    port,
    busName,
    arn,
    faults,
    deadLetters: () => [...deadLetterRecords],
    published: () => [...publishedEvents],
    dropped: () => [...droppedEvents],
    idle,
    redeliverHeld,
    close: () => (closed ??= close()),
  };
}
