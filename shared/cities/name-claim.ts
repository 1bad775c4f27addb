/**
 * The rule that one name in one country belongs to one city: a registration claims its name
 * first, and only an orphaned claim (its city never written: the writer died) may be taken
 * over, after {@link ORPHAN_CLAIM_MS}, and then by one registration only.
 */
import { ConflictError } from '../errors';
import type { Table } from '../data/table';
import { claimCityName, getCity, type NameClaim } from './repository';

/** A claim whose city never got written (the writer died) may be taken over after this long. */
export const ORPHAN_CLAIM_MS = 5 * 60_000;

/** A claim: this city wants this name in this country. */
export interface Claim {
  country: string;
  nameKey: string;
  cityId: string;
  claimedAt: string;
}

/** Where claims live: the table in production, a map in unit tests. */
export interface NameClaims {
  /** One conditional write; with `takeOverFrom`, only if that claim still holds the name. */
  claim(claim: Claim, takeOverFrom?: NameClaim): Promise<{ claimed: true } | { claimed: false; existing: NameClaim }>;
  /** Whether the city of a claim was written. */
  cityExists(cityId: string): Promise<boolean>;
}

/**
 * Claims the name for `claim.cityId`, taking over an orphaned claim.
 *
 * @throws ConflictError naming the city that holds the name
 * @example
 * await claimName(tableNameClaims(table()), claim, 'Huế (VN)', new Date());
 */
export async function claimName(claims: NameClaims, claim: Claim, label: string, now: Date): Promise<void> {
  let outcome = await claims.claim(claim);
  if (outcome.claimed) return;
  const orphaned = now.getTime() - Date.parse(outcome.existing.claimedAt) > ORPHAN_CLAIM_MS && !(await claims.cityExists(outcome.existing.cityId));
  if (orphaned) outcome = await claims.claim(claim, outcome.existing);
  if (!outcome.claimed) throw new ConflictError(`${label} is already registered.`, outcome.existing.cityId);
}

/**
 * The name claims of the table.
 *
 * @example
 * await claimName(tableNameClaims(deps), claim, label, now);
 */
export function tableNameClaims(table: Table): NameClaims {
  return {
    claim: (claim, takeOverFrom) => claimCityName(table, claim, takeOverFrom),
    cityExists: async (cityId) => (await getCity(table, cityId)) !== undefined,
  };
}
