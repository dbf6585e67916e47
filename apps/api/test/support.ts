// Test support: the app on a test database, and a small client that signs in and carries cookie and CSRF token.

import { DEMO_PASSWORD, seedDemo } from '@gie-ecp/core';
import type { TestDatabase } from '@gie-ecp/core/testing';
import { expect } from 'vitest';
import { createApp } from '../src/app.ts';

export type App = ReturnType<typeof createApp>;

export function appFor(database: TestDatabase): App {
  // the tests stand for a proxy: X-Forwarded-For gives each simulated client its address
  return createApp({ db: database.db, engine: database.engine, version: 'test', trustProxy: true });
}

export interface Caller {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  cookie: string;
  csrfToken: string;
}

export const DEMO = {
  admin: 'admin@demo.gie-ecp.ma',
  manager: 'gerant@demo.gie-ecp.ma',
  accountant: 'comptable@demo.gie-ecp.ma',
  committee: 'comite@demo.gie-ecp.ma',
  entrepreneur: 'entrepreneur@demo.gie-ecp.ma',
  observatory: 'observatoire@demo.gie-ecp.ma',
} as const;

export async function seeded(database: TestDatabase): Promise<App> {
  await seedDemo(database.db);
  return appFor(database);
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

export async function signIn(app: App, email: string, password = DEMO_PASSWORD): Promise<Caller> {
  const response = await app.request('/api/auth/login', { method: 'POST', ...json({ email, password }) });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    request: async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
  };
}

export async function problem(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as {
    status: number;
    title: string;
    detail?: string;
    errors?: Array<{ path: string; message: string }>;
  };
}
