// Who is signed in: restored from the cookie at start-up, opened by the login form, closed by sign-out or
// by the server (a 401 mid-session). The CSRF token of the session is handed to the API client here.
import { ApiProblem, api, call, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { adoptUserLocale } from '../i18n/localize.ts';

export type SessionEnd = 'signed-out' | 'expired';

let current: Session | null = null;
let lastEnd: SessionEnd | null = null;
const listeners = new Set<() => void>();

function set(session: Session | null, end: SessionEnd | null = null): void {
  current = session;
  lastEnd = session ? null : end;
  setCsrfToken(session?.csrfToken ?? null);
  if (session) adoptUserLocale(session.user.locale);
  for (const listener of listeners) listener();
}

setUnauthorizedHandler(() => {
  if (current) set(null, 'expired');
});

export function currentSession(): Session | null {
  return current;
}

/** How the last session ended, so the login page can say the session expired rather than stay silent. */
export function lastSessionEnd(): SessionEnd | null {
  return lastEnd;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads the session of the cookie, if any; a network failure is thrown for the caller to offer a retry. */
export async function restoreSession(): Promise<Session | null> {
  try {
    set(await call(api.auth.me.$get()));
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) set(null);
    else throw error;
  }
  return current;
}

/** Signs in; failures (401 wrong credentials, 429 rate limited, 400 invalid) are thrown as ApiProblem. */
export async function signIn(email: string, password: string): Promise<Session> {
  const session = await call(api.auth.login.$post({ json: { email, password } }));
  set(session);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await call(api.auth.logout.$post());
  } catch (error) {
    // the session may already be gone on the server; locally it ends either way
    if (!(error instanceof ApiProblem)) throw error;
  } finally {
    set(null, 'signed-out');
  }
}
