// The selection committee over HTTP. Staff (admin, manager): grids, calls, committee, applications, eligibility,
// admission, sponsorship. Committee users: their calls, the applications to score with the file, conflicts, marks,
// results after closing, deliberation and minutes; the core decides what each one may see. Public: open calls and
// the application form. Entrepreneurs and accountants: nothing.
import {
  actorOf,
  addAttachment,
  admitApplication,
  assignSponsor,
  callResults,
  candidateLetter,
  checkEligibility,
  closeScoring,
  committeeCandidates,
  createApplication,
  createCall,
  createGrid,
  declareConflict,
  getApplication,
  getAttachment,
  getCall,
  getGrid,
  getSession,
  getSponsorship,
  issueMinutes,
  listApplications,
  listCalls,
  listGrids,
  listOpenCalls,
  listSessions,
  listSponsorships,
  minutesPdf,
  openSession,
  recordDecision,
  recordFollowUp,
  scoreApplication,
  scoringProgress,
  setAttendance,
  setCommittee,
  submitPublicApplication,
  updateCall,
  updateGrid,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { clientAddress } from '../http/client-address.ts';
import type { AppEnv } from '../http/env.ts';
import { ProblemError } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdParamSchema, jsonBody, jsonResponse } from '../http/schemas.ts';
import {
  AdmissionSchema,
  ApplicationFileSchema,
  ApplicationInputSchema,
  ApplicationSummarySchema,
  AttachmentInfoSchema,
  AttendanceInputSchema,
  CallInputSchema,
  CallSchema,
  CommitteeInputSchema,
  ConflictInputSchema,
  ConflictListSchema,
  DecisionInputSchema,
  EligibilityInputSchema,
  FollowUpInputSchema,
  GridInputSchema,
  GridSchema,
  MarksSchema,
  ProgressSchema,
  PublicApplicationSchema,
  PublicCallSchema,
  PublicReceiptSchema,
  ResultsSchema,
  ScoresInputSchema,
  SessionInputSchema,
  SessionSchema,
  SponsorshipInputSchema,
  SponsorshipSchema,
} from './schemas.ts';

const STAFF = ['admin', 'manager'] as const;
/** Staff and committee users; the core narrows a committee user to the calls they sit on. */
const SELECTION = ['admin', 'manager', 'committee'] as const;
const tags = ['selection'];

const pathId = (name: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name, in: 'path' }, example: 1 });
const AttachmentParams = z.object({ id: pathId('id'), attachmentId: pathId('attachmentId') });
const MeetingParams = z.object({ id: pathId('id'), meetingId: pathId('meetingId') });

const pdfResponses = {
  200: { description: 'A4 PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
  ...errorResponses,
};

const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
const binary = z.string().openapi({ format: 'binary' });

function pdf(bytes: Uint8Array, filename: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'private, no-cache',
    },
  });
}

