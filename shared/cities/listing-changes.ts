/**
 * What a listing update changes: each editable field before and after, and the writes that make
 * it so. Pure: no table, no clock.
 */
import type { EventDetail } from '../events/contracts';
import type { City, ListingUpdate } from './schema';

/** One changed field, as the `CityListingChanged` event carries it (`null`: empty). */
export type ListingChange = EventDetail<'CityListingChanged'>['changes'][number];
/** The dotted path of an editable field, as the API and the page name it. */
export type ListingField = ListingChange['field'];
type Value = ListingChange['before'];

/** Every editable field in the order the page shows them (and the coordinator reads them). */
export const LISTING_FIELD_PATHS: readonly ListingField[] = [
  'description',
  'interests',
  'website',
  'region',
  'population',
  'contact.name',
  'contact.title',
  'contact.phone',
];

/** The value of `field` in `city` (`null` when it has none). */
export function listingValue(city: City, field: ListingField): Value {
  switch (field) {
    case 'contact.name':
      return city.contact.name;
    case 'contact.title':
      return city.contact.title ?? null;
    case 'contact.phone':
      return city.contact.phone ?? null;
    default:
      return city[field] ?? null;
  }
}

/** What the update asks for `field`: `undefined` to leave it, `null` to clear it, else the value. */
function proposed(update: ListingUpdate, field: ListingField): Value | undefined {
  const contact = update.contact;
  switch (field) {
    case 'contact.name':
      return contact?.name;
    case 'contact.title':
      return contact?.title;
    case 'contact.phone':
      return contact?.phone;
    default:
      return update[field];
  }
}

function same(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}

/**
 * The fields `update` really changes in `city`, in page order: a value sent as it already is
 * is no change (so saving an untouched form changes nothing and tells nobody).
 *
 * @example
 * listingChanges(city, { population: 130000, region: null })
 * // [{ field: 'region', before: 'Quảng Nam', after: null }, { field: 'population', before: 121716, after: 130000 }]
 */
export function listingChanges(city: City, update: ListingUpdate): ListingChange[] {
  return LISTING_FIELD_PATHS.flatMap((field) => {
    const after = proposed(update, field);
    const before = listingValue(city, field);
    return after === undefined || same(before, after) ? [] : [{ field, before, after }];
  });
}

/**
 * The attributes to set and remove on the city item for `changes` (the contact is written as
 * a whole, its email address as it was).
 *
 * @example
 * const { set, remove } = listingWrites(city, changes);
 */
export function listingWrites(city: City, changes: readonly ListingChange[]): { set: Record<string, unknown>; remove: string[] } {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  const contact: Record<string, unknown> = { ...city.contact };
  let contactChanged = false;
  for (const { field, after } of changes) {
    if (field.startsWith('contact.')) {
      const key = field.slice('contact.'.length);
      if (after === null) delete contact[key];
      else contact[key] = after;
      contactChanged = true;
    } else if (after === null) remove.push(field);
    else set[field] = after;
  }
  if (contactChanged) set.contact = contact;
  return { set, remove };
}
