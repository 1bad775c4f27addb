/**
 * Interrupted work finishes by itself: a digest whose events were lost is completed by the
 * delivery check or by running the rollover again, and a slow send never mails anyone twice.
 * Real dynalite, aws-ses-v2-local and the local bus; lost events are simulated by swapping a
 * target's handler for one that takes the event and does nothing, as a crashed bus would.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getCities } from '../../shared/cities/repository';
import { checkDigestDelivery, DELIVERY_DEADLINE_MS, DELIVERY_GRACE_MS } from '../../shared/digest/delivery-check';
import { deliverOnce, DeliveryInProgressError, DeliveryLeaseLostError } from '../../shared/email/deliveries';
import { addActiveSubscriber } from '../../shared/subscribers';
import { approvedCity, COORDINATOR_TOKEN, registration, startTestStack, type TestStack } from '../support/stack';
import { busPublisher } from '../../shared/runtime/publisher';
import { resetRuntime } from '../../shared/runtime/container';
import { table } from '../../shared/runtime/table';

const SUBSCRIBERS = 120;
let stack: TestStack;

beforeAll(async () => {
  Object.assign(process.env, { DIGEST_SEND_RATE: '1000', DIGEST_RETRY_BASE_MS: '1', DIGEST_BATCH_SIZE: '50' });
  stack = await startTestStack({ coordinatorToken: COORDINATOR_TOKEN });
  resetRuntime();
  // Three months of digests, and a city featured one month is not eligible the next: nine cities.
  const cities = [['Luang Prabang', 'LA'], ['Lahore City', 'PK'], ['Ohrid', 'MK'], ['Pakse', 'LA'], ['Multan', 'PK'], ['Bitola', 'MK'], ['Savannakhet', 'LA'], ['Quetta', 'PK'], ['Strumica', 'MK']];
  for (const [name, country] of cities) await approvedCity(stack, { name, country });
  const now = new Date();
  await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, i) => addActiveSubscriber(table(), { email: `reader${i}@towns.example.org` }, now)));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** Digests of `monthTitle` received, per recipient. */
async function digestsPerRecipient(monthTitle: string): Promise<Map<string, number>> {
  const emails = (await stack.mailbox()).filter((email) => email.subject.startsWith(`Cities Seeking Cities — ${monthTitle}`));
  const counts = new Map<string, number>();
  for (const email of emails) for (const to of email.destination.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

/** Replaces a bus target's handler until `restore()`; `keep` decides which events still reach it. */
function loseEvents(name: string, keep: (event: { detail: Record<string, unknown> }) => boolean = () => false) {
  const real = stack.handlers[name]!;
  stack.handlers[name] = async (event, context) => (keep(event as { detail: Record<string, unknown> }) ? real(event, context) : undefined);
  return { restore: () => void (stack.handlers[name] = real) };
}

describe('an interrupted digest delivery', () => {
  it('finishes when the rollover runs again for the month: everyone once, nobody twice', async () => {
    // Prepare: of three planned batches, only the first reaches the sender.
    const lost = loseEvents('send-digest-batch', (event) => event.detail['batch'] === 0);
    await stack.handlers.rollover!({ scheduledTime: '2031-04-01T13:00:00Z' });
    await stack.settle();
    const before = await digestsPerRecipient('April 2031');
    lost.restore();

    // Act
    await stack.handlers.rollover!({ scheduledTime: '2031-04-01T15:00:00Z' });
    await stack.settle();
    const after = await digestsPerRecipient('April 2031');
    const check = await checkDigestDelivery({ ...table(), publisher: busPublisher(), batchSize: 50 }, '2031-04', { graceMs: 0 });

    // Assess
    expect(before.size).toBe(50);
    expect(after.size).toBe(SUBSCRIBERS);
    expect(Math.max(...after.values())).toBe(1);
    expect(check).toEqual({ month: '2031-04', state: 'delivered' });
  }, 120_000);

  it('is left alone while under way, resumed by the scheduled check after the grace period, and alarms a day late', async () => {
    // Prepare: the plan's event never reaches the planner.
    const lost = loseEvents('plan-digest-delivery');
    await stack.handlers.rollover!({ scheduledTime: '2031-05-01T13:00:00Z' });
    await stack.settle();
    const deps = { ...table(), publisher: busPublisher(), batchSize: 50 };
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));

    // Act
    const early = await checkDigestDelivery(deps, '2031-05');
    const late = await checkDigestDelivery({ ...deps, now: () => new Date(Date.now() + DELIVERY_DEADLINE_MS + 60_000) }, '2031-05');
    await stack.settle();
    const whileLost = await digestsPerRecipient('May 2031');
    lost.restore();
    const resumed = await checkDigestDelivery({ ...deps, now: () => new Date(Date.now() + DELIVERY_GRACE_MS + 60_000) }, '2031-05');
    await stack.settle();
    spy.mockRestore();
    const after = await digestsPerRecipient('May 2031');
    const again = await checkDigestDelivery(deps, '2031-05');

    // Assess
    expect(early).toEqual({ month: '2031-05', state: 'under-way' });
    expect(late).toEqual({ month: '2031-05', state: 'planning-resumed' });
    expect(lines.filter((line) => line.includes('"DigestDeliveryOverdue":1'))).toHaveLength(1);
    expect(whileLost.size).toBe(0);
    expect(resumed).toEqual({ month: '2031-05', state: 'planning-resumed' });
    expect(after.size).toBe(SUBSCRIBERS);
    expect(Math.max(...after.values())).toBe(1);
    expect(again).toEqual({ month: '2031-05', state: 'delivered' });
  }, 120_000);

  it('resends to exactly the subscribers without a delivery record once planning is done', async () => {
    // Prepare: planning completes, but the batches after the first are lost.
    const lost = loseEvents('send-digest-batch', (event) => event.detail['batch'] === 0);
    await stack.handlers.rollover!({ scheduledTime: '2031-06-01T13:00:00Z' });
    await stack.settle();
    lost.restore();

    // Act
    const resumed = await checkDigestDelivery({ ...table(), publisher: busPublisher(), batchSize: 50, now: () => new Date(Date.now() + DELIVERY_GRACE_MS + 60_000) }, '2031-06');
    await stack.settle();
    const after = await digestsPerRecipient('June 2031');

    // Assess
    expect(resumed).toEqual({ month: '2031-06', state: 'sending-resumed', missing: SUBSCRIBERS - 50, batches: 2 });
    expect(after.size).toBe(SUBSCRIBERS);
    expect(Math.max(...after.values())).toBe(1);
  }, 120_000);

  it('reports a month without a digest as such', async () => {
    // Act
    const check = await checkDigestDelivery({ ...table(), publisher: busPublisher(), batchSize: 50 }, '2040-01');

    // Assess
    expect(check).toEqual({ month: '2040-01', state: 'no-digest' });
  });
});

