// Shapes of the selection committee's API: grids, calls, committee, applications, scores, results, sessions,
// sponsorships, and the public form. The core checks what a shape cannot (weights, scales, quorum, conflicts).
import { ATTACHMENT_KINDS, POOLED_SERVICE_NEEDS } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { MemberFieldsSchema, MemberSchema } from '../members/schemas.ts';

const text = (max: number) => z.string().trim().max(max);
const date = z.iso.date();
const committeeRole = z.enum(['president', 'rapporteur', 'member']);
const decision = z.enum(['admitted', 'waiting', 'rejected']);
const applicationStatus = z.enum(['submitted', 'eligible', 'ineligible', 'scored', 'decided']);
const hidden = z
  .enum(['scoring_open', 'conflict'])
  .nullable()
  .openapi({ description: 'Why the other members’ marks are hidden' });

export const CriterionInputSchema = z
  .object({
    label: text(200).min(1),
    description: text(1000).nullable().optional(),
    weight: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'expected a weight such as "30" or "12.5"'),
    scaleMin: z.number().int().min(0).max(99),
    scaleMax: z.number().int().min(1).max(100),
  })
  .strict();

export const GridInputSchema = z
  .object({
    name: text(200).min(1),
    description: text(2000).nullable().optional(),
    criteria: z.array(CriterionInputSchema).min(1).max(30),
  })
  .strict()
  .openapi('SelectionGridInput');

const CriterionSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  label: z.string(),
  description: z.string().nullable(),
  weight: z.string(),
  scaleMin: z.number().int(),
  scaleMax: z.number().int(),
});

export const GridSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    criteria: z.array(CriterionSchema),
    locked: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SelectionGrid');

export const CallInputSchema = z
  .object({
    title: text(200).min(1),
    description: text(10000).optional(),
    opensOn: date,
    closesOn: date,
    gridId: z.number().int().positive().nullable().optional(),
    eligibilityItems: z.array(text(500).min(1)).max(30).optional(),
    threshold: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'expected a score out of 100 such as "60"'),
    places: z.number().int().min(1).max(1000),
    quorum: z.number().int().min(1).max(100).nullable().optional(),
    status: z.enum(['draft', 'open', 'closed']).optional(),
  })
  .strict()
  .openapi('SelectionCallInput');

const SeatSchema = z.object({ userId: z.number().int(), displayName: z.string(), email: z.string(), role: committeeRole });

export const CallSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    gridId: z.number().int().nullable(),
    criteria: z.array(CriterionSchema),
    eligibilityItems: z.array(z.string()),
    threshold: z.string(),
    places: z.number().int(),
    quorum: z.number().int().nullable(),
    effectiveQuorum: z.number().int(),
    status: z.enum(['draft', 'open', 'closed']),
    acceptingApplications: z.boolean(),
    scoringStartedAt: z.string().nullable(),
    scoringClosedAt: z.string().nullable(),
    scoringClosedBy: z.number().int().nullable(),
    committee: z.array(SeatSchema),
    myRole: committeeRole.nullable(),
    applicationCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SelectionCall');

export const CommitteeInputSchema = z
  .object({
    members: z
      .array(z.object({ userId: z.number().int().positive(), role: committeeRole }).strict())
      .min(1)
      .max(30),
  })
  .strict()
  .openapi('SelectionCommitteeInput');

const needs = z.array(z.enum(POOLED_SERVICE_NEEDS)).max(POOLED_SERVICE_NEEDS.length).optional();

export const ApplicationInputSchema = z
  .object({
    memberId: z.number().int().positive().optional(),
    candidate: MemberFieldsSchema.optional(),
    project: text(10000).min(1),
    needs,
    needsNote: text(2000).nullable().optional(),
  })
  .strict()
  .openapi('SelectionApplicationInput');

export const ApplicationSummarySchema = z
  .object({
    id: z.number().int(),
    callId: z.number().int(),
    memberId: z.number().int(),
    candidateName: z.string(),
    status: applicationStatus,
    source: z.enum(['staff', 'public']),
    decision: decision.nullable(),
    submittedAt: z.string(),
    admittedAt: z.string().nullable(),
    attachmentCount: z.number().int(),
    myConflict: z.boolean(),
    myMarks: z.number().int(),
    criteriaCount: z.number().int(),
  })
  .openapi('SelectionApplicationSummary');

