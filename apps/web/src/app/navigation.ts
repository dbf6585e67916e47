// The navigation table: every screen of the back office, its path, its label and the roles that see it.
// Menus, route guards, page titles and the home page's shortcuts all read this one table; later capabilities add
// rows here. Rows with a `parent` are screens inside a section (a member's page, a form): not in the menu, they
// light up their parent's entry. Paths may hold `:id`, which matches a positive whole number only, so that
// `/members/new` and `/members/12` never compete whatever the order of the rows.
import type { Role, User } from '../api/types.ts';
import type { MessageKey } from '../i18n/localize.ts';

export type NavId =
  | 'home'
  | 'members'
  | 'memberNew'
  | 'memberImport'
  | 'member'
  | 'memberEdit'
  | 'parties'
  | 'partyNew'
  | 'partyImport'
  | 'partyDuplicates'
  | 'party'
  | 'partyEdit'
  | 'invoicing'
  | 'invoicingNew'
  | 'invoicingValidation'
  | 'invoicingOverdue'
  | 'invoicingPayments'
  | 'invoicingBank'
  | 'invoicingBankImport'
  | 'invoicingBankStatement'
  | 'invoicingDocument'
  | 'invoicingEdit'
  | 'ledger'
  | 'ledgerEntries'
  | 'ledgerEntryNew'
  | 'ledgerEntry'
  | 'ledgerEntryEdit'
  | 'ledgerAccounts'
  | 'ledgerReports'
  | 'pooling'
  | 'poolingServiceNew'
  | 'poolingService'
  | 'poolingServiceEdit'
  | 'poolingRuns'
  | 'poolingRunNew'
  | 'poolingRun'
  | 'poolingCosts'
  | 'poolingUsage'
  | 'poolingUsageImport'
  | 'poolingQuantities'
  | 'poolingPurchases'
  | 'poolingPurchaseNew'
  | 'poolingYearEnd'
  | 'poolingMember'
  | 'reporting'
  | 'reportingDelays'
  | 'reportingFinancial'
  | 'selection'
  | 'selectionGrids'
  | 'selectionGridNew'
  | 'selectionGrid'
  | 'selectionCallNew'
  | 'selectionCall'
  | 'selectionCallEdit'
  | 'selectionResults'
  | 'selectionDeliberation'
  | 'selectionApplicationNew'
  | 'selectionApplication'
  | 'selectionSponsorships'
  | 'observatory'
  | 'settings'
  | 'users';

export interface NavEntry {
  id: NavId;
  path: string;
  labelKey: MessageKey;
  /** A label some roles read instead, e.g. the entrepreneur's "Mon organisation". */
  labelKeyByRole?: Partial<Record<Role, MessageKey>>;
  roles: readonly Role[];
  /** A screen inside this section: not in the menu, which shows the parent as current. */
  parent?: NavId;
  /** Not built yet: the screen says the capability is coming. */
  placeholder?: true;
}

const EVERYONE: readonly Role[] = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'];
/** Who keeps the member registry (the API's STAFF). */
const REGISTRY_KEEPERS: readonly Role[] = ['admin', 'manager'];
/** Who reads customers and suppliers, who records them, who reviews duplicates and imports. */
const PARTY_READERS: readonly Role[] = ['admin', 'manager', 'accountant', 'entrepreneur'];
const PARTY_WRITERS: readonly Role[] = ['manager', 'accountant', 'entrepreneur'];
const PARTY_REVIEWERS: readonly Role[] = ['manager', 'accountant'];
/** Who keeps the books (the API's BOOKS). */
const BOOKKEEPERS: readonly Role[] = ['accountant', 'manager', 'admin'];
/** Who reads invoicing documents, who drafts and issues them (the API's READERS and WRITERS of invoicing). */
const INVOICE_READERS: readonly Role[] = ['admin', 'manager', 'accountant', 'entrepreneur'];
const INVOICE_WRITERS: readonly Role[] = ['admin', 'manager', 'entrepreneur'];
/** Who records payments and reconciles the bank (the API's CASHIERS of invoicing). */
const CASHIERS: readonly Role[] = ['admin', 'manager', 'accountant'];
/** Pooled services: the GIE's staff read the catalogue, runs and costs; the manager changes them (the API's writers). */
const POOL_STAFF: readonly Role[] = ['manager', 'accountant'];
const POOL_WRITERS: readonly Role[] = ['manager'];
/** The selection committee: the manager runs calls and applications, the committee scores and deliberates. */
const SELECTION_READERS: readonly Role[] = ['committee', 'manager'];
const SELECTION_STAFF: readonly Role[] = ['manager'];
/** The observatory's statistics: the staff, and the read-only observatory role that sees nothing else. */
const OBSERVATORY_READERS: readonly Role[] = ['admin', 'manager', 'accountant', 'observatory'];
/** The legal and fiscal statements (VAT return, payment delays, bilan and CPC): the manager and the accountant. */
const REPORTERS: readonly Role[] = ['manager', 'accountant'];

