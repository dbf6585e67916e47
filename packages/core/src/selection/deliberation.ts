// Deliberation sessions: attendance and quorum, one decision per application with its reasons (and the vote when
// one is held), the minutes issued as a PDF and stored, after which the session is locked by the database.
// Also the letters to candidates not admitted.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { today } from '../dates.ts';
import type { CommitteeRole, Database, SelectionDecision } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, invalid, notFound } from '../errors.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { applicationAccess, assertSeat, assertSelectionStaff, callAccess, guardError } from './access.ts';
import { committeeOf } from './calls.ts';
import { type GieHeading, type MinutesData, renderLetterPdf, renderMinutesPdf } from './documents.ts';
import { validationError } from './grids.ts';
import { resultsData } from './scores.ts';
import { defaultQuorum } from './scoring.ts';

const PRESIDING: readonly CommitteeRole[] = ['president', 'rapporteur'];

export interface Votes {
  for: number;
  against: number;
  abstain: number;
}

export interface Decision {
  applicationId: number;
  candidateName: string;
  decision: SelectionDecision;
  reasons: string;
  votes: Votes | null;
  /** Members present who abstain because they declared a conflict on this application. */
  abstentions: Array<{ userId: number; displayName: string }>;
  decidedAt: string;
}

export interface Session {
  id: number;
  callId: number;
  heldOn: string;
  place: string | null;
  quorumRequired: number;
  present: number;
  quorumReached: boolean;
  attendance: Array<{ userId: number; displayName: string; role: CommitteeRole; present: boolean }>;
  decisions: Decision[];
  minutesIssuedAt: string | null;
  minutesSha256: string | null;
  /** Minutes issued: nothing in the session can change any more. */
  locked: boolean;
}

export interface SessionInput {
  heldOn: string;
  place?: string | null;
  /** Who is present; committee members left out are recorded absent. */
  attendance: Array<{ userId: number; present: boolean }>;
}

