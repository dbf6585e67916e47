import { z } from '@hono/zod-openapi';
import { AmountSchema } from '../http/schemas.ts';

const amount = AmountSchema;
const date = z.iso.date();

export const PostingLineSchema = z
  .object({
    account: z.string().trim().min(1).max(30),
    debit: amount.optional(),
    credit: amount.optional(),
    label: z.string().trim().max(300).nullable().optional(),
    memberId: z.number().int().positive().nullable().optional(),
    service: z.string().trim().max(40).nullable().optional(),
    partyId: z.number().int().positive().nullable().optional(),
  })
  .strict()
  .openapi('PostingLine');

export const PostingSchema = z
  .object({
    journal: z.string().trim().min(1).max(8),
    date,
    label: z.string().trim().min(1).max(300),
    sourceRef: z.string().trim().max(100).nullable().optional(),
    lines: z.array(PostingLineSchema).min(1).max(500),
    draft: z.boolean().optional(),
  })
  .strict()
  .openapi('Posting');

export const EntryLineSchema = z.object({
  lineNo: z.number().int(),
  account: z.string(),
  accountLabel: z.string(),
  label: z.string().nullable(),
  debit: z.string(),
  credit: z.string(),
  memberId: z.number().int().nullable(),
  service: z.string().nullable(),
  partyId: z.number().int().nullable(),
});

export const EntrySchema = z
  .object({
    id: z.number().int(),
    journal: z.string(),
    number: z.number().int().nullable(),
    reference: z.string(),
    date: z.string(),
    label: z.string(),
    sourceRef: z.string().nullable(),
    status: z.enum(['draft', 'posted']),
    reversesEntryId: z.number().int().nullable(),
    reversedByEntryId: z.number().int().nullable(),
    fiscalYearId: z.number().int(),
    periodId: z.number().int(),
    createdAt: z.string(),
    postedAt: z.string().nullable(),
    lines: z.array(EntryLineSchema),
    totals: z.object({ debit: z.string(), credit: z.string() }),
  })
  .openapi('Entry');

export const EntrySummarySchema = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    journal: z.string(),
    number: z.number().int().nullable(),
    date: z.string(),
    label: z.string(),
    sourceRef: z.string().nullable(),
    status: z.enum(['draft', 'posted']),
    reversesEntryId: z.number().int().nullable(),
    reversedByEntryId: z.number().int().nullable(),
    total: z.string(),
  })
  .openapi('EntrySummary');

export const EntryQuerySchema = z
  .object({
    from: date.optional(),
    to: date.optional(),
    journal: z.string().max(8).optional(),
    status: z.enum(['draft', 'posted']).optional(),
    search: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ReportQuerySchema = z
  .object({
    from: date,
    to: date,
    journal: z.string().max(8).optional(),
    accountFrom: z.string().max(30).optional(),
    accountTo: z.string().max(30).optional(),
    memberId: z.coerce.number().int().positive().optional(),
    service: z.string().max(40).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

export const AccountSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    parentCode: z.string().nullable(),
    accountClass: z.number().int(),
    memberId: z.number().int().nullable(),
    active: z.boolean(),
    balance: z.string(),
  })
  .openapi('Account');

export const JournalSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    kind: z.enum(['sales', 'purchases', 'bank', 'cash', 'misc', 'opening']),
    accountCode: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi('Journal');

export const PeriodSchema = z
  .object({
    id: z.number().int(),
    fiscalYearId: z.number().int(),
    startsOn: z.string(),
    endsOn: z.string(),
    state: z.enum(['open', 'locked', 'closed']),
    drafts: z.number().int(),
    posted: z.number().int(),
  })
  .openapi('Period');

export const FiscalYearSchema = z
  .object({
    id: z.number().int(),
    startsOn: z.string(),
    endsOn: z.string(),
    state: z.enum(['open', 'closed']),
    closedAt: z.string().nullable(),
    periods: z.array(PeriodSchema),
  })
  .openapi('FiscalYear');

export const TrialBalanceSchema = z
  .object({
    rows: z.array(
      z.object({
        account: z.string(),
        label: z.string(),
        opening: z.string(),
        debit: z.string(),
        credit: z.string(),
        closing: z.string(),
      }),
    ),
    totals: z.object({
      openingDebit: z.string(),
      openingCredit: z.string(),
      debit: z.string(),
      credit: z.string(),
      closingDebit: z.string(),
      closingCredit: z.string(),
    }),
    source: z.enum(['balances', 'lines']),
  })
  .openapi('TrialBalance');

export const LedgerLineSchema = z.object({
  entryId: z.number().int(),
  reference: z.string(),
  date: z.string(),
  journal: z.string(),
  account: z.string(),
  label: z.string(),
  debit: z.string(),
  credit: z.string(),
  balance: z.string(),
  memberId: z.number().int().nullable(),
  service: z.string().nullable(),
  partyId: z.number().int().nullable(),
});

export const GeneralLedgerSchema = z
  .object({
    accounts: z.array(
      z.object({
        account: z.string(),
        label: z.string(),
        opening: z.string(),
        closing: z.string(),
        lines: z.array(LedgerLineSchema),
      }),
    ),
  })
  .openapi('GeneralLedger');

export const JournalListingSchema = z
  .object({
    entries: z.array(
      z.object({
        entryId: z.number().int(),
        reference: z.string(),
        date: z.string(),
        label: z.string(),
        sourceRef: z.string().nullable(),
        reversesEntryId: z.number().int().nullable(),
        debit: z.string(),
        credit: z.string(),
        lines: z.array(
          z.object({
            account: z.string(),
            label: z.string(),
            debit: z.string(),
            credit: z.string(),
            memberId: z.number().int().nullable(),
            service: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('JournalListing');

export const AnalyticSchema = z
  .object({
    rows: z.array(
      z.object({
        memberId: z.number().int().nullable(),
        memberCode: z.string().nullable(),
        service: z.string().nullable(),
        products: z.string(),
        charges: z.string(),
        result: z.string(),
      }),
    ),
  })
  .openapi('AnalyticResult');

export const MemberStatementSchema = z
  .object({ account: z.string().nullable(), opening: z.string(), closing: z.string(), lines: z.array(LedgerLineSchema) })
  .openapi('MemberStatement');
