// The append-only audit log: who changed what, when, with the state before and after.
// Written with the same transaction as the change it records, so neither exists without the other.
import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../db/schema.ts';

export interface AuditEvent {
  actorUserId: number | null;
  /** What happened, as `entity.verb`: `user.create`, `session.login`... */
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one event; pass the transaction that makes the change. */
export async function recordAudit(trx: Kysely<Database>, event: AuditEvent): Promise<void> {
  await recordAudits(trx, [event]);
}

/** Appends events in the order given, a few statements for thousands (batch work); the chain's trigger links each. */
export async function recordAudits(trx: Kysely<Database>, events: readonly AuditEvent[]): Promise<void> {
  // 6 parameters an event: 5,000 a statement stays under PostgreSQL's 65,535
  for (let start = 0; start < events.length; start += 5_000) {
    await trx
      .insertInto('audit_log')
      .values(
        events.slice(start, start + 5_000).map((event) => ({
          actor_user_id: event.actorUserId,
          action: event.action,
          entity: event.entity,
          entity_id: event.entityId === null ? null : String(event.entityId),
          before: event.before === undefined ? null : JSON.stringify(event.before),
          after: event.after === undefined ? null : JSON.stringify(event.after),
        })),
      )
      .execute();
  }
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  limit?: number;
}

/** The newest events first. */
export async function listAudit(db: Kysely<Database>, query: AuditQuery = {}): Promise<AuditRow[]> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100);
  if (query.entity) q = q.where('entity', '=', query.entity);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  return q.execute();
}
