/**
 * Name claims in memory, with the conditional semantics of `claimCityName` on the table:
 *
 * - a claim is written only when no claim holds the name (`attribute_not_exists(pk)`);
 * - with `takeOverFrom`, only when that very city still holds it (`cityId = :previous`); when
 *   the name was released meanwhile, the store claims it from scratch, as the table does;
 * - a lost claim answers with the claim that holds the name.
 *
 * The city items the domain asks about (`cityExists`) are whatever the test wrote with
 * `writeCity`; `release` is `releaseCityName` (what a rejection and a failed registration do).
 */
import type { Claim, NameClaims } from '../../../shared/cities/name-claim';
import type { NameClaim } from '../../../shared/cities/repository';

/** Every call of `claim`, in order, with what it answered. */
export interface ClaimAttempt {
  claim: Claim;
  takeOverFrom?: NameClaim;
  claimed: boolean;
}

const claimKey = (country: string, nameKey: string) => `${country}#${nameKey}`;

export class InMemoryNameClaims implements NameClaims {
  private readonly claims = new Map<string, NameClaim>();
  private readonly cities = new Set<string>();
  readonly attempts: ClaimAttempt[] = [];

  async claim(claim: Claim, takeOverFrom?: NameClaim): Promise<{ claimed: true } | { claimed: false; existing: NameClaim }> {
    const key = claimKey(claim.country, claim.nameKey);
    const existing = this.claims.get(key);
    // A take-over of a claim released meanwhile finds no item: the table then claims from scratch.
    const allowed = existing === undefined || (takeOverFrom !== undefined && existing.cityId === takeOverFrom.cityId);
    this.attempts.push({ claim: { ...claim }, ...(takeOverFrom ? { takeOverFrom: { ...takeOverFrom } } : {}), claimed: allowed });
    if (allowed) {
      this.claims.set(key, { cityId: claim.cityId, claimedAt: claim.claimedAt });
      return { claimed: true };
    }
    return { claimed: false, existing: { ...existing! } };
  }

  async cityExists(cityId: string): Promise<boolean> {
    return this.cities.has(cityId);
  }

  /** The city item of a claim was written (the registration completed). */
  writeCity(cityId: string): void {
    this.cities.add(cityId);
  }

  /** Frees the name if `city` still holds it, as `releaseCityName` does. */
  release(city: { id: string; country: string; nameKey: string }): void {
    const key = claimKey(city.country, city.nameKey);
    if (this.claims.get(key)?.cityId === city.id) this.claims.delete(key);
  }

  /** The claim holding a name, if any. */
  holder(country: string, nameKey: string): NameClaim | undefined {
    const claim = this.claims.get(claimKey(country, nameKey));
    return claim ? { ...claim } : undefined;
  }
}
