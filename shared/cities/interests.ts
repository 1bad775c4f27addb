/**
 * The fixed list of exchange interests a city can declare, in the program's order.
 */
/** Each interest's id and its label, in the program's order. */
const LABELS = {
  'arts-culture': 'Arts & culture',
  'economic-development': 'Economic development',
  'business-trade': 'Business & trade',
  education: 'Education',
  youth: 'Youth',
  'best-practices': 'Best practices exchange',
  technology: 'Technology',
  environment: 'Environment',
  health: 'Health',
  tourism: 'Tourism',
  sports: 'Sports',
  agriculture: 'Agriculture',
} as const;

export type InterestId = keyof typeof LABELS;

/** The interests as the API lists them: `{id, label}` in the program's order. */
export const INTERESTS = /* @__PURE__ */ Object.entries(LABELS).map(([id, label]) => ({ id: id as InterestId, label }));

export const INTEREST_IDS = /* @__PURE__ */ Object.keys(LABELS) as [InterestId, ...InterestId[]];

/**
 * The human label of an interest id.
 *
 * @example
 * interestLabel('arts-culture') // 'Arts & culture'
 */
export function interestLabel(id: InterestId): string {
  return LABELS[id] ?? id;
}
