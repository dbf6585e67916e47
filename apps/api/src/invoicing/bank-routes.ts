// The payments register and bank reconciliation over HTTP: payments as the cashiers review them, bank statements
// imported from CSV (dry run, then apply), their lines with suggestions, and matching. Cashiers only.
import {
  actorOf,
  getBankStatement,
  getPaymentDetail,
  importBankStatement,
  listBankStatements,
  listOpenInvoices,
  listPayments,
  matchBankLine,
  recordPaymentFromBankLine,
  unmatchBankLine,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { handleImport, ImportQuerySchema, importRouteConfig } from '../http/imports.ts';
import { createRouter } from '../http/router.ts';
import { AmountSchema, errorResponses, IdParamSchema, jsonBody, jsonResponse, pageOf } from '../http/schemas.ts';
import { PaymentResultSchema } from './schemas.ts';

const CASHIERS = ['admin', 'manager', 'accountant'] as const;
const tags = ['invoicing'];

const amount = AmountSchema;
const signedAmount = z.string().regex(/^-?\d{1,13}(\.\d{1,2})?$/, 'expected an amount such as "-1250.00" (at most 2 decimals)');
const page = z.coerce.number().int().min(1).max(1_000_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(50);

const BankMatchSchema = z
  .object({
    lineId: z.number().int(),
    statementId: z.number().int(),
    statementName: z.string(),
    valueDate: z.string(),
    label: z.string(),
  })
  .nullable();

const PaymentRowSchema = z
  .object({
    id: z.number().int(),
    receivedOn: z.string(),
    customerId: z.number().int(),
    customerName: z.string(),
    method: z.enum(['transfer', 'cheque', 'cash', 'bill']),
    amount: z.string(),
    reference: z.string().nullable(),
    invoices: z.array(z.object({ documentId: z.number().int(), number: z.string(), amount: z.string() })),
    bank: BankMatchSchema,
  })
  .openapi('PaymentRegisterRow');

const PaymentQuerySchema = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    customerId: z.coerce.number().int().positive().optional(),
    method: z.enum(['transfer', 'cheque', 'cash', 'bill']).optional(),
    matched: z.enum(['true', 'false']).optional(),
    search: z.string().trim().max(100).optional(),
    page,
    pageSize,
  })
  .strict();

const SuggestionSchema = z.object({
  kind: z.enum(['payment', 'payout', 'invoice']),
  id: z.number().int(),
  date: z.string(),
  amount: z.string(),
  reference: z.string().nullable(),
  numbers: z.array(z.string()),
  partyId: z.number().int(),
  partyName: z.string(),
  days: z.number().int(),
  reasons: z.array(z.enum(['reference', 'number', 'name'])),
  score: z.number(),
});

const BankLineSchema = z.object({
  id: z.number().int(),
  lineNo: z.number().int(),
  valueDate: z.string(),
  label: z.string(),
  reference: z.string().nullable(),
  amount: z.string(),
  match: z
    .object({
      kind: z.enum(['payment', 'payout']),
      id: z.number().int(),
      date: z.string(),
      partyName: z.string(),
      numbers: z.array(z.string()),
      matchedAt: z.string(),
    })
    .nullable(),
  suggestions: z.array(SuggestionSchema),
  invoices: z.array(SuggestionSchema),
});

const StatementSummarySchema = z
  .object({
    id: z.number().int(),
    journal: z.string(),
    name: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    importedAt: z.string(),
    lines: z.number().int(),
    matchedLines: z.number().int(),
    total: z.string(),
  })
  .openapi('BankStatementSummary');

const StatementSchema = z
  .object({
    id: z.number().int(),
    journal: z.string(),
    name: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    importedAt: z.string(),
    lines: z.array(BankLineSchema),
    summary: z.object({
      lines: z.number().int(),
      credits: z.string(),
      debits: z.string(),
      total: z.string(),
      matchedLines: z.number().int(),
      matchedTotal: z.string(),
      unmatchedLines: z.number().int(),
      unmatchedTotal: z.string(),
      openingBalance: z.string().nullable(),
      closingBalance: z.string().nullable(),
      balanced: z.boolean().nullable(),
      unseen: z.array(
        z.object({
          kind: z.enum(['payment', 'payout']),
          id: z.number().int(),
          date: z.string(),
          amount: z.string(),
          reference: z.string().nullable(),
          partyName: z.string(),
        }),
      ),
      unseenTotal: z.string(),
    }),
  })
  .openapi('BankStatement');

const MatchResultSchema = z
  .object({
    lineId: z.number().int(),
    statementId: z.number().int(),
    paymentId: z.number().int().nullable(),
    payoutId: z.number().int().nullable(),
    matchedAt: z.string().nullable(),
  })
  .openapi('BankLineMatch');

const OpenInvoiceSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    customerId: z.number().int(),
    customerName: z.string(),
    issueDate: z.string(),
    dueDate: z.string().nullable(),
    totalTtc: z.string(),
    due: z.string(),
  })
  .openapi('OpenInvoice');

const importConfig = importRouteConfig('a bank statement', CASHIERS);

