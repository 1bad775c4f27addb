/**
 * Delivery at scale through the local stack: thousands of subscribers, SES throttling injected
 * with aws-sdk-client-mock in front of the real (local) SES, and a crash half-way. Every
 * subscriber still ends with exactly one digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from '../../shared/aws/sesv2';
import { addActiveSubscriber } from '../../shared/subscribers';
import { approvedCity, COORDINATOR_TOKEN, startTestStack, type TestStack } from '../support/stack';
import { resetRuntime } from '../../shared/runtime/container';
import { table } from '../../shared/runtime/table';

const SUBSCRIBERS = 2000;
let stack: TestStack;

beforeAll(async () => {
  // Fast pacing and backoff: the test proves no one is dropped or repeated, not the speed.
  Object.assign(process.env, { DIGEST_SEND_RATE: '1000', DIGEST_RETRY_BASE_MS: '1', DIGEST_BATCH_SIZE: '100' });
  stack = await startTestStack({ coordinatorToken: COORDINATOR_TOKEN, busRetry: { attempts: 5, baseDelayMs: 10 } });
  resetRuntime();
  for (const [name, country] of [['Vientiane', 'LA'], ['Peshawar City', 'PK'], ['Tetovo', 'MK']]) await approvedCity(stack, { name, country });
  const now = new Date();
  for (let start = 0; start < SUBSCRIBERS; start += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, SUBSCRIBERS - start) }, (_, offset) =>
        addActiveSubscriber(table(), { email: `member${start + offset}@towns.example.org` }, now),
      ),
    );
  }
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('digest delivery to thousands', () => {
  it('mails each of 2,000 subscribers exactly once despite SES throttling and a crash half-way', async () => {
    // Prepare: every 7th send is throttled; the 700th "crashes" the batch it is in.
    const passThrough = new SESv2Client({});
    const ses = mockClient(sesClient());
    let calls = 0;
    let throttles = 0;
    ses.on(SendEmailCommand).callsFake(async (input) => {
      calls++;
      if (calls === 700) throw new Error('simulated crash of the sending function');
      if (calls % 7 === 0) {
        throttles++;
        throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      }
      return passThrough.send(new SendEmailCommand(input));
    });

    // Act
    await stack.handlers.rollover!({ scheduledTime: '2031-03-01T14:00:00Z' });
    await stack.settle();

    // Assess
    ses.restore();
    const digests = (await stack.mailbox()).filter((email) => email.subject.startsWith('Cities Seeking Cities — March 2031'));
    const perRecipient = new Map<string, number>();
    for (const email of digests) for (const to of email.destination.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(SUBSCRIBERS);
    expect(Math.max(...perRecipient.values())).toBe(1);
    expect(throttles).toBeGreaterThan(200);
    expect(stack.bus.deadLetters()).toEqual([]);
  }, 300_000);
});
