// Test databases: one PGlite per test worker (it is slow to create), one PostgreSQL schema per test file
// when TEST_DATABASE_URL is set. Every test starts from empty tables; nothing is left behind on the server.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { loadWithoutTriggers, tableStatements } from '../db/backup.ts';
import { listTables, truncateAll } from '../db/catalog.ts';

/**
 * A way back to the freshly migrated state: the migrations' reference data (chart of accounts, provinces...) as
 * statements, replayed after every table is emptied.
 */
async function resetter(db: Kysely<Database>): Promise<() => Promise<void>> {
  const tables = await listTables(db);
  const statements: string[] = [];
  for (const table of tables.filter((t) => t.reference)) {
    for await (const { statement } of tableStatements(db, table)) statements.push(statement);
  }
  return () =>
    db.transaction().execute(async (trx) => {
      await truncateAll(trx);
      await loadWithoutTriggers(trx, tables, statements);
    });
}

import { migrateToLatest } from '../db/migrate.ts';
import { type Engine, type OpenedDatabase, openDatabase } from '../db/open.ts';
import type { Database } from '../db/schema.ts';

export interface TestDatabase {
  engine: Engine;
  db: Kysely<Database>;
  /** Empties every table. */
  reset(): Promise<void>;
  /** Gives the database back (drops the PostgreSQL schema). */
  release(): Promise<void>;
}

/** The engines this run tests on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set (required if REQUIRE_POSTGRES=1). */
export function testEngines(env: NodeJS.ProcessEnv = process.env): Engine[] {
  if (env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (env.REQUIRE_POSTGRES === '1') {
    throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the PostgreSQL suite cannot run');
  }
  return ['pglite'];
}

let sharedPGlite: Promise<OpenedDatabase & { reset: () => Promise<void> }> | undefined;

async function pgliteForThisWorker() {
  sharedPGlite ??= (async () => {
    const opened = await openDatabase({ engine: 'pglite' });
    await migrateToLatest(opened.db);
    return { ...opened, reset: await resetter(opened.db) };
  })();
  return sharedPGlite;
}

/** Prefix of the schemas the tests create on the server; all of them are dropped after use. */
export const TEST_SCHEMA_PREFIX = 'gie_test_';

/** Opens a fresh, migrated, empty database on `engine`. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const opened = await pgliteForThisWorker();
    await opened.reset();
    return { engine, db: opened.db, reset: opened.reset, release: async () => {} };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `${TEST_SCHEMA_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ engine: 'postgres', url, maxConnections: 1 });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  await admin.close();
  const opened = await openDatabase({ engine: 'postgres', url, schema, maxConnections: 8 });
  await migrateToLatest(opened.db);
  return {
    engine,
    db: opened.db,
    reset: await resetter(opened.db),
    release: async () => {
      await opened.close();
      const cleaner = await openDatabase({ engine: 'postgres', url, maxConnections: 1 });
      await sql.raw(`drop schema ${schema} cascade`).execute(cleaner.db);
      await cleaner.close();
    },
  };
}

/**
 * Declares the same suite once per engine under test. Each test starts with empty tables.
 * `body` receives a getter, valid inside tests and hooks.
 */
export function describeWithDatabase(name: string, body: (database: () => TestDatabase) => void): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await openTestDatabase(engine);
      }, 120_000);
      beforeEach(async () => {
        await current?.reset();
      });
      afterAll(async () => {
        await current?.release();
      });
      body(() => {
        if (!current) throw new Error('the test database is not open yet (use it inside a test or a hook)');
        return current;
      });
    });
  }
}
