/**
 * Member profiles and suggestions through the real local stack: double opt-in, the signed
 * manage link, validation, suggestions both ways, the coordinator's list, and "Suggested for
 * you" in the digest of a reader who is also a member.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { addActiveMember, getMember, memberIdOf, memberManageLink } from '../../shared/members';
import { addActiveSubscriber, subscriberIdOf } from '../../shared/subscribers';
import { signToken } from '../../shared/tokens';
import { approvedCity, asCoordinator, COORDINATOR_TOKEN, useTestStack, type MailboxEmail } from '../support/stack';
import { table } from '../../shared/runtime/table';

const stack = useTestStack({ coordinatorToken: COORDINATOR_TOKEN });
let vientianeId: string;
let farmTownId: string;

beforeAll(async () => {
  // The acceptance pair: two interests shared in Asia, and nothing shared in Europe.
  vientianeId = await approvedCity(stack, { name: 'Vientiane', country: 'LA', population: 783_000, interests: ['economic-development', 'arts-culture'] });
  farmTownId = await approvedCity(stack, {
    name: 'Saint-Farm',
    country: 'FR',
    population: 12_000,
    interests: ['agriculture'],
    contact: { name: 'Claire Martin', email: 'mairie@saint-farm.example.org' },
  });
  await stack.settle();
});

function newAddress(local = 'intl'): string {
  return `${local}.${randomUUID().slice(0, 8)}@example.org`;
}

/** A Boston-like profile request; override fields per test. */
function profile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    email: newAddress(),
    name: 'Boston',
    state: 'MA',
    population: 650_000,
    interests: ['economic-development', 'arts-culture', 'technology'],
    regions: ['asia'],
    ...overrides,
  };
}

async function mailTo(address: string): Promise<MailboxEmail[]> {
  return (await stack.mailbox()).filter((email) => email.destination.to.includes(address));
}

function linkIn(email: MailboxEmail, pattern: RegExp): string {
  const link = pattern.exec(email.body.text ?? '')?.[0];
  if (!link) throw new Error(`no link ${pattern} in: ${email.body.text}`);
  return link;
}

