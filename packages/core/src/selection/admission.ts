// From decision to member: admitting a cooperative the committee admitted (through the members lifecycle, which
// gives its analytic code and, by the database, its 4464 account), then its sponsor (parrain) and follow-up plan.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, invalid, notFound } from '../errors.ts';
import { changeMemberStatus, type Member } from '../members/registry.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { applicationAccess, assertSelectionStaff, isStaff } from './access.ts';
import { latestDecision } from './deliberation.ts';
import { validationError } from './grids.ts';

export interface Admission {
  applicationId: number;
  admittedAt: string;
  member: Member;
  /** The member's own account under 4464, opened by the database when the code was given. */
  account: string | null;
}

/**
 * Admits the candidate of an application the committee admitted, once the minutes are issued: the member moves to
 * `admitted` through the lifecycle (analytic code, ledger account) with the application and session as its reason.
 */
export async function admitApplication(
  db: Kysely<Database>,
  actor: Actor,
  applicationId: number,
  input: { effectiveOn?: string } = {},
): Promise<Admission> {
  assertSelectionStaff(actor);
  return inTransaction(db, async (trx) => {
    const { application, call } = await applicationAccess(trx, actor, applicationId, true);
    if (application.admitted_at !== null) throw new DomainError('conflict', `application ${applicationId} was already admitted`);
    const decision = await latestDecision(trx, applicationId);
    if (decision?.decision !== 'admitted') {
      throw new DomainError(
        'conflict',
        `application ${applicationId} was not admitted by the committee (${decision?.decision ?? 'no decision'})`,
      );
    }
    if (!decision.minutes_issued_at) {
      throw new DomainError(
        'conflict',
        `the minutes of session ${decision.session_id} are not issued: the decision is not final yet`,
      );
    }
    const member = await changeMemberStatus(trx, actor, application.member_id, {
      to: 'admitted',
      effectiveOn: input.effectiveOn,
      reason: `Admission décidée par le comité (appel n° ${call.id}, candidature n° ${applicationId}, PV n° ${decision.session_id} du ${decision.held_on})`,
    });
    const admittedAt = new Date().toISOString();
    await trx.updateTable('selection_applications').set({ admitted_at: admittedAt }).where('id', '=', applicationId).execute();
    const account = await trx.selectFrom('accounts').select('code').where('member_id', '=', member.id).executeTakeFirst();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.admit',
      entity: 'selection_application',
      entityId: applicationId,
      after: { memberId: member.id, code: member.code, account: account?.code ?? null, sessionId: decision.session_id },
    });
    return { applicationId, admittedAt, member, account: account?.code ?? null };
  });
}

export interface FollowUp {
  id: number;
  meetingOn: string;
  held: boolean;
  notes: string;
}

export interface Sponsorship {
  id: number;
  applicationId: number;
  memberId: number;
  memberName: string;
  memberCode: string | null;
  sponsor: { kind: 'user' | 'member'; id: number; name: string };
  plan: string | null;
  assignedAt: string;
  meetings: FollowUp[];
}

