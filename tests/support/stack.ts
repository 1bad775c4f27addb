/**
 * Test support: the real local stack on free ports with an in-memory store, plus small
 * helpers to call the API and read the local mailbox.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/stack';
import { documentClient } from '../../shared/aws/dynamodb';
import { config } from '../../shared/config';

export interface TestStack extends LocalStack {
  /** Calls the local HTTP API. `body` objects are sent as JSON. */
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  /** Every email in the local mailbox. */
  mailbox(): Promise<MailboxEmail[]>;
  /** Waits until the bus has delivered everything (including retries). */
  settle(): Promise<void>;
  /** Every item in the table (a Scan: fine for tests, never on a request path). */
  items(): Promise<Record<string, unknown>[]>;
}

export interface MailboxEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: Array<{ name: string; value: string }>;
}

/**
 * Starts a fresh stack for one test file.
 *
 * @example
 * let stack: TestStack;
 * beforeAll(async () => { stack = await startTestStack(); });
 * afterAll(() => stack.stop());
 */
export async function startTestStack(options: LocalStackOptions = {}): Promise<TestStack> {
  const stack = await startLocalStack({
    log: () => undefined,
    busRetry: { attempts: 3, baseDelayMs: 10 },
    ...options,
  });
  return {
    ...stack,
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${stack.urls.api}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON (an HTML page): keep the text.
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async mailbox() {
      const response = await fetch(`${stack.urls.mailbox}/store`);
      return ((await response.json()) as { emails: MailboxEmail[] }).emails;
    },
    async settle() {
      await stack.bus.idle();
    },
    async items() {
      const result = await documentClient().send(new ScanCommand({ TableName: config().TABLE_NAME }));
      return result.Items ?? [];
    },
  };
}

/**
 * One stack for the whole test file, started before its first test and stopped after its last;
 * before each test the mailbox is emptied and the bus's fault switches are off again.
 *
 * @example
 * const stack = useTestStack({ coordinatorToken: COORDINATOR_TOKEN });
 * it('…', async () => { await stack.api('/api/health'); });
 */
export function useTestStack(options: LocalStackOptions = {}): TestStack {
  let started: TestStack | undefined;
  beforeAll(async () => {
    started = await startTestStack(options);
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  });
  beforeEach(async () => {
    started!.bus.faults.unavailable = false;
    started!.bus.faults.rejectEntry = undefined;
    await fetch(`${started!.urls.mailbox}/clear-store`, { method: 'POST' });
  });
  return new Proxy({} as TestStack, {
    get(_target, property) {
      if (!started) throw new Error('the test stack is not started yet (use it inside a test or hook)');
      return started[property as keyof TestStack];
    },
  });
}

/** A valid registration; override fields per test. */
export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Vientiane',
    country: 'LA',
    region: 'Vientiane Prefecture',
    population: 783000,
    description: 'Capital of Laos on the Mekong, seeking best-practice exchanges and cultural programs.',
    interests: ['best-practices', 'economic-development', 'arts-culture'],
    contact: { name: 'Somsak Vongsa', email: 'intl@vientiane.example.org', title: 'International Relations Officer' },
    website: 'https://vientiane.example.org',
    ...overrides,
  };
}

/** The local coordinator token the test stack accepts. */
export const COORDINATOR_TOKEN = 'test-coordinator-token-0123456789';

/** Headers of a signed-in coordinator. */
export const asCoordinator = { authorization: `Bearer ${COORDINATOR_TOKEN}` };

/**
 * Registers a city through the API and approves it as a coordinator; returns its id.
 *
 * @example
 * const id = await approvedCity(stack, { name: 'Kandy', country: 'LK' });
 */
export async function approvedCity(stack: TestStack, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await stack.api('/api/cities', { body: registration(overrides) });
  if (created.status !== 201) throw new Error(`registration failed: ${created.status} ${JSON.stringify(created.body)}`);
  const approved = await stack.api(`/api/admin/cities/${created.body.id}/approve`, { method: 'POST', headers: asCoordinator });
  if (approved.status !== 200) throw new Error(`approval failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  return created.body.id as string;
}
