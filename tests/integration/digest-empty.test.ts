import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveSubscriber } from '../../shared/subscribers';
import { registration, startTestStack, type TestStack } from '../support/stack';
import { table } from '../../shared/runtime/table';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await addActiveSubscriber(table(), { email: 'reader@member.example.org' }, new Date());
  // A pending city is not eligible: only approved, seeking cities are featured.
  await stack.api('/api/cities', { body: registration({ name: 'Waiting Town', country: 'GH' }) });
  await stack.settle();
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('a month with no eligible city', () => {
  it('sends no digest, tells the coordinator once, and lists nothing in the archive', async () => {
    // Act
    await stack.handlers.rollover!({ scheduledTime: '2031-06-01T13:00:00Z' });
    await stack.settle();
    await stack.handlers.rollover!({ scheduledTime: '2031-06-01T13:00:00Z' });
    await stack.settle();

    // Assess
    const emails = await stack.mailbox();
    expect(emails.filter((email) => email.destination.to.includes('reader@member.example.org'))).toHaveLength(0);
    const notices = emails.filter((email) => email.destination.to.includes('coordinator@example.org'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe('No digest for June 2031: no eligible city');
    expect((await stack.api('/api/digests')).body.items).toEqual([]);
  });
});