const routes = {
  listGrids: defineRoute({
    method: 'get',
    path: '/selection/grids',
    tags,
    summary: 'Criteria grids (templates)',
    access: STAFF,
    responses: { 200: jsonResponse(z.array(GridSchema), 'The grids'), ...errorResponses },
  }),
  createGrid: defineRoute({
    method: 'post',
    path: '/selection/grids',
    tags,
    summary: 'Create a criteria grid: weights add up to 100, each criterion has its scale',
    access: STAFF,
    request: { body: jsonBody(GridInputSchema) },
    responses: { 201: jsonResponse(GridSchema, 'The grid'), ...errorResponses },
  }),
  readGrid: defineRoute({
    method: 'get',
    path: '/selection/grids/{id}',
    tags,
    summary: 'A criteria grid',
    access: STAFF,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(GridSchema, 'The grid'), ...errorResponses },
  }),
  updateGrid: defineRoute({
    method: 'put',
    path: '/selection/grids/{id}',
    tags,
    summary: 'Replace a grid (refused once a call made from it has started scoring)',
    access: STAFF,
    request: { params: IdParamSchema, body: jsonBody(GridInputSchema) },
    responses: { 200: jsonResponse(GridSchema, 'The grid'), ...errorResponses },
  }),
  committeeUsers: defineRoute({
    method: 'get',
    path: '/selection/committee-users',
    tags,
    summary: 'Users who may sit on a committee or sponsor: active committee and manager users',
    access: STAFF,
    responses: {
      200: jsonResponse(
        z.array(
          z.object({
            userId: z.number().int(),
            displayName: z.string(),
            email: z.string(),
            role: z.enum(['committee', 'manager']),
          }),
        ),
        'The users',
      ),
      ...errorResponses,
    },
  }),
  listCalls: defineRoute({
    method: 'get',
    path: '/selection/calls',
    tags,
    summary: 'Calls for applications: all for the staff, the calls they sit on for committee users',
    access: SELECTION,
    responses: { 200: jsonResponse(z.array(CallSchema), 'The calls, newest first'), ...errorResponses },
  }),
  createCall: defineRoute({
    method: 'post',
    path: '/selection/calls',
    tags,
    summary: 'Create a call; it copies the criteria of its grid',
    access: STAFF,
    request: { body: jsonBody(CallInputSchema) },
    responses: { 201: jsonResponse(CallSchema, 'The call'), ...errorResponses },
  }),
  readCall: defineRoute({
    method: 'get',
    path: '/selection/calls/{id}',
    tags,
    summary: 'A call with its grid and committee',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(CallSchema, 'The call'), ...errorResponses },
  }),
  updateCall: defineRoute({
    method: 'put',
    path: '/selection/calls/{id}',
    tags,
    summary: 'Change a call (its grid until scoring starts; settled once scoring closes)',
    access: STAFF,
    request: { params: IdParamSchema, body: jsonBody(CallInputSchema) },
    responses: { 200: jsonResponse(CallSchema, 'The call'), ...errorResponses },
  }),
  setCommittee: defineRoute({
    method: 'put',
    path: '/selection/calls/{id}/committee',
    tags,
    summary: 'Seat the committee of a call: committee or manager users, exactly one president',
    access: STAFF,
    request: { params: IdParamSchema, body: jsonBody(CommitteeInputSchema) },
    responses: { 200: jsonResponse(CallSchema, 'The call'), ...errorResponses },
  }),
  listApplications: defineRoute({
    method: 'get',
    path: '/selection/calls/{id}/applications',
    tags,
    summary: 'Applications of a call (committee users: those found eligible), with my conflict and my marks count',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(z.array(ApplicationSummarySchema), 'The applications'), ...errorResponses },
  }),
  createApplication: defineRoute({
    method: 'post',
    path: '/selection/calls/{id}/applications',
    tags,
    summary: 'Enter an application: an existing candidate (memberId) or the candidate’s identity (created or reused by ICE)',
    access: STAFF,
    request: { params: IdParamSchema, body: jsonBody(ApplicationInputSchema) },
    responses: { 201: jsonResponse(ApplicationSummarySchema, 'The application'), ...errorResponses },
  }),
  progress: defineRoute({
    method: 'get',
    path: '/selection/calls/{id}/progress',
    tags,
    summary: 'Who has finished scoring (counts only, never marks)',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(ProgressSchema, 'Per committee member'), ...errorResponses },
  }),
  closeScoring: defineRoute({
    method: 'post',
    path: '/selection/calls/{id}/close-scoring',
    tags,
    summary: 'Close scoring (the president of the committee): marks become final and visible',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: {
      200: jsonResponse(z.object({ closedAt: z.string(), scored: z.number().int() }), 'Scoring closed'),
      ...errorResponses,
    },
  }),
  results: defineRoute({
    method: 'get',
    path: '/selection/calls/{id}/results',
    tags,
    summary: 'Results once scoring is closed: means, spreads, disagreement, ranking, threshold, places',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(ResultsSchema, 'The results'), ...errorResponses },
  }),
  listSessions: defineRoute({
    method: 'get',
    path: '/selection/calls/{id}/sessions',
    tags,
    summary: 'Deliberation sessions of a call',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(z.array(SessionSchema), 'The sessions'), ...errorResponses },
  }),
  openSession: defineRoute({
    method: 'post',
    path: '/selection/calls/{id}/sessions',
    tags,
    summary: 'Open a deliberation session with its attendance (the president or the rapporteur)',
    access: SELECTION,
    request: { params: IdParamSchema, body: jsonBody(SessionInputSchema) },
    responses: { 201: jsonResponse(SessionSchema, 'The session'), ...errorResponses },
  }),
  readApplication: defineRoute({
    method: 'get',
    path: '/selection/applications/{id}',
    tags,
    summary: 'An application’s file: candidate, project, attachments, grid, my marks, conflicts, others’ marks when allowed',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(ApplicationFileSchema, 'The file'), ...errorResponses },
  }),
  addAttachment: defineRoute({
    method: 'post',
    path: '/selection/applications/{id}/attachments',
    tags,
    summary: 'Attach a file (raw body: PDF, PNG or JPEG, checked by its content, at most 1 000 000 bytes)',
    access: STAFF,
    request: {
      params: IdParamSchema,
      query: z
        .object({
          kind: z.enum(['statutes', 'registration', 'accounts', 'other']),
          filename: z.string().trim().min(1).max(200),
        })
        .strict(),
      body: {
        required: true,
        content: Object.fromEntries(ATTACHMENT_TYPES.map((t) => [t, { schema: binary }])),
      },
    },
    responses: { 201: jsonResponse(AttachmentInfoSchema, 'The attachment'), ...errorResponses },
  }),
  readAttachment: defineRoute({
    method: 'get',
    path: '/selection/applications/{id}/attachments/{attachmentId}',
    tags,
    summary: 'The bytes of an attachment',
    access: SELECTION,
    request: { params: AttachmentParams },
    responses: {
      200: { description: 'The file', content: Object.fromEntries(ATTACHMENT_TYPES.map((t) => [t, { schema: binary }])) },
      ...errorResponses,
    },
  }),
  eligibility: defineRoute({
    method: 'post',
    path: '/selection/applications/{id}/eligibility',
    tags,
    summary: 'Record the eligibility check: one answer per checklist item; eligible when all are met',
    access: STAFF,
    request: { params: IdParamSchema, body: jsonBody(EligibilityInputSchema) },
    responses: { 200: jsonResponse(ApplicationSummarySchema, 'The application'), ...errorResponses },
  }),
  conflict: defineRoute({
    method: 'post',
    path: '/selection/applications/{id}/conflict',
    tags,
    summary: 'Declare a conflict of interest (a committee member): no scoring of it, no sight of the others’ marks',
    access: SELECTION,
    request: { params: IdParamSchema, body: jsonBody(ConflictInputSchema) },
    responses: { 201: jsonResponse(ConflictListSchema, 'The conflicts declared on the application'), ...errorResponses },
  }),
  score: defineRoute({
    method: 'put',
    path: '/selection/applications/{id}/scores',
    tags,
    summary: 'Mark criteria with comments (a committee member without conflict, until scoring closes)',
    access: SELECTION,
    request: { params: IdParamSchema, body: jsonBody(ScoresInputSchema) },
    responses: { 200: jsonResponse(MarksSchema, 'My marks on the application'), ...errorResponses },
  }),
  admit: defineRoute({
    method: 'post',
    path: '/selection/applications/{id}/admit',
    tags,
    summary: 'Admit the candidate the committee admitted (minutes issued): member code and 4464 account',
    access: STAFF,
    request: { params: IdParamSchema, body: jsonBody(z.object({ effectiveOn: z.iso.date().optional() }).strict()) },
    responses: { 200: jsonResponse(AdmissionSchema, 'The admitted member'), ...errorResponses },
  }),
  letter: defineRoute({
    method: 'get',
    path: '/selection/applications/{id}/letter',
    tags,
    summary: 'The letter (PDF) to a candidate on the waiting list, rejected, or found ineligible',
    access: STAFF,
    request: { params: IdParamSchema },
    responses: pdfResponses,
  }),
  sponsor: defineRoute({
    method: 'post',
    path: '/selection/applications/{id}/sponsorship',
    tags,
    summary: 'Assign the sponsor (parrain) of an admitted cooperative, with its follow-up plan',
    access: STAFF,
    request: { params: IdParamSchema, body: jsonBody(SponsorshipInputSchema) },
    responses: { 200: jsonResponse(SponsorshipSchema, 'The sponsorship'), ...errorResponses },
  }),
  readSession: defineRoute({
    method: 'get',
    path: '/selection/sessions/{id}',
    tags,
    summary: 'A deliberation session: attendance, quorum, decisions, minutes status',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(SessionSchema, 'The session'), ...errorResponses },
  }),
  attendance: defineRoute({
    method: 'put',
    path: '/selection/sessions/{id}/attendance',
    tags,
    summary: 'Correct the attendance of a session (until its minutes are issued)',
    access: SELECTION,
    request: { params: IdParamSchema, body: jsonBody(AttendanceInputSchema) },
    responses: { 200: jsonResponse(SessionSchema, 'The session'), ...errorResponses },
  }),
  decide: defineRoute({
    method: 'post',
    path: '/selection/sessions/{id}/decisions',
    tags,
    summary: 'Record a decision with its reasons and, if held, the vote (refused without quorum)',
    access: SELECTION,
    request: { params: IdParamSchema, body: jsonBody(DecisionInputSchema) },
    responses: { 200: jsonResponse(SessionSchema, 'The session'), ...errorResponses },
  }),
  issueMinutes: defineRoute({
    method: 'post',
    path: '/selection/sessions/{id}/minutes',
    tags,
    summary: 'Issue the minutes (PDF stored with the session), which locks the session',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(SessionSchema, 'The locked session'), ...errorResponses },
  }),
  readMinutes: defineRoute({
    method: 'get',
    path: '/selection/sessions/{id}/minutes',
    tags,
    summary: 'The minutes as issued (PDF)',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: pdfResponses,
  }),
  listSponsorships: defineRoute({
    method: 'get',
    path: '/selection/sponsorships',
    tags,
    summary: 'Sponsorships and their follow-up: all for the staff, their own for a committee user who sponsors',
    access: SELECTION,
    responses: { 200: jsonResponse(z.array(SponsorshipSchema), 'The sponsorships'), ...errorResponses },
  }),
  readSponsorship: defineRoute({
    method: 'get',
    path: '/selection/sponsorships/{id}',
    tags,
    summary: 'A sponsorship with its meetings',
    access: SELECTION,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(SponsorshipSchema, 'The sponsorship'), ...errorResponses },
  }),
  addMeeting: defineRoute({
    method: 'post',
    path: '/selection/sponsorships/{id}/meetings',
    tags,
    summary: 'Plan or record a follow-up meeting (the staff or the sponsor)',
    access: SELECTION,
    request: { params: IdParamSchema, body: jsonBody(FollowUpInputSchema) },
    responses: { 201: jsonResponse(SponsorshipSchema, 'The sponsorship'), ...errorResponses },
  }),
  updateMeeting: defineRoute({
    method: 'put',
    path: '/selection/sponsorships/{id}/meetings/{meetingId}',
    tags,
    summary: 'Change a follow-up meeting: its date, whether it was held, its notes',
    access: SELECTION,
    request: { params: MeetingParams, body: jsonBody(FollowUpInputSchema) },
    responses: { 200: jsonResponse(SponsorshipSchema, 'The sponsorship'), ...errorResponses },
  }),
  publicCalls: defineRoute({
    method: 'get',
    path: '/public/calls',
    tags,
    summary: 'Calls taking applications today (public)',
    access: 'public',
    responses: { 200: jsonResponse(z.array(PublicCallSchema), 'The open calls'), ...errorResponses },
  }),
  publicApply: defineRoute({
    method: 'post',
    path: '/public/calls/{id}/applications',
    tags,
    summary: 'Apply to an open call (public; limited per address; files in base64)',
    access: 'public',
    request: { params: IdParamSchema, body: jsonBody(PublicApplicationSchema) },
    responses: { 201: jsonResponse(PublicReceiptSchema, 'The application received'), ...errorResponses },
  }),
};

