// Applications to a call: entered by the staff or sent through the public form (with its abuse limits), the
// candidate's member record (created or reused, status candidate), attachments checked by their bytes, and the
// eligibility check against the call's checklist.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { ApplicationStatus, Database, SelectionDecision } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { sniffImage } from '../documents/images.ts';
import { DomainError, type FieldError, invalid, notFound } from '../errors.ts';
import { checkMemberFields, EMPTY_MEMBER_FIELDS, type MemberFields } from '../members/fields.ts';
import { createMember, memberReference, type NewMemberInput } from '../members/registry.ts';
import { type Actor, auditActorId, SYSTEM_ACTOR } from '../users/actor.ts';
import { applicationAccess, assertSelectionStaff, callAccess, guardError } from './access.ts';
import { openCall } from './calls.ts';
import { validationError } from './grids.ts';

/** Pooled services a candidate may say it needs (the GIE's mutualised services). */
export const POOLED_SERVICE_NEEDS = [
  'accounting',
  'commercialisation',
  'transport',
  'premises',
  'coaching',
  'training',
  'other',
] as const;
export type PooledServiceNeed = (typeof POOLED_SERVICE_NEEDS)[number];

export const ATTACHMENT_KINDS = ['statutes', 'registration', 'accounts', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** One file: under 1 MB so that it fits the API's 1 MiB request limit as raw bytes. */
export const MAX_ATTACHMENT_BYTES = 1_000_000;

/** The public form: tries per address in the window (accepted or not), files per application. */
export const PUBLIC_LIMITS = { perAddress: 5, windowMinutes: 60, maxAttachments: 3, maxProjectLength: 10_000 } as const;

export interface ApplicationInput {
  /** An existing candidate member (staff only). */
  memberId?: number;
  /** The candidate's identity: a candidate member with the same ICE is reused, otherwise one is created. */
  candidate?: NewMemberInput;
  project: string;
  needs?: string[];
  needsNote?: string | null;
}

export interface AttachmentInput {
  kind: AttachmentKind;
  filename: string;
  bytes: Uint8Array;
}

export interface AttachmentInfo {
  id: number;
  kind: AttachmentKind;
  filename: string;
  mediaType: AttachmentType;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface ApplicationSummary {
  id: number;
  callId: number;
  memberId: number;
  candidateName: string;
  status: ApplicationStatus;
  source: 'staff' | 'public';
  decision: SelectionDecision | null;
  submittedAt: string;
  admittedAt: string | null;
  attachmentCount: number;
  /** The signed-in user declared a conflict of interest on it. */
  myConflict: boolean;
  /** Criteria the signed-in user has marked, out of the grid's count. */
  myMarks: number;
  criteriaCount: number;
}

/** The real type of an attachment, from its bytes: PDF, PNG or JPEG, and not too big. */
export function checkAttachment(bytes: Uint8Array, field = 'file'): AttachmentType {
  if (bytes.length === 0) throw invalid(field, 'the file is empty');
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw invalid(field, `at most ${MAX_ATTACHMENT_BYTES} bytes, received ${bytes.length}`);
  }
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  if (pdf.every((b, i) => bytes[i] === b)) return 'application/pdf';
  const image = sniffImage(bytes);
  if (!image) throw invalid(field, 'expected a PDF, PNG or JPEG file (checked by its content)');
  return image;
}

function checkApplicationText(input: ApplicationInput, errors: FieldError[]): void {
  if (!input.project.trim()) errors.push({ path: 'project', message: 'required' });
  if (input.project.length > PUBLIC_LIMITS.maxProjectLength) {
    errors.push({ path: 'project', message: `at most ${PUBLIC_LIMITS.maxProjectLength} characters` });
  }
  (input.needs ?? []).forEach((need, i) => {
    if (!(POOLED_SERVICE_NEEDS as readonly string[]).includes(need)) {
      errors.push({ path: `needs.${i}`, message: `expected one of ${POOLED_SERVICE_NEEDS.join(', ')}, received "${need}"` });
    }
  });
  if ((input.needsNote ?? '').length > 2000) errors.push({ path: 'needsNote', message: 'at most 2000 characters' });
}

/** Finds or creates the candidate member of an application; returns its id. */
async function candidateMember(trx: Kysely<Database>, actor: Actor, input: ApplicationInput): Promise<number> {
  if (input.memberId !== undefined) {
    const member = await trx.selectFrom('members').select(['id', 'status']).where('id', '=', input.memberId).executeTakeFirst();
    if (!member) throw invalid('memberId', `member ${input.memberId} does not exist`);
    if (member.status !== 'candidate') {
      throw invalid('memberId', `member ${input.memberId} is already ${member.status}; applications are for candidates`);
    }
    return member.id;
  }
  const candidate = input.candidate as NewMemberInput;
  const fields: MemberFields = { ...EMPTY_MEMBER_FIELDS, ...candidate };
  if (fields.ice !== null) {
    const known = await trx
      .selectFrom('members')
      .select(['id', 'status', 'legal_name'])
      .where('ice', '=', fields.ice.replace(/\s+/g, ''))
      .executeTakeFirst();
    if (known && known.status !== 'candidate') {
      throw new DomainError('conflict', `candidate.ice: already registered for a member (${known.status})`, [
        { path: 'candidate.ice', message: `already registered for ${known.legal_name}, who is ${known.status}` },
      ]);
    }
    if (known) return known.id;
  }
  const created = await createMember(trx, actor, candidate);
  return created.id;
}

async function checkCandidate(trx: Kysely<Database>, input: ApplicationInput, errors: FieldError[]): Promise<void> {
  if ((input.memberId === undefined) === (input.candidate === undefined)) {
    errors.push({ path: 'candidate', message: 'give either memberId (a known candidate) or candidate (their identity)' });
    return;
  }
  if (input.candidate) {
    const fields: MemberFields = { ...EMPTY_MEMBER_FIELDS, ...input.candidate };
    for (const e of checkMemberFields(fields, await memberReference(trx))) {
      errors.push({ path: `candidate.${e.path}`, message: e.message });
    }
  }
}

async function insertAttachments(
  trx: Kysely<Database>,
  actor: Actor,
  applicationId: number,
  files: ReadonlyArray<AttachmentInput & { mediaType: AttachmentType }>,
): Promise<void> {
  if (files.length === 0) return;
  await trx
    .insertInto('selection_attachments')
    .values(
      files.map((f) => ({
        application_id: applicationId,
        kind: f.kind,
        filename: f.filename.trim().slice(0, 200),
        media_type: f.mediaType,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
        bytes: f.bytes,
        uploaded_by: auditActorId(actor),
      })),
    )
    .execute();
}

async function assertNoApplication(trx: Kysely<Database>, callId: number, memberId: number): Promise<void> {
  const existing = await trx
    .selectFrom('selection_applications')
    .select('id')
    .where('call_id', '=', callId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (existing) {
    throw new DomainError('conflict', `this candidate already applied to call ${callId} (application ${existing.id})`, [
      { path: 'candidate', message: 'already applied to this call' },
    ]);
  }
}

/** The staff enter an application for a call that has not closed its scoring. */
export async function createApplication(
  db: Kysely<Database>,
  actor: Actor,
  callId: number,
  input: ApplicationInput,
): Promise<ApplicationSummary> {
  assertSelectionStaff(actor);
  return inTransaction(db, async (trx) => {
    const { call } = await callAccess(trx, actor, callId, true);
    if (call.scoring_closed_at !== null) {
      throw new DomainError('conflict', `scoring of call ${callId} is closed: it takes no more applications`);
    }
    const errors: FieldError[] = [];
    checkApplicationText(input, errors);
    await checkCandidate(trx, input, errors);
    if (errors.length > 0) throw validationError(errors);
    const memberId = await candidateMember(trx, actor, input);
    await assertNoApplication(trx, callId, memberId);
    const row = await trx
      .insertInto('selection_applications')
      .values({
        call_id: callId,
        member_id: memberId,
        project: input.project.trim(),
        needs: JSON.stringify(input.needs ?? []),
        needs_note: input.needsNote?.trim() || null,
        source: 'staff',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [summary] = await summaries(trx, actor, callId, row.id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.application.create',
      entity: 'selection_application',
      entityId: row.id,
      after: { ...summary, project: input.project.trim(), needs: input.needs ?? [] },
    });
    return summary as ApplicationSummary;
  });
}

export interface PublicApplicationInput extends Omit<ApplicationInput, 'memberId'> {
  candidate: NewMemberInput;
  attachments?: Array<{ kind: AttachmentKind; filename: string; bytes: Uint8Array }>;
  /** The honeypot: a field people do not see and robots fill in. */
  website?: string | null;
}

/**
 * An application sent by a candidate through the public form of an open call. Every try is logged by address,
 * committed before the work so that refused tries count too; past the limit the address waits for the window.
 */
export async function submitPublicApplication(
  db: Kysely<Database>,
  request: { callId: number; ip: string; input: PublicApplicationInput; now?: Date },
): Promise<{ id: number; callId: number; status: ApplicationStatus; submittedAt: string }> {
  const now = request.now ?? new Date();
  const since = new Date(now.getTime() - PUBLIC_LIMITS.windowMinutes * 60_000).toISOString();
  const tries = await db
    .selectFrom('selection_public_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ip', '=', request.ip)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  if (Number(tries.n) >= PUBLIC_LIMITS.perAddress) {
    throw new DomainError(
      'rate_limited',
      `too many applications sent from this address; try again in ${PUBLIC_LIMITS.windowMinutes} minutes`,
      [],
      PUBLIC_LIMITS.windowMinutes * 60,
    );
  }
  const attempt = await db
    .insertInto('selection_public_attempts')
    .values({ ip: request.ip, call_id: request.callId, accepted: false, at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();

  const input = request.input;
  if (input.website?.trim()) throw invalid('website', 'must be left empty');
  return inTransaction(db, async (trx) => {
    await openCall(trx, request.callId);
    const errors: FieldError[] = [];
    checkApplicationText(input, errors);
    if (!input.candidate.contactEmail) errors.push({ path: 'candidate.contactEmail', message: 'required, to answer you' });
    await checkCandidate(trx, input, errors);
    const files = input.attachments ?? [];
    if (files.length > PUBLIC_LIMITS.maxAttachments) {
      errors.push({ path: 'attachments', message: `at most ${PUBLIC_LIMITS.maxAttachments} files` });
    }
    const checked: Array<AttachmentInput & { mediaType: AttachmentType }> = [];
    files.forEach((file, i) => {
      try {
        checked.push({ ...file, mediaType: checkAttachment(file.bytes, `attachments.${i}.content`) });
      } catch (error) {
        if (error instanceof DomainError) errors.push(...error.errors);
        else throw error;
      }
    });
    if (errors.length > 0) throw validationError(errors);
    const memberId = await candidateMember(trx, SYSTEM_ACTOR, input);
    await assertNoApplication(trx, request.callId, memberId);
    const row = await trx
      .insertInto('selection_applications')
      .values({
        call_id: request.callId,
        member_id: memberId,
        project: input.project.trim(),
        needs: JSON.stringify(input.needs ?? []),
        needs_note: input.needsNote?.trim() || null,
        source: 'public',
      })
      .returning(['id', 'status', 'submitted_at'])
      .executeTakeFirstOrThrow();
    await insertAttachments(trx, SYSTEM_ACTOR, row.id, checked);
    await trx.updateTable('selection_public_attempts').set({ accepted: true }).where('id', '=', attempt.id).execute();
    await recordAudit(trx, {
      actorUserId: null,
      action: 'selection.application.submit',
      entity: 'selection_application',
      entityId: row.id,
      after: {
        callId: request.callId,
        memberId,
        project: input.project.trim(),
        needs: input.needs ?? [],
        attachments: checked.map((f) => ({ kind: f.kind, filename: f.filename, mediaType: f.mediaType, size: f.bytes.length })),
        source: 'public',
      },
    });
    return { id: row.id, callId: request.callId, status: row.status, submittedAt: row.submitted_at };
  });
}

/** Adds a file to an application (staff), checked by its bytes. */
export async function addAttachment(
  db: Kysely<Database>,
  actor: Actor,
  applicationId: number,
  file: AttachmentInput,
): Promise<AttachmentInfo> {
  assertSelectionStaff(actor);
  const errors: FieldError[] = [];
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(file.kind)) {
    errors.push({ path: 'kind', message: `expected one of ${ATTACHMENT_KINDS.join(', ')}, received "${file.kind}"` });
  }
  if (!file.filename.trim() || file.filename.length > 200)
    errors.push({ path: 'filename', message: 'expected 1 to 200 characters' });
  if (errors.length > 0) throw validationError(errors);
  const mediaType = checkAttachment(file.bytes);
  return inTransaction(db, async (trx) => {
    const { application } = await applicationAccess(trx, actor, applicationId, true);
    if (application.status === 'decided')
      throw new DomainError('conflict', `application ${applicationId} is decided: its file is closed`);
    await insertAttachments(trx, actor, applicationId, [{ ...file, mediaType }]);
    const info = (await attachmentsOf(trx, applicationId)).at(-1) as AttachmentInfo;
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.attachment.add',
      entity: 'selection_application',
      entityId: applicationId,
      after: info,
    });
    return info;
  });
}

export async function attachmentsOf(db: Kysely<Database>, applicationId: number): Promise<AttachmentInfo[]> {
  const rows = await db
    .selectFrom('selection_attachments')
    .select([
      'id',
      'kind',
      'filename',
      'media_type',
      'sha256',
      'uploaded_at',
      (eb) => eb.fn<number>('octet_length', [eb.ref('bytes')]).as('size'),
    ])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    filename: r.filename,
    mediaType: r.media_type,
    size: Number(r.size),
    sha256: r.sha256,
    uploadedAt: r.uploaded_at,
  }));
}