const routes = {
  payments: defineRoute({
    method: 'get',
    path: '/invoicing/payments',
    tags,
    summary: 'The register of customer payments: filters, invoices settled, bank match',
    access: CASHIERS,
    request: { query: PaymentQuerySchema },
    responses: {
      200: jsonResponse(
        pageOf(PaymentRowSchema).extend({ totalAmount: z.string() }),
        'A page, and the sum of all the payments selected',
      ),
      ...errorResponses,
    },
  }),
  payment: defineRoute({
    method: 'get',
    path: '/invoicing/payments/{id}',
    tags,
    summary: 'A customer payment with its invoices, VAT by part and bank match',
    access: CASHIERS,
    request: { params: IdParamSchema },
    responses: {
      200: jsonResponse(PaymentResultSchema.extend({ customerName: z.string(), bank: BankMatchSchema }), 'The payment'),
      ...errorResponses,
    },
  }),
  openInvoices: defineRoute({
    method: 'get',
    path: '/invoicing/open-invoices',
    tags,
    summary: 'Issued invoices that still owe something, with what they owe (a customer, or a search)',
    access: CASHIERS,
    request: {
      query: z
        .object({ customerId: z.coerce.number().int().positive().optional(), search: z.string().trim().max(100).optional() })
        .strict(),
    },
    responses: { 200: jsonResponse(z.object({ items: z.array(OpenInvoiceSchema) }), 'At most 200 invoices'), ...errorResponses },
  }),
  importStatement: defineRoute({
    ...importConfig,
    path: '/invoicing/bank-statements/import',
    tags,
    summary: 'Import a bank statement from a CSV file (dry run, then apply)',
    description: `${importConfig.description} Columns: date de valeur / value date (or date), libellé / label, référence / reference, montant / amount (+ in, − out) or débit / crédit; French decimal commas accepted. Query: journal (a bank journal, the first by default), name, openingBalance and closingBalance (checked against the lines).`,
    request: {
      ...importConfig.request,
      query: ImportQuerySchema.extend({
        journal: z.string().trim().max(8).optional(),
        name: z.string().trim().min(1).max(200).optional(),
        openingBalance: signedAmount.optional(),
        closingBalance: signedAmount.optional(),
      }).strict(),
    },
  }),
  statements: defineRoute({
    method: 'get',
    path: '/invoicing/bank-statements',
    tags,
    summary: 'Bank statements imported, newest period first, with how many lines are matched',
    access: CASHIERS,
    request: { query: z.object({ page, pageSize }).strict() },
    responses: { 200: jsonResponse(pageOf(StatementSummarySchema), 'A page'), ...errorResponses },
  }),
  statement: defineRoute({
    method: 'get',
    path: '/invoicing/bank-statements/{id}',
    tags,
    summary: 'A bank statement: its lines with their match or suggestions, and the reconciliation summary',
    access: CASHIERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(StatementSchema, 'The statement'), ...errorResponses },
  }),
  match: defineRoute({
    method: 'post',
    path: '/invoicing/bank-lines/{id}/match',
    tags,
    summary: 'Match a bank line with a payment (credit) or a payout (debit) of the same amount',
    access: CASHIERS,
    request: {
      params: IdParamSchema,
      body: jsonBody(
        z
          .object({ paymentId: z.number().int().positive().optional(), payoutId: z.number().int().positive().optional() })
          .strict()
          .refine((b) => (b.paymentId === undefined) !== (b.payoutId === undefined), {
            message: 'give either paymentId or payoutId',
            path: ['paymentId'],
          }),
      ),
    },
    responses: { 200: jsonResponse(MatchResultSchema, 'The match'), ...errorResponses },
  }),
  unmatch: defineRoute({
    method: 'post',
    path: '/invoicing/bank-lines/{id}/unmatch',
    tags,
    summary: 'Undo the match of a bank line (audited)',
    access: CASHIERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(MatchResultSchema, 'The line, unmatched'), ...errorResponses },
  }),
  recordPayment: defineRoute({
    method: 'post',
    path: '/invoicing/bank-lines/{id}/payment',
    tags,
    summary: 'Record the customer payment a credit line shows, over open invoices, and match the line with it',
    access: CASHIERS,
    request: {
      params: IdParamSchema,
      body: jsonBody(
        z
          .object({
            customerId: z.number().int().positive(),
            allocations: z
              .array(z.object({ documentId: z.number().int().positive(), amount }).strict())
              .min(1)
              .max(200),
          })
          .strict()
          .openapi('BankLinePaymentRequest'),
      ),
    },
    responses: {
      201: jsonResponse(z.object({ payment: PaymentResultSchema, match: MatchResultSchema }), 'The payment and the match'),
      ...errorResponses,
    },
  }),
};

export const bankRoutes = createRouter()
  .openapi(routes.payments, async (c) => {
    const { matched, ...query } = c.req.valid('query');
    return c.json(
      await listPayments(c.var.deps.db, actorOf(requireSession(c).user), {
        ...query,
        ...(matched ? { matched: matched === 'true' } : {}),
      }),
      200,
    );
  })
  .openapi(routes.payment, async (c) =>
    c.json(await getPaymentDetail(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.openInvoices, async (c) =>
    c.json({ items: await listOpenInvoices(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('query')) }, 200),
  )
  .openapi(routes.importStatement, async (c) => {
    const actor = actorOf(requireSession(c).user);
    const { mode, ...options } = c.req.valid('query');
    return handleImport(c, mode, (text, runMode, onProgress) =>
      importBankStatement(c.var.deps.db, actor, text, runMode, options, onProgress),
    );
  })
  .openapi(routes.statements, async (c) =>
    c.json(await listBankStatements(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('query')), 200),
  )
  .openapi(routes.statement, async (c) =>
    c.json(await getBankStatement(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.match, async (c) =>
    c.json(
      await matchBankLine(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  )
  .openapi(routes.unmatch, async (c) =>
    c.json(await unmatchBankLine(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id), 200),
  )
  .openapi(routes.recordPayment, async (c) =>
    c.json(
      await recordPaymentFromBankLine(
        c.var.deps.db,
        actorOf(requireSession(c).user),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      201,
    ),
  );
