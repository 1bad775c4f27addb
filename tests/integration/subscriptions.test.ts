import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSuppressed } from '../../shared/email/suppression-list';
import { getSubscriber, getSubscribers, listActiveSubscriberIds, subscriberIdOf, unsubscribeLinks } from '../../shared/subscribers';
import { requestSubscription } from '../../shared/subscribers/subscribe';
import { signToken } from '../../shared/tokens';
import { useTestStack, type MailboxEmail } from '../support/stack';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

const stack = useTestStack();

/** A fresh address per test: the stack (and its table) is shared by the whole file. */
function newAddress(local = 'reader'): string {
  return `${local}.${randomUUID().slice(0, 8)}@example.org`;
}

function subscribe(body: unknown, headers?: Record<string, string>) {
  return stack.api('/api/subscriptions', { method: 'POST', body, headers });
}

async function mailTo(address: string): Promise<MailboxEmail[]> {
  return (await stack.mailbox()).filter((email) => email.destination.to.includes(address));
}

/** The confirmation link in an email's text part. */
function confirmLinkIn(email: MailboxEmail): string {
  const link = /https?:\/\/\S+\/api\/subscriptions\/confirm\?token=[A-Za-z0-9._~%-]+/.exec(email.body.text ?? '')?.[0];
  if (!link) throw new Error(`no confirmation link in: ${email.body.text}`);
  return link;
}

/** A path (with query) of our API from an absolute link. */
function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** Every active subscriber id, through the same paged read the digest uses. */
async function activeIds(): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listActiveSubscriberIds(table(), 2, startKey);
    ids.push(...page.ids);
    startKey = page.nextKey;
  } while (startKey);
  return ids;
}

/** Subscribes and confirms through the real routes and emails; returns the subscriber id. */
async function activeSubscriber(address: string): Promise<string> {
  await subscribe({ email: address });
  await stack.settle();
  const [email] = await mailTo(address);
  if (!email) throw new Error(`no confirmation email for ${address}`);
  const confirmed = await stack.api(pathOf(confirmLinkIn(email)), { method: 'POST' });
  if (confirmed.status !== 200) throw new Error(`confirmation failed: ${confirmed.status}`);
  return subscriberIdOf(address);
}

/** An SES event-publishing record as EventBridge delivers it from the configuration set. */
function sesEvent(detailType: 'Email Bounced' | 'Email Complaint Received', address: string, feedback: Record<string, unknown>) {
  const time = new Date().toISOString();
  const messageId = `0100019${randomUUID().replace(/-/g, '')}-000000`;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time,
    region: 'us-east-1',
    resources: ['arn:aws:ses:us-east-1:123456789012:configuration-set/cities-seeking-cities'],
    detail: {
      ...feedback,
      mail: {
        timestamp: time,
        source: 'cities@example.org',
        sendingAccountId: '123456789012',
        messageId,
        destination: [address],
        headersTruncated: false,
        headers: [{ name: 'To', value: address }],
        commonHeaders: { from: ['cities@example.org'], to: [address], messageId, subject: 'Cities Seeking Cities — December 2026' },
        tags: { 'ses:configuration-set': ['cities-seeking-cities'], 'ses:source-ip': ['192.0.2.10'] },
      },
    },
  };
}

function complaint(address: string) {
  return sesEvent('Email Complaint Received', address, {
    eventType: 'Complaint',
    complaint: {
      feedbackId: `0100019${randomUUID()}`,
      complaintSubType: null,
      complainedRecipients: [{ emailAddress: address }],
      timestamp: new Date().toISOString(),
      userAgent: 'Yahoo!-Mail-Feedback/2.0',
      complaintFeedbackType: 'abuse',
      arrivalDate: new Date().toISOString(),
    },
  });
}

function bounce(address: string, bounceType: 'Permanent' | 'Transient') {
  return sesEvent('Email Bounced', address, {
    eventType: 'Bounce',
    bounce: {
      feedbackId: `0100019${randomUUID()}`,
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
      timestamp: new Date().toISOString(),
      reportingMTA: 'dns; a1-2.smtp-out.amazonses.com',
    },
  });
}

