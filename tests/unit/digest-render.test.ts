import { describe, expect, it } from 'vitest';
import { SPAMASSASSIN, spamAssassinHits, spamSignals } from '../support/spam-signals';
import { buildMime } from '../../shared/email/mime';
import { DEFAULT_SPOTLIGHT } from '../../shared/digest/default-spotlight';
import { digestSubject, introQuestion, renderDigestEmail, renderDigestPreview, renderDigestWebPage } from '../../shared/digest/render';
import { spotlightSchema, type Digest, type FeaturedCity } from '../../shared/digest/schema';
import { escapeHtml } from '../../shared/email/html';

const publicUrl = 'https://cities.example.org';
const links = {
  publicUrl,
  unsubscribePage: 'https://cities.example.org/unsubscribe?token=tok-page-123',
  oneClickUnsubscribe: 'https://api.cities.example.org/one-click/tok-oneclick-456',
};

const vientiane: FeaturedCity = {
  id: '01JVIENTIANE',
  name: 'Vientiane',
  country: 'LA',
  region: 'Vientiane Prefecture',
  population: 783000,
  description: 'Located on the banks of the Mekong River, Vientiane is the capital of Laos.\n\nIt has many historic Buddhist temples.',
  interests: ['best-practices', 'economic-development', 'arts-culture'],
};
const peshawar: FeaturedCity = {
  id: '01JPESHAWAR',
  name: 'Peshawar City',
  country: 'PK',
  population: 1755000,
  description: 'One of the oldest cities in Asia, near the Khyber Pass.',
  interests: ['education', 'technology'],
};
const tetovo: FeaturedCity = {
  id: '01JTETOVO',
  name: 'Tetovo',
  country: 'MK',
  population: 52915,
  description: 'Home to two universities and the Sharr Mountains.',
  interests: ['youth', 'sports'],
};
const hostile: FeaturedCity = {
  id: '01JHOSTILE',
  name: 'Evil <script>alert(1)</script> & "Co"',
  country: 'GH',
  population: 1000,
  description: 'Rivers & "hills" <img src="https://evil.example/x.png"> <script>alert(2)</script>',
  interests: ['tourism'],
};

function digestOf(featured: FeaturedCity[]): Digest {
  return { month: '2026-12', status: 'assembled', featured, spotlight: DEFAULT_SPOTLIGHT, assembledAt: '2026-11-30T12:00:00.000Z' };
}

const sample = digestOf([vientiane, peshawar, tetovo]);
const HTML_TAG = /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i;

describe('digest subject', () => {
  it('names the month and the three featured cities', () => {
    // Act
    const subject = digestSubject(sample);

    // Assess
    expect(subject).toBe('Cities Seeking Cities \u2014 December 2026: Vientiane, Peshawar City and Tetovo');
  });

  it('never contains CR or LF, even if a city name had one', () => {
    // Prepare
    const digest = digestOf([{ ...vientiane, name: 'Vientiane\r\nBcc: victim@example.com' }]);

    // Act
    const subject = digestSubject(digest);

    // Assess
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('Cities Seeking Cities \u2014 December 2026: Vientiane Bcc: victim@example.com');
  });

  it('reads naturally with one or two cities, and with none', () => {
    // Act & Assess
    expect(digestSubject(digestOf([vientiane]))).toBe('Cities Seeking Cities \u2014 December 2026: Vientiane');
    expect(digestSubject(digestOf([vientiane, tetovo]))).toBe('Cities Seeking Cities \u2014 December 2026: Vientiane and Tetovo');
    expect(digestSubject(digestOf([]))).toBe('Cities Seeking Cities \u2014 December 2026');
  });
});

describe('intro question', () => {
  it('asks what the distinct countries have in common, with an Oxford comma', () => {
    // Act
    const intro = introQuestion(sample.featured);

    // Assess
    expect(intro).toBe('What do Laos, Pakistan, and North Macedonia have in common? They all have cities that are looking for sister cities in the U.S.!');
  });

  it('names each country once and uses singular wording for one city', () => {
    // Prepare
    const kumasi: FeaturedCity = { ...tetovo, id: '01JKUMASI', name: 'Kumasi', country: 'GH' };
    const accra: FeaturedCity = { ...tetovo, id: '01JACCRA', name: 'Accra', country: 'GH' };

    // Act & Assess
    expect(introQuestion([kumasi])).toBe('Where is Kumasi? In Ghana, and it is looking for a sister city in the U.S.!');
    expect(introQuestion([vientiane, peshawar])).toBe('What do Laos and Pakistan have in common? They both have cities that are looking for sister cities in the U.S.!');
    expect(introQuestion([kumasi, accra])).toBe('What do Kumasi and Accra have in common? They are both cities in Ghana that are looking for sister cities in the U.S.!');
    expect(introQuestion([kumasi, accra, vientiane])).toContain('What do Ghana and Laos have in common?');
  });
});

