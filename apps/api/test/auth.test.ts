import { DEMO_PASSWORD, LOGIN_LIMITS } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { DEMO, json, problem, seeded, signIn } from './support.ts';

describeWithDatabase('signing in and out', (database) => {
  it('opens a session in an httpOnly, SameSite=Strict cookie and gives a CSRF token', async () => {
    const app = await seeded(database());
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: DEMO.manager, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^gie_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = (await response.json()) as { user: { role: string; email: string }; csrfToken: string };
    expect(body.user).toMatchObject({ role: 'manager', email: DEMO.manager });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it('keeps only a digest of the session token in the database', async () => {
    const app = await seeded(database());
    const caller = await signIn(app, DEMO.manager);
    const token = caller.cookie.split('=')[1] ?? '';
    const stored = await database().db.selectFrom('sessions').select('id').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).not.toContain(token);
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const app = await seeded(database());
    for (const body of [
      { email: DEMO.manager, password: 'wrong-password' },
      { email: 'nobody@demo.gie-ecp.ma', password: DEMO_PASSWORD },
    ]) {
      const response = await app.request('/api/auth/login', { method: 'POST', ...json(body) });
      expect(response.status).toBe(401);
      expect((await problem(response)).detail).toBe('e-mail or password incorrect, or account inactive');
    }
  });

  it('locks a login after repeated failures, even for the right password, and says when to retry', async () => {
    const app = await seeded(database());
    for (let i = 0; i < LOGIN_LIMITS.perLogin; i++) {
      const r = await app.request('/api/auth/login', {
        method: 'POST',
        ...json({ email: DEMO.accountant, password: `wrong-${i}` }),
      });
      expect(r.status).toBe(401);
    }
    const locked = await app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: DEMO.accountant, password: DEMO_PASSWORD }),
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // another login is not locked by it
    expect(
      (await app.request('/api/auth/login', { method: 'POST', ...json({ email: DEMO.manager, password: DEMO_PASSWORD }) }))
        .status,
    ).toBe(200);
  });

  it('tells who is signed in, and nobody after sign-out', async () => {
    const app = await seeded(database());
    const caller = await signIn(app, DEMO.entrepreneur);
    const me = await caller.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { role: string; memberId: number } }).user).toMatchObject({ role: 'entrepreneur' });
    expect((await caller.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await caller.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('refuses a state change without the session CSRF token, or from another site', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const body = { email: 'x@demo.gie-ecp.ma', displayName: 'X', role: 'manager', password: 'long-enough-1' };
    const noToken = await admin.request('POST', '/api/users', body, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect((await problem(noToken)).errors?.[0]?.path).toBe('x-csrf-token');
    const foreign = await admin.request('POST', '/api/users', body, { origin: 'https://evil.example', host: 'localhost' });
    expect(foreign.status).toBe(403);
    const users = await database().db.selectFrom('users').select('email').where('email', '=', body.email).execute();
    expect(users).toEqual([]);
  });

  it('writes sign-in and sign-out to the audit log', async () => {
    const app = await seeded(database());
    const caller = await signIn(app, DEMO.committee);
    await caller.request('POST', '/api/auth/logout');
    const actions = await database()
      .db.selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'session.%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['session.login', 'session.logout']);
  });
});
