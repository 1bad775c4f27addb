/**
 * Coordinator sign-in. Locally the API accepts a bearer token (COORDINATOR_TOKEN, printed by
 * `npm start`); the person pastes it and it is kept in sessionStorage only — this tab, gone when
 * the tab closes, never in localStorage or a cookie.
 *
 * In AWS the coordinator routes sit behind a Cognito user-pool JWT authorizer. That plugs in
 * here and nowhere else: `signIn` would redirect to Cognito's hosted UI (authorization code flow
 * with PKCE), a callback on /admin would exchange the code at the user pool's /oauth2/token
 * endpoint, and `token()` would return the ID/access token (refreshing it when it expires) — the
 * API still receives `Authorization: Bearer <JWT>`, so the rest of the console is unchanged.
 */
import { api, type ApiResult } from './api';

const KEY = 'coordinatorToken';

export function token(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function signIn(value: string): void {
  sessionStorage.setItem(KEY, value);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** Calls a coordinator route with the signed-in token. A 401 signs the person out. */
export async function adminApi<T>(path: string, init: Parameters<typeof api>[1] = {}): Promise<ApiResult<T>> {
  const result = await api<T>(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token() ?? ''}` } });
  if (!result.ok && result.status === 401) {
    signOut();
    window.dispatchEvent(new CustomEvent('coordinator-signed-out'));
  }
  return result;
}