async function sessionRow(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom('selection_sessions')
    .select(['id', 'call_id', 'held_on', 'place', 'quorum_required', 'minutes_issued_at', 'minutes_sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('session', id);
  return row;
}

/** A session and the actor's access to its call (a session of another call is "not found"). */
async function sessionAccess(db: Kysely<Database>, actor: Actor, id: number, lock = false) {
  const first = await sessionRow(db, id);
  let access: Awaited<ReturnType<typeof callAccess>>;
  try {
    access = await callAccess(db, actor, first.call_id, lock);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') throw notFound('session', id);
    throw error;
  }
  if (!lock) return { row: first, ...access };
  // the call first, then the session (see applicationAccess): read again under the lock
  await db.selectFrom('selection_sessions').select('id').where('id', '=', id).forUpdate().execute();
  return { row: await sessionRow(db, id), ...access };
}

export async function getSession(db: Kysely<Database>, actor: Actor, id: number): Promise<Session> {
  const { row } = await sessionAccess(db, actor, id);
  return readSession(db, row.id);
}

async function readSession(db: Kysely<Database>, id: number): Promise<Session> {
  const row = await sessionRow(db, id);
  const [committee, attendance, decisions, conflicts] = await Promise.all([
    committeeOf(db, row.call_id),
    db.selectFrom('selection_attendance').select(['user_id', 'present']).where('session_id', '=', id).execute(),
    db
      .selectFrom('selection_decisions as d')
      .innerJoin('selection_applications as a', 'a.id', 'd.application_id')
      .innerJoin('members as m', 'm.id', 'a.member_id')
      .select([
        'd.application_id',
        'm.legal_name',
        'd.decision',
        'd.reasons',
        'd.votes_for',
        'd.votes_against',
        'd.votes_abstain',
        'd.decided_at',
      ])
      .where('d.session_id', '=', id)
      .orderBy('d.id')
      .execute(),
    db
      .selectFrom('selection_conflicts')
      .innerJoin('selection_applications', 'selection_applications.id', 'selection_conflicts.application_id')
      .select(['selection_conflicts.application_id', 'selection_conflicts.user_id'])
      .where('selection_applications.call_id', '=', row.call_id)
      .execute(),
  ]);
  const presence = new Map(attendance.map((a) => [a.user_id, a.present]));
  const seats = committee.map((c) => ({
    userId: c.userId,
    displayName: c.displayName,
    role: c.role,
    present: presence.get(c.userId) ?? false,
  }));
  const present = seats.filter((s) => s.present).length;
  return {
    id: row.id,
    callId: row.call_id,
    heldOn: row.held_on,
    place: row.place,
    quorumRequired: row.quorum_required,
    present,
    quorumReached: present >= row.quorum_required,
    attendance: seats,
    decisions: decisions.map((d) => ({
      applicationId: d.application_id,
      candidateName: d.legal_name,
      decision: d.decision,
      reasons: d.reasons,
      votes: d.votes_for === null ? null : { for: d.votes_for, against: d.votes_against ?? 0, abstain: d.votes_abstain ?? 0 },
      abstentions: seats
        .filter((s) => s.present && conflicts.some((c) => c.application_id === d.application_id && c.user_id === s.userId))
        .map((s) => ({ userId: s.userId, displayName: s.displayName })),
      decidedAt: d.decided_at,
    })),
    minutesIssuedAt: row.minutes_issued_at,
    minutesSha256: row.minutes_sha256,
    locked: row.minutes_issued_at !== null,
  };
}

export async function listSessions(db: Kysely<Database>, actor: Actor, callId: number): Promise<Session[]> {
  await callAccess(db, actor, callId);
  const rows = await db.selectFrom('selection_sessions').select('id').where('call_id', '=', callId).orderBy('id').execute();
  return Promise.all(rows.map((r) => readSession(db, r.id)));
}

function checkAttendance(attendance: SessionInput['attendance'], committee: number[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  attendance.forEach((a, i) => {
    if (!committee.includes(a.userId))
      errors.push({ path: `attendance.${i}.userId`, message: `user ${a.userId} is not on this committee` });
    if (seen.has(a.userId)) errors.push({ path: `attendance.${i}.userId`, message: 'listed twice' });
    seen.add(a.userId);
  });
  return errors;
}

async function writeAttendance(
  trx: Kysely<Database>,
  sessionId: number,
  committee: number[],
  attendance: SessionInput['attendance'],
) {
  await trx.deleteFrom('selection_attendance').where('session_id', '=', sessionId).execute();
  await trx
    .insertInto('selection_attendance')
    .values(
      committee.map((userId) => ({
        session_id: sessionId,
        user_id: userId,
        present: attendance.find((a) => a.userId === userId)?.present ?? false,
      })),
    )
    .execute();
}

/**
 * Opens a deliberation session once scoring is closed (the president or the rapporteur). The quorum is the call's,
 * or half of the committee plus one; it is fixed on the session so that the minutes say what applied.
 */
export async function openSession(db: Kysely<Database>, actor: Actor, callId: number, input: SessionInput): Promise<Session> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn) || Number.isNaN(Date.parse(input.heldOn))) {
    throw invalid('heldOn', `expected a date YYYY-MM-DD, received "${input.heldOn}"`);
  }
  if (input.heldOn > today()) throw invalid('heldOn', 'cannot be in the future: record the session when it is held');
  return inTransaction(db, async (trx) => {
    const access = await callAccess(trx, actor, callId, true);
    assertSeat(access, PRESIDING, 'recording a deliberation');
    if (access.call.scoring_closed_at === null) {
      throw new DomainError('conflict', 'the committee deliberates once the president has closed scoring');
    }
    const pending = await trx
      .selectFrom('selection_sessions')
      .select('id')
      .where('call_id', '=', callId)
      .where('minutes_issued_at', 'is', null)
      .executeTakeFirst();
    if (pending) throw new DomainError('conflict', `session ${pending.id} is still open: issue its minutes first`);
    const committee = (await committeeOf(trx, callId)).map((c) => c.userId);
    const errors = checkAttendance(input.attendance, committee);
    if (errors.length > 0) throw validationError(errors);
    const row = await trx
      .insertInto('selection_sessions')
      .values({
        call_id: callId,
        held_on: input.heldOn,
        place: input.place?.trim() || null,
        quorum_required: access.call.quorum ?? defaultQuorum(committee.length),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAttendance(trx, row.id, committee, input.attendance);
    const session = await readSession(trx, row.id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.session.open',
      entity: 'selection_session',
      entityId: row.id,
      after: session,
    });
    return session;
  });
}

/** Corrects who is present, until the minutes are issued. */
export async function setAttendance(
  db: Kysely<Database>,
  actor: Actor,
  sessionId: number,
  attendance: SessionInput['attendance'],
): Promise<Session> {
  return inTransaction(db, async (trx) => {
    const access = await sessionAccess(trx, actor, sessionId, true);
    assertSeat(access, PRESIDING, 'recording attendance');
    if (access.row.minutes_issued_at !== null)
      throw new DomainError('conflict', `session ${sessionId} is locked: its minutes were issued`);
    const committee = (await committeeOf(trx, access.call.id)).map((c) => c.userId);
    const errors = checkAttendance(attendance, committee);
    if (errors.length > 0) throw validationError(errors);
    const before = await readSession(trx, sessionId);
    try {
      await writeAttendance(trx, sessionId, committee, attendance);
    } catch (error) {
      guardError(error);
    }
    const after = await readSession(trx, sessionId);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.session.attendance',
      entity: 'selection_session',
      entityId: sessionId,
      before: before.attendance,
      after: after.attendance,
    });
    return after;
  });
}

