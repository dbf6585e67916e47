// The API's route table as the tests see it: every operation of the OpenAPI document with its declared access.
import { createUser, type Database, type Role, SYSTEM_ACTOR } from '@gie-ecp/core';
import type { Kysely } from 'kysely';
import { type App, type Caller, DEMO, signIn } from './support.ts';

export type Access = 'public' | 'signed-in' | string[];

interface Operation {
  key: string;
  method: string;
  path: string;
  access: Access;
}

export async function operations(app: App): Promise<Operation[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { 'x-access': Access }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      access: op['x-access'],
    })),
  );
}

/**
 * A signed-in caller of `role`: the demo's login when there is one, else a user made for the test, so that a role
 * added to the core's ROLES is attacked the day it appears.
 */
export async function callerOf(app: App, db: Kysely<Database>, role: Role): Promise<Caller> {
  const demo = (DEMO as Partial<Record<Role, string>>)[role];
  if (demo) return signIn(app, demo);
  const email = `${role}@attack.test`;
  const password = 'attack-suite-password';
  await createUser(db, SYSTEM_ACTOR, { email, displayName: `Test ${role}`, role, password });
  return signIn(app, email, password);
}
