// Conflicts of interest and independent scoring: each committee member marks each criterion with a comment;
// nobody sees another member's marks until the president closes scoring, and a member with a declared conflict
// never marks that application nor sees the others' marks on it. These rules are enforced here, not in screens.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, invalid } from '../errors.ts';
import { Dec } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { applicationAccess, assertSeat, callAccess, guardError } from './access.ts';
import { callCriteria, committeeOf } from './calls.ts';
import { validationError, weightText } from './grids.ts';
import { type ApplicationResult, computeResults, DEFAULT_DISAGREEMENT_SPREAD } from './scoring.ts';

export interface Mark {
  criterionId: number;
  value: string;
  comment: string | null;
}

export interface ConflictDeclaration {
  userId: number;
  displayName: string;
  reason: string;
  declaredAt: string;
}

/** Why the other members' marks are not shown to this user, or null when they are. */
export type HiddenReason = 'scoring_open' | 'conflict' | null;

/** Conflicts declared on an application: on the record for everyone who may read it (and in the minutes). */
export async function conflictsOf(db: Kysely<Database>, applicationId: number): Promise<ConflictDeclaration[]> {
  const rows = await db
    .selectFrom('selection_conflicts')
    .innerJoin('users', 'users.id', 'selection_conflicts.user_id')
    .select(['users.id', 'users.display_name', 'reason', 'declared_at'])
    .where('application_id', '=', applicationId)
    .orderBy('declared_at')
    .execute();
  return rows.map((r) => ({ userId: r.id, displayName: r.display_name, reason: r.reason, declaredAt: r.declared_at }));
}

/**
 * A committee member declares a conflict of interest on an application. From then on they may not mark it nor
 * see the others' marks on it; marks they gave before no longer count. The declaration cannot be withdrawn.
 */
export async function declareConflict(
  db: Kysely<Database>,
  actor: Actor,
  applicationId: number,
  reason: string,
): Promise<ConflictDeclaration[]> {
  if (!reason.trim()) throw invalid('reason', 'required: say what links you to the candidate');
  if (reason.length > 2000) throw invalid('reason', 'at most 2000 characters');
  return inTransaction(db, async (trx) => {
    const access = await applicationAccess(trx, actor, applicationId, true);
    assertSeat(access, undefined, 'a declaration of conflict');
    if (access.call.scoring_closed_at !== null) {
      throw new DomainError('conflict', 'scoring is closed: conflicts are declared before it closes');
    }
    const existing = await trx
      .selectFrom('selection_conflicts')
      .select('user_id')
      .where('application_id', '=', applicationId)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (existing) throw new DomainError('conflict', 'you already declared a conflict on this application');
    await trx
      .insertInto('selection_conflicts')
      .values({ application_id: applicationId, user_id: actor.userId, reason: reason.trim() })
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.conflict.declare',
      entity: 'selection_application',
      entityId: applicationId,
      after: { userId: actor.userId, reason: reason.trim() },
    });
    return conflictsOf(trx, applicationId);
  });
}

