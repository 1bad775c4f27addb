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
  const name = (attribute: string) => {
    const placeholder = `#u${next}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  const value = (content: unknown) => {
    const placeholder = `:u${next++}`;
    values[placeholder] = content;
    return placeholder;
  };
  const defined = (record: Record<string, unknown> | undefined) => Object.entries(record ?? {}).filter(([, content]) => content !== undefined);

  const sets = [
    ...defined(spec.set).map(([attribute, content]) => `${name(attribute)} = ${value(content)}`),
    ...defined(spec.setIfMissing).map(([attribute, content]) => {
      const placeholder = name(attribute);
      return `${placeholder} = if_not_exists(${placeholder}, ${value(content)})`;
    }),
  ];
  const adds = defined(spec.add).map(([attribute, content]) => `${name(attribute)} ${value(content)}`);
  const deletes = defined(spec.delete).map(([attribute, content]) => `${name(attribute)} ${value(content)}`);
  const removes = (spec.remove ?? []).map((attribute) => {
    const placeholder = name(attribute);
    next++;
    return placeholder;
  });
  const clauses = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    adds.length ? `ADD ${adds.join(', ')}` : '',
    deletes.length ? `DELETE ${deletes.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
  ].filter(Boolean);
  if (clauses.length === 0) throw new Error('An update must change at least one attribute.');
  return {
    UpdateExpression: clauses.join(' '),
    ...(spec.condition ? { ConditionExpression: spec.condition.expression } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}
