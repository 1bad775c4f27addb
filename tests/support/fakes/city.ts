/**
 * An approved, seeking city as stored, for unit tests; override what a test is about.
 */
import type { City } from '../../../shared/cities/schema';

/**
 * @example
 * const stale = seekingCity('Kandy', { reviewedAt: '2029-01-02T00:00:00.000Z' });
 */
export function seekingCity(name: string, overrides: Partial<City> = {}): City {
  return {
    id: `01J${name.toUpperCase().replace(/[^A-Z]/g, '').padEnd(23, 'X')}`,
    name,
    nameKey: name.toLowerCase(),
    country: 'LK',
    population: 100_000,
    description: `${name} is a city.`,
    interests: ['arts-culture'],
    contact: { name: `Contact of ${name}`, email: `intl@${name.toLowerCase()}.example.org` },
    status: 'approved',
    seeking: true,
    registeredAt: '2029-01-01T00:00:00.000Z',
    reviewedAt: '2029-01-02T00:00:00.000Z',
    ...overrides,
  };
}
