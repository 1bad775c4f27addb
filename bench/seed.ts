/**
 * Bulk data for the benchmark: approved, seeking cities written the way approval writes them
 * (city item, name claim, directory listings, featuring queue), and active subscribers.
 */
import { syncDirectory } from '../shared/cities/directory-repository';
import { claimCityName, putNewCity } from '../shared/cities/repository';
import type { City } from '../shared/cities/schema';
import type { Table } from '../shared/data/table';
import { addActiveSubscriber } from '../shared/subscribers';
import { nameKey } from '../shared/text';

const COUNTRIES = ['LA', 'PK', 'MK', 'GH', 'KE', 'PE', 'BR', 'PL', 'VN', 'TH', 'PH', 'ID', 'MA', 'JO', 'TR', 'RO', 'EE', 'FJ', 'NZ', 'MX', 'CO', 'SN', 'TZ', 'IN', 'NP', 'LK', 'UA', 'GE', 'AM', 'CL'];
const INTERESTS = ['arts-culture', 'economic-development', 'education', 'youth', 'technology', 'tourism'] as const;

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

/**
 * Writes approved, seeking cities number `from` to `to - 1`.
 *
 * @example
 * await seedCities(table(), 0, 1000);
 */
export async function seedCities(table: Table, from: number, to: number): Promise<void> {
  const numbers = Array.from({ length: to - from }, (_, i) => from + i);
  await pool(numbers, 16, async (n) => {
    const name = `Bench City ${String(n).padStart(6, '0')}`;
    const city: City = {
      id: `01BENCH${String(n).padStart(19, '0')}`,
      name,
      nameKey: nameKey(name),
      country: COUNTRIES[n % COUNTRIES.length] as string,
      population: 10_000 + n,
      description: 'A city of the benchmark, seeking a U.S. partner for exchanges in education and culture.',
      interests: [INTERESTS[n % INTERESTS.length] as (typeof INTERESTS)[number]],
      contact: { name: 'Bench Contact', email: `contact${n}@bench.example.org` },
      status: 'approved',
      seeking: true,
      registeredAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
      lastFeaturedMonth: null,
    };
    await claimCityName(table, { country: city.country, nameKey: city.nameKey, cityId: city.id, claimedAt: city.registeredAt });
    await putNewCity(table, city);
    await syncDirectory(table, city);
  });
}

/** Adds `count` active subscribers. */
export async function seedSubscribers(table: Table, count: number, from = 0): Promise<void> {
  const now = new Date();
  const numbers = Array.from({ length: count }, (_, i) => from + i);
  await pool(numbers, 16, async (n) => {
    await addActiveSubscriber(table, { email: `reader${n}@bench.example.org` }, now);
  });
}
