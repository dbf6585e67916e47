// Schemas shared by every capability's routes: the problem shape, ids, the standard error responses.
import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), location: z.string().optional() }))
      .optional()
      .openapi({ description: 'The fields at fault' }),
    requestId: z
      .string()
      .optional()
      .openapi({ description: 'The id of the request (also its `x-request-id` header), found in the server log' }),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The failures any route can answer with. */
export const errorResponses = {
  400: problem('Invalid input: `errors` names each field'),
  401: problem('Not signed in'),
  403: problem('Not allowed for this role, or CSRF check failed'),
  404: problem('No such resource'),
  409: problem('Conflicts with the current state'),
  429: problem('Too many attempts'),
} as const;

export const IdParamSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A page of a list: the items and where they stand in the whole. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** `Idempotency-Key`: the same key with the same request gives the first answer again. */
/** An amount in MAD as the API takes it: a decimal string with at most 2 decimals, never a JSON number. */
export const AmountSchema = z
  .string()
  .regex(/^\d{1,13}(\.\d{1,2})?$/, 'expected an amount such as "1250.00" (at most 2 decimals)');

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: 'idempotency-key', in: 'header' } }),
});
