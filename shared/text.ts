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
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
