/**
 * The local EventBridge endpoint, driven through the real `@aws-sdk/client-eventbridge` client so
 * that the wire protocol, the error types and the SDK's retry decisions are the real ones.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DescribeEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalBus, type BusEvent, type LocalBus, type LocalBusOptions } from '../../infra/local/bus';
import { EVENT_BUS_NAME, EVENT_SOURCE, eventEnvelopeSchema, parseEvent, patternFor } from '../../shared/events/contracts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

let bus: LocalBus | undefined;
let client: EventBridgeClient | undefined;
let logLines: string[] = [];
let tmp: string;

beforeEach(async () => {
  logLines = [];
  tmp = await mkdtemp(join(tmpdir(), 'local-bus-'));
});

afterEach(async () => {
  client?.destroy();
  client = undefined;
  await bus?.close();
  bus = undefined;
  await rm(tmp, { recursive: true, force: true });
});

/** A bus with small retry delays and its log captured, plus an SDK client pointed at it. */
async function start(overrides: Partial<LocalBusOptions> = {}, clientOptions: { maxAttempts?: number } = {}) {
  bus = await startLocalBus({
    port: 0,
    busName: EVENT_BUS_NAME,
    targets: [],
    retry: { attempts: 3, baseDelayMs: 1 },
    log: (line) => logLines.push(line),
    ...overrides,
  });
  client = new EventBridgeClient({
    endpoint: bus.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...clientOptions,
  });
  return { bus, client };
}

/** A target that records what it receives. */
function recorder(name: string, pattern: object) {
  const received: BusEvent[] = [];
  return { received, target: { name, pattern, invoke: async (event: BusEvent) => void received.push(event) } };
}

const entry = (overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  EventBusName: EVENT_BUS_NAME,
  Source: EVENT_SOURCE,
  DetailType: 'CityRegistered',
  Detail: JSON.stringify({ cityId: 'city-1' }),
  ...overrides,
});

describe('local bus: delivery', () => {
  it('delivers a matching event, in a complete EventBridge envelope, to the matching target only', async () => {
    // Prepare
    const notify = recorder('notify-city-registered', patternFor(['CityRegistered']));
    const other = recorder('other', { source: [EVENT_SOURCE], 'detail-type': ['SomethingElse'] });
    const { bus, client } = await start({ targets: [notify.target, other.target] });
    const time = new Date('2026-11-28T01:02:03.456Z');

    // Act
    const result = await client.send(
      new PutEventsCommand({ Entries: [entry({ Time: time, Resources: ['arn:aws:events:us-east-1:000000000000:thing/1'] })] }),
    );
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    const eventId = result.Entries?.[0]?.EventId;
    expect(eventId).toEqual(expect.any(String));
    expect(notify.received).toEqual([
      {
        version: '0',
        id: eventId,
        'detail-type': 'CityRegistered',
        source: EVENT_SOURCE,
        account: '000000000000',
        time: '2026-11-28T01:02:03Z',
        region: 'us-east-1',
        resources: ['arn:aws:events:us-east-1:000000000000:thing/1'],
        detail: { cityId: 'city-1' },
      },
    ]);
    expect(parseEvent('CityRegistered', notify.received[0])).toEqual({ id: eventId, detail: { cityId: 'city-1' } });
    expect(other.received).toEqual([]);
    expect(bus.published().map((event) => event.id)).toEqual([eventId]);
  });

  it('stamps the time of the call, to the second, when the entry has no Time', async () => {
    // Prepare
    const notify = recorder('notify', patternFor(['CityRegistered']));
    const { bus, client } = await start({ targets: [notify.target] });

    // Act
    await client.send(new PutEventsCommand({ Entries: [entry()] }));
    await bus.idle();

    // Assess
    const [event] = notify.received;
    expect(eventEnvelopeSchema.parse(event).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(event?.resources).toEqual([]);
  });

  it('delivers an event that matches no pattern nowhere', async () => {
    // Prepare
    const notify = recorder('notify', patternFor(['CityRegistered']));
    const { bus, client } = await start({ targets: [notify.target] });

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry({ DetailType: 'CityApproved' })] }));
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(bus.published()).toHaveLength(1);
    expect(notify.received).toEqual([]);
  });

  it('answers PutEvents before the targets have finished', async () => {
    // Prepare
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const slow = {
      name: 'slow',
      pattern: patternFor(['CityRegistered']),
      invoke: async () => {
        await gate;
        finished = true;
      },
    };
    const { bus, client } = await start({ targets: [slow] });

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry()] }));
    const finishedWhenAnswered = finished;
    release();
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(finishedWhenAnswered).toBe(false);
    expect(finished).toBe(true);
  });

  it('delivers an entry naming the bus by ARN, and drops one naming another bus while still answering an EventId', async () => {
    // Prepare
    const notify = recorder('notify', patternFor(['CityRegistered']));
    const { bus, client } = await start({ targets: [notify.target] });

    // Act
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          entry({ EventBusName: bus.arn, Detail: '{"cityId":"by-arn"}' }),
          entry({ EventBusName: 'someone-elses-bus', Detail: '{"cityId":"elsewhere"}' }),
          entry({ EventBusName: undefined, Detail: '{"cityId":"default-bus"}' }),
        ],
      }),
    );
    await bus.idle();

    // Assess: EventBridge accepts entries for a bus that does not exist and delivers them nowhere.
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.every((e) => typeof e.EventId === 'string')).toBe(true);
    expect(notify.received.map((event) => event.detail['cityId'])).toEqual(['by-arn']);
    expect(bus.dropped().map((d) => d.eventBusName)).toEqual(['someone-elses-bus', 'default']);
    expect(logLines.filter((line) => line.startsWith('DROPPED'))).toHaveLength(2);
  });
});

