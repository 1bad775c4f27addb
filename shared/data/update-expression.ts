/**
 * Building DynamoDB update expressions from plain objects, so that no module writes
 * `#name = :name` lists by hand. Every attribute name and value gets its own placeholder
 * (`#u0`, `:u0`, …), so reserved words (`status`, `month`, `cursor`) need no special care and
 * a condition's own placeholders (`#status`, `:pending`) never collide with the update's.
 */

/** A condition written as DynamoDB expects, with the placeholders it uses. */
export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface UpdateSpec {
  /** `SET name = value`; attributes whose value is `undefined` are left alone. */
  set?: Record<string, unknown>;
  /** `SET name = if_not_exists(name, value)`: written only when the item has none yet. */
  setIfMissing?: Record<string, unknown>;
  /** `ADD name value`: numbers are added, sets are unioned. */
  add?: Record<string, unknown>;
  /** `DELETE name value`: elements are taken out of a set. */
  delete?: Record<string, unknown>;
  /** `REMOVE name`. */
  remove?: readonly string[];
  /** The write happens only when this holds. */
  condition?: Condition;
}

/** The parts of an `UpdateCommand` input that the spec decides. */
export interface UpdateExpressionInput {
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * Turns `spec` into an update and condition expression with their placeholders.
 *
 * @example
 * updateExpression({ set: { status: 'approved', reviewedAt: now }, remove: ['outbox'],
 *   condition: { expression: '#s = :pending', names: { '#s': 'status' }, values: { ':pending': 'pending' } } });
 * // { UpdateExpression: 'SET #u0 = :u0, #u1 = :u1 REMOVE #u2', ConditionExpression: '#s = :pending', … }
 */
export function updateExpression(spec: UpdateSpec): UpdateExpressionInput {
  const names: Record<string, string> = { ...spec.condition?.names };
  const values: Record<string, unknown> = { ...spec.condition?.values };
  let next = 0;
  // Written as data, one walk for every clause: this module is in most bundles, so it is kept small.
  const each = (record: Record<string, unknown> | undefined, form: Form): Term[] =>
    Object.entries(record ?? {}).map(([attribute, content]) => [attribute, content, form]);
  const pair: Form = (name, value) => `${name} ${value}`;
  const clauses = (
    [
      ['SET', [...each(spec.set, (name, value) => `${name} = ${value}`), ...each(spec.setIfMissing, (name, value) => `${name} = if_not_exists(${name}, ${value})`)]],
      ['ADD', each(spec.add, pair)],
      ['DELETE', each(spec.delete, pair)],
      ['REMOVE', (spec.remove ?? []).map((attribute): Term => [attribute, REMOVED, (name) => name])],
    ] as Array<[string, Term[]]>
  ).flatMap(([keyword, terms]) => {
    const written = terms
      .filter(([, content]) => content !== undefined)
      .map(([attribute, content, form]) => {
        // One number per attribute: `#u3` names it and `:u3` is its value.
        const name = `#u${next}`;
        const value = `:u${next++}`;
        names[name] = attribute;
        if (content !== REMOVED) values[value] = content;
        return form(name, value);
      });
    return written.length ? [`${keyword} ${written.join(', ')}`] : [];
  });
  if (clauses.length === 0) throw new Error('An update must change at least one attribute.');
  return {
    UpdateExpression: clauses.join(' '),
    ConditionExpression: spec.condition?.expression,
    // Never empty: every clause names an attribute.
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
  };
}

type Form = (name: string, value: string) => string;
type Term = [attribute: string, content: unknown, form: Form];
/** Marks a REMOVE term, which has a name but no value. */
const REMOVED = Symbol('removed');
