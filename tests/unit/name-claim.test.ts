/**
 * The name-claim rule (`shared/cities/name-claim.ts`) on in-memory claims: one name in one
 * country belongs to one city, and only an orphaned claim (its city never written) may be
 * taken over, after ORPHAN_CLAIM_MS, by one registration only.
 */
import { describe, expect, it } from 'vitest';
import { claimName, ORPHAN_CLAIM_MS, type Claim } from '../../shared/cities/name-claim';
import { ConflictError } from '../../shared/errors';
import { nameKey } from '../../shared/text';
import { InMemoryNameClaims } from '../support/fakes/name-claims';

const T0 = new Date('2031-05-01T12:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function claimOf(cityId: string, name: string, at: Date, country = 'VN'): Claim {
  return { country, nameKey: nameKey(name), cityId, claimedAt: at.toISOString() };
}

/** A registration's claim, as `registerCity` makes it. */
function register(claims: InMemoryNameClaims, cityId: string, name: string, at: Date, country = 'VN'): Promise<void> {
  return claimName(claims, claimOf(cityId, name, at, country), `${name} (${country})`, at);
}

async function conflictOf(attempt: Promise<unknown>): Promise<ConflictError> {
  const error = await attempt.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ConflictError)) throw new Error(`expected a ConflictError, got ${String(error)}`);
  return error;
}

describe('claiming a city name', () => {
  it('gives a free name to the first registration', async () => {
    // Prepare
    const claims = new InMemoryNameClaims();

    // Act
    await register(claims, 'city-a', 'Huế', T0);

    // Assess
    expect(claims.holder('VN', nameKey('Huế'))).toEqual({ cityId: 'city-a', claimedAt: T0.toISOString() });
  });

  it('lets exactly one of two concurrent registrations of the same name, spelled differently, win; the other conflicts naming the winner', async () => {
    // Prepare
    const claims = new InMemoryNameClaims();

    // Act
    const outcomes = await Promise.allSettled([register(claims, 'city-a', 'Huế', T0), register(claims, 'city-b', '  HUE ', T0)]);

    // Assess
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    const refusal = (outcomes[1] as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).existingId).toBe('city-a');
    expect(claims.holder('VN', 'hue')?.cityId).toBe('city-a');
  });

  it('treats the same name in another country as another claim', async () => {
    // Prepare
    const claims = new InMemoryNameClaims();
    await register(claims, 'city-bo', 'Santa Cruz', T0, 'BO');

    // Act
    await register(claims, 'city-ph', 'Santa Cruz', T0, 'PH');

    // Assess
    expect(claims.holder('BO', 'santa cruz')?.cityId).toBe('city-bo');
    expect(claims.holder('PH', 'santa cruz')?.cityId).toBe('city-ph');
  });

  it('takes over a claim whose city was never written once it is older than five minutes', async () => {
    // Prepare: the writer of city-a died between its claim and its city item.
    const claims = new InMemoryNameClaims();
    await register(claims, 'city-a', 'Huế', T0);
    const at = later(ORPHAN_CLAIM_MS + 1);

    // Act
    await register(claims, 'city-b', 'Huế', at);

    // Assess
    expect(claims.holder('VN', 'hue')).toEqual({ cityId: 'city-b', claimedAt: at.toISOString() });
  });

  it('does not take over a claim whose city was never written before five minutes have passed', async () => {
    // Prepare: its writer may still be about to write the city.
    const claims = new InMemoryNameClaims();
    await register(claims, 'city-a', 'Huế', T0);

    // Act
    const refusal = await conflictOf(register(claims, 'city-b', 'Huế', later(ORPHAN_CLAIM_MS)));

    // Assess
    expect(refusal.existingId).toBe('city-a');
    expect(claims.holder('VN', 'hue')?.cityId).toBe('city-a');
  });

  it('never takes over a claim whose city was written, however old the claim', async () => {
    // Prepare
    const claims = new InMemoryNameClaims();
    await register(claims, 'city-a', 'Huế', T0);
    claims.writeCity('city-a');

    // Act
    const refusal = await conflictOf(register(claims, 'city-b', 'Huế', later(365 * 86_400_000)));

    // Assess
    expect(refusal.existingId).toBe('city-a');
    expect(claims.holder('VN', 'hue')?.cityId).toBe('city-a');
  });

  it('lets only one of two registrations taking over the same orphaned claim win', async () => {
    // Prepare
    const claims = new InMemoryNameClaims();
    await register(claims, 'city-a', 'Huế', T0);
    const at = later(ORPHAN_CLAIM_MS + 1);

    // Act
    const outcomes = await Promise.allSettled([register(claims, 'city-b', 'Huế', at), register(claims, 'city-c', 'Hue', at)]);

    // Assess: both tried to take over city-a's claim; the second found city-b there.
    expect(claims.attempts.filter((attempt) => attempt.takeOverFrom?.cityId === 'city-a').map((attempt) => [attempt.claim.cityId, attempt.claimed])).toEqual([
      ['city-b', true],
      ['city-c', false],
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect(((outcomes[1] as PromiseRejectedResult).reason as ConflictError).existingId).toBe('city-b');
    expect(claims.holder('VN', 'hue')?.cityId).toBe('city-b');
  });

  it("lets a rejected city's name register again at once, its claim having been released", async () => {
    // Prepare: city-a registered (its city item written), then a coordinator rejected it.
    const claims = new InMemoryNameClaims();
    await register(claims, 'city-a', 'Huế', T0);
    claims.writeCity('city-a');
    claims.release({ id: 'city-a', country: 'VN', nameKey: nameKey('Huế') });

    // Act
    await register(claims, 'city-b', 'Huế', later(1000));

    // Assess
    expect(claims.holder('VN', 'hue')?.cityId).toBe('city-b');
  });
});
