// The dashboards over HTTP: one GET per role's dashboard with every series it draws, for a fiscal year.
// Who sees which member is the core's rule (an entrepreneur reaches their own member only).
import { actorOf, committeeDashboard, gieDashboard, memberDashboard } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdParamSchema, jsonResponse } from '../http/schemas.ts';

const tags = ['reporting'];
const amount = z.string().openapi({ example: '10082.08' });

const YearQuerySchema = z
  .object({
    year: z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .openapi({ description: 'The fiscal year (the one that starts in it); the current one by default', example: 2026 }),
  })
  .strict();

const PeriodSchema = z
  .object({
    year: z.number().int(),
    from: z.string(),
    to: z.string(),
    asOf: z.string().openapi({ description: 'The day balances are read on: the end of the year, or today while it runs' }),
    months: z.array(z.string()).openapi({ description: 'Every month of the year, YYYY-MM' }),
  })
  .openapi('DashboardPeriod');

const MonthlyRevenueSchema = z.object({ month: z.string(), ht: amount, ttc: amount, collected: amount });

const AgeingSchema = z.object({
  asOf: z.string(),
  buckets: z.object({ '0-30': amount, '31-60': amount, '61-90': amount, '90+': amount }),
  total: amount,
});

const ServiceAmountSchema = z.object({ code: z.string(), name: z.string(), amount });

const GieDashboardSchema = z
  .object({
    period: PeriodSchema,
    revenue: z.array(MonthlyRevenueSchema),
    revenueByMember: z.object({
      members: z.array(z.object({ memberId: z.number().int(), code: z.string().nullable(), name: z.string() })),
      rows: z.array(z.object({ month: z.string(), amounts: z.array(amount) })),
    }),
    members: z.array(
      z.object({
        memberId: z.number().int(),
        code: z.string().nullable(),
        name: z.string(),
        ht: amount,
        ttc: amount,
        collected: amount,
        outstanding: amount,
      }),
    ),
    collection: z.object({ ttc: amount, collected: amount, outstanding: amount }),
    overdue: AgeingSchema,
    pooledCosts: z.object({
      services: z.array(ServiceAmountSchema),
      members: z.array(
        z.object({ memberId: z.number().int(), code: z.string().nullable(), byService: z.array(amount), total: amount }),
      ),
      total: amount,
    }),
    cash: z.object({
      asOf: z.string(),
      accounts: z.array(z.object({ account: z.string(), label: z.string(), balance: amount })),
      total: amount,
      byMonth: z.array(z.object({ month: z.string(), balance: amount })),
    }),
    membersByStatus: z.array(
      z.object({ status: z.enum(['candidate', 'admitted', 'active', 'suspended', 'withdrawn']), count: z.number().int() }),
    ),
  })
  .openapi('GieDashboard');

const MemberDashboardSchema = z
  .object({
    period: PeriodSchema,
    member: z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() }),
    revenue: z.array(MonthlyRevenueSchema),
    collection: z.object({ ht: amount, ttc: amount, collected: amount, outstanding: amount }),
    balance: z.object({ owedToMember: amount, availableForPayout: amount, collectedShare: amount, paidOut: amount }),
    pooledCosts: z.object({ services: z.array(ServiceAmountSchema), total: amount }),
    overdue: AgeingSchema.extend({
      customers: z.array(
        z.object({
          customerId: z.number().int(),
          name: z.string(),
          invoices: z.number().int(),
          due: amount,
          oldestDaysLate: z.number().int(),
        }),
      ),
    }),
  })
  .openapi('MemberDashboard');

const APPLICATION_STATUS = z.enum(['submitted', 'eligible', 'ineligible', 'scored', 'decided']);

const CommitteeDashboardSchema = z
  .object({
    period: PeriodSchema,
    callsInProgress: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        status: z.enum(['draft', 'open', 'closed']),
        opensOn: z.string(),
        closesOn: z.string(),
        applications: z.number().int(),
        decided: z.number().int(),
      }),
    ),
    applicationsByStatus: z.array(z.object({ status: APPLICATION_STATUS, count: z.number().int() })),
    decisions: z.object({ admitted: z.number().int(), waiting: z.number().int(), rejected: z.number().int() }),
    admissions: z.array(z.object({ month: z.string(), count: z.number().int() })),
  })
  .openapi('CommitteeDashboard');

const routes = {
  gie: defineRoute({
    method: 'get',
    path: '/reporting/dashboards/gie',
    tags,
    summary: "The GIE's dashboard: revenue per month and member, collection, overdue ageing, pooled costs, cash, members",
    access: ['admin', 'manager', 'accountant'] as const,
    request: { query: YearQuerySchema },
    responses: { 200: jsonResponse(GieDashboardSchema, "The year's figures"), ...errorResponses },
  }),
  member: defineRoute({
    method: 'get',
    path: '/reporting/dashboards/members/{id}',
    tags,
    summary: "A member's dashboard: its revenue and collections, its balance with the GIE, pooled costs, overdue customers",
    access: ['admin', 'manager', 'accountant', 'entrepreneur'] as const,
    request: { params: IdParamSchema, query: YearQuerySchema },
    responses: { 200: jsonResponse(MemberDashboardSchema, "The member's figures for the year"), ...errorResponses },
  }),
  committee: defineRoute({
    method: 'get',
    path: '/reporting/dashboards/committee',
    tags,
    summary: "The committee's dashboard: calls in progress, applications by status, admissions per month",
    access: ['admin', 'manager', 'committee'] as const,
    request: { query: YearQuerySchema },
    responses: {
      200: jsonResponse(CommitteeDashboardSchema, "The calls the reader may see, and the year's admissions"),
      ...errorResponses,
    },
  }),
};

export const dashboardRoutes = createRouter()
  .openapi(routes.gie, async (c) =>
    c.json(await gieDashboard(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('query')), 200),
  )
  .openapi(routes.member, async (c) =>
    c.json(
      await memberDashboard(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, c.req.valid('query')),
      200,
    ),
  )
  .openapi(routes.committee, async (c) =>
    c.json(await committeeDashboard(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('query')), 200),
  );
