// Invoicing over HTTP: drafts of quotes and invoices, issue (Idempotency-Key honoured), credit notes, the UBL file
// of an issued document, and customer payments. An entrepreneur reaches their member's documents only.
import {
  actorOf,
  answerQuote,
  convertQuote,
  createCreditNoteDraft,
  createSalesDraft,
  getSalesDocument,
  invoiceLateFines,
  issuedSnapshot,
  issueSalesDocument,
  listSalesDocuments,
  memberPosition,
  memberStatementCsv,
  memberStatementDocument,
  memberStatementPdf,
  overdueInvoices,
  payMember,
  previewSnapshot,
  recordPayment,
  renderDocumentPdf,
  sendQuote,
  submitSalesDocument,
  toUbl,
  updateSalesDraft,
  vatRatesOn,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { fileResponse } from '../http/files.ts';
import { createRouter } from '../http/router.ts';
import {
  AmountSchema,
  errorResponses,
  IdempotencyHeaderSchema,
  IdParamSchema,
  jsonBody,
  jsonResponse,
  pageOf,
} from '../http/schemas.ts';
import {
  DocumentQuerySchema,
  PaymentResultSchema,
  PaymentSchema,
  SalesDocumentSchema,
  SalesDocumentSummarySchema,
  SalesDraftChangesSchema,
  SalesDraftSchema,
  SalesLineSchema,
} from './schemas.ts';

const READERS = ['admin', 'manager', 'accountant', 'entrepreneur'] as const;
const WRITERS = ['admin', 'manager', 'entrepreneur'] as const;
const CASHIERS = ['admin', 'manager', 'accountant'] as const;
const tags = ['invoicing'];

const routes = {
  list: defineRoute({
    method: 'get',
    path: '/invoicing/documents',
    tags,
    summary: 'Quotes, invoices and credit notes, newest first',
    access: READERS,
    request: { query: DocumentQuerySchema },
    responses: {
      200: jsonResponse(pageOf(SalesDocumentSummarySchema), 'A page'),
      ...errorResponses,
    },
  }),
  create: defineRoute({
    method: 'post',
    path: '/invoicing/documents',
    tags,
    summary: 'Create a draft quote or invoice for a member',
    access: WRITERS,
    request: { body: jsonBody(SalesDraftSchema) },
    responses: { 201: jsonResponse(SalesDocumentSchema, 'The draft'), ...errorResponses },
  }),
  read: defineRoute({
    method: 'get',
    path: '/invoicing/documents/{id}',
    tags,
    summary: 'A document with its lines and totals',
    access: READERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(SalesDocumentSchema, 'The document'), ...errorResponses },
  }),
  update: defineRoute({
    method: 'put',
    path: '/invoicing/documents/{id}',
    tags,
    summary: 'Replace the content of a draft',
    access: WRITERS,
    request: { params: IdParamSchema, body: jsonBody(SalesDraftChangesSchema) },
    responses: { 200: jsonResponse(SalesDocumentSchema, 'The draft'), ...errorResponses },
  }),
  issue: defineRoute({
    method: 'post',
    path: '/invoicing/documents/{id}/issue',
    tags,
    summary: 'Issue an invoice or a credit note: number, frozen document, ledger entry',
    access: WRITERS,
    request: {
      params: IdParamSchema,
      headers: IdempotencyHeaderSchema,
      body: jsonBody(z.object({ issueDate: z.iso.date().optional() }).strict()),
    },
    responses: { 200: jsonResponse(SalesDocumentSchema, 'The issued document'), ...errorResponses },
  }),
  submit: defineRoute({
    method: 'post',
    path: '/invoicing/documents/{id}/submit',
    tags,
    summary: 'Submit a draft to the GIE for validation (when entrepreneurs do not issue themselves)',
    access: WRITERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(SalesDocumentSchema, 'The submitted document'), ...errorResponses },
  }),
  sendQuote: defineRoute({
    method: 'post',
    path: '/invoicing/documents/{id}/send',
    tags,
    summary: 'Send a draft quote: it gets its number and its lines are fixed',
    access: WRITERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(SalesDocumentSchema, 'The sent quote'), ...errorResponses },
  }),
  answerQuote: defineRoute({
    method: 'post',
    path: '/invoicing/documents/{id}/answer',
    tags,
    summary: "Record the customer's answer to a sent quote",
    access: WRITERS,
    request: { params: IdParamSchema, body: jsonBody(z.object({ answer: z.enum(['accepted', 'refused']) }).strict()) },
    responses: { 200: jsonResponse(SalesDocumentSchema, 'The quote'), ...errorResponses },
  }),
  convertQuote: defineRoute({
    method: 'post',
    path: '/invoicing/documents/{id}/convert',
    tags,
    summary: 'Turn an accepted quote into a draft invoice with the same lines',
    access: WRITERS,
    request: { params: IdParamSchema },
    responses: { 201: jsonResponse(SalesDocumentSchema, 'The draft invoice'), ...errorResponses },
  }),
  creditNote: defineRoute({
    method: 'post',
    path: '/invoicing/documents/{id}/credit-note',
    tags,
    summary: 'Draft a credit note for an issued invoice (all its lines, or the lines given)',
    access: WRITERS,
    request: {
      params: IdParamSchema,
      body: jsonBody(z.object({ lines: z.array(SalesLineSchema).min(1).max(500).optional() }).strict()),
    },
    responses: { 201: jsonResponse(SalesDocumentSchema, 'The draft credit note'), ...errorResponses },
  }),
  ubl: defineRoute({
    method: 'get',
    path: '/invoicing/documents/{id}/ubl',
    tags,
    summary: 'The UBL 2.1 XML of an issued invoice or credit note',
    access: READERS,
    request: { params: IdParamSchema },
    responses: {
      200: { description: 'UBL 2.1 Invoice or CreditNote', content: { 'application/xml': { schema: z.string() } } },
      ...errorResponses,
    },
  }),
  pdf: defineRoute({
    method: 'get',
    path: '/invoicing/documents/{id}/pdf',
    tags,
    summary:
      'The PDF of a document: an issued invoice or credit note as issued, a quote, or the marked preview of a draft (arabic=true adds Arabic labels)',
    access: READERS,
    request: { params: IdParamSchema, query: z.object({ arabic: z.enum(['true', 'false']).default('false') }).strict() },
    responses: {
      200: {
        description: 'A4 PDF; for an issued document the same bytes each time',
        content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses,
    },
  }),
  position: defineRoute({
    method: 'get',
    path: '/invoicing/members/{id}/position',
    tags,
    summary: "A member's position: invoiced, collected, contribution kept, share collected, paid out, owed, available",
    access: READERS,
    request: { params: IdParamSchema },
    responses: {
      200: jsonResponse(
        z
          .object({
            memberId: z.number().int(),
            invoicedHt: z.string(),
            invoicedTtc: z.string(),
            collected: z.string(),
            contribution: z.string(),
            collectedShare: z.string(),
            pooledCosts: z.string(),
            paidOut: z.string(),
            owedToMember: z.string(),
            availableForPayout: z.string(),
          })
          .openapi('MemberPosition'),
        'The position, reconciled with the member account',
      ),
      ...errorResponses,
    },
  }),
  statement: defineRoute({
    method: 'get',
    path: '/invoicing/members/{id}/statement',
    tags,
    summary: "A member's statement for a period: invoiced, collected, contribution, share, paid out, account balance",
    access: READERS,
    request: {
      params: IdParamSchema,
      query: z.object({ from: z.iso.date(), to: z.iso.date(), format: z.enum(['json', 'csv', 'pdf']).default('json') }).strict(),
    },
    responses: {
      200: {
        description: 'The statement as JSON, CSV or PDF',
        content: {
          'application/json': { schema: z.object({}).passthrough().openapi('MemberStatementDocument') },
          'text/csv': { schema: z.string() },
          'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...errorResponses,
    },
  }),
  payout: defineRoute({
    method: 'post',
    path: '/invoicing/payouts',
    tags,
    summary: 'Pay a member out of its collected share (never more than available)',
    access: ['admin', 'manager'] as const,
    request: {
      headers: IdempotencyHeaderSchema,
      body: jsonBody(
        z
          .object({
            memberId: z.number().int().positive(),
            paidOn: z.iso.date(),
            amount: AmountSchema,
            reference: z.string().trim().max(100).nullable().optional(),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(z.object({ id: z.number().int(), entryId: z.number().int(), amount: z.string() }), 'The payout'),
      ...errorResponses,
    },
  }),
  lateFines: defineRoute({
    method: 'get',
    path: '/invoicing/documents/{id}/late-fines',
    tags,
    summary: 'The law 69-21 late-payment fines of an invoice as of a date (payments received late, and what is unpaid)',
    access: READERS,
    request: { params: IdParamSchema, query: z.object({ asOf: z.iso.date().optional() }).strict() },
    responses: {
      200: jsonResponse(
        z
          .object({
            asOf: z.string(),
            total: z.string(),
            fines: z.array(
              z.object({
                amount: z.string(),
                dueDate: z.string(),
                paidOn: z.string(),
                months: z.number().int(),
                rate: z.string(),
                fine: z.string(),
              }),
            ),
          })
          .openapi('LateFines'),
        'The fines',
      ),
      ...errorResponses,
    },
  }),
  vatRates: defineRoute({
    method: 'get',
    path: '/invoicing/vat-rates',
    tags,
    summary: 'The VAT rates in force on a date (today by default), from the dated table',
    access: READERS,
    request: { query: z.object({ on: z.iso.date().optional() }).strict() },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(z.object({ code: z.string(), rate: z.string(), label: z.string() })) }),
        'Highest first',
      ),
      ...errorResponses,
    },
  }),
  overdue: defineRoute({
    method: 'get',
    path: '/invoicing/overdue',
    tags,
    summary: 'Unpaid invoices past their due date, by age (0-30, 31-60, 61-90, 90+ days)',
    access: READERS,
    request: { query: z.object({ asOf: z.iso.date().optional() }).strict() },
    responses: {
      200: jsonResponse(
        z
          .object({
            asOf: z.string(),
            total: z.string(),
            buckets: z.object({ '0-30': z.string(), '31-60': z.string(), '61-90': z.string(), '90+': z.string() }),
            items: z.array(
              z.object({
                id: z.number().int(),
                number: z.string(),
                memberId: z.number().int(),
                customerId: z.number().int(),
                customerName: z.string(),
                issueDate: z.string(),
                dueDate: z.string(),
                daysLate: z.number().int(),
                bucket: z.enum(['0-30', '31-60', '61-90', '90+']),
                totalTtc: z.string(),
                due: z.string(),
              }),
            ),
          })
          .openapi('OverdueInvoices'),
        'The ageing of receivables',
      ),
      ...errorResponses,
    },
  }),
  pay: defineRoute({
    method: 'post',
    path: '/invoicing/payments',
    tags,
    summary: 'Record a customer payment over one or several of its invoices',
    access: CASHIERS,
    request: { headers: IdempotencyHeaderSchema, body: jsonBody(PaymentSchema) },
    responses: { 201: jsonResponse(PaymentResultSchema, 'The payment with the VAT each part makes due'), ...errorResponses },
  }),
};

export const invoicingRoutes = createRouter()
  .openapi(routes.list, async (c) =>
    c.json(await listSalesDocuments(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('query')), 200),
  )
  .openapi(routes.create, async (c) =>
    c.json(await createSalesDraft(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('json')), 201),
  )
  .openapi(routes.read, async (c) =>
    c.json(await getSalesDocument(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.update, async (c) =>
    c.json(
      await updateSalesDraft(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  )
  .openapi(routes.issue, async (c) => {
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    const { issueDate } = c.req.valid('json');
    return c.json(
      await issueSalesDocument(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, {
        idempotencyKey: key,
        ...(issueDate ? { issueDate } : {}),
      }),
      200,
    );
  })
  .openapi(routes.submit, async (c) =>
    c.json(await submitSalesDocument(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.sendQuote, async (c) =>
    c.json(await sendQuote(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.answerQuote, async (c) =>
    c.json(
      await answerQuote(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, c.req.valid('json').answer),
      200,
    ),
  )
  .openapi(routes.convertQuote, async (c) =>
    c.json(await convertQuote(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 201),
  )
  .openapi(routes.creditNote, async (c) =>
    c.json(
      await createCreditNoteDraft(
        c.var.deps.db,
        actorOf(requireSession(c).user),
        c.req.valid('param').id,
        c.req.valid('json').lines,
      ),
      201,
    ),
  )
  .openapi(routes.ubl, async (c) => {
    const snapshot = await issuedSnapshot(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id);
    return c.body(toUbl(snapshot), 200, {
      'content-type': 'application/xml; charset=utf-8',
      'content-disposition': `attachment; filename="${snapshot.number}.xml"`,
    });
  })
  .openapi(routes.pdf, async (c) => {
    const { id } = c.req.valid('param');
    const snapshot = await previewSnapshot(c.var.deps.db, actorOf(requireSession(c).user), id);
    const bytes = await renderDocumentPdf(snapshot, { arabicLabels: c.req.valid('query').arabic === 'true' });
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${snapshot.preview ? `apercu-${id}` : snapshot.number}.pdf"`,
        'cache-control': snapshot.preview ? 'private, no-store' : 'private, no-cache',
      },
    });
  })
  .openapi(routes.position, async (c) =>
    c.json(await memberPosition(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.statement, async (c) => {
    const { format, ...range } = c.req.valid('query');
    const statement = await memberStatementDocument(
      c.var.deps.db,
      actorOf(requireSession(c).user),
      c.req.valid('param').id,
      range,
    );
    const name = `releve_${statement.member.code ?? statement.member.id}_${range.from}_${range.to}`;
    if (format === 'csv') return fileResponse(memberStatementCsv(statement), `${name}.csv`);
    if (format === 'pdf') {
      return new Response(new Uint8Array(await memberStatementPdf(statement)), {
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `inline; filename="${name}.pdf"`,
          'cache-control': 'no-store',
        },
      });
    }
    return c.json(statement, 200);
  })
  .openapi(routes.payout, async (c) => {
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    return c.json(
      await payMember(c.var.deps.db, actorOf(requireSession(c).user), { ...c.req.valid('json'), idempotencyKey: key }),
      201,
    );
  })
  .openapi(routes.lateFines, async (c) => {
    const { asOf } = c.req.valid('query');
    return c.json(await invoiceLateFines(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, asOf), 200);
  })
  .openapi(routes.vatRates, async (c) =>
    c.json({ items: await vatRatesOn(c.var.deps.db, c.req.valid('query').on ?? new Date().toISOString().slice(0, 10)) }, 200),
  )
  .openapi(routes.overdue, async (c) => {
    const { asOf } = c.req.valid('query');
    return c.json(await overdueInvoices(c.var.deps.db, actorOf(requireSession(c).user), asOf), 200);
  })
  .openapi(routes.pay, async (c) => {
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    return c.json(
      await recordPayment(c.var.deps.db, actorOf(requireSession(c).user), { ...c.req.valid('json'), idempotencyKey: key }),
      201,
    );
  });
