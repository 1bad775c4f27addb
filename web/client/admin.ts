/** `/admin`: sign-in, then the console's sections (admin-review.ts, admin-digest.ts). */
import { loadApproved, loadPending, onApproved } from './admin-review';
import { loadInquiries, offerCities } from './admin-digest';
import { signIn, signOut, token } from './auth';
import { byId, say } from './dom';
import { clearIssues, onSubmitOnce, showIssues, text } from './forms';

const signin = byId('signin');
const signinForm = byId<HTMLFormElement>('signin-form');
const signinStatus = byId('signin-status');
const consoleArea = byId('console');

onApproved(offerCities, (cityId) => {
  void loadInquiries(cityId).then(() => byId('inquiries-heading').scrollIntoView());
});

function showSignIn(message?: string): void {
  consoleArea.hidden = true;
  signin.hidden = false;
  if (message) say(signinStatus, message, 'error');
}

/** Opens the console; `false` when the token was refused (then the sign-in form shows). */
async function openConsole(): Promise<boolean> {
  // A refused token signs out (auth.ts); any other failure shows in the section itself.
  if (!(await loadPending()) && token() === null) return false;
  signin.hidden = true;
  consoleArea.hidden = false;
  say(byId('console-status'), 'Signed in as coordinator.');
  await loadApproved();
  await loadInquiries('');
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
  byId('pending-heading').focus();
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
