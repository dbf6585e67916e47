// The Kysely view of the database: one interface per table, the row types every repository uses.
// Keep it in step with migrations/ (the migrations are the truth; this file describes them).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** An ISO timestamp read as a string, written as a string or left to its default. */
export type Timestamp = ColumnType<string, string | undefined, string>;
/** A numeric read as a string (never a float) and written from a string. */
export type Numeric = ColumnType<string, string, string>;

export const ROLES = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['fr', 'ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const MEMBER_STATUSES = ['candidate', 'admitted', 'active', 'suspended', 'withdrawn'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export interface MembersTable {
  id: Generated<number>;
  /** The analytic code, given at admission (null for candidates). */
  code: string | null;
  legal_name: string;
  status: Generated<MemberStatus>;
  created_at: Generated<string>;
  kind: Generated<'cooperative' | 'ess_organisation' | 'entrepreneur'>;
  trade_name: string | null;
  legal_form: Generated<string>;
  registration_number: string | null;
  registration_place: string | null;
  ice: string | null;
  if_number: string | null;
  tp_number: string | null;
  cnss_number: string | null;
  address: string | null;
  province: string | null;
  commune: string | null;
  area: 'rural' | 'urban' | null;
  sector: string | null;
  activities: string | null;
  founded_on: string | null;
  people_count: number | null;
  women_count: number | null;
  youth_count: number | null;
  jobs_count: number | null;
  capital: Numeric | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  bank_name: string | null;
  rib: string | null;
  logo: Uint8Array | null;
  logo_media_type: string | null;
  contribution_rate: Numeric | null;
  rights_share: ColumnType<string, string | undefined, string>;
  admitted_on: string | null;
  updated_at: Generated<string>;
}

export interface MemberStatusHistoryTable {
  id: Generated<number>;
  member_id: number;
  from_status: MemberStatus | null;
  to_status: MemberStatus;
  effective_on: string;
  reason: string | null;
  forced: Generated<boolean>;
  actor_user_id: number | null;
  at: Generated<string>;
}

export interface EntrepreneursTable {
  id: Generated<number>;
  member_id: number;
  first_name: string;
  last_name: string;
  cin: string | null;
  phone: string | null;
  email: string | null;
  user_id: number | null;
  active: Generated<boolean>;
  created_at: Generated<string>;
}

export interface ProvincesTable {
  code: string;
  region: string;
  name_fr: string;
  name_ar: string;
  name_en: string;
}

export interface SectorsTable {
  code: string;
  name_fr: string;
  name_ar: string;
  name_en: string;
}

export interface GieSettingsTable {
  id: Generated<number>;
  name: string;
  legal_form: Generated<string>;
  ice: string | null;
  if_number: string | null;
  rc_number: string | null;
  rc_court: string | null;
  tp_number: string | null;
  cnss_number: string | null;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  bank_name: string | null;
  rib: string | null;
  logo: Uint8Array | null;
  logo_media_type: string | null;
  default_contribution_rate: ColumnType<string, string | undefined, string>;
  default_payment_days: Generated<number>;
  invoice_number_template: Generated<string>;
  credit_note_number_template: Generated<string>;
  entrepreneurs_may_issue: Generated<boolean>;
  invoice_footer: string | null;
  quote_number_template: Generated<string>;
  updated_at: Generated<string>;
}

export interface PartiesTable {
  id: Generated<number>;
  kind: 'company' | 'individual';
  is_customer: Generated<boolean>;
  is_supplier: Generated<boolean>;
  name: string;
  /** The name reduced for duplicate detection (see parties/names.ts). */
  name_key: string;
  ice: string | null;
  if_number: string | null;
  rc_number: string | null;
  country: Generated<string>;
  address: string | null;
  city: string | null;
  postal_code: string | null;
  email: string | null;
  phone: string | null;
  payment_days: Generated<number>;
  payment_terms_agreement: string | null;
  vat_exemption_basis: string | null;
  notes: string | null;
  merged_into_id: number | null;
  active: Generated<boolean>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: Role;
  member_id: number | null;
  password_hash: string;
  locale: Generated<Locale>;
  active: Generated<boolean>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<string>;
  expires_at: string;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  login: string;
  ip: string;
  succeeded: boolean;
  at: Generated<string>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<string>;
  actor_user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown | null;
  after: unknown | null;
}

export interface AccountsTable {
  code: string;
  label: string;
  parent_code: string | null;
  member_id: number | null;
  active: Generated<boolean>;
  created_at: Generated<string>;
}

export interface PostingAccountsTable {
  role: string;
  account_code: string;
  description: string;
}

export type JournalKind = 'sales' | 'purchases' | 'bank' | 'cash' | 'misc' | 'opening';

export interface JournalsTable {
  code: string;
  label: string;
  kind: JournalKind;
  account_code: string | null;
  active: Generated<boolean>;
}

export interface FiscalYearsTable {
  id: Generated<number>;
  starts_on: string;
  ends_on: string;
  state: Generated<'open' | 'closed'>;
  closed_at: string | null;
}

export type PeriodState = 'open' | 'locked' | 'closed';

