// Who may do what in the selection process: the GIE's staff run calls and applications, a call's committee
// scores and deliberates. One place for these checks so every use case reads the same rule.
import type { Kysely } from 'kysely';
import type { CommitteeRole, Database } from '../db/schema.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../users/actor.ts';

export const STAFF_ROLES = ['admin', 'manager'] as const;

export const isStaff = (actor: Actor): boolean => (STAFF_ROLES as readonly string[]).includes(actor.role);

export function assertSelectionStaff(actor: Actor): void {
  if (!isStaff(actor)) {
    throw new DomainError('forbidden', `calls and applications are run by the manager; you are signed in as ${actor.role}`);
  }
}

export interface CallAccess {
  call: Awaited<ReturnType<typeof loadCall>>;
  /** The actor's seat on this call's committee, if any. */
  role: CommitteeRole | null;
  staff: boolean;
}

async function loadCall(db: Kysely<Database>, callId: number, lock = false) {
  let query = db.selectFrom('selection_calls').selectAll().where('id', '=', callId);
  if (lock) query = query.forUpdate();
  const call = await query.executeTakeFirst();
  if (!call) throw notFound('call', callId);
  return call;
}

/**
 * The call as the actor may reach it: staff reach every call, a committee user only the calls they sit on
 * (another call is "not found", so ids cannot be probed), anyone else nothing.
 */
export async function callAccess(db: Kysely<Database>, actor: Actor, callId: number, lock = false): Promise<CallAccess> {
  if (!isStaff(actor) && actor.role !== 'committee') {
    throw new DomainError(
      'forbidden',
      `the selection process is for the committee and the manager; you are signed in as ${actor.role}`,
    );
  }
  const seat = await db
    .selectFrom('selection_committee_members')
    .select('role')
    .where('call_id', '=', callId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  if (!isStaff(actor) && !seat) throw notFound('call', callId);
  const call = await loadCall(db, callId, lock);
  return { call, role: seat?.role ?? null, staff: isStaff(actor) };
}

/** The actor must sit on the call's committee (with one of `roles` when given). */
export function assertSeat(access: CallAccess, roles?: readonly CommitteeRole[], what = 'this'): CommitteeRole {
  if (!access.role) {
    throw new DomainError('forbidden', `only members of the committee of call ${access.call.id} may do ${what}`);
  }
  if (roles && !roles.includes(access.role)) {
    throw new DomainError('forbidden', `${what} is for the ${roles.join(' or ')} of the committee; you are ${access.role}`);
  }
  return access.role;
}

/**
 * The call of an application, with the actor's access to it; the application's id is checked the same way.
 * With `lock`, the call's row is locked first, then the application's: every unit of work on a call takes its
 * locks in that order (call, session, application), so that scoring, closing and deciding never deadlock.
 */
export async function applicationAccess(db: Kysely<Database>, actor: Actor, applicationId: number, lock = false) {
  const owner = await db
    .selectFrom('selection_applications')
    .select('call_id')
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (!owner) throw notFound('application', applicationId);
  let access: CallAccess;
  try {
    access = await callAccess(db, actor, owner.call_id, lock);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') throw notFound('application', applicationId);
    throw error;
  }
  const query = db.selectFrom('selection_applications').selectAll().where('id', '=', applicationId);
  const application = await (lock ? query.forUpdate() : query).executeTakeFirstOrThrow();
  // the committee works on applications found eligible; the others stay with the staff
  if (!access.staff && !['eligible', 'scored', 'decided'].includes(application.status)) {
    throw notFound('application', applicationId);
  }
  return { application, ...access };
}

/** Turns a refusal from a database guard (trigger, check) into an error a person can act on. */
export function guardError(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (code === '55000') throw new DomainError('conflict', message);
  if (code === '23514' || code === '23505') throw new DomainError('conflict', message);
  throw error;
}
