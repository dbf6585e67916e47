// A digest of every business table, to prove that a refused request changed nothing.
import { listTables, quoteIdent } from '@gie-ecp/core';
import { type Kysely, sql } from 'kysely';

/** Abuse logs that a refused request is meant to write (failed sign-ins, unknown links, public form tries). */
export const ABUSE_LOGS = new Set(['login_attempts', 'document_link_misses', 'selection_public_attempts']);

/** One digest over every business table: a refused request must leave it as it was. */
export async function businessChecksum(db: Kysely<any>): Promise<string> {
  const tables = (await listTables(db)).map((t) => t.name).filter((name) => !ABUSE_LOGS.has(name));
  const parts = tables.map(
    (name) =>
      `select '${name}' as t, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from ${quoteIdent(name)} x`,
  );
  const { rows } = await sql<{
    digest: string;
  }>`select md5(string_agg(t || ':' || h, ',' order by t)) as digest from (${sql.raw(parts.join(' union all '))}) s`.execute(db);
  return rows[0]?.digest ?? '';
}
