// The ledger over HTTP, for the accountant and the manager: chart, journals, posting scheme, years and periods,
// entries (post, draft, reverse; Idempotency-Key honoured), reports as JSON or CSV, and the two exports.
import {
  accountingCsv,
  actorOf,
  analyticCsv,
  analyticResult,
  closeFiscalYear,
  createAccount,
  createJournal,
  deleteDraft,
  generalLedger,
  generalLedgerCsv,
  getEntry,
  getFiscalYear,
  hledgerJournal,
  journalCsv,
  journalListing,
  listAccounts,
  listEntries,
  listFiscalYears,
  listJournals,
  listPostingAccounts,
  openFiscalYear,
  post,
  postDraft,
  reverseEntry,
  setPeriodState,
  setPostingAccount,
  trialBalance,
  trialBalanceCsv,
  updateAccount,
  updateDraft,
  yearClosingChecklist,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { fileResponse } from '../http/files.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdempotencyHeaderSchema, IdParamSchema, jsonBody, jsonResponse, pageOf } from '../http/schemas.ts';
import {
  AccountSchema,
  AnalyticSchema,
  EntryQuerySchema,
  EntrySchema,
  EntrySummarySchema,
  FiscalYearSchema,
  GeneralLedgerSchema,
  JournalListingSchema,
  JournalSchema,
  PeriodSchema,
  PostingSchema,
  ReportQuerySchema,
  TrialBalanceSchema,
} from './schemas.ts';

const BOOKS = ['admin', 'manager', 'accountant'] as const;
const tags = ['ledger'];

const CodeParamSchema = z.object({
  code: z
    .string()
    .max(30)
    .openapi({ param: { name: 'code', in: 'path' } }),
});
const RoleParamSchema = z.object({
  role: z
    .string()
    .max(60)
    .openapi({ param: { name: 'role', in: 'path' } }),
});

const csvOrJson = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema }, 'text/csv': { schema: z.string() } },
});