/** The bytes of one attachment, for those who may read the application. */
export async function getAttachment(
  db: Kysely<Database>,
  actor: Actor,
  applicationId: number,
  attachmentId: number,
): Promise<{ filename: string; mediaType: AttachmentType; bytes: Uint8Array }> {
  await applicationAccess(db, actor, applicationId);
  const row = await db
    .selectFrom('selection_attachments')
    .select(['filename', 'media_type', 'bytes'])
    .where('id', '=', attachmentId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  if (!row) throw notFound('attachment', attachmentId);
  return { filename: row.filename, mediaType: row.media_type, bytes: row.bytes };
}

/** Applications of a call: all of them for the staff; for the committee, those found eligible. */
export async function listApplications(db: Kysely<Database>, actor: Actor, callId: number): Promise<ApplicationSummary[]> {
  await callAccess(db, actor, callId);
  return summaries(db, actor, callId);
}

async function summaries(db: Kysely<Database>, actor: Actor, callId: number, onlyId?: number): Promise<ApplicationSummary[]> {
  const staff = ['admin', 'manager'].includes(actor.role);
  let query = db
    .selectFrom('selection_applications as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select((eb) => [
      'a.id',
      'a.call_id',
      'a.member_id',
      'm.legal_name',
      'a.status',
      'a.source',
      'a.decision',
      'a.submitted_at',
      'a.admitted_at',
      eb
        .selectFrom('selection_attachments')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('application_id', '=', 'a.id')
        .as('attachments'),
      eb
        .selectFrom('selection_conflicts')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('application_id', '=', 'a.id')
        .where('user_id', '=', actor.userId)
        .as('conflicts'),
      eb
        .selectFrom('selection_scores')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('application_id', '=', 'a.id')
        .where('user_id', '=', actor.userId)
        .as('marks'),
    ])
    .where('a.call_id', '=', callId)
    .orderBy('a.id');
  if (!staff) query = query.where('a.status', 'in', ['eligible', 'scored', 'decided']);
  if (onlyId !== undefined) query = query.where('a.id', '=', onlyId);
  const [rows, criteria] = await Promise.all([
    query.execute(),
    db
      .selectFrom('selection_call_criteria')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('call_id', '=', callId)
      .executeTakeFirstOrThrow(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    callId: r.call_id,
    memberId: r.member_id,
    candidateName: r.legal_name,
    status: r.status,
    source: r.source,
    decision: r.decision,
    submittedAt: r.submitted_at,
    admittedAt: r.admitted_at,
    attachmentCount: Number(r.attachments ?? 0),
    myConflict: Number(r.conflicts ?? 0) > 0,
    myMarks: Number(r.marks ?? 0),
    criteriaCount: Number(criteria.n),
  }));
}