const CONFIRM_LINK = /https?:\/\/\S+\/api\/members\/confirm\?token=[A-Za-z0-9._~%-]+/;
const MANAGE_LINK = /https?:\/\/[^\s"<>]+\/api\/members\/[A-Za-z0-9_-]+\?token=[A-Za-z0-9._~%-]+/;

function pathOf(link: string): string {
  const url = new URL(link.replace(/&amp;/g, '&'));
  return `${url.pathname}${url.search}`;
}

/** A Boston-like active member, added directly (consent collected elsewhere). */
async function activeBoston(overrides: Record<string, unknown> = {}) {
  const member = await addActiveMember(table(), profile({ email: newAddress('boston'), ...overrides }) as Parameters<typeof addActiveMember>[1], new Date());
  if (!member) throw new Error('member not added');
  return { member, manage: pathOf(await memberManageLink('http://localhost', member.id)) };
}

describe('POST /api/members', () => {
  it('answers 202 and emails one confirmation link that activates the profile and shows the manage link', async () => {
    // Prepare
    const request = profile();

    // Act
    const response = await stack.api('/api/members', { body: request });
    await stack.settle();

    // Assess: one email, whose link confirms and shows the manage link.
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'accepted' });
    const emails = await mailTo(request.email as string);
    expect(emails).toHaveLength(1);
    const id = memberIdOf(request.email as string);
    expect((await getMember(table(), id))?.status).toBe('pending');

    // Opening the link changes nothing (mail scanners open links); its button confirms.
    const link = pathOf(linkIn(emails[0]!, CONFIRM_LINK));
    const opened = await stack.api(link);
    const head = await fetch(`${stack.urls.api}${link}`, { method: 'HEAD' });
    expect(opened.status).toBe(200);
    expect(head.ok || head.status === 404).toBe(true);
    expect(opened.body).toContain('Confirm your member profile');
    expect(opened.body).toContain(`<form method="post" action="${link.replace(/&/g, '&amp;')}"`);
    expect((await getMember(table(), id))?.status).toBe('pending');
    const page = await stack.api(link, { method: 'POST' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('Your member profile is ready');
    const manage = pathOf(linkIn({ ...emails[0]!, body: { text: page.body } }, MANAGE_LINK));
    const member = await getMember(table(), id);
    expect(member?.status).toBe('active');
    expect(member?.confirmedAt).toBeDefined();

    const shown = await stack.api(manage);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id,
      name: 'Boston',
      state: 'MA',
      population: 650_000,
      // Stored in program order, whatever order they were sent in.
      interests: ['arts-culture', 'economic-development', 'technology'],
      regions: ['asia'],
      alertsOptOut: false,
      status: 'active',
    });
    expect(shown.body.email).not.toBe(request.email);
    expect(shown.body.email).toMatch(/^i•••@example\.org$/);
  });

  it('confirms only once: the same link again says so and changes nothing', async () => {
    // Prepare
    const request = profile();
    await stack.api('/api/members', { body: request });
    await stack.settle();
    const [email] = await mailTo(request.email as string);
    const link = pathOf(linkIn(email!, CONFIRM_LINK));
    await stack.api(link, { method: 'POST' });
    const confirmedAt = (await getMember(table(), memberIdOf(request.email as string)))?.confirmedAt;

    // Act
    const again = await stack.api(link, { method: 'POST' });
    const opened = await stack.api(link);

    // Assess
    expect(again.status).toBe(200);
    expect(again.body).toContain('already confirmed');
    expect(opened.body).toContain('already confirmed');
    expect(opened.body).not.toContain('<form');
    expect((await getMember(table(), memberIdOf(request.email as string)))?.confirmedAt).toBe(confirmedAt);
  });

  it('answers the same 202 for a new, a pending and an active address, and never changes an active profile', async () => {
    // Prepare: a pending request just made, and an active member.
    const pending = profile();
    await stack.api('/api/members', { body: pending });
    const { member: active } = await activeBoston();
    await stack.settle();
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });

    // Act
    const answers = await Promise.all([
      stack.api('/api/members', { body: profile() }),
      stack.api('/api/members', { body: { ...pending, name: 'Pending Again' } }),
      stack.api('/api/members', { body: profile({ email: active.email, name: 'Hijacked', population: 1 }) }),
    ]);
    await stack.settle();

    // Assess: identical answers; only the new address got an email (the others are within the
    // re-send window); the active profile is untouched.
    for (const answer of answers) {
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ status: 'accepted' });
    }
    expect(await mailTo(pending.email as string)).toHaveLength(0);
    expect(await mailTo(active.email)).toHaveLength(0);
    const stored = await getMember(table(), active.id);
    expect(stored).toMatchObject({ name: 'Boston', population: 650_000, status: 'active' });
  });

  it.each([
    ['a missing email', { email: undefined }, 'email', 'is required'],
    ['a bad email', { email: 'not-an-address' }, 'email', 'must be an email address such as name@example.org'],
    ['an empty name', { name: '  ' }, 'name', 'must not be empty'],
    ['an unknown state', { state: 'ZZ' }, 'state', 'must be a U.S. state code, such as MA'],
    ['a fractional population', { population: 12.5 }, 'population', 'must be a whole number'],
    ['no interests', { interests: [] }, 'interests', 'choose at least one interest'],
    ['an unknown interest', { interests: ['arts-culture', 'space'] }, 'interests.1', undefined],
    ['an unknown region', { regions: ['mars'] }, 'regions.0', undefined],
  ])('refuses %s with 400 naming the field', async (_label, overrides, path, message) => {
    // Act
    const response = await stack.api('/api/members', { body: profile(overrides) });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
    const issue = response.body.issues.find((candidate: { path: string }) => candidate.path === path);
    expect(issue, JSON.stringify(response.body.issues)).toBeDefined();
    if (message) expect(issue.message).toBe(message);
  });

  it('answers 400 for malformed JSON, 415 for a form body and 413 past 64 KiB, storing nothing', async () => {
    // Prepare
    const email = newAddress();

    // Act
    const malformed = await stack.api('/api/members', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    const form = await stack.api('/api/members', { body: `email=${email}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const large = await stack.api('/api/members', { body: profile({ email, name: 'x'.repeat(66 * 1024) }) });

    // Assess
    expect(malformed.status).toBe(400);
    expect(form.status).toBe(415);
    expect(large.status).toBe(413);
    expect(await getMember(table(), memberIdOf(email))).toBeUndefined();
  });

  it('keeps the confirmation route apart from /api/members/{id}', async () => {
    // Act: a forged confirm link is an invalid link (page), not a profile lookup.
    const forged = await stack.api('/api/members/confirm?token=forged.token');

    // Assess
    expect(forged.status).toBe(400);
    expect(forged.headers.get('content-type')).toContain('text/html');
  });
});

describe('the manage link', () => {
  it('updates the profile with PUT and shows the change with GET', async () => {
    // Prepare
    const { member, manage } = await activeBoston();

    // Act
    const updated = await stack.api(manage, {
      method: 'PUT',
      body: { name: 'City of Boston', population: 675_647, interests: ['technology'], regions: ['asia', 'europe'], alertsOptOut: true },
    });
    const shown = await stack.api(manage);

    // Assess
    expect(updated.status).toBe(200);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: member.id,
      name: 'City of Boston',
      state: 'MA',
      population: 675_647,
      interests: ['technology'],
      regions: ['asia', 'europe'],
      alertsOptOut: true,
    });
    expect(shown.body.updatedAt).toEqual(expect.any(String));
  });

  it('refuses an invalid update with 400 naming the field, changing nothing', async () => {
    // Prepare
    const { member, manage } = await activeBoston();

    // Act
    const response = await stack.api(manage, { method: 'PUT', body: { population: 0, alertsOptOut: 'yes', regions: ['mars'] } });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['alertsOptOut', 'population', 'regions.0']);
    expect((await getMember(table(), member.id))?.population).toBe(650_000);
  });

  it('refuses a forged token, another member\'s token and a subscriber\'s token with 400', async () => {
    // Prepare
    const { member, manage } = await activeBoston();
    const { member: other } = await activeBoston();
    const forged = `/api/members/${member.id}?token=${member.id}.${'A'.repeat(43)}`;
    const othersToken = `/api/members/${member.id}?token=${encodeURIComponent(await signToken('member-manage', other.id))}`;
    const confirmToken = `/api/members/${member.id}?token=${encodeURIComponent(await signToken('member-confirm', member.id))}`;
    const subscriberToken = `/api/members/${member.id}?token=${encodeURIComponent(await signToken('unsubscribe', member.id))}`;

    for (const path of [forged, othersToken, confirmToken, subscriberToken, `/api/members/${member.id}`]) {
      // Act
      const read = await stack.api(path);
      const write = await stack.api(path, { method: 'PUT', body: { name: 'Changed' } });
      const suggestions = await stack.api(path.replace(`/api/members/${member.id}`, `/api/members/${member.id}/suggestions`));

      // Assess
      expect(read.status, path).toBe(400);
      expect(read.body.issues[0].path).toBe('token');
      expect(write.status, path).toBe(400);
      expect(suggestions.status, path).toBe(400);
    }
    expect((await getMember(table(), member.id))?.name).toBe('Boston');
    expect(manage).toContain(member.id);
  });

  it('answers 404 for a valid link to a profile that does not exist', async () => {
    // Prepare
    const id = memberIdOf(newAddress());
    const path = `/api/members/${id}?token=${encodeURIComponent(await signToken('member-manage', id))}`;

    // Act
    const read = await stack.api(path);
    const write = await stack.api(path, { method: 'PUT', body: { name: 'Ghost' } });

    // Assess
    expect(read.status).toBe(404);
    expect(write.status).toBe(404);
  });
});

describe('suggestions', () => {
  it('ranks a city sharing two interests in the preferred region above one sharing none, with reasons (acceptance)', async () => {
    // Prepare
    const { manage } = await activeBoston();
    const [path, query] = manage.split('?');

    // Act
    const response = await stack.api(`${path}/suggestions?${query}`);

    // Assess
    expect(response.status).toBe(200);
    const ids = response.body.items.map((item: { cityId: string }) => item.cityId);
    expect(ids.indexOf(vientianeId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(vientianeId)).toBeLessThan(ids.indexOf(farmTownId));
    const vientiane = response.body.items[ids.indexOf(vientianeId)];
    expect(vientiane).toEqual({
      cityId: vientianeId,
      name: 'Vientiane',
      score: 0.89,
      reasons: ['Both want arts & culture and economic development', 'in your preferred region, Asia', 'similar size (783,000 vs 650,000)', '12 hours apart'],
    });
    const scores = response.body.items.map((item: { score: number }) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks, for a coordinator, a fitting member above a non-fitting one for a seeking city', async () => {
    // Prepare
    const { member: fitting } = await activeBoston({ name: 'Fitting Falls' });
    const { member: unfitting } = await activeBoston({
      name: 'Unfitting Gulch',
      state: 'AK',
      population: 900,
      interests: ['sports'],
      regions: ['africa'],
    });

    // Act
    const response = await stack.api(`/api/admin/cities/${vientianeId}/suggestions`, { headers: asCoordinator });

    // Assess
    expect(response.status).toBe(200);
    const ids: string[] = response.body.items.map((item: { memberId: string }) => item.memberId);
    // Past the top 10 counts as ranked lower still.
    const rank = (id: string) => (ids.includes(id) ? ids.indexOf(id) : Number.POSITIVE_INFINITY);
    expect(rank(fitting.id)).toBeLessThan(rank(unfitting.id));
    const top = response.body.items[ids.indexOf(fitting.id)];
    expect(top.name).toBe('Fitting Falls');
    expect(top.score).toBeGreaterThan(0.5);
    expect(top.reasons).toContain('Both want arts & culture and economic development');
  });

  it('answers 404 for a city that does not exist, and 401 without a coordinator token', async () => {
    // Act
    const missing = await stack.api('/api/admin/cities/01JABCDEFGHJKMNPQRSTVWXYZ0/suggestions', { headers: asCoordinator });
    const anonymous = await stack.api(`/api/admin/cities/${vientianeId}/suggestions`);

    // Assess
    expect(missing.status).toBe(404);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /api/admin/members', () => {
  it('lists active and pending members for coordinators, page by page', async () => {
    // Prepare
    const { member } = await activeBoston({ name: 'Listed Active' });
    const request = profile({ name: 'Listed Pending' });
    await stack.api('/api/members', { body: request });

    // Act: every active member, following the cursor two at a time.
    const seen: Array<{ id: string; email: string; status: string }> = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await stack.api(
        `/api/admin/members?status=active&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: asCoordinator },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const pending = await stack.api('/api/admin/members?status=pending', { headers: asCoordinator });

    // Assess
    expect(seen.find((item) => item.id === member.id)).toMatchObject({ email: member.email, status: 'active', name: 'Listed Active' });
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    expect(pending.body.items.map((item: { name: string }) => item.name)).toContain('Listed Pending');
    expect(pending.body.items.every((item: { status: string }) => item.status === 'pending')).toBe(true);
  });

  it('answers 400 for a bad status or cursor, and 401 without a coordinator token', async () => {
    // Act
    const badStatus = await stack.api('/api/admin/members?status=deleted', { headers: asCoordinator });
    const badCursor = await stack.api('/api/admin/members?cursor=bm90LWEtY3Vyc29y', { headers: asCoordinator });
    const anonymous = await stack.api('/api/admin/members');

    // Assess
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.issues[0].path).toBe('status');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.issues[0].path).toBe('cursor');
    expect(anonymous.status).toBe(401);
  });
});

