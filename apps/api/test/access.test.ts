// Every route of the API, tried by nobody and by each role that its declared access leaves out: the route table
// itself (the OpenAPI document) drives the test, so a new route is covered the day it is added.
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { type App, type Caller, DEMO, seeded, signIn } from './support.ts';

type Access = 'public' | 'signed-in' | string[];
const ROLES = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'] as const;

async function operations(app: App) {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { 'x-access': Access }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      // any id will do: access is decided before the resource is looked up
      url: path.replace(/\{[^}]+\}/g, '1'),
      access: op['x-access'],
    })),
  );
}

describeWithDatabase('access to every route', (database) => {
  it('asks anyone but for public routes to sign in first', async () => {
    const app = await seeded(database());
    const ops = await operations(app);
    expect(ops.length).toBeGreaterThan(40);
    for (const op of ops.filter((o) => o.access !== 'public')) {
      const response = await app.request(op.url, {
        method: op.method,
        headers: { 'content-type': 'application/json' },
        body: op.method === 'GET' ? undefined : '{}',
      });
      expect(response.status, `${op.method} ${op.url}`).toBe(401);
    }
  });

  it('refuses each role the routes its access leaves out', async () => {
    const app = await seeded(database());
    const ops = await operations(app);
    const callers = new Map<string, Caller>();
    for (const role of ROLES) callers.set(role, await signIn(app, DEMO[role]));
    let refused = 0;
    for (const op of ops) {
      if (!Array.isArray(op.access)) continue;
      for (const role of ROLES.filter((r) => !op.access.includes(r))) {
        const caller = callers.get(role) as Caller;
        const response = await caller.request(op.method, op.url, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
        expect(response.status, `${role} ${op.method} ${op.url}`).toBe(403);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});
