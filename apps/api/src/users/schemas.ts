import { LOCALES, MIN_PASSWORD_LENGTH, ROLES } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';

export const RoleSchema = z.enum(ROLES).openapi('Role');
export const LocaleSchema = z.enum(LOCALES).openapi('Locale');

export const UserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    memberId: z.number().int().nullable(),
    locale: LocaleSchema,
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

const password = z.string().min(MIN_PASSWORD_LENGTH).max(200);
const displayName = z.string().trim().min(1).max(120);
const memberId = z.number().int().positive().nullable();

export const NewUserSchema = z
  .object({
    email: z.email().max(254),
    displayName,
    role: RoleSchema,
    memberId: memberId.optional(),
    password,
    locale: LocaleSchema.optional(),
  })
  .strict()
  .openapi('NewUser');

export const UserChangesSchema = z
  .object({
    displayName: displayName.optional(),
    role: RoleSchema.optional(),
    memberId: memberId.optional(),
    password: password.optional(),
    locale: LocaleSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('UserChanges');
