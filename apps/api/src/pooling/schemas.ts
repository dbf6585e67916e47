// The shapes of pooled services over HTTP: services and their keys, usage, quantities, adjustments, purchases,
// cost pools, allocation runs, charge notes, the member's view and the year-end allocation.
import { z } from '@hono/zod-openapi';
import { AmountSchema } from '../http/schemas.ts';

const amount = AmountSchema;
const signedAmount = z.string().regex(/^-?\d{1,13}(\.\d{1,2})?$/, 'expected an amount such as "1250.00" or "-300.00"');
const quantity = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'expected a quantity such as "12" or "3.5" (at most 3 decimals)');
const rate = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'expected a rate such as "20"');
const date = z.iso.date();
const id = z.number().int().positive();

export const UNITS = ['hours', 'km', 'm2', 'kg', 'days', 'units'] as const;
const basicKinds = ['equal', 'usage', 'revenue', 'headcount', 'fixed', 'quantity'] as const;

const basisFields = {
  quantity: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,30}$/, 'expected a quantity name such as "area"')
    .nullable()
    .optional()
    .openapi({ description: 'kind quantity: the per-member quantity it reads, e.g. "area"' }),
  headcount: z
    .enum(['people', 'jobs'])
    .nullable()
    .optional()
    .openapi({ description: "kind headcount: the member's people (default) or jobs" }),
  weights: z
    .array(
      z.object({ memberId: id, weight: z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'expected a weight such as "2.5"') }).strict(),
    )
    .max(2000)
    .nullable()
    .optional()
    .openapi({ description: 'kind fixed: the weight of each member (others weigh zero)' }),
};

export const KeyComponentSchema = z
  .object({
    kind: z.enum(basicKinds),
    share: z.string().regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'expected a fraction such as "0.4"'),
    ...basisFields,
  })
  .strict()
  .openapi('PoolingKeyComponent');

export const KeyInputSchema = z
  .object({
    kind: z.enum([...basicKinds, 'composite']),
    validFrom: date,
    ...basisFields,
    components: z.array(KeyComponentSchema).min(2).max(10).nullable().optional(),
    fallback: z.enum(['equal', 'usage', 'revenue', 'headcount']).nullable().optional(),
  })
  .strict()
  .openapi('PoolingKeyInput');

export const KeyVersionSchema = z
  .object({
    id: z.number().int(),
    serviceId: z.number().int(),
    validFrom: z.string(),
    kind: z.string(),
    label: z.string().openapi({ description: 'The key in words, e.g. "40% equal shares + 60% quantity area"' }),
    quantity: z.string().nullable().optional(),
    headcount: z.string().nullable().optional(),
    weights: z
      .array(z.object({ memberId: z.number().int(), weight: z.string() }))
      .nullable()
      .optional(),
    components: z
      .array(
        z.object({
          kind: z.string(),
          share: z.string(),
          quantity: z.string().nullable().optional(),
          headcount: z.string().nullable().optional(),
          weights: z
            .array(z.object({ memberId: z.number().int(), weight: z.string() }))
            .nullable()
            .optional(),
        }),
      )
      .nullable()
      .optional(),
    fallback: z.string().nullable().optional(),
    createdAt: z.string(),
  })
  .openapi('PoolingKeyVersion');

export const ServiceSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    unit: z.enum(UNITS),
    expenseAccounts: z.array(z.string()),
    reinvoiceVat: z.boolean(),
    vatRate: z.string().nullable(),
    subscription: z.enum(['all', 'list']),
    memberIds: z.array(z.number().int()),
    active: z.boolean(),
    currentKey: KeyVersionSchema.nullable(),
    keys: z.array(KeyVersionSchema),
  })
  .openapi('PooledService');

const serviceFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  unit: z.enum(UNITS),
  expenseAccounts: z.array(z.string().max(30)).max(20).optional(),
  reinvoiceVat: z.boolean().optional(),
  vatRate: rate.nullable().optional(),
  subscription: z.enum(['all', 'list']).optional(),
  memberIds: z.array(id).max(2000).optional(),
  active: z.boolean().optional(),
};

export const ServiceInputSchema = z
  .object({ code: z.string().max(20).openapi({ example: 'TRANSPORT' }), ...serviceFields, key: KeyInputSchema })
  .strict()
  .openapi('PooledServiceInput');

export const ServiceChangesSchema = z
  .object({ ...serviceFields, name: serviceFields.name.optional(), unit: serviceFields.unit.optional() })
  .strict()
  .openapi('PooledServiceChanges');

