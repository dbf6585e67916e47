import { z } from '@hono/zod-openapi';
import { AmountSchema } from '../http/schemas.ts';

const amount = AmountSchema;

export const SalesLineSchema = z
  .object({
    description: z.string().trim().min(1).max(500),
    quantity: z.string().regex(/^\d{1,10}(\.\d{1,3})?$/, 'expected a quantity such as "2" or "1.5" (at most 3 decimals)'),
    unit: z.string().trim().max(30).nullable().optional(),
    unitPrice: amount,
    discountPercent: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'expected a percentage such as "5"')
      .optional(),
    vat: z.enum(['20', '14', '10', '7', '0', 'exempt']),
    exemptionBasis: z.string().trim().max(200).nullable().optional(),
    revenue: z.enum(['services', 'goods']).optional(),
  })
  .strict()
  .openapi('SalesLine');

export const SalesDraftSchema = z
  .object({
    kind: z.enum(['quote', 'invoice']),
    memberId: z.number().int().positive(),
    customerId: z.number().int().positive(),
    paymentDays: z.number().int().min(0).max(120).optional(),
    notes: z.string().trim().max(2000).nullable().optional(),
    lines: z.array(SalesLineSchema).min(1).max(500),
  })
  .strict()
  .openapi('SalesDraft');

export const SalesDraftChangesSchema = SalesDraftSchema.omit({ kind: true, memberId: true, customerId: true }).openapi(
  'SalesDraftChanges',
);

export const SalesDocumentSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['quote', 'invoice', 'credit_note']),
    status: z.enum(['draft', 'submitted', 'issued', 'sent', 'accepted', 'refused', 'converted']),
    number: z.string().nullable(),
    memberId: z.number().int(),
    customerId: z.number().int(),
    issueDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    paymentDays: z.number().int(),
    correctsId: z.number().int().nullable(),
    notes: z.string().nullable(),
    lines: z.array(
      z.object({
        description: z.string(),
        quantity: z.string(),
        unit: z.string().nullable(),
        unitPrice: z.string(),
        discountPercent: z.string(),
        vat: z.string(),
        exemptionBasis: z.string().nullable(),
        revenue: z.enum(['services', 'goods']),
        amount: z.string(),
      }),
    ),
    totals: z.object({
      ht: z.string(),
      vat: z.string(),
      ttc: z.string(),
      byRate: z.array(z.object({ vat: z.string(), rate: z.string(), base: z.string(), amount: z.string() })),
    }),
    contributionRate: z.string().nullable(),
    contribution: z.string().nullable(),
    memberShare: z.string().nullable(),
    entryId: z.number().int().nullable(),
    paid: z.string().nullable(),
    due: z.string().nullable(),
    settlement: z.enum(['unpaid', 'partly_paid', 'paid', 'credited']).nullable(),
    correctsNumber: z.string().nullable(),
    returnReason: z
      .string()
      .nullable()
      .openapi({ description: 'Why the manager sent the draft back, until it is submitted again' }),
    returnedAt: z.string().nullable(),
    createdAt: z.string(),
    issuedAt: z.string().nullable(),
  })
  .openapi('SalesDocument');

export const SalesDocumentSummarySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['quote', 'invoice', 'credit_note']),
    status: z.enum(['draft', 'submitted', 'issued', 'sent', 'accepted', 'refused', 'converted']),
    number: z.string().nullable(),
    memberId: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string(),
    issueDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    totalTtc: z.string(),
    settlement: z.enum(['unpaid', 'partly_paid', 'paid', 'credited']).nullable(),
  })
  .openapi('SalesDocumentSummary');

export const DocumentQuerySchema = z
  .object({
    kind: z.enum(['quote', 'invoice', 'credit_note']).optional(),
    status: z.enum(['draft', 'submitted', 'issued', 'sent', 'accepted', 'refused', 'converted']).optional(),
    memberId: z.coerce.number().int().positive().optional(),
    customerId: z.coerce.number().int().positive().optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const PaymentSchema = z
  .object({
    customerId: z.number().int().positive(),
    receivedOn: z.iso.date(),
    method: z.enum(['transfer', 'cheque', 'cash', 'bill']),
    amount,
    reference: z.string().trim().max(100).nullable().optional(),
    allocations: z
      .array(z.object({ documentId: z.number().int().positive(), amount }).strict())
      .min(1)
      .max(200),
  })
  .strict()
  .openapi('PaymentRequest');

export const PaymentResultSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    receivedOn: z.string(),
    method: z.enum(['transfer', 'cheque', 'cash', 'bill']),
    amount: z.string(),
    reference: z.string().nullable(),
    entryId: z.number().int(),
    allocations: z.array(
      z.object({
        documentId: z.number().int(),
        number: z.string(),
        amount: z.string(),
        vat: z.array(z.object({ vat: z.string(), amount: z.string() })),
      }),
    ),
  })
  .openapi('Payment');
