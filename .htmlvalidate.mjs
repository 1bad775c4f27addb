/**
 * html-validate's configuration: the recommended preset for every page, those built with the
 * site and those the API renders, each validated as served (tests/e2e/validity.test.ts; or
 * `npx html-validate <file>`).
 *
 * Every rule this file turns off or sets differently from the preset has its reason in
 * `reasons`; the test fails on a rule changed here without one, and on a reason for a rule no
 * longer changed. JSON has no comments: that is why this file is a module.
 */

/** Why each rule below differs from `html-validate:recommended`. */
export const reasons = {
  'doctype-style':
    'Set to lowercase, not turned off: every page begins with `<!doctype html>`, as the HTML standard writes it (and as the tests of the pages pin); the rule still requires one case everywhere.',
  'form-dup-name':
    'Checkboxes may share a name (added to the rule\'s `shared` types; the rule stays on for every other control): a checkbox group is one field with several values, such as "What would you like to exchange?" when registering a city, sent as repeated `interests`.',
  'no-inline-style':
    'Off for the digest\'s web version only: its content is the email\'s own HTML (the email keeps its table layout, and a unit test pins that the two are the same), and mail clients honour only inline styles.',
  'no-deprecated-attr':
    'Off for the digest\'s web version only: the email\'s layout tables carry width, cellpadding, cellspacing, align and bgcolor, which mail clients (Outlook above all) need where they ignore CSS.',
  'prefer-tbody':
    'Off for the digest\'s web version only: the email\'s layout tables write their rows without <tbody>, as email templates do; browsers add it.',
};

/**
 * What the digest's web version (GET /digests/YYYY-MM) is validated with on top of the default
 * export: the rules its email HTML cannot meet. The frame around it meets them; every other page
 * is validated with all of them.
 */
export const digestWebVersion = {
  rules: {
    'no-inline-style': 'off',
    'no-deprecated-attr': 'off',
    'prefer-tbody': 'off',
  },
};

export default {
  root: true,
  extends: ['html-validate:recommended'],
  rules: {
    'doctype-style': ['error', { style: 'lowercase' }],
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
};
