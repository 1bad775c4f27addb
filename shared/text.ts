/**
 * Text rules shared by every form: what a single-line field may contain, and how names are
 * compared.
 */
import * as z from './zod';

// Any C0/C1 control character (CR, LF, TAB, NUL, ESC…): never valid in a one-line field, and
// the raw material of header injection.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// Multi-line fields may keep line breaks and tabs, but no other control characters.
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/**
 * A trimmed one-line string of `min`–`max` characters without control characters.
 *
 * @example
 * const name = singleLine(1, 120);
 */
export function singleLine(min: number, max: number) {
  // Order matters: control characters are refused before trimming could remove them.
  return z.pipe(
    z.pipe(
      z
        .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
        .check(z.refine((value) => !CONTROL.test(value), { error: 'must be a single line without control characters' })),
      z.transform((value: string) => value.trim()),
    ),
    z
      .string()
      .check(
        z.minLength(min, { error: min === 1 ? 'must not be empty' : `must be at least ${min} characters` }),
        z.maxLength(max, { error: `must be at most ${max} characters` }),
      ),
  );
}

/** Multi-line text (descriptions, messages): line breaks allowed, other control characters not. */
export function multiLine(min: number, max: number) {
  return z.pipe(
    z.pipe(
      z
        .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
        .check(z.refine((value) => !CONTROL_EXCEPT_LINES.test(value), { error: 'must not contain control characters' })),
      z.transform((value: string) => value.replace(/\r\n?/g, '\n').trim()),
    ),
    z.string().check(z.minLength(min, { error: 'must not be empty' }), z.maxLength(max, { error: `must be at most ${max} characters` })),
  );
}

/**
 * The comparison key of a name: case-, accent- and punctuation-insensitive, so "São Tomé",
 * "sao tome" and "Sao-Tome" are the same city.
 *
 * @example
 * nameKey('  Saint-Étienne ') // 'saint etienne'
 * nameKey('Are\u200bquipa') // 'arequipa'
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    // Format characters (zero-width space, ZWJ, …) are invisible: "Are\u200bquipa" is Arequipa.
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Bidi embeddings, overrides and isolates (LRE…RLO, LRI…PDI): they reorder what follows them,
// so a name could show as something other than what it is ("U+202E" turns "moc.elpmaxe" around).
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
// A lone half of a surrogate pair is no character at all (JSON can still carry one as \ud800).
const LONE_SURROGATE = /\p{Cs}/u;
// Invisible format characters (Unicode Cf) other than ZWNJ and ZWJ, which Persian, Indic and
// other scripts need inside words; they are dropped from a stored name.
const INVISIBLE_FORMAT = /(?![\u200c\u200d])\p{Cf}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A name people will read and compare (a city's, a community's): one line, in Unicode NFC,
 * without invisible format characters except ZWNJ/ZWJ, and refused (400) when it carries
 * bidi controls, lone surrogates, the replacement character of damaged text, or no letter or
 * digit at all.
 *
 * @example
 * const schema = nameText(1, 120);
 * z.parse(schema, ' Are\u200bquipa '); // 'Arequipa'
 */
export function nameText(min: number, max: number) {
  return z.pipe(
    z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
      .check(
        z.refine((value) => !LONE_SURROGATE.test(value), { error: 'must be valid text (it holds half of a character)', abort: true }),
        z.refine((value) => !BIDI_CONTROL.test(value), { error: 'must not contain characters that change the direction of text', abort: true }),
        z.refine((value) => !value.includes('\ufffd'), { error: 'contains �, a sign of text damaged on the way: please type it again', abort: true }),
      ),
    z.pipe(
      z.transform((value: string) => value.normalize('NFC').replace(INVISIBLE_FORMAT, '')),
      z.pipe(
        singleLine(min, max),
        z.string().check(z.refine((value) => value === '' || LETTER_OR_DIGIT.test(value), { error: 'must contain at least one letter or digit' })),
      ),
    ),
  );
}

/** A ULID, as every id this program mints (cities, inquiries' cities): 26 Crockford base-32 characters. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

/**
 * Whether `value` can be a ULID (any case).
 *
 * @example
 * isUlid('01J0ABCDEFGHJKMNPQRSTVWXYZ') // true
 */
export function isUlid(value: string): boolean {
  return ULID_PATTERN.test(value);
}
