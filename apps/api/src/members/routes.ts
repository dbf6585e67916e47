// Members as the foundation knows them; an entrepreneur only ever sees their own.
import { actorOf, listMembersFor } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, jsonResponse } from '../http/schemas.ts';

const MemberSummarySchema = z
  .object({ id: z.number().int(), code: z.string(), legalName: z.string(), status: z.string() })
  .openapi('MemberSummary');

const list = defineRoute({
  method: 'get',
  path: '/members',
  tags: ['members'],
  summary: 'List the members the caller may see',
  description: 'GIE staff see every member; an entrepreneur sees only their own.',
  access: 'signed-in',
  responses: { 200: jsonResponse(z.object({ items: z.array(MemberSummarySchema) }), 'Members by code'), ...errorResponses },
});

export const memberRoutes = createRouter().openapi(list, async (c) => {
  const actor = actorOf(requireSession(c).user);
  return c.json({ items: await listMembersFor(c.var.deps.db, actor) }, 200);
});
