import { tableChecksums } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { DEMO, json, problem, seeded, signIn } from './support.ts';

const NEW_ACCOUNTANT = {
  email: 'Nouveau@Demo.gie-ecp.ma',
  displayName: 'Nadia Nouvelle',
  role: 'accountant',
  password: 'motdepasse-123',
};

describeWithDatabase('users and roles', (database) => {
  it('lets the admin create a user who can then sign in, and audits it with the actor', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const response = await admin.request('POST', '/api/users', NEW_ACCOUNTANT);
    expect(response.status).toBe(201);
    const user = (await response.json()) as { id: number; email: string; role: string };
    expect(user).toMatchObject({ email: 'nouveau@demo.gie-ecp.ma', role: 'accountant', memberId: null, active: true });
    const signedIn = await signIn(app, 'nouveau@demo.gie-ecp.ma', NEW_ACCOUNTANT.password);
    expect((await signedIn.request('GET', '/api/auth/me')).status).toBe(200);

    const audit = await database()
      .db.selectFrom('audit_log')
      .innerJoin('users', 'users.id', 'audit_log.actor_user_id')
      .select(['audit_log.action', 'audit_log.entity_id', 'audit_log.after', 'users.email'])
      .where('audit_log.action', '=', 'user.create')
      .where('audit_log.entity_id', '=', String(user.id))
      .executeTakeFirstOrThrow();
    expect(audit.email).toBe(DEMO.admin);
    expect(audit.after).toMatchObject({ email: 'nouveau@demo.gie-ecp.ma', role: 'accountant' });
    expect(JSON.stringify(audit.after)).not.toContain('scrypt');
  });

  it('refuses a duplicate e-mail with a 409 naming the field', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const response = await admin.request('POST', '/api/users', { ...NEW_ACCOUNTANT, email: DEMO.manager });
    expect(response.status).toBe(409);
    expect((await problem(response)).errors).toEqual([
      { path: 'email', message: `${DEMO.manager} is already used by another user` },
    ]);
  });

  it('ties entrepreneurs, and only them, to an existing member', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const before = await tableChecksums(database().db);
    const orphan = await admin.request('POST', '/api/users', { ...NEW_ACCOUNTANT, role: 'entrepreneur' });
    expect(orphan.status).toBe(400);
    expect((await problem(orphan)).errors?.[0]?.path).toBe('memberId');
    const ghost = await admin.request('POST', '/api/users', { ...NEW_ACCOUNTANT, role: 'entrepreneur', memberId: 9999 });
    expect((await problem(ghost)).errors?.[0]).toEqual({ path: 'memberId', message: 'member 9999 does not exist' });
    const staffWithMember = await admin.request('POST', '/api/users', { ...NEW_ACCOUNTANT, memberId: 1 });
    expect((await problem(staffWithMember)).errors?.[0]?.path).toBe('memberId');
    expect(await tableChecksums(database().db)).toEqual(before);
  });

  it('keeps user administration to the admin role', async () => {
    const app = await seeded(database());
    expect((await app.request('/api/users')).status).toBe(401);
    for (const email of [DEMO.manager, DEMO.accountant, DEMO.committee, DEMO.entrepreneur]) {
      const caller = await signIn(app, email);
      expect((await caller.request('GET', '/api/users')).status).toBe(403);
      expect((await caller.request('POST', '/api/users', NEW_ACCOUNTANT)).status).toBe(403);
    }
    expect((await (await signIn(app, DEMO.admin)).request('GET', '/api/users')).status).toBe(200);
  });

  it('ends the sessions of a deactivated user, who can no longer sign in', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const manager = await signIn(app, DEMO.manager);
    const { items } = (await (await admin.request('GET', '/api/users')).json()) as {
      items: Array<{ id: number; email: string }>;
    };
    const managerId = items.find((u) => u.email === DEMO.manager)?.id;
    const response = await admin.request('PATCH', `/api/users/${managerId}`, { active: false });
    expect(response.status).toBe(200);
    expect((await manager.request('GET', '/api/auth/me')).status).toBe(401);
    const again = await app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: DEMO.manager, password: 'demo-gie-2026' }),
    });
    expect(again.status).toBe(401);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'user.update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ active: true });
    expect(audit.after).toMatchObject({ active: false });
  });

  it('refuses to let the admin lock themselves out', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    const me = (await (await admin.request('GET', '/api/auth/me')).json()) as { user: { id: number } };
    const response = await admin.request('PATCH', `/api/users/${me.user.id}`, { role: 'manager' });
    expect(response.status).toBe(409);
    expect((await problem(response)).errors?.[0]?.path).toBe('role');
  });

  it('answers 404 for a user that does not exist', async () => {
    const app = await seeded(database());
    const admin = await signIn(app, DEMO.admin);
    expect((await admin.request('PATCH', '/api/users/4242', { displayName: 'X' })).status).toBe(404);
  });

  it('shows an entrepreneur only their own member, and GIE staff all of them', async () => {
    const app = await seeded(database());
    const mine = (await (await (await signIn(app, DEMO.entrepreneur)).request('GET', '/api/members')).json()) as {
      items: Array<{ code: string }>;
    };
    expect(mine.items.map((m) => m.code)).toEqual(['M01']);
    const all = (await (await (await signIn(app, DEMO.manager)).request('GET', '/api/members')).json()) as {
      items: Array<{ code: string }>;
    };
    expect(all.items.map((m) => m.code)).toEqual(['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07']);
  });
});