const AttachmentSchema = z.object({
  id: z.number().int(),
  kind: z.enum(ATTACHMENT_KINDS),
  filename: z.string(),
  mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export const AttachmentInfoSchema = AttachmentSchema.openapi('SelectionAttachment');

const MarkSchema = z.object({ criterionId: z.number().int(), value: z.string(), comment: z.string().nullable() });
const ConflictSchema = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  reason: z.string(),
  declaredAt: z.string(),
});

export const ApplicationFileSchema = z
  .object({
    id: z.number().int(),
    callId: z.number().int(),
    callTitle: z.string(),
    status: applicationStatus,
    source: z.enum(['staff', 'public']),
    submittedAt: z.string(),
    candidate: MemberSchema,
    project: z.string(),
    needs: z.array(z.string()),
    needsNote: z.string().nullable(),
    eligibility: z
      .object({
        answers: z.array(z.object({ item: z.string(), met: z.boolean(), note: z.string().nullable() })),
        note: z.string().nullable(),
        checkedAt: z.string(),
      })
      .nullable(),
    attachments: z.array(AttachmentSchema),
    criteria: z.array(CriterionSchema),
    conflicts: z.array(ConflictSchema),
    myRole: committeeRole.nullable(),
    myConflict: z.boolean(),
    myMarks: z.array(MarkSchema),
    marks: z.array(z.object({ userId: z.number().int(), displayName: z.string(), marks: z.array(MarkSchema) })).nullable(),
    hidden,
    decision: z.object({ decision, reasons: z.string(), sessionId: z.number().int() }).nullable(),
    admittedAt: z.string().nullable(),
  })
  .openapi('SelectionApplicationFile');

export const EligibilityInputSchema = z
  .object({
    answers: z.array(z.object({ met: z.boolean(), note: text(1000).nullable().optional() }).strict()).max(30),
    note: text(2000).nullable().optional(),
  })
  .strict()
  .openapi('SelectionEligibilityInput');

export const ConflictInputSchema = z
  .object({ reason: text(2000).min(1) })
  .strict()
  .openapi('SelectionConflictInput');
export const ConflictListSchema = z.array(ConflictSchema).openapi('SelectionConflicts');