const routes = {
  accounts: defineRoute({
    method: 'get',
    path: '/ledger/accounts',
    tags,
    summary: 'The chart of accounts with balances',
    access: BOOKS,
    request: {
      query: z
        .object({
          search: z.string().max(100).optional(),
          accountClass: z.coerce.number().int().min(1).max(8).optional(),
          includeInactive: z.enum(['true', 'false']).optional(),
        })
        .strict(),
    },
    responses: { 200: jsonResponse(z.object({ items: z.array(AccountSchema) }), 'Accounts by code'), ...errorResponses },
  }),
  createAccount: defineRoute({
    method: 'post',
    path: '/ledger/accounts',
    tags,
    summary: 'Add a sub-account',
    access: BOOKS,
    request: {
      body: jsonBody(z.object({ code: z.string().max(30), label: z.string().max(200), parentCode: z.string().max(30) }).strict()),
    },
    responses: { 201: jsonResponse(AccountSchema, 'The account'), ...errorResponses },
  }),
  updateAccount: defineRoute({
    method: 'patch',
    path: '/ledger/accounts/{code}',
    tags,
    summary: 'Rename or (de)activate an account (accounts are never deleted)',
    access: BOOKS,
    request: {
      params: CodeParamSchema,
      body: jsonBody(z.object({ label: z.string().max(200).optional(), active: z.boolean().optional() }).strict()),
    },
    responses: { 200: jsonResponse(AccountSchema, 'The account'), ...errorResponses },
  }),
  journals: defineRoute({
    method: 'get',
    path: '/ledger/journals',
    tags,
    summary: 'The journals',
    access: BOOKS,
    responses: { 200: jsonResponse(z.object({ items: z.array(JournalSchema) }), 'Journals by code'), ...errorResponses },
  }),
  createJournal: defineRoute({
    method: 'post',
    path: '/ledger/journals',
    tags,
    summary: 'Add a journal (e.g. a bank journal per bank account)',
    access: BOOKS,
    request: {
      body: jsonBody(
        z
          .object({
            code: z.string().max(8),
            label: z.string().trim().min(1).max(100),
            kind: z.enum(['sales', 'purchases', 'bank', 'cash', 'misc', 'opening']),
            accountCode: z.string().max(30).nullable().optional(),
          })
          .strict(),
      ),
    },
    responses: { 201: jsonResponse(JournalSchema, 'The journal'), ...errorResponses },
  }),
  postingAccounts: defineRoute({
    method: 'get',
    path: '/ledger/posting-accounts',
    tags,
    summary: 'The posting scheme: which account plays which role',
    access: BOOKS,
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(z.object({ role: z.string(), accountCode: z.string(), description: z.string() })) }),
        'Roles',
      ),
      ...errorResponses,
    },
  }),
  setPostingAccount: defineRoute({
    method: 'put',
    path: '/ledger/posting-accounts/{role}',
    tags,
    summary: 'Point a role of the posting scheme at another account',
    access: BOOKS,
    request: { params: RoleParamSchema, body: jsonBody(z.object({ accountCode: z.string().max(30) }).strict()) },
    responses: {
      200: jsonResponse(z.object({ role: z.string(), accountCode: z.string(), description: z.string() }), 'The role'),
      ...errorResponses,
    },
  }),
  years: defineRoute({
    method: 'get',
    path: '/ledger/fiscal-years',
    tags,
    summary: 'Fiscal years and their periods',
    access: BOOKS,
    responses: { 200: jsonResponse(z.object({ items: z.array(FiscalYearSchema) }), 'Oldest first'), ...errorResponses },
  }),
  openYear: defineRoute({
    method: 'post',
    path: '/ledger/fiscal-years',
    tags,
    summary: 'Open a fiscal year of twelve monthly periods',
    access: BOOKS,
    request: { body: jsonBody(z.object({ startsOn: z.iso.date() }).strict()) },
    responses: { 201: jsonResponse(FiscalYearSchema, 'The year'), ...errorResponses },
  }),
  checklist: defineRoute({
    method: 'get',
    path: '/ledger/fiscal-years/{id}/checklist',
    tags,
    summary: 'What stands in the way of closing the year',
    access: BOOKS,
    request: { params: IdParamSchema },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(z.object({ item: z.string(), ok: z.boolean(), detail: z.string() })) }),
        'The checklist',
      ),
      ...errorResponses,
    },
  }),
  closeYear: defineRoute({
    method: 'post',
    path: '/ledger/fiscal-years/{id}/close',
    tags,
    summary: 'Close the year: carry balances forward, close every period (final)',
    access: BOOKS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(FiscalYearSchema, 'The closed year'), ...errorResponses },
  }),
  periodState: defineRoute({
    method: 'post',
    path: '/ledger/periods/{id}/state',
    tags,
    summary: 'Lock, unlock (admin) or close (final) a period',
    access: BOOKS,
    request: { params: IdParamSchema, body: jsonBody(z.object({ state: z.enum(['open', 'locked', 'closed']) }).strict()) },
    responses: { 200: jsonResponse(PeriodSchema, 'The period'), ...errorResponses },
  }),
  entries: defineRoute({
    method: 'get',
    path: '/ledger/entries',
    tags,
    summary: 'Entries, newest first',
    access: BOOKS,
    request: { query: EntryQuerySchema },
    responses: {
      200: jsonResponse(pageOf(EntrySummarySchema), 'A page'),
      ...errorResponses,
    },
  }),
  postEntry: defineRoute({
    method: 'post',
    path: '/ledger/entries',
    tags,
    summary: 'Post an entry (or save a draft); send Idempotency-Key to make a retry safe',
    access: BOOKS,
    request: { headers: IdempotencyHeaderSchema, body: jsonBody(PostingSchema) },
    responses: { 201: jsonResponse(EntrySchema, 'The entry'), ...errorResponses },
  }),
  entry: defineRoute({
    method: 'get',
    path: '/ledger/entries/{id}',
    tags,
    summary: 'An entry with its lines',
    access: BOOKS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(EntrySchema, 'The entry'), ...errorResponses },
  }),
  updateDraft: defineRoute({
    method: 'put',
    path: '/ledger/entries/{id}',
    tags,
    summary: 'Replace a draft',
    access: BOOKS,
    request: { params: IdParamSchema, body: jsonBody(PostingSchema) },
    responses: { 200: jsonResponse(EntrySchema, 'The draft'), ...errorResponses },
  }),
  deleteDraft: defineRoute({
    method: 'delete',
    path: '/ledger/entries/{id}',
    tags,
    summary: 'Delete a draft (posted entries are reversed, never deleted)',
    access: BOOKS,
    request: { params: IdParamSchema },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  }),
  postDraft: defineRoute({
    method: 'post',
    path: '/ledger/entries/{id}/post',
    tags,
    summary: 'Post a draft',
    access: BOOKS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(EntrySchema, 'The posted entry'), ...errorResponses },
  }),
  reverse: defineRoute({
    method: 'post',
    path: '/ledger/entries/{id}/reverse',
    tags,
    summary: 'Reverse a posted entry with its mirror image',
    access: BOOKS,
    request: {
      params: IdParamSchema,
      headers: IdempotencyHeaderSchema,
      body: jsonBody(z.object({ date: z.iso.date(), label: z.string().trim().min(1).max(300).optional() }).strict()),
    },
    responses: { 201: jsonResponse(EntrySchema, 'The reversal'), ...errorResponses },
  }),
  trialBalance: defineRoute({
    method: 'get',
    path: '/ledger/reports/trial-balance',
    tags,
    summary: 'Balance générale: opening, movements, closing per account',
    access: BOOKS,
    request: { query: ReportQuerySchema },
    responses: { 200: csvOrJson(TrialBalanceSchema, 'The trial balance'), ...errorResponses },
  }),
  generalLedger: defineRoute({
    method: 'get',
    path: '/ledger/reports/general-ledger',
    tags,
    summary: 'Grand livre with running balances',
    access: BOOKS,
    request: { query: ReportQuerySchema },
    responses: { 200: csvOrJson(GeneralLedgerSchema, 'The general ledger'), ...errorResponses },
  }),
  journal: defineRoute({
    method: 'get',
    path: '/ledger/reports/journal',
    tags,
    summary: 'Journal listing',
    access: BOOKS,
    request: { query: ReportQuerySchema },
    responses: { 200: csvOrJson(JournalListingSchema, 'The entries with their lines'), ...errorResponses },
  }),
  analytic: defineRoute({
    method: 'get',
    path: '/ledger/reports/analytic',
    tags,
    summary: 'Analytic result per member or per pooled service',
    access: BOOKS,
    request: { query: ReportQuerySchema.extend({ by: z.enum(['member', 'service']).default('member') }) },
    responses: { 200: csvOrJson(AnalyticSchema, 'Products, charges and result'), ...errorResponses },
  }),
  exportCsv: defineRoute({
    method: 'get',
    path: '/ledger/exports/accounting',
    tags,
    summary: 'Accounting CSV: one line per entry line with analytic columns',
    access: BOOKS,
    request: { query: ReportQuerySchema.omit({ format: true }) },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
  }),
  exportHledger: defineRoute({
    method: 'get',
    path: '/ledger/exports/hledger',
    tags,
    summary: 'hledger journal of the posted entries',
    access: BOOKS,
    request: { query: ReportQuerySchema.omit({ format: true }) },
    responses: {
      200: { description: 'An hledger journal', content: { 'text/plain': { schema: z.string() } } },
      ...errorResponses,
    },
  }),
};