describe('POST /api/subscriptions', () => {
  it('answers 202 and sends exactly one confirmation email whose link activates the subscriber', async () => {
    // Prepare
    const address = newAddress('dana');
    const id = subscriberIdOf(address);

    // Act
    const response = await subscribe({ email: address.toUpperCase(), name: 'Dana Whitfield' });
    await stack.settle();
    const emails = await mailTo(address);
    const confirmed = await stack.api(pathOf(confirmLinkIn(emails[0]!)), { method: 'POST' });

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'accepted' });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain('confirm');
    expect(emails[0]!.body.text).toContain('Dana Whitfield');
    expect(emails[0]!.body.text).toMatch(/one email/i);
    expect(emails[0]!.body.text).toMatch(/three communities/i);
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.get('content-type')).toContain('text/html');
    expect(confirmed.body).toContain('You’re subscribed');
    expect(confirmed.body).toMatch(/unsubscribe/i);
    expect(await activeIds()).toContain(id);
    expect(await getSubscriber(table(), id)).toMatchObject({ id, email: address, status: 'active', confirmedAt: expect.any(String) });
  });

  it('answers an active address exactly as a new one and mails only the new one (no probing)', async () => {
    // Prepare
    const active = newAddress('active');
    await activeSubscriber(active);
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
    const unknown = newAddress('unknown');

    // Act
    const toActive = await subscribe({ email: active });
    const toUnknown = await subscribe({ email: unknown });
    await stack.settle();

    // Assess
    expect(toActive.status).toBe(202);
    expect(toUnknown.status).toBe(toActive.status);
    expect(toUnknown.body).toEqual(toActive.body);
    expect(await mailTo(active)).toHaveLength(0);
    expect(await mailTo(unknown)).toHaveLength(1);
    expect((await getSubscriber(table(), subscriberIdOf(active)))?.status).toBe('active');
  });

  it('sends no second confirmation when the address asks again within 10 minutes, even concurrently', async () => {
    // Prepare
    const address = newAddress();
    await subscribe({ email: address });

    // Act
    const again = await Promise.all([subscribe({ email: address }), subscribe({ email: address })]);
    await stack.settle();

    // Assess
    expect(again.map((response) => response.status)).toEqual([202, 202]);
    expect(await mailTo(address)).toHaveLength(1);
  });

  it('sends another confirmation to a still-pending address once 10 minutes have passed', async () => {
    // Prepare
    const address = newAddress();
    await subscribe({ email: address });
    await stack.settle();
    const later = new Date(Date.now() + 10 * 60_000 + 1_000);

    // Act
    const outcome = await requestSubscription({ ...table(), publisher: busPublisher(), now: () => later }, { email: address });
    await stack.settle();

    // Assess
    expect(outcome).toBe('requested');
    const emails = await mailTo(address);
    expect(emails).toHaveLength(2);
    // Either link confirms: both are for the same subscriber.
    expect((await stack.api(pathOf(confirmLinkIn(emails[1]!)))).status).toBe(200);
  });

  it('lets an unsubscribed address come back only through a new confirmation, never an old link', async () => {
    // Prepare
    const address = newAddress();
    const id = subscriberIdOf(address);
    await subscribe({ email: address });
    await stack.settle();
    const oldLink = confirmLinkIn((await mailTo(address))[0]!);
    await stack.api(pathOf(oldLink), { method: 'POST' });
    const { oneClick } = await unsubscribeLinks(stack.urls.api, id);
    await stack.api(pathOf(oneClick), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });

    // Act
    const replayed = await stack.api(pathOf(oldLink), { method: 'POST' });
    const statusAfterReplay = (await getSubscriber(table(), id))?.status;
    const resubscribed = await subscribe({ email: address });
    await stack.settle();
    const emails = await mailTo(address);
    const reconfirmed = await stack.api(pathOf(confirmLinkIn(emails[0]!)), { method: 'POST' });

    // Assess
    expect(replayed.status).toBe(410);
    expect(replayed.body).toContain('no longer be used');
    expect(statusAfterReplay).toBe('unsubscribed');
    expect(resubscribed.status).toBe(202);
    expect(emails).toHaveLength(1);
    expect(reconfirmed.status).toBe(200);
    expect(await activeIds()).toContain(id);
  });

  it('escapes HTML in the name in the confirmation email', async () => {
    // Prepare
    const address = newAddress();

    // Act
    await subscribe({ email: address, name: '<script>alert("x")</script> & <b>Co</b>' });
    await stack.settle();

    // Assess
    const [email] = await mailTo(address);
    expect(email!.body.html).not.toContain('<script>');
    expect(email!.body.html).not.toContain('<b>Co</b>');
    expect(email!.body.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;');
    const file = (await readdir(stack.outboxDir)).find((name) => name.endsWith(`-${email!.messageId}.eml`));
    const raw = await readFile(join(stack.outboxDir, file!), 'utf8');
    const headers = raw.split('\r\n\r\n')[0]!;
    expect(headers).toMatch(new RegExp(`^To: ${address.replace(/\./g, '\\.')}`, 'im'));
    expect(headers).not.toMatch(/^List-Unsubscribe/im);
  });

  it.each([
    ['no email', { name: 'Dana' }, 'email'],
    ['a bad email', { email: 'dana' }, 'email'],
    ['a name of 121 characters', { email: 'a@example.org', name: 'x'.repeat(121) }, 'name'],
    ['CR/LF in the name', { email: 'a@example.org', name: 'Dana\r\nBcc: victim@example.com' }, 'name'],
  ])('answers %s with 400 naming the field, and sends nothing', async (_label, body, path) => {
    // Act
    const response = await subscribe(body);
    await stack.settle();

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    expect(await stack.mailbox()).toHaveLength(0);
  });

  it('answers 400 for malformed JSON, 415 for a form body and 413 past 64 KiB', async () => {
    // Act
    const malformed = await subscribe('{"email": ', { 'content-type': 'application/json' });
    const form = await subscribe('email=a%40example.org', { 'content-type': 'application/x-www-form-urlencoded' });
    const large = await subscribe({ email: newAddress(), name: 'x', padding: 'x'.repeat(65 * 1024) });

    // Assess
    expect(malformed.status).toBe(400);
    expect(form.status).toBe(415);
    expect(large.status).toBe(413);
  });
});