export const SubscriptionsSchema = z
  .object({ subscription: z.enum(['all', 'list']), memberIds: z.array(id).max(2000).optional() })
  .strict()
  .openapi('PoolingSubscriptions');

export const QuantitySchema = z
  .object({
    id: z.number().int(),
    memberId: z.number().int(),
    memberCode: z.string().nullable(),
    name: z.string(),
    validFrom: z.string(),
    quantity: z.string(),
  })
  .openapi('PoolingMemberQuantity');

export const QuantityInputSchema = z
  .object({ memberId: id, name: z.string().max(31), validFrom: date, quantity })
  .strict()
  .openapi('PoolingMemberQuantityInput');

export const UsageSchema = z
  .object({
    id: z.number().int(),
    serviceId: z.number().int(),
    serviceCode: z.string(),
    memberId: z.number().int(),
    memberCode: z.string().nullable(),
    usedOn: z.string(),
    quantity: z.string(),
    unit: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PoolingUsage');

export const UsageInputSchema = z
  .object({ serviceId: id, memberId: id, usedOn: date, quantity, note: z.string().trim().max(500).nullable().optional() })
  .strict()
  .openapi('PoolingUsageInput');

export const UsageQuerySchema = z
  .object({
    serviceId: z.coerce.number().int().positive().optional(),
    memberId: z.coerce.number().int().positive().optional(),
    from: date.optional(),
    to: date.optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const AdjustmentSchema = z
  .object({
    id: z.number().int(),
    serviceId: z.number().int(),
    appliesOn: z.string(),
    amount: z.string(),
    reason: z.string(),
    createdAt: z.string(),
  })
  .openapi('PoolingAdjustment');

export const AdjustmentInputSchema = z
  .object({
    serviceId: id,
    appliesOn: date.openapi({ description: 'The adjustment counts in the period that contains this date' }),
    amount: signedAmount,
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .openapi('PoolingAdjustmentInput');

export const PurchaseInputSchema = z
  .object({
    supplierId: id,
    billDate: date,
    billNumber: z.string().trim().min(1).max(60),
    dueDate: date.nullable().optional(),
    lines: z
      .array(
        z
          .object({
            description: z.string().trim().min(1).max(500),
            serviceId: id,
            expenseAccount: z.string().max(30).nullable().optional(),
            amountHt: amount,
            vatRate: rate,
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict()
  .openapi('PoolingPurchaseInput');

export const PurchaseSchema = z
  .object({
    id: z.number().int(),
    supplierId: z.number().int(),
    supplierName: z.string(),
    billDate: z.string(),
    billNumber: z.string(),
    dueDate: z.string(),
    totalHt: z.string(),
    totalVat: z.string(),
    totalTtc: z.string(),
    paid: z.string(),
    due: z.string(),
    entryId: z.number().int(),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        description: z.string(),
        serviceId: z.number().int(),
        serviceCode: z.string(),
        expenseAccount: z.string(),
        amountHt: z.string(),
        vatRate: z.string(),
        vat: z.string(),
      }),
    ),
  })
  .openapi('PoolingPurchase');

export const PeriodQuerySchema = z.object({ from: date, to: date }).strict();

export const CostPoolSchema = z
  .object({
    serviceId: z.number().int(),
    code: z.string(),
    name: z.string(),
    from: z.string(),
    to: z.string(),
    expenses: z.string(),
    adjustments: z.string(),
    total: z.string(),
  })
  .openapi('PoolingCostPool');

export const CostPoolDetailSchema = CostPoolSchema.extend({
  lines: z.array(
    z.object({
      entryId: z.number().int(),
      reference: z.string(),
      date: z.string(),
      label: z.string(),
      account: z.string(),
      accountLabel: z.string(),
      lineLabel: z.string().nullable(),
      amount: z.string(),
    }),
  ),
  adjustmentItems: z.array(AdjustmentSchema),
}).openapi('PoolingCostPoolDetail');

export const RunInputSchema = z
  .object({ from: date, to: date, serviceIds: z.array(id).max(200).nullable().optional() })
  .strict()
  .openapi('PoolingRunInput');

const fieldError = z.object({ path: z.string(), message: z.string() });

const RunLineSchema = z.object({
  memberId: z.number().int(),
  memberCode: z.string(),
  memberName: z.string(),
  weight: z.string(),
  totalWeight: z.string(),
  exact: z.string(),
  amount: z.string(),
  vat: z.string(),
  remainderCentimes: z.number().int(),
  explanation: z.string().openapi({ example: '36 000.00 × 1/7, +0.01 remainder' }),
});

export const RunComputationSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    previousPeriod: z.object({ from: z.string(), to: z.string() }),
    services: z.array(
      z.object({
        serviceId: z.number().int(),
        code: z.string(),
        name: z.string(),
        unit: z.string(),
        keyVersionId: z.number().int(),
        keyValidFrom: z.string(),
        keyLabel: z.string(),
        bases: z.array(
          z.object({ label: z.string(), share: z.string(), totalWeight: z.string(), fallbackFrom: z.string().nullable() }),
        ),
        pool: CostPoolSchema,
        vatRate: z.string().nullable(),
        lines: z.array(RunLineSchema),
        previousAmount: z.string(),
      }),
    ),
    skipped: z.array(z.object({ serviceId: z.number().int(), code: z.string(), reason: z.string() })),
    problems: z.array(fieldError),
    totals: z.object({
      byMember: z.array(
        z.object({
          memberId: z.number().int(),
          memberCode: z.string(),
          memberName: z.string(),
          amount: z.string(),
          vat: z.string(),
          total: z.string(),
          previous: z.string(),
        }),
      ),
      byService: z.array(
        z.object({
          serviceId: z.number().int(),
          code: z.string(),
          name: z.string(),
          cost: z.string(),
          allocated: z.string(),
          vat: z.string(),
          previous: z.string(),
        }),
      ),
      amount: z.string(),
      vat: z.string(),
      total: z.string(),
    }),
  })
  .openapi('PoolingRunPreview');

export const RunSchema = RunComputationSchema.extend({
  id: z.number().int(),
  status: z.enum(['draft', 'posted', 'reversed']),
  postingDate: z.string().nullable(),
  entryId: z.number().int().nullable(),
  entryReference: z.string().nullable(),
  reversalEntryId: z.number().int().nullable(),
  reversalReason: z.string().nullable(),
  chargeNotes: z.array(z.object({ id: z.number().int(), memberId: z.number().int(), number: z.string(), totalTtc: z.string() })),
  createdAt: z.string(),
  postedAt: z.string().nullable(),
  reversedAt: z.string().nullable(),
}).openapi('PoolingRun');

export const RunSummarySchema = z
  .object({
    id: z.number().int(),
    from: z.string(),
    to: z.string(),
    status: z.enum(['draft', 'posted', 'reversed']),
    services: z.array(z.string()),
    total: z.string(),
    entryId: z.number().int().nullable(),
    reversalEntryId: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .openapi('PoolingRunSummary');

export const ChargeNoteSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    runId: z.number().int(),
    memberId: z.number().int(),
    memberCode: z.string().nullable(),
    issueDate: z.string(),
    totalHt: z.string(),
    totalVat: z.string(),
    totalTtc: z.string(),
    cancelled: z.boolean(),
    snapshot: z.object({}).passthrough().openapi({ description: 'The note as posted: GIE, member, period, lines, totals' }),
  })
  .openapi('PoolingChargeNote');

export const MemberViewSchema = z
  .object({
    member: z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    lines: z.array(
      z.object({
        runId: z.number().int(),
        periodFrom: z.string(),
        periodTo: z.string(),
        serviceId: z.number().int(),
        serviceCode: z.string(),
        serviceName: z.string(),
        keyLabel: z.string(),
        cost: z.string(),
        weight: z.string(),
        totalWeight: z.string(),
        exact: z.string(),
        amount: z.string(),
        vat: z.string(),
        explanation: z.string(),
        chargeNote: z.object({ id: z.number().int(), number: z.string() }).nullable(),
      }),
    ),
    byService: z.array(z.object({ serviceCode: z.string(), serviceName: z.string(), amount: z.string(), vat: z.string() })),
    usage: z.array(z.object({ serviceCode: z.string(), serviceName: z.string(), unit: z.string(), quantity: z.string() })),
    totals: z.object({ amount: z.string(), vat: z.string(), total: z.string() }),
  })
  .openapi('PoolingMemberView');

export const YearEndSchema = z
  .object({
    fiscalYearId: z.number().int(),
    startsOn: z.string(),
    endsOn: z.string(),
    result: z.string(),
    kind: z.enum(['profit', 'loss', 'none']),
    totalRights: z.string(),
    lines: z.array(
      z.object({
        memberId: z.number().int(),
        memberCode: z.string(),
        memberName: z.string(),
        rightsShare: z.string(),
        exact: z.string(),
        amount: z.string(),
        explanation: z.string(),
      }),
    ),
    allocations: z.array(
      z.object({ id: z.number().int(), entryId: z.number().int(), result: z.string(), createdAt: z.string() }),
    ),
  })
  .openapi('PoolingYearEnd');
