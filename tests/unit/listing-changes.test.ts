/**
 * What a listing update changes (pure rules of shared/cities/listing-changes.ts), the body
 * schema of `PUT /api/cities/{id}/listing`, and the coordinator's "before → after" email.
 */
import { describe, expect, it } from 'vitest';
import * as z from '../../shared/zod';
import { listingChanges, listingWrites } from '../../shared/cities/listing-changes';
import { listingUpdateSchema, type City } from '../../shared/cities/schema';
import { cityApprovedEmail } from '../../shared/email/templates/city-reviewed';
import { listingReminderEmail } from '../../shared/email/templates/listing-freshness';
import { listingChangedEmail, partnerFoundEmail } from '../../shared/email/templates/listing-managed';
import { buildMime } from '../../shared/email/mime';
import { SPAMASSASSIN, spamAssassinHits, spamSignals } from '../support/spam-signals';

const city: City = {
  id: '01J0ABCDEFGHJKMNPQRSTVWXYZ',
  name: 'Hội An',
  nameKey: 'hoi an',
  country: 'VN',
  region: 'Quảng Nam',
  population: 121716,
  description: 'Old trading port.',
  interests: ['arts-culture', 'tourism'],
  contact: { name: 'Trần Thị Mai', email: 'intl@hoian.example.org', title: 'Officer' },
  status: 'approved',
  seeking: true,
  registeredAt: '2030-01-01T00:00:00.000Z',
};

const parse = (body: unknown) => z.parse(listingUpdateSchema, body);

describe('listing changes', () => {
  it('lists only the fields whose values really change, in page order', () => {
    // Act
    const changes = listingChanges(city, parse({ population: 130000, region: '', interests: ['tourism', 'arts-culture'], description: 'Old trading port.', contact: { phone: '+84 235 386 1327', title: 'Officer' } }));

    // Assess
    expect(changes).toEqual([
      { field: 'region', before: 'Quảng Nam', after: null },
      { field: 'population', before: 121716, after: 130000 },
      { field: 'contact.phone', before: null, after: '+84 235 386 1327' },
    ]);
  });

  it('writes the contact whole with its email address kept, and removes cleared fields', () => {
    // Prepare
    const changes = listingChanges(city, parse({ website: 'https://hoian.example.org', region: null, contact: { name: 'Lê Văn Nam', title: null } }));

    // Act
    const writes = listingWrites(city, changes);

    // Assess
    expect(writes).toEqual({
      set: { website: 'https://hoian.example.org', contact: { name: 'Lê Văn Nam', email: 'intl@hoian.example.org' } },
      remove: ['region'],
    });
  });

  it('refuses the read-only fields at their own paths', () => {
    // Act
    const result = z.safeParse(listingUpdateSchema, { name: 'Hoi An', contact: { email: 'new@example.org' }, status: 'approved' });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['contact.email', 'name', 'status']);
  });
});

describe("the coordinator's email about a change", () => {
  it('says each change before → after, with user text escaped in HTML', () => {
    // Prepare
    const changes = listingChanges(city, parse({ description: 'Lanterns <script>alert(1)</script> & silk.', interests: ['education'] }));

    // Act
    const email = listingChangedEmail(city, changes, { to: 'coordinator@example.org', publicUrl: 'https://cities.example.org' });

    // Assess
    expect(email.subject).toBe('Listing changed: Hội An, Vietnam');
    expect(email.replyTo).toBe('intl@hoian.example.org');
    expect(email.text).toContain('- Description\n  Old trading port.\n  →\n  Lanterns <script>alert(1)</script> & silk.');
    expect(email.text).toContain('- Interests: Arts & culture, Tourism → Education');
    expect(email.html).toContain('Lanterns &lt;script&gt;alert(1)&lt;/script&gt; &amp; silk.');
    expect(email.html).not.toContain('<script>');
  });
});

describe('the emails that carry the manage link or report what a contact did', () => {
  const publicUrl = 'https://cities.example.org';
  const manageUrl = `${publicUrl}/cities/${city.id}/manage?token=${city.id}.abc`;
  const emails = () => [
    cityApprovedEmail(city, { publicUrl, replyTo: 'coordinator@example.org', manageUrl }),
    listingReminderEmail(city, { confirmUrl: `${publicUrl}/c`, manageUrl, deadline: '2031-03-01T17:00:00Z', lastConfirmedAt: '2030-01-15T17:00:00Z', replyTo: 'coordinator@example.org' }),
    listingChangedEmail(city, listingChanges(city, parse({ population: 130000, description: 'Lanterns and silk.' })), { to: 'coordinator@example.org', publicUrl }),
    partnerFoundEmail(city, { foundAt: '2031-03-01T17:00:00Z', partner: 'Springfield, Massachusetts' }, { to: 'coordinator@example.org', publicUrl }),
  ];

  it('puts the manage link in both parts of every email to the contact', () => {
    // Act
    const [approval, reminder] = emails();

    // Assess
    for (const email of [approval!, reminder!]) {
      expect(email.to).toEqual(['intl@hoian.example.org']);
      expect(email.text).toContain(manageUrl);
      expect(email.html).toContain(`href="${manageUrl}"`);
    }
  });

  it('hides nothing and keeps every text readable (what spam filters score)', () => {
    // Act
    const signals = emails().map((email) => ({ subject: email.subject, signals: spamSignals(email.html ?? '') }));

    // Assess
    expect(signals.filter((email) => email.signals.length)).toEqual([]);
  });

  it.skipIf(!SPAMASSASSIN)("scores 0 points in SpamAssassin's local tests", () => {
    // Act
    const hits = emails().map((email) => ({ subject: email.subject, hits: spamAssassinHits(buildMime({ ...email, from: 'cities@example.org' })) }));

    // Assess
    expect(hits.filter((email) => email.hits.length)).toEqual([]);
  }, 120_000);
});
