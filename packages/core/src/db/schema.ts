// The Kysely view of the database: one interface per table, the row types every repository uses.
// Keep it in step with migrations/ (the migrations are the truth; this file describes them).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** An ISO timestamp read as a string, written as a string or left to its default. */
export type Timestamp = ColumnType<string, string | undefined, string>;
/** A numeric read as a string (never a float) and written from a string. */
export type Numeric = ColumnType<string, string, string>;

export const ROLES = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur', 'observatory'] as const;
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
  /** Place in the hash chain, given by the database (migration 0009). */
  chain_seq: ColumnType<string, never, never>;
  /** The previous event's hash; null for the first event of the chain. */
  prev_hash: ColumnType<string | null, never, never>;
  /** SHA-256 (hex) of the canonical text of this event and `prev_hash`. */
  hash: ColumnType<string, never, never>;
}

/** The head of the audit chain: one row, moved by the audit log's trigger only. */
export interface AuditChainHeadTable {
  id: boolean;
  seq: string;
  hash: string;
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
  /** The part of debit and credit posted through the opening journal (AN). */
  opening_debit: Numeric;
  opening_credit: Numeric;
}

/** The same sums as `account_balances`, per account and fiscal year. */
export interface AccountYearBalancesTable {
  account_code: string;
  fiscal_year_id: number;
  debit: Numeric;
  credit: Numeric;
  opening_debit: Numeric;
  opening_credit: Numeric;
}