export const NAVIGATION: readonly NavEntry[] = [
  { id: 'home', path: '/', labelKey: 'nav.home', roles: [...EVERYONE, 'observatory'] },
  {
    id: 'members',
    path: '/members',
    labelKey: 'nav.members',
    labelKeyByRole: { entrepreneur: 'nav.myOrganisation' },
    roles: EVERYONE,
  },
  { id: 'memberNew', path: '/members/new', labelKey: 'nav.memberNew', roles: REGISTRY_KEEPERS, parent: 'members' },
  { id: 'memberImport', path: '/members/import', labelKey: 'nav.memberImport', roles: REGISTRY_KEEPERS, parent: 'members' },
  { id: 'member', path: '/members/:id', labelKey: 'nav.member', roles: EVERYONE, parent: 'members' },
  { id: 'memberEdit', path: '/members/:id/edit', labelKey: 'nav.memberEdit', roles: REGISTRY_KEEPERS, parent: 'members' },
  { id: 'parties', path: '/parties', labelKey: 'nav.parties', roles: PARTY_READERS },
  { id: 'partyNew', path: '/parties/new', labelKey: 'nav.partyNew', roles: PARTY_WRITERS, parent: 'parties' },
  { id: 'partyImport', path: '/parties/import', labelKey: 'nav.partyImport', roles: PARTY_REVIEWERS, parent: 'parties' },
  {
    id: 'partyDuplicates',
    path: '/parties/duplicates',
    labelKey: 'nav.partyDuplicates',
    roles: PARTY_REVIEWERS,
    parent: 'parties',
  },
  { id: 'party', path: '/parties/:id', labelKey: 'nav.party', roles: PARTY_READERS, parent: 'parties' },
  { id: 'partyEdit', path: '/parties/:id/edit', labelKey: 'nav.partyEdit', roles: PARTY_WRITERS, parent: 'parties' },
  { id: 'invoicing', path: '/invoicing', labelKey: 'nav.invoicing', roles: INVOICE_READERS },
  // the manager's validation queue: in the menu and among the home page's shortcuts
  { id: 'invoicingValidation', path: '/invoicing/validation', labelKey: 'nav.invoicingValidation', roles: ['manager'] },
  { id: 'invoicingNew', path: '/invoicing/new', labelKey: 'nav.invoicingNew', roles: INVOICE_WRITERS, parent: 'invoicing' },
  {
    id: 'invoicingOverdue',
    path: '/invoicing/overdue',
    labelKey: 'nav.invoicingOverdue',
    roles: INVOICE_READERS,
    parent: 'invoicing',
  },
  // the payments register and the bank reconciliation: the API's CASHIERS of invoicing
  {
    id: 'invoicingPayments',
    path: '/invoicing/payments',
    labelKey: 'nav.invoicingPayments',
    roles: CASHIERS,
    parent: 'invoicing',
  },
  { id: 'invoicingBank', path: '/invoicing/bank', labelKey: 'nav.invoicingBank', roles: CASHIERS, parent: 'invoicing' },
  {
    id: 'invoicingBankImport',
    path: '/invoicing/bank/import',
    labelKey: 'nav.invoicingBankImport',
    roles: CASHIERS,
    parent: 'invoicing',
  },
  {
    id: 'invoicingBankStatement',
    path: '/invoicing/bank/:id',
    labelKey: 'nav.invoicingBankStatement',
    roles: CASHIERS,
    parent: 'invoicing',
  },
  {
    id: 'invoicingDocument',
    path: '/invoicing/:id',
    labelKey: 'nav.invoicingDocument',
    roles: INVOICE_READERS,
    parent: 'invoicing',
  },
  {
    id: 'invoicingEdit',
    path: '/invoicing/:id/edit',
    labelKey: 'nav.invoicingEdit',
    roles: INVOICE_WRITERS,
    parent: 'invoicing',
  },
  { id: 'ledger', path: '/ledger', labelKey: 'nav.ledger', roles: BOOKKEEPERS },
  { id: 'ledgerEntries', path: '/ledger/entries', labelKey: 'nav.ledgerEntries', roles: BOOKKEEPERS, parent: 'ledger' },
  { id: 'ledgerEntryNew', path: '/ledger/entries/new', labelKey: 'nav.ledgerEntryNew', roles: BOOKKEEPERS, parent: 'ledger' },
  { id: 'ledgerEntry', path: '/ledger/entries/:id', labelKey: 'nav.ledgerEntry', roles: BOOKKEEPERS, parent: 'ledger' },
  {
    id: 'ledgerEntryEdit',
    path: '/ledger/entries/:id/edit',
    labelKey: 'nav.ledgerEntryEdit',
    roles: BOOKKEEPERS,
    parent: 'ledger',
  },
  { id: 'ledgerAccounts', path: '/ledger/accounts', labelKey: 'nav.ledgerAccounts', roles: BOOKKEEPERS, parent: 'ledger' },
  { id: 'ledgerReports', path: '/ledger/reports', labelKey: 'nav.ledgerReports', roles: BOOKKEEPERS, parent: 'ledger' },
  // the entrepreneur's /pooling is "what I pay for the pooled services, and why"; the staff's is the catalogue
  { id: 'pooling', path: '/pooling', labelKey: 'nav.pooling', roles: ['manager', 'accountant', 'entrepreneur'] },
  {
    id: 'poolingServiceNew',
    path: '/pooling/services/new',
    labelKey: 'nav.poolingServiceNew',
    roles: POOL_WRITERS,
    parent: 'pooling',
  },
  { id: 'poolingService', path: '/pooling/services/:id', labelKey: 'nav.poolingService', roles: POOL_STAFF, parent: 'pooling' },
  {
    id: 'poolingServiceEdit',
    path: '/pooling/services/:id/edit',
    labelKey: 'nav.poolingServiceEdit',
    roles: POOL_WRITERS,
    parent: 'pooling',
  },
  { id: 'poolingRuns', path: '/pooling/runs', labelKey: 'nav.poolingRuns', roles: POOL_STAFF, parent: 'pooling' },
  { id: 'poolingRunNew', path: '/pooling/runs/new', labelKey: 'nav.poolingRunNew', roles: POOL_WRITERS, parent: 'pooling' },
  { id: 'poolingRun', path: '/pooling/runs/:id', labelKey: 'nav.poolingRun', roles: POOL_STAFF, parent: 'pooling' },
  { id: 'poolingCosts', path: '/pooling/costs', labelKey: 'nav.poolingCosts', roles: POOL_STAFF, parent: 'pooling' },
  { id: 'poolingUsage', path: '/pooling/usage', labelKey: 'nav.poolingUsage', roles: POOL_STAFF, parent: 'pooling' },
  {
    id: 'poolingUsageImport',
    path: '/pooling/usage/import',
    labelKey: 'nav.poolingUsageImport',
    roles: POOL_WRITERS,
    parent: 'pooling',
  },
  {
    id: 'poolingQuantities',
    path: '/pooling/quantities',
    labelKey: 'nav.poolingQuantities',
    roles: POOL_STAFF,
    parent: 'pooling',
  },
  { id: 'poolingPurchases', path: '/pooling/purchases', labelKey: 'nav.poolingPurchases', roles: POOL_STAFF, parent: 'pooling' },
  {
    id: 'poolingPurchaseNew',
    path: '/pooling/purchases/new',
    labelKey: 'nav.poolingPurchaseNew',
    roles: POOL_WRITERS,
    parent: 'pooling',
  },
  { id: 'poolingYearEnd', path: '/pooling/year-end', labelKey: 'nav.poolingYearEnd', roles: POOL_STAFF, parent: 'pooling' },
  { id: 'poolingMember', path: '/pooling/members/:id', labelKey: 'nav.poolingMember', roles: POOL_STAFF, parent: 'pooling' },
  { id: 'reporting', path: '/reporting', labelKey: 'nav.reporting', roles: REPORTERS },
  {
    id: 'reportingDelays',
    path: '/reporting/payment-delays',
    labelKey: 'nav.reportingDelays',
    roles: REPORTERS,
    parent: 'reporting',
  },
  {
    id: 'reportingFinancial',
    path: '/reporting/financial-statements',
    labelKey: 'nav.reportingFinancial',
    roles: REPORTERS,
    parent: 'reporting',
  },
  // the committee member's /selection is "my calls"; the manager's is every call, with grids and sponsorships
  { id: 'selection', path: '/selection', labelKey: 'nav.selection', roles: SELECTION_READERS },
  { id: 'selectionGrids', path: '/selection/grids', labelKey: 'nav.selectionGrids', roles: SELECTION_STAFF, parent: 'selection' },
  {
    id: 'selectionGridNew',
    path: '/selection/grids/new',
    labelKey: 'nav.selectionGridNew',
    roles: SELECTION_STAFF,
    parent: 'selection',
  },
  {
    id: 'selectionGrid',
    path: '/selection/grids/:id',
    labelKey: 'nav.selectionGrid',
    roles: SELECTION_STAFF,
    parent: 'selection',
  },
  {
    id: 'selectionCallNew',
    path: '/selection/calls/new',
    labelKey: 'nav.selectionCallNew',
    roles: SELECTION_STAFF,
    parent: 'selection',
  },
  {
    id: 'selectionCall',
    path: '/selection/calls/:id',
    labelKey: 'nav.selectionCall',
    roles: SELECTION_READERS,
    parent: 'selection',
  },
  {
    id: 'selectionCallEdit',
    path: '/selection/calls/:id/edit',
    labelKey: 'nav.selectionCallEdit',
    roles: SELECTION_STAFF,
    parent: 'selection',
  },
  {
    id: 'selectionResults',
    path: '/selection/calls/:id/results',
    labelKey: 'nav.selectionResults',
    roles: SELECTION_READERS,
    parent: 'selection',
  },
  {
    id: 'selectionDeliberation',
    path: '/selection/calls/:id/deliberation',
    labelKey: 'nav.selectionDeliberation',
    roles: SELECTION_READERS,
    parent: 'selection',
  },
  {
    id: 'selectionApplicationNew',
    path: '/selection/calls/:id/applications/new',
    labelKey: 'nav.selectionApplicationNew',
    roles: SELECTION_STAFF,
    parent: 'selection',
  },
  {
    id: 'selectionApplication',
    path: '/selection/applications/:id',
    labelKey: 'nav.selectionApplication',
    roles: SELECTION_READERS,
    parent: 'selection',
  },
  {
    id: 'selectionSponsorships',
    path: '/selection/sponsorships',
    labelKey: 'nav.selectionSponsorships',
    roles: SELECTION_READERS,
    parent: 'selection',
  },
  // the accountant reads the GIE's identity (it is on every document) but does not change it
  { id: 'observatory', path: '/observatory', labelKey: 'nav.observatory', roles: OBSERVATORY_READERS },
  { id: 'settings', path: '/settings', labelKey: 'nav.settings', roles: ['admin', 'manager', 'accountant'] },
  { id: 'users', path: '/users', labelKey: 'nav.users', roles: ['admin'] },
];

