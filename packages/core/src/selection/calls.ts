// Calls for applications: dates, eligibility checklist, the call's own copy of a grid, threshold, places, quorum,
// and the committee that scores them (one president, rapporteurs, members). Staff run them; members see their own.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { today } from '../dates.ts';
import type { CommitteeRole, Database, SelectionCallStatus } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, invalid, notFound } from '../errors.ts';
import { Dec } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertSelectionStaff, callAccess, guardError, isStaff } from './access.ts';
import { type Criterion, toCriterion, validationError, weightText } from './grids.ts';
import { defaultQuorum } from './scoring.ts';

export const CALL_STATUSES = ['draft', 'open', 'closed'] as const;

export interface CallInput {
  title: string;
  description?: string;
  opensOn: string;
  closesOn: string;
  /** The template the call copies its criteria from; a call cannot open without one. */
  gridId?: number | null;
  eligibilityItems?: string[];
  /** On the 0..100 basis, e.g. "60". */
  threshold: string;
  places: number;
  /** Members present needed to deliberate; null for the default, half of the committee plus one. */
  quorum?: number | null;
  status?: SelectionCallStatus;
}

export interface CommitteeSeat {
  userId: number;
  displayName: string;
  email: string;
  role: CommitteeRole;
}

export interface Call {
  id: number;
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  gridId: number | null;
  criteria: Criterion[];
  eligibilityItems: string[];
  threshold: string;
  places: number;
  quorum: number | null;
  /** The quorum that applies: the call's own, or half of the committee plus one. */
  effectiveQuorum: number;
  status: SelectionCallStatus;
  /** Open, between its dates, and scoring not closed: the public form takes applications. */
  acceptingApplications: boolean;
  scoringStartedAt: string | null;
  scoringClosedAt: string | null;
  scoringClosedBy: number | null;
  committee: CommitteeSeat[];
  /** The signed-in user's seat on the committee, if any. */
  myRole: CommitteeRole | null;
  applicationCount: number;
  createdAt: string;
  updatedAt: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkCall(input: CallInput): void {
  const errors: FieldError[] = [];
  if (!input.title.trim()) errors.push({ path: 'title', message: 'required' });
  for (const field of ['opensOn', 'closesOn'] as const) {
    if (!DATE.test(input[field]) || Number.isNaN(Date.parse(input[field]))) {
      errors.push({ path: field, message: `expected a date YYYY-MM-DD, received "${input[field]}"` });
    }
  }
  if (errors.length === 0 && input.closesOn < input.opensOn) {
    errors.push({ path: 'closesOn', message: `cannot be before the opening date (${input.opensOn})` });
  }
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(input.threshold) || Number(input.threshold) > 100) {
    errors.push({ path: 'threshold', message: `expected a score from 0 to 100, received "${input.threshold}"` });
  }
  if (!Number.isInteger(input.places) || input.places < 1 || input.places > 1000) {
    errors.push({ path: 'places', message: `expected a whole number from 1 to 1000, received ${input.places}` });
  }
  if (input.quorum != null && (!Number.isInteger(input.quorum) || input.quorum < 1)) {
    errors.push({ path: 'quorum', message: `expected a whole number from 1, received ${input.quorum}` });
  }
  (input.eligibilityItems ?? []).forEach((item, i) => {
    if (!item.trim()) errors.push({ path: `eligibilityItems.${i}`, message: 'required' });
  });
  if (errors.length > 0) throw validationError(errors);
}

export async function committeeOf(db: Kysely<Database>, callId: number): Promise<CommitteeSeat[]> {
  const rows = await db
    .selectFrom('selection_committee_members')
    .innerJoin('users', 'users.id', 'selection_committee_members.user_id')
    .select(['users.id', 'users.display_name', 'users.email', 'selection_committee_members.role'])
    .where('call_id', '=', callId)
    .execute();
  const order: Record<CommitteeRole, number> = { president: 0, rapporteur: 1, member: 2 };
  return rows
    .map((r) => ({ userId: r.id, displayName: r.display_name, email: r.email, role: r.role }))
    .sort((a, b) => order[a.role] - order[b.role] || a.displayName.localeCompare(b.displayName, 'fr'));
}