describe('local bus: limits and per-entry failures', () => {
  it('refuses 11 entries in one call with a ValidationException and delivers none', async () => {
    // Prepare
    const notify = recorder('notify', patternFor(['CityRegistered']));
    const { bus, client } = await start({ targets: [notify.target] });
    const entries = Array.from({ length: 11 }, () => entry());

    // Act
    const call = client.send(new PutEventsCommand({ Entries: entries }));

    // Assess
    await expect(call).rejects.toMatchObject({
      name: 'ValidationException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('less than or equal to 10'),
    });
    await bus.idle();
    expect(bus.published()).toEqual([]);
    expect(notify.received).toEqual([]);
  });

  it('refuses a call with no entries with a ValidationException', async () => {
    // Prepare
    const { client } = await start();

    // Act
    const call = client.send(new PutEventsCommand({ Entries: [] }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  it('counts the 256 KB limit as EventBridge does: accepts exactly 256 KB and refuses one byte more', async () => {
    // Prepare: Time counts 14 bytes; Source, DetailType and Detail count their UTF-8 bytes.
    const { bus, client } = await start();
    const limit = 256 * 1024;
    const fixed = 14 + Buffer.byteLength(EVENT_SOURCE) + Buffer.byteLength('Big') + Buffer.byteLength('{"p":""}');
    const detailOf = (bytes: number) => JSON.stringify({ p: 'é'.repeat(Math.floor(bytes / 2)) + 'x'.repeat(bytes % 2) });
    const atLimit = entry({ Time: new Date(), DetailType: 'Big', Detail: detailOf(limit - fixed) });
    const overLimit = entry({ Time: new Date(), DetailType: 'Big', Detail: detailOf(limit - fixed + 1) });

    // Act
    const accepted = await client.send(new PutEventsCommand({ Entries: [atLimit] }));
    const refused = client.send(new PutEventsCommand({ Entries: [overLimit] }));

    // Assess
    expect(accepted.FailedEntryCount).toBe(0);
    await expect(refused).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
      message: 'Total size of the entries in the request is over the limit.',
    });
    expect(bus.published()).toHaveLength(1);
  });

  it('fails only the invalid entries, in request order, and delivers the valid ones of the same call', async () => {
    // Prepare
    const notify = recorder('notify', { source: [EVENT_SOURCE] });
    const { bus, client } = await start({ targets: [notify.target] });
    const entries = [
      entry({ Detail: '{"n":1}' }),
      entry({ DetailType: 'x'.repeat(129) }),
      entry({ Detail: '[1]' }),
      entry({ Detail: 'x' }),
      entry({ Detail: '{"n":2}' }),
      entry({ Source: undefined }),
    ];

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: entries }));
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(4);
    const answers = result.Entries ?? [];
    expect(answers).toHaveLength(6);
    expect(answers[0]).toEqual({ EventId: expect.any(String) });
    expect(answers[1]).toEqual({ ErrorCode: 'InvalidArgument', ErrorMessage: expect.stringContaining('DetailType') });
    expect(answers[2]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(answers[3]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(answers[4]).toEqual({ EventId: expect.any(String) });
    expect(answers[5]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(notify.received.map((event) => event.id)).toEqual([answers[0]?.EventId, answers[4]?.EventId]);
  });

  it('accepts a detail type of exactly 128 characters', async () => {
    // Prepare
    const { client } = await start();

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry({ DetailType: 'x'.repeat(128) })] }));

    // Assess
    expect(result.FailedEntryCount).toBe(0);
  });
});

