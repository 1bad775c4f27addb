/**
 * Calling the API: every outcome (including no network) becomes a value, so pages handle each
 * case explicitly instead of catching.
 */

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ApiError {
  error?: string;
  message?: string;
  issues?: FieldIssue[];
  existingId?: string;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  /** `status` 0: the request never got an answer (offline, server down). */
  | { ok: false; status: number; error: ApiError; retryAfter?: string };

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; as?: 'json' | 'text' } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: init.as === 'text' ? 'text/html' : 'application/json', ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, error: {} };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) {
    if (init.as === 'text') return { ok: true, status: response.status, data: text as T };
    try {
      return { ok: true, status: response.status, data: (text ? JSON.parse(text) : null) as T };
    } catch {
      return { ok: false, status: 502, error: {} };
    }
  }
  let error: ApiError = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') error = parsed as ApiError;
  } catch {
    // Not JSON (a proxy's error page): the status alone says what happened.
  }
  return { ok: false, status: response.status, error, retryAfter: response.headers.get('retry-after') ?? undefined };
}

/**
 * A sentence for a person about a failed request, for statuses a page does not handle itself.
 */
export function failureMessage(result: { status: number; error: ApiError }): string {
  const { status } = result;
  if (status === 0) return 'We could not reach the server. Please check your internet connection and try again. Nothing was sent.';
  if (status === 400) return result.error.message && !result.error.issues ? result.error.message : 'Some fields need attention.';
  if (status === 401) return 'You are not signed in, or your sign-in has expired. Please sign in again.';
  if (status === 404) return 'We could not find what you asked for. It may have been removed.';
  if (status === 409) return result.error.message ?? 'This conflicts with something that already exists.';
  if (status === 413) return 'What you wrote is too long to send. Please shorten the longest text and try again.';
  if (status === 415) return 'Your browser sent the form in a way we could not read. Please reload the page and try again.';
  if (status === 429 || status === 503) return 'We are very busy right now. Please try again in a minute.';
  return 'Something went wrong on our side. Please try again later.';
}
