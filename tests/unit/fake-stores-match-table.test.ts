/**
 * The in-memory fakes under tests/support/fakes answer exactly as the table-backed stores do:
 * each scenario runs against both, on an in-process dynalite table, so a fake that drifts from
 * its store fails here rather than letting a domain test pass on rules the table does not keep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalDynamo, type LocalDynamo } from '../../infra/local/dynamodb';
import { ensureTable } from '../../infra/local/table';
import { seekingCity } from '../support/fakes/city';
import type { City } from '../../shared/cities/schema';
import { seekingCityIds, syncDirectory } from '../../shared/cities/directory-repository';
import { tableNameClaims, type NameClaims } from '../../shared/cities/name-claim';
import { putNewCity, releaseCityName, updateCityIfUnchanged } from '../../shared/cities/repository';
import type { PageKey, Table } from '../../shared/data/table';
import { tableDeliveryRecords, type DeliveryRecords } from '../../shared/email/delivery-records';
import { listingCheckpoints, type CheckProgress, type ListingCheckpoints } from '../../shared/freshness/checkpoint-store';
import { InMemoryDeliveryRecords } from '../support/fakes/delivery-records';
import { InMemoryListingCheckpoints } from '../support/fakes/listing-checkpoints';
import { InMemoryListingCheckPorts } from '../support/fakes/listing-check-ports';
import { InMemoryNameClaims } from '../support/fakes/name-claims';

let dynamo: LocalDynamo;
let client: DynamoDBClient;
let tables = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo('dynalite', { port: 0 });
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${dynamo.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'fake-stores', secretAccessKey: 'fake-stores' },
  });
});
afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

/** A fresh, empty table of the program's design. */
async function freshTable(): Promise<Table> {
  const tableName = `fake-stores-${++tables}`;
  await ensureTable(client, tableName);
  return { documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName };
}

const T = 1_900_000_000_000;

describe.each([
  ['in memory', async (): Promise<DeliveryRecords> => new InMemoryDeliveryRecords()],
  ['on the table', async (): Promise<DeliveryRecords> => tableDeliveryRecords(await freshTable())],
])('delivery records %s', (_where, make) => {
  it('take a lease only on a free record or one whose lease ended before now', async () => {
    // Prepare
    const records = await make();

    // Act
    const answers = [
      await records.take('c', 'first', T, T + 100),
      await records.take('c', 'second', T + 50, T + 150),
      await records.take('c', 'second', T + 100, T + 200),
      await records.take('c', 'second', T + 101, T + 201),
      await records.status('c'),
      await records.status('other'),
    ];

    // Assess
    expect(answers).toEqual([true, false, false, true, 'sending', undefined]);
  });

  it('renew and mark sent only under their own lease, and never take a sent record again', async () => {
    // Prepare
    const records = await make();
    await records.take('c', 'mine', T, T + 100);

    // Act
    const answers = [
      await records.renew('c', 'theirs', T + 500),
      await records.renew('c', 'mine', T + 500),
      await records.take('c', 'theirs', T + 200, T + 300),
      await records.markSent('c', 'theirs', 'm-theirs', new Date(T)),
      await records.markSent('c', 'mine', 'm-mine', new Date(T)),
      await records.status('c'),
      await records.renew('c', 'mine', T + 900),
      await records.take('c', 'theirs', T + 10_000_000, T + 10_000_100),
      await records.renew('missing', 'mine', T),
      await records.markSent('missing', 'mine', 'm', new Date(T)),
    ];

    // Assess
    expect(answers).toEqual([false, true, false, false, true, 'sent', false, false, false, false]);
  });

  it('release a record only under its own lease', async () => {
    // Prepare
    const records = await make();
    await records.take('c', 'mine', T, T + 100);

    // Act
    await records.release('c', 'theirs');
    const afterTheirs = await records.status('c');
    await records.release('c', 'mine');
    const afterMine = await records.status('c');

    // Assess
    expect([afterTheirs, afterMine]).toEqual(['sending', undefined]);
  });
});