describe('the confirmation link', () => {
  it('opens a page whose button POSTs: GET and HEAD change nothing, the press confirms', async () => {
    // Prepare
    const address = newAddress();
    const id = subscriberIdOf(address);
    await subscribe({ email: address });
    await stack.settle();
    const [email] = await mailTo(address);
    const link = pathOf(confirmLinkIn(email!));

    // Act
    const opened = await stack.api(link);
    const head = await fetch(`${stack.urls.api}${link}`, { method: 'HEAD' });
    const statusAfterOpening = (await getSubscriber(table(), id))?.status;
    const action = /<form method="post" action="([^"]+)"/.exec(String(opened.body))?.[1]?.replace(/&amp;/g, '&');
    const pressed = await stack.api(action!, { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    // Assess
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('Confirm your subscription');
    expect(head.ok || head.status === 404).toBe(true);
    expect(statusAfterOpening).toBe('pending');
    expect(action).toBe(link);
    expect(pressed.status).toBe(200);
    expect(pressed.body).toContain('You’re subscribed');
    expect((await getSubscriber(table(), id))?.status).toBe('active');
  });
});

describe('GET and POST /api/subscriptions/confirm', () => {
  it.each([
    ['a forged token', async (id: string) => `${id}.${'A'.repeat(43)}`],
    ['an unsubscribe token', (id: string) => signToken('unsubscribe', id)],
    ['an altered token', async (id: string) => {
      const token = await signToken('confirm', id);
      return `${token.slice(0, -3)}${token.slice(-3) === 'abc' ? 'abd' : 'abc'}`;
    }],
    ['no token', async () => ''],
  ])('answers %s with a 400 page and changes nothing', async (_label, tokenFor) => {
    // Prepare
    const address = newAddress();
    const id = subscriberIdOf(address);
    await subscribe({ email: address });
    await stack.settle();

    // Act
    const path = `/api/subscriptions/confirm?token=${encodeURIComponent(await tokenFor(id))}`;
    const opened = await stack.api(path);
    const pressed = await stack.api(path, { method: 'POST' });

    // Assess
    for (const response of [opened, pressed]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.body).toContain('This link is not valid');
    }
    expect((await getSubscriber(table(), id))?.status).toBe('pending');
  });

  it('answers 404 for a validly signed link of a subscriber that does not exist', async () => {
    // Act
    const response = await stack.api(`/api/subscriptions/confirm?token=${await signToken('confirm', subscriberIdOf(newAddress()))}`);

    // Assess
    expect(response.status).toBe(404);
    expect(response.body).toContain('<h1>');
  });

  it('answers 200 again when the link is opened a second time', async () => {
    // Prepare
    const address = newAddress();
    const id = await activeSubscriber(address);

    // Act
    const path = `/api/subscriptions/confirm?token=${await signToken('confirm', id)}`;
    const again = await stack.api(path);
    const pressedAgain = await stack.api(path, { method: 'POST' });

    // Assess
    expect(again.status).toBe(200);
    expect(again.body).toContain('You’re subscribed');
    expect(again.body).not.toContain('<form');
    expect(pressedAgain.status).toBe(200);
    expect(await activeIds()).toContain(id);
  });
});

