import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { buildMime, MimeBuildError } from '../../shared/email/mime';
import { escapeHtml, formatPopulation } from '../../shared/email/html';
import { coordinatorRegistrationEmail, registrationAcknowledgmentEmail } from '../../shared/email/templates/city-registered';
import type { City } from '../../shared/cities/schema';

const city: City = {
  id: '01JCITY',
  name: 'Tetovo <script>alert(1)</script>',
  nameKey: 'tetovo',
  country: 'MK',
  region: 'Polog',
  population: 52915,
  description: 'Crossroads of "Europe" & Asia.\n\nTwo universities.',
  interests: ['education', 'youth'],
  contact: { name: 'Arta <b>Berisha</b>', email: 'arta@tetovo.example.org', title: 'Mayor\u2019s office' },
  status: 'pending',
  seeking: true,
  registeredAt: '2026-11-28T01:00:00.000Z',
  lastFeaturedMonth: null,
};

describe('registration emails', () => {
  it('gives the coordinator every field and the contact, escaped in HTML', () => {
    // Act
    const email = coordinatorRegistrationEmail(city, { to: 'coordinator@example.org', publicUrl: 'http://localhost:3000' });

    // Assess
    expect(email.subject).toBe('New city registration: Tetovo <script>alert(1)</script>, North Macedonia');
    expect(email.replyTo).toBe('arta@tetovo.example.org');
    for (const value of ['North Macedonia (MK)', 'Polog', '52,915', 'Education, Youth', 'Mayor\u2019s office', 'arta@tetovo.example.org', '01JCITY']) {
      expect(email.text).toContain(value);
      expect(email.html).toContain(escapeHtml(value));
    }
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Tetovo &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Crossroads of &quot;Europe&quot; &amp; Asia.');
    expect(email.html).toContain('Arta &lt;b&gt;Berisha&lt;/b&gt;');
  });

  it('acknowledges to the contact in plain words, replying to the coordinator', () => {
    // Act
    const email = registrationAcknowledgmentEmail(city, { replyTo: 'coordinator@example.org' });

    // Assess
    expect(email.to).toEqual(['arta@tetovo.example.org']);
    expect(email.replyTo).toBe('coordinator@example.org');
    expect(email.text).toContain('A program coordinator will review your registration.');
    expect(email.html).not.toContain('<b>Berisha</b>');
  });
});

describe('buildMime', () => {
  const base = { from: 'cities@example.org', to: ['coordinator@example.org'], subject: 'Hello', text: 'text', html: '<p>html</p>' };
  const headerBlock = (raw: Buffer) => raw.toString('utf8').split('\r\n\r\n')[0]!;

  it('cannot be made to inject a header or a body through the subject or an extra header', async () => {
    // Act
    const raw = buildMime({
      ...base,
      subject: 'Hello\r\nBcc: victim@example.com\r\n\r\nforged body',
      headers: { 'X-Note': 'a\nBcc: victim@example.com\rTo: victim@example.com' },
    });
    const parsed = await simpleParser(raw);

    // Assess
    expect(headerBlock(raw)).not.toMatch(/^(Bcc|To: victim)/im);
    expect(headerBlock(raw).split('\r\n').filter((line) => /^Subject:/i.test(line))).toHaveLength(1);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('Hello Bcc: victim@example.com  forged body');
    expect(parsed.text?.trim()).toBe('text');
  });

  it.each([
    ['a Reply-To carrying a second header', { replyTo: 'eve@example.org\r\nBcc: victim@example.com' }],
    ['a recipient list smuggled into one address', { to: ['a@example.org, victim@example.com'] }],
    ['a display name with angle brackets', { to: ['Eve <eve@example.org>'] }],
    ['no recipient at all', { to: [] }],
    ['an extra header named like one of ours', { headers: { Bcc: 'victim@example.com' } }],
    ['an extra header name that is not a token', { headers: { 'X-A: b\r\nBcc': 'victim@example.com' } }],
  ])('refuses %s instead of sending something else', (_case, override) => {
    // Act
    const build = () => buildMime({ ...base, ...override });

    // Assess
    expect(build).toThrow(MimeBuildError);
  });

  it('round-trips non-ASCII subjects, both parts and custom headers through an independent parser', async () => {
    // Prepare
    const text = 'Łódź, Poland — population 655,000.\nA line that ends with spaces   \nand = signs, and a very long line '.concat('x'.repeat(200));
    const html = '<p>Łódź — 655,000 <b>inhabitants</b></p>\n<p>--=_csc_ is not a boundary here</p>';

    // Act
    const raw = buildMime(
      {
        ...base,
        to: ['a@example.org', 'b@example.org'],
        replyTo: 'pat@boston.example.gov',
        subject: 'Łódź, Poland and 東京 are looking for U.S. sister cities — a subject long enough to fold over several lines',
        text,
        html,
        headers: { 'List-Unsubscribe': '<https://example.org/u?token=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      },
      new Date('2026-12-01T14:00:00Z'),
    );
    const parsed = await simpleParser(raw);

    // Assess
    const source = raw.toString('utf8');
    expect(source).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(source.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(source).toMatch(/^[\x00-\x7f]*$/);
    expect(parsed.subject).toBe('Łódź, Poland and 東京 are looking for U.S. sister cities — a subject long enough to fold over several lines');
    expect(parsed.text).toBe(text);
    expect(parsed.html).toBe(html);
    expect((parsed.to as { value: Array<{ address: string }> }).value.map((entry) => entry.address)).toEqual(['a@example.org', 'b@example.org']);
    expect(parsed.replyTo?.value[0]?.address).toBe('pat@boston.example.gov');
    expect(parsed.from?.value[0]?.address).toBe('cities@example.org');
    expect(parsed.date?.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(parsed.messageId).toMatch(/@example\.org>$/);
    // mailparser gathers the List-* headers under "list".
    const lines = parsed.headerLines.map((entry) => entry.line);
    expect(parsed.headers.get('list')).toMatchObject({ unsubscribe: { url: 'https://example.org/u?token=abc' } });
    expect(lines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headerBlock(raw)).toContain('List-Unsubscribe: <https://example.org/u?token=abc>');
  });
});

describe('formatPopulation', () => {
  it.each([[783000, '783,000'], [1755000, '1,755,000'], [52915, '52,915'], [7, '7']])('%d reads %s', (n, text) => {
    expect(formatPopulation(n)).toBe(text);
  });
});
