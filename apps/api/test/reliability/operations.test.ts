// Operations: one JSON log line per request with its id (echoed to the caller), no secret ever logged, and a
// graceful stop that lets the request in flight finish, refuses new connections, closes the database and exits 0.
import { request as httpRequest } from 'node:http';
import { DEMO_PASSWORD, seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { jsonLogger } from '../../src/http/log.ts';
import { DEMO, json } from '../support.ts';
import { newTarget, openTarget, startServerProcess } from './support.ts';

describeWithDatabase('structured request logs', (database) => {
  it('logs each request as JSON with its id and user, and never a password, cookie, token or CSRF token', async () => {
    const { db, engine } = database();
    await seedDemo(db);
    const lines: string[] = [];
    const app = createApp({ db, engine, version: 'test', logger: jsonLogger((line) => lines.push(line)) });

    const login = await app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: DEMO.admin, password: DEMO_PASSWORD }, { 'x-request-id': 'front-1234' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('x-request-id')).toBe('front-1234');
    const sessionCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const sessionToken = sessionCookie.split('=')[1] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    expect(sessionToken.length).toBeGreaterThan(20);

    const wrongPassword = 'Wr0ng-but-still-a-secret';
    const refused = await app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: DEMO.manager, password: wrongPassword }, { 'x-request-id': 'bad id with spaces' }),
    });
    expect(refused.status).toBe(401);
    // an unusable id is replaced, and the problem carries the id the log has
    const refusedId = refused.headers.get('x-request-id') ?? '';
    expect(refusedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await refused.json()) as { requestId: string }).requestId).toBe(refusedId);

    const me = await app.request('/api/auth/me', {
      headers: { cookie: sessionCookie, 'x-csrf-token': csrfToken, authorization: 'Bearer not-a-real-scheme-but-secret' },
    });
    expect(me.status).toBe(200);
    const linkToken = 'a'.repeat(20) + 'Zx9_-'.repeat(10);
    expect((await app.request(`/api/public/documents/${linkToken}.pdf`)).status).toBe(404);

    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toHaveLength(4);
    expect(logged[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: 'front-1234',
      method: 'POST',
      path: '/api/auth/login',
      status: 200,
    });
    expect(logged[1]).toMatchObject({ requestId: refusedId, status: 401, userId: null });
    const adminId = (await db.selectFrom('users').select('id').where('email', '=', DEMO.admin).executeTakeFirstOrThrow()).id;
    expect(logged[2]).toMatchObject({ method: 'GET', path: '/api/auth/me', status: 200, userId: adminId });
    expect(logged[3]).toMatchObject({ path: '/api/public/documents/[redacted].pdf', status: 404 });
    for (const line of logged) {
      expect(Object.keys(line).sort()).toEqual([
        'durationMs',
        'level',
        'method',
        'msg',
        'path',
        'requestId',
        'status',
        'time',
        'userId',
      ]);
      expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
    }
    const all = lines.join('\n');
    for (const secret of [DEMO_PASSWORD, wrongPassword, sessionToken, csrfToken, linkToken, 'not-a-real-scheme-but-secret'])
      expect(all).not.toContain(secret);
  });
});

describe('an unexpected failure', () => {
  it('answers a bare 500 with its request id and logs the error under the same id', async () => {
    const lines: string[] = [];
    // a database that cannot run anything: the health check fails in a way no rule foresaw
    const broken = {} as Parameters<typeof createApp>[0]['db'];
    const app = createApp({ db: broken, engine: 'postgres', version: 'test', logger: jsonLogger((line) => lines.push(line)) });
    const response = await app.request('/api/health', { headers: { 'x-request-id': 'probe-500' } });
    expect(response.status).toBe(500);
    const problem = (await response.json()) as { requestId: string; detail: string };
    expect(problem).toMatchObject({
      requestId: 'probe-500',
      detail: 'the server could not complete this request; it has been logged',
    });
    expect(JSON.stringify(problem)).not.toContain('at ');
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; level: string; requestId: string; error?: string });
    expect(logged.map((l) => [l.msg, l.level, l.requestId])).toEqual([
      ['unexpected error', 'error', 'probe-500'],
      ['request', 'error', 'probe-500'],
    ]);
    expect(logged[0]?.error).toMatch(/TypeError/);
  });
});

describe('graceful shutdown', () => {
  it('finishes the request in flight on SIGTERM, refuses new ones, closes the database and exits 0', {
    timeout: 120_000,
  }, async () => {
    const target = await newTarget('pglite');
    const server = await startServerProcess(target);
    try {
      // a sign-in whose body is still arriving when the stop is asked for
      const body = JSON.stringify({ email: 'nobody@example.ma', password: 'Never-logged-1' });
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(new URL('api/auth/login', server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        });
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(async () => {
            // no new connection once the stop has begun
            await expect(fetch(new URL('api/health', server.url))).rejects.toThrow();
            req.end(body.slice(10));
          }, 700);
        }, 500);
      });
      const { status, text } = await answer;
      expect(status).toBe(401);
      expect(JSON.parse(text)).toMatchObject({ status: 401 });
      expect(await server.exited).toEqual({ code: 0, signal: null });
      const messages = server.lines.filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(messages).toEqual(
        expect.arrayContaining([
          'shutting down: no new connection, finishing the requests in flight',
          'stopped: database closed',
        ]),
      );
      expect(messages.indexOf('request')).toBeGreaterThan(messages.findIndex((m) => m.startsWith('shutting down')));
      expect(server.lines.join('\n')).not.toContain('Never-logged-1');
      // the database was closed cleanly: it opens again at once
      const reopened = await openTarget(target);
      await reopened.close();
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await server.exited;
      await target.drop();
    }
  });
});