interface ClaimsUnderTest {
  claims: NameClaims;
  release(city: { id: string; country: string; nameKey: string }): Promise<void>;
}

describe.each([
  [
    'in memory',
    async (): Promise<ClaimsUnderTest> => {
      const claims = new InMemoryNameClaims();
      return { claims, release: async (city) => claims.release(city) };
    },
  ],
  [
    'on the table',
    async (): Promise<ClaimsUnderTest> => {
      const table = await freshTable();
      return { claims: tableNameClaims(table), release: (city) => releaseCityName(table, city) };
    },
  ],
])('name claims %s', (_where, make) => {
  const claim = (cityId: string, claimedAt = '2031-01-01T00:00:00.000Z') => ({ country: 'VN', nameKey: 'hue', cityId, claimedAt });

  it('claim a free name, refuse a held one with its holder, and take over only from the holder named', async () => {
    // Prepare
    const { claims } = await make();

    // Act
    const answers = [
      await claims.claim(claim('a')),
      await claims.claim(claim('b')),
      await claims.claim(claim('c'), { cityId: 'b', claimedAt: '2031-01-01T00:00:00.000Z' }),
      await claims.claim(claim('c', '2031-01-02T00:00:00.000Z'), { cityId: 'a', claimedAt: '2031-01-01T00:00:00.000Z' }),
      await claims.claim(claim('d'), { cityId: 'a', claimedAt: '2031-01-01T00:00:00.000Z' }),
      await claims.claim({ ...claim('e'), country: 'LA' }),
    ];

    // Assess
    expect(answers).toEqual([
      { claimed: true },
      { claimed: false, existing: { cityId: 'a', claimedAt: '2031-01-01T00:00:00.000Z' } },
      { claimed: false, existing: { cityId: 'a', claimedAt: '2031-01-01T00:00:00.000Z' } },
      { claimed: true },
      { claimed: false, existing: { cityId: 'c', claimedAt: '2031-01-02T00:00:00.000Z' } },
      { claimed: true },
    ]);
  });

  it('free a name only for its holder, and claim a freed name even when asked to take it over', async () => {
    // Prepare
    const { claims, release } = await make();
    await claims.claim(claim('a'));

    // Act
    await release({ id: 'b', country: 'VN', nameKey: 'hue' });
    const whileHeld = await claims.claim(claim('b'));
    await release({ id: 'a', country: 'VN', nameKey: 'hue' });
    const afterRelease = await claims.claim(claim('c'), { cityId: 'a', claimedAt: '2031-01-01T00:00:00.000Z' });

    // Assess
    expect(whileHeld).toEqual({ claimed: false, existing: { cityId: 'a', claimedAt: '2031-01-01T00:00:00.000Z' } });
    expect(afterRelease).toEqual({ claimed: true });
  });
});

describe.each([
  ['in memory', async (): Promise<ListingCheckpoints> => new InMemoryListingCheckpoints()],
  ['on the table', async (): Promise<ListingCheckpoints> => listingCheckpoints(await freshTable())],
])('listing checkpoints %s', (_where, make) => {
  const at = new Date('2032-03-01T14:00:00.000Z');
  const next: PageKey = { pk: 'CITY#B', sk: 'DIR#SEEKING', gsi1pk: 'DIR#SEEKING', gsi1sk: 'b#B' };

  it('name a page only once, and move past it only from the progress it was read at', async () => {
    // Prepare
    const checkpoints = await make();
    const start: CheckProgress = await checkpoints.read('2032-03');

    // Act
    const answers = [
      start,
      await checkpoints.advance('2032-03', start, next, at),
      await checkpoints.claimPage('2032-03', start, ['A', 'B'], next, at),
      await checkpoints.claimPage('2032-03', start, ['X'], undefined, at),
      await checkpoints.read('2032-03'),
      await checkpoints.advance('2032-03', { ...start, pages: 5 }, next, at),
      await checkpoints.advance('2032-03', start, next, at),
      await checkpoints.read('2032-03'),
      await checkpoints.claimPage('2032-03', start, ['C'], undefined, at),
    ];

    // Assess
    expect(answers).toEqual([
      { pages: 0, done: false },
      false,
      true,
      false,
      { pages: 0, page: { ids: ['A', 'B'], next }, done: false },
      false,
      true,
      { pages: 1, cursor: next, done: false },
      false,
    ]);
  });

  it('mark the month done after the last page', async () => {
    // Prepare
    const checkpoints = await make();
    const start = await checkpoints.read('2032-03');
    await checkpoints.claimPage('2032-03', start, ['A'], undefined, at);

    // Act
    const advanced = await checkpoints.advance('2032-03', start, undefined, at);
    const progress = await checkpoints.read('2032-03');

    // Assess
    expect(advanced).toBe(true);
    expect(progress).toEqual({ pages: 1, done: true });
  });
});


