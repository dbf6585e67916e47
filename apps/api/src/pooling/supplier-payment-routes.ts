// Supplier payments over HTTP: the manager or the accountant records what was paid on supplier bills (posted
// D supplier / C bank or cash, Idempotency-Key honoured), and reads the payments of a bill.
import { actorOf, purchasePayments, recordSupplierPayment } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { createRouter } from '../http/router.ts';
import { AmountSchema, errorResponses, IdempotencyHeaderSchema, IdParamSchema, jsonBody, jsonResponse } from '../http/schemas.ts';

const CASHIERS = ['admin', 'manager', 'accountant'] as const;
const tags = ['pooling'];
const amount = AmountSchema;

const SupplierPaymentSchema = z
  .object({
    id: z.number().int(),
    supplierId: z.number().int(),
    paidOn: z.string(),
    method: z.enum(['transfer', 'cheque', 'cash', 'bill']),
    amount: z.string(),
    reference: z.string().nullable(),
    entryId: z.number().int(),
    allocations: z.array(
      z.object({
        purchaseId: z.number().int(),
        billNumber: z.string(),
        amount: z.string(),
        vat: z.array(z.object({ vat: z.string(), amount: z.string() })),
      }),
    ),
  })
  .openapi('SupplierPayment');

const record = defineRoute({
  method: 'post',
  path: '/pooling/supplier-payments',
  tags,
  summary: 'Record a payment to a supplier on its bills (never beyond what they owe); posted D 4411 / C 5141',
  access: CASHIERS,
  request: {
    headers: IdempotencyHeaderSchema,
    body: jsonBody(
      z
        .object({
          supplierId: z.number().int().positive(),
          paidOn: z.iso.date(),
          method: z.enum(['transfer', 'cheque', 'cash', 'bill']),
          amount,
          reference: z.string().trim().max(100).nullable().optional(),
          allocations: z
            .array(z.object({ purchaseId: z.number().int().positive(), amount }).strict())
            .min(1)
            .max(100),
        })
        .strict()
        .openapi('SupplierPaymentInput'),
    ),
  },
  responses: { 201: jsonResponse(SupplierPaymentSchema, 'The payment and the VAT it makes recoverable'), ...errorResponses },
});

const ofBill = defineRoute({
  method: 'get',
  path: '/pooling/purchases/{id}/payments',
  tags,
  summary: 'The payments made on a supplier bill, oldest first',
  access: CASHIERS,
  request: { params: IdParamSchema },
  responses: {
    200: jsonResponse(
      z.object({
        items: z.array(
          z.object({
            paymentId: z.number().int(),
            paidOn: z.string(),
            method: z.string(),
            reference: z.string().nullable(),
            entryId: z.number().int(),
            amount: z.string(),
          }),
        ),
      }),
      'The payments',
    ),
    ...errorResponses,
  },
});

export const supplierPaymentRoutes = createRouter()
  .openapi(record, async (c) => {
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    return c.json(
      await recordSupplierPayment(c.var.deps.db, actorOf(requireSession(c).user), {
        ...c.req.valid('json'),
        idempotencyKey: key,
      }),
      201,
    );
  })
  .openapi(ofBill, async (c) =>
    c.json({ items: await purchasePayments(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id) }, 200),
  );