describe('a slow send under a delivery lease', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('keeps its lease by renewing through a long retry chain, so a duplicate cannot send meanwhile', async () => {
    // Prepare: a 200 ms lease and a send that retries for about 600 ms, renewing before each try.
    const ledger = { ...table(), leaseMs: 200 };
    let sends = 0;
    const slow = deliverOnce(ledger, 'test/renewed', async (lease) => {
      for (let retry = 0; retry < 4; retry++) {
        await pause(150);
        await lease.renew();
      }
      sends++;
      return { messageId: 'slow' };
    });

    // Act: a duplicate arrives after the first lease term has passed.
    await pause(350);
    const duplicate = await deliverOnce(ledger, 'test/renewed', async () => ((sends++), { messageId: 'duplicate' })).catch((error: unknown) => error);
    const first = await slow;
    const later = await deliverOnce(ledger, 'test/renewed', async () => ((sends++), { messageId: 'later' }));

    // Assess
    expect(duplicate).toBeInstanceOf(DeliveryInProgressError);
    expect(first).toBe('sent');
    expect(later).toBe('duplicate');
    expect(sends).toBe(1);
  });

  it('does not send when its lease ran out and another sender took over: one email', async () => {
    // Prepare: a send stalled past its 100 ms lease without renewing.
    const ledger = { ...table(), leaseMs: 100 };
    let sends = 0;
    let stalled!: () => void;
    const resumeStalled = new Promise<void>((resolve) => (stalled = resolve));
    const slow = deliverOnce(ledger, 'test/lapsed', async (lease) => {
      await resumeStalled;
      await lease.renew();
      sends++;
      return { messageId: 'slow' };
    }).catch((error: unknown) => error);

    // Act: once the lease has lapsed, another sender takes over and sends; then the first wakes.
    await pause(200);
    const takeover = await deliverOnce(ledger, 'test/lapsed', async () => ((sends++), { messageId: 'takeover' }));
    stalled();
    const first = await slow;

    // Assess
    expect(takeover).toBe('sent');
    expect(first).toBeInstanceOf(DeliveryLeaseLostError);
    expect(sends).toBe(1);
  });
});

describe('reading many cities', () => {
  it('reads 150 cities by id, over BatchGetItem’s 100-key limit, in the order asked', async () => {
    // Prepare
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      const created = await stack.api('/api/cities', { body: registration({ name: `Batchton ${i + 1}`, contactEmail: `batch${i}@city.example.org` }) });
      ids.push(created.body.id as string);
    }

    // Act
    const asked = [...ids.slice(75), ...ids.slice(0, 75), 'no-such-city'];
    const cities = await getCities(table(), asked);

    // Assess
    expect(cities.map((city) => city.id)).toEqual(asked.slice(0, 150));
  }, 120_000);
});
