/**
 * `/admin`: sign-in, then the console: a menu of tabs (admin-tabs.ts) over its sections — review
 * queue, approved and rejected cities (admin-review.ts), inquiries and the next newsletter
 * (admin-digest.ts), members (admin-members.ts).
 */
import { loadApproved, loadPending, loadRejected, onApproved } from './admin-review';
import { loadInquiries, loadPlan, offerCities } from './admin-digest';
import { loadMembers } from './admin-members';
import { selectFromUrl, selectTab } from './admin-tabs';
import { signIn, signOut, token } from './auth';
import { byId, say } from './dom';
import { clearIssues, onSubmitOnce, showIssues, text } from './forms';

const signin = byId('signin');
const signinForm = byId<HTMLFormElement>('signin-form');
const signinStatus = byId('signin-status');
const consoleArea = byId('console');
const consoleStatus = byId('console-status');

onApproved(offerCities, (cityId) => {
  selectTab('inquiries', { remember: true });
  void loadInquiries(cityId).then(() => byId('inquiries-heading').focus());
});

function showSignIn(message?: string): void {
  // A dialog left open (the reject dialog) would hide the sign-in form and its message.
  for (const dialog of document.querySelectorAll('dialog')) if (dialog.open) dialog.close();
  consoleArea.hidden = true;
  signin.hidden = false;
  if (message) say(signinStatus, message, 'error');
}

/** Opens the console; `false` when the token was refused (then the sign-in form shows). */
async function openConsole(): Promise<boolean> {
  // A refused token signs out (auth.ts); any other failure shows in the section itself.
  const loaded = await loadPending();
  if (!loaded && token() === null) return false;
  signin.hidden = true;
  selectFromUrl();
  consoleArea.hidden = false;
  if (!loaded) {
    // The server did not answer (the queue says why, once): the other sections would only
    // repeat the same message, so they wait for a reload.
    consoleStatus.replaceChildren();
    selectTab('review');
    return true;
  }
  say(consoleStatus, 'Signed in as coordinator.');
  await Promise.all([loadApproved(), loadRejected(), loadInquiries(''), loadMembers(), loadPlan()]);
  return true;
}

onSubmitOnce(signinForm, async () => {
  clearIssues(signinForm, signinStatus);
  const value = text(signinForm, 'token');
  if (!value) return showIssues(signinForm, [{ path: 'token', message: 'must not be empty' }], signinStatus);
  signIn(value);
  if (!(await openConsole())) {
    showIssues(signinForm, [{ path: 'token', message: 'Wrong token: please check it and try again' }], signinStatus);
    return;
  }
  signinForm.reset();
  // The section the URL names (the review queue unless it names another).
  consoleArea.querySelector<HTMLElement>('[role=tabpanel]:not([hidden]) h2')?.focus();
});

byId('signout').addEventListener('click', () => {
  signOut();
  showSignIn();
  say(signinStatus, 'You are signed out.');
  byId<HTMLInputElement>('f-token').focus();
});

// Any 401 later (token changed on the server) brings the sign-in form back.
window.addEventListener('coordinator-signed-out', () => showSignIn('Your sign-in is no longer valid. Please sign in again.'));

if (token()) void openConsole();
