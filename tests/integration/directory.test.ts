import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedCity, asCoordinator, COORDINATOR_TOKEN, registration, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
const ids = { ghana: [] as string[], kenya: [] as string[] };
let pendingId = '';
let notSeekingId = '';

/** Pages through a search, returning every page. */
async function allPages(query: string) {
  const pages: Array<{ items: Array<Record<string, any>>; nextCursor: string | null }> = [];
  let cursor: string | null = null;
  do {
    const response = await stack.api(`/api/cities?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(response.status).toBe(200);
    pages.push(response.body);
    cursor = response.body.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

beforeAll(async () => {
  stack = await startTestStack({ coordinatorToken: COORDINATOR_TOKEN });
  // 45 approved cities in Ghana, every third of them also interested in youth; 5 in Kenya.
  for (let n = 0; n < 45; n++) {
    ids.ghana.push(
      await approvedCity(stack, {
        name: `Ghana Town ${String(n).padStart(2, '0')}`,
        country: 'GH',
        population: 10_000 + n * 1_000,
        interests: n % 3 === 0 ? ['education', 'youth'] : ['education'],
      }),
    );
  }
  for (let n = 0; n < 5; n++) ids.kenya.push(await approvedCity(stack, { name: `Kenya Town ${n}`, country: 'KE', interests: ['agriculture'] }));
  notSeekingId = await approvedCity(stack, { name: 'Kisumu', country: 'KE', interests: ['agriculture'] });
  await stack.api(`/api/admin/cities/${notSeekingId}`, { method: 'PATCH', headers: asCoordinator, body: { seeking: false } });
  pendingId = (await stack.api('/api/cities', { body: registration({ name: 'Pending Town', country: 'GH' }) })).body.id;
  await stack.settle();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/cities', () => {
  it('pages 45 approved cities with limit=20 as three pages of 45 distinct ids, ordered by name', async () => {
    // Act
    const pages = await allPages('country=GH&limit=20');

    // Assess
    expect(pages.map((page) => page.items.length)).toEqual([20, 20, 5]);
    expect(pages[2]!.nextCursor).toBeNull();
    const seen = pages.flatMap((page) => page.items.map((city) => city.id));
    expect(new Set(seen).size).toBe(45);
    expect(new Set(seen)).toEqual(new Set(ids.ghana));
    const names = pages.flatMap((page) => page.items.map((city) => city.name));
    expect(names).toEqual([...names].sort());
  });

  it('returns every match exactly once across pages when filters combine', async () => {
    // Act: youth + seeking + a population range, three per page.
    const pages = await allPages('interest=youth&seeking=true&minPopulation=20000&maxPopulation=50000&limit=3');

    // Assess
    const seen = pages.flatMap((page) => page.items.map((city) => city.id));
    const expected = ids.ghana.filter((_, n) => n % 3 === 0 && 10_000 + n * 1_000 >= 20_000 && 10_000 + n * 1_000 <= 50_000);
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen)).toEqual(new Set(expected));
    expect(pages.length).toBeGreaterThan(2);
  });

  it('filters by country, seeking, interest and a name prefix without case or accents', async () => {
    // Act
    const seekingKenya = await stack.api('/api/cities?country=ke&seeking=true&limit=100');
    const notSeekingKenya = await stack.api('/api/cities?country=KE&seeking=false');
    const byPrefix = await stack.api('/api/cities?q=KENYA%20town&limit=100');
    const interest = await stack.api('/api/cities?interest=agriculture&limit=100');

    // Assess
    expect(seekingKenya.body.items.map((city: { id: string }) => city.id).sort()).toEqual([...ids.kenya].sort());
    expect(notSeekingKenya.body.items.map((city: { id: string }) => city.id)).toEqual([notSeekingId]);
    expect(byPrefix.body.items).toHaveLength(5);
    expect(interest.body.items).toHaveLength(6);
  });

  it('never shows pending cities or anyone\'s contact details', async () => {
    // Act
    const pages = await allPages('limit=100');
    const single = await stack.api(`/api/cities/${pendingId}`);

    // Assess
    const all = pages.flatMap((page) => page.items);
    expect(all.map((city) => city.id)).not.toContain(pendingId);
    expect(single.status).toBe(404);
    expect(JSON.stringify(pages)).not.toContain('@');
    expect(Object.keys(all[0]!).sort()).toEqual(
      ['id', 'name', 'country', 'countryName', 'region', 'population', 'description', 'interests', 'seeking', 'website', 'registeredAt', 'lastFeaturedMonth'].sort(),
    );
  });

  it.each([
    ['seeking=yes', 'seeking'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['country=Ghana', 'country'],
    ['interest=space', 'interest'],
    ['minPopulation=-5', 'minPopulation'],
    ['minPopulation=500&maxPopulation=100', 'maxPopulation'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('answers 400 naming the field for %s', async (query, path) => {
    // Act
    const response = await stack.api(`/api/cities?${query}`);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  it('refuses a cursor from a different search', async () => {
    // Prepare
    const first = await stack.api('/api/cities?country=GH&limit=5');

    // Act
    const response = await stack.api(`/api/cities?country=KE&limit=5&cursor=${encodeURIComponent(first.body.nextCursor)}`);

    // Assess
    expect(response.status).toBe(400);
  });
});