/** Sales documents per member, kind and status, kept by the database's triggers (migration 0019). */
export interface SalesDocumentCountsTable {
  member_id: number;
  kind: SalesDocumentKind;
  status: SalesDocumentStatus;
  documents: ColumnType<string, never, never>;
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
  /** Why the manager sent a submitted draft back to its entrepreneur (migration 0006). */
  return_reason: Generated<string | null>;
  returned_at: Generated<string | null>;
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

export interface DocumentLinksTable {
  id: Generated<number>;
  document_id: number;
  token_sha256: string;
  recipient_email: string | null;
  expires_at: ColumnType<string, string | undefined, never>;
  revoked_at: string | null;
  revoked_by: number | null;
  created_by: number | null;
  created_at: Generated<string>;
  open_count: Generated<number>;
  last_opened_at: string | null;
}

export interface DocumentLinkMissesTable {
  id: Generated<string>;
  ip: string;
  at: Generated<string>;
}

export interface BankStatementsTable {
  id: Generated<number>;
  journal_code: string;
  name: string;
  period_start: string;
  period_end: string;
  opening_balance: Numeric | null;
  closing_balance: Numeric | null;
  imported_by: number | null;
  imported_at: Generated<string>;
}

export interface BankStatementLinesTable {
  id: Generated<number>;
  statement_id: number;
  line_no: number;
  value_date: string;
  label: string;
  reference: string | null;
  /** Signed as the bank writes it: + money in, − money out. */
  amount: Numeric;
  payment_id: number | null;
  payout_id: number | null;
  matched_by: number | null;
  matched_at: string | null;
}

export interface PooledServicesTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  unit: 'hours' | 'km' | 'm2' | 'kg' | 'days' | 'units';
  expense_accounts: ColumnType<string[], string[] | undefined, string[]>;
  reinvoice_vat: Generated<boolean>;
  vat_rate: Numeric | null;
  subscription: Generated<'all' | 'list'>;
  active: Generated<boolean>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface PoolingKeyVersionsTable {
  id: Generated<number>;
  service_id: number;
  valid_from: string;
  kind: string;
  spec: ColumnType<unknown, string, string>;
  fallback_kind: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface PoolingSubscriptionsTable {
  service_id: number;
  member_id: number;
}

export interface PoolingMemberQuantitiesTable {
  id: Generated<number>;
  member_id: number;
  name: string;
  valid_from: string;
  quantity: Numeric;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface PoolingUsageTable {
  id: Generated<number>;
  service_id: number;
  member_id: number;
  used_on: string;
  quantity: Numeric;
  note: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface PoolingAdjustmentsTable {
  id: Generated<number>;
  service_id: number;
  applies_on: string;
  amount: Numeric;
  reason: string;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface PoolingPurchasesTable {
  id: Generated<number>;
  supplier_id: number;
  bill_date: string;
  bill_number: string;
  /** Law 69-21: the bill date plus the supplier's agreed terms (migration 0010). */
  due_date: string;
  total_ht: Numeric;
  total_vat: Numeric;
  total_ttc: Numeric;
  entry_id: number;
  created_by: number | null;
  created_at: Generated<string>;
}

// Supplier payments (migration 0010).
export interface SupplierPaymentsTable {
  id: Generated<number>;
  supplier_id: number;
  paid_on: string;
  method: 'transfer' | 'cheque' | 'cash' | 'bill';
  amount: Numeric;
  reference: string | null;
  entry_id: number;
  idempotency_key: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface SupplierPaymentAllocationsTable {
  id: Generated<number>;
  payment_id: number;
  purchase_id: number;
  amount: Numeric;
  vat: ColumnType<Array<{ vat: string; amount: string }>, string, never>;
}

export interface PoolingPurchaseLinesTable {
  id: Generated<number>;
  purchase_id: number;
  line_no: number;
  description: string;
  service_id: number;
  expense_account: string;
  amount_ht: Numeric;
  vat_rate: Numeric;
  vat: Numeric;
}

export type PoolingRunStatus = 'draft' | 'posted' | 'reversed';

export interface PoolingRunsTable {
  id: Generated<number>;
  period_from: string;
  period_to: string;
  status: Generated<PoolingRunStatus>;
  posting_date: string | null;
  entry_id: number | null;
  reversal_entry_id: number | null;
  idempotency_key: string | null;
  created_by: number | null;
  posted_by: number | null;
  reversed_by: number | null;
  created_at: Generated<string>;
  posted_at: string | null;
  reversed_at: string | null;
  reversal_reason: string | null;
}

export interface PoolingRunServicesTable {
  run_id: number;
  service_id: number;
  key_version_id: number;
  period_from: string;
  period_to: string;
  state: Generated<PoolingRunStatus>;
  cost: Numeric;
  basis: ColumnType<unknown, string, string>;
}

export interface PoolingRunLinesTable {
  id: Generated<number>;
  run_id: number;
  service_id: number;
  member_id: number;
  weight: Numeric;
  total_weight: Numeric;
  exact: Numeric;
  amount: Numeric;
  vat: ColumnType<string, string | undefined, string>;
  remainder_centimes: ColumnType<number, number | undefined, number>;
  explanation: string;
}

export interface PoolingNoteCountersTable {
  year: number;
  last_number: number;
}

export interface PoolingChargeNotesTable {
  id: Generated<number>;
  run_id: number;
  member_id: number;
  /** Given by the database at insert, from the counter of the year. */
  number: ColumnType<string, never, never>;
  issue_date: string;
  total_ht: Numeric;
  total_vat: Numeric;
  total_ttc: Numeric;
  snapshot: ColumnType<unknown, string, never>;
  created_at: Generated<string>;
}

export interface PoolingYearEndAllocationsTable {
  id: Generated<number>;
  fiscal_year_id: number;
  entry_id: number;
  result: Numeric;
  lines: ColumnType<unknown, string, never>;
  created_by: number | null;
  created_at: Generated<string>;
}

// Selection committee (migration 0008).
export interface SelectionGridsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface SelectionGridCriteriaTable {
  id: Generated<number>;
  grid_id: number;
  position: number;
  label: string;
  description: string | null;
  weight: Numeric;
  scale_min: number;
  scale_max: number;
}

export type SelectionCallStatus = 'draft' | 'open' | 'closed';

export interface SelectionCallsTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  opens_on: string;
  closes_on: string;
  grid_id: number | null;
  eligibility_items: ColumnType<string[], string | undefined, string>;
  threshold: Numeric;
  places: number;
  quorum: number | null;
  status: Generated<SelectionCallStatus>;
  scoring_started_at: string | null;
  scoring_closed_at: string | null;
  scoring_closed_by: number | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface SelectionCallCriteriaTable {
  id: Generated<number>;
  call_id: number;
  position: number;
  label: string;
  description: string | null;
  weight: Numeric;
  scale_min: number;
  scale_max: number;
}

export type CommitteeRole = 'president' | 'rapporteur' | 'member';

export interface SelectionCommitteeMembersTable {
  call_id: number;
  user_id: number;
  role: CommitteeRole;
  added_at: Generated<string>;
}

export type ApplicationStatus = 'submitted' | 'eligible' | 'ineligible' | 'scored' | 'decided';
export type SelectionDecision = 'admitted' | 'waiting' | 'rejected';

export interface SelectionApplicationsTable {
  id: Generated<number>;
  call_id: number;
  member_id: number;
  project: string;
  needs: ColumnType<string[], string | undefined, string>;
  needs_note: string | null;
  source: 'staff' | 'public';
  status: Generated<ApplicationStatus>;
  eligibility_answers: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  eligibility_note: string | null;
  eligibility_checked_at: string | null;
  eligibility_checked_by: number | null;
  decision: SelectionDecision | null;
  admitted_at: string | null;
  submitted_at: Generated<string>;
}

export interface SelectionAttachmentsTable {
  id: Generated<number>;
  application_id: number;
  kind: 'statutes' | 'registration' | 'accounts' | 'other';
  filename: string;
  media_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  sha256: string;
  bytes: Uint8Array;
  uploaded_at: Generated<string>;
  uploaded_by: number | null;
}

export interface SelectionConflictsTable {
  application_id: number;
  user_id: number;
  reason: string;
  declared_at: Generated<string>;
}

export interface SelectionScoresTable {
  id: Generated<number>;
  application_id: number;
  user_id: number;
  criterion_id: number;
  value: Numeric;
  comment: string | null;
  scored_at: Generated<string>;
}

export interface SelectionSessionsTable {
  id: Generated<number>;
  call_id: number;
  held_on: string;
  place: string | null;
  quorum_required: number;
  minutes_pdf: Uint8Array | null;
  minutes_sha256: string | null;
  minutes_issued_at: string | null;
  minutes_issued_by: number | null;
  created_at: Generated<string>;
}

export interface SelectionAttendanceTable {
  session_id: number;
  user_id: number;
  present: boolean;
}

export interface SelectionDecisionsTable {
  id: Generated<number>;
  session_id: number;
  application_id: number;
  decision: SelectionDecision;
  reasons: string;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  decided_at: Generated<string>;
}

export interface SelectionSponsorshipsTable {
  id: Generated<number>;
  application_id: number;
  member_id: number;
  sponsor_user_id: number | null;
  sponsor_member_id: number | null;
  plan: string | null;
  assigned_at: Generated<string>;
}

export interface SelectionFollowupsTable {
  id: Generated<number>;
  sponsorship_id: number;
  meeting_on: string;
  held: Generated<boolean>;
  notes: Generated<string>;
  recorded_at: Generated<string>;
  recorded_by: number | null;
}

export interface SelectionPublicAttemptsTable {
  id: Generated<string>;
  ip: string;
  call_id: number | null;
  accepted: boolean;
  at: Generated<string>;
}

export interface Database {
  selection_grids: SelectionGridsTable;
  selection_grid_criteria: SelectionGridCriteriaTable;
  selection_calls: SelectionCallsTable;
  selection_call_criteria: SelectionCallCriteriaTable;
  selection_committee_members: SelectionCommitteeMembersTable;
  selection_applications: SelectionApplicationsTable;
  selection_attachments: SelectionAttachmentsTable;
  selection_conflicts: SelectionConflictsTable;
  selection_scores: SelectionScoresTable;
  selection_sessions: SelectionSessionsTable;
  selection_attendance: SelectionAttendanceTable;
  selection_decisions: SelectionDecisionsTable;
  selection_sponsorships: SelectionSponsorshipsTable;
  selection_followups: SelectionFollowupsTable;
  selection_public_attempts: SelectionPublicAttemptsTable;
  pooled_services: PooledServicesTable;
  pooling_key_versions: PoolingKeyVersionsTable;
  pooling_subscriptions: PoolingSubscriptionsTable;
  pooling_member_quantities: PoolingMemberQuantitiesTable;
  pooling_usage: PoolingUsageTable;
  pooling_adjustments: PoolingAdjustmentsTable;
  pooling_purchases: PoolingPurchasesTable;
  pooling_purchase_lines: PoolingPurchaseLinesTable;
  supplier_payments: SupplierPaymentsTable;
  supplier_payment_allocations: SupplierPaymentAllocationsTable;
  pooling_runs: PoolingRunsTable;
  pooling_run_services: PoolingRunServicesTable;
  pooling_run_lines: PoolingRunLinesTable;
  pooling_note_counters: PoolingNoteCountersTable;
  pooling_charge_notes: PoolingChargeNotesTable;
  pooling_year_end_allocations: PoolingYearEndAllocationsTable;
  document_links: DocumentLinksTable;
  document_link_misses: DocumentLinkMissesTable;
  vat_rates: VatRatesTable;
  document_counters: DocumentCountersTable;
  document_assets: DocumentAssetsTable;
  late_payment_rates: LatePaymentRatesTable;
  sales_documents: SalesDocumentsTable;
  sales_document_counts: SalesDocumentCountsTable;
  sales_document_lines: SalesDocumentLinesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  payouts: PayoutsTable;
  bank_statements: BankStatementsTable;
  bank_statement_lines: BankStatementLinesTable;
  accounts: AccountsTable;
  posting_accounts: PostingAccountsTable;
  journals: JournalsTable;
  fiscal_years: FiscalYearsTable;
  periods: PeriodsTable;
  entries: EntriesTable;
  entry_lines: EntryLinesTable;
  journal_counters: JournalCountersTable;
  account_balances: AccountBalancesTable;
  account_year_balances: AccountYearBalancesTable;
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
  audit_chain_head: AuditChainHeadTable;
}

export type MemberRow = Selectable<MembersTable>;
export type PartyRow = Selectable<PartiesTable>;
export type GieSettingsRow = Selectable<GieSettingsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
