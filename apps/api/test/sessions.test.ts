// Sessions under attack: a planted session id, a replayed cookie after sign-out or a password change, cross-site
// state changes on every route of the table, spoofed addresses against the sign-in limit, weak passwords, and the
// security headers (a CSP with no inline script) on the API and on the back office's page.
import { DEMO_PASSWORD, LOGIN_LIMITS } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { businessChecksum } from './hostile/checksum.ts';
import { operations } from './route-table.ts';
import { appFor, DEMO, json, problem, seeded, signIn } from './support.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function cookieOf(response: Response): string {
  return response.headers.get('set-cookie') ?? '';
}

describeWithDatabase('sessions under attack', (database) => {
  it('gives a new session id at every sign-in, whatever cookie the browser brings (no fixation)', async () => {
    const app = await seeded(database());
    const planted = 'gie_session=attacker-chosen-value-0123456789abcdefghijklmnop';
    const login = () =>
      app.request('/api/auth/login', {
        method: 'POST',
        ...json({ email: DEMO.manager, password: DEMO_PASSWORD }, { cookie: planted }),
      });
    const first = cookieOf(await login());
    const second = cookieOf(await login());
    const token = (cookie: string) => /^gie_session=([^;]+)/.exec(cookie)?.[1];
    expect(token(first)).toMatch(/^[\w-]{40,}$/);
    expect(token(first)).not.toBe('attacker-chosen-value-0123456789abcdefghijklmnop');
    expect(token(second)).not.toBe(token(first));
    // the planted id opens nothing
    expect((await app.request('/api/auth/me', { headers: { cookie: planted } })).status).toBe(401);
  });

  it('sets the cookie HttpOnly, SameSite=Strict, Path=/, and Secure behind HTTPS; sign-out clears it', async () => {
    const { db, engine } = database();
    const app = await seeded(database());
    const plain = cookieOf(
      await app.request('/api/auth/login', { method: 'POST', ...json({ email: DEMO.manager, password: DEMO_PASSWORD }) }),
    );
    expect(plain).toMatch(/HttpOnly/i);
    expect(plain).toMatch(/SameSite=Strict/i);
    expect(plain).toMatch(/Path=\//i);
    expect(plain).not.toMatch(/Secure/i);
    const secure = createApp({ db, engine, version: 'test', secureCookies: true });
    const behindHttps = cookieOf(
      await secure.request('/api/auth/login', { method: 'POST', ...json({ email: DEMO.manager, password: DEMO_PASSWORD }) }),
    );
    expect(behindHttps).toMatch(/;\s*Secure/i);
    const caller = await signIn(app, DEMO.manager);
    const out = await caller.request('POST', '/api/auth/logout');
    expect(cookieOf(out)).toMatch(/gie_session=;.*Max-Age=0|gie_session=;.*Expires=Thu, 01 Jan 1970/i);
  });

  it('refuses a replayed cookie after sign-out, and every session of a user whose password changed', async () => {
    const app = await seeded(database());
    const out = await signIn(app, DEMO.accountant);
    expect((await out.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await app.request('/api/auth/me', { headers: { cookie: out.cookie } })).status).toBe(401);

    const laptop = await signIn(app, DEMO.manager);
    const phone = await signIn(app, DEMO.manager);
    const admin = await signIn(app, DEMO.admin);
    const manager = (
      await database().db.selectFrom('users').select('id').where('email', '=', DEMO.manager).executeTakeFirstOrThrow()
    ).id;
    const changed = await admin.request('PATCH', `/api/users/${manager}`, { password: 'un-nouveau-secret-2026' });
    expect(changed.status).toBe(200);
    expect((await laptop.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await phone.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await admin.request('GET', '/api/auth/me')).status).toBe(200);
    await expect(signIn(app, DEMO.manager)).rejects.toThrow(/401/);
    expect((await signIn(app, DEMO.manager, 'un-nouveau-secret-2026')).csrfToken).toBeTruthy();
  });

  it('refuses every state-changing route without the CSRF token or from another site, changing nothing', {
    timeout: 120_000,
  }, async () => {
    const app = await seeded(database());
    const ops = (await operations(app)).filter((o) => MUTATING.has(o.method));
    const admin = await signIn(app, DEMO.admin);
    const before = await businessChecksum(database().db);
    let tried = 0;
    for (const op of ops) {
      const url = op.path.replace(/\{[^}]+\}/g, '1');
      // another site's page: refused whoever is signed in, public routes included
      const foreign = await app.request(url, {
        method: op.method,
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
          origin: 'https://evil.example',
          'content-type': 'application/json',
        },
        body: '{}',
      });
      expect(foreign.status, `${op.key} from another site`).toBe(403);
      expect((await problem(foreign)).errors?.[0]?.path, op.key).toBe('origin');
      tried++;
      if (op.access === 'public') continue;
      // the session's cookie rides along, but not the token only this site's page can read
      for (const token of [undefined, '', 'forged-token']) {
        const headers: Record<string, string> = { cookie: admin.cookie, 'content-type': 'application/json' };
        if (token !== undefined) headers['x-csrf-token'] = token;
        const response = await app.request(url, { method: op.method, headers, body: '{}' });
        expect(response.status, `${op.key} with CSRF token ${JSON.stringify(token)}`).toBe(403);
        expect((await problem(response)).errors?.[0]?.path).toBe('x-csrf-token');
        tried++;
      }
    }
    expect(await businessChecksum(database().db)).toBe(before);
    console.log(`CSRF: ${tried} cross-site or tokenless requests on ${ops.length} state-changing routes, all refused`);
  });

  it('keeps the per-address sign-in limit whatever X-Forwarded-For says, unless behind a trusted proxy', async () => {
    const { db, engine } = database();
    await seeded(database());
    const direct = createApp({ db, engine, version: 'test' });
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      const r = await direct.request('/api/auth/login', {
        method: 'POST',
        ...json({ email: `nobody${i}@example.ma`, password: 'wrong-password' }, { 'x-forwarded-for': `192.0.2.${i}` }),
      });
      expect(r.status).toBe(401);
    }
    // the spoofed header changes nothing: this address has used up its tries, for every login
    const spoofed = await direct.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: DEMO.manager, password: DEMO_PASSWORD }, { 'x-forwarded-for': '198.51.100.99' }),
    });
    expect(spoofed.status).toBe(429);
    // behind a trusted proxy, the address it wrote (the last entry) is the client's, not what the client claimed
    const proxied = createApp({ db, engine, version: 'test', trustProxy: true });
    const viaProxy = await proxied.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: DEMO.manager, password: DEMO_PASSWORD }, { 'x-forwarded-for': '192.0.2.1, 203.0.113.9' }),
    });
    expect(viaProxy.status).toBe(200);
    const attempts = await db.selectFrom('login_attempts').select('ip').where('succeeded', '=', true).execute();
    expect(attempts.map((a) => a.ip)).toEqual(['203.0.113.9']);
  });

  it('refuses a password shorter than the policy (10 characters), naming the field', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    for (const password of ['', 'court', '123456789']) {
      const response = await admin.request('POST', '/api/users', {
        email: 'faible@demo.gie-ecp.ma',
        displayName: 'Faible',
        role: 'accountant',
        password,
      });
      expect(response.status, password).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path)).toEqual(['password']);
    }
    expect(await database().db.selectFrom('users').select('id').where('email', '=', 'faible@demo.gie-ecp.ma').execute()).toEqual(
      [],
    );
  });

  it('sends the security headers, with a CSP that allows no inline or evaluated script', async () => {
    const app = appFor(database());
    for (const path of ['/api/health', '/api/nothing-here']) {
      const response = await app.request(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name as string, values]),
      );
      const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
      expect(scripts, path).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    }
  });
});
