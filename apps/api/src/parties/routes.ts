// Customers and suppliers over HTTP: list and search, create, read, change, merge, duplicates review, CSV import.
// Entrepreneurs read and record customers only (the core scopes them); merging and imports are for GIE staff.
import {
  actorOf,
  createParty,
  getParty,
  importParties,
  listDuplicateGroups,
  listParties,
  mergeParties,
  updateParty,
} from '@gie-ecp/core';
import { defineRoute, requireSession } from '../http/access.ts';
import { handleImport, importRouteConfig } from '../http/imports.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdParamSchema, jsonBody, jsonResponse } from '../http/schemas.ts';
import {
  CreatedPartySchema,
  DuplicateGroupsSchema,
  MergeResultSchema,
  MergeSchema,
  NewPartySchema,
  PartyChangesSchema,
  PartyListQuerySchema,
  PartyPageSchema,
  PartySchema,
} from './schemas.ts';

const READ = ['admin', 'manager', 'accountant', 'entrepreneur'] as const;
const WRITE = ['manager', 'accountant', 'entrepreneur'] as const;
const REVIEW = ['manager', 'accountant'] as const;

const list = defineRoute({
  method: 'get',
  path: '/parties',
  tags: ['parties'],
  summary: 'List and search customers and suppliers',
  description: 'Merged parties are left out unless includeMerged=true. Entrepreneurs see customers only.',
  access: READ,
  request: { query: PartyListQuerySchema },
  responses: { 200: jsonResponse(PartyPageSchema, 'One page of parties'), ...errorResponses },
});

const duplicates = defineRoute({
  method: 'get',
  path: '/parties/duplicates',
  tags: ['parties'],
  summary: 'Groups of probable duplicates to review',
  description: 'Active parties not merged away whose names have the same key or are very similar.',
  access: REVIEW,
  responses: { 200: jsonResponse(DuplicateGroupsSchema, 'The groups, oldest party first'), ...errorResponses },
});

const importCsv = defineRoute({
  ...importRouteConfig('customers and suppliers', REVIEW),
  path: '/parties/import',
  tags: ['parties'],
});

const create = defineRoute({
  method: 'post',
  path: '/parties',
  tags: ['parties'],
  summary: 'Create a customer or supplier',
  description:
    'A Moroccan company needs its ICE; an ICE already held by another party is refused (409). A same or similar ' +
    'name is not refused but listed in possibleDuplicates.',
  access: WRITE,
  request: { body: jsonBody(NewPartySchema) },
  responses: { 201: jsonResponse(CreatedPartySchema, 'The new party, and parties it may duplicate'), ...errorResponses },
});

const read = defineRoute({
  method: 'get',
  path: '/parties/{id}',
  tags: ['parties'],
  summary: 'Read a party',
  description: 'A merged party is answered as it is, with mergedIntoId to follow.',
  access: READ,
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(PartySchema, 'The party'), ...errorResponses },
});

const update = defineRoute({
  method: 'patch',
  path: '/parties/{id}',
  tags: ['parties'],
  summary: 'Change a party',
  access: WRITE,
  request: { params: IdParamSchema, body: jsonBody(PartyChangesSchema) },
  responses: { 200: jsonResponse(PartySchema, 'The party as changed'), ...errorResponses },
});

const merge = defineRoute({
  method: 'post',
  path: '/parties/{id}/merge',
  tags: ['parties'],
  summary: 'Merge a party into another',
  description:
    'The party stays, inactive, with mergedIntoId; parties merged into it before now point at the survivor, which ' +
    'fills its empty fields from it.',
  access: REVIEW,
  request: { params: IdParamSchema, body: jsonBody(MergeSchema) },
  responses: { 200: jsonResponse(MergeResultSchema, 'Both parties as they now are'), ...errorResponses },
});

// static paths before /parties/{id}, which would otherwise take "duplicates" for an id
export const partyRoutes = createRouter()
  .openapi(list, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await listParties(c.var.deps.db, actor, c.req.valid('query')), 200);
  })
  .openapi(duplicates, async (c) => c.json({ groups: await listDuplicateGroups(c.var.deps.db) }, 200))
  .openapi(importCsv, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return handleImport(c, c.req.valid('query').mode, (text, mode, onProgress) =>
      importParties(c.var.deps.db, actor, text, mode, onProgress),
    );
  })
  .openapi(create, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await createParty(c.var.deps.db, actor, c.req.valid('json')), 201);
  })
  .openapi(read, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await getParty(c.var.deps.db, actor, c.req.valid('param').id), 200);
  })
  .openapi(update, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await updateParty(c.var.deps.db, actor, c.req.valid('param').id, c.req.valid('json')), 200);
  })
  .openapi(merge, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await mergeParties(c.var.deps.db, actor, c.req.valid('param').id, c.req.valid('json')), 200);
  });
