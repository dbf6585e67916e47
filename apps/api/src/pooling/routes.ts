// Pooled services over HTTP: the catalogue and its keys, usage (and its CSV import), quantities, cost pools with
// their drill-down, purchases, allocation runs (preview, draft, post with Idempotency-Key, reverse), charge notes
// and their PDF, the member's view and the year-end allocation. Entrepreneurs reach their own member's data only.
import {
  actorOf,
  addAdjustment,
  addKeyVersion,
  chargeNotePdf,
  costPoolDetail,
  createRun,
  createService,
  deleteDraftRun,
  getPurchase,
  getRun,
  getService,
  importUsage,
  listAdjustments,
  listChargeNotes,
  listCostPools,
  listKeyVersions,
  listMemberQuantities,
  listPurchases,
  listRuns,
  listServices,
  listUsage,
  memberPoolingView,
  postRun,
  postYearEnd,
  previewRun,
  recordPurchase,
  recordUsage,
  reverseRun,
  setMemberQuantity,
  updateService,
  yearEndPreview,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { defineRoute, requireSession } from '../http/access.ts';
import type { AppEnv } from '../http/env.ts';
import { handleImport, importRouteConfig } from '../http/imports.ts';
import { handleError } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdempotencyHeaderSchema, IdParamSchema, jsonBody, jsonResponse, pageOf } from '../http/schemas.ts';
import {
  AdjustmentInputSchema,
  AdjustmentSchema,
  ChargeNoteSchema,
  CostPoolDetailSchema,
  CostPoolSchema,
  KeyInputSchema,
  KeyVersionSchema,
  MemberViewSchema,
  PeriodQuerySchema,
  PurchaseInputSchema,
  PurchaseSchema,
  QuantityInputSchema,
  QuantitySchema,
  RunComputationSchema,
  RunInputSchema,
  RunSchema,
  RunSummarySchema,
  ServiceChangesSchema,
  ServiceInputSchema,
  ServiceSchema,
  SubscriptionsSchema,
  UsageInputSchema,
  UsageQuerySchema,
  UsageSchema,
  YearEndSchema,
} from './schemas.ts';

const MANAGERS = ['admin', 'manager'] as const;
const READERS = ['admin', 'manager', 'accountant'] as const;
const MEMBER_READERS = ['admin', 'manager', 'accountant', 'entrepreneur'] as const;
const tags = ['pooling'];

const progressNote =
  'Send Accept: application/x-ndjson to receive {"progress":{"done","total","phase":"computing"|"posting"}} lines, then {"result":...} or {"problem":...}.';

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