describe('the digest of a reader who is also a member', () => {
  it('adds "Suggested for you" with reasons and the profile link, and nothing for other readers', async () => {
    // Prepare: two subscribers, one of them with an active Boston-like profile.
    const { member } = await activeBoston();
    const reader = newAddress('reader');
    await addActiveSubscriber(table(), { email: member.email }, new Date());
    await addActiveSubscriber(table(), { email: reader }, new Date());

    // Act
    await stack.handlers.rollover!({ scheduledTime: '2031-05-01T13:00:00Z' });
    await stack.settle();

    // Assess
    const [memberDigest] = (await mailTo(member.email)).filter((email) => email.subject.includes('May 2031'));
    const [readerDigest] = (await mailTo(reader)).filter((email) => email.subject.includes('May 2031'));
    expect(memberDigest, 'member digest').toBeDefined();
    expect(readerDigest, 'reader digest').toBeDefined();
    expect(memberDigest!.body.text).toContain('Suggested for you');
    expect(memberDigest!.body.text).toContain('Why: Both want arts & culture and economic development; in your preferred region, Asia');
    expect(memberDigest!.body.html).toContain('Both want arts &amp; culture and economic development');
    expect(memberDigest!.body.text).toMatch(MANAGE_LINK);
    // Saint-Farm scores below the fit threshold: featured, but not suggested.
    const suggested = memberDigest!.body.text!.split('Suggested for you')[1]!.split('City Search')[0]!;
    expect(suggested).toContain('Vientiane');
    expect(suggested).not.toContain('Saint-Farm');
    expect(readerDigest!.body.text).not.toContain('Suggested for you');
    expect(readerDigest!.body.text).not.toMatch(MANAGE_LINK);
    expect(subscriberIdOf(member.email)).not.toBe(member.id);
  });
});