export interface DecisionInput {
  applicationId: number;
  decision: SelectionDecision;
  reasons: string;
  votes?: Votes | null;
}

/**
 * Records the committee's decision on a scored application, refused without quorum. A vote, when held, counts at
 * most the members present without a conflict on the application. Can be changed until the minutes are issued.
 */
export async function recordDecision(
  db: Kysely<Database>,
  actor: Actor,
  sessionId: number,
  input: DecisionInput,
): Promise<Session> {
  if (!input.reasons.trim()) throw invalid('reasons', 'required: the minutes and the letter give the reasons');
  if (input.reasons.length > 4000) throw invalid('reasons', 'at most 4000 characters');
  return inTransaction(db, async (trx) => {
    const access = await sessionAccess(trx, actor, sessionId, true);
    assertSeat(access, PRESIDING, 'recording a decision');
    if (access.row.minutes_issued_at !== null)
      throw new DomainError('conflict', `session ${sessionId} is locked: its minutes were issued`);
    const session = await readSession(trx, sessionId);
    if (!session.quorumReached) {
      throw new DomainError('conflict', `no quorum: ${session.present} present, ${session.quorumRequired} required`, [
        { path: 'attendance', message: `${session.quorumRequired} members present are needed to decide` },
      ]);
    }
    const application = await trx
      .selectFrom('selection_applications')
      .select(['id', 'call_id', 'status'])
      .where('id', '=', input.applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!application || application.call_id !== access.call.id) {
      throw invalid('applicationId', `application ${input.applicationId} is not an application of call ${access.call.id}`);
    }
    const previous = await latestDecision(trx, input.applicationId);
    // a later session may take up the waiting list again (a place has freed up); other decisions are final
    if (previous && previous.session_id !== sessionId && previous.decision !== 'waiting') {
      throw new DomainError(
        'conflict',
        `application ${input.applicationId} was ${previous.decision} in session ${previous.session_id}: that decision is final`,
        [{ path: 'applicationId', message: 'already decided' }],
      );
    }
    if (!previous && application.status !== 'scored') {
      throw invalid(
        'applicationId',
        `application ${input.applicationId} is ${application.status}: the committee decides on scored applications`,
      );
    }
    if (input.votes) {
      const conflicted = await trx
        .selectFrom('selection_conflicts')
        .select('user_id')
        .where('application_id', '=', input.applicationId)
        .execute();
      const voters = session.attendance.filter((a) => a.present && !conflicted.some((c) => c.user_id === a.userId)).length;
      const cast = input.votes.for + input.votes.against + input.votes.abstain;
      if (cast > voters) {
        throw invalid('votes', `${cast} votes for ${voters} members present without a conflict on this application`);
      }
    }
    try {
      await trx
        .deleteFrom('selection_decisions')
        .where('application_id', '=', input.applicationId)
        .where('session_id', '=', sessionId)
        .execute();
      await trx
        .insertInto('selection_decisions')
        .values({
          session_id: sessionId,
          application_id: input.applicationId,
          decision: input.decision,
          reasons: input.reasons.trim(),
          votes_for: input.votes?.for ?? null,
          votes_against: input.votes?.against ?? null,
          votes_abstain: input.votes?.abstain ?? null,
        })
        .execute();
      await trx
        .updateTable('selection_applications')
        .set({ status: 'decided', decision: input.decision })
        .where('id', '=', input.applicationId)
        .execute();
    } catch (error) {
      guardError(error);
    }
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.decision',
      entity: 'selection_application',
      entityId: input.applicationId,
      before: previous ?? null,
      after: { sessionId, decision: input.decision, reasons: input.reasons.trim(), votes: input.votes ?? null },
    });
    return readSession(trx, sessionId);
  });
}

