import { describe, expect, it } from 'vitest';
import {
  FIT_THRESHOLD,
  SCORE_WEIGHTS,
  scoreMatch,
  type CityForScoring,
  type MemberProfileForScoring,
} from '../../shared/matching/score';
import { countryUtcOffset, hoursApart, stateUtcOffset } from '../../shared/matching/time-zones';
import { TopN } from '../../shared/matching/rank';
import { renderDigestEmail } from '../../shared/digest/render';
import type { Digest } from '../../shared/digest/schema';

const boston: MemberProfileForScoring = {
  state: 'MA',
  population: 650_000,
  interests: ['economic-development', 'arts-culture', 'technology'],
  regions: ['asia'],
};

const vientiane: CityForScoring = { country: 'LA', population: 783_000, interests: ['economic-development', 'arts-culture'] };
const farmTown: CityForScoring = { country: 'FR', population: 12_000, interests: ['agriculture'] };

describe('scoreMatch', () => {
  it('ranks a city sharing two interests in the preferred region above one sharing none (acceptance)', () => {
    // Prepare: the Boston-like member and two seeking cities.
    // Act
    const fitting = scoreMatch(boston, vientiane);
    const other = scoreMatch(boston, farmTown);

    // Assess
    expect(fitting.score).toBeGreaterThan(other.score);
    expect(fitting.score).toBeGreaterThanOrEqual(FIT_THRESHOLD);
    expect(other.score).toBeLessThan(FIT_THRESHOLD);
    expect(fitting.reasons).toContain('Both want arts & culture and economic development');
    expect(fitting.reasons).toContain('in your preferred region, Asia');
    expect(fitting.reasons).toContain('similar size (783,000 vs 650,000)');
    expect(other.reasons.join(' ')).not.toMatch(/Both want|preferred region|similar size/);
  });

  const cases: Array<{ rule: string; member?: Partial<MemberProfileForScoring>; city: Partial<CityForScoring>; score: number; reasons: string[] }> = [
    {
      rule: 'scores a perfect fit 1: all interests shared, preferred region, same size, same time zone',
      member: { state: 'NY', population: 100_000, interests: ['tourism'], regions: ['americas'] },
      city: { country: 'CO', population: 100_000, interests: ['tourism'] },
      score: 1,
      reasons: ['Both want tourism', 'in your preferred region, the Americas', 'similar size (100,000 vs 100,000)', 'same time zone'],
    },
    {
      rule: 'scales shared interests by the shorter list (one of two shared: half the weight)',
      member: { state: 'NY', population: 100_000, interests: ['tourism', 'youth'], regions: ['americas'] },
      city: { country: 'CO', population: 100_000, interests: ['tourism', 'sports', 'health'] },
      score: 0.75,
      reasons: ['Both want tourism', 'in your preferred region, the Americas', 'similar size (100,000 vs 100,000)', 'same time zone'],
    },
    {
      rule: 'names three shared interests by label, in program order, keeping "&"',
      member: { interests: ['technology', 'business-trade', 'arts-culture'], regions: ['asia'] },
      city: { country: 'LA', interests: ['arts-culture', 'business-trade', 'technology'] },
      score: 0.89,
      reasons: ['Both want arts & culture, business & trade and technology', 'in your preferred region, Asia', 'similar size (783,000 vs 650,000)', '12 hours apart'],
    },
    {
      rule: 'gives no region weight outside the preferred regions, and says nothing about it',
      city: { country: 'DE', interests: ['technology'] },
      score: 0.69, // 0.5 interests + 0.14 size + 0.05 time zone
      reasons: ['Both want technology', 'similar size (783,000 vs 650,000)', '6 hours apart'],
    },
    {
      rule: 'counts every region as preferred for a member who prefers none (no reason given)',
      member: { regions: [] },
      city: { country: 'DE', interests: ['technology'] },
      score: 0.94, // 0.69 + the full 0.25 for region
      reasons: ['Both want technology', 'similar size (783,000 vs 650,000)', '6 hours apart'],
    },
    {
      rule: 'gives nothing for size ten times larger or smaller, and calls only a factor of 2 similar',
      member: { population: 10_000, regions: [] },
      city: { country: 'DE', population: 100_000, interests: ['technology'] },
      score: 0.8,
      reasons: ['Both want technology', '6 hours apart'],
    },
    {
      rule: 'gives the full time-zone weight in the same zone (Hawaii and the Cook Islands)',
      member: { state: 'HI', population: 100_000, interests: ['health'], regions: ['oceania'] },
      city: { country: 'CK', population: 100_000, interests: ['health'] },
      score: 1,
      reasons: ['Both want health', 'in your preferred region, Oceania', 'similar size (100,000 vs 100,000)', 'same time zone'],
    },
    {
      rule: 'uses half-hour offsets (India)',
      member: { state: 'CA', population: 1_000_000, interests: ['education'], regions: ['asia'] },
      city: { country: 'IN', population: 1_000_000, interests: ['education'] },
      score: 0.91,
      reasons: ['Both want education', 'in your preferred region, Asia', 'similar size (1,000,000 vs 1,000,000)', '10.5 hours apart'],
    },
    {
      rule: 'scores a city sharing nothing low, with only its time zone as a reason',
      member: { regions: ['asia'] },
      city: { country: 'FR', population: 12_000, interests: ['agriculture'] },
      score: 0.05, // 54 times smaller: no size weight; half the time-zone weight
      reasons: ['6 hours apart'],
    },
  ];

  it.each(cases)('$rule', ({ member, city, score, reasons }) => {
    // Prepare
    const who = { ...boston, ...member };
    const where = { ...vientiane, ...city };

    // Act
    const result = scoreMatch(who, where);

    // Assess
    expect(result.score).toBeCloseTo(score, 2);
    expect(result.reasons).toEqual(reasons);
  });

  it('is deterministic and stays within 0–1 with two decimals', () => {
    // Prepare
    const pairs = [
      [boston, vientiane],
      [boston, farmTown],
      [{ ...boston, regions: [] }, { country: 'ZZ', population: 1, interests: [] }],
    ] as const;

    for (const [who, where] of pairs) {
      // Act
      const first = scoreMatch(who, where);
      const second = scoreMatch(who, where);

      // Assess
      expect(second).toEqual(first);
      expect(first.score).toBeGreaterThanOrEqual(0);
      expect(first.score).toBeLessThanOrEqual(1);
      expect(Math.round(first.score * 100) / 100).toBe(first.score);
    }
  });

  it('documents weights that add up to 1', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 10);
  });
});

