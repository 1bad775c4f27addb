import { describe, expect, it } from 'vitest';
import { buildMime } from '../../shared/email/mime';
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
  it('cannot be made to inject a header through the subject, a name or Reply-To', async () => {
    // Act
    const raw = (
      await buildMime({
        from: 'cities@example.org',
        to: ['coordinator@example.org'],
        replyTo: 'eve@example.org\r\nBcc: victim@example.com',
        subject: 'Hello\r\nBcc: victim@example.com\r\n\r\nforged body',
        text: 'text',
        html: '<p>html</p>',
      })
    ).toString('utf8');

    // Assess
    const headerBlock = raw.split('\r\n\r\n')[0]!;
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(headerBlock.split('\r\n').filter((line) => /^Subject:/i.test(line))).toHaveLength(1);
  });

  it('encodes non-ASCII subjects and carries both parts and custom headers', async () => {
    // Act
    const raw = (
      await buildMime({
        from: 'cities@example.org',
        to: ['a@example.org'],
        subject: 'Łódź, Poland',
        text: 'Population: 655,000',
        html: '<p>Population: 655,000</p>',
        headers: { 'List-Unsubscribe': '<https://example.org/u?token=abc>' },
      })
    ).toString('utf8');

    // Assess
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw).toContain('multipart/alternative');
    expect(raw).toContain('text/plain');
    expect(raw).toContain('text/html');
    expect(raw).toContain('List-Unsubscribe: <https://example.org/u?token=abc>');
  });
});

describe('formatPopulation', () => {
  it.each([[783000, '783,000'], [1755000, '1,755,000'], [52915, '52,915'], [7, '7']])('%d reads %s', (n, text) => {
    expect(formatPopulation(n)).toBe(text);
  });
});
