/**
 * EventBridge event-pattern matching for the local bus.
 *
 * The local bus routes events with the very patterns the CDK rules deploy (see
 * `infra/manifest.ts`), so this module has to agree with EventBridge on which events a pattern
 * selects; otherwise a handler could run locally and never in AWS, or the other way round.
 * It implements the subset of the pattern language the program may use and refuses the rest
 * up front ({@link validatePattern}) instead of silently matching nothing.
 *
 * Semantics followed (from the EventBridge user guide, "Event patterns"):
 * - A pattern is a JSON object; every field must match (AND). Nested objects descend into the
 *   event; a leaf is an array of allowed values or operators (OR).
 * - Only leaf values (strings, numbers, booleans, null) are matched. Arrays in the event are
 *   flattened: a field holding an array matches when any element matches. An empty array holds
 *   no value, so the field counts as absent.
 * - `{exists: false}` matches an absent field; every other matcher needs the field present.
 * - `$or` (at any level) matches when any of its sub-patterns matches.
 */

/** A parsed EventBridge event pattern: a JSON object whose leaves are arrays of matchers. */
export type EventPattern = Readonly<Record<string, unknown>>;

/** Thrown when a pattern is malformed or uses an operator the local bus does not implement. */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  constructor(
    message: string,
    /** Dotted path of the offending field inside the pattern (empty for the root). */
    readonly path: string,
  ) {
    super(`Event pattern is not valid${path ? ` at "${path}"` : ''}: ${message}`);
  }
}

/** Operators EventBridge has and the local bus deliberately does not implement (yet). */
const KNOWN_UNSUPPORTED = new Set(['wildcard', 'cidr']);
const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const describe = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value));

/**
 * Checks that `pattern` is a well-formed event pattern using only supported operators, and throws
 * an {@link InvalidEventPatternError} naming the offending field otherwise. The local bus calls it
 * when it starts (EventBridge validates at `PutRule` time), so a bad pattern fails loudly at once
 * instead of never matching.
 *
 * @example
 * validatePattern({ source: ['cities-seeking-cities'], detail: { size: [{ numeric: ['>', 0] }] } }); // ok
 * validatePattern({ detail: { ip: [{ cidr: '10.0.0.0/8' }] } }); // throws: operator not supported locally
 */
export function validatePattern(pattern: unknown): asserts pattern is EventPattern {
  validateObject(pattern, '');
}

function validateObject(node: unknown, path: string): void {
  if (!isPlainObject(node)) {
    throw new InvalidEventPatternError(`expected a JSON object, got ${describe(node)}`, path);
  }
  for (const [key, value] of Object.entries(node)) {
    const here = join(path, key);
    if (key === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new InvalidEventPatternError('$or must be a non-empty array of patterns', here);
      }
      value.forEach((branch, index) => validateObject(branch, `${here}[${index}]`));
    } else if (Array.isArray(value)) {
      // EventBridge refuses empty arrays: they could never match anything.
      if (value.length === 0) throw new InvalidEventPatternError('empty arrays are not allowed', here);
      for (const matcher of value) validateMatcher(matcher, here);
    } else if (isPlainObject(value)) {
      validateObject(value, here);
    } else {
      throw new InvalidEventPatternError(`must be an object or an array, got ${describe(value)}`, here);
    }
  }
}