describe('local bus: retries and dead letters', () => {
  it('retries a target that fails twice and delivers on the third try', async () => {
    // Prepare
    const tries: BusEvent[] = [];
    const flaky = {
      name: 'flaky',
      pattern: patternFor(['CityRegistered']),
      invoke: async (event: BusEvent) => {
        tries.push(event);
        if (tries.length < 3) throw new Error(`transient failure ${tries.length}`);
      },
    };
    const { bus, client } = await start({ targets: [flaky], retry: { attempts: 3, baseDelayMs: 1 } });

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry()] }));
    await bus.idle();

    // Assess
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((event) => event.id))).toEqual(new Set([result.Entries?.[0]?.EventId]));
    expect(bus.deadLetters()).toEqual([]);
    expect(logLines.filter((line) => line.startsWith('RETRY flaky CityRegistered'))).toHaveLength(2);
  });

  it('turns an event its target keeps refusing into exactly one dead letter, in memory and in the file', async () => {
    // Prepare
    const deadLetterFile = join(tmp, 'not', 'yet', 'created', 'dead-letters.jsonl');
    let tries = 0;
    const broken = {
      name: 'broken',
      pattern: patternFor(['CityRegistered']),
      invoke: async () => {
        tries += 1;
        throw new Error('boom');
      },
    };
    const { bus, client } = await start({ targets: [broken], deadLetterFile, retry: { attempts: 3, baseDelayMs: 1 } });

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry()] }));
    await bus.idle();

    // Assess
    const eventId = result.Entries?.[0]?.EventId;
    expect(tries).toBe(3);
    const letters = bus.deadLetters();
    expect(letters).toEqual([
      { target: 'broken', event: expect.objectContaining({ id: eventId }), error: 'boom', attempts: 3, failedAt: expect.any(String) },
    ]);
    const lines = (await readFile(deadLetterFile, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(letters);
    expect(logLines).toContain(`DEAD LETTER broken CityRegistered ${eventId}: boom`);
  });

  it('treats a target that throws synchronously like one that rejects', async () => {
    // Prepare
    const sync = {
      name: 'sync',
      pattern: patternFor(['CityRegistered']),
      invoke: (() => {
        throw new Error('sync boom');
      }) as () => Promise<unknown>,
    };
    const { bus, client } = await start({ targets: [sync], retry: { attempts: 2, baseDelayMs: 1 } });

    // Act
    await client.send(new PutEventsCommand({ Entries: [entry()] }));
    await bus.idle();

    // Assess
    expect(bus.deadLetters()).toMatchObject([{ target: 'sync', error: 'sync boom', attempts: 2 }]);
  });
});