describe('unsubscribing', () => {
  it('unsubscribes at once with an RFC 8058 one-click POST, and a repeat is a harmless 200', async () => {
    // Prepare
    const address = newAddress();
    const id = await activeSubscriber(address);
    const token = await signToken('unsubscribe', id);
    const oneClick = { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } };

    // Act
    const first = await stack.api(`/api/unsubscribe?token=${token}`, oneClick);
    const activeAfter = await activeIds();
    const repeated = await stack.api(`/api/unsubscribe?token=${token}`, oneClick);

    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'unsubscribed' });
    expect(activeAfter).not.toContain(id);
    expect(await getSubscriber(table(), id)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: expect.any(String) });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual({ status: 'unsubscribed' });
  });

  it.each([
    ['a multipart one-click POST', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n'],
    ['an empty POST', undefined, undefined],
  ])('accepts %s', async (_label, contentType, body) => {
    // Prepare
    const id = await activeSubscriber(newAddress());
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};

    // Act
    const response = await stack.api(`/api/unsubscribe?token=${await signToken('unsubscribe', id)}`, { method: 'POST', body, headers });

    // Assess
    expect(response.status).toBe(200);
    expect(await activeIds()).not.toContain(id);
  });

  it('GET /unsubscribe never unsubscribes: it shows the masked address and a form that does', async () => {
    // Prepare
    const address = newAddress('dana');
    const id = await activeSubscriber(address);
    const token = await signToken('unsubscribe', id);

    // Act
    const pageResponses = [await stack.api(`/unsubscribe?token=${token}`), await stack.api(`/unsubscribe?token=${token}`)];
    const stillActive = await activeIds();
    const action = /<form method="post" action="([^"]+)">/.exec(pageResponses[0]!.body as string)?.[1]?.replace(/&amp;/g, '&');
    const posted = await stack.api(action!, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      },
    });

    // Assess
    const page = pageResponses[0]!;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.body).toContain(`d•••@example.org`);
    expect(page.body).not.toContain(address);
    expect(page.body).toContain('press the button');
    expect(stillActive).toContain(id);
    expect(action).toBe(`/api/unsubscribe?token=${token}`);
    expect(posted.status).toBe(200);
    expect(posted.headers.get('content-type')).toContain('text/html');
    expect(posted.body).toContain('You have been unsubscribed');
    expect(await activeIds()).not.toContain(id);
  });

  it.each([
    ['a forged token', async (id: string) => `${id}.${'B'.repeat(43)}`],
    ['a confirm token', (id: string) => signToken('confirm', id)],
    ['an altered token', async (id: string) => {
      const token = await signToken('unsubscribe', id);
      return `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
    }],
  ])('answers %s with 400 on the one-click route and the page, and changes nothing', async (_label, tokenFor) => {
    // Prepare
    const id = await activeSubscriber(newAddress());
    const token = encodeURIComponent(await tokenFor(id));

    // Act
    const oneClick = await stack.api(`/api/unsubscribe?token=${token}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const fromBrowser = await stack.api(`/api/unsubscribe?token=${token}`, { method: 'POST', headers: { accept: 'text/html' } });
    const page = await stack.api(`/unsubscribe?token=${token}`);

    // Assess
    expect(oneClick.status).toBe(400);
    expect(oneClick.body).toEqual({ error: 'InvalidToken', message: expect.any(String) });
    expect(fromBrowser.status).toBe(400);
    expect(fromBrowser.body).toContain('This link is not valid');
    expect(page.status).toBe(400);
    expect(page.body).toContain('This link is not valid');
    expect(page.body).not.toContain('<form');
    expect(await activeIds()).toContain(id);
  });
});

