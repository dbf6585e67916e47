// "Send the PDF link" over HTTP: create, list and revoke the links of a document (the manager, or the member's own
// entrepreneur), and the public download of a link's PDF, which needs no session and answers one 404 for every
// token that does not open (unknown, expired, revoked), rate-limited per address like sign-in.
import { actorOf, listDocumentLinks, openDocumentLink, revokeDocumentLink, shareDocument } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { defineRoute, requireSession } from '../http/access.ts';
import { clientAddress } from '../http/client-address.ts';
import type { AppEnv } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdParamSchema, jsonBody, jsonResponse } from '../http/schemas.ts';

const READERS = ['admin', 'manager', 'accountant', 'entrepreneur'] as const;
const SENDERS = ['admin', 'manager', 'entrepreneur'] as const;
const tags = ['invoicing'];

const DocumentLinkSchema = z
  .object({
    id: z.number().int(),
    documentId: z.number().int(),
    recipientEmail: z.string().nullable(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.number().int().nullable(),
    openCount: z.number().int(),
    lastOpenedAt: z.string().nullable(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('DocumentLink');

const SharedDocumentSchema = z
  .object({
    link: DocumentLinkSchema,
    url: z.string().openapi({ description: 'The link to give the customer: shown once, only its hash is kept' }),
    subject: z.string(),
    body: z.string(),
    mailto: z.string().openapi({ description: 'A mailto: URL with the subject and body in French' }),
  })
  .openapi('SharedDocument');

const LinkParamsSchema = IdParamSchema.extend({
  linkId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: 'linkId', in: 'path' }, example: 1 }),
});

const routes = {
  create: defineRoute({
    method: 'post',
    path: '/invoicing/documents/{id}/links',
    tags,
    summary: 'Create a link to the PDF of an issued invoice or credit note, with a ready e-mail (mailto:)',
    access: SENDERS,
    request: {
      params: IdParamSchema,
      body: jsonBody(
        z
          .object({
            recipientEmail: z.email().max(254).nullable().optional(),
            expiresInDays: z.number().int().min(1).max(90).optional().openapi({ description: '30 by default' }),
          })
          .strict(),
      ),
    },
    responses: { 201: jsonResponse(SharedDocumentSchema, 'The link, its URL and its e-mail'), ...errorResponses },
  }),
  list: defineRoute({
    method: 'get',
    path: '/invoicing/documents/{id}/links',
    tags,
    summary: 'The links of a document, newest first, with their state and openings',
    access: READERS,
    request: { params: IdParamSchema },
    responses: { 200: jsonResponse(z.object({ items: z.array(DocumentLinkSchema) }), 'The links'), ...errorResponses },
  }),
  revoke: defineRoute({
    method: 'post',
    path: '/invoicing/documents/{id}/links/{linkId}/revoke',
    tags,
    summary: 'Revoke a link: it no longer opens the PDF',
    access: SENDERS,
    request: { params: LinkParamsSchema },
    responses: { 200: jsonResponse(DocumentLinkSchema, 'The revoked link'), ...errorResponses },
  }),
  open: defineRoute({
    method: 'get',
    path: '/public/documents/{token}.pdf',
    tags,
    summary: 'The PDF behind a document link, without signing in (404 once expired or revoked)',
    access: 'public',
    // Hono names the path parameter "token.pdf": the handler reads the token from the path itself
    parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } }],
    responses: {
      200: {
        description: 'The A4 PDF of the issued document',
        content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      404: errorResponses[404],
      429: errorResponses[429],
    },
  }),
};

/** Where the customer will reach this server: the origin the request came to. */
const originOf = (c: Context<AppEnv>): string => new URL(c.req.url).origin;

export const documentLinkRoutes = createRouter()
  .openapi(routes.create, async (c) =>
    c.json(
      await shareDocument(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id, {
        ...c.req.valid('json'),
        baseUrl: originOf(c),
      }),
      201,
    ),
  )
  .openapi(routes.list, async (c) =>
    c.json({ items: await listDocumentLinks(c.var.deps.db, actorOf(requireSession(c).user), c.req.valid('param').id) }, 200),
  )
  .openapi(routes.revoke, async (c) => {
    const { id, linkId } = c.req.valid('param');
    return c.json(await revokeDocumentLink(c.var.deps.db, actorOf(requireSession(c).user), id, linkId), 200);
  })
  .openapi(routes.open, async (c) => {
    const token = decodeURIComponent(c.req.path.slice(c.req.path.lastIndexOf('/') + 1)).replace(/\.pdf$/, '');
    const { number, pdf } = await openDocumentLink(c.var.deps.db, token, { ip: clientAddress(c) });
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${number}.pdf"`,
        'cache-control': 'private, no-store',
        'referrer-policy': 'no-referrer',
      },
    });
  });