export interface EligibilityInput {
  /** One answer per checklist item of the call, in order. */
  answers: Array<{ met: boolean; note?: string | null }>;
  note?: string | null;
}

/**
 * Records the eligibility check: one answer per checklist item; the application is eligible when every item is
 * met. Can be redone until anyone has scored the application.
 */
export async function checkEligibility(
  db: Kysely<Database>,
  actor: Actor,
  applicationId: number,
  input: EligibilityInput,
): Promise<ApplicationSummary> {
  assertSelectionStaff(actor);
  return inTransaction(db, async (trx) => {
    const { application, call } = await applicationAccess(trx, actor, applicationId, true);
    const items = call.eligibility_items;
    if (input.answers.length !== items.length) {
      throw invalid('answers', `expected ${items.length} answers (one per checklist item), received ${input.answers.length}`);
    }
    if (!['submitted', 'eligible', 'ineligible'].includes(application.status) || call.scoring_closed_at !== null) {
      throw new DomainError('conflict', `application ${applicationId} is ${application.status}: its eligibility is settled`);
    }
    const scored = await trx
      .selectFrom('selection_scores')
      .select('id')
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    if (scored) throw new DomainError('conflict', `application ${applicationId} has been scored: its eligibility is settled`);
    const answers = items.map((item, i) => ({
      item,
      met: input.answers[i]?.met === true,
      note: input.answers[i]?.note?.trim() || null,
    }));
    const status: ApplicationStatus = answers.every((a) => a.met) ? 'eligible' : 'ineligible';
    try {
      await trx
        .updateTable('selection_applications')
        .set({
          status,
          eligibility_answers: JSON.stringify(answers),
          eligibility_note: input.note?.trim() || null,
          eligibility_checked_at: new Date().toISOString(),
          eligibility_checked_by: auditActorId(actor),
        })
        .where('id', '=', applicationId)
        .execute();
    } catch (error) {
      guardError(error);
    }
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: `selection.application.${status}`,
      entity: 'selection_application',
      entityId: applicationId,
      before: { status: application.status, answers: application.eligibility_answers },
      after: { status, answers, note: input.note?.trim() || null },
    });
    const [summary] = await summaries(trx, actor, application.call_id, applicationId);
    return summary as ApplicationSummary;
  });
}
