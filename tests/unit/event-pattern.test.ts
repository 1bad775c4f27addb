import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, matchesPattern, validatePattern } from '../../infra/local/event-pattern';
import { patternFor } from '../../shared/events/contracts';

/** A complete envelope, as the local bus builds it, so patterns on envelope fields are exercised too. */
function envelope(detail: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'CityRegistered',
    source: 'cities-seeking-cities',
    account: '000000000000',
    time: '2026-11-28T01:02:03Z',
    region: 'us-east-1',
    resources: [],
    detail,
    ...overrides,
  };
}

interface Case {
  name: string;
  pattern: object;
  event: object;
  matches: boolean;
}

const cases: Case[] = [
  // Exact values, nesting and arrays.
  { name: 'exact string on a top-level field', pattern: { source: ['cities-seeking-cities'] }, event: envelope({}), matches: true },
  { name: 'exact string that differs', pattern: { source: ['other'] }, event: envelope({}), matches: false },
  { name: 'any of several allowed values', pattern: { 'detail-type': ['A', 'CityRegistered'] }, event: envelope({}), matches: true },
  { name: 'all fields must match (AND)', pattern: { source: ['cities-seeking-cities'], 'detail-type': ['Other'] }, event: envelope({}), matches: false },
  { name: 'nested object field', pattern: { detail: { city: { country: ['FR'] } } }, event: envelope({ city: { country: 'FR' } }), matches: true },
  { name: 'nested object field with another value', pattern: { detail: { city: { country: ['FR'] } } }, event: envelope({ city: { country: 'DE' } }), matches: false },
  { name: 'exact number', pattern: { detail: { n: [5] } }, event: envelope({ n: 5 }), matches: true },
  { name: 'number does not equal its string', pattern: { detail: { n: [5] } }, event: envelope({ n: '5' }), matches: false },
  { name: 'exact boolean', pattern: { detail: { ok: [true] } }, event: envelope({ ok: true }), matches: true },
  { name: 'boolean does not equal its string', pattern: { detail: { ok: [true] } }, event: envelope({ ok: 'true' }), matches: false },
  { name: 'null matches a null value', pattern: { detail: { v: [null] } }, event: envelope({ v: null }), matches: true },
  { name: 'null does not match a missing field', pattern: { detail: { v: [null] } }, event: envelope({}), matches: false },
  { name: 'event array matches if any element matches', pattern: { detail: { tags: ['b'] } }, event: envelope({ tags: ['a', 'b'] }), matches: true },
  { name: 'event array with no matching element', pattern: { detail: { tags: ['z'] } }, event: envelope({ tags: ['a', 'b'] }), matches: false },
  { name: 'empty event array holds no value', pattern: { resources: [null] }, event: envelope({}), matches: false },
  { name: 'array of objects is descended into', pattern: { detail: { items: { id: ['2'] } } }, event: envelope({ items: [{ id: '1' }, { id: '2' }] }), matches: true },
  { name: 'an object is not a leaf value', pattern: { detail: { city: ['FR'] } }, event: envelope({ city: { country: 'FR' } }), matches: false },
  { name: 'the manifest pattern selects its detail type', pattern: patternFor(['CityRegistered']), event: envelope({ cityId: 'c1' }), matches: true },

  // prefix / suffix.
  { name: 'prefix', pattern: { detail: { id: [{ prefix: 'city-' }] } }, event: envelope({ id: 'city-42' }), matches: true },
  { name: 'prefix that differs', pattern: { detail: { id: [{ prefix: 'city-' }] } }, event: envelope({ id: 'town-42' }), matches: false },
  { name: 'prefix never matches a number', pattern: { detail: { id: [{ prefix: '4' }] } }, event: envelope({ id: 42 }), matches: false },
  { name: 'prefix ignoring case', pattern: { detail: { id: [{ prefix: { 'equals-ignore-case': 'CITY-' } }] } }, event: envelope({ id: 'city-42' }), matches: true },
  { name: 'suffix', pattern: { detail: { file: [{ suffix: '.png' }] } }, event: envelope({ file: 'a.png' }), matches: true },
  { name: 'suffix that differs', pattern: { detail: { file: [{ suffix: '.png' }] } }, event: envelope({ file: 'a.jpg' }), matches: false },

  // anything-but.
  { name: 'anything-but a string, other value', pattern: { detail: { s: [{ 'anything-but': 'pending' }] } }, event: envelope({ s: 'approved' }), matches: true },
  { name: 'anything-but a string, same value', pattern: { detail: { s: [{ 'anything-but': 'pending' }] } }, event: envelope({ s: 'pending' }), matches: false },
  { name: 'anything-but a list, value outside', pattern: { detail: { s: [{ 'anything-but': ['a', 'b'] }] } }, event: envelope({ s: 'c' }), matches: true },
  { name: 'anything-but a list, value inside', pattern: { detail: { s: [{ 'anything-but': ['a', 'b'] }] } }, event: envelope({ s: 'b' }), matches: false },
  { name: 'anything-but a number, same number', pattern: { detail: { n: [{ 'anything-but': 0 }] } }, event: envelope({ n: 0 }), matches: false },
  { name: 'anything-but matches null', pattern: { detail: { s: [{ 'anything-but': 'x' }] } }, event: envelope({ s: null }), matches: true },
  { name: 'anything-but never matches a missing field', pattern: { detail: { s: [{ 'anything-but': 'x' }] } }, event: envelope({}), matches: false },
  { name: 'anything-but prefix, other prefix', pattern: { detail: { s: [{ 'anything-but': { prefix: 'init' } }] } }, event: envelope({ s: 'running' }), matches: true },
  { name: 'anything-but prefix, same prefix', pattern: { detail: { s: [{ 'anything-but': { prefix: 'init' } }] } }, event: envelope({ s: 'initializing' }), matches: false },
  { name: 'anything-but prefix, number value', pattern: { detail: { s: [{ 'anything-but': { prefix: 'init' } }] } }, event: envelope({ s: 12 }), matches: true },
  { name: 'anything-but suffix, same suffix', pattern: { detail: { s: [{ 'anything-but': { suffix: '.tmp' } }] } }, event: envelope({ s: 'a.tmp' }), matches: false },
  { name: 'anything-but ignoring case, same value', pattern: { detail: { s: [{ 'anything-but': { 'equals-ignore-case': ['A', 'B'] } }] } }, event: envelope({ s: 'b' }), matches: false },
  { name: 'anything-but ignoring case, other value', pattern: { detail: { s: [{ 'anything-but': { 'equals-ignore-case': ['A', 'B'] } }] } }, event: envelope({ s: 'c' }), matches: true },
  { name: 'anything-but on an array, one element not excluded', pattern: { detail: { s: [{ 'anything-but': 'a' }] } }, event: envelope({ s: ['a', 'b'] }), matches: true },

  // exists.
  { name: 'exists true, field present', pattern: { detail: { c: [{ exists: true }] } }, event: envelope({ c: 'x' }), matches: true },
  { name: 'exists true, field present but null', pattern: { detail: { c: [{ exists: true }] } }, event: envelope({ c: null }), matches: true },
  { name: 'exists true, field missing', pattern: { detail: { c: [{ exists: true }] } }, event: envelope({}), matches: false },
  { name: 'exists false, field missing', pattern: { detail: { c: [{ exists: false }] } }, event: envelope({}), matches: true },
  { name: 'exists false, field present', pattern: { detail: { c: [{ exists: false }] } }, event: envelope({ c: 'x' }), matches: false },
  { name: 'exists false, whole parent missing', pattern: { detail: { a: { b: [{ exists: false }] } } }, event: envelope({}), matches: true },
  { name: 'exists true, empty array', pattern: { detail: { c: [{ exists: true }] } }, event: envelope({ c: [] }), matches: false },

  // numeric.
  { name: 'numeric range, inside', pattern: { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, event: envelope({ n: 5 }), matches: true },
  { name: 'numeric range, lower bound excluded', pattern: { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, event: envelope({ n: 0 }), matches: false },
  { name: 'numeric range, above', pattern: { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, event: envelope({ n: 5.01 }), matches: false },
  { name: 'numeric equals', pattern: { detail: { n: [{ numeric: ['=', 3.5] }] } }, event: envelope({ n: 3.5 }), matches: true },
  { name: 'numeric >=', pattern: { detail: { n: [{ numeric: ['>=', 10] }] } }, event: envelope({ n: 10 }), matches: true },
  { name: 'numeric <', pattern: { detail: { n: [{ numeric: ['<', 10] }] } }, event: envelope({ n: 10 }), matches: false },
  { name: 'numeric never matches a numeric string', pattern: { detail: { n: [{ numeric: ['>', 0] }] } }, event: envelope({ n: '5' }), matches: false },

  // equals-ignore-case.
  { name: 'equals-ignore-case, other case', pattern: { detail: { c: [{ 'equals-ignore-case': 'fr' }] } }, event: envelope({ c: 'FR' }), matches: true },
  { name: 'equals-ignore-case, other value', pattern: { detail: { c: [{ 'equals-ignore-case': 'fr' }] } }, event: envelope({ c: 'FRA' }), matches: false },

  // $or.
  {
    name: '$or, second branch matches',
    pattern: { source: ['cities-seeking-cities'], $or: [{ detail: { a: ['1'] } }, { detail: { b: ['2'] } }] },
    event: envelope({ b: '2' }),
    matches: true,
  },
  {
    name: '$or, no branch matches',
    pattern: { source: ['cities-seeking-cities'], $or: [{ detail: { a: ['1'] } }, { detail: { b: ['2'] } }] },
    event: envelope({ a: '2', b: '1' }),
    matches: false,
  },
  {
    name: '$or nested inside detail',
    pattern: { detail: { $or: [{ n: [{ numeric: ['>', 10] }] }, { vip: [true] }] } },
    event: envelope({ n: 1, vip: true }),
    matches: true,
  },
  {
    name: '$or does not bypass the other fields',
    pattern: { source: ['elsewhere'], $or: [{ detail: { a: ['1'] } }, { detail: { b: ['2'] } }] },
    event: envelope({ a: '1' }),
    matches: false,
  },
];

describe('matchesPattern', () => {
  it.each(cases)('$name → $matches', ({ pattern, event, matches }) => {
    // Prepare: the table row. Act:
    const result = matchesPattern(pattern, event);
    // Assess:
    expect(result).toBe(matches);
  });

  it('answers false for an event that is not an object', () => {
    // Prepare
    const pattern = { source: ['x'] };
    // Act
    const results = [matchesPattern(pattern, null), matchesPattern(pattern, 'x'), matchesPattern(pattern, [])];
    // Assess
    expect(results).toEqual([false, false, false]);
  });

  it('throws on an invalid pattern instead of answering false', () => {
    // Prepare
    const pattern = { detail: { ip: [{ cidr: '10.0.0.0/8' }] } };
    // Act
    const act = () => matchesPattern(pattern, envelope({ ip: '10.0.0.1' }));
    // Assess
    expect(act).toThrow(InvalidEventPatternError);
  });
});

const invalid: Array<{ name: string; pattern: unknown; message: RegExp }> = [
  { name: 'a pattern that is not an object', pattern: ['source'], message: /expected a JSON object/ },
  { name: 'a leaf that is a bare string', pattern: { source: 'x' }, message: /"source".*must be an object or an array/ },
  { name: 'an empty array of values', pattern: { source: [] }, message: /empty arrays are not allowed/ },
  { name: 'the wildcard operator (not implemented locally)', pattern: { detail: { f: [{ wildcard: 'a*' }] } }, message: /"detail\.f".*"wildcard".*not implemented by the local bus/ },
  { name: 'the cidr operator (not implemented locally)', pattern: { detail: { ip: [{ cidr: '10.0.0.0/8' }] } }, message: /"cidr".*not implemented/ },
  { name: 'an unknown operator', pattern: { detail: { f: [{ startsWith: 'a' }] } }, message: /unrecognized match type "startsWith"/ },
  { name: 'two operators in one object', pattern: { f: [{ prefix: 'a', suffix: 'b' }] }, message: /exactly one key/ },
  { name: 'a nested array as a value', pattern: { f: [['a']] }, message: /match value must be/ },
  { name: 'a non-string prefix', pattern: { f: [{ prefix: 1 }] }, message: /prefix must be a string/ },
  { name: 'a non-boolean exists', pattern: { f: [{ exists: 'yes' }] }, message: /exists must be true or false/ },
  { name: 'numeric with an unknown operator', pattern: { f: [{ numeric: ['!=', 1] }] }, message: /unrecognized numeric operator/ },
  { name: 'numeric with a string bound', pattern: { f: [{ numeric: ['>', '1'] }] }, message: /must be a finite number/ },
  { name: 'numeric range upside down', pattern: { f: [{ numeric: ['>', 5, '<', 1] }] }, message: /bottom must be less than top/ },
  { name: 'numeric range with the bounds swapped', pattern: { f: [{ numeric: ['<', 5, '>', 1] }] }, message: /lower bound/ },
  { name: 'numeric with three comparisons', pattern: { f: [{ numeric: ['>', 0, '<', 5, '=', 3] }] }, message: /one comparison or one range/ },
  { name: 'anything-but null', pattern: { f: [{ 'anything-but': null }] }, message: /anything-but must be/ },
  { name: 'anything-but with a wildcard', pattern: { f: [{ 'anything-but': { wildcard: 'a*' } }] }, message: /nested operator "wildcard"/ },
  { name: 'anything-but with an empty prefix', pattern: { f: [{ 'anything-but': { prefix: '' } }] }, message: /non-empty string/ },
  { name: 'equals-ignore-case on a number', pattern: { f: [{ 'equals-ignore-case': 1 }] }, message: /must be a string/ },
  { name: '$or that is not an array', pattern: { $or: { a: ['1'] } }, message: /\$or must be a non-empty array/ },
  { name: '$or with a branch that is not an object', pattern: { $or: [{ a: ['1'] }, 'b'] }, message: /"\$or\[1\]".*expected a JSON object/ },
];

describe('validatePattern', () => {
  it.each(invalid)('refuses $name', ({ pattern, message }) => {
    // Prepare: the table row. Act:
    const act = () => validatePattern(pattern);
    // Assess
    expect(act).toThrow(InvalidEventPatternError);
    expect(act).toThrow(message);
  });

  it('accepts every operator the local bus implements', () => {
    // Prepare
    const pattern = {
      source: ['cities-seeking-cities'],
      detail: {
        a: ['x', 1, true, null],
        b: [{ prefix: 'p' }, { suffix: 's' }, { prefix: { 'equals-ignore-case': 'P' } }],
        c: [{ 'anything-but': 'x' }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: 'p' } }],
        d: [{ exists: false }],
        e: [{ numeric: ['>', 0, '<=', 5] }, { numeric: ['=', 1] }],
        f: [{ 'equals-ignore-case': 'X' }],
        $or: [{ g: ['1'] }, { h: ['2'] }],
      },
    };
    // Act
    const act = () => validatePattern(pattern);
    // Assess
    expect(act).not.toThrow();
  });
});
