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

// The ledger (chart, journals, years and periods, entries, reports). Reports answer JSON or CSV: the JSON side.
type Json<T> = Exclude<T, string | Response>;
export type Account = InferResponseType<typeof api.ledger.accounts.$get, 200>['items'][number];
export type AccountQuery = InferRequestType<typeof api.ledger.accounts.$get>['query'];
export type Journal = InferResponseType<typeof api.ledger.journals.$get, 200>['items'][number];
export type JournalKind = Journal['kind'];
export type PostingAccount = InferResponseType<(typeof api.ledger)['posting-accounts']['$get'], 200>['items'][number];
export type FiscalYear = InferResponseType<(typeof api.ledger)['fiscal-years']['$get'], 200>['items'][number];
export type Period = FiscalYear['periods'][number];
export type PeriodState = Period['state'];
export type ChecklistItem = InferResponseType<
  (typeof api.ledger)['fiscal-years'][':id']['checklist']['$get'],
  200
>['items'][number];
export type EntryPage = InferResponseType<typeof api.ledger.entries.$get, 200>;
export type EntrySummary = EntryPage['items'][number];
export type EntryQuery = InferRequestType<typeof api.ledger.entries.$get>['query'];
export type Entry = InferResponseType<(typeof api.ledger.entries)[':id']['$get'], 200>;
export type EntryLine = Entry['lines'][number];
export type EntryStatus = Entry['status'];
export type Posting = InferRequestType<typeof api.ledger.entries.$post>['json'];
export type PostingLine = Posting['lines'][number];
export type ReportQuery = InferRequestType<(typeof api.ledger.reports)['trial-balance']['$get']>['query'];
export type TrialBalance = Json<InferResponseType<(typeof api.ledger.reports)['trial-balance']['$get'], 200>>;
export type GeneralLedger = Json<InferResponseType<(typeof api.ledger.reports)['general-ledger']['$get'], 200>>;
export type JournalListing = Json<InferResponseType<typeof api.ledger.reports.journal.$get, 200>>;
export type AnalyticResult = Json<InferResponseType<typeof api.ledger.reports.analytic.$get, 200>>;
export type MemberAccount = InferResponseType<(typeof api.members)[':id']['account']['$get'], 200>;
export type MemberStatement = Json<InferResponseType<(typeof api.members)[':id']['statement']['$get'], 200>>;

// Invoicing: quotes, invoices and credit notes issued by the GIE for its members, and customer payments.
export type SalesDocument = InferResponseType<(typeof api.invoicing.documents)[':id']['$get'], 200>;
export type SalesDocumentLine = SalesDocument['lines'][number];
export type SalesKind = SalesDocument['kind'];
export type SalesStatus = SalesDocument['status'];
export type SalesDocumentPage = InferResponseType<typeof api.invoicing.documents.$get, 200>;
export type SalesDocumentSummary = SalesDocumentPage['items'][number];
export type SalesDocumentQuery = InferRequestType<typeof api.invoicing.documents.$get>['query'];
export type SalesDraft = InferRequestType<typeof api.invoicing.documents.$post>['json'];
export type SalesLineInput = SalesDraft['lines'][number];
export type PaymentRequest = InferRequestType<typeof api.invoicing.payments.$post>['json'];
export type PaymentMethod = PaymentRequest['method'];
export type PaymentResult = InferResponseType<typeof api.invoicing.payments.$post, 201>;

/** Every role, in the order screens list them; the check below fails the build if the API adds one. */
export const ROLES = [
  'admin',
  'manager',
  'accountant',
  'committee',
  'entrepreneur',
  'observatory',
] as const satisfies readonly Role[];
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
export const JOURNAL_KINDS = ['sales', 'purchases', 'bank', 'cash', 'misc', 'opening'] as const satisfies readonly JournalKind[];
export const SALES_KINDS = ['invoice', 'quote', 'credit_note'] as const satisfies readonly SalesKind[];
export const SALES_STATUSES = [
  'draft',
  'submitted',
  'issued',
  'sent',
  'accepted',
  'refused',
  'converted',
] as const satisfies readonly SalesStatus[];
export const PAYMENT_METHODS = ['transfer', 'cheque', 'cash', 'bill'] as const satisfies readonly PaymentMethod[];
export const PERIOD_STATES = ['open', 'locked', 'closed'] as const satisfies readonly PeriodState[];

type Exhaustive<Missing extends never> = Missing;
export type RolesAreExhaustive = Exhaustive<Exclude<Role, (typeof ROLES)[number]>>;
export type LocalesAreExhaustive = Exhaustive<Exclude<Locale, (typeof LOCALES)[number]>>;
export type StatusesAreExhaustive = Exhaustive<Exclude<MemberStatus, (typeof MEMBER_STATUSES)[number]>>;
export type KindsAreExhaustive = Exhaustive<Exclude<MemberKind, (typeof MEMBER_KINDS)[number]>>;
export type LegalFormsAreExhaustive = Exhaustive<Exclude<LegalForm, (typeof LEGAL_FORMS)[number]>>;
export type AreasAreExhaustive = Exhaustive<Exclude<Area, (typeof AREAS)[number]>>;
export type PartyKindsAreExhaustive = Exhaustive<Exclude<PartyKind, (typeof PARTY_KINDS)[number]>>;
export type JournalKindsAreExhaustive = Exhaustive<Exclude<JournalKind, (typeof JOURNAL_KINDS)[number]>>;
export type SalesKindsAreExhaustive = Exhaustive<Exclude<SalesKind, (typeof SALES_KINDS)[number]>>;
export type SalesStatusesAreExhaustive = Exhaustive<Exclude<SalesStatus, (typeof SALES_STATUSES)[number]>>;
export type PaymentMethodsAreExhaustive = Exhaustive<Exclude<PaymentMethod, (typeof PAYMENT_METHODS)[number]>>;
export type PeriodStatesAreExhaustive = Exhaustive<Exclude<PeriodState, (typeof PERIOD_STATES)[number]>>;

/** A quick compile-time look at inferred shapes that must not collapse to `unknown`. */
export type ImportReportHasProblems = ImportReport['problems'][number]['row'];
export type PartyQueryHasRole = NonNullable<PartyQuery>['role'];
export type TrialBalanceHasTotals = TrialBalance['totals']['debit'];
export type EntryHasLines = Entry['lines'][number]['account'];
export type SalesDocumentHasTotals = SalesDocument['totals']['ttc'];
export type PaymentHasVat = PaymentResult['allocations'][number]['vat'];
