/**
 * At-least-once delivery: repeated events, a bus that fails, a mail send that fails — each
 * ends with every email sent exactly once.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/aws/dynamodb';
import { sesClient } from '../../shared/aws/sesv2';
import { config } from '../../shared/config';
import { deliverOnce, DeliveryInProgressError } from '../../shared/email/deliveries';
import { sesMailer, type Mailer } from '../../shared/email/mailer';
import { sweepOutbox } from '../../shared/events/outbox';
import { eventBridgePublisher } from '../../shared/events/publisher';
import { eventBridgeClient } from '../../shared/aws/eventbridge';
import { notifyCityRegistered } from '../../shared/cities/notify-registered';
import { registration, useTestStack } from '../support/stack';

const stack = useTestStack();

function envelope(cityId: string) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'CityRegistered',
    source: 'cities-seeking-cities',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    region: 'us-east-1',
    resources: [],
    detail: { cityId },
  };
}

const outboxDeps = () => ({
  documents: documentClient(),
  tableName: config().TABLE_NAME,
  publisher: eventBridgePublisher(eventBridgeClient(), { busName: config().EVENT_BUS_NAME, baseDelayMs: 1 }),
});

describe('CityRegistered consumer', () => {
  it('sends each email once when the same event is delivered again, sequentially and concurrently', async () => {
    // Prepare
    const created = await stack.api('/api/cities', { body: registration({ name: 'Thakhek' }) });
    await stack.settle();
    const notify = stack.handlers['notify-city-registered']!;

    // Act
    await notify(envelope(created.body.id));
    await Promise.allSettled([notify(envelope(created.body.id)), notify(envelope(created.body.id)), notify(envelope(created.body.id))]);

    // Assess
    const emails = await stack.mailbox();
    expect(emails.filter((email) => email.destination.to.includes('coordinator@example.org'))).toHaveLength(1);
    expect(emails.filter((email) => email.destination.to.includes('intl@vientiane.example.org'))).toHaveLength(1);
  });

  it('rejects a malformed event instead of acting on it', async () => {
    // Act
    const outcome = stack.handlers['notify-city-registered']!({ ...envelope('x'), detail: { city: 'x' } });

    // Assess
    await expect(outcome).rejects.toThrow();
    expect(await stack.mailbox()).toHaveLength(0);
  });

  it('retries after a failed send and then sends exactly once', async () => {
    // Prepare: a mailer whose first send fails, as SES does when throttling.
    const created = await stack.api('/api/cities', { body: registration({ name: 'Phonsavan' }) });
    await stack.settle();
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
    const real = sesMailer(sesClient(), { sender: 'cities@example.org' });
    let failures = 1;
    const flaky: Mailer = {
      send: (message) => (failures-- > 0 ? Promise.reject(Object.assign(new Error('Maximum sending rate exceeded'), { name: 'Throttling' })) : real.send(message)),
    };
    // The deliveries of this city were recorded by the bus already: use a fresh cause namespace.
    const deps = { documents: documentClient(), tableName: config().TABLE_NAME, mailer: flaky, coordinatorEmail: 'other-coordinator@example.org', publicUrl: 'http://localhost' };
    const ledgerCause = `test/${created.body.id}`;

    // Act
    const first = deliverOnce(deps, ledgerCause, () => flaky.send({ to: ['other-coordinator@example.org'], subject: 's', text: 't', html: '<p>t</p>' }));
    await expect(first).rejects.toThrow('Maximum sending rate exceeded');
    const second = await deliverOnce(deps, ledgerCause, () => flaky.send({ to: ['other-coordinator@example.org'], subject: 's', text: 't', html: '<p>t</p>' }));
    const third = await deliverOnce(deps, ledgerCause, () => flaky.send({ to: ['other-coordinator@example.org'], subject: 's', text: 't', html: '<p>t</p>' }));

    // Assess
    expect([second, third]).toEqual(['sent', 'duplicate']);
    expect((await stack.mailbox()).filter((email) => email.destination.to.includes('other-coordinator@example.org'))).toHaveLength(1);
    await expect(notifyCityRegistered(deps, created.body.id)).resolves.toEqual({ coordinator: 'duplicate', contact: 'duplicate' });
  });

  it('makes a concurrent duplicate wait (retry later) while another invocation holds the lease', async () => {
    // Prepare
    const cause = `lease/${randomUUID()}`;
    let release!: () => void;
    let leaseTaken!: () => void;
    const holding = new Promise<void>((resolve) => (leaseTaken = resolve));
    // The send starts only once the lease is written: wait for that, not for a guessed delay.
    const slowSend = () => {
      leaseTaken();
      return new Promise<{ messageId: string }>((resolve) => (release = () => resolve({ messageId: 'm1' })));
    };
    const ledger = { documents: documentClient(), tableName: config().TABLE_NAME };

    // Act
    const holder = deliverOnce(ledger, cause, slowSend);
    await holding;
    const duplicate = deliverOnce(ledger, cause, async () => ({ messageId: 'm2' }));

    // Assess
    await expect(duplicate).rejects.toBeInstanceOf(DeliveryInProgressError);
    release();
    await expect(holder).resolves.toBe('sent');
    await expect(deliverOnce(ledger, cause, async () => ({ messageId: 'm3' }))).resolves.toBe('duplicate');
  });

  it('sends again when a sender died mid-way and its lease expired', async () => {
    // Prepare: a lease taken ten minutes ago and never completed (the sender crashed).
    const cause = `crash/${randomUUID()}`;
    const ledger = { documents: documentClient(), tableName: config().TABLE_NAME };
    await documentClient().send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: { pk: `DELIVERY#${cause}`, sk: 'DELIVERY', status: 'sending', lease: 'dead', leaseUntil: Date.now() - 9 * 60_000 },
      }),
    );

    // Act
    const outcome = await deliverOnce(ledger, cause, async () => ({ messageId: 'after-crash' }));

    // Assess
    expect(outcome).toBe('sent');
  });
});

describe('the outbox', () => {
  it('keeps a registration whose event could not be published, and the sweep delivers it once', async () => {
    // Prepare
    stack.bus.faults.unavailable = true;

    // Act: register while the bus is down.
    const created = await stack.api('/api/cities', { body: registration({ name: 'Attapeu' }) });
    await stack.settle();
    const emailsWhileDown = await stack.mailbox();
    stack.bus.faults.unavailable = false;
    const early = await sweepOutbox(outboxDeps(), new Date());
    const later = new Date(Date.now() + 5 * 60_000);
    const swept = await sweepOutbox(outboxDeps(), later);
    await stack.settle();
    const sweptAgain = await sweepOutbox(outboxDeps(), later);
    await stack.settle();

    // Assess
    expect(created.status).toBe(201);
    expect(emailsWhileDown).toHaveLength(0);
    expect(early.published).toBe(0);
    expect(swept.published).toBe(1);
    expect(sweptAgain.published).toBe(0);
    const emails = await stack.mailbox();
    expect(emails.filter((email) => email.destination.to.includes('coordinator@example.org') && email.subject.includes('Attapeu'))).toHaveLength(1);
  });

  it('re-sends only the entries EventBridge refused in a partial failure', async () => {
    // Prepare: the bus refuses the first entry it sees once.
    let refusals = 1;
    stack.bus.faults.rejectEntry = () =>
      refusals-- > 0 ? { ErrorCode: 'InternalFailure', ErrorMessage: 'injected partial failure' } : undefined;

    // Act
    const created = await stack.api('/api/cities', { body: registration({ name: 'Salavan' }) });
    await stack.settle();

    // Assess
    expect(created.status).toBe(201);
    const city = (await stack.items()).find((item) => item.id === created.body.id);
    expect(city).not.toHaveProperty('outbox');
    const emails = await stack.mailbox();
    expect(emails.filter((email) => email.subject.includes('Salavan') && email.destination.to.includes('coordinator@example.org'))).toHaveLength(1);
  });
});
