/**
 * The fields a city's listing is made of, as its registration and its manage page both show
 * them: one wording of each label and help text, so a city reads the same words in both.
 */
import { INTERESTS } from '../../shared/cities/interests';
import { checkboxGroup, field } from './fields';
import { html } from './html';

export const CITY_FIELDS = {
  region: () => field({ path: 'region', label: 'State, province or region', optional: true, autocomplete: 'address-level1', maxlength: 120 }),
  population: () => field({ path: 'population', label: 'Population', help: 'How many people live there. Write it as a whole number, for example 783,000 or 783000.', inputmode: 'numeric', autocomplete: 'off', maxlength: 20 }),
  interests: () => checkboxGroup({ path: 'interests', legend: 'What would you like to exchange?', help: 'Choose one or more.', choices: INTERESTS }),
  website: () => field({ path: 'website', label: 'Website', optional: true, type: 'url', inputmode: 'url', help: 'Your city’s website, starting with https:// or http://', autocomplete: 'url', maxlength: 2048 }),
  /** What the city is like: region, population, description, interests and website, in order. */
  aboutTheCity: (descriptionRows: number) => html`${CITY_FIELDS.region()}
${CITY_FIELDS.population()}
${field({ path: 'description', label: 'About your city', help: 'A few sentences: what your city is like and what you hope a sister city partnership will bring. At most 3,000 characters.', rows: descriptionRows, maxlength: 3000 })}
${CITY_FIELDS.interests()}
${CITY_FIELDS.website()}`,
  contactName: () => field({ path: 'contact.name', label: 'Full name', autocomplete: 'name', maxlength: 120 }),
  contactTitle: () => field({ path: 'contact.title', label: 'Job title', optional: true, autocomplete: 'organization-title', maxlength: 120, help: 'For example “International Relations Officer”.' }),
  contactPhone: () => field({ path: 'contact.phone', label: 'Phone', optional: true, type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 40, help: 'With the country code, for example +856 21 123 456.' }),
};
