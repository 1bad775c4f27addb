/**
 * Demo data for `npm start`: loaded once into an empty store, so a person exploring the
 * product locally finds a directory worth searching.
 */
import { ulid } from 'ulid';
import { claimCityName, putNewCity } from '../../shared/cities/repository';
import { syncDirectory } from '../../shared/cities/directory-repository';
import type { City } from '../../shared/cities/schema';
import { putIfAbsent } from '../../shared/data/conditional';
import type { Table } from '../../shared/data/table';
import { addActiveMember } from '../../shared/members/repository';
import { addActiveSubscriber } from '../../shared/subscribers/repository';
import { nameKey } from '../../shared/text';
import { DEMO_CITIES, DEMO_SUBSCRIBERS } from './demo-data';

/**
 * Seeds the demo cities and subscribers unless this store was seeded before.
 *
 * @returns how many cities were written (0 when the store already had its seed)
 */
export async function seedDemo(table: Table): Promise<number> {
  // The marker makes seeding happen once per store, even across restarts.
  if (!(await putIfAbsent(table, { pk: 'META', sk: 'DEMO_SEED', seededAt: new Date().toISOString() }))) return 0;
  for (const demo of DEMO_CITIES) {
    const registeredAt = new Date(demo.registeredAt);
    // ULIDs carry their time: ids minted for the demo's dates keep the demo's order.
    const id = ulid(registeredAt.getTime());
    const city: City = {
      ...demo,
      id,
      nameKey: nameKey(demo.name),
      registeredAt: registeredAt.toISOString(),
    };
    const claim = await claimCityName(table, { country: city.country, nameKey: city.nameKey, cityId: id, claimedAt: city.registeredAt });
    if (!claim.claimed) continue;
    await putNewCity(table, city);
    await syncDirectory(table, city);
  }
  // Demo subscribers are active at once: on a developer's machine nobody can click a
  // confirmation link for these made-up addresses, and the digest needs recipients.
  const seededAt = new Date();
  for (const subscriber of DEMO_SUBSCRIBERS) await addActiveSubscriber(table, subscriber, seededAt);
  // One demo subscriber also keeps a member profile, so the local digest shows "Suggested for you".
  await addActiveMember(
    table,
    {
      email: 'm.okafor@lawrence-ks.example.org',
      name: 'Lawrence',
      state: 'KS',
      population: 95_000,
      interests: ['arts-culture', 'education', 'economic-development'],
      regions: ['asia', 'africa'],
    },
    seededAt,
  );
  return DEMO_CITIES.length;
}