export interface PeriodsTable {
  id: Generated<number>;
  fiscal_year_id: number;
  starts_on: string;
  ends_on: string;
  state: Generated<PeriodState>;
}

export interface EntriesTable {
  id: Generated<number>;
  journal_code: string;
  /** Set by the database from the entry date. */
  fiscal_year_id: ColumnType<number, number | undefined, number | undefined>;
  period_id: ColumnType<number, number | undefined, number | undefined>;
  entry_date: string;
  /** Given by the database at posting. */
  number: ColumnType<number | null, never, never>;
  label: string;
  source_ref: string | null;
  status: Generated<'draft' | 'posted'>;
  reverses_entry_id: number | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_by: number | null;
  posted_by: number | null;
  created_at: Generated<string>;
  posted_at: ColumnType<string | null, never, never>;
}

export interface EntryLinesTable {
  id: Generated<string>;
  entry_id: number;
  line_no: number;
  account_code: string;
  label: string | null;
  debit: Numeric;
  credit: Numeric;
  member_id: number | null;
  service_code: string | null;
  party_id: number | null;
}

export interface JournalCountersTable {
  journal_code: string;
  fiscal_year_id: number;
  last_number: number;
}

export interface AccountBalancesTable {
  account_code: string;
  period_id: number;
  debit: Numeric;
  credit: Numeric;
}

export interface VatRatesTable {
  code: string;
  rate: Numeric;
  valid_from: string;
  valid_to: string | null;
  label: string;
}

export type SalesDocumentKind = 'quote' | 'invoice' | 'credit_note';
export type SalesDocumentStatus = 'draft' | 'submitted' | 'issued' | 'sent' | 'accepted' | 'refused' | 'converted';

export interface SalesDocumentsTable {
  id: Generated<number>;
  kind: SalesDocumentKind;
  status: Generated<SalesDocumentStatus>;
  member_id: number;
  customer_id: number;
  /** Given by the database at issue. */
  number: ColumnType<string | null, never, never>;
  issue_date: string | null;
  due_date: string | null;
  payment_days: number;
  corrects_id: number | null;
  quote_id: number | null;
  notes: string | null;
  total_ht: ColumnType<string, string | undefined, string>;
  total_vat: ColumnType<string, string | undefined, string>;
  total_ttc: ColumnType<string, string | undefined, string>;
  contribution_rate: Numeric | null;
  contribution: Numeric | null;
  member_share: Numeric | null;
  snapshot: unknown | null;
  entry_id: number | null;
  idempotency_key: string | null;
  created_by: number | null;
  issued_by: number | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
  issued_at: string | null;
}

export interface SalesDocumentLinesTable {
  id: Generated<number>;
  document_id: number;
  line_no: number;
  description: string;
  quantity: Numeric;
  unit: string | null;
  unit_price: Numeric;
  discount_percent: ColumnType<string, string | undefined, string>;
  vat_code: string;
  exemption_basis: string | null;
  revenue_role: ColumnType<
    'sales.services' | 'sales.goods',
    'sales.services' | 'sales.goods' | undefined,
    'sales.services' | 'sales.goods'
  >;
  amount: Numeric;
}

export interface PaymentsTable {
  id: Generated<number>;
  customer_id: number;
  received_on: string;
  method: 'transfer' | 'cheque' | 'cash' | 'bill';
  amount: Numeric;
  reference: string | null;
  entry_id: number;
  idempotency_key: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface PaymentAllocationsTable {
  id: Generated<number>;
  payment_id: number;
  document_id: number;
  amount: Numeric;
  vat: unknown;
}

export interface PayoutsTable {
  id: Generated<number>;
  member_id: number;
  paid_on: string;
  amount: Numeric;
  reference: string | null;
  entry_id: number;
  idempotency_key: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface LatePaymentRatesTable {
  valid_from: string;
  policy_rate: Numeric;
  monthly_increment: Numeric;
  source: string;
}

export interface DocumentAssetsTable {
  sha256: string;
  media_type: string;
  bytes: Uint8Array;
}

export interface DocumentCountersTable {
  series: string;
  year: number;
  last_number: number;
}

export interface Database {
  vat_rates: VatRatesTable;
  document_counters: DocumentCountersTable;
  document_assets: DocumentAssetsTable;
  late_payment_rates: LatePaymentRatesTable;
  sales_documents: SalesDocumentsTable;
  sales_document_lines: SalesDocumentLinesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  payouts: PayoutsTable;
  accounts: AccountsTable;
  posting_accounts: PostingAccountsTable;
  journals: JournalsTable;
  fiscal_years: FiscalYearsTable;
  periods: PeriodsTable;
  entries: EntriesTable;
  entry_lines: EntryLinesTable;
  journal_counters: JournalCountersTable;
  account_balances: AccountBalancesTable;
  members: MembersTable;
  member_status_history: MemberStatusHistoryTable;
  entrepreneurs: EntrepreneursTable;
  provinces: ProvincesTable;
  sectors: SectorsTable;
  gie_settings: GieSettingsTable;
  parties: PartiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}

export type MemberRow = Selectable<MembersTable>;
export type PartyRow = Selectable<PartiesTable>;
export type GieSettingsRow = Selectable<GieSettingsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
