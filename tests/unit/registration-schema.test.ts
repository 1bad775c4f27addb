import { describe, expect, it } from 'vitest';
import { registrationSchema } from '../../shared/cities/schema';
import { nameKey } from '../../shared/text';
import { registration } from '../support/stack';

function issuesOf(input: unknown) {
  const result = registrationSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('registrationSchema', () => {
  it('accepts a complete registration and normalises it', () => {
    // Act
    const parsed = registrationSchema.parse(
      registration({ name: '  Vientiane ', country: 'la', interests: ['education', 'arts-culture', 'education'], website: '', contact: { name: 'A', email: 'Intl@Vientiane.Example.org', phone: '' } }),
    );

    // Assess
    expect(parsed).toMatchObject({ name: 'Vientiane', country: 'LA', interests: ['arts-culture', 'education'], contact: { email: 'intl@vientiane.example.org' } });
    expect(parsed.website).toBeUndefined();
    expect(parsed.contact.phone).toBeUndefined();
  });

  it.each([
    { field: 'name', value: '', message: 'must not be empty' },
    { field: 'name', value: 'a'.repeat(121), message: 'must be at most 120 characters' },
    { field: 'name', value: 'Tab\there', message: 'must be a single line without control characters' },
    { field: 'name', value: 42, message: 'must be text' },
    { field: 'country', value: 'USA', message: 'must be an ISO 3166-1 alpha-2 country code, such as LA for Laos' },
    { field: 'country', value: 'us', message: expect.stringContaining('outside the United States') },
    { field: 'population', value: 0, message: 'must be at least 1' },
    { field: 'population', value: '783000', message: 'must be a number' },
    { field: 'description', value: ' ', message: 'must not be empty' },
    { field: 'description', value: 'bell\u0007', message: 'must not contain control characters' },
    { field: 'interests', value: 'education', message: 'must be a list of interest ids' },
    { field: 'website', value: 'ftp://files.example.org', message: expect.stringContaining('http:// or https://') },
    { field: 'region', value: 'Line\nbreak', message: 'must be a single line without control characters' },
  ])('reports $field = $value with a human message', ({ field, value, message }) => {
    // Act
    const issues = issuesOf(registration({ [field]: value }));

    // Assess
    expect(issues).toEqual([{ path: field, message }]);
  });

  it('names nested fields with dotted paths', () => {
    // Act
    const issues = issuesOf(registration({ contact: { name: 'A', email: 'x', phone: 'call me' }, interests: ['youth', 'nope'] }));

    // Assess
    expect(issues.map((issue) => issue.path).sort()).toEqual(['contact.email', 'contact.phone', 'interests.1']);
  });

  it('keeps line breaks in the description but normalises them', () => {
    // Act
    const parsed = registrationSchema.parse(registration({ description: 'First line\r\nSecond line' }));

    // Assess
    expect(parsed.description).toBe('First line\nSecond line');
  });
});

describe('nameKey', () => {
  it.each([
    ['São Tomé', 'sao tome'],
    ['  SAO-TOME ', 'sao tome'],
    ['Łódź', 'łodz'],
    ['Saint-Étienne', 'saint etienne'],
    ['Nuku\u2019alofa', 'nuku alofa'],
    ['東京', '東京'],
  ])('%s compares as %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});