/** The application's latest decision (a waiting list may be decided again later), with its session. */
export async function latestDecision(db: Kysely<Database>, applicationId: number) {
  return db
    .selectFrom('selection_decisions as d')
    .innerJoin('selection_sessions as s', 's.id', 'd.session_id')
    .select(['d.decision', 'd.reasons', 'd.session_id', 's.held_on', 's.minutes_issued_at'])
    .where('d.application_id', '=', applicationId)
    .orderBy('d.id', 'desc')
    .executeTakeFirst();
}

async function gieHeading(db: Kysely<Database>): Promise<GieHeading> {
  const row = await db.selectFrom('gie_settings').select(['name', 'address', 'city']).executeTakeFirst();
  return { name: row?.name ?? 'GIE-ECP', address: row?.address ?? null, city: row?.city ?? null };
}

/** Everything the minutes print, read from the session, the call and the results. */
export async function minutesData(db: Kysely<Database>, sessionId: number, issuedOn: string): Promise<MinutesData> {
  const session = await readSession(db, sessionId);
  const call = await db.selectFrom('selection_calls').selectAll().where('id', '=', session.callId).executeTakeFirstOrThrow();
  const data = await resultsData(db, call.id, call.threshold, call.places);
  const nameOf = new Map(data.applications.map((a) => [a.id, a.legal_name]));
  const conflicts = await db
    .selectFrom('selection_conflicts as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .innerJoin('selection_applications as a', 'a.id', 'c.application_id')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['u.display_name', 'm.legal_name', 'c.reason'])
    .where('a.call_id', '=', call.id)
    .orderBy('c.declared_at')
    .execute();
  return {
    gie: await gieHeading(db),
    call: {
      id: call.id,
      title: call.title,
      opensOn: call.opens_on,
      closesOn: call.closes_on,
      threshold: call.threshold,
      places: call.places,
      criteria: data.criteria.map((c) => ({ label: c.label, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax })),
    },
    session: { id: session.id, heldOn: session.heldOn, place: session.place, quorumRequired: session.quorumRequired, issuedOn },
    committee: session.attendance.map((a) => ({ name: a.displayName, role: a.role, present: a.present })),
    conflicts: conflicts.map((c) => ({ name: c.display_name, candidate: c.legal_name, reason: c.reason })),
    ranking: data.results.map((r) => ({
      rank: r.rank,
      candidate: nameOf.get(r.applicationId) ?? `#${r.applicationId}`,
      mean: r.mean,
      scorers: r.members.length,
      aboveThreshold: r.aboveThreshold,
      withinPlaces: r.withinPlaces,
      disagreement: r.disagreement,
      tied: r.tied,
    })),
    decisions: session.decisions.map((d) => ({
      candidate: d.candidateName,
      decision: d.decision,
      reasons: d.reasons,
      votes: d.votes,
      abstentions: d.abstentions.map((a) => a.displayName),
    })),
  };
}

/**
 * Issues the minutes: renders the PDF, stores it with the session, and so locks the session (the database refuses
 * any later change to it, its attendance or its decisions). Needs quorum and at least one decision.
 */
export async function issueMinutes(db: Kysely<Database>, actor: Actor, sessionId: number): Promise<Session> {
  return inTransaction(db, async (trx) => {
    const access = await sessionAccess(trx, actor, sessionId, true);
    assertSeat(access, PRESIDING, 'issuing the minutes');
    if (access.row.minutes_issued_at !== null)
      throw new DomainError('conflict', `the minutes of session ${sessionId} were already issued`);
    const session = await readSession(trx, sessionId);
    if (!session.quorumReached)
      throw new DomainError('conflict', `no quorum: ${session.present} present, ${session.quorumRequired} required`);
    if (session.decisions.length === 0) throw new DomainError('conflict', 'the minutes record decisions: record at least one');
    const issuedAt = new Date().toISOString();
    const bytes = await renderMinutesPdf(await minutesData(trx, sessionId, issuedAt.slice(0, 10)));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await trx
      .updateTable('selection_sessions')
      .set({ minutes_pdf: bytes, minutes_sha256: sha256, minutes_issued_at: issuedAt, minutes_issued_by: actor.userId })
      .where('id', '=', sessionId)
      .execute();
    const after = await readSession(trx, sessionId);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.minutes.issue',
      entity: 'selection_session',
      entityId: sessionId,
      after: { ...after, minutesBytes: bytes.length },
    });
    return after;
  });
}

