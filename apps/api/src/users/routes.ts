// User administration, for the admin role only: list, create, change role, reset password, deactivate.
import { actorOf, createUser, getUser, listUsers, updateUser } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, IdParamSchema, jsonBody, jsonResponse } from '../http/schemas.ts';
import { NewUserSchema, UserChangesSchema, UserSchema } from './schemas.ts';

const ADMIN = ['admin'] as const;

const list = defineRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'List the users',
  access: ADMIN,
  responses: { 200: jsonResponse(z.object({ items: z.array(UserSchema) }), 'Every user, by e-mail'), ...errorResponses },
});

const create = defineRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create a user',
  access: ADMIN,
  request: { body: jsonBody(NewUserSchema) },
  responses: { 201: jsonResponse(UserSchema, 'The new user'), ...errorResponses },
});

const read = defineRoute({
  method: 'get',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'Read a user',
  access: ADMIN,
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(UserSchema, 'The user'), ...errorResponses },
});

const update = defineRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'Change a user: name, role, member, password, language, active',
  access: ADMIN,
  request: { params: IdParamSchema, body: jsonBody(UserChangesSchema) },
  responses: { 200: jsonResponse(UserSchema, 'The user as changed'), ...errorResponses },
});

export const userRoutes = createRouter()
  .openapi(list, async (c) => c.json({ items: await listUsers(c.var.deps.db) }, 200))
  .openapi(create, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await createUser(c.var.deps.db, actor, c.req.valid('json')), 201);
  })
  .openapi(read, async (c) => c.json(await getUser(c.var.deps.db, c.req.valid('param').id), 200))
  .openapi(update, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await updateUser(c.var.deps.db, actor, c.req.valid('param').id, c.req.valid('json')), 200);
  });