function validateMatcher(matcher: unknown, path: string): void {
  if (matcher === null || typeof matcher === 'string' || typeof matcher === 'boolean') return;
  if (typeof matcher === 'number') {
    if (!Number.isFinite(matcher)) throw new InvalidEventPatternError('numbers must be finite', path);
    return;
  }
  if (!isPlainObject(matcher)) {
    throw new InvalidEventPatternError(
      `match value must be a string, number, true, false, null or an operator object, got ${describe(matcher)}`,
      path,
    );
  }
  const keys = Object.keys(matcher);
  if (keys.length !== 1) {
    throw new InvalidEventPatternError(`an operator object takes exactly one key, got ${describe(keys)}`, path);
  }
  const operator = keys[0] as string;
  const operand = matcher[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      // `{prefix: {'equals-ignore-case': '…'}}` is EventBridge's case-insensitive prefix/suffix.
      if (typeof operand === 'string') return;
      if (isPlainObject(operand) && Object.keys(operand).length === 1 && typeof operand['equals-ignore-case'] === 'string') return;
      throw new InvalidEventPatternError(`${operator} must be a string, got ${describe(operand)}`, path);
    case 'equals-ignore-case':
      if (typeof operand !== 'string') {
        throw new InvalidEventPatternError(`equals-ignore-case must be a string, got ${describe(operand)}`, path);
      }
      return;
    case 'exists':
      if (typeof operand !== 'boolean') {
        throw new InvalidEventPatternError(`exists must be true or false, got ${describe(operand)}`, path);
      }
      return;
    case 'anything-but':
      return validateAnythingBut(operand, path);
    case 'numeric':
      return validateNumeric(operand, path);
    default:
      if (KNOWN_UNSUPPORTED.has(operator)) {
        throw new InvalidEventPatternError(
          `the "${operator}" operator is valid in EventBridge but not implemented by the local bus ` +
            '(supported: exact values, prefix, suffix, anything-but, exists, numeric, equals-ignore-case, $or)',
          path,
        );
      }
      throw new InvalidEventPatternError(`unrecognized match type "${operator}"`, path);
  }
}

function validateAnythingBut(operand: unknown, path: string): void {
  const scalar = (value: unknown) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  if (scalar(operand)) return;
  if (Array.isArray(operand)) {
    if (operand.length === 0) throw new InvalidEventPatternError('anything-but list must not be empty', path);
    if (!operand.every(scalar)) {
      throw new InvalidEventPatternError('anything-but list may hold only strings and numbers', path);
    }
    return;
  }
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const inner = keys[0];
    if (keys.length !== 1 || inner === undefined) {
      throw new InvalidEventPatternError('anything-but takes exactly one nested operator', path);
    }
    const value = operand[inner];
    if (inner === 'prefix' || inner === 'suffix') {
      if (typeof value !== 'string' || value === '') {
        throw new InvalidEventPatternError(`anything-but ${inner} must be a non-empty string`, path);
      }
      return;
    }
    if (inner === 'equals-ignore-case') {
      const ok = typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
      if (!ok) throw new InvalidEventPatternError('anything-but equals-ignore-case must be a string or a list of strings', path);
      return;
    }
    throw new InvalidEventPatternError(`anything-but does not support the nested operator "${inner}" locally`, path);
  }
  throw new InvalidEventPatternError(
    `anything-but must be a string, a number, a list of them, or {prefix|suffix|equals-ignore-case}, got ${describe(operand)}`,
    path,
  );
}

/** `numeric` is one comparison, or a lower bound (`>`/`>=`) followed by an upper bound (`<`/`<=`). */
function validateNumeric(operand: unknown, path: string): void {
  if (!Array.isArray(operand) || operand.length === 0) {
    throw new InvalidEventPatternError('numeric must be a non-empty array like [">", 0, "<=", 5]', path);
  }
  if (operand.length !== 2 && operand.length !== 4) {
    throw new InvalidEventPatternError('numeric takes one comparison or one range (two comparisons)', path);
  }
  for (let i = 0; i < operand.length; i += 2) {
    const operator = operand[i];
    const value = operand[i + 1];
    if (typeof operator !== 'string' || !NUMERIC_OPERATORS.has(operator)) {
      throw new InvalidEventPatternError(`unrecognized numeric operator ${describe(operator)}`, path);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidEventPatternError(`value of ${operator} must be a finite number, got ${describe(value)}`, path);
    }
  }
  if (operand.length === 4) {
    const [lowOp, low, highOp, high] = operand as [string, number, string, number];
    if (!(lowOp === '>' || lowOp === '>=') || !(highOp === '<' || highOp === '<=')) {
      throw new InvalidEventPatternError('a numeric range is a lower bound (> or >=) then an upper bound (< or <=)', path);
    }
    if (high <= low) throw new InvalidEventPatternError('numeric range: bottom must be less than top', path);
  }
}