async function hasConflict(db: Kysely<Database>, applicationId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('selection_conflicts')
    .select('user_id')
    .where('application_id', '=', applicationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function marksOf(db: Kysely<Database>, applicationId: number, userId: number): Promise<Mark[]> {
  const rows = await db
    .selectFrom('selection_scores')
    .select(['criterion_id', 'value', 'comment'])
    .where('application_id', '=', applicationId)
    .where('user_id', '=', userId)
    .orderBy('criterion_id')
    .execute();
  return rows.map((r) => ({ criterionId: r.criterion_id, value: weightText(r.value), comment: r.comment }));
}

/**
 * A committee member marks criteria of an application (some or all; again to revise) until scoring closes.
 * Refused to a member with a declared conflict, and outside the criterion's scale.
 */
export async function scoreApplication(
  db: Kysely<Database>,
  actor: Actor,
  applicationId: number,
  marks: ReadonlyArray<{ criterionId: number; value: string; comment?: string | null }>,
): Promise<Mark[]> {
  return inTransaction(db, async (trx) => {
    const access = await applicationAccess(trx, actor, applicationId, true);
    assertSeat(access, undefined, 'scoring');
    if (await hasConflict(trx, applicationId, actor.userId)) {
      throw new DomainError('forbidden', 'you declared a conflict of interest on this application: you abstain from scoring it');
    }
    if (access.call.scoring_closed_at !== null) throw new DomainError('conflict', 'scoring is closed: marks are final');
    if (access.application.status !== 'eligible') {
      throw new DomainError(
        'conflict',
        `application ${applicationId} is ${access.application.status}: only eligible applications are scored`,
      );
    }
    const criteria = await callCriteria(trx, access.call.id);
    const errors: FieldError[] = [];
    const seen = new Set<number>();
    marks.forEach((mark, i) => {
      const criterion = criteria.find((c) => c.id === mark.criterionId);
      if (!criterion) {
        errors.push({ path: `scores.${i}.criterionId`, message: `criterion ${mark.criterionId} is not in this call's grid` });
        return;
      }
      if (seen.has(mark.criterionId)) errors.push({ path: `scores.${i}.criterionId`, message: 'marked twice' });
      seen.add(mark.criterionId);
      const ok = /^\d{1,3}(\.\d{1,2})?$/.test(mark.value);
      if (!ok || new Dec(mark.value).lt(criterion.scaleMin) || new Dec(mark.value).gt(criterion.scaleMax)) {
        errors.push({
          path: `scores.${i}.value`,
          message: `expected a mark from ${criterion.scaleMin} to ${criterion.scaleMax}, received "${mark.value}"`,
        });
      }
      if ((mark.comment ?? '').length > 2000) errors.push({ path: `scores.${i}.comment`, message: 'at most 2000 characters' });
    });
    if (errors.length > 0) throw validationError(errors);
    const before = await marksOf(trx, applicationId, actor.userId);
    try {
      for (const mark of marks) {
        await trx
          .insertInto('selection_scores')
          .values({
            application_id: applicationId,
            user_id: actor.userId,
            criterion_id: mark.criterionId,
            value: mark.value,
            comment: mark.comment?.trim() || null,
          })
          .onConflict((oc) =>
            oc.columns(['application_id', 'user_id', 'criterion_id']).doUpdateSet({
              value: mark.value,
              comment: mark.comment?.trim() || null,
              scored_at: new Date().toISOString(),
            }),
          )
          .execute();
      }
    } catch (error) {
      guardError(error);
    }
    const after = await marksOf(trx, applicationId, actor.userId);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.score',
      entity: 'selection_application',
      entityId: applicationId,
      before,
      after,
    });
    return after;
  });
}

/** Why this user may not see the other members' marks on this application, or null. */
export async function hiddenReason(
  db: Kysely<Database>,
  actor: Actor,
  call: { scoring_closed_at: string | null },
  applicationId: number,
): Promise<HiddenReason> {
  if (await hasConflict(db, applicationId, actor.userId)) return 'conflict';
  if (call.scoring_closed_at === null) return 'scoring_open';
  return null;
}

export interface MemberMarks {
  userId: number;
  displayName: string;
  marks: Mark[];
}

/** Every member's marks on an application, for those allowed to see them (see hiddenReason). */
export async function allMarks(db: Kysely<Database>, applicationId: number): Promise<MemberMarks[]> {
  const rows = await db
    .selectFrom('selection_scores')
    .innerJoin('users', 'users.id', 'selection_scores.user_id')
    .select(['users.id', 'users.display_name', 'criterion_id', 'value', 'comment'])
    .where('application_id', '=', applicationId)
    .orderBy('users.id')
    .orderBy('criterion_id')
    .execute();
  const byUser = new Map<number, MemberMarks>();
  for (const r of rows) {
    const entry = byUser.get(r.id) ?? { userId: r.id, displayName: r.display_name, marks: [] };
    byUser.set(r.id, entry);
    entry.marks.push({ criterionId: r.criterion_id, value: weightText(r.value), comment: r.comment });
  }
  return [...byUser.values()];
}

