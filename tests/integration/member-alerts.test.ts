/**
 * Member alerts end to end through the local stack: a coordinator approves a city, the bus
 * delivers CityApproved to match-approved-city, and the weekly send-member-alerts handler
 * (called directly, as its schedule would) mails each fitting member one batched email.
 */
import { describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/aws/dynamodb';
import { config } from '../../shared/config';
import { addActiveMember, memberKey, type Member } from '../../shared/members';
import { approvedCity, COORDINATOR_TOKEN, useTestStack, type MailboxEmail } from '../support/stack';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

const stack = useTestStack({ coordinatorToken: COORDINATOR_TOKEN });

/** Mondays at 14:00 New York time (19:00 UTC in winter), as the schedule fires. */
const WEEK_1 = '2031-01-06T19:00:00.000Z';
const WEEK_2 = '2031-01-13T19:00:00.000Z';
const WEEK_3 = '2031-01-20T19:00:00.000Z';

async function member(email: string, profile: Partial<Member> = {}): Promise<Member> {
  const added = await addActiveMember(
    table(),
    {
      email,
      name: email.split('@')[1]!.split('.')[0]!.replace(/^./, (letter) => letter.toUpperCase()),
      state: 'MA',
      population: 650_000,
      interests: ['arts-culture', 'tourism'],
      regions: ['asia'],
      ...profile,
    },
    new Date(),
  );
  if (!added) throw new Error(`member ${email} exists`);
  return added;
}

let cities = 0;

/** A city approved by a coordinator, with every event it causes delivered. */
async function approve(name: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await approvedCity(stack, {
    name,
    country: 'VN',
    population: 652_572,
    interests: ['arts-culture', 'tourism'],
    contact: { name: `Contact of ${name}`, email: `intl@city-${++cities}.example.org` },
    ...overrides,
  });
  await stack.settle();
  return id;
}

/** The weekly batch, run now for the week of `scheduledTime` (what the schedule does). */
async function sendWeeklyAlerts(scheduledTime: string) {
  return stack.handlers['send-member-alerts']!({ scheduledTime });
}

async function alertsTo(address: string): Promise<MailboxEmail[]> {
  return (await stack.mailbox()).filter((email) => email.destination.to.includes(address) && /fits? /.test(email.subject));
}

async function pendingItem(memberId: string) {
  const result = await documentClient().send(
    new GetCommand({ TableName: config().TABLE_NAME, Key: { pk: `MEMBERALERT#${memberId}`, sk: 'PENDING' }, ConsistentRead: true }),
  );
  return result.Item;
}

describe('alerts about approved cities', () => {
  it('sends one alert to a fitting member and none to a non-fitting or opted-out one; a repeated CityApproved sends nothing more', async () => {
    // Prepare
    const fitting = await member('intl@boston.example.org');
    const unfitting = await member('intl@smalltown.example.org', { population: 4_000, interests: ['agriculture'], regions: ['europe'], state: 'AK' });
    const optedOut = await member('intl@cambridge.example.org', { alertsOptOut: true });

    // Act
    const cityId = await approve('Huế');
    const first = await sendWeeklyAlerts(WEEK_1);
    const afterFirst = await alertsTo(fitting.email);
    await busPublisher().publish([{ detailType: 'CityApproved', detail: { cityId } }]);
    await stack.settle();
    const afterRedelivery = await pendingItem(fitting.id);
    await sendWeeklyAlerts(WEEK_1);
    await sendWeeklyAlerts(WEEK_2);

    // Assess
    expect(first).toMatchObject({ week: '2031-W02', sent: 1 });
    expect(afterFirst).toHaveLength(1);
    const alert = afterFirst[0]!;
    expect(alert.subject).toBe('A new city seeking a U.S. sister city fits Boston: Huế');
    expect(alert.body.text).toContain('Huế, Vietnam (population 652,572)');
    expect(alert.body.text).toContain('Both want arts & culture and tourism');
    expect(alert.body.text).toContain(`/cities/${cityId}`);
    expect(alert.body.text).toMatch(new RegExp(`/api/members/${fitting.id}\\?token=[\\w.%-]+`));
    // The city was mailed already: delivering its approval again queues nothing.
    expect(afterRedelivery?.cityIds).toBeUndefined();
    expect([...afterRedelivery?.alertedCityIds]).toEqual([cityId]);
    expect(await alertsTo(fitting.email)).toHaveLength(1);
    expect(await alertsTo(unfitting.email)).toEqual([]);
    expect(await alertsTo(optedOut.email)).toEqual([]);
    const pending = await pendingItem(fitting.id);
    expect(pending?.cityIds).toBeUndefined();
    expect(pending?.gsi2pk).toBeUndefined();
    expect(stack.bus.deadLetters()).toEqual([]);
  });

  it('batches the cities of a week into one email, and keeps a city approved after it for the next week', async () => {
    // Prepare
    const fan = await member('intl@portland.example.org', { interests: ['environment', 'youth'], regions: ['oceania'], state: 'OR', population: 650_000 });
    const wellington = await approve('Wellington', { country: 'NZ', population: 215_400, interests: ['environment', 'youth'] });
    const nelson = await approve('Nelson', { country: 'NZ', population: 54_600, interests: ['environment', 'youth'] });

    // Act
    await sendWeeklyAlerts(WEEK_2);
    const batched = await alertsTo(fan.email);
    const dunedin = await approve('Dunedin', { country: 'NZ', population: 134_600, interests: ['environment', 'youth'] });
    await sendWeeklyAlerts(WEEK_2);
    const sameWeek = await alertsTo(fan.email);
    await sendWeeklyAlerts(WEEK_3);
    const nextWeek = await alertsTo(fan.email);

    // Assess
    expect(batched).toHaveLength(1);
    expect(batched[0]!.subject).toBe('2 new cities seeking a U.S. sister city fit Portland');
    expect(batched[0]!.body.text).toContain(`/cities/${wellington}`);
    expect(batched[0]!.body.text).toContain(`/cities/${nelson}`);
    expect(sameWeek).toHaveLength(1);
    expect(nextWeek).toHaveLength(2);
    const later = nextWeek.find((email) => email.messageId !== batched[0]!.messageId)!;
    expect(later.body.text).toContain(`/cities/${dunedin}`);
    expect(later.body.text).not.toContain(`/cities/${wellington}`);
  });

  it('drops queued cities without an email when the member opts out before the week’s send', async () => {
    // Prepare
    const changed = await member('intl@austin.example.org', { interests: ['sports', 'health'], regions: ['africa'], state: 'TX', population: 1_000_000 });
    await approve('Kumasi', { country: 'GH', population: 3_630_000, interests: ['sports', 'health'] });
    expect((await pendingItem(changed.id))?.cityIds?.size).toBe(1);
    await documentClient().send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: memberKey(changed.id),
        UpdateExpression: 'SET alertsOptOut = :true',
        ExpressionAttributeValues: { ':true': true },
      }),
    );

    // Act
    await sendWeeklyAlerts(WEEK_3);

    // Assess
    expect(await alertsTo(changed.email)).toEqual([]);
    const pending = await pendingItem(changed.id);
    expect(pending?.cityIds).toBeUndefined();
    expect(pending?.gsi2pk).toBeUndefined();
  });
});
