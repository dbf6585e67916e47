// The API's data as the back office uses it, inferred from the typed client so that a schema change in
// apps/api shows up here as a type error, not as a runtime surprise.
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from './client.ts';

export type Session = InferResponseType<typeof api.auth.me.$get, 200>;
export type User = Session['user'];
export type Role = User['role'];
export type Locale = User['locale'];
export type NewUser = InferRequestType<typeof api.users.$post>['json'];
export type UserChanges = InferRequestType<(typeof api.users)[':id']['$patch']>['json'];
export type Member = InferResponseType<typeof api.members.$get, 200>['items'][number];

/** Every role, in the order screens list them; the check below fails the build if the API adds one. */
export const ROLES = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'] as const satisfies readonly Role[];
export const LOCALES = ['fr', 'ar', 'en'] as const satisfies readonly Locale[];

type Exhaustive<Missing extends never> = Missing;
export type RolesAreExhaustive = Exhaustive<Exclude<Role, (typeof ROLES)[number]>>;
export type LocalesAreExhaustive = Exhaustive<Exclude<Locale, (typeof LOCALES)[number]>>;
