// Liveness and what the server runs on: the engine and the version, checked against the database itself.
import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { defineRoute } from '../http/access.ts';
import { createRouter } from '../http/router.ts';
import { jsonResponse } from '../http/schemas.ts';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['pglite', 'postgres']),
    version: z.string(),
  })
  .openapi('Health');

const health = defineRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Server and database health',
  access: 'public',
  responses: { 200: jsonResponse(HealthSchema, 'The server answers and its database too') },
});

export const healthRoutes = createRouter().openapi(health, async (c) => {
  const { db, engine, version } = c.var.deps;
  await sql`select 1`.execute(db);
  return c.json({ status: 'ok' as const, database: engine, version }, 200);
});
