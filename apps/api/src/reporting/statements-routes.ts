// The legal and fiscal statements over HTTP, for the manager and the accountant: the VAT return worksheet, the
// payment-delay statement (law 69-21) and the bilan and CPC, each as JSON, CSV (format=csv) or PDF (format=pdf).
import {
  actorOf,
  financialStatements,
  financialStatementsCsv,
  financialStatementsPdf,
  paymentDelays,
  paymentDelaysCsv,
  paymentDelaysPdf,
  vatReturn,
  vatReturnCsv,
  vatReturnPdf,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { fileResponse } from '../http/files.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses } from '../http/schemas.ts';

const READERS = ['admin', 'manager', 'accountant'] as const;
const tags = ['reporting'];
const format = z.enum(['json', 'csv', 'pdf']).default('json');

const money = z.string();
const VatRateRowSchema = z.object({ vat: z.string(), rate: z.string(), base: money, amount: money, lines: z.number().int() });
const PeriodSchema = z.object({
  code: z.string(),
  kind: z.enum(['month', 'quarter']),
  from: z.string(),
  to: z.string(),
  labelFr: z.string(),
});
export const VatReturnSchema = z
  .object({
    period: PeriodSchema,
    collected: z.object({ byRate: z.array(VatRateRowSchema), base: money, total: money }),
    deductible: z.object({ byRate: z.array(VatRateRowSchema), base: money, total: money }),
    due: money,
    credit: money,
    lines: z.array(
      z.object({
        side: z.enum(['collected', 'deductible']),
        date: z.string(),
        paymentId: z.number().int(),
        reference: z.string().nullable(),
        documentId: z.number().int(),
        documentNumber: z.string(),
        party: z.string(),
        paid: money,
        vat: z.string(),
        rate: z.string(),
        base: money,
        amount: money,
      }),
    ),
  })
  .openapi('VatReturn');

const DelayLineSchema = z.object({
  side: z.enum(['customer', 'supplier']),
  documentId: z.number().int(),
  number: z.string(),
  party: z.string(),
  partyIce: z.string().nullable(),
  issueDate: z.string(),
  dueDate: z.string(),
  totalTtc: money,
  status: z.enum(['paid_late', 'unpaid']),
  paidOn: z.string(),
  amount: money,
  daysLate: z.number().int(),
  months: z.number().int(),
  rate: z.string(),
  fine: money,
});
const DelaySideSchema = z.object({ lines: z.array(DelayLineSchema), amount: money, fines: money });
export const PaymentDelaysSchema = z
  .object({ period: PeriodSchema, customer: DelaySideSchema, supplier: DelaySideSchema })
  .openapi('PaymentDelays');

const RowSchema = z.object({
  kind: z.enum(['mass', 'rubric', 'result', 'total']),
  key: z.string(),
  label: z.string(),
  current: money,
  previous: money.nullable(),
});
const Pair = z.object({ current: money, previous: money.nullable() });
export const FinancialStatementsSchema = z
  .object({
    year: z.object({ startsOn: z.string(), endsOn: z.string(), state: z.string() }),
    previousYear: z.object({ startsOn: z.string(), endsOn: z.string() }).nullable(),
    bilan: z.object({ actif: z.array(RowSchema), passif: z.array(RowSchema) }),
    cpc: z.array(RowSchema),
    totals: z.object({ actif: Pair, passif: Pair, result: Pair }),
    balanced: z.boolean(),
    unmapped: z.array(z.string()),
  })
  .openapi('FinancialStatements');

const fileContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: {
    'application/json': { schema },
    'text/csv': { schema: z.string() },
    'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
  },
});

const routes = {
  vat: defineRoute({
    method: 'get',
    path: '/reporting/vat-return',
    tags,
    summary: 'VAT return worksheet under VAT on receipts for a month (2026-03) or a quarter (2026-Q1), with its lines',
    access: READERS,
    request: { query: z.object({ period: z.string().min(1).max(10), format }).strict() },
    responses: { 200: fileContent(VatReturnSchema, 'The worksheet as JSON, CSV or PDF'), ...errorResponses },
  }),
  delays: defineRoute({
    method: 'get',
    path: '/reporting/payment-delays',
    tags,
    summary: 'Payment-delay statement of a quarter (law 69-21): customers and suppliers paid late or unpaid, fines',
    access: READERS,
    request: { query: z.object({ quarter: z.string().min(1).max(10), format }).strict() },
    responses: { 200: fileContent(PaymentDelaysSchema, 'The statement as JSON, CSV or PDF'), ...errorResponses },
  }),
  financial: defineRoute({
    method: 'get',
    path: '/reporting/financial-statements',
    tags,
    summary: 'Bilan and CPC of a fiscal year in the CGNC layout, with the previous year beside',
    access: READERS,
    request: { query: z.object({ year: z.string().min(1).max(10), format }).strict() },
    responses: { 200: fileContent(FinancialStatementsSchema, 'The statements as JSON, CSV or PDF'), ...errorResponses },
  }),
};

const pdfResponse = (bytes: Uint8Array, name: string) =>
  new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${name}.pdf"`,
      'cache-control': 'no-store',
    },
  });

export const statementRoutes = createRouter()
  .openapi(routes.vat, async (c) => {
    const { period, format: as } = c.req.valid('query');
    const db = c.var.deps.db;
    const ret = await vatReturn(db, actorOf(requireSession(c).user), period);
    const name = `tva_${ret.period.code}`;
    if (as === 'csv') return fileResponse(vatReturnCsv(ret), `${name}.csv`);
    if (as === 'pdf') return pdfResponse(await vatReturnPdf(db, ret), name);
    return c.json(ret, 200);
  })
  .openapi(routes.delays, async (c) => {
    const { quarter, format: as } = c.req.valid('query');
    const db = c.var.deps.db;
    const statement = await paymentDelays(db, actorOf(requireSession(c).user), quarter);
    const name = `delais-paiement_${statement.period.code}`;
    if (as === 'csv') return fileResponse(paymentDelaysCsv(statement), `${name}.csv`);
    if (as === 'pdf') return pdfResponse(await paymentDelaysPdf(db, statement), name);
    return c.json(statement, 200);
  })
  .openapi(routes.financial, async (c) => {
    const { year, format: as } = c.req.valid('query');
    const db = c.var.deps.db;
    const statements = await financialStatements(db, actorOf(requireSession(c).user), year);
    const name = `etats-de-synthese_${year}`;
    if (as === 'csv') return fileResponse(financialStatementsCsv(statements), `${name}.csv`);
    if (as === 'pdf') return pdfResponse(await financialStatementsPdf(db, statements), name);
    return c.json(statements, 200);
  });
