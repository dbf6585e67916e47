// An application's whole file as one reader may see it: the candidate, the project and needs, the attachments,
// the grid, the reader's own marks, conflicts on record, and the others' marks only when the rules allow.
import type { Kysely } from 'kysely';
import type { ApplicationStatus, CommitteeRole, Database, SelectionDecision } from '../db/schema.ts';
import { getMember, type Member } from '../members/registry.ts';
import type { Actor } from '../users/actor.ts';
import { applicationAccess } from './access.ts';
import { type AttachmentInfo, attachmentsOf } from './applications.ts';
import { callCriteria } from './calls.ts';
import { latestDecision } from './deliberation.ts';
import type { Criterion } from './grids.ts';
import {
  allMarks,
  type ConflictDeclaration,
  conflictsOf,
  type HiddenReason,
  hiddenReason,
  type Mark,
  type MemberMarks,
  marksOf,
} from './scores.ts';

export interface EligibilityAnswer {
  item: string;
  met: boolean;
  note: string | null;
}

export interface ApplicationFile {
  id: number;
  callId: number;
  callTitle: string;
  status: ApplicationStatus;
  source: 'staff' | 'public';
  submittedAt: string;
  candidate: Member;
  project: string;
  needs: string[];
  needsNote: string | null;
  eligibility: { answers: EligibilityAnswer[]; note: string | null; checkedAt: string } | null;
  attachments: AttachmentInfo[];
  criteria: Criterion[];
  conflicts: ConflictDeclaration[];
  /** The reader's seat on the committee, and their own marks. */
  myRole: CommitteeRole | null;
  myConflict: boolean;
  myMarks: Mark[];
  /** Every member's marks: null while hidden from this reader (see `hidden`). */
  marks: MemberMarks[] | null;
  hidden: HiddenReason;
  decision: { decision: SelectionDecision; reasons: string; sessionId: number } | null;
  admittedAt: string | null;
}

export async function getApplication(db: Kysely<Database>, actor: Actor, id: number): Promise<ApplicationFile> {
  const { application, call, role } = await applicationAccess(db, actor, id);
  const [candidate, attachments, criteria, conflicts, myMarks, hidden, decision] = await Promise.all([
    getMember(db, actor, application.member_id),
    attachmentsOf(db, id),
    callCriteria(db, call.id),
    conflictsOf(db, id),
    marksOf(db, id, actor.userId),
    hiddenReason(db, actor, call, id),
    latestDecision(db, id),
  ]);
  return {
    id,
    callId: call.id,
    callTitle: call.title,
    status: application.status,
    source: application.source,
    submittedAt: application.submitted_at,
    candidate,
    project: application.project,
    needs: application.needs,
    needsNote: application.needs_note,
    eligibility:
      application.eligibility_answers === null
        ? null
        : {
            answers: application.eligibility_answers as EligibilityAnswer[],
            note: application.eligibility_note,
            checkedAt: application.eligibility_checked_at ?? '',
          },
    attachments,
    criteria,
    conflicts,
    myRole: role,
    myConflict: conflicts.some((c) => c.userId === actor.userId),
    myMarks,
    marks: hidden ? null : await allMarks(db, id),
    hidden,
    decision: decision ? { decision: decision.decision, reasons: decision.reasons, sessionId: decision.session_id } : null,
    admittedAt: application.admitted_at,
  };
}
