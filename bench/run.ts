/**
 * `npm run bench`: the figures that say whether the pipeline is lean and scales, as JSON
 * (printed, and written to bench-results/bench.json). Everything runs on this machine against
 * the local stack; nothing is timed inside the tests.
 *
 *   functions   bundle bytes and module-init ms of each function, against a bare handler
 *               with the same AWS SDK clients (initRatio = initMs / baselineInitMs)
 *   latency     registrations and inquiries through the local HTTP API at concurrency 20
 *   capacity    DynamoDB capacity units per registration, per search page and per digest
 *               assembly, at 1,000 and at 20,000 cities
 *   delivery    a digest to 10,000 subscribers: SES calls, emails per subscriber, wall time,
 *               without and with injected SES throttling
 *   matching    ranking one seeking city against 10,000 member profiles (wall ms, capacity)
 *
 * BENCH_QUICK=1 runs smaller sizes (for a smoke test); BENCH_SKIP=functions,latency,… skips parts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { mockClient } from 'aws-sdk-client-mock';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../infra/local/stack';
import { documentClient } from '../shared/aws/dynamodb';
import { sesClient } from '../shared/aws/sesv2';
import { registerCity } from '../shared/cities/register';
import { searchDirectory, searchQuerySchema } from '../shared/cities/search';
import { assembleDigest } from '../shared/digest/assemble';
import type { EventPublisher } from '../shared/events/publisher';
import { measureBundles } from './bundles';
import { load } from './load';
import { installCapacityMeter } from './meter';
import { seedCities, seedSubscribers } from './seed';
import { matchingFigures } from './matching';
import { resetRuntime } from '../shared/runtime/container';
import { table } from '../shared/runtime/table';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.LOG_LEVEL = 'error';

const quick = process.env.BENCH_QUICK === '1';
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const say = (line: string) => process.stderr.write(`${line}\n`);
const silenceEmf = () => {
  // Business metrics (EMF lines on stdout) would drown the JSON; the bench prints only figures.
  const original = console.log;
  console.log = () => undefined;
  return () => (console.log = original);
};

const noPublish: EventPublisher = { publish: async () => undefined };

async function withStack<T>(work: (stack: LocalStack) => Promise<T>, options: LocalStackOptions = {}): Promise<T> {
  const stack = await startLocalStack({ log: () => undefined, busRetry: { attempts: 5, baseDelayMs: 20 }, ...options });
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
}

function registrationBody(n: number, prefix: string) {
  return JSON.stringify({
    name: `${prefix} ${n}`,
    country: 'GH',
    population: 50_000 + n,
    description: 'A benchmark registration.',
    interests: ['education'],
    contact: { name: 'Bench Contact', email: `bench${n}@example.org` },
  });
}

async function latencyFigures() {
  const requests = quick ? 100 : 400;
  return withStack(async (stack) => {
    const restore = silenceEmf();
    try {
      const post = (path: string, body: string) =>
        fetch(`${stack.urls.api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await load(20, 20, (n) => post('/api/cities', registrationBody(n, 'Warm Up'))); // JIT and connections
      const registration = await load(requests, 20, (n) => post('/api/cities', registrationBody(n, 'Latency Town')));
      await seedCities(table(), 0, 1);
      const cityId = '01BENCH0000000000000000000';
      const inquiry = await load(requests, 20, (n) =>
        post(`/api/cities/${cityId}/inquiries`, JSON.stringify({ name: 'Pat', email: `pat${n}@example.org`, organization: 'City of Bench', message: `Inquiry ${n}` })),
      );
      await stack.bus.idle();
      return { registration, inquiry };
    } finally {
      restore();
    }
  });
}

async function capacityFigures() {
  const sizes = quick ? [200, 2000] : [1000, 20000];
  return withStack(async () => {
    const restore = silenceEmf();
    try {
      const meter = installCapacityMeter(documentClient());
      const figures = { registration: 0, searchPage: {} as Record<string, number>, searchPageByCountry: {} as Record<string, number>, digestAssembly: {} as Record<string, number> };
      let seeded = 0;
      for (const [index, size] of sizes.entries()) {
        say(`seeding ${size} cities…`);
        await seedCities(table(), seeded, size);
        seeded = size;
        const key = index === 0 ? 'at1000' : 'at20000';
        const page = await meter.measure(() => searchDirectory(table(), searchQuerySchema.parse({ seeking: 'true', limit: '20' })));
        figures.searchPage[key] = page.units;
        const byCountry = await meter.measure(() => searchDirectory(table(), searchQuerySchema.parse({ seeking: 'true', country: 'GH', limit: '20' })));
        figures.searchPageByCountry[key] = byCountry.units;
        const assembly = await meter.measure(() =>
          assembleDigest({ ...table(), publisher: noPublish, mailer: { send: async () => ({ messageId: 'bench' }) }, coordinatorEmail: 'c@example.org', batchSize: 50 }, `2031-0${index + 1}`),
        );
        figures.digestAssembly[key] = assembly.units;
      }
      const registration = await meter.measure(() =>
        registerCity({ ...table(), publisher: noPublish }, {
          name: 'Capacity Town',
          country: 'GH',
          population: 1000,
          description: 'A benchmark registration.',
          interests: ['education'],
          contact: { name: 'Bench Contact', email: 'capacity@example.org' },
        }),
      );
      figures.registration = registration.units;
      return figures;
    } finally {
      restore();
    }
  });
}

async function deliveryFigures() {
  const subscribers = quick ? 1000 : 10_000;
  Object.assign(process.env, { DIGEST_SEND_RATE: '1000', DIGEST_RETRY_BASE_MS: '5', DIGEST_BATCH_SIZE: '50' });
  return withStack(async (stack) => {
    const restore = silenceEmf();
    try {
      resetRuntime();
      await seedCities(table(), 0, 6);
      say(`seeding ${subscribers} subscribers…`);
      await seedSubscribers(table(), subscribers);
      const passThrough = new SESv2Client({});
      const run = async (month: string, throttleEvery: number) => {
        const perRecipient = new Map<string, number>();
        let calls = 0;
        let otherEmails = 0;
        const ses = mockClient(sesClient());
        ses.on(SendEmailCommand).callsFake(async (input) => {
          calls++;
          if (throttleEvery && calls % throttleEvery === 0) {
            throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
          }
          const result = await passThrough.send(new SendEmailCommand(input));
          const raw = Buffer.from(input.Content!.Raw!.Data!).toString('utf8');
          // Count digests only: the same rollover also asks stale city listings to confirm.
          if (!/^List-Unsubscribe-Post:/m.test(raw)) {
            otherEmails++;
            return result;
          }
          const to = /^To: (.+)$/m.exec(raw)?.[1] ?? '?';
          perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
          return result;
        });
        const started = performance.now();
        await stack.handlers.rollover!({ scheduledTime: `${month}-01T14:00:00Z` });
        await stack.bus.idle();
        const wallMs = Math.round(performance.now() - started);
        ses.restore();
        // The local mailbox keeps every message in memory; empty it between runs.
        await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
        const counts = [...perRecipient.values()];
        return { sesCalls: calls, otherEmails, recipients: perRecipient.size, min: Math.min(...counts), max: Math.max(...counts), wallMs };
      };
      say('delivering without throttling…');
      const plain = await run('2031-03', 0);
      say('delivering with every 10th SES call throttled…');
      const throttled = await run('2031-04', 10);
      return {
        subscribers,
        minPerSubscriber: Math.min(plain.min, throttled.min),
        maxPerSubscriber: Math.max(plain.max, throttled.max),
        recipientsReached: plain.recipients,
        throttledRecipientsReached: throttled.recipients,
        sesCalls: plain.sesCalls,
        throttledSesCalls: throttled.sesCalls,
        // Listing reminders sent by the same rollovers (not digests; in sesCalls too).
        otherEmails: plain.otherEmails + throttled.otherEmails,
        wallMs: plain.wallMs,
        throttledWallMs: throttled.wallMs,
        emailsPerSecond: Math.round((subscribers / plain.wallMs) * 1000),
        deadLetters: stack.bus.deadLetters().length,
      };
    } finally {
      restore();
    }
  });
}

/**
 * The local stack's memory after a digest to 1,000 and then to 10,000 subscribers, with the
 * mailbox bounded as `npm start` bounds it (every message still written to the outbox). Before
 * the bound, the mailbox kept every message and RSS grew with each one sent.
 */
