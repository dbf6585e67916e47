// Members of the GIE as far as the foundation needs them: who they are and who may see which.
// The full registry (identity, lifecycle, import) builds on this table.
import type { Kysely } from 'kysely';
import type { Database, MemberRow } from '../db/schema.ts';
import type { Actor } from '../users/actor.ts';

export interface MemberSummary {
  id: number;
  code: string;
  legalName: string;
  status: string;
}

const toSummary = (row: MemberRow): MemberSummary => ({
  id: row.id,
  code: row.code,
  legalName: row.legal_name,
  status: row.status,
});

/** The members an actor may see: all of them for GIE staff, only their own for an entrepreneur. */
export async function listMembersFor(db: Kysely<Database>, actor: Actor): Promise<MemberSummary[]> {
  let query = db.selectFrom('members').selectAll().orderBy('code');
  if (actor.role === 'entrepreneur') query = query.where('id', '=', actor.memberId ?? -1);
  return (await query.execute()).map(toSummary);
}
