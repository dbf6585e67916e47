// What the database holds, read from its catalog: the application's tables in dependency order.
// Backups, checksums and test resets all walk the tables this way.
import { type Kysely, sql } from 'kysely';

/** Kysely's own bookkeeping tables: never dumped as data, never truncated. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface TableInfo {
  name: string;
  /** Reference data put there by a migration (table comment `gie:reference`), such as the provinces. */
  reference: boolean;
  /** Identity or serial columns whose sequence must follow the data after a restore. */
  sequenceColumns: string[];
}

/** The application's tables in the current schema, parents before children. */
export async function listTables(db: Kysely<any>): Promise<TableInfo[]> {
  const tables = await sql<{ name: string; reference: boolean }>`
    select c.relname as name, coalesce(obj_description(c.oid, 'pg_class') = 'gie:reference', false) as reference
    from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select distinct c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
      and c.conrelid <> c.confrelid`.execute(db);
  const sequences = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema()
      and (is_identity = 'YES' or column_default like 'nextval(%')
    order by table_name, ordinal_position`.execute(db);

  const names = tables.rows.map((t) => t.name).filter((n) => !MIGRATION_TABLES.has(n));
  const reference = new Set(tables.rows.filter((t) => t.reference).map((t) => t.name));
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const { child, parent } of edges.rows) parents.get(unquote(child))?.add(unquote(parent));

  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const parent of parents.get(name) ?? []) if (parents.has(parent)) visit(parent);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of names) visit(name);

  return ordered.map((name) => ({
    name,
    reference: reference.has(name),
    sequenceColumns: sequences.rows.filter((s) => s.table_name === name).map((s) => s.column_name),
  }));
}

function unquote(identifier: string): string {
  const bare = identifier.includes('.') ? identifier.slice(identifier.lastIndexOf('.') + 1) : identifier;
  return bare.replace(/^"|"$/g, '');
}

/** Quotes an identifier for SQL text. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A checksum per table of every row's content, independent of physical order and engine. */
export async function tableChecksums(db: Kysely<any>): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const { name } of await listTables(db)) {
    const table = sql.raw(quoteIdent(name));
    const { rows } = await sql<{ checksum: string }>`
      select md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as checksum from ${table} t`.execute(db);
    result[name] = rows[0]?.checksum ?? '';
  }
  return result;
}

/** Empties every application table and restarts its identities (restore, test resets). */
export async function truncateAll(db: Kysely<any>): Promise<void> {
  const tables = await listTables(db);
  if (tables.length === 0) return;
  const list = tables.map((t) => quoteIdent(t.name)).join(', ');
  await sql.raw(`truncate ${list} restart identity cascade`).execute(db);
}