describe('digest email', () => {
  it('shows each city with country, population, region and interests by label, in both parts', () => {
    // Act
    const email = renderDigestEmail(sample, links, 'reader@example.org');

    // Assess
    expect(email.to).toEqual(['reader@example.org']);
    expect(email.subject).toBe(digestSubject(sample));
    for (const value of [
      'What do Laos, Pakistan, and North Macedonia have in common?',
      'They all have cities that are looking for sister cities in the U.S.!',
      'Vientiane, Laos',
      'Peshawar City, Pakistan',
      'Tetovo, North Macedonia',
      '783,000',
      '1,755,000',
      '52,915',
      'Vientiane Prefecture',
      'Interested in: Best practices exchange, Economic development, Arts & culture',
      'Best Practice Spotlight',
      DEFAULT_SPOTLIGHT.title,
      'What is Cities Seeking Cities?',
      'Only show cities seeking cities',
      'you subscribed to the Cities Seeking Cities monthly digest',
    ]) {
      expect(email.text).toContain(value);
    }
    expect(email.html).toContain('<strong>Population:</strong> 783,000');
    expect(email.html).toContain('<strong>Population:</strong> 1,755,000');
    expect(email.html).toContain('<strong>Population:</strong> 52,915');
    expect(email.html).toContain('<strong>Interested in:</strong> Best practices exchange, Economic development, Arts &amp; culture');
    expect(email.html).toContain('What do Laos, Pakistan, and North Macedonia have in common?');
    expect(email.html).toContain('It has many historic Buddhist temples.');
  });

  it('links each city page, City Search with seeking ticked, the web version and the unsubscribe page', () => {
    // Act
    const email = renderDigestEmail(sample, links, 'reader@example.org');

    // Assess
    const hrefs = [
      'https://cities.example.org/cities/01JVIENTIANE',
      'https://cities.example.org/cities/01JPESHAWAR',
      'https://cities.example.org/cities/01JTETOVO',
      'https://cities.example.org/cities?seeking=true',
      'https://cities.example.org/digests/2026-12',
      links.unsubscribePage,
    ];
    for (const href of hrefs) {
      expect(email.html).toContain(`href="${escapeHtml(href)}"`);
      expect(email.text).toContain(href);
    }
    expect(email.html).toMatch(/>Unsubscribe<\/a>/);
    expect(email.html).toContain('View this email in your browser');
  });

  it('carries both RFC 8058 headers and keeps the one-click URL out of the body', () => {
    // Act
    const email = renderDigestEmail(sample, links, 'reader@example.org');

    // Assess
    expect(email.headers).toEqual({
      'List-Unsubscribe': '<https://api.cities.example.org/one-click/tok-oneclick-456>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(email.html).not.toContain('tok-oneclick-456');
    expect(email.text).not.toContain('tok-oneclick-456');
  });

  it('escapes city text in HTML and keeps it raw in the plain-text part', () => {
    // Act
    const email = renderDigestEmail(digestOf([vientiane, hostile]), links, 'reader@example.org');

    // Assess
    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;, Ghana');
    expect(email.html).toContain('Rivers &amp; &quot;hills&quot;');
    expect(email.text).toContain('Evil <script>alert(1)</script> & "Co", Ghana');
    expect(email.text).not.toContain('&amp;');
  });

  it('escapes a URL containing a quote inside its href attribute', () => {
    // Prepare
    const quoted = { ...links, unsubscribePage: 'https://cities.example.org/unsubscribe?token=a"onmouseover="alert(1)' };

    // Act
    const email = renderDigestEmail(sample, quoted, 'reader@example.org');

    // Assess
    expect(email.html).toContain('href="https://cities.example.org/unsubscribe?token=a&quot;onmouseover=&quot;alert(1)"');
    expect(email.html).not.toContain('a"onmouseover');
  });

  it('loads nothing from outside: no scripts, no remote images, no stylesheets', () => {
    // Act
    const email = renderDigestEmail(digestOf([vientiane, hostile]), links, 'reader@example.org');

    // Assess
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).not.toMatch(/src\s*=\s*["']?https?:\/\//i);
    expect(email.html).not.toMatch(/<link[^>]+rel=["']?stylesheet/i);
    expect(email.html).not.toMatch(/@import|url\(/i);
  });

  it('writes a plain-text part without HTML tags', () => {
    // Act
    const email = renderDigestEmail(sample, links, 'reader@example.org');

    // Assess
    expect(email.text).not.toMatch(HTML_TAG);
    expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#39);/);
    expect(email.text.startsWith('View this email in your browser (https://cities.example.org/digests/2026-12)')).toBe(true);
  });

  it('renders one- and two-city months sensibly', () => {
    // Act
    const one = renderDigestEmail(digestOf([tetovo]), links, 'reader@example.org');
    const two = renderDigestEmail(digestOf([vientiane, peshawar]), links, 'reader@example.org');

    // Assess
    expect(one.text).toContain('Where is Tetovo?');
    expect(one.text).toContain('This month we feature one.');
    expect(one.html).toContain('Tetovo, North Macedonia');
    expect(one.text).not.toContain('Vientiane');
    expect(two.text).toContain('What do Laos and Pakistan have in common?');
    expect(two.text).toContain('This month we feature two.');
    expect(two.text).not.toContain('Tetovo');
  });
});

describe('digest layout', () => {
  it('puts the hook question in a visible first line, for the inbox preview, and the web-version link in a line above the card', () => {
    // Act
    const email = renderDigestEmail(sample, links, 'reader@example.org');
    const page = renderDigestWebPage(sample, publicUrl);

    // Assess: visible (no hidden preheader: spam filters score hidden text), and first.
    const preheader =
      '<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%"><tr><td align="center" style="padding:0 4px 10px;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.5;color:#1d2731">What do Laos, Pakistan, and North Macedonia have in common?</td></tr></table>\n';
    expect(email.html).toContain(preheader);
    expect(email.html.indexOf(preheader)).toBeLessThan(email.html.indexOf('View this email in your browser'));
    expect(spamSignals(email.html)).toEqual([]);
    expect(spamSignals(page)).toEqual([]);
    const topLine =
      '<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%"><tr><td align="center" style="padding:0 4px 10px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;color:#555555">';
    expect(email.html).toContain(`${topLine}<a href="https://cities.example.org/digests/2026-12" style="color:#12466e;text-decoration:underline">View this email in your browser</a></td></tr></table>\n`);
    expect(page).not.toContain('mso-hide');
    expect(page).toContain(`${topLine}The December 2026 digest \u00b7 <a href="https://cities.example.org/digests" style="color:#12466e;text-decoration:underline">All digests</a></td></tr></table>\n`);
  });

  // Skipped only where Debian's spamassassin is not installed (`.ci/run` installs it).
  it.skipIf(!SPAMASSASSIN)("scores 0 points in SpamAssassin's local tests", () => {
    // Prepare
    const email = renderDigestEmail(sample, links, 'reader@example.org');

    // Act
    const hits = spamAssassinHits(buildMime({ ...email, to: ['reader@example.org'], from: 'cities@example.org' }));

    // Assess
    expect(hits).toEqual([]);
  }, 60_000);

  it('writes the text part with the same sections, headings underlined', () => {
    // Act
    const email = renderDigestEmail(sample, links, 'reader@example.org');

    // Assess
    expect(email.text).toContain('Cities Seeking Cities\nDecember 2026 digest\n====================\n\n');
    expect(email.text).toContain('What is Cities Seeking Cities?\n------------------------------\n\n');
    expect(email.text).toContain('* * *\n\nVientiane, Laos\n\nPopulation: 783,000\nRegion: Vientiane Prefecture\n');
    expect(email.text).toContain('\n\nLearn more about Vientiane and send an inquiry (https://cities.example.org/cities/01JVIENTIANE)\n\n');
    expect(email.text.endsWith('View this email in your browser (https://cities.example.org/digests/2026-12)\n')).toBe(true);
  });
});

describe('digest web page', () => {
  it('is a standalone page with the same content, no token, and a subscribe link', () => {
    // Act
    const page = renderDigestWebPage(sample, publicUrl);

    // Assess
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<meta name="viewport"');
    expect(page).toContain('<title>Cities Seeking Cities \u2014 December 2026</title>');
    expect(page).toContain('What do Laos, Pakistan, and North Macedonia have in common?');
    expect(page).toContain('<strong>Population:</strong> 1,755,000');
    expect(page).toContain('href="https://cities.example.org/subscribe"');
    expect(page).toContain('Subscribe to the monthly digest');
    expect(page).toContain('href="https://cities.example.org/digests"');
    expect(page).not.toMatch(/token|unsubscribe/i);
    expect(page).not.toMatch(/<script/i);
  });

  it('shares its sections with the email', () => {
    // Act
    const page = renderDigestWebPage(sample, publicUrl);
    const email = renderDigestEmail(sample, links, 'reader@example.org');

    // Assess
    const body = (html: string) => html.slice(html.indexOf('<h2'), html.lastIndexOf('</td></tr>\n<tr><td style="padding:16px 24px'));
    expect(body(page)).toBe(body(email.html));
  });
});

describe('digest preview', () => {
  it('is the email HTML with placeholder unsubscribe links', () => {
    // Act
    const preview = renderDigestPreview(sample, publicUrl);
    const email = renderDigestEmail(sample, { ...links, unsubscribePage: 'https://cities.example.org/unsubscribe?token=preview' }, 'x@example.org');

    // Assess
    expect(preview).toBe(email.html);
    expect(preview).toContain('href="https://cities.example.org/unsubscribe?token=preview"');
    expect(preview).not.toContain('tok-');
  });
});

describe('default spotlight', () => {
  it('is a valid spotlight of short paragraphs', () => {
    // Act
    const parsed = spotlightSchema.parse(DEFAULT_SPOTLIGHT);

    // Assess
    expect(parsed).toEqual(DEFAULT_SPOTLIGHT);
    expect(DEFAULT_SPOTLIGHT.body.split('\n\n').length).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_SPOTLIGHT.body).toMatch(/why this community\?/i);
  });
});