export async function callCriteria(db: Kysely<Database>, callId: number): Promise<Criterion[]> {
  const rows = await db
    .selectFrom('selection_call_criteria')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('position')
    .execute();
  return rows.map(toCriterion);
}

/** A call as the actor may see it (a committee user: only calls they sit on). */
export async function getCall(db: Kysely<Database>, actor: Actor, id: number): Promise<Call> {
  const { call, role } = await callAccess(db, actor, id);
  const [criteria, committee, count] = await Promise.all([
    callCriteria(db, id),
    committeeOf(db, id),
    db
      .selectFrom('selection_applications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('call_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  const day = today();
  return {
    id: call.id,
    title: call.title,
    description: call.description,
    opensOn: call.opens_on,
    closesOn: call.closes_on,
    gridId: call.grid_id,
    criteria,
    eligibilityItems: call.eligibility_items,
    threshold: weightText(call.threshold),
    places: call.places,
    quorum: call.quorum,
    effectiveQuorum: call.quorum ?? defaultQuorum(committee.length),
    status: call.status,
    acceptingApplications:
      call.status === 'open' && call.scoring_closed_at === null && call.opens_on <= day && day <= call.closes_on,
    scoringStartedAt: call.scoring_started_at,
    scoringClosedAt: call.scoring_closed_at,
    scoringClosedBy: call.scoring_closed_by,
    committee,
    myRole: role,
    applicationCount: Number(count.n),
    createdAt: call.created_at,
    updatedAt: call.updated_at,
  };
}

/** Every call for the staff; the calls a committee user sits on for them ("my calls"). Newest first. */
export async function listCalls(db: Kysely<Database>, actor: Actor): Promise<Call[]> {
  let query = db.selectFrom('selection_calls').select('id').orderBy('opens_on', 'desc').orderBy('id', 'desc');
  if (!isStaff(actor)) {
    if (actor.role !== 'committee') throw new DomainError('forbidden', `you are signed in as ${actor.role}`);
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('selection_committee_members').select('call_id').where('user_id', '=', actor.userId),
    );
  }
  const rows = await query.execute();
  return Promise.all(rows.map((r) => getCall(db, actor, r.id)));
}

/** A grid id from outside: refused with its field rather than by the foreign key. */
async function assertGrid(db: Kysely<Database>, gridId: number | null | undefined): Promise<void> {
  if (gridId == null) return;
  const grid = await db.selectFrom('selection_grids').select('id').where('id', '=', gridId).executeTakeFirst();
  if (!grid) throw invalid('gridId', `grid ${gridId} does not exist`);
}

async function copyGrid(trx: Kysely<Database>, callId: number, gridId: number): Promise<void> {
  const criteria = await trx.selectFrom('selection_grid_criteria').selectAll().where('grid_id', '=', gridId).execute();
  if (criteria.length === 0) throw invalid('gridId', `grid ${gridId} does not exist`);
  await trx.deleteFrom('selection_call_criteria').where('call_id', '=', callId).execute();
  await trx
    .insertInto('selection_call_criteria')
    .values(
      criteria.map((c) => ({
        call_id: callId,
        position: c.position,
        label: c.label,
        description: c.description,
        weight: c.weight,
        scale_min: c.scale_min,
        scale_max: c.scale_max,
      })),
    )
    .execute();
}

export async function createCall(db: Kysely<Database>, actor: Actor, input: CallInput): Promise<Call> {
  assertSelectionStaff(actor);
  checkCall(input);
  const status = input.status ?? 'draft';
  if (status !== 'draft' && !input.gridId) throw invalid('gridId', 'a call opens with a criteria grid');
  return inTransaction(db, async (trx) => {
    await assertGrid(trx, input.gridId);
    const row = await trx
      .insertInto('selection_calls')
      .values({
        title: input.title.trim(),
        description: input.description?.trim() ?? '',
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        grid_id: input.gridId ?? null,
        eligibility_items: JSON.stringify((input.eligibilityItems ?? []).map((i) => i.trim())),
        threshold: input.threshold,
        places: input.places,
        quorum: input.quorum ?? null,
        status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.gridId) await copyGrid(trx, row.id, input.gridId);
    const call = await getCall(trx, actor, row.id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.call.create',
      entity: 'selection_call',
      entityId: row.id,
      after: call,
    });
    return call;
  });
}

/**
 * Changes a call. Its grid (a new copy of a template) can change until scoring starts; after the president closes
 * scoring the call is settled and only its description may still change.
 */
export async function updateCall(db: Kysely<Database>, actor: Actor, id: number, input: CallInput): Promise<Call> {
  assertSelectionStaff(actor);
  checkCall(input);
  return inTransaction(db, async (trx) => {
    const { call } = await callAccess(trx, actor, id, true);
    const before = await getCall(trx, actor, id);
    const status = input.status ?? call.status;
    const gridId = input.gridId === undefined ? call.grid_id : input.gridId;
    if (gridId !== call.grid_id && call.scoring_started_at !== null) {
      throw new DomainError('conflict', `scoring of call ${id} has started: its grid cannot change`, [
        { path: 'gridId', message: 'the grid is frozen once scoring has started' },
      ]);
    }
    if (call.scoring_closed_at !== null) {
      const changed: string[] = [];
      if (input.title.trim() !== call.title) changed.push('title');
      if (input.opensOn !== call.opens_on) changed.push('opensOn');
      if (input.closesOn !== call.closes_on) changed.push('closesOn');
      if (!new Dec(input.threshold).eq(call.threshold)) changed.push('threshold');
      if (input.places !== call.places) changed.push('places');
      if (input.quorum !== undefined && input.quorum !== call.quorum) changed.push('quorum');
      if (status !== call.status) changed.push('status');
      if (changed.length > 0) {
        throw new DomainError('conflict', `scoring of call ${id} is closed: ${changed.join(', ')} can no longer change`, [
          ...changed.map((path) => ({ path, message: 'settled once scoring is closed' })),
        ]);
      }
    }
    if (status !== 'draft' && !gridId) throw invalid('gridId', 'a call opens with a criteria grid');
    await assertGrid(trx, gridId);
    try {
      await trx
        .updateTable('selection_calls')
        .set({
          title: input.title.trim(),
          description: input.description?.trim() ?? call.description,
          opens_on: input.opensOn,
          closes_on: input.closesOn,
          grid_id: gridId,
          eligibility_items: JSON.stringify((input.eligibilityItems ?? call.eligibility_items).map((i) => i.trim())),
          threshold: input.threshold,
          places: input.places,
          quorum: input.quorum === undefined ? call.quorum : input.quorum,
          status,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      if (gridId !== call.grid_id && gridId) await copyGrid(trx, id, gridId);
      if (gridId !== call.grid_id && !gridId) await trx.deleteFrom('selection_call_criteria').where('call_id', '=', id).execute();
    } catch (error) {
      guardError(error);
    }
    const after = await getCall(trx, actor, id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.call.update',
      entity: 'selection_call',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Seats the committee of a call: committee or manager users, exactly one president. Refused once scoring is
 * closed, and refused for a member who already scored (their marks would lose their author).
 */
export async function setCommittee(
  db: Kysely<Database>,
  actor: Actor,
  callId: number,
  seats: Array<{ userId: number; role: CommitteeRole }>,
): Promise<Call> {
  assertSelectionStaff(actor);
  const errors: FieldError[] = [];
  const presidents = seats.filter((s) => s.role === 'president').length;
  if (presidents !== 1) errors.push({ path: 'members', message: `expected exactly one president, received ${presidents}` });
  const seen = new Set<number>();
  seats.forEach((s, i) => {
    if (seen.has(s.userId)) errors.push({ path: `members.${i}.userId`, message: `user ${s.userId} is listed twice` });
    seen.add(s.userId);
  });
  if (errors.length > 0) throw validationError(errors);
  return inTransaction(db, async (trx) => {
    const { call } = await callAccess(trx, actor, callId, true);
    if (call.scoring_closed_at !== null) {
      throw new DomainError('conflict', `scoring of call ${callId} is closed: its committee is settled`);
    }
    const users = await trx
      .selectFrom('users')
      .select(['id', 'role', 'active'])
      .where(
        'id',
        'in',
        seats.map((s) => s.userId),
      )
      .execute();
    const fieldErrors: FieldError[] = [];
    seats.forEach((s, i) => {
      const user = users.find((u) => u.id === s.userId);
      if (!user) fieldErrors.push({ path: `members.${i}.userId`, message: `user ${s.userId} does not exist` });
      else if (!['committee', 'manager'].includes(user.role) || !user.active) {
        fieldErrors.push({
          path: `members.${i}.userId`,
          message: `expected an active committee or manager user, user ${s.userId} is ${user.active ? user.role : 'inactive'}`,
        });
      }
    });
    if (fieldErrors.length > 0) throw validationError(fieldErrors);
    const before = await committeeOf(trx, callId);
    const leaving = before.filter((b) => !seen.has(b.userId)).map((b) => b.userId);
    if (leaving.length > 0) {
      const scored = await trx
        .selectFrom('selection_scores')
        .innerJoin('selection_applications', 'selection_applications.id', 'selection_scores.application_id')
        .select('selection_scores.user_id')
        .where('selection_applications.call_id', '=', callId)
        .where('selection_scores.user_id', 'in', leaving)
        .executeTakeFirst();
      if (scored) {
        throw new DomainError(
          'conflict',
          `user ${scored.user_id} has already scored applications of this call: they stay on the committee`,
          [{ path: 'members', message: `user ${scored.user_id} has scored` }],
        );
      }
    }
    await trx.deleteFrom('selection_committee_members').where('call_id', '=', callId).execute();
    await trx
      .insertInto('selection_committee_members')
      .values(seats.map((s) => ({ call_id: callId, user_id: s.userId, role: s.role })))
      .execute();
    const after = await getCall(trx, actor, callId);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.committee.set',
      entity: 'selection_call',
      entityId: callId,
      before,
      after: after.committee,
    });
    return after;
  });
}

/** Users who may sit on a committee or sponsor a cooperative: active committee and manager users. */
export async function committeeCandidates(
  db: Kysely<Database>,
  actor: Actor,
): Promise<Array<{ userId: number; displayName: string; email: string; role: 'committee' | 'manager' }>> {
  assertSelectionStaff(actor);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'role'])
    .where('role', 'in', ['committee', 'manager'])
    .where('active', '=', true)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    email: r.email,
    role: r.role as 'committee' | 'manager',
  }));
}

export interface PublicCall {
  id: number;
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  eligibilityItems: string[];
  /** The grid, published so that candidates know how they will be assessed. */
  criteria: Array<{ label: string; description: string | null; weight: string }>;
  places: number;
}

/** Calls taking applications today, for the public form: what a candidate needs to know, nothing more. */
export async function listOpenCalls(db: Kysely<Database>): Promise<PublicCall[]> {
  const day = today();
  const calls = await db
    .selectFrom('selection_calls')
    .selectAll()
    .where('status', '=', 'open')
    .where('scoring_closed_at', 'is', null)
    .where('opens_on', '<=', day)
    .where('closes_on', '>=', day)
    .orderBy('closes_on')
    .orderBy('id')
    .execute();
  return Promise.all(
    calls.map(async (call) => ({
      id: call.id,
      title: call.title,
      description: call.description,
      opensOn: call.opens_on,
      closesOn: call.closes_on,
      eligibilityItems: call.eligibility_items,
      criteria: (await callCriteria(db, call.id)).map((c) => ({ label: c.label, description: c.description, weight: c.weight })),
      places: call.places,
    })),
  );
}

/** The call behind a public form, if it takes applications today; otherwise "not found". */
export async function openCall(db: Kysely<Database>, id: number) {
  const day = today();
  const call = await db.selectFrom('selection_calls').selectAll().where('id', '=', id).executeTakeFirst();
  if (call?.status !== 'open' || call.scoring_closed_at !== null || call.opens_on > day || call.closes_on < day) {
    throw notFound('open call', id);
  }
  return call;
}
