/**
 * The local runner is faithful to the manifest: routes chosen by specificity whatever their
 * order, each function's own environment, and its timeout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { digestSendRate } from '../../shared/config';
import { resetRuntime } from '../../shared/runtime/container';
import { startLocalHttp, type LocalHttpServer, type LocalRoute } from '../../infra/local/http';
import { asInvocation, TaskTimedOutError } from '../../infra/local/invoke';
import { FUNCTIONS, eventSubscriptions, httpRoutes, scheduledFunctions, type FunctionSpec } from '../../infra/manifest';

let server: LocalHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env.DIGEST_SEND_RATE;
  resetRuntime();
});

function route(path: string, functionName: string): LocalRoute {
  return {
    method: 'GET',
    path,
    functionName,
    handler: async (event: APIGatewayProxyEventV2) => ({ statusCode: 200, body: JSON.stringify({ functionName, params: event.pathParameters ?? {} }) }),
  };
}

const spec = (overrides: Partial<FunctionSpec>): FunctionSpec => ({
  name: 'probe',
  description: 'a test function',
  trigger: { kind: 'schedule', expression: 'rate(1 hour)' },
  access: {},
  ...overrides,
});

describe('local HTTP routing', () => {
  it('prefers a literal segment to a parameter, whatever order the routes are declared in', async () => {
    // Prepare: the parameter route first, as a careless manifest might list it.
    server = await startLocalHttp({
      port: 0,
      routes: [route('/api/members/{id}', 'get-member'), route('/api/members/{id}/{rest+}', 'greedy'), route('/api/members/confirm', 'confirm-member-page'), route('/api/members/{id}/suggestions', 'member-suggestions')],
    });

    // Act
    const confirm = await (await fetch(`${server.url}/api/members/confirm`)).json();
    const member = await (await fetch(`${server.url}/api/members/m1`)).json();
    const suggestions = await (await fetch(`${server.url}/api/members/m1/suggestions`)).json();
    const greedy = await (await fetch(`${server.url}/api/members/m1/a/b`)).json();

    // Assess
    expect(confirm).toEqual({ functionName: 'confirm-member-page', params: {} });
    expect(member).toEqual({ functionName: 'get-member', params: { id: 'm1' } });
    expect(suggestions).toEqual({ functionName: 'member-suggestions', params: { id: 'm1' } });
    expect(greedy).toEqual({ functionName: 'greedy', params: { id: 'm1', rest: 'a/b' } });
  });
});

describe('local invocations', () => {
  it("read each function's own manifest environment, and only its own", async () => {
    // Prepare
    const readRate = async () => digestSendRate();
    const sender = asInvocation(spec({ name: 'sender', environment: { DIGEST_SEND_RATE: '7' } }), readRate);
    const other = asInvocation(spec({ name: 'other' }), readRate);

    // Act
    const [senderRate, otherRate] = await Promise.all([sender({}), other({})]);

    // Assess
    expect(senderRate).toBe(7);
    expect(otherRate).toBe(10);
  });

  it('let a variable set in the local process override the manifest, after a reset', async () => {
    // Prepare
    const sender = asInvocation(spec({ name: 'sender', environment: { DIGEST_SEND_RATE: '7' } }), async () => digestSendRate());
    expect(await sender({})).toBe(7);
    process.env.DIGEST_SEND_RATE = '1000';

    // Act
    const cached = await sender({});
    resetRuntime();
    const reread = await sender({});

    // Assess: configuration is read once per container, as in Lambda, until the reset.
    expect(cached).toBe(7);
    expect(reread).toBe(1000);
  });

  it('fail with Lambda\'s "Task timed out" once the timeout has passed, with the deadline in the context', async () => {
    // Prepare
    let remaining = Number.NaN;
    const slow = asInvocation(spec({ name: 'slow', timeoutSeconds: 0.05 }), async (_event, context) => {
      remaining = (context as { getRemainingTimeInMillis(): number }).getRemainingTimeInMillis();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return 'finished';
    });
    const quick = asInvocation(spec({ name: 'quick', timeoutSeconds: 5 }), async () => 'finished');

    // Act
    const outcome = slow({}).then(() => 'resolved', (error: unknown) => error);

    // Assess
    expect(await outcome).toBeInstanceOf(TaskTimedOutError);
    expect(String(await outcome)).toContain('Task timed out after 0.05 seconds (slow)');
    expect(remaining).toBeLessThanOrEqual(50);
    expect(remaining).toBeGreaterThan(0);
    expect(await quick({})).toBe('finished');
  });
});

describe('the manifest, as the local runner reads it', () => {
  it('gives every function exactly one trigger list: routes, event subscriptions, schedules or email feedback', () => {
    // Act
    const wired = [...httpRoutes(), ...eventSubscriptions().map(({ spec: wiredSpec }) => wiredSpec), ...scheduledFunctions()].map((wiredSpec) => wiredSpec.name);

    // Assess: everything but the email-feedback function, once each.
    const expected = (FUNCTIONS as readonly FunctionSpec[]).filter((candidate) => candidate.trigger.kind !== 'email-feedback').map((candidate) => candidate.name);
    expect([...wired].sort()).toEqual([...expected].sort());
    expect(new Set(wired).size).toBe(wired.length);
  });
});