const filterOf = ({ format: _format, ...filter }: z.infer<typeof ReportQuerySchema>) => filter;
const stamp = (q: { from: string; to: string }) => `${q.from}_${q.to}`;

export const ledgerRoutes = createRouter()
  .openapi(routes.accounts, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      {
        items: await listAccounts(c.var.deps.db, {
          search: q.search,
          accountClass: q.accountClass,
          includeInactive: q.includeInactive === 'true',
        }),
      },
      200,
    );
  })
  .openapi(routes.createAccount, async (c) =>
    c.json(await createAccount(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('json')), 201),
  )
  .openapi(routes.updateAccount, async (c) =>
    c.json(
      await updateAccount(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').code, c.req.valid('json')),
      200,
    ),
  )
  .openapi(routes.journals, async (c) => c.json({ items: await listJournals(c.var.deps.db) }, 200))
  .openapi(routes.createJournal, async (c) =>
    c.json(await createJournal(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('json')), 201),
  )
  .openapi(routes.postingAccounts, async (c) => c.json({ items: await listPostingAccounts(c.var.deps.db) }, 200))
  .openapi(routes.setPostingAccount, async (c) =>
    c.json(
      await setPostingAccount(
        c.var.deps.db,
        actorOf(requireSession(c).user),
        c.req.valid('param').role,
        c.req.valid('json').accountCode,
      ),
      200,
    ),
  )
  .openapi(routes.years, async (c) => c.json({ items: await listFiscalYears(c.var.deps.db) }, 200))
  .openapi(routes.openYear, async (c) =>
    c.json(await openFiscalYear(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('json').startsOn), 201),
  )
  .openapi(routes.checklist, async (c) => {
    const { id } = c.req.valid('param');
    await getFiscalYear(c.var.deps.db, id);
    return c.json({ items: await yearClosingChecklist(c.var.deps.db, id) }, 200);
  })
  .openapi(routes.closeYear, async (c) =>
    c.json(await closeFiscalYear(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.periodState, async (c) =>
    c.json(
      await setPeriodState(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, c.req.valid('json').state),
      200,
    ),
  )
  .openapi(routes.entries, async (c) => c.json(await listEntries(c.var.deps.db, c.req.valid('query')), 200))
  .openapi(routes.postEntry, async (c) => {
    const { draft, ...posting } = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    return c.json(
      await post(c.var.deps.db, actorOf(requireSession(c).user), posting, { draft: draft ?? false, idempotencyKey: key }),
      201,
    );
  })
  .openapi(routes.entry, async (c) => c.json(await getEntry(c.var.deps.db, c.req.valid('param').id), 200))
  .openapi(routes.updateDraft, async (c) => {
    const { draft: _draft, ...posting } = c.req.valid('json');
    return c.json(await updateDraft(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, posting), 200);
  })
  .openapi(routes.deleteDraft, async (c) => {
    await deleteDraft(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(routes.postDraft, async (c) =>
    c.json(await postDraft(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.reverse, async (c) => {
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    return c.json(
      await reverseEntry(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, {
        ...c.req.valid('json'),
        idempotencyKey: key,
      }),
      201,
    );
  })
  .openapi(routes.trialBalance, async (c) => {
    const q = c.req.valid('query');
    const balance = await trialBalance(c.var.deps.db, filterOf(q));
    if (q.format === 'csv') return fileResponse(trialBalanceCsv(balance), `balance-generale_${stamp(q)}.csv`);
    return c.json({ rows: balance.rows, totals: balance.totals, source: balance.source }, 200);
  })
  .openapi(routes.generalLedger, async (c) => {
    const q = c.req.valid('query');
    const accounts = await generalLedger(c.var.deps.db, filterOf(q));
    if (q.format === 'csv') return fileResponse(generalLedgerCsv(accounts), `grand-livre_${stamp(q)}.csv`);
    return c.json({ accounts }, 200);
  })
  .openapi(routes.journal, async (c) => {
    const q = c.req.valid('query');
    const entries = await journalListing(c.var.deps.db, filterOf(q));
    if (q.format === 'csv') return fileResponse(journalCsv(entries), `journal_${q.journal ?? 'tous'}_${stamp(q)}.csv`);
    return c.json({ entries }, 200);
  })
  .openapi(routes.analytic, async (c) => {
    const { by, ...q } = c.req.valid('query');
    const rows = await analyticResult(c.var.deps.db, filterOf(q), by);
    if (q.format === 'csv') return fileResponse(analyticCsv(rows, by), `analytique-${by}_${stamp(q)}.csv`);
    return c.json({ rows }, 200);
  })
  .openapi(routes.exportCsv, async (c) => {
    const q = c.req.valid('query');
    return fileResponse(await accountingCsv(c.var.deps.db, q), `ecritures_${stamp(q)}.csv`);
  })
  .openapi(routes.exportHledger, async (c) => {
    const q = c.req.valid('query');
    return c.text(await hledgerJournal(c.var.deps.db, q), 200, {
      'content-disposition': `attachment; filename="gie-ecp_${stamp(q)}.journal"`,
      'cache-control': 'no-store',
    });
  });