const routes = {
  listServices: defineRoute({
    method: 'get',
    path: '/pooling/services',
    tags,
    summary: 'The pooled services with their key in force and its history',
    access: READERS,
    request: { query: z.object({ active: z.enum(['true', 'false']).optional() }).strict() },
    responses: { 200: jsonResponse(items(ServiceSchema), 'The services, by code'), ...errorResponses },
  }),
  createService: defineRoute({
    method: 'post',
    path: '/pooling/services',
    tags,
    summary: 'Add a pooled service with its first key of allocation',
    access: MANAGERS,
    request: { body: jsonBody(ServiceInputSchema) },
    responses: { 201: jsonResponse(ServiceSchema, 'The service'), ...errorResponses },
  }),
  readService: defineRoute({
    method: 'get',
    path: '/pooling/services/{id}',
    tags,
    summary: 'A pooled service',
    access: READERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(ServiceSchema, 'The service'), ...errorResponses },
  }),
  updateService: defineRoute({
    method: 'patch',
    path: '/pooling/services/{id}',
    tags,
    summary: 'Change a pooled service (its analytic code never changes)',
    access: MANAGERS,
    request: { params: IdParamSchema, body: jsonBody(ServiceChangesSchema) },
    responses: { 200: jsonResponse(ServiceSchema, 'The service'), ...errorResponses },
  }),
  listKeys: defineRoute({
    method: 'get',
    path: '/pooling/services/{id}/keys',
    tags,
    summary: "A service's key versions, oldest first",
    access: READERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(items(KeyVersionSchema), 'The versions'), ...errorResponses },
  }),
  addKey: defineRoute({
    method: 'post',
    path: '/pooling/services/{id}/keys',
    tags,
    summary: 'Add a version of the key, valid from a date (earlier runs keep theirs)',
    access: MANAGERS,
    request: { params: IdParamSchema, body: jsonBody(KeyInputSchema) },
    responses: { 201: jsonResponse(KeyVersionSchema, 'The version'), ...errorResponses },
  }),
  subscriptions: defineRoute({
    method: 'put',
    path: '/pooling/services/{id}/subscriptions',
    tags,
    summary: 'Who takes part in a service: all admitted members, or a list',
    access: MANAGERS,
    request: { params: IdParamSchema, body: jsonBody(SubscriptionsSchema) },
    responses: { 200: jsonResponse(ServiceSchema, 'The service'), ...errorResponses },
  }),
  listQuantities: defineRoute({
    method: 'get',
    path: '/pooling/quantities',
    tags,
    summary: 'Dated per-member quantities (area in m², ...) that keys read',
    access: READERS,
    request: {
      query: z.object({ memberId: z.coerce.number().int().positive().optional(), name: z.string().max(31).optional() }).strict(),
    },
    responses: { 200: jsonResponse(items(QuantitySchema), 'The quantities'), ...errorResponses },
  }),
  setQuantity: defineRoute({
    method: 'post',
    path: '/pooling/quantities',
    tags,
    summary: "Record a member's quantity from a date",
    access: MANAGERS,
    request: { body: jsonBody(QuantityInputSchema) },
    responses: { 201: jsonResponse(QuantitySchema, 'The quantity'), ...errorResponses },
  }),
  listUsage: defineRoute({
    method: 'get',
    path: '/pooling/usage',
    tags,
    summary: "Usage records, newest first (an entrepreneur: their member's only)",
    access: MEMBER_READERS,
    request: { query: UsageQuerySchema },
    responses: { 200: jsonResponse(pageOf(UsageSchema), 'A page'), ...errorResponses },
  }),
  recordUsage: defineRoute({
    method: 'post',
    path: '/pooling/usage',
    tags,
    summary: 'Record what a member used of a service',
    access: MANAGERS,
    request: { body: jsonBody(UsageInputSchema) },
    responses: { 201: jsonResponse(UsageSchema, 'The record'), ...errorResponses },
  }),
  importUsage: defineRoute({
    ...importRouteConfig('usage records (service, membre, date, quantité, note)', MANAGERS),
    path: '/pooling/usage/import',
    tags,
  }),
  listAdjustments: defineRoute({
    method: 'get',
    path: '/pooling/adjustments',
    tags,
    summary: 'Manual adjustments of cost pools',
    access: READERS,
    request: {
      query: z
        .object({
          serviceId: z.coerce.number().int().positive().optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        })
        .strict(),
    },
    responses: { 200: jsonResponse(items(AdjustmentSchema), 'The adjustments'), ...errorResponses },
  }),
  addAdjustment: defineRoute({
    method: 'post',
    path: '/pooling/adjustments',
    tags,
    summary: "Adjust a service's cost pool (amount ±, with a reason)",
    access: MANAGERS,
    request: { body: jsonBody(AdjustmentInputSchema) },
    responses: { 201: jsonResponse(AdjustmentSchema, 'The adjustment'), ...errorResponses },
  }),
  listPurchases: defineRoute({
    method: 'get',
    path: '/pooling/purchases',
    tags,
    summary: 'Supplier bills of pooled services, newest first',
    access: READERS,
    request: { query: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).strict() },
    responses: { 200: jsonResponse(items(PurchaseSchema), 'The bills'), ...errorResponses },
  }),
  recordPurchase: defineRoute({
    method: 'post',
    path: '/pooling/purchases',
    tags,
    summary: 'Enter a supplier bill and post it (D 61xx with the service code, D recoverable VAT, C supplier)',
    access: MANAGERS,
    request: { body: jsonBody(PurchaseInputSchema) },
    responses: { 201: jsonResponse(PurchaseSchema, 'The bill and its entry'), ...errorResponses },
  }),
  readPurchase: defineRoute({
    method: 'get',
    path: '/pooling/purchases/{id}',
    tags,
    summary: 'A supplier bill with its lines',
    access: READERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(PurchaseSchema, 'The bill'), ...errorResponses },
  }),
  costPools: defineRoute({
    method: 'get',
    path: '/pooling/cost-pools',
    tags,
    summary: 'The cost pool of every service for a period: posted expenses with its code, plus adjustments',
    access: READERS,
    request: { query: PeriodQuerySchema },
    responses: { 200: jsonResponse(items(CostPoolSchema), 'The pools'), ...errorResponses },
  }),
  costPool: defineRoute({
    method: 'get',
    path: '/pooling/cost-pools/{id}',
    tags,
    summary: "A service's cost pool with its ledger lines and adjustments (id: the service)",
    access: READERS,
    request: { params: IdParamSchema, query: PeriodQuerySchema },
    responses: { 200: jsonResponse(CostPoolDetailSchema, 'The pool and what it is made of'), ...errorResponses },
  }),
  preview: defineRoute({
    method: 'post',
    path: '/pooling/runs/preview',
    tags,
    summary: 'Compute a run without saving it: per member and service, weight, exact share, amount, explanation',
    description: progressNote,
    access: READERS,
    request: { body: jsonBody(RunInputSchema) },
    responses: {
      200: jsonResponse(RunComputationSchema, 'The preview; `problems` names what cannot be allocated'),
      ...errorResponses,
    },
  }),
  listRuns: defineRoute({
    method: 'get',
    path: '/pooling/runs',
    tags,
    summary: 'Allocation runs, newest period first',
    access: READERS,
    request: { query: z.object({ status: z.enum(['draft', 'posted', 'reversed']).optional() }).strict() },
    responses: { 200: jsonResponse(items(RunSummarySchema), 'The runs'), ...errorResponses },
  }),
  createRun: defineRoute({
    method: 'post',
    path: '/pooling/runs',
    tags,
    summary: 'Compute a run and keep it as a draft',
    description: progressNote,
    access: MANAGERS,
    request: { body: jsonBody(RunInputSchema) },
    responses: { 201: jsonResponse(RunSchema, 'The draft run'), ...errorResponses },
  }),
  readRun: defineRoute({
    method: 'get',
    path: '/pooling/runs/{id}',
    tags,
    summary: 'An allocation run with its lines, totals and charge notes',
    access: READERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(RunSchema, 'The run'), ...errorResponses },
  }),
  deleteRun: defineRoute({
    method: 'delete',
    path: '/pooling/runs/{id}',
    tags,
    summary: 'Delete a draft run (a posted run is reversed, never deleted)',
    access: MANAGERS,
    request: { params: IdParamSchema },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  }),
  postRun: defineRoute({
    method: 'post',
    path: '/pooling/runs/{id}/post',
    tags,
    summary: 'Approve and post a draft run: one balanced entry, charge notes numbered',
    description: `Honours Idempotency-Key. The date defaults to the end of the period. ${progressNote}`,
    access: MANAGERS,
    request: {
      params: IdParamSchema,
      headers: IdempotencyHeaderSchema,
      body: jsonBody(z.object({ date: z.iso.date().optional() }).strict()),
    },
    responses: { 200: jsonResponse(RunSchema, 'The posted run'), ...errorResponses },
  }),
  reverseRun: defineRoute({
    method: 'post',
    path: '/pooling/runs/{id}/reverse',
    tags,
    summary: 'Reverse a posted run with the mirror entry, so that its period can be allocated again',
    access: MANAGERS,
    request: {
      params: IdParamSchema,
      headers: IdempotencyHeaderSchema,
      body: jsonBody(z.object({ date: z.iso.date(), reason: z.string().trim().min(1).max(500) }).strict()),
    },
    responses: { 200: jsonResponse(RunSchema, 'The reversed run'), ...errorResponses },
  }),
  chargeNotes: defineRoute({
    method: 'get',
    path: '/pooling/charge-notes',
    tags,
    summary: "Charge notes (notes de débit), newest first (an entrepreneur: their member's only)",
    access: MEMBER_READERS,
    request: {
      query: z
        .object({ memberId: z.coerce.number().int().positive().optional(), runId: z.coerce.number().int().positive().optional() })
        .strict(),
    },
    responses: { 200: jsonResponse(items(ChargeNoteSchema), 'The notes'), ...errorResponses },
  }),
  chargeNotePdf: defineRoute({
    method: 'get',
    path: '/pooling/charge-notes/{id}/pdf',
    tags,
    summary: 'The PDF of a charge note',
    access: MEMBER_READERS,
    request: { params: IdParamSchema },
    responses: {
      200: {
        description: 'A4 PDF, in French',
        content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses,
    },
  }),
  memberView: defineRoute({
    method: 'get',
    path: '/pooling/members/{id}/view',
    tags,
    summary: 'What a member pays for pooled services and why, over a period',
    access: MEMBER_READERS,
    request: { params: IdParamSchema, query: PeriodQuerySchema },
    responses: { 200: jsonResponse(MemberViewSchema, "The member's shares with their explanations"), ...errorResponses },
  }),
  yearEnd: defineRoute({
    method: 'get',
    path: '/pooling/year-end/{id}',
    tags,
    summary: "Preview the allocation of a fiscal year's result to the members (law 13-97 art. 37; id: the fiscal year)",
    access: READERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(YearEndSchema, 'The result and its split by rights'), ...errorResponses },
  }),
  postYearEnd: defineRoute({
    method: 'post',
    path: '/pooling/year-end/{id}',
    tags,
    summary: "Post the allocation of the year's result to the members (profit D 6186 / C 4464-xx, loss D 4464-xx / C 7186)",
    access: MANAGERS,
    request: {
      params: IdParamSchema,
      headers: IdempotencyHeaderSchema,
      body: jsonBody(z.object({ date: z.iso.date().optional() }).strict()),
    },
    responses: { 200: jsonResponse(YearEndSchema, 'The year after the allocation'), ...errorResponses },
  }),
};

