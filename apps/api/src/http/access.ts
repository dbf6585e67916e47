// Who may call what: every route declares its access next to its schema, and one middleware enforces it.
// The declaration also lands in the OpenAPI document (`x-access`), where the authorisation tests read it.
import { findSession, type Role } from '@gie-ecp/core';
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import { ProblemError } from './problem.ts';

/** `public`: anyone; `signed-in`: any active user; a list: users with one of those roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export const SESSION_COOKIE = 'gie_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Loads the session of the cookie, if any, for every /api request. */
export function sessionLoader() {
  return createMiddleware<AppEnv>(async function loadSession(c, next) {
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const session = token ? await findSession(c.var.deps.db, token) : null;
    c.set('session', session);
    c.set('sessionToken', session ? token : null);
    await next();
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-site state changes: a foreign Origin is refused outright, and a signed-in request must carry
 * its session's CSRF token in a header, which another site cannot read nor set.
 */
export function csrfGuard() {
  return createMiddleware<AppEnv>(async function guardCsrf(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      if (new URL(origin).host !== host) {
        throw new ProblemError(403, `cross-site request refused (origin ${origin})`, [
          { path: 'origin', location: 'header', message: `expected this site (${host}), received ${origin}` },
        ]);
      }
    }
    const session = c.var.session;
    if (session && c.req.header(CSRF_HEADER) !== session.csrfToken) {
      throw new ProblemError(403, 'missing or wrong CSRF token', [
        { path: CSRF_HEADER, location: 'header', message: 'expected the csrfToken given at sign-in' },
      ]);
    }
    await next();
  });
}

export function authorize(access: Access) {
  return createMiddleware<AppEnv>(async function checkAccess(c, next) {
    if (access === 'public') return next();
    const session = c.var.session;
    if (!session) throw new ProblemError(401, 'sign in first');
    if (access !== 'signed-in' && !access.includes(session.user.role)) {
      throw new ProblemError(403, `this action is for ${access.join(', ')}; you are signed in as ${session.user.role}`);
    }
    await next();
  });
}

/** A route with its declared access: the access becomes both its middleware and its `x-access` extension. */
export function defineRoute<const R extends RouteConfig>(config: R & { access: Access }): R {
  const { access, ...route } = config;
  const middleware =
    route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  return createRoute({ ...route, 'x-access': access, middleware: [authorize(access), ...middleware] } as unknown as R);
}

/** The signed-in session; for use in handlers behind a non-public access. */
export function requireSession(c: { var: AppEnv['Variables'] }) {
  const session = c.var.session;
  if (!session) throw new ProblemError(401, 'sign in first');
  return session;
}
