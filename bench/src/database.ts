// The bench's own databases: a `gie_bench` database on the PostgreSQL server (never the tests' `test` database),
// one schema per dataset, or an embedded PGlite; each opened empty, migrated, with the demo GIE's users and year.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type DatabaseConfig,
  type Engine,
  migrateToLatest,
  type OpenedDatabase,
  openDatabase,
  openFiscalYear,
  SYSTEM_ACTOR,
  seedDemo,
} from '@gie-ecp/core';
import { sql } from 'kysely';
import pg from 'pg';

export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gie_bench';
export const YEAR = 2026;

/** Creates the bench database when the server does not have it yet; false when no server answers. */
export async function ensureBenchDatabase(url = BENCH_URL): Promise<boolean> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
    return true;
  } finally {
    await client.end();
  }
}

export interface BenchDatabase extends OpenedDatabase {
  config: DatabaseConfig;
}

/**
 * A fresh dataset: on PostgreSQL the schema `name` of the bench database, dropped and made again; on PGlite a new
 * folder (a temporary one unless `dataDir` is given). Migrated, with the demo's users and the year 2026 open.
 */
export async function freshDatabase(
  engine: Engine,
  name: string,
  options: { maxConnections?: number; dataDir?: string } = {},
): Promise<BenchDatabase> {
  let config: DatabaseConfig;
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: BENCH_URL });
    await client.connect();
    await client.query(`drop schema if exists ${name} cascade`);
    await client.query(`create schema ${name}`);
    await client.end();
    config = { engine: 'postgres', url: BENCH_URL, schema: name, maxConnections: options.maxConnections ?? 12 };
  } else {
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), `gie-bench-${name}-`));
    if (options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    config = { engine: 'pglite', dataDir };
  }
  const opened = await openDatabase(config);
  await migrateToLatest(opened.db);
  await seedDemo(opened.db);
  await openFiscalYear(opened.db, SYSTEM_ACTOR, `${YEAR}-01-01`);
  return { ...opened, config };
}

/** A dataset left by an earlier run (`--reuse`): its schema opened as it is and migrated to the latest. */
export async function existingDatabase(name: string, options: { maxConnections?: number } = {}): Promise<BenchDatabase> {
  const config: DatabaseConfig = {
    engine: 'postgres',
    url: BENCH_URL,
    schema: name,
    maxConnections: options.maxConnections ?? 12,
  };
  const opened = await openDatabase(config);
  const found = await sql<{ n: string }>`select count(*) as n from members`.execute(opened.db).catch(() => null);
  if (!found) throw new Error(`--reuse: no dataset in schema ${name} of ${BENCH_URL}: run the bench once without --reuse`);
  await migrateToLatest(opened.db);
  return { ...opened, config };
}