interface CitiesUnderTest {
  put(city: City): Promise<void>;
  updateIfUnchanged(city: City, set: Record<string, unknown>): Promise<City | undefined>;
  /** Every id of the SEEKING listing, read two a page. */
  seekingInPagesOfTwo(): Promise<string[][]>;
}

describe.each([
  [
    'in memory',
    async (): Promise<CitiesUnderTest> => {
      const ports = new InMemoryListingCheckPorts({ pageSize: 2 });
      return {
        put: async (each) => ports.putCity(each),
        updateIfUnchanged: (each, set) => ports.updateIfUnchanged(each, set),
        async seekingInPagesOfTwo() {
          const pages: string[][] = [];
          let startKey: PageKey | undefined;
          do {
            const page = await ports.seekingPage(startKey);
            pages.push(page.ids);
            startKey = page.nextKey;
          } while (startKey);
          return pages;
        },
      };
    },
  ],
  [
    'on the table',
    async (): Promise<CitiesUnderTest> => {
      const table = await freshTable();
      return {
        async put(each) {
          await putNewCity(table, each);
          await syncDirectory(table, each);
        },
        updateIfUnchanged: (each, set) => updateCityIfUnchanged(table, each, set),
        async seekingInPagesOfTwo() {
          const pages: string[][] = [];
          let startKey: PageKey | undefined;
          do {
            const page = await seekingCityIds(table, 2, startKey);
            pages.push(page.ids);
            startKey = page.nextKey;
          } while (startKey);
          return pages;
        },
      };
    },
  ],
])('the cities of the listing check %s', (_where, make) => {
  it('update a city only while it is approved, seeking and as it was read', async () => {
    // Prepare
    const cities = await make();
    const read = seekingCity('Kandy');
    await cities.put(read);
    await cities.put(seekingCity('Galle', { seeking: false }));

    // Act
    const asked = await cities.updateIfUnchanged(read, { listingReminderSentAt: '2032-03-01T14:00:00.000Z', listingReminderMonth: '2032-03' });
    const onStaleRead = await cities.updateIfUnchanged(read, { seeking: false });
    const notSeeking = await cities.updateIfUnchanged(seekingCity('Galle', { seeking: false }), { listingReminderMonth: '2032-03' });
    const missing = await cities.updateIfUnchanged(seekingCity('Nowhere'), { listingReminderMonth: '2032-03' });

    // Assess
    expect(asked).toEqual({ ...read, listingReminderSentAt: '2032-03-01T14:00:00.000Z', listingReminderMonth: '2032-03' });
    expect([onStaleRead, notSeeking, missing]).toEqual([undefined, undefined, undefined]);
  });

  it('page the SEEKING listing by name, a full last page followed by an empty one', async () => {
    // Prepare
    const cities = await make();
    for (const name of ['Ella', 'Ampara', 'Colombo', 'Badulla']) await cities.put(seekingCity(name));
    await cities.put(seekingCity('Dambulla', { seeking: false }));

    // Act
    const pages = await cities.seekingInPagesOfTwo();

    // Assess
    expect(pages).toEqual([[seekingCity('Ampara').id, seekingCity('Badulla').id], [seekingCity('Colombo').id, seekingCity('Ella').id], []]);
  });
});