/** The stored minutes, byte for byte as issued. */
export async function minutesPdf(
  db: Kysely<Database>,
  actor: Actor,
  sessionId: number,
): Promise<{ bytes: Uint8Array; filename: string }> {
  await sessionAccess(db, actor, sessionId);
  const row = await db
    .selectFrom('selection_sessions')
    .select(['minutes_pdf', 'held_on'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  if (!row.minutes_pdf) throw notFound('minutes of session', sessionId);
  return { bytes: row.minutes_pdf, filename: `PV-selection-${sessionId}-${row.held_on}.pdf` };
}

/**
 * The letter to a candidate on the waiting list, rejected (once the minutes are issued) or found ineligible,
 * with the reasons on record.
 */
export async function candidateLetter(
  db: Kysely<Database>,
  actor: Actor,
  applicationId: number,
): Promise<{ bytes: Uint8Array; filename: string }> {
  assertSelectionStaff(actor);
  const { application, call } = await applicationAccess(db, actor, applicationId);
  const member = await db
    .selectFrom('members')
    .select(['legal_name', 'address', 'commune', 'contact_name'])
    .where('id', '=', application.member_id)
    .executeTakeFirstOrThrow();
  let outcome: SelectionDecision | 'ineligible';
  let reasons: string;
  let sessionHeldOn: string | null = null;
  let date: string;
  let rank: number | null = null;
  let mean: string | null = null;
  if (application.status === 'ineligible') {
    outcome = 'ineligible';
    const answers = (application.eligibility_answers ?? []) as Array<{ item: string; met: boolean; note: string | null }>;
    reasons = [
      ...answers.filter((a) => !a.met).map((a) => `Condition non remplie : ${a.item}${a.note ? ` (${a.note})` : ''}.`),
      application.eligibility_note ?? '',
    ]
      .filter(Boolean)
      .join('\n');
    date = (application.eligibility_checked_at ?? new Date().toISOString()).slice(0, 10);
  } else {
    const decision = await latestDecision(db, applicationId);
    if (!decision || decision.decision === 'admitted') {
      throw new DomainError(
        'conflict',
        `application ${applicationId} is ${application.decision ?? application.status}: letters go to candidates not admitted`,
      );
    }
    if (!decision.minutes_issued_at)
      throw new DomainError('conflict', 'the decision is final once the minutes are issued; issue them first');
    outcome = decision.decision;
    reasons = decision.reasons;
    sessionHeldOn = decision.held_on;
    date = decision.minutes_issued_at.slice(0, 10);
    const results = await resultsData(db, call.id, call.threshold, call.places);
    const mine = results.results.find((r) => r.applicationId === applicationId);
    rank = mine?.rank ?? null;
    mean = mine?.mean ?? null;
  }
  const bytes = await renderLetterPdf({
    gie: await gieHeading(db),
    candidate: {
      name: member.legal_name,
      address: [member.address, member.commune].filter(Boolean).join(', ') || null,
      contactName: member.contact_name,
    },
    call: { title: call.title },
    outcome,
    reasons,
    date,
    sessionHeldOn,
    rank,
    mean,
  });
  return { bytes, filename: `lettre-candidature-${applicationId}.pdf` };
}
