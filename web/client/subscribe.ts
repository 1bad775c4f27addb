/** `/subscribe`: double opt-in; the answer is the same whatever the address's state. */
import { api, failureMessage } from './api';
import { byId, el, say } from './dom';
import { clearIssues, onSubmitOnce, optional, showIssues, text, showSent } from './forms';

const form = byId<HTMLFormElement>('subscribe-form');
const status = byId('subscribe-status');
const done = byId('subscribe-done');

onSubmitOnce(form, async () => {
  clearIssues(form, status);
  const email = text(form, 'email');
  const result = await api('/api/subscriptions', { body: { email, name: optional(text(form, 'name')) } });
  if (result.ok) {
    showSent(
      form,
      done,
      el('h2', {}, 'Check your inbox for a confirmation link'),
      el('p', {}, `We sent an email to ${email}. Open the link in it to start receiving the newsletter.`),
      el('p', { class: 'note' }, 'No email after a few minutes? Look in your spam folder, or subscribe again to get a new link.'),
    );
    return;
  }
  if (result.status === 400 && result.error.issues?.length) {
    showIssues(form, result.error.issues, status);
    return;
  }
  say(status, failureMessage(result), 'error');
  status.focus();
});
