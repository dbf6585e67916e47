// The manager's side of validation over HTTP: a submitted draft is issued with the ordinary issue route, or sent
// back to its entrepreneur here with a reason (the document becomes a draft again; audited).
import { actorOf, returnSalesDocument } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdParamSchema, jsonBody, jsonResponse } from '../http/schemas.ts';
import { SalesDocumentSchema } from './schemas.ts';

const sendBack = defineRoute({
  method: 'post',
  path: '/invoicing/documents/{id}/return',
  tags: ['invoicing'],
  summary: 'Send a submitted document back to its entrepreneur as a draft, with the reason',
  access: ['admin', 'manager'] as const,
  request: {
    params: IdParamSchema,
    body: jsonBody(z.object({ reason: z.string().trim().min(1, 'say what should change').max(1000) }).strict()),
  },
  responses: { 200: jsonResponse(SalesDocumentSchema, 'The document, a draft again'), ...errorResponses },
});

export const validationRoutes = createRouter().openapi(sendBack, async (c) =>
  c.json(
    await returnSalesDocument(
      c.var.deps.db,
      actorOf(requireSession(c).user),
      c.req.valid('param').id,
      c.req.valid('json').reason,
    ),
    200,
  ),
);
