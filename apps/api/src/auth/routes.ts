// Signing in and out, and who am I: the session cookie is httpOnly and SameSite=Strict,
// and the CSRF token comes back in the body for the client to send as a header.
import { actorOf, login, logout } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { CSRF_HEADER, defineRoute, requireSession, SESSION_COOKIE } from '../http/access.ts';
import { clientAddress } from '../http/client-address.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas.ts';
import { UserSchema } from '../users/schemas.ts';

const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().openapi({ description: `Send it back in the ${CSRF_HEADER} header of every state-changing request` }),
    expiresAt: z.string(),
  })
  .openapi('Session');

const LoginSchema = z
  .object({
    email: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(200),
  })
  .strict()
  .openapi('Login');

const signIn = defineRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in',
  description: `Rate-limited per login and per address. Sets the ${SESSION_COOKIE} cookie.`,
  access: 'public',
  request: { body: jsonBody(LoginSchema) },
  responses: { 200: jsonResponse(SessionSchema, 'Signed in'), ...errorResponses },
});

const signOut = defineRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Sign out',
  access: 'signed-in',
  responses: { 204: { description: 'Signed out' }, ...errorResponses },
});

const me = defineRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user and the CSRF token of the session',
  access: 'signed-in',
  responses: { 200: jsonResponse(SessionSchema, 'The current session'), ...errorResponses },
});

export const authRoutes = createRouter()
  .openapi(signIn, async (c) => {
    const { email, password } = c.req.valid('json');
    const opened = await login(c.var.deps.db, { email, password, ip: clientAddress(c) });
    setCookie(c, SESSION_COOKIE, opened.token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: c.var.deps.secureCookies ?? false,
      expires: new Date(opened.expiresAt),
    });
    return c.json({ user: opened.user, csrfToken: opened.csrfToken, expiresAt: opened.expiresAt }, 200);
  })
  .openapi(signOut, async (c) => {
    const session = requireSession(c);
    await logout(c.var.deps.db, c.var.sessionToken ?? '', actorOf(session.user));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(me, async (c) => {
    const session = requireSession(c);
    return c.json({ user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt }, 200);
  });