describe('local bus: faults', () => {
  it('refuses the entry chosen by faults.rejectEntry and delivers the others', async () => {
    // Prepare
    const notify = recorder('notify', patternFor(['CityRegistered']));
    const { bus, client } = await start({ targets: [notify.target] });
    bus.faults.rejectEntry = (_entry, index) =>
      index === 1 ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : undefined;

    // Act
    const result = await client.send(
      new PutEventsCommand({ Entries: [entry({ Detail: '{"n":0}' }), entry({ Detail: '{"n":1}' }), entry({ Detail: '{"n":2}' })] }),
    );
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[1]).toEqual({ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' });
    expect(notify.received.map((event) => event.detail['n'])).toEqual([0, 2]);
  });

  it('makes the SDK call throw, after the SDK has retried it, while the bus is unavailable', async () => {
    // Prepare
    const notify = recorder('notify', patternFor(['CityRegistered']));
    const { bus, client } = await start({ targets: [notify.target] }, { maxAttempts: 2 });
    bus.faults.unavailable = true;

    // Act
    const during = client.send(new PutEventsCommand({ Entries: [entry()] }));
    const failure = await during.catch((error: unknown) => error);
    bus.faults.unavailable = false;
    const after = await client.send(new PutEventsCommand({ Entries: [entry()] }));
    await bus.idle();

    // Assess: a 500 InternalException is retryable for the SDK, like a real outage.
    expect(failure).toMatchObject({ name: 'InternalException', $fault: 'server', $metadata: { httpStatusCode: 500, attempts: 2 } });
    expect(after.FailedEntryCount).toBe(0);
    expect(notify.received).toHaveLength(1);
  });
});

describe('local bus: other operations', () => {
  it('answers DescribeEventBus with the name and ARN of its bus, and ResourceNotFoundException for another', async () => {
    // Prepare
    const { bus, client } = await start();

    // Act
    const described = await client.send(new DescribeEventBusCommand({ Name: EVENT_BUS_NAME }));
    const unknown = client.send(new DescribeEventBusCommand({ Name: 'nope' }));

    // Assess
    expect(described).toMatchObject({ Name: EVENT_BUS_NAME, Arn: bus.arn });
    expect(bus.arn).toBe(`arn:aws:events:us-east-1:000000000000:event-bus/${EVENT_BUS_NAME}`);
    await expect(unknown).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus nope does not exist.' });
  });

  it('answers an unknown operation with 400 UnknownOperationException', async () => {
    // Prepare
    const { bus } = await start();

    // Act
    const response = await fetch(bus.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutRule' },
      body: '{}',
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('refuses to start with a target whose pattern uses an unsupported operator', async () => {
    // Prepare
    const target = { name: 'bad', pattern: { detail: { ip: [{ cidr: '10.0.0.0/8' }] } }, invoke: async () => undefined };

    // Act
    const starting = startLocalBus({ busName: EVENT_BUS_NAME, targets: [target], log: () => undefined });

    // Assess
    await expect(starting).rejects.toThrow(/"cidr".*target "bad"/);
  });
});

describe('local bus: shutdown', () => {
  it('close() cancels pending retries and frees every handle, so the process exits by itself', async () => {
    // Prepare: a child process publishes through the SDK (keep-alive socket) to a target that
    // fails with a long retry delay (pending timer), then closes the bus and does NOT exit.
    const script = `
      import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
      import { startLocalBus } from './infra/local/bus.ts';
      let failed;
      const firstFailure = new Promise((resolve) => (failed = resolve));
      const bus = await startLocalBus({
        busName: 'b',
        retry: { attempts: 5, baseDelayMs: 60000 },
        targets: [{ name: 't', pattern: { source: ['s'] }, invoke: async () => { failed(); throw new Error('down'); } }],
        log: (line) => console.log(line),
      });
      const client = new EventBridgeClient({ endpoint: bus.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      await client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'b', Source: 's', DetailType: 'd', Detail: '{}' }] }));
      await firstFailure;
      await bus.close();
      console.log('CLOSED');
    `;

    // Act
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A guard against a hang, not a timing assertion: a leaked handle keeps the child alive.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    clearTimeout(guard);

    // Assess
    expect(output).toContain('CLOSED');
    expect(output).toMatch(/ABANDONED t d [0-9a-f-]+: bus closed before retry 2\/5/);
    expect(exit).toEqual({ code: 0, signal: null });
  });
});

describe('local bus: journal', () => {
  const journalFiles = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.json'));

  it('has an accepted event on disk before PutEvents answers, and removes it once the target took it', async () => {
    // Prepare: a target that holds on to the event until released.
    const journalDir = join(tmp, 'bus');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = { name: 'slow', pattern: patternFor(['CityRegistered']), invoke: () => released };
    const { bus, client } = await start({ targets: [slow], journalDir });

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry()] }));
    const whileRunning = await journalFiles(journalDir);
    const record = JSON.parse(await readFile(join(journalDir, whileRunning[0]!), 'utf8'));
    release();
    await bus.idle();
    await bus.close();

    // Assess
    expect(whileRunning).toHaveLength(1);
    expect(record).toMatchObject({ bus: 'own', event: { id: result.Entries?.[0]?.EventId, 'detail-type': 'CityRegistered' }, targets: { slow: { attempts: 0 } } });
    expect(await journalFiles(journalDir)).toEqual([]);
  });

  it('delivers after a restart what it held, from the try it had reached, and keeps no record of it after', async () => {
    // Prepare: the first run's target fails once and the bus closes during the backoff.
    const journalDir = join(tmp, 'bus');
    let failed!: () => void;
    const firstFailure = new Promise<void>((resolve) => (failed = resolve));
    const down = { name: 'notify', pattern: patternFor(['CityRegistered']), invoke: async () => { failed(); throw new Error('down'); } };
    const first = await start({ targets: [down], journalDir, retry: { attempts: 3, baseDelayMs: 2_000 } });
    const accepted = await first.client.send(new PutEventsCommand({ Entries: [entry()] }));
    await firstFailure;
    await first.bus.close();
    first.client.destroy();
    const heldAfterCrash = await journalFiles(journalDir);
    const saved = JSON.parse(await readFile(join(journalDir, heldAfterCrash[0]!), 'utf8'));
    const readAt = Date.now();

    // Act: a new bus on the same journal, whose target works.
    const { received, target } = recorder('notify', patternFor(['CityRegistered']));
    const second = await start({ targets: [target], journalDir, retry: { attempts: 3, baseDelayMs: 1 } });
    const resumed = second.bus.redeliverHeld();
    // The saved backoff (1–2 s) is honoured: the retry is not due at once.
    await second.bus.idle();

    // Assess
    expect(heldAfterCrash).toHaveLength(1);
    expect(saved.targets.notify.attempts).toBe(1);
    expect(saved.targets.notify.dueAt).toBeGreaterThan(readAt);
    expect(resumed).toBe(1);
    expect(received.map((event) => event.id)).toEqual([accepted.Entries?.[0]?.EventId]);
    expect(await journalFiles(journalDir)).toEqual([]);
  }, 90_000);
});
