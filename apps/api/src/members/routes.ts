// The member registry over HTTP: list and search, identity, lifecycle, entrepreneurs, logo and CSV import.
// Staff see every member; an entrepreneur reaches only their own, and another member's id answers 404.
import {
  actorOf,
  addEntrepreneur,
  changeMemberStatus,
  createMember,
  deactivateEntrepreneur,
  generalLedgerCsv,
  getMember,
  getMemberLogo,
  importMembers,
  listEntrepreneurs,
  listMembers,
  memberAccount,
  memberHistory,
  memberStatement,
  setMemberLogo,
  updateMember,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { fileResponse } from '../http/files.ts';
import { imageBody, imageResponse, imageResponses, readImage } from '../http/images.ts';
import { handleImport, importRouteConfig } from '../http/imports.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdParamSchema, jsonBody, jsonResponse, pageOf } from '../http/schemas.ts';
import { MemberStatementSchema } from '../ledger/schemas.ts';
import {
  EntrepreneurSchema,
  MemberChangesSchema,
  MemberListQuerySchema,
  MemberSchema,
  NewEntrepreneurSchema,
  NewMemberSchema,
  StatusChangeSchema,
  StatusHistorySchema,
} from './schemas.ts';

const STAFF = ['admin', 'manager'] as const;
/** Everyone but the observatory role, which sees aggregated statistics only, never a member. */
const MEMBER_READERS = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'] as const;
const tags = ['members'];

const EntrepreneurParamsSchema = IdParamSchema.extend({
  entrepreneurId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: 'entrepreneurId', in: 'path' } }),
});

const list = defineRoute({
  method: 'get',
  path: '/members',
  tags,
  summary: 'List members: search, filter, sort, paginate',
  description: 'GIE staff see every member; an entrepreneur sees only their own.',
  access: MEMBER_READERS,
  request: { query: MemberListQuerySchema },
  responses: {
    200: jsonResponse(pageOf(MemberSchema), 'A page of members'),
    ...errorResponses,
  },
});

const create = defineRoute({
  method: 'post',
  path: '/members',
  tags,
  summary: 'Register a candidate member',
  access: STAFF,
  request: { body: jsonBody(NewMemberSchema) },
  responses: { 201: jsonResponse(MemberSchema, 'The new candidate'), ...errorResponses },
});

const read = defineRoute({
  method: 'get',
  path: '/members/{id}',
  tags,
  summary: 'Read a member',
  access: MEMBER_READERS,
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(MemberSchema, 'The member'), ...errorResponses },
});

const update = defineRoute({
  method: 'patch',
  path: '/members/{id}',
  tags,
  summary: "Change a member's identity",
  access: STAFF,
  request: { params: IdParamSchema, body: jsonBody(MemberChangesSchema) },
  responses: { 200: jsonResponse(MemberSchema, 'The member as changed'), ...errorResponses },
});

const changeStatus = defineRoute({
  method: 'post',
  path: '/members/{id}/status',
  tags,
  summary: 'Move a member through its lifecycle',
  description:
    'candidate → admitted → active ⇄ suspended → withdrawn. Admission gives the analytic code. Suspension and withdrawal need a reason.',
  access: STAFF,
  request: { params: IdParamSchema, body: jsonBody(StatusChangeSchema) },
  responses: { 200: jsonResponse(MemberSchema, 'The member in its new status'), ...errorResponses },
});

const history = defineRoute({
  method: 'get',
  path: '/members/{id}/history',
  tags,
  summary: "A member's lifecycle history",
  access: MEMBER_READERS,
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(z.object({ items: z.array(StatusHistorySchema) }), 'Oldest first'), ...errorResponses },
});

const entrepreneurs = defineRoute({
  method: 'get',
  path: '/members/{id}/entrepreneurs',
  tags,
  summary: "A member's entrepreneurs",
  access: MEMBER_READERS,
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(z.object({ items: z.array(EntrepreneurSchema) }), 'By name'), ...errorResponses },
});

const addOne = defineRoute({
  method: 'post',
  path: '/members/{id}/entrepreneurs',
  tags,
  summary: 'Attach an entrepreneur to a member (with a sign-in when a password is given)',
  access: STAFF,
  request: { params: IdParamSchema, body: jsonBody(NewEntrepreneurSchema) },
  responses: { 201: jsonResponse(EntrepreneurSchema, 'The entrepreneur'), ...errorResponses },
});

const deactivate = defineRoute({
  method: 'post',
  path: '/members/{id}/entrepreneurs/{entrepreneurId}/deactivate',
  tags,
  summary: 'Deactivate an entrepreneur and their sign-in',
  access: STAFF,
  request: { params: EntrepreneurParamsSchema },
  responses: { 200: jsonResponse(EntrepreneurSchema, 'The entrepreneur, inactive'), ...errorResponses },
});

const readLogo = defineRoute({
  method: 'get',
  path: '/members/{id}/logo',
  tags,
  summary: "A member's logo",
  access: MEMBER_READERS,
  request: { params: IdParamSchema },
  responses: imageResponses,
});

