// The observatory over HTTP: its statistics for a period (JSON for the screen, CSV and XLSX with the same rows),
// open to the staff and the read-only observatory role; and the yearly activity report (JSON, PDF) for the staff.
import {
  activityReport,
  activityReportPdf,
  actorOf,
  observatoryCsv,
  observatoryStatistics,
  observatoryXlsx,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import type { AppEnv } from '../http/env.ts';
import { fileResponse } from '../http/files.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses } from '../http/schemas.ts';

const tags = ['reporting'];
const OBSERVATORY_READERS = ['admin', 'manager', 'accountant', 'observatory'] as const;
const STAFF = ['admin', 'manager', 'accountant'] as const;

const Amount = z.string().openapi({ example: '20485.00' });
const IndicatorsSchema = z.object({
  members: z.number().int(),
  people: z.number().int(),
  women: z.number().int(),
  youth: z.number().int(),
  jobs: z.number().int(),
  revenue: Amount,
  pooled: Amount,
  contribution: Amount,
  admissions: z.number().int(),
});
const RowSchema = z.object({
  code: z.string().nullable(),
  population: z.number().int().nullable(),
  figures: IndicatorsSchema.nullable(),
  suppressed: z.boolean(),
});
const NameSchema = z.object({ code: z.string(), fr: z.string(), ar: z.string(), en: z.string() });
const StatisticsSchema = z.object({
  filter: z.object({
    from: z.string(),
    to: z.string(),
    province: z.string().nullable(),
    sector: z.string().nullable(),
    area: z.enum(['rural', 'urban']).nullable(),
  }),
  restricted: z.boolean(),
  minimumGroup: z.number().int(),
  totals: RowSchema,
  byProvince: z.array(RowSchema),
  bySector: z.array(RowSchema),
  provinces: z.array(NameSchema),
  sectors: z.array(NameSchema),
});

const ObservatoryQuerySchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    province: z.string().trim().min(1).max(60).optional(),
    sector: z.string().trim().min(1).max(60).optional(),
    area: z.enum(['rural', 'urban']).optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .strict();

const ReportSchema = z.object({
  year: z.number().int(),
  from: z.string(),
  to: z.string(),
  gie: z.object({
    name: z.string(),
    legalForm: z.string(),
    ice: z.string().nullable(),
    rcNumber: z.string().nullable(),
    address: z.string().nullable(),
    city: z.string().nullable(),
  }),
  figures: IndicatorsSchema,
  revenueByMonth: z.array(z.object({ month: z.string(), revenue: Amount })),
  pooledByService: z.array(z.object({ code: z.string(), name: z.string(), amount: Amount })),
  members: z.array(
    z.object({ code: z.string().nullable(), name: z.string(), contribution: Amount, pooled: Amount, balance: Amount }),
  ),
  totals: z.object({ contribution: Amount, pooled: Amount, balance: Amount }),
});

const routes = {
  statistics: defineRoute({
    method: 'get',
    path: '/reporting/observatory',
    tags,
    summary: 'Observatory indicators for a period, in total, per province and per sector (JSON, CSV or XLSX)',
    description:
      'Filters: province, sector, area (rural/urban). For the observatory role a group of fewer than 3 members is ' +
      'hidden (suppressed: true, figures: null), and so is the next smallest group when only one would be.',
    access: OBSERVATORY_READERS,
    request: { query: ObservatoryQuerySchema },
    responses: {
      200: {
        description: 'The indicators; a CSV (format=csv) or an XLSX workbook (format=xlsx) with the same rows',
        content: {
          'application/json': { schema: StatisticsSchema },
          'text/csv': { schema: z.string() },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: z.string().openapi({ format: 'binary' }),
          },
        },
      },
      ...errorResponses,
    },
  }),
  activityReport: defineRoute({
    method: 'get',
    path: '/reporting/activity-report',
    tags,
    summary:
      "The yearly activity report for the general assembly: key figures, charts, each member's contribution against pooled services (JSON or PDF)",
    access: STAFF,
    request: {
      query: z
        .object({ year: z.coerce.number().int().min(2000).max(2100), format: z.enum(['json', 'pdf']).default('json') })
        .strict(),
    },
    responses: {
      200: {
        description: 'The report, or its A4 PDF in French (format=pdf)',
        content: {
          'application/json': { schema: ReportSchema },
          'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...errorResponses,
    },
  }),
};

const actor = (c: { var: AppEnv['Variables'] }) => actorOf(requireSession(c).user);

export const observatoryRoutes = createRouter()
  .openapi(routes.statistics, async (c) => {
    const { format, ...filter } = c.req.valid('query');
    const stats = await observatoryStatistics(c.var.deps.db, actor(c), filter);
    const name = `observatoire_${filter.from}_${filter.to}`;
    if (format === 'csv') return fileResponse(observatoryCsv(stats), `${name}.csv`) as never;
    if (format === 'xlsx') {
      return new Response(new Uint8Array(await observatoryXlsx(stats)), {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="${name}.xlsx"`,
          'cache-control': 'no-store',
        },
      }) as never;
    }
    return c.json(stats, 200);
  })
  .openapi(routes.activityReport, async (c) => {
    const { year, format } = c.req.valid('query');
    const report = await activityReport(c.var.deps.db, actor(c), year);
    if (format === 'pdf') {
      return new Response(new Uint8Array(await activityReportPdf(report)), {
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="rapport-activite-${year}.pdf"`,
          'cache-control': 'no-store',
        },
      }) as never;
    }
    return c.json(report, 200);
  });
