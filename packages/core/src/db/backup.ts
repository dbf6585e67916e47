// Backup and restore as a plain SQL file that either engine can load: one statement per line,
// the data as JSON fed to jsonb_populate_recordset, so no engine-specific dump tool is needed.

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Kysely, sql } from 'kysely';
import { listTables, quoteIdent, type TableInfo, truncateAll } from './catalog.ts';
import { appliedMigrations, migrateTo, migrateToLatest } from './migrate.ts';

export const BACKUP_FORMAT = 'gie-ecp-backup/1';
const BATCH_ROWS = 500;

export interface BackupSummary {
  migration: string;
  tables: Record<string, number>;
}

/** Writes every application table of `db` to `file`; returns the row count of each table. */
export async function backupToFile(
  db: Kysely<any>,
  file: string,
  onProgress?: (table: string, rows: number) => void,
): Promise<BackupSummary> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const summary: BackupSummary = { migration: '', tables: {} };
  try {
    // One snapshot for the whole dump, so that the tables agree with one another.
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const migrations = await appliedMigrations(trx);
        summary.migration = migrations.at(-1) ?? '';
        await write(`-- ${BACKUP_FORMAT}`);
        await write(`-- migration: ${summary.migration}`);
        await write(`-- created: ${new Date().toISOString()}`);
        await write('begin;');
        for (const table of await listTables(trx)) {
          let count = 0;
          for await (const { statement, rows } of tableStatements(trx, table)) {
            await write(statement);
            count += rows;
            if (rows > 0) onProgress?.(table.name, count);
          }
          summary.tables[table.name] = count;
        }
        await write('commit;');
      });
  } finally {
    out.end();
    await once(out, 'close');
  }
  return summary;
}

/** Whether any table holds data of its own (the migrations' reference data does not count). */
export async function hasData(db: Kysely<any>): Promise<boolean> {
  for (const { name, reference } of await listTables(db)) {
    if (reference) continue;
    const { rows } = await sql<{ found: boolean }>`select exists (select from ${sql.raw(quoteIdent(name))}) as found`.execute(db);
    if (rows[0]?.found) return true;
  }
  return false;
}

/**
 * The statements that put a table's rows back as they are now: inserts of up to BATCH_ROWS rows each (the data as
 * JSON), then the identity sequences set after the highest value.
 */
export async function* tableStatements(db: Kysely<any>, table: TableInfo): AsyncGenerator<{ statement: string; rows: number }> {
  const name = quoteIdent(table.name);
  let after = '(0,0)';
  for (;;) {
    // keyset pages on ctid: stable inside the snapshot, and memory stays flat on large tables
    const { rows } = await sql<{ tid: string; row: string }>`
      select t.ctid::text as tid, to_jsonb(t)::text as row from ${sql.raw(name)} t
      where t.ctid > ${after}::tid order by t.ctid limit ${BATCH_ROWS}`.execute(db);
    if (rows.length === 0) break;
    const data = `[${rows.map((r) => r.row).join(',')}]`;
    yield {
      statement: `insert into ${name} overriding system value select * from jsonb_populate_recordset(null::${name}, ${literal(data)});`,
      rows: rows.length,
    };
    after = rows[rows.length - 1]?.tid ?? after;
    if (rows.length < BATCH_ROWS) break;
  }
  for (const column of table.sequenceColumns) {
    const col = quoteIdent(column);
    yield {
      statement: `select setval(pg_get_serial_sequence(${literal(name)}, ${literal(column)}), coalesce(max(${col}), 1), max(${col}) is not null) from ${name};`,
      rows: 0,
    };
  }
}

/**
 * Runs the given statements with the tables' own triggers off: the rows are loaded as they were, not posted again
 * (a restored posted entry keeps its number, even in a closed period). Foreign keys stay checked.
 */
export async function loadWithoutTriggers(
  trx: Kysely<any>,
  tables: TableInfo[],
  statements: Iterable<string>,
  onProgress?: (n: number) => void,
) {
  for (const t of tables) await sql.raw(`alter table ${quoteIdent(t.name)} disable trigger user`).execute(trx);
  let done = 0;
  for (const statement of statements) {
    await sql.raw(statement).execute(trx);
    onProgress?.(++done);
  }
  for (const t of tables) await sql.raw(`alter table ${quoteIdent(t.name)} enable trigger user`).execute(trx);
}

/** A SQL string literal (standard_conforming_strings is on on both engines). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export class RestoreError extends Error {}

/**
 * Replaces all data of `db` with the backup in `file`, in one transaction: the schema is first brought to the
 * backup's migration, the data loaded, then the schema brought up to date. Nothing changes if any step fails.
 */
export async function restoreFromFile(
  db: Kysely<any>,
  file: string,
  onProgress?: (statements: number) => void,
): Promise<{ migration: string }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  const header: string[] = [];
  const statements: string[] = [];
  for await (const line of lines) {
    if (line.startsWith('-- ')) header.push(line.slice(3));
    else if (line && line !== 'begin;' && line !== 'commit;') statements.push(line);
  }
  if (header[0] !== BACKUP_FORMAT) {
    throw new RestoreError(`file: not a gie-ecp backup (expected a first line "-- ${BACKUP_FORMAT}")`);
  }
  const migration = header.find((h) => h.startsWith('migration: '))?.slice('migration: '.length) ?? '';

  await migrateToLatest(db);
  const known = await appliedMigrations(db);
  if (migration && !known.includes(migration)) {
    throw new RestoreError(`file: the backup comes from a newer version (migration ${migration} is unknown here)`);
  }
  if (migration && migration !== known.at(-1)) {
    // Going back to the backup's schema drops what later migrations added: only on an empty database.
    if (await hasData(db)) {
      throw new RestoreError(`file: the backup is from migration ${migration}; restore it into an empty database`);
    }
    await migrateTo(db, migration);
  }
  await db.transaction().execute(async (trx) => {
    await truncateAll(trx);
    await loadWithoutTriggers(trx, await listTables(trx), statements, onProgress);
  });
  await migrateToLatest(db);
  return { migration };
}