export const ScoresInputSchema = z
  .object({
    scores: z
      .array(
        z
          .object({
            criterionId: z.number().int().positive(),
            value: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'expected a mark such as "4" or "3.5"'),
            comment: text(2000).nullable().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(30),
  })
  .strict()
  .openapi('SelectionScoresInput');

export const MarksSchema = z.array(MarkSchema).openapi('SelectionMarks');

export const ProgressSchema = z
  .array(
    z.object({
      userId: z.number().int(),
      displayName: z.string(),
      role: z.string(),
      complete: z.number().int(),
      expected: z.number().int(),
      conflicts: z.number().int(),
    }),
  )
  .openapi('SelectionScoringProgress');

export const ResultsSchema = z
  .object({
    callId: z.number().int(),
    title: z.string(),
    threshold: z.string(),
    places: z.number().int(),
    disagreementSpread: z.string(),
    scoringClosedAt: z.string(),
    criteria: z.array(CriterionSchema),
    committee: z.array(z.object({ userId: z.number().int(), displayName: z.string(), role: z.string() })),
    rows: z.array(
      z.object({
        applicationId: z.number().int(),
        candidateName: z.string(),
        status: z.string(),
        decision: z.string().nullable(),
        members: z.array(z.object({ userId: z.number().int(), displayName: z.string(), score: z.string() })).nullable(),
        abstentions: z.array(z.number().int()),
        missing: z.array(z.number().int()),
        mean: z.string().nullable(),
        criteria: z.array(
          z.object({
            criterionId: z.number().int(),
            mean: z.string(),
            min: z.string(),
            max: z.string(),
            stddev: z.string(),
            disagreement: z.boolean(),
          }),
        ),
        disagreement: z.boolean(),
        rank: z.number().int().nullable(),
        tied: z.boolean(),
        aboveThreshold: z.boolean(),
        withinPlaces: z.boolean(),
        suggestion: decision.nullable(),
        hidden,
      }),
    ),
  })
  .openapi('SelectionResults');

const attendance = z.array(z.object({ userId: z.number().int().positive(), present: z.boolean() }).strict()).max(30);

export const SessionInputSchema = z
  .object({ heldOn: date, place: text(200).nullable().optional(), attendance })
  .strict()
  .openapi('SelectionSessionInput');

export const AttendanceInputSchema = z.object({ attendance }).strict().openapi('SelectionAttendanceInput');

export const DecisionInputSchema = z
  .object({
    applicationId: z.number().int().positive(),
    decision,
    reasons: text(4000).min(1),
    votes: z
      .object({
        for: z.number().int().min(0).max(100),
        against: z.number().int().min(0).max(100),
        abstain: z.number().int().min(0).max(100),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .openapi('SelectionDecisionInput');

export const SessionSchema = z
  .object({
    id: z.number().int(),
    callId: z.number().int(),
    heldOn: z.string(),
    place: z.string().nullable(),
    quorumRequired: z.number().int(),
    present: z.number().int(),
    quorumReached: z.boolean(),
    attendance: z.array(
      z.object({ userId: z.number().int(), displayName: z.string(), role: committeeRole, present: z.boolean() }),
    ),
    decisions: z.array(
      z.object({
        applicationId: z.number().int(),
        candidateName: z.string(),
        decision,
        reasons: z.string(),
        votes: z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int() }).nullable(),
        abstentions: z.array(z.object({ userId: z.number().int(), displayName: z.string() })),
        decidedAt: z.string(),
      }),
    ),
    minutesIssuedAt: z.string().nullable(),
    minutesSha256: z.string().nullable(),
    locked: z.boolean(),
  })
  .openapi('SelectionSession');

export const AdmissionSchema = z
  .object({ applicationId: z.number().int(), admittedAt: z.string(), member: MemberSchema, account: z.string().nullable() })
  .openapi('SelectionAdmission');

export const SponsorshipInputSchema = z
  .object({
    sponsorUserId: z.number().int().positive().nullable().optional(),
    sponsorMemberId: z.number().int().positive().nullable().optional(),
    plan: text(4000).nullable().optional(),
    meetings: z
      .array(z.object({ meetingOn: date, notes: text(4000).optional() }).strict())
      .max(50)
      .optional(),
  })
  .strict()
  .openapi('SelectionSponsorshipInput');

export const FollowUpInputSchema = z
  .object({ meetingOn: date, held: z.boolean().optional(), notes: text(4000).optional() })
  .strict()
  .openapi('SelectionFollowUpInput');

export const SponsorshipSchema = z
  .object({
    id: z.number().int(),
    applicationId: z.number().int(),
    memberId: z.number().int(),
    memberName: z.string(),
    memberCode: z.string().nullable(),
    sponsor: z.object({ kind: z.enum(['user', 'member']), id: z.number().int(), name: z.string() }),
    plan: z.string().nullable(),
    assignedAt: z.string(),
    meetings: z.array(z.object({ id: z.number().int(), meetingOn: z.string(), held: z.boolean(), notes: z.string() })),
  })
  .openapi('SelectionSponsorship');

export const PublicCallSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    eligibilityItems: z.array(z.string()),
    criteria: z.array(z.object({ label: z.string(), description: z.string().nullable(), weight: z.string() })),
    places: z.number().int(),
  })
  .openapi('PublicCall');

/** The public form: the candidate's identity (no rates, no bank details), the project, up to 3 files in base64. */
export const PublicApplicationSchema = z
  .object({
    candidate: MemberFieldsSchema.omit({ contributionRate: true, rightsShare: true, bankName: true, rib: true }).strict(),
    project: text(10000).min(1),
    needs,
    needsNote: text(2000).nullable().optional(),
    attachments: z
      .array(
        z
          .object({
            kind: z.enum(ATTACHMENT_KINDS),
            filename: text(200).min(1),
            content: z.base64().max(1_000_000).openapi({ description: 'The file, base64; PDF, PNG or JPEG' }),
          })
          .strict(),
      )
      .max(3)
      .optional(),
    website: z.string().max(200).optional().openapi({ description: 'Leave empty (a trap for robots)' }),
  })
  .strict()
  .openapi('PublicApplication');

export const PublicReceiptSchema = z
  .object({ id: z.number().int(), callId: z.number().int(), status: applicationStatus, submittedAt: z.string() })
  .openapi('PublicApplicationReceipt');