/**
 * Whether `event` (an EventBridge envelope, or any JSON object) matches `pattern`, following
 * EventBridge's rules. The pattern is validated first, so an invalid pattern throws
 * {@link InvalidEventPatternError} rather than answering `false`.
 *
 * @example
 * matchesPattern(
 *   { source: ['cities-seeking-cities'], 'detail-type': ['CityRegistered'], detail: { population: [{ numeric: ['>', 0] }] } },
 *   { source: 'cities-seeking-cities', 'detail-type': 'CityRegistered', detail: { population: 12000 } },
 * ); // true
 */
export function matchesPattern(pattern: object, event: unknown): boolean {
  validatePattern(pattern);
  if (!isPlainObject(event)) return false;
  return matchObject(pattern, [event]);
}

/**
 * `nodes` are the event values reached so far; there can be several because arrays met on the
 * way down are flattened (every element is a candidate).
 */
function matchObject(pattern: PlainObject, nodes: readonly unknown[]): boolean {
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!(value as PlainObject[]).some((branch) => matchObject(branch, nodes))) return false;
      continue;
    }
    const children = nodes.flatMap((node) => (isPlainObject(node) && Object.hasOwn(node, key) ? flatten(node[key]) : []));
    if (Array.isArray(value)) {
      // Objects are intermediate nodes, not values: only scalars are matched.
      const leaves = children.filter((child) => !isPlainObject(child)) as Leaf[];
      if (!value.some((matcher) => matchLeaf(matcher, leaves))) return false;
    } else if (!matchObject(value as PlainObject, children)) {
      return false;
    }
  }
  return true;
}

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

type Leaf = string | number | boolean | null;

function matchLeaf(matcher: unknown, leaves: readonly Leaf[]): boolean {
  if (isPlainObject(matcher) && 'exists' in matcher) {
    return matcher['exists'] === leaves.length > 0;
  }
  // Every other matcher needs a value: an absent field never matches, not even anything-but.
  return leaves.some((leaf) => matchValue(matcher, leaf));
}

function matchValue(matcher: unknown, value: Leaf): boolean {
  if (!isPlainObject(matcher)) return matcher === value;
  const [operator] = Object.keys(matcher) as [string];
  const operand = matcher[operator];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && affix(operand, value, (v, a) => v.startsWith(a));
    case 'suffix':
      return typeof value === 'string' && affix(operand, value, (v, a) => v.endsWith(a));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === (operand as string).toLowerCase();
    case 'numeric':
      return typeof value === 'number' && numericMatches(operand as Array<string | number>, value);
    case 'anything-but':
      return anythingButMatches(operand, value);
    default:
      return false; // unreachable: validatePattern refused it
  }
}

function affix(operand: unknown, value: string, test: (value: string, affix: string) => boolean): boolean {
  if (typeof operand === 'string') return test(value, operand);
  const ignoringCase = (operand as { 'equals-ignore-case': string })['equals-ignore-case'];
  return test(value.toLowerCase(), ignoringCase.toLowerCase());
}

function numericMatches(conditions: Array<string | number>, value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const bound = conditions[i + 1] as number;
    const ok =
      conditions[i] === '='
        ? value === bound
        : conditions[i] === '>'
          ? value > bound
          : conditions[i] === '>='
            ? value >= bound
            : conditions[i] === '<'
              ? value < bound
              : value <= bound;
    if (!ok) return false;
  }
  return true;
}

/**
 * anything-but matches any present value that is not excluded, whatever its type: a number or
 * null passes `{anything-but: {prefix: 'init'}}` (as in EventBridge).
 */
function anythingButMatches(operand: unknown, value: Leaf): boolean {
  if (Array.isArray(operand)) return !operand.includes(value);
  if (!isPlainObject(operand)) return value !== operand;
  const [inner] = Object.keys(operand) as [string];
  const excluded = operand[inner];
  if (typeof value !== 'string') return true;
  switch (inner) {
    case 'prefix':
      return !value.startsWith(excluded as string);
    case 'suffix':
      return !value.endsWith(excluded as string);
    default: {
      const list = Array.isArray(excluded) ? (excluded as string[]) : [excluded as string];
      return !list.some((item) => item.toLowerCase() === value.toLowerCase());
    }
  }
}
