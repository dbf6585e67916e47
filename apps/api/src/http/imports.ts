// CSV import endpoints: the same contract for every registry. `?mode=dry-run` reports every problem and writes
// nothing; `?mode=apply` writes all rows in one transaction, or nothing if any row is wrong (422).
// With `Accept: application/x-ndjson` the answer streams progress lines before the result, for large files.
import type { ImportProblem, ImportProgress, ImportReport } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { Access } from './access.ts';
import type { AppEnv } from './env.ts';
import { handleError, ProblemError, problemBody } from './problem.ts';
import { errorResponses, jsonResponse } from './schemas.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const ImportQuerySchema = z.object({
  mode: z.enum(['dry-run', 'apply']).openapi({ param: { name: 'mode', in: 'query' }, example: 'dry-run' }),
});

export const ImportReportSchema = z
  .object({
    mode: z.enum(['dry-run', 'apply']),
    total: z.number().int(),
    valid: z.number().int(),
    created: z.number().int(),
    problems: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  })
  .openapi('ImportReport');

/** The route definition fields an import endpoint shares (spread into defineRoute with its path and access). */
export function importRouteConfig(entity: string, access: Access) {
  return {
    method: 'post' as const,
    summary: `Import ${entity} from a CSV file`,
    description:
      'Body: the CSV file (text/csv, UTF-8, comma or semicolon, French or English headers). ' +
      'dry-run reports every problem by row and column and writes nothing; apply writes every row in one ' +
      'transaction, or answers 422 with the problems and writes nothing. Send Accept: application/x-ndjson to ' +
      'receive {"progress":{"done","total","phase":"checking"|"writing"}} lines, then {"result":report} or {"problem":...}.',
    access,
    request: {
      query: ImportQuerySchema,
      body: { required: true, content: { 'text/csv': { schema: z.string() } } },
    },
    responses: {
      200: jsonResponse(ImportReportSchema, 'The report (dry run, or applied with no problem)'),
      422: { description: 'Apply refused: the file has problems; nothing was written' },
      ...errorResponses,
    },
  };
}

export type ImportRunner = (text: string, mode: 'dry-run' | 'apply', onProgress: ImportProgress) => Promise<ImportReport>;

function refusal(report: ImportReport): ProblemError {
  const errors = report.problems.slice(0, 1000).map((p: ImportProblem) => ({
    path: `row ${p.row}${p.column ? `, ${p.column}` : ''}`,
    location: 'body',
    message: p.message,
  }));
  return new ProblemError(422, `the file has ${report.problems.length} problem(s); nothing was imported`, errors);
}

/** Reads the CSV body and runs the import, answering JSON or a progress stream. */
export async function handleImport(c: Context<AppEnv>, mode: 'dry-run' | 'apply', run: ImportRunner): Promise<Response> {
  const type = c.req.header('content-type') ?? '';
  if (!/^text\/(csv|plain)/i.test(type)) {
    throw new ProblemError(415, `expected a CSV file (content-type text/csv), received ${type || 'no content type'}`, [
      { path: 'content-type', location: 'header', message: 'expected text/csv' },
    ]);
  }
  const text = await c.req.text();
  if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
    const report = await run(text, mode, () => {});
    if (mode === 'apply' && report.problems.length > 0) throw refusal(report);
    return c.json(report, 200);
  }
  c.header('content-type', 'application/x-ndjson; charset=utf-8');
  return stream(c, async (out) => {
    let last = 0;
    try {
      const report = await run(text, mode, (done, total, phase) => {
        const now = Date.now();
        if (now - last < 100 && done < total) return;
        last = now;
        void out.write(`${JSON.stringify({ progress: { done, total, phase } })}\n`);
      });
      if (mode === 'apply' && report.problems.length > 0) {
        const refused = refusal(report);
        await out.write(
          `${JSON.stringify({ problem: { ...problemBody(422, refused.message, refused.errors) }, result: report })}\n`,
        );
      } else {
        await out.write(`${JSON.stringify({ result: report })}\n`);
      }
    } catch (error) {
      const response = handleError(error, c);
      await out.write(`${JSON.stringify({ problem: await response.json() })}\n`);
    }
  });
}