export interface SponsorshipInput {
  sponsorUserId?: number | null;
  sponsorMemberId?: number | null;
  plan?: string | null;
  meetings?: Array<{ meetingOn: string; notes?: string }>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function readSponsorship(db: Kysely<Database>, id: number): Promise<Sponsorship> {
  const row = await db
    .selectFrom('selection_sponsorships as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .leftJoin('users as u', 'u.id', 's.sponsor_user_id')
    .leftJoin('members as sm', 'sm.id', 's.sponsor_member_id')
    .select([
      's.id',
      's.application_id',
      's.member_id',
      'm.legal_name',
      'm.code',
      's.sponsor_user_id',
      's.sponsor_member_id',
      'u.display_name as sponsor_user_name',
      'sm.legal_name as sponsor_member_name',
      's.plan',
      's.assigned_at',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('sponsorship', id);
  const meetings = await db
    .selectFrom('selection_followups')
    .select(['id', 'meeting_on', 'held', 'notes'])
    .where('sponsorship_id', '=', id)
    .orderBy('meeting_on')
    .orderBy('id')
    .execute();
  return {
    id: row.id,
    applicationId: row.application_id,
    memberId: row.member_id,
    memberName: row.legal_name,
    memberCode: row.code,
    sponsor:
      row.sponsor_user_id !== null
        ? { kind: 'user', id: row.sponsor_user_id, name: row.sponsor_user_name ?? '' }
        : { kind: 'member', id: row.sponsor_member_id as number, name: row.sponsor_member_name ?? '' },
    plan: row.plan,
    assignedAt: row.assigned_at,
    meetings: meetings.map((m) => ({ id: m.id, meetingOn: m.meeting_on, held: m.held, notes: m.notes })),
  };
}

function checkMeetings(meetings: SponsorshipInput['meetings'], errors: FieldError[]): void {
  (meetings ?? []).forEach((m, i) => {
    if (!DATE.test(m.meetingOn) || Number.isNaN(Date.parse(m.meetingOn))) {
      errors.push({ path: `meetings.${i}.meetingOn`, message: `expected a date YYYY-MM-DD, received "${m.meetingOn}"` });
    }
    if ((m.notes ?? '').length > 4000) errors.push({ path: `meetings.${i}.notes`, message: 'at most 4000 characters' });
  });
}

/**
 * Gives an admitted cooperative its sponsor (a committee or manager user, or an existing member) and a follow-up
 * plan of dated meetings. One sponsorship per admission; the sponsor can be changed by assigning again.
 */
export async function assignSponsor(
  db: Kysely<Database>,
  actor: Actor,
  applicationId: number,
  input: SponsorshipInput,
): Promise<Sponsorship> {
  assertSelectionStaff(actor);
  const errors: FieldError[] = [];
  if ((input.sponsorUserId == null) === (input.sponsorMemberId == null)) {
    errors.push({ path: 'sponsorUserId', message: 'give either sponsorUserId (a committee user) or sponsorMemberId (a member)' });
  }
  if ((input.plan ?? '').length > 4000) errors.push({ path: 'plan', message: 'at most 4000 characters' });
  checkMeetings(input.meetings, errors);
  if (errors.length > 0) throw validationError(errors);
  return inTransaction(db, async (trx) => {
    const { application } = await applicationAccess(trx, actor, applicationId, true);
    if (application.admitted_at === null) {
      throw new DomainError('conflict', `application ${applicationId} is not admitted yet: a sponsor follows an admission`);
    }
    if (input.sponsorUserId != null) {
      const user = await trx
        .selectFrom('users')
        .select(['role', 'active'])
        .where('id', '=', input.sponsorUserId)
        .executeTakeFirst();
      if (!user?.active || !['committee', 'manager'].includes(user.role)) {
        throw invalid('sponsorUserId', `expected an active committee or manager user, received ${input.sponsorUserId}`);
      }
    }
    if (input.sponsorMemberId != null) {
      const sponsor = await trx
        .selectFrom('members')
        .select(['status'])
        .where('id', '=', input.sponsorMemberId)
        .executeTakeFirst();
      if (!sponsor || !['admitted', 'active'].includes(sponsor.status) || input.sponsorMemberId === application.member_id) {
        throw invalid('sponsorMemberId', `expected another admitted or active member, received ${input.sponsorMemberId}`);
      }
    }
    const existing = await trx
      .selectFrom('selection_sponsorships')
      .select('id')
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    const before = existing ? await readSponsorship(trx, existing.id) : null;
    const values = {
      sponsor_user_id: input.sponsorUserId ?? null,
      sponsor_member_id: input.sponsorMemberId ?? null,
      plan: input.plan?.trim() || null,
    };
    const id = existing
      ? (
          await trx
            .updateTable('selection_sponsorships')
            .set(values)
            .where('id', '=', existing.id)
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : (
          await trx
            .insertInto('selection_sponsorships')
            .values({ ...values, application_id: applicationId, member_id: application.member_id })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    if ((input.meetings ?? []).length > 0) {
      await trx
        .insertInto('selection_followups')
        .values(
          (input.meetings ?? []).map((m) => ({
            sponsorship_id: id,
            meeting_on: m.meetingOn,
            notes: m.notes?.trim() ?? '',
            recorded_by: auditActorId(actor),
          })),
        )
        .execute();
    }
    const after = await readSponsorship(trx, id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: existing ? 'selection.sponsor.change' : 'selection.sponsor.assign',
      entity: 'selection_sponsorship',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Sponsorships: all for the staff; a committee user sees those where they are the sponsor. */
export async function listSponsorships(db: Kysely<Database>, actor: Actor): Promise<Sponsorship[]> {
  if (!isStaff(actor) && actor.role !== 'committee') throw new DomainError('forbidden', `you are signed in as ${actor.role}`);
  let query = db.selectFrom('selection_sponsorships').select('id').orderBy('id');
  if (!isStaff(actor)) query = query.where('sponsor_user_id', '=', actor.userId);
  const rows = await query.execute();
  return Promise.all(rows.map((r) => readSponsorship(db, r.id)));
}

async function sponsorshipFor(db: Kysely<Database>, actor: Actor, id: number): Promise<Sponsorship> {
  const sponsorship = await readSponsorship(db, id);
  if (!isStaff(actor) && !(sponsorship.sponsor.kind === 'user' && sponsorship.sponsor.id === actor.userId))
    throw notFound('sponsorship', id);
  return sponsorship;
}

export async function getSponsorship(db: Kysely<Database>, actor: Actor, id: number): Promise<Sponsorship> {
  if (!isStaff(actor) && actor.role !== 'committee') throw new DomainError('forbidden', `you are signed in as ${actor.role}`);
  return sponsorshipFor(db, actor, id);
}

/** Plans or records a follow-up meeting (the staff, or the sponsor themselves). */
export async function recordFollowUp(
  db: Kysely<Database>,
  actor: Actor,
  sponsorshipId: number,
  input: { meetingId?: number; meetingOn: string; held?: boolean; notes?: string },
): Promise<Sponsorship> {
  const errors: FieldError[] = [];
  checkMeetings([{ meetingOn: input.meetingOn, notes: input.notes }], errors);
  if (errors.length > 0) throw validationError(errors.map((e) => ({ ...e, path: e.path.replace(/^meetings\.0\./, '') })));
  return inTransaction(db, async (trx) => {
    const before = await getSponsorship(trx, actor, sponsorshipId);
    if (input.meetingId !== undefined) {
      const meeting = before.meetings.find((m) => m.id === input.meetingId);
      if (!meeting) throw notFound('meeting', input.meetingId);
      await trx
        .updateTable('selection_followups')
        .set({
          meeting_on: input.meetingOn,
          held: input.held ?? meeting.held,
          notes: input.notes?.trim() ?? meeting.notes,
          recorded_by: auditActorId(actor),
        })
        .where('id', '=', input.meetingId)
        .execute();
    } else {
      await trx
        .insertInto('selection_followups')
        .values({
          sponsorship_id: sponsorshipId,
          meeting_on: input.meetingOn,
          held: input.held ?? false,
          notes: input.notes?.trim() ?? '',
          recorded_by: auditActorId(actor),
        })
        .execute();
    }
    const after = await readSponsorship(trx, sponsorshipId);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.followup',
      entity: 'selection_sponsorship',
      entityId: sponsorshipId,
      before: before.meetings,
      after: after.meetings,
    });
    return after;
  });
}
