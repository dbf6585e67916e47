import { readFile } from 'node:fs/promises';
import { tableChecksums } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { describe, expect, it } from 'vitest';
import { createApp, MAX_JSON_BODY_BYTES } from '../src/app.ts';
import { appFor, DEMO, json, problem, seeded, signIn } from './support.ts';

describeWithDatabase('HTTP basics', (database) => {
  it('answers health with the engine and the version', async () => {
    const response = await appFor(database()).request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: database().engine, version: 'test' });
  });

  it('answers an unknown API path with a problem+json 404', async () => {
    const response = await appFor(database()).request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await problem(response)).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers a wrong method with a problem+json 405 and the allowed methods', async () => {
    const response = await appFor(database()).request('/api/users', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect((await problem(response)).status).toBe(405);
  });

  it('names each invalid field of a body, and changes nothing', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const before = await tableChecksums(database().db);
    const response = await admin.request('POST', '/api/users', { email: 'not-an-email', role: 'boss', password: 'short' });
    expect(response.status).toBe(400);
    const body = await problem(response);
    const paths = body.errors?.map((e) => e.path).sort();
    expect(paths).toEqual(['displayName', 'email', 'password', 'role']);
    expect(body.errors?.every((e) => e.message.length > 0)).toBe(true);
    expect(await tableChecksums(database().db)).toEqual(before);
  });

  it('refuses malformed JSON, a wrong content type and an oversized body with problem+json', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const malformed = await admin.request('POST', '/api/users', '{"email": ');
    expect(malformed.status).toBe(400);
    await problem(malformed);
    const wrongType = await admin.request('POST', '/api/users', 'email=a@b.ma', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    await problem(wrongType);
    const huge = await admin.request('POST', '/api/users', JSON.stringify({ email: 'x'.repeat(MAX_JSON_BODY_BYTES) }));
    expect(huge.status).toBe(413);
    await problem(huge);
  });

  it('names an invalid path parameter', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const response = await admin.request('GET', '/api/users/abc');
    expect(response.status).toBe(400);
    expect((await problem(response)).errors?.[0]).toMatchObject({ path: 'id', location: 'path' });
  });

  it('publishes an OpenAPI 3.1 document in which every operation declares who may call it', async () => {
    const app = appFor(database());
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-access'?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'get /api/health',
        'post /api/auth/login',
        'get /api/users',
        'patch /api/users/{id}',
        'get /api/members',
      ]),
    );
    for (const { op, method, path } of operations) {
      expect(op['x-access'], `${method} ${path} declares no access`).toBeDefined();
    }
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/users/{id}');
    expect(html).toContain('Access:');
  });

  it('serves JSON requests with security headers and no caching', async () => {
    const response = await appFor(database()).request('/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('accepts a login body only as JSON with the expected fields', async () => {
    const app = appFor(database());
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: 'a@b.ma', password: 'x', extra: 1 }),
    });
    expect(response.status).toBe(400);
    expect((await problem(response)).errors?.[0]?.message).toMatch(/extra/);
  });
});

describe('docs/api.md', () => {
  it('lists every operation of the API with its access', async () => {
    const app = createApp({ db: null as never, engine: 'pglite', version: 'test' });
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-access': 'public' | 'signed-in' | string[] }>>;
    };
    const table = await readFile(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const access = Array.isArray(op['x-access']) ? op['x-access'].join(', ') : op['x-access'];
        if (!table.includes(`| \`${method.toUpperCase()} ${path}\` | ${access} |`))
          missing.push(`${method.toUpperCase()} ${path} (${access})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
