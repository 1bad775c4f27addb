/**
 * What an adversarial user tried on `npm start`, each now refused or harmless: names that hide
 * (zero-width, bidi controls, lone surrogates, broken UTF-8), an outbox that overwrote, a
 * mailbox that grew without end, links signed with a key from the source, and client hang-ups
 * logged as handler errors. Real dynalite, aws-ses-v2-local and the local HTTP API.
 */
import { connect } from 'node:net';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCity } from '../../shared/cities/repository';
import { sesMailer } from '../../shared/email/mailer';
import { subscriberIdOf } from '../../shared/subscribers';
import { signToken, verifyToken } from '../../shared/tokens';
import { registration, startTestStack, type TestStack } from '../support/stack';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

let stack: TestStack;
let dataDir: string;
const logLines: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hardening-'));
  stack = await startTestStack({ dataDir, mailboxLimit: 3, log: (line) => void logLines.push(line) });
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** POSTs raw bytes as a registration. */
async function registerRaw(body: Uint8Array | string) {
  const response = await fetch(`${stack.urls.api}/api/cities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body as BodyInit });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const nameIssue = (body: Record<string, any>) => (body.issues as Array<{ path: string; message: string }> | undefined)?.find((issue) => issue.path === 'name');

describe('city names that hide', () => {
  it('treats a zero-width variant of a registered name as the same city: 409 with its id', async () => {
    // Prepare
    const first = await stack.api('/api/cities', { body: registration({ name: 'Arequipa', country: 'PE', contact: { name: 'Ana Q', email: 'ana@arequipa.example.org' } }) });

    // Act
    const variant = await stack.api('/api/cities', { body: registration({ name: 'Are\u200bquipa', country: 'PE', contact: { name: 'Ana Q', email: 'other@arequipa.example.org' } }) });

    // Assess
    expect(first.status).toBe(201);
    expect(variant.status).toBe(409);
    expect(variant.body).toMatchObject({ existingId: first.body.id });
  });

  it.each([
    ['only zero-width spaces', '\u200b\u200b', /empty/],
    ['only punctuation', '!!!', /letter or digit/],
    ['only an emoji', '🏙️', /letter or digit/],
    ['a right-to-left override', 'Bad\u202eCity', /direction/],
    ['a directional isolate', 'Bad\u2067City', /direction/],
    ['the replacement character', 'Bad\ufffdCity', /damaged/],
  ])('refuses a name of %s with a 400 on name, storing nothing', async (_label, name, message) => {
    // Act
    const response = await stack.api('/api/cities', { body: registration({ name, country: 'BO', contact: { name: 'X Y', email: 'x@bo.example.org' } }) });

    // Assess
    expect(response.status).toBe(400);
    expect(nameIssue(response.body)?.message).toMatch(message);
  });

  it('refuses a lone surrogate with a 400 on name', async () => {
    // Act: JSON can carry half a character as an escape.
    const body = JSON.stringify(registration({ name: 'PLACEHOLDER', country: 'BO' })).replace('PLACEHOLDER', 'Bad\\ud800City');
    const response = await registerRaw(body);

    // Assess
    expect(response.status).toBe(400);
    expect(nameIssue(response.body)?.message).toMatch(/half of a character/);
  });

  it('refuses a body that is not valid UTF-8 with a 400, instead of storing U+FFFD', async () => {
    // Prepare: "Bad\xff\xfeCity" inside otherwise good JSON.
    const text = JSON.stringify(registration({ name: 'BadXXCity', country: 'BO' }));
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;

    // Act
    const response = await registerRaw(bytes);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'BadRequest', message: 'The request body is not valid UTF-8 text.' });
  });

  it('keeps ZWNJ inside a name, as Persian writing needs, and stores the name in NFC', async () => {
    // Act: "Nur-Abad" in Persian with a ZWNJ, and a decomposed "é".
    const persian = await stack.api('/api/cities', { body: registration({ name: 'نور\u200cآباد', country: 'IR', contact: { name: 'Reza', email: 'reza@nurabad.example.org' } }) });
    const decomposed = await stack.api('/api/cities', { body: registration({ name: 'Sete\u0301', country: 'FR', contact: { name: 'Léa', email: 'lea@sete.example.org' } }) });

    // Assess
    expect(persian.status).toBe(201);
    expect((await getCity(table(), persian.body.id as string))?.name).toBe('نور\u200cآباد');
    expect(decomposed.status).toBe(201);
    expect((await getCity(table(), decomposed.body.id as string))?.name).toBe('Set\u00e9');
  });
});

describe('the local outbox and mailbox', () => {
  it('keeps every message as its own .eml, even when two share a message id', async () => {
    // Prepare: an SES that answers the same id twice, as aws-ses-v2-local's 9 random digits can.
    const outboxDir = join(dataDir, 'collisions');
    const client = new SESv2Client({});
    const ses = mockClient(client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-123456789' });
    const mailer = sesMailer(client, { sender: 'cities@example.org', outboxDir });

    // Act
    await mailer.send({ to: ['a@example.org'], subject: 'First', text: 'first', html: '<p>first</p>' });
    await mailer.send({ to: ['a@example.org'], subject: 'Second', text: 'second', html: '<p>second</p>' });
    ses.restore();

    // Assess
    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(2);
    expect(await readFile(join(outboxDir, files[0]!), 'utf8')).toContain('Subject: First');
    expect(await readFile(join(outboxDir, files[1]!), 'utf8')).toContain('Subject: Second');
  });

  it('keeps only the newest messages in the mailbox page, and all of them in the outbox', async () => {
    // Prepare: the registrations above have finished mailing.
    await stack.settle();
    const before = (await readdir(stack.outboxDir).catch(() => [])).length;

    // Act
    for (let i = 1; i <= 5; i++) await mailing().mailer.send({ to: ['reader@example.org'], subject: `Bounded ${i}`, text: 'x', html: '<p>x</p>' });
    const shown = (await stack.mailbox()).map((email) => email.subject);
    const kept = (await readdir(stack.outboxDir)).length;

    // Assess
    expect(shown).toEqual(['Bounded 3', 'Bounded 4', 'Bounded 5']);
    expect(kept - before).toBe(5);
  });
});

describe('client hang-ups', () => {
  it('logs a client that closes mid-request as one info line, not a handler error', async () => {
    // Prepare
    const { port } = new URL(stack.urls.api);
    const linesBefore = logLines.length;

    // Act: announce 1,000 bytes, send 10, hang up.
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /api/cities HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"V');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    const health = await stack.api('/api/health');
    const lines = logLines.slice(linesBefore);

    // Assess
    expect(health.status).toBe(200);
    expect(lines.filter((line) => line.startsWith('client closed the connection: POST /api/cities'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('handler error'))).toEqual([]);
  });
});

describe('the local signing key', () => {
  it('is made at first start, kept in DATA_DIR readable by its owner only, and used from then on; another installation refuses its links', async () => {
    // Prepare: a link of this installation.
    const keyFile = join(dataDir, 'signing-key');
    const mode = (await stat(keyFile)).mode & 0o777;
    const key = (await readFile(keyFile, 'utf8')).trim();
    const subscriberId = subscriberIdOf('someone@example.org');
    const token = await signToken('confirm', subscriberId);
    await stack.stop();

    // Act: another installation, then this one again.
    const otherDir = await mkdtemp(join(tmpdir(), 'hardening-other-'));
    stack = await startTestStack({ dataDir: otherDir });
    const elsewhere = await verifyToken('confirm', token);
    await stack.stop();
    await rm(otherDir, { recursive: true, force: true });
    stack = await startTestStack({ dataDir });
    const here = await verifyToken('confirm', token);

    // Assess
    expect(mode).toBe(0o600);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(elsewhere).toBeUndefined();
    expect(here).toBe(subscriberId);
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(key);
  });
});