const putLogo = defineRoute({
  method: 'put',
  path: '/members/{id}/logo',
  tags,
  summary: "Set a member's logo (PNG or JPEG, at most 512 KiB)",
  access: STAFF,
  request: { params: IdParamSchema, body: imageBody },
  responses: { 204: { description: 'Stored' }, ...errorResponses },
});

const deleteLogo = defineRoute({
  method: 'delete',
  path: '/members/{id}/logo',
  tags,
  summary: "Remove a member's logo",
  access: STAFF,
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Removed' }, ...errorResponses },
});

const account = defineRoute({
  method: 'get',
  path: '/members/{id}/account',
  tags,
  summary: "The member's own account (4464-xx) and what the GIE owes it",
  access: MEMBER_READERS,
  request: { params: IdParamSchema },
  responses: {
    200: jsonResponse(z.object({ code: z.string().nullable(), owedToMember: z.string() }), 'Credit positive: owed to the member'),
    ...errorResponses,
  },
});

const statement = defineRoute({
  method: 'get',
  path: '/members/{id}/statement',
  tags,
  summary: "The member's account statement with running balance",
  access: MEMBER_READERS,
  request: {
    params: IdParamSchema,
    query: z.object({ from: z.iso.date(), to: z.iso.date(), format: z.enum(['json', 'csv']).default('json') }).strict(),
  },
  responses: {
    200: {
      description: 'Opening, lines with running balance (credit positive), closing',
      content: { 'application/json': { schema: MemberStatementSchema }, 'text/csv': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

const importCsv = defineRoute({ ...importRouteConfig('members', STAFF), path: '/members/import', tags });

export const memberRoutes = createRouter()
  .openapi(list, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await listMembers(c.var.deps.db, actor, c.req.valid('query')), 200);
  })
  .openapi(importCsv, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return handleImport(c, c.req.valid('query').mode, (text, mode, progress) =>
      importMembers(c.var.deps.db, actor, text, mode, progress),
    );
  })
  .openapi(create, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await createMember(c.var.deps.db, actor, c.req.valid('json')), 201);
  })
  .openapi(read, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await getMember(c.var.deps.db, actor, c.req.valid('param').id), 200);
  })
  .openapi(update, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await updateMember(c.var.deps.db, actor, c.req.valid('param').id, c.req.valid('json')), 200);
  })
  .openapi(changeStatus, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await changeMemberStatus(c.var.deps.db, actor, c.req.valid('param').id, c.req.valid('json')), 200);
  })
  .openapi(history, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json({ items: await memberHistory(c.var.deps.db, actor, c.req.valid('param').id) }, 200);
  })
  .openapi(entrepreneurs, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json({ items: await listEntrepreneurs(c.var.deps.db, actor, c.req.valid('param').id) }, 200);
  })
  .openapi(addOne, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await addEntrepreneur(c.var.deps.db, actor, c.req.valid('param').id, c.req.valid('json')), 201);
  })
  .openapi(deactivate, async (c) => {
    const actor = actorOf(requireSession(c).user);
    const { id, entrepreneurId } = c.req.valid('param');
    return c.json(await deactivateEntrepreneur(c.var.deps.db, actor, id, entrepreneurId), 200);
  })
  .openapi(account, async (c) => {
    const actor = actorOf(requireSession(c).user);
    const member = await getMember(c.var.deps.db, actor, c.req.valid('param').id);
    const found = await memberAccount(c.var.deps.db, member.id);
    return c.json(found ?? { code: null, owedToMember: '0.00' }, 200);
  })
  .openapi(statement, async (c) => {
    const actor = actorOf(requireSession(c).user);
    const member = await getMember(c.var.deps.db, actor, c.req.valid('param').id);
    const { format, ...range } = c.req.valid('query');
    const result = await memberStatement(c.var.deps.db, member.id, range);
    if (format === 'csv') {
      return fileResponse(
        generalLedgerCsv([
          {
            account: result.account ?? '',
            label: member.legalName,
            opening: result.opening,
            closing: result.closing,
            lines: result.lines,
          },
        ]),
        `releve_${member.code ?? member.id}_${range.from}_${range.to}.csv`,
      );
    }
    return c.json(result, 200);
  })
  .openapi(readLogo, async (c) => {
    const actor = actorOf(requireSession(c).user);
    const { id } = c.req.valid('param');
    return imageResponse(await getMemberLogo(c.var.deps.db, actor, id), `member ${id}`);
  })
  .openapi(putLogo, async (c) => {
    const actor = actorOf(requireSession(c).user);
    await setMemberLogo(c.var.deps.db, actor, c.req.valid('param').id, await readImage(c));
    return c.body(null, 204);
  })
  .openapi(deleteLogo, async (c) => {
    const actor = actorOf(requireSession(c).user);
    await setMemberLogo(c.var.deps.db, actor, c.req.valid('param').id, null);
    return c.body(null, 204);
  });