export interface ScoringProgress {
  userId: number;
  displayName: string;
  role: string;
  /** Eligible applications this member has marked on every criterion. */
  complete: number;
  /** Eligible applications this member should mark (conflicts excluded). */
  expected: number;
  conflicts: number;
}

/** Who has finished scoring: counts only, never marks, so it can be shown while scoring is open. */
export async function scoringProgress(db: Kysely<Database>, actor: Actor, callId: number): Promise<ScoringProgress[]> {
  await callAccess(db, actor, callId);
  const [committee, criteria, applications, scores, conflicts] = await Promise.all([
    committeeOf(db, callId),
    callCriteria(db, callId),
    db
      .selectFrom('selection_applications')
      .select('id')
      .where('call_id', '=', callId)
      .where('status', 'in', ['eligible', 'scored', 'decided'])
      .execute(),
    db
      .selectFrom('selection_scores')
      .innerJoin('selection_applications', 'selection_applications.id', 'selection_scores.application_id')
      .select(['selection_scores.application_id', 'selection_scores.user_id'])
      .where('selection_applications.call_id', '=', callId)
      .execute(),
    db
      .selectFrom('selection_conflicts')
      .innerJoin('selection_applications', 'selection_applications.id', 'selection_conflicts.application_id')
      .select(['selection_conflicts.application_id', 'selection_conflicts.user_id'])
      .where('selection_applications.call_id', '=', callId)
      .execute(),
  ]);
  return committee.map((seat) => {
    const conflicted = new Set(conflicts.filter((c) => c.user_id === seat.userId).map((c) => c.application_id));
    const expected = applications.filter((a) => !conflicted.has(a.id));
    const complete = expected.filter(
      (a) => scores.filter((s) => s.user_id === seat.userId && s.application_id === a.id).length === criteria.length,
    ).length;
    return {
      userId: seat.userId,
      displayName: seat.displayName,
      role: seat.role,
      complete,
      expected: expected.length,
      conflicts: conflicted.size,
    };
  });
}

/** The president closes scoring: marks become final and visible, eligible applications become scored. */
export async function closeScoring(
  db: Kysely<Database>,
  actor: Actor,
  callId: number,
): Promise<{ closedAt: string; scored: number }> {
  return inTransaction(db, async (trx) => {
    const access = await callAccess(trx, actor, callId, true);
    assertSeat(access, ['president'], 'closing scoring');
    if (access.call.scoring_closed_at !== null) throw new DomainError('conflict', `scoring of call ${callId} is already closed`);
    const progress = await scoringProgress(trx, actor, callId);
    const closedAt = new Date().toISOString();
    try {
      await trx
        .updateTable('selection_calls')
        .set({ scoring_closed_at: closedAt, scoring_closed_by: actor.userId, status: 'closed', updated_at: closedAt })
        .where('id', '=', callId)
        .execute();
    } catch (error) {
      guardError(error);
    }
    const scored = await trx
      .updateTable('selection_applications')
      .set({ status: 'scored' })
      .where('call_id', '=', callId)
      .where('status', '=', 'eligible')
      .returning('id')
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.scoring.close',
      entity: 'selection_call',
      entityId: callId,
      after: { closedAt, applications: scored.map((s) => s.id), progress },
    });
    return { closedAt, scored: scored.length };
  });
}

export interface ResultRow extends Omit<ApplicationResult, 'members'> {
  candidateName: string;
  status: string;
  decision: string | null;
  /** Each member's weighted score; null for a user with a conflict on this application. */
  members: Array<{ userId: number; displayName: string; score: string }> | null;
  hidden: HiddenReason;
}

