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

export type MemberPage = InferResponseType<typeof api.members.$get, 200>;
export type Member = MemberPage['items'][number];
export type MemberQuery = InferRequestType<typeof api.members.$get>['query'];
export type MemberStatus = Member['status'];
export type MemberKind = Member['kind'];
export type LegalForm = Member['legalForm'];
export type Area = NonNullable<Member['area']>;
export type NewMember = InferRequestType<typeof api.members.$post>['json'];
export type MemberChanges = InferRequestType<(typeof api.members)[':id']['$patch']>['json'];
export type StatusChange = InferRequestType<(typeof api.members)[':id']['status']['$post']>['json'];
export type StatusHistoryItem = InferResponseType<(typeof api.members)[':id']['history']['$get'], 200>['items'][number];
export type Entrepreneur = InferResponseType<(typeof api.members)[':id']['entrepreneurs']['$get'], 200>['items'][number];
export type NewEntrepreneur = InferRequestType<(typeof api.members)[':id']['entrepreneurs']['$post']>['json'];
export type ImportReport = InferResponseType<typeof api.members.import.$post, 200>;

export type Reference = InferResponseType<typeof api.reference.$get, 200>;
export type GieSettings = InferResponseType<typeof api.gie.$get, 200>;
export type GieSettingsChanges = InferRequestType<typeof api.gie.$patch>['json'];

export type PartyPage = InferResponseType<typeof api.parties.$get, 200>;
export type Party = PartyPage['items'][number];
export type PartyKind = Party['kind'];
export type PartyQuery = InferRequestType<typeof api.parties.$get>['query'];
export type NewParty = InferRequestType<typeof api.parties.$post>['json'];
export type PartyChanges = InferRequestType<(typeof api.parties)[':id']['$patch']>['json'];
export type CreatedParty = InferResponseType<typeof api.parties.$post, 201>;
export type PossibleDuplicate = CreatedParty['possibleDuplicates'][number];
export type DuplicateGroup = InferResponseType<typeof api.parties.duplicates.$get, 200>['groups'][number];

/** Every role, in the order screens list them; the check below fails the build if the API adds one. */
export const ROLES = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'] as const satisfies readonly Role[];
export const LOCALES = ['fr', 'ar', 'en'] as const satisfies readonly Locale[];
export const MEMBER_STATUSES = [
  'candidate',
  'admitted',
  'active',
  'suspended',
  'withdrawn',
] as const satisfies readonly MemberStatus[];
export const MEMBER_KINDS = ['cooperative', 'ess_organisation', 'entrepreneur'] as const satisfies readonly MemberKind[];
export const LEGAL_FORMS = [
  'cooperative',
  'union_of_cooperatives',
  'association',
  'auto_entrepreneur',
  'individual_enterprise',
  'sarl',
  'sarlau',
  'other',
] as const satisfies readonly LegalForm[];
export const AREAS = ['rural', 'urban'] as const satisfies readonly Area[];
export const PARTY_KINDS = ['company', 'individual'] as const satisfies readonly PartyKind[];

type Exhaustive<Missing extends never> = Missing;
export type RolesAreExhaustive = Exhaustive<Exclude<Role, (typeof ROLES)[number]>>;
export type LocalesAreExhaustive = Exhaustive<Exclude<Locale, (typeof LOCALES)[number]>>;
export type StatusesAreExhaustive = Exhaustive<Exclude<MemberStatus, (typeof MEMBER_STATUSES)[number]>>;
export type KindsAreExhaustive = Exhaustive<Exclude<MemberKind, (typeof MEMBER_KINDS)[number]>>;
export type LegalFormsAreExhaustive = Exhaustive<Exclude<LegalForm, (typeof LEGAL_FORMS)[number]>>;
export type AreasAreExhaustive = Exhaustive<Exclude<Area, (typeof AREAS)[number]>>;
export type PartyKindsAreExhaustive = Exhaustive<Exclude<PartyKind, (typeof PARTY_KINDS)[number]>>;

/** A quick compile-time look at inferred shapes that must not collapse to `unknown`. */
export type ImportReportHasProblems = ImportReport['problems'][number]['row'];
export type PartyQueryHasRole = NonNullable<PartyQuery>['role'];