describe('time zones', () => {
  const offsets: Array<{ place: string; offset: number; of: (code: string) => number }> = [
    { place: 'LA', offset: 7, of: countryUtcOffset },
    { place: 'IN', offset: 5.5, of: countryUtcOffset },
    { place: 'NP', offset: 5.75, of: countryUtcOffset },
    { place: 'GB', offset: 0, of: countryUtcOffset },
    { place: 'BR', offset: -3, of: countryUtcOffset },
    { place: 'MA', offset: -5, of: stateUtcOffset },
    { place: 'CA', offset: -8, of: stateUtcOffset },
    { place: 'HI', offset: -10, of: stateUtcOffset },
    { place: 'GU', offset: 10, of: stateUtcOffset },
  ];

  it.each(offsets)('gives $place the representative offset $offset', ({ place, offset, of }) => {
    expect(of(place)).toBe(offset);
  });

  it('falls back to the world region for a country missing from the table', () => {
    // Bouvet Island is in the Americas in WORLD_REGIONS but not in the offset table.
    expect(countryUtcOffset('BV')).toBe(-5);
  });

  const gaps: Array<{ a: number; b: number; hours: number }> = [
    { a: -5, b: 7, hours: 12 },
    { a: -5, b: 1, hours: 6 },
    { a: -10, b: 12, hours: 2 },
    { a: -11, b: 13, hours: 0 },
    { a: 5.5, b: -5, hours: 10.5 },
  ];

  it.each(gaps)('counts $a and $b as $hours hours apart around the clock', ({ a, b, hours }) => {
    expect(hoursApart(a, b)).toBe(hours);
  });
});

describe('TopN', () => {
  it('keeps the best N, best first, ties by key, whatever the order offered', () => {
    // Prepare
    const offers = [
      { name: 'c', score: 0.5 },
      { name: 'a', score: 0.9 },
      { name: 'd', score: 0.5 },
      { name: 'b', score: 0.5 },
      { name: 'e', score: 0.1 },
    ];
    const forward = new TopN<{ name: string }>(3, (x) => x.name);
    const backward = new TopN<{ name: string }>(3, (x) => x.name);

    // Act
    for (const offer of offers) forward.offer(offer, { score: offer.score, reasons: [] });
    for (const offer of [...offers].reverse()) backward.offer(offer, { score: offer.score, reasons: [] });

    // Assess
    expect(forward.best().map((r) => r.candidate.name)).toEqual(['a', 'b', 'c']);
    expect(backward.best().map((r) => r.candidate.name)).toEqual(['a', 'b', 'c']);
  });
});

describe('"Suggested for you" in the digest email', () => {
  const digest: Digest = {
    month: '2031-05',
    status: 'assembled',
    featured: [
      {
        id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
        name: 'Vientiane',
        country: 'LA',
        population: 783_000,
        description: 'Capital of Laos.',
        interests: ['arts-culture', 'economic-development'],
      } as Digest['featured'][number],
    ],
    spotlight: { title: '', body: '' },
    assembledAt: '2031-05-01T13:00:00.000Z',
  };
  const links = { publicUrl: 'https://cities.example.org', unsubscribePage: 'https://cities.example.org/unsubscribe?token=t', oneClickUnsubscribe: 'https://cities.example.org/api/unsubscribe?token=t' };

  it('renders the suggestions after the featured cities, escaped, with the reasons and the profile link', () => {
    // Act
    const email = renderDigestEmail(
      digest,
      links,
      'boston@example.org',
      [{ name: 'Vientiane <script>', url: 'https://cities.example.org/cities/01JABCDEFGHJKMNPQRSTVWXYZ0', reasons: ['Both want arts & culture', '12 hours apart'] }],
      'https://cities.example.org/api/members/abc?token=abc.def',
    );

    // Assess
    expect(email.text.indexOf('Suggested for you')).toBeGreaterThan(email.text.indexOf('Learn more about Vientiane'));
    expect(email.text).toContain('Why: Both want arts & culture; 12 hours apart.');
    expect(email.text).toContain('See or change your member profile (https://cities.example.org/api/members/abc?token=abc.def)');
    expect(email.html).toContain('Vientiane &lt;script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Both want arts &amp; culture');
  });

  it('renders nothing extra for a reader without a member profile', () => {
    // Act
    const plain = renderDigestEmail(digest, links, 'reader@example.org');

    // Assess
    expect(plain.text).not.toContain('Suggested for you');
    expect(plain.text).not.toContain('member profile');
  });
});