export interface CallResults {
  callId: number;
  title: string;
  threshold: string;
  places: number;
  disagreementSpread: string;
  scoringClosedAt: string;
  criteria: Awaited<ReturnType<typeof callCriteria>>;
  committee: Array<{ userId: number; displayName: string; role: string }>;
  rows: ResultRow[];
}

/** The raw inputs of the arithmetic, read once for results and minutes. */
export async function resultsData(db: Kysely<Database>, callId: number, threshold: string, places: number) {
  const [criteria, committee, applications, scores, conflicts] = await Promise.all([
    callCriteria(db, callId),
    committeeOf(db, callId),
    db
      .selectFrom('selection_applications as a')
      .innerJoin('members as m', 'm.id', 'a.member_id')
      .select(['a.id', 'a.submitted_at', 'a.status', 'a.decision', 'm.legal_name'])
      .where('a.call_id', '=', callId)
      .where('a.status', 'in', ['eligible', 'scored', 'decided'])
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('selection_scores')
      .innerJoin('selection_applications', 'selection_applications.id', 'selection_scores.application_id')
      .select([
        'selection_scores.application_id',
        'selection_scores.user_id',
        'selection_scores.criterion_id',
        'selection_scores.value',
      ])
      .where('selection_applications.call_id', '=', callId)
      .execute(),
    db
      .selectFrom('selection_conflicts')
      .innerJoin('selection_applications', 'selection_applications.id', 'selection_conflicts.application_id')
      .select(['selection_conflicts.application_id', 'selection_conflicts.user_id'])
      .where('selection_applications.call_id', '=', callId)
      .execute(),
  ]);
  const results = computeResults({
    criteria,
    applications: applications.map((a) => ({ id: a.id, submittedAt: a.submitted_at })),
    scores: scores.map((s) => ({
      applicationId: s.application_id,
      userId: s.user_id,
      criterionId: s.criterion_id,
      value: s.value,
    })),
    committee: committee.map((c) => c.userId),
    conflicts: conflicts.map((c) => ({ applicationId: c.application_id, userId: c.user_id })),
    threshold,
    places,
  });
  return { criteria, committee, applications, results };
}

/**
 * Results once scoring is closed: weighted means, spreads, disagreement flags, ranking, threshold and places.
 * A member with a conflict on an application sees its rank and mean (they are in the minutes) but not who gave what.
 */
export async function callResults(db: Kysely<Database>, actor: Actor, callId: number): Promise<CallResults> {
  const { call } = await callAccess(db, actor, callId);
  if (call.scoring_closed_at === null) {
    throw new DomainError('conflict', 'results are shown once the president has closed scoring');
  }
  const data = await resultsData(db, callId, call.threshold, call.places);
  const names = new Map(data.committee.map((c) => [c.userId, c.displayName]));
  const rows: ResultRow[] = [];
  for (const result of data.results) {
    const application = data.applications.find((a) => a.id === result.applicationId);
    const hidden = await hiddenReason(db, actor, call, result.applicationId);
    rows.push({
      ...result,
      candidateName: application?.legal_name ?? '',
      status: application?.status ?? '',
      decision: application?.decision ?? null,
      members: hidden ? null : result.members.map((m) => ({ ...m, displayName: names.get(m.userId) ?? `#${m.userId}` })),
      criteria: hidden ? [] : result.criteria,
      hidden,
    });
  }
  return {
    callId,
    title: call.title,
    threshold: weightText(call.threshold),
    places: call.places,
    disagreementSpread: DEFAULT_DISAGREEMENT_SPREAD,
    scoringClosedAt: call.scoring_closed_at,
    criteria: data.criteria,
    committee: data.committee.map((c) => ({ userId: c.userId, displayName: c.displayName, role: c.role })),
    rows,
  };
}
