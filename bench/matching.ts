/**
 * Ranking one seeking city against every active member, as `GET
 * /api/admin/cities/{id}/suggestions` does: members read in pages of 500 from the
 * active-members index, scored in memory, the top 10 kept. Seeds 10,000 members (BENCH_QUICK=1:
 * 1,000) into a fresh local stack, then times the ranking domain function and counts the
 * DynamoDB capacity it consumed.
 *
 * Called from `bench/run.ts`; also runnable on its own: `npx tsx bench/matching.ts`.
 */
import { pathToFileURL } from 'node:url';
import { startLocalStack } from '../infra/local/stack';
import { documentClient } from '../shared/aws/dynamodb';
import { INTEREST_IDS } from '../shared/cities/interests';
import { WORLD_REGIONS } from '../shared/cities/world-regions';
import { US_STATES } from '../shared/inquiries/schema';
import { suggestMembersForCity } from '../shared/matching/rank';
import { addActiveMember } from '../shared/members';
import { installCapacityMeter } from './meter';
import { table } from '../shared/runtime/table';

const MEMBERS = process.env.BENCH_QUICK === '1' ? 1_000 : 10_000;

async function pool(count: number, concurrency: number, work: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Varied, deterministic profiles: every state, interest and region combination comes up. */
function memberInput(n: number) {
  return {
    email: `member${n}@bench.example.org`,
    name: `Bench Town ${String(n).padStart(5, '0')}`,
    state: US_STATES[n % US_STATES.length]!,
    population: 1_000 + ((n * 7_919) % 2_000_000),
    interests: [INTEREST_IDS[n % INTEREST_IDS.length]!, INTEREST_IDS[(n * 5 + 3) % INTEREST_IDS.length]!],
    regions: n % 4 === 0 ? [] : [WORLD_REGIONS[n % WORLD_REGIONS.length]!],
  };
}

/**
 * @returns how many members were ranked, the wall time of ranking them (ms) and the capacity
 * units it consumed
 * @example
 * results.matching = await matchingFigures();
 */
export async function matchingFigures(): Promise<{ members: number; wallMs: number; capacityUnits: number }> {
  const stack = await startLocalStack({ log: () => undefined, busRetry: { attempts: 5, baseDelayMs: 20 } });
  try {
    const now = new Date();
    await pool(MEMBERS, 16, async (n) => {
      await addActiveMember(table(), memberInput(n), now);
    });
    const city = { country: 'LA', population: 783_000, interests: ['economic-development', 'arts-culture'] as const };
    const meter = installCapacityMeter(documentClient());
    await suggestMembersForCity(table(), { ...city, interests: [...city.interests] }); // warm up: JIT and connections
    const started = performance.now();
    const { result, units } = await meter.measure(() => suggestMembersForCity(table(), { ...city, interests: [...city.interests] }));
    const wallMs = Math.round(performance.now() - started);
    if (result.considered !== MEMBERS) throw new Error(`ranked ${result.considered} members, expected ${MEMBERS}`);
    return { members: result.considered, wallMs, capacityUnits: units };
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.LOG_LEVEL ??= 'error';
  matchingFigures().then(
    (figures) => console.log(JSON.stringify(figures)),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