const actor = (c: { var: AppEnv['Variables'] }) => actorOf(requireSession(c).user);

export const selectionRoutes = createRouter()
  .openapi(routes.listGrids, async (c) => c.json(await listGrids(c.var.deps.db, actor(c)), 200))
  .openapi(routes.createGrid, async (c) => c.json(await createGrid(c.var.deps.db, actor(c), c.req.valid('json')), 201))
  .openapi(routes.readGrid, async (c) => c.json(await getGrid(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.updateGrid, async (c) =>
    c.json(await updateGrid(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.committeeUsers, async (c) => c.json(await committeeCandidates(c.var.deps.db, actor(c)), 200))
  .openapi(routes.listCalls, async (c) => c.json(await listCalls(c.var.deps.db, actor(c)), 200))
  .openapi(routes.createCall, async (c) => c.json(await createCall(c.var.deps.db, actor(c), c.req.valid('json')), 201))
  .openapi(routes.readCall, async (c) => c.json(await getCall(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.updateCall, async (c) =>
    c.json(await updateCall(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.setCommittee, async (c) =>
    c.json(await setCommittee(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json').members), 200),
  )
  .openapi(routes.listApplications, async (c) =>
    c.json(await listApplications(c.var.deps.db, actor(c), c.req.valid('param').id), 200),
  )
  .openapi(routes.createApplication, async (c) =>
    c.json(await createApplication(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(routes.progress, async (c) => c.json(await scoringProgress(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.closeScoring, async (c) => c.json(await closeScoring(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.results, async (c) => c.json(await callResults(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.listSessions, async (c) => c.json(await listSessions(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.openSession, async (c) =>
    c.json(await openSession(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(routes.readApplication, async (c) =>
    c.json(await getApplication(c.var.deps.db, actor(c), c.req.valid('param').id), 200),
  )
  .openapi(routes.addAttachment, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
      throw new ProblemError(415, `expected ${ATTACHMENT_TYPES.join(', ')}, received ${type || 'no content type'}`, [
        { path: 'content-type', location: 'header', message: `expected ${ATTACHMENT_TYPES.join(', ')}` },
      ]);
    }
    const { kind, filename } = c.req.valid('query');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await addAttachment(c.var.deps.db, actor(c), c.req.valid('param').id, { kind, filename, bytes }), 201);
  })
  .openapi(routes.readAttachment, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const file = await getAttachment(c.var.deps.db, actor(c), id, attachmentId);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'content-type': file.mediaType,
        'content-disposition': `inline; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
        'cache-control': 'private, no-cache',
        'x-content-type-options': 'nosniff',
      },
    });
  })
  .openapi(routes.eligibility, async (c) =>
    c.json(await checkEligibility(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.conflict, async (c) =>
    c.json(await declareConflict(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json').reason), 201),
  )
  .openapi(routes.score, async (c) =>
    c.json(await scoreApplication(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json').scores), 200),
  )
  .openapi(routes.admit, async (c) =>
    c.json(await admitApplication(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.letter, async (c) => {
    const letter = await candidateLetter(c.var.deps.db, actor(c), c.req.valid('param').id);
    return pdf(letter.bytes, letter.filename);
  })
  .openapi(routes.sponsor, async (c) =>
    c.json(await assignSponsor(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.readSession, async (c) => c.json(await getSession(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.attendance, async (c) =>
    c.json(await setAttendance(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json').attendance), 200),
  )
  .openapi(routes.decide, async (c) =>
    c.json(await recordDecision(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.issueMinutes, async (c) => c.json(await issueMinutes(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.readMinutes, async (c) => {
    const minutes = await minutesPdf(c.var.deps.db, actor(c), c.req.valid('param').id);
    return pdf(minutes.bytes, minutes.filename);
  })
  .openapi(routes.listSponsorships, async (c) => c.json(await listSponsorships(c.var.deps.db, actor(c)), 200))
  .openapi(routes.readSponsorship, async (c) =>
    c.json(await getSponsorship(c.var.deps.db, actor(c), c.req.valid('param').id), 200),
  )
  .openapi(routes.addMeeting, async (c) =>
    c.json(await recordFollowUp(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(routes.updateMeeting, async (c) => {
    const { id, meetingId } = c.req.valid('param');
    return c.json(await recordFollowUp(c.var.deps.db, actor(c), id, { ...c.req.valid('json'), meetingId }), 200);
  })
  .openapi(routes.publicCalls, async (c) => c.json(await listOpenCalls(c.var.deps.db), 200))
  .openapi(routes.publicApply, async (c) => {
    const { attachments, ...rest } = c.req.valid('json');
    const receipt = await submitPublicApplication(c.var.deps.db, {
      callId: c.req.valid('param').id,
      ip: clientAddress(c),
      input: {
        ...rest,
        attachments: (attachments ?? []).map((a) => ({
          kind: a.kind,
          filename: a.filename,
          bytes: new Uint8Array(Buffer.from(a.content, 'base64')),
        })),
      },
    });
    return c.json(receipt, 201);
  });