type Progress = (done: number, total: number, phase: string) => void;

/** Answers JSON, or with Accept: application/x-ndjson progress lines then the result, for runs over many services. */
async function withProgress<T>(
  c: Context<AppEnv>,
  status: 200 | 201,
  work: (onProgress: Progress) => Promise<T>,
): Promise<Response> {
  if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) return c.json(await work(() => {}), status);
  c.header('content-type', 'application/x-ndjson; charset=utf-8');
  return stream(c, async (out) => {
    try {
      const result = await work((done, total, phase) => {
        void out.write(`${JSON.stringify({ progress: { done, total, phase } })}\n`);
      });
      await out.write(`${JSON.stringify({ result })}\n`);
    } catch (error) {
      const response = handleError(error, c);
      await out.write(`${JSON.stringify({ problem: await response.json() })}\n`);
    }
  });
}

const actor = (c: { var: AppEnv['Variables'] }) => actorOf(requireSession(c).user);

export const poolingRoutes = createRouter()
  .openapi(routes.listServices, async (c) => {
    const { active } = c.req.valid('query');
    const query = active === undefined ? {} : { active: active === 'true' };
    return c.json({ items: await listServices(c.var.deps.db, actor(c), query) }, 200);
  })
  .openapi(routes.createService, async (c) => c.json(await createService(c.var.deps.db, actor(c), c.req.valid('json')), 201))
  .openapi(routes.readService, async (c) => c.json(await getService(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.updateService, async (c) =>
    c.json(await updateService(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.listKeys, async (c) =>
    c.json({ items: await listKeyVersions(c.var.deps.db, actor(c), c.req.valid('param').id) }, 200),
  )
  .openapi(routes.addKey, async (c) =>
    c.json(await addKeyVersion(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(routes.subscriptions, async (c) =>
    c.json(await updateService(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.listQuantities, async (c) =>
    c.json({ items: await listMemberQuantities(c.var.deps.db, actor(c), c.req.valid('query')) }, 200),
  )
  .openapi(routes.setQuantity, async (c) => c.json(await setMemberQuantity(c.var.deps.db, actor(c), c.req.valid('json')), 201))
  .openapi(routes.listUsage, async (c) => c.json(await listUsage(c.var.deps.db, actor(c), c.req.valid('query')), 200))
  .openapi(routes.recordUsage, async (c) => c.json(await recordUsage(c.var.deps.db, actor(c), c.req.valid('json')), 201))
  .openapi(routes.importUsage, async (c) => {
    const who = actor(c);
    return handleImport(c, c.req.valid('query').mode, (text, mode, progress) =>
      importUsage(c.var.deps.db, who, text, mode, progress),
    );
  })
  .openapi(routes.listAdjustments, async (c) =>
    c.json({ items: await listAdjustments(c.var.deps.db, actor(c), c.req.valid('query')) }, 200),
  )
  .openapi(routes.addAdjustment, async (c) => c.json(await addAdjustment(c.var.deps.db, actor(c), c.req.valid('json')), 201))
  .openapi(routes.listPurchases, async (c) =>
    c.json({ items: await listPurchases(c.var.deps.db, actor(c), c.req.valid('query')) }, 200),
  )
  .openapi(routes.recordPurchase, async (c) => c.json(await recordPurchase(c.var.deps.db, actor(c), c.req.valid('json')), 201))
  .openapi(routes.readPurchase, async (c) => c.json(await getPurchase(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.costPools, async (c) =>
    c.json({ items: await listCostPools(c.var.deps.db, actor(c), c.req.valid('query')) }, 200),
  )
  .openapi(routes.costPool, async (c) =>
    c.json(await costPoolDetail(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(routes.preview, async (c) => {
    const who = actor(c);
    const input = c.req.valid('json');
    // the stream answers the same JSON as its last line: typed as the JSON answer
    return (await withProgress(c, 200, (progress) => previewRun(c.var.deps.db, who, input, progress))) as never;
  })
  .openapi(routes.listRuns, async (c) => c.json({ items: await listRuns(c.var.deps.db, actor(c), c.req.valid('query')) }, 200))
  .openapi(routes.createRun, async (c) => {
    const who = actor(c);
    const input = c.req.valid('json');
    return (await withProgress(c, 201, (progress) => createRun(c.var.deps.db, who, input, progress))) as never;
  })
  .openapi(routes.readRun, async (c) => c.json(await getRun(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.deleteRun, async (c) => {
    await deleteDraftRun(c.var.deps.db, actor(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(routes.postRun, async (c) => {
    const who = actor(c);
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    const { date } = c.req.valid('json');
    const id = c.req.valid('param').id;
    return (await withProgress(c, 200, (progress) =>
      postRun(c.var.deps.db, who, id, { date: date ?? null, idempotencyKey: key }, progress),
    )) as never;
  })
  .openapi(routes.reverseRun, async (c) => {
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    return c.json(
      await reverseRun(c.var.deps.db, actor(c), c.req.valid('param').id, { ...c.req.valid('json'), idempotencyKey: key }),
      200,
    );
  })
  .openapi(routes.chargeNotes, async (c) =>
    c.json({ items: await listChargeNotes(c.var.deps.db, actor(c), c.req.valid('query')) }, 200),
  )
  .openapi(routes.chargeNotePdf, async (c) => {
    const { note, bytes } = await chargeNotePdf(c.var.deps.db, actor(c), c.req.valid('param').id);
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${note.number}.pdf"`,
        'cache-control': 'private, no-cache',
      },
    });
  })
  .openapi(routes.memberView, async (c) =>
    c.json(await memberPoolingView(c.var.deps.db, actor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(routes.yearEnd, async (c) => c.json(await yearEndPreview(c.var.deps.db, actor(c), c.req.valid('param').id), 200))
  .openapi(routes.postYearEnd, async (c) => {
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    return c.json(
      await postYearEnd(c.var.deps.db, actor(c), c.req.valid('param').id, {
        date: c.req.valid('json').date ?? null,
        idempotencyKey: key,
      }),
      200,
    );
  });