export type RouteParams = Readonly<Record<string, string>>;

export interface RouteMatch {
  entry: NavEntry;
  params: RouteParams;
}

/** The menu of a role: the sections it may open, in the table's order. */
export function entriesFor(role: Role): NavEntry[] {
  return NAVIGATION.filter((entry) => !entry.parent && entry.roles.includes(role));
}

export function labelKeyFor(entry: NavEntry, role: Role): MessageKey {
  return entry.labelKeyByRole?.[role] ?? entry.labelKey;
}

/** Where a menu entry leads this user: the entrepreneur's "Mon organisation" opens their own member's page. */
export function hrefFor(entry: NavEntry, user: Pick<User, 'role' | 'memberId'>): string {
  if (entry.id === 'members' && user.role === 'entrepreneur' && user.memberId !== null) return `/members/${user.memberId}`;
  return entry.path;
}

function matches(pattern: string, path: string): RouteParams | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    const actual = got[i]!;
    if (segment.startsWith(':')) {
      if (!/^[1-9]\d{0,9}$/.test(actual)) return null;
      params[segment.slice(1)] = actual;
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

/** The screen at a path, with the values of its `:params`. */
export function matchRoute(path: string): RouteMatch | undefined {
  for (const entry of NAVIGATION) {
    const params = matches(entry.path, path);
    if (params) return { entry, params };
  }
  return undefined;
}

export function entryAt(path: string): NavEntry | undefined {
  return matchRoute(path)?.entry;
}

export function entryById(id: NavId): NavEntry {
  return NAVIGATION.find((entry) => entry.id === id)!;
}

/** The menu entry a screen belongs to: itself, or its parent. */
export function sectionOf(entry: NavEntry): NavId {
  return entry.parent ?? entry.id;
}

export function mayOpen(entry: NavEntry, role: Role): boolean {
  return entry.roles.includes(role);
}

/** Whether a role may open the screen with this id (to show or hide the buttons leading to it). */
export function mayOpenId(id: NavId, role: Role | undefined): boolean {
  return role !== undefined && mayOpen(entryById(id), role);
}
