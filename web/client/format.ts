/** Formatting for people: numbers, dates, months, countries, interests. */
import { INTERESTS } from '../../shared/cities/interests';

const NUMBER = new Intl.NumberFormat('en-US');
const INTEREST_LABELS = new Map<string, string>(INTERESTS.map((interest) => [interest.id, interest.label]));
// The browser's own ICU data names countries (as the API does with Node's), at no bundle cost.
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** 783000 → "783,000". */
export const formatNumber = (value: number): string => NUMBER.format(value);

export const interestLabel = (id: string): string => INTEREST_LABELS.get(id) ?? id;

export const countryName = (code: string): string => REGION_NAMES.of(code) ?? code;

/**
 * A count typed by a person: "783,000", "783000", "783 000" or "783.000" → 783000. Separators
 * must group by three, so "7.5" or "78,30" are refused instead of guessed. `undefined` for
 * empty, `null` when it is not a whole number.
 *
 * @example
 * parseCount('783,000') // 783000
 */
export function parseCount(text: string): number | undefined | null {
  const value = text.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d{1,3}([,.\s'’\u00a0\u202f]\d{3})+$/.test(value)) return Number(value.replace(/\D/g, ''));
  return null;
}

/** "2031-01" → "January 2031". */
export function monthName(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, index - 1, 1)));
}

/** An ISO timestamp as a date people read ("March 3, 2031"). */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(date);
}

/** An ISO timestamp with time, for coordinators. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
