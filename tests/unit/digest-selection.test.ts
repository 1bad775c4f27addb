import { describe, expect, it } from 'vitest';
import { chooseFeatured, type Candidate } from '../../shared/digest/selection';
import { monthName, previousMonth } from '../../shared/digest/schema';
import { monthAt } from '../../shared/digest/rollover';

let serial = 0;
function city(name: string, country: string, overrides: Partial<Candidate> = {}): Candidate {
  serial++;
  return {
    id: `id-${name}`,
    name,
    country,
    population: 1000,
    description: 'd',
    interests: ['education'],
    seeking: true,
    approved: true,
    registeredAt: `2025-01-${String(serial).padStart(2, '0')}T00:00:00.000Z`,
    lastFeaturedMonth: null,
    ...overrides,
  };
}

const names = (cities: Candidate[]) => cities.map((c) => c.name);

describe('chooseFeatured', () => {
  const cases: Array<{ rule: string; candidates: Candidate[]; pinned?: Candidate[]; expected: string[] }> = [
    {
      rule: 'features never-featured cities first',
      candidates: [city('Old', 'AA', { lastFeaturedMonth: '2030-01' }), city('New1', 'BB'), city('New2', 'CC'), city('New3', 'DD')],
      expected: ['New1', 'New2', 'New3'],
    },
    {
      rule: 'then the city featured longest ago',
      candidates: [city('Recent', 'AA', { lastFeaturedMonth: '2030-10' }), city('Long', 'BB', { lastFeaturedMonth: '2029-03' }), city('Never', 'CC')],
      expected: ['Never', 'Long', 'Recent'],
    },
    {
      rule: 'then the earliest registered',
      candidates: [
        city('Later', 'AA', { registeredAt: '2025-06-01T00:00:00.000Z' }),
        city('Earlier', 'BB', { registeredAt: '2025-02-01T00:00:00.000Z' }),
        city('Earliest', 'CC', { registeredAt: '2024-12-01T00:00:00.000Z' }),
        city('Latest', 'DD', { registeredAt: '2026-01-01T00:00:00.000Z' }),
      ],
      expected: ['Earliest', 'Earlier', 'Later'],
    },
    {
      rule: 'takes at most one city per country',
      candidates: [city('La1', 'LA'), city('La2', 'LA'), city('Pk1', 'PK'), city('Pk2', 'PK'), city('Mk1', 'MK')],
      expected: ['La1', 'Pk1', 'Mk1'],
    },
    {
      rule: 'skips cities featured in the previous month',
      candidates: [city('LastMonth', 'AA', { lastFeaturedMonth: '2030-12' }), city('B', 'BB', { lastFeaturedMonth: '2030-11' }), city('C', 'CC')],
      expected: ['C', 'B'],
    },
    {
      rule: 'skips cities not seeking or not approved',
      candidates: [city('Found', 'AA', { seeking: false }), city('Pending', 'BB', { approved: false }), city('Yes', 'CC')],
      expected: ['Yes'],
    },
    {
      rule: 'puts pinned cities first and lets the rules fill the rest',
      candidates: [city('A', 'AA'), city('B', 'BB'), city('C', 'CC')],
      pinned: [city('Pinned', 'BB', { lastFeaturedMonth: '2030-06' })],
      expected: ['Pinned', 'A', 'C'],
    },
    {
      rule: 'drops a pinned city that stopped seeking',
      candidates: [city('A', 'AA')],
      pinned: [city('Gone', 'BB', { seeking: false })],
      expected: ['A'],
    },
    {
      rule: 'features fewer than three when fewer are eligible',
      candidates: [city('Only', 'AA'), city('Same', 'AA')],
      expected: ['Only'],
    },
    {
      rule: 'breaks a tie in the month last featured by the earliest registration',
      candidates: [
        city('AlphaLater', 'AA', { lastFeaturedMonth: '2030-05', registeredAt: '2025-06-01T00:00:00.000Z' }),
        city('ZuluEarlier', 'BB', { lastFeaturedMonth: '2030-05', registeredAt: '2025-02-01T00:00:00.000Z' }),
      ],
      expected: ['ZuluEarlier', 'AlphaLater'],
    },
    {
      rule: "takes from each country the city first in featuring order, wherever it stands in the input",
      candidates: [
        city('LaFeatured', 'LA', { lastFeaturedMonth: '2029-01' }),
        city('PkRecent', 'PK', { lastFeaturedMonth: '2030-06' }),
        city('LaNever', 'LA'),
        city('PkLongAgo', 'PK', { lastFeaturedMonth: '2029-06' }),
      ],
      expected: ['LaNever', 'PkLongAgo'],
    },
    {
      rule: 'skips cities already featured this month (the month chosen again)',
      candidates: [city('ThisMonth', 'AA', { lastFeaturedMonth: '2031-01' }), city('B', 'BB')],
      expected: ['B'],
    },
    {
      rule: 'lets pinned cities repeat a country',
      candidates: [city('A', 'AA'), city('B', 'BB')],
      pinned: [city('Pin1', 'BB'), city('Pin2', 'BB')],
      expected: ['Pin1', 'Pin2', 'A'],
    },
    {
      rule: "keeps a pinned city featured last month: the pin is the coordinator's choice",
      candidates: [city('A', 'AA')],
      pinned: [city('Again', 'BB', { lastFeaturedMonth: '2030-12' })],
      expected: ['Again', 'A'],
    },
    {
      rule: 'drops a pinned city that is not approved',
      candidates: [city('A', 'AA')],
      pinned: [city('Pending', 'BB', { approved: false })],
      expected: ['A'],
    },
    {
      rule: 'features a city pinned twice once',
      candidates: [city('B', 'BB')],
      pinned: [city('Twice', 'AA'), city('Twice', 'AA')],
      expected: ['Twice', 'B'],
    },
    {
      rule: 'features at most three, pins included',
      candidates: [city('A', 'AA')],
      pinned: [city('P1', 'BB'), city('P2', 'CC'), city('P3', 'DD'), city('P4', 'EE')],
      expected: ['P1', 'P2', 'P3'],
    },
    { rule: 'features none when none is eligible', candidates: [], expected: [] },
  ];

  it.each(cases)('$rule', ({ candidates, pinned, expected }) => {
    // Act
    const chosen = chooseFeatured('2031-01', candidates, pinned ?? []);

    // Assess
    expect(names(chosen)).toEqual(expected);
  });
});

describe('months', () => {
  it.each([
    ['2031-01', '2030-12'],
    ['2030-12', '2030-11'],
    ['2028-03', '2028-02'],
  ])('the month before %s is %s', (month, previous) => {
    expect(previousMonth(month)).toBe(previous);
  });

  it('names months in English', () => {
    expect(monthName('2026-12')).toBe('December 2026');
  });

  it('rolls over on New York time', () => {
    expect(monthAt(new Date('2031-01-01T14:00:00Z'))).toBe('2031-01');
    expect(monthAt(new Date('2031-01-01T03:00:00Z'))).toBe('2030-12');
    expect(monthAt(new Date('2031-07-01T13:00:00Z'))).toBe('2031-07');
  });
});