describe('what the digest sender uses', () => {
  it('reads subscribers in the order asked, once each, skipping unknown ids, across chunks of 100', async () => {
    // Prepare
    const [first, second] = [await activeSubscriber(newAddress()), await activeSubscriber(newAddress())];
    const unknown = Array.from({ length: 150 }, () => subscriberIdOf(newAddress()));

    // Act
    const subscribers = await getSubscribers(table(), [second, ...unknown.slice(0, 120), first, second, ...unknown.slice(120)]);

    // Assess
    expect(subscribers.map((subscriber) => subscriber.id)).toEqual([second, first]);
    expect(subscribers[0]).toMatchObject({ status: 'active', email: expect.stringContaining('@example.org') });
  });

  it('builds unsubscribe links: the page shows the button, the one-click link unsubscribes', async () => {
    // Prepare
    const id = await activeSubscriber(newAddress());

    // Act
    const links = await unsubscribeLinks(stack.urls.api, id);
    const page = await stack.api(pathOf(links.page));
    const oneClick = await stack.api(pathOf(links.oneClick), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    // Assess
    expect(links.page).toMatch(new RegExp(`^${stack.urls.api}/unsubscribe\\?token=[A-Za-z0-9._-]+$`));
    expect(links.oneClick).toBe(links.page.replace('/unsubscribe?', '/api/unsubscribe?'));
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect(oneClick.status).toBe(200);
    expect(await activeIds()).not.toContain(id);
  });
});

describe('SES feedback (suppress-address)', () => {
  it('suppresses an address after a complaint: never active again, never mailed again', async () => {
    // Prepare
    const address = newAddress();
    const id = await activeSubscriber(address);
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });

    // Act
    await stack.handlers['suppress-address']!(complaint(address));
    await stack.handlers['suppress-address']!(complaint(address)); // SES may deliver twice
    const resubscribed = await subscribe({ email: address });
    await stack.settle();
    const confirmAttempt = await stack.api(`/api/subscriptions/confirm?token=${await signToken('confirm', id)}`, { method: 'POST' });
    const unsubscribeAttempt = await stack.api(`/api/unsubscribe?token=${await signToken('unsubscribe', id)}`, { method: 'POST' });
    const sent = await mailing().mailer.send({ to: [address.toUpperCase()], subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' });

    // Assess
    expect(resubscribed.status).toBe(202);
    expect(confirmAttempt.status).toBe(410);
    expect(unsubscribeAttempt.status).toBe(200);
    expect(await getSubscriber(table(), id)).toMatchObject({ status: 'suppressed', suppressedAt: expect.any(String) });
    expect(await activeIds()).not.toContain(id);
    expect(await isSuppressed(table(), address)).toBe(true);
    expect(sent).toEqual({ messageId: 'suppressed' });
    expect(await stack.mailbox()).toHaveLength(0);
    const items = await stack.items();
    expect(items.find((item) => item.pk === `SUPPRESSED#${id}`)).toMatchObject({ sk: 'SUPPRESSED', email: address, reason: 'complaint' });
  });

  it('suppresses an address that bounced permanently before it ever subscribed', async () => {
    // Prepare
    const address = newAddress();

    // Act
    await stack.handlers['suppress-address']!(bounce(address, 'Permanent'));
    const response = await subscribe({ email: address });
    await stack.settle();

    // Assess
    expect(response.status).toBe(202);
    expect(await mailTo(address)).toHaveLength(0);
    expect(await isSuppressed(table(), address)).toBe(true);
    expect(await getSubscriber(table(), subscriberIdOf(address))).toBeUndefined();
  });

  it('changes nothing for a transient bounce', async () => {
    // Prepare
    const address = newAddress();
    const id = await activeSubscriber(address);
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });

    // Act
    await stack.handlers['suppress-address']!(bounce(address, 'Transient'));
    const sent = await mailing().mailer.send({ to: [address], subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' });

    // Assess
    expect((await getSubscriber(table(), id))?.status).toBe('active');
    expect(await activeIds()).toContain(id);
    expect(await isSuppressed(table(), address)).toBe(false);
    expect(sent.messageId).not.toBe('suppressed');
    expect(await mailTo(address)).toHaveLength(1);
  });

  it('fails on an event that is not from SES, so it is retried and dead-lettered rather than ignored', async () => {
    // Act & Assess
    await expect(stack.handlers['suppress-address']!({ ...complaint(newAddress()), source: 'somewhere.else' })).rejects.toThrow();
  });
});
