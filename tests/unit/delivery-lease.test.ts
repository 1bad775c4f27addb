/**
 * The delivery rule (`deliverThrough` in `shared/email/deliveries.ts`) on in-memory delivery
 * records: a lease taken before sending, renewable during a slow send, and "sent" recorded
 * only under one's own lease.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DELIVERY_LEASE_MS, DeliveryInProgressError, DeliveryLeaseLostError, deliverThrough, type DeliveryLease } from '../../shared/email/deliveries';
import { InMemoryDeliveryRecords } from '../support/fakes/delivery-records';

const CAUSE = 'city-registered/01JABCDEFGHJKMNPQRSTVWXYZ0/coordinator';
const T0 = new Date('2031-05-01T12:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

/** A promise the test settles when it chooses. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** A mailer that records what it sent; `send(id)` sends at once, `slowSend(id, until)` after `until`. */
function mailer() {
  const sent: string[] = [];
  return {
    sent,
    send: (messageId: string) => async () => {
      sent.push(messageId);
      return { messageId };
    },
    slowSend: (messageId: string, until: Promise<void>) => async () => {
      await until;
      sent.push(messageId);
      return { messageId };
    },
  };
}

/** Exactly `messageId` went out, and the record says so. */
function expectSentOnly(mail: ReturnType<typeof mailer>, records: InMemoryDeliveryRecords, messageId: string): void {
  expect(mail.sent).toEqual([messageId]);
  expect(records.record(CAUSE)).toMatchObject({ status: 'sent', messageId });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('delivering an email once', () => {
  it('sends once for two concurrent deliveries of the same email; the other is told to retry', async () => {
    // Prepare
    const records = new InMemoryDeliveryRecords();
    const mail = mailer();

    // Act
    const outcomes = await Promise.allSettled([deliverThrough(records, CAUSE, mail.send('first'), T0), deliverThrough(records, CAUSE, mail.send('second'), T0)]);

    // Assess
    expect(mail.sent).toEqual(['first']);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'sent' });
    expect(outcomes[1]!.status).toBe('rejected');
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DeliveryInProgressError);
    expect(records.record(CAUSE)).toMatchObject({ status: 'sent', messageId: 'first' });
  });

  it('sends nothing for an email already sent, and says it was a duplicate', async () => {
    // Prepare
    const records = new InMemoryDeliveryRecords();
    const mail = mailer();
    await deliverThrough(records, CAUSE, mail.send('first'), T0);

    // Act
    const outcome = await deliverThrough(records, CAUSE, mail.send('again'), later(10 * DELIVERY_LEASE_MS));

    // Assess
    expect(outcome).toBe('duplicate');
    expectSentOnly(mail, records, 'first');
  });

  it("keeps a second sender out while the first sender's lease lasts", async () => {
    // Prepare: the first sender is still sending when the second arrives, just as its lease ends.
    const records = new InMemoryDeliveryRecords();
    const mail = mailer();
    const firstDone = gate();
    const first = deliverThrough(records, CAUSE, mail.slowSend('first', firstDone.promise), T0);

    // Act
    const second = deliverThrough(records, CAUSE, mail.send('second'), later(DELIVERY_LEASE_MS));

    // Assess
    await expect(second).rejects.toBeInstanceOf(DeliveryInProgressError);
    firstDone.open();
    expect(await first).toBe('sent');
    expect(mail.sent).toEqual(['first']);
  });

  it('lets another sender take over a lease that expired (its sender died) and record the email as sent', async () => {
    // Prepare: the first sender took the lease and never came back.
    const records = new InMemoryDeliveryRecords();
    const mail = mailer();
    const never = gate();
    void deliverThrough(records, CAUSE, mail.slowSend('dead', never.promise), T0);

    // Act
    const outcome = await deliverThrough(records, CAUSE, mail.send('second'), later(DELIVERY_LEASE_MS + 1));

    // Assess
    expect(outcome).toBe('sent');
    expectSentOnly(mail, records, 'second');
  });

  it('keeps a second sender out past the first term when the first sender renewed its lease during a slow send', async () => {
    // Prepare: the first sender renews 50 s into its 60 s lease (renewal runs on the clock).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const records = new InMemoryDeliveryRecords();
    const mail = mailer();
    const renewNow = gate();
    const renewed = gate();
    const firstDone = gate();
    const first = deliverThrough(
      records,
      CAUSE,
      async (lease: DeliveryLease) => {
        await renewNow.promise;
        await lease.renew();
        renewed.open();
        return mail.slowSend('first', firstDone.promise)();
      },
      T0,
    );
    vi.setSystemTime(later(50_000));
    renewNow.open();
    await renewed.promise;

    // Act: 90 s after the start, past the first term, within the renewed one.
    const second = deliverThrough(records, CAUSE, mail.send('second'), later(90_000));

    // Assess
    await expect(second).rejects.toBeInstanceOf(DeliveryInProgressError);
    firstDone.open();
    expect(await first).toBe('sent');
    expectSentOnly(mail, records, 'first');
  });

  it('stops a slow sender whose lease was taken over when it tries to renew it', async () => {
    // Prepare: the first sender's lease expired mid-send and a second sender sent the email.
    const records = new InMemoryDeliveryRecords();
    const mail = mailer();
    const renewNow = gate();
    const first = deliverThrough(
      records,
      CAUSE,
      async (lease: DeliveryLease) => {
        await renewNow.promise;
        await lease.renew();
        return mail.send('first')();
      },
      T0,
    );
    await deliverThrough(records, CAUSE, mail.send('second'), later(DELIVERY_LEASE_MS + 1));

    // Act
    renewNow.open();
    const outcome = first.then(
      () => 'returned',
      (error: unknown) => error,
    );

    // Assess
    expect(await outcome).toBeInstanceOf(DeliveryLeaseLostError);
    expectSentOnly(mail, records, 'second');
  });

  it('does not record "sent" for a sender whose lease was taken over while it sent', async () => {
    // Prepare: the first sender's lease expires mid-send; a second sender takes over and is still sending.
    const records = new InMemoryDeliveryRecords();
    const mail = mailer();
    const firstDone = gate();
    const secondDone = gate();
    const first = deliverThrough(records, CAUSE, mail.slowSend('first', firstDone.promise), T0);
    const second = deliverThrough(records, CAUSE, mail.slowSend('second', secondDone.promise), later(DELIVERY_LEASE_MS + 1));

    // Act
    firstDone.open();
    await first;

    // Assess: the record is the second sender's, still sending; it decides from here.
    expect(records.record(CAUSE)).toMatchObject({ status: 'sending' });
    expect(records.record(CAUSE)?.messageId).toBeUndefined();
    secondDone.open();
    expect(await second).toBe('sent');
    expect(records.record(CAUSE)).toMatchObject({ status: 'sent', messageId: 'second' });
  });

  it('releases the lease when the send fails, so that a retry sends at once', async () => {
    // Prepare
    const records = new InMemoryDeliveryRecords();
    const mail = mailer();
    const failing = deliverThrough(
      records,
      CAUSE,
      async () => {
        throw new Error('SES is unavailable');
      },
      T0,
    );
    await expect(failing).rejects.toThrow('SES is unavailable');

    // Act
    const retry = await deliverThrough(records, CAUSE, mail.send('retry'), later(1));

    // Assess
    expect(retry).toBe('sent');
    expect(mail.sent).toEqual(['retry']);
  });
});
