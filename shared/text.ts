/**
 * Text rules shared by every form: what a single-line field may contain, and how names are
 * compared.
 */
import { z } from 'zod';

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
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .refine((value) => !CONTROL.test(value), { message: 'must be a single line without control characters' })
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(min, { message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` })
        .max(max, { message: `must be at most ${max} characters` }),
    );
}

/** Multi-line text (descriptions, messages): line breaks allowed, other control characters not. */
export function multiLine(min: number, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .refine((value) => !CONTROL_EXCEPT_LINES.test(value), { message: 'must not contain control characters' })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(min, { message: 'must not be empty' })
        .max(max, { message: `must be at most ${max} characters` }),
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