async function memoryFigures() {
  const [small, large] = quick ? [100, 1000] : [1000, 10_000];
  Object.assign(process.env, { DIGEST_SEND_RATE: '1000', DIGEST_RETRY_BASE_MS: '5', DIGEST_BATCH_SIZE: '50' });
  const megabytes = () => {
    const usage = process.memoryUsage();
    return { rssMb: Math.round(usage.rss / 2 ** 20), heapUsedMb: Math.round(usage.heapUsed / 2 ** 20) };
  };
  return withStack(
    async (stack) => {
      const restore = silenceEmf();
      try {
        resetRuntime();
        await seedCities(table(), 0, 9);
        const deliver = async (month: string) => {
          await stack.handlers.rollover!({ scheduledTime: `${month}-01T14:00:00Z` });
          await stack.bus.idle();
          // Let the collector run where it can, so RSS reflects what is kept, not garbage.
          (globalThis as { gc?: () => void }).gc?.();
          return { ...megabytes(), mailbox: ((await (await fetch(`${stack.urls.mailbox}/store`)).json()) as { emails: unknown[] }).emails.length };
        };
        const atStart = megabytes();
        await seedSubscribers(table(), small);
        const afterSmall = await deliver('2031-05');
        await seedSubscribers(table(), large - small, small);
        const afterLarge = await deliver('2031-06');
        return { mailboxLimit: 1000, atStart, [`after${small}`]: afterSmall, [`after${large}`]: afterLarge, outboxFiles: (await readdir(stack.outboxDir)).length };
      } finally {
        restore();
      }
    },
    { mailboxLimit: 1000 },
  );
}

const results: Record<string, unknown> = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, quick };
if (!skip.has('functions')) {
  say('measuring bundles and init times…');
  results.functions = measureBundles(quick ? 3 : 15, say);
}
if (!skip.has('latency')) {
  say('measuring latency and throughput…');
  results.latency = await latencyFigures();
}
if (!skip.has('capacity')) {
  say('measuring DynamoDB capacity…');
  results.capacity = await capacityFigures();
}
if (!skip.has('delivery')) {
  say('measuring digest delivery…');
  results.delivery = await deliveryFigures();
}
if (!skip.has('memory')) {
  say('measuring the local stack\'s memory over a large delivery…');
  results.memory = await memoryFigures();
}
if (!skip.has('matching')) {
  say('measuring member matching…');
  const restore = silenceEmf();
  try {
    results.matching = await matchingFigures();
  } finally {
    restore();
  }
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
