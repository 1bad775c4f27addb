/** `/register`: sends the registration and explains every possible answer. */
import { api, failureMessage } from './api';
import { byId, el, say } from './dom';
import { parseCount } from './format';
import { checked, clearIssues, onSubmitOnce, optional, showIssues, text, showSent } from './forms';

const form = byId<HTMLFormElement>('register-form');
const status = byId('register-status');
const done = byId('register-done');

onSubmitOnce(form, async () => {
  clearIssues(form, status);
  // A person writes "783,000"; the API wants 783000. A count we cannot read is reported here,
  // with the same look as the API's issues, instead of being guessed.
  const population = parseCount(text(form, 'population'));
  if (population === null) {
    showIssues(form, [{ path: 'population', message: 'must be a whole number, for example 783,000 or 783000' }], status);
    return;
  }
  const contactEmail = text(form, 'contact.email');
  const body = {
    name: text(form, 'name'),
    country: text(form, 'country'),
    region: optional(text(form, 'region')),
    population,
    description: text(form, 'description'),
    interests: checked(form, 'interests'),
    contact: {
      name: text(form, 'contact.name'),
      email: contactEmail,
      title: optional(text(form, 'contact.title')),
      phone: optional(text(form, 'contact.phone')),
    },
    website: optional(text(form, 'website')),
  };
  say(status, 'Sending your registration…');
  const result = await api<{ id: string; status: string }>('/api/cities', { body });
  if (result.ok) {
    showSent(
      form,
      done,
      el('h2', {}, 'Thank you. Your registration was received.'),
      el('p', {}, `${body.name} is now waiting for review by a program coordinator. We will write to ${contactEmail} when it is approved, usually within a few days.`),
      el('p', {}, 'After approval, your city appears in ', el('a', { href: '/cities' }, 'City Search'), ' and U.S. communities can contact the coordinators about it.'),
      el('p', { class: 'note' }, `Reference number: ${result.data.id}`),
    );
    return;
  }
  if (result.status === 400 && result.error.issues?.length) {
    showIssues(form, result.error.issues, status);
    return;
  }
  if (result.status === 409) {
    say(
      status,
      `A city named “${body.name}” is already registered, either waiting for review or already in City Search. You do not need to register it again. If something is wrong, please answer the email we sent to its contact person.`,
      'error',
    );
  } else {
    say(status, failureMessage(result), 'error');
  }
  status.focus();
});
