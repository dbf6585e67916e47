// Runs the frozen migrations of the top-level migrations/ folder with Kysely's Migrator.
// Migrations import nothing from the application, so they stay as they were when they ran.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';

/** The repository's migrations/ folder. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../migrations/', import.meta.url));

const MIGRATION_FILE = /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/;

/** Loads every migration file of a folder, by name (the name sorts them in time). */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string = MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder)).filter((file) => MIGRATION_FILE.test(file)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Migration;
      migrations[file.replace(/\.ts$/, '')] = module;
    }
    return migrations;
  }
}

/**
 * A Migrator working in the session's current schema. Named explicitly because Kysely's table introspection
 * looks across every schema, and would otherwise take another schema's bookkeeping tables for this one's.
 */
export async function migrator(db: Kysely<any>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('the database session has no current schema (check search_path)');
  return new Migrator({ db, provider: new FolderMigrationProvider(), migrationTableSchema: schema });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Kysely's Migrator reads the tables of every schema to find its own; a schema another session drops meanwhile makes
 * that read fail with 3F000 naming the other schema (seen with tests dropping theirs beside a starting server). Such a
 * run changed nothing: it is tried again, a few times.
 */
async function migrating(db: Kysely<any>, run: (m: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const m = await migrator(db);
    const result = await run(m);
    const code = (result.error as { code?: unknown } | undefined)?.code;
    const own = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
    const other = result.error instanceof Error && own !== undefined && !result.error.message.includes(`"${own}"`);
    if (!(code === '3F000' && other && attempt < 4)) return check(result);
  }
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return migrating(db, (m) => m.migrateToLatest());
}

/** Moves the schema to exactly `name` (up or down); returns the names run. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<string[]> {
  return migrating(db, (m) => m.migrateTo(name));
}

/** Names of the migrations already applied, oldest first. */
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}
