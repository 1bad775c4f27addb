/**
 * The fixed list of exchange interests a city can declare, in the program's order.
 */
export const INTERESTS = [
  { id: 'arts-culture', label: 'Arts & culture' },
  { id: 'economic-development', label: 'Economic development' },
  { id: 'business-trade', label: 'Business & trade' },
  { id: 'education', label: 'Education' },
  { id: 'youth', label: 'Youth' },
  { id: 'best-practices', label: 'Best practices exchange' },
  { id: 'technology', label: 'Technology' },
  { id: 'environment', label: 'Environment' },
  { id: 'health', label: 'Health' },
  { id: 'tourism', label: 'Tourism' },
  { id: 'sports', label: 'Sports' },
  { id: 'agriculture', label: 'Agriculture' },
] as const;

export type InterestId = (typeof INTERESTS)[number]['id'];

export const INTEREST_IDS = INTERESTS.map((interest) => interest.id) as [InterestId, ...InterestId[]];

const LABELS = new Map<string, string>(INTERESTS.map((interest) => [interest.id, interest.label]));

/**
 * The human label of an interest id.
 *
 * @example
 * interestLabel('arts-culture') // 'Arts & culture'
 */
export function interestLabel(id: InterestId): string {
  return LABELS.get(id) ?? id;
}
