// What each navigation entry shows: one view per NavId (the type makes a missing one a build error).
// The shell has already checked the role against the navigation table before calling a view.
import { html, type TemplateResult } from 'lit';
import type { Session } from '../api/types.ts';
import '../home/home-page.ts';
import type { NavEntry, NavId, RouteParams } from './navigation.ts';
import './placeholder-page.ts';

/**
 * One lazy loader per section: a section's pages are fetched the first time one of its screens opens, so the first
 * load carries the shell, the sign-in and the home page only. A new page goes into its section's list; a new
 * section gets a line, with the prefix its navigation ids start with.
 */
const SECTIONS: ReadonlyArray<{ prefix: string; load: () => Promise<unknown> }> = [
  {
    prefix: 'member',
    load: () =>
      Promise.all([
        import('../members/member-form-page.ts'),
        import('../members/member-import-page.ts'),
        import('../members/member-page.ts'),
        import('../members/members-page.ts'),
      ]),
  },
  {
    prefix: 'part',
    load: () =>
      Promise.all([
        import('../parties/duplicates-page.ts'),
        import('../parties/parties-page.ts'),
        import('../parties/party-form-page.ts'),
        import('../parties/party-import-page.ts'),
        import('../parties/party-page.ts'),
      ]),
  },
  {
    prefix: 'invoicing',
    load: () =>
      Promise.all([
        import('../invoicing/bank-page.ts'),
        import('../invoicing/document-form-page.ts'),
        import('../invoicing/document-page.ts'),
        import('../invoicing/documents-page.ts'),
        import('../invoicing/overdue-page.ts'),
        import('../invoicing/payments-page.ts'),
      ]),
  },
  {
    prefix: 'ledger',
    load: () =>
      Promise.all([
        import('../ledger/accounts-page.ts'),
        import('../ledger/entries-page.ts'),
        import('../ledger/entry-form-page.ts'),
        import('../ledger/entry-page.ts'),
        import('../ledger/ledger-home-page.ts'),
        import('../ledger/reports-page.ts'),
      ]),
  },
  {
    prefix: 'pooling',
    load: () =>
      Promise.all([
        import('../pooling/costs-page.ts'),
        import('../pooling/member-pooling-page.ts'),
        import('../pooling/purchase-form-page.ts'),
        import('../pooling/purchases-page.ts'),
        import('../pooling/quantities-page.ts'),
        import('../pooling/run-new-page.ts'),
        import('../pooling/run-page.ts'),
        import('../pooling/runs-page.ts'),
        import('../pooling/service-form-page.ts'),
        import('../pooling/service-page.ts'),
        import('../pooling/services-page.ts'),
        import('../pooling/usage-import-page.ts'),
        import('../pooling/usage-page.ts'),
        import('../pooling/year-end-page.ts'),
      ]),
  },
  {
    prefix: 'selection',
    load: () =>
      Promise.all([
        import('../selection/application-form-page.ts'),
        import('../selection/application-page.ts'),
        import('../selection/call-form-page.ts'),
        import('../selection/call-page.ts'),
        import('../selection/calls-page.ts'),
        import('../selection/deliberation-page.ts'),
        import('../selection/grid-form-page.ts'),
        import('../selection/grids-page.ts'),
        import('../selection/results-page.ts'),
        import('../selection/sponsorships-page.ts'),
      ]),
  },
  {
    prefix: 'reporting',
    load: () =>
      Promise.all([
        import('../reporting/financial-statements-page.ts'),
        import('../reporting/payment-delays-page.ts'),
        import('../reporting/vat-return-page.ts'),
      ]),
  },
  {
    prefix: 'observatory',
    load: () => Promise.all([import('../reporting/observatory-page.ts')]),
  },
  {
    prefix: 'settings',
    load: () => Promise.all([import('../settings/settings-page.ts')]),
  },
  {
    prefix: 'users',
    load: () => Promise.all([import('../users/users-page.ts')]),
  },
];

const loading = new Map<string, Promise<unknown>>();
const loaded = new Set<string>();

/**
 * Whether the pages of the section of screen `id` are there. If not, starts fetching them (once) and calls `ready`
 * when they have arrived: the shell shows the screen then, so its elements are defined before they are created.
 */
export function sectionReady(id: NavId, ready: () => void): boolean {
  const section = SECTIONS.find((s) => id.startsWith(s.prefix));
  if (!section || loaded.has(section.prefix)) return true;
  let pending = loading.get(section.prefix);
  if (!pending) {
    pending = section.load().then(() => loaded.add(section.prefix));
    loading.set(section.prefix, pending);
  }
  pending.then(ready, (error: unknown) => console.error(`could not load the screens of ${section.prefix}`, error));
  return false;
}

type View = (session: Session, entry: NavEntry, params: RouteParams) => TemplateResult;

const id = (params: RouteParams): number => Number(params.id);
/** `/invoicing/new?kind=quote` drafts a quote; an invoice otherwise. */
const newKind = (): 'invoice' | 'quote' => (new URLSearchParams(location.search).get('kind') === 'quote' ? 'quote' : 'invoice');

export const VIEWS: Record<NavId, View> = {
  home: (session) => html`<gie-home-page .session=${session}></gie-home-page>`,
  members: (session) => html`<gie-members-page .user=${session.user}></gie-members-page>`,
  memberNew: (session) => html`<gie-member-form-page .memberId=${0} .user=${session.user}></gie-member-form-page>`,
  memberImport: () => html`<gie-member-import-page></gie-member-import-page>`,
  member: (session, _entry, params) => html`<gie-member-page .memberId=${id(params)} .user=${session.user}></gie-member-page>`,
  memberEdit: (session, _entry, params) =>
    html`<gie-member-form-page .memberId=${id(params)} .user=${session.user}></gie-member-form-page>`,
  parties: (session) => html`<gie-parties-page .user=${session.user}></gie-parties-page>`,
  partyNew: (session) => html`<gie-party-form-page .partyId=${0} .user=${session.user}></gie-party-form-page>`,
  partyImport: () => html`<gie-party-import-page></gie-party-import-page>`,
  partyDuplicates: (session) => html`<gie-duplicates-page .user=${session.user}></gie-duplicates-page>`,
  party: (session, _entry, params) => html`<gie-party-page .partyId=${id(params)} .user=${session.user}></gie-party-page>`,
  partyEdit: (session, _entry, params) =>
    html`<gie-party-form-page .partyId=${id(params)} .user=${session.user}></gie-party-form-page>`,
  invoicing: (session) => html`<gie-documents-page .user=${session.user}></gie-documents-page>`,
  invoicingValidation: (session) => html`<gie-documents-page .user=${session.user} .queue=${true}></gie-documents-page>`,
  invoicingNew: (session) =>
    html`<gie-document-form-page .documentId=${0} .newKind=${newKind()} .user=${session.user}></gie-document-form-page>`,
  invoicingOverdue: () => html`<gie-overdue-page></gie-overdue-page>`,
  invoicingPayments: () => html`<gie-payments-page></gie-payments-page>`,
  invoicingBank: () => html`<gie-bank-page></gie-bank-page>`,
  invoicingBankImport: () => html`<gie-bank-import-page></gie-bank-import-page>`,
  invoicingBankStatement: (_session, _entry, params) =>
    html`<gie-bank-statement-page .statementId=${id(params)}></gie-bank-statement-page>`,
  invoicingDocument: (session, _entry, params) =>
    html`<gie-document-page .documentId=${id(params)} .user=${session.user}></gie-document-page>`,
  invoicingEdit: (session, _entry, params) =>
    html`<gie-document-form-page .documentId=${id(params)} .user=${session.user}></gie-document-form-page>`,
  ledger: (session) => html`<gie-ledger-home-page .user=${session.user}></gie-ledger-home-page>`,
  ledgerEntries: (session) => html`<gie-entries-page .user=${session.user}></gie-entries-page>`,
  ledgerEntryNew: (session) => html`<gie-entry-form-page .entryId=${0} .user=${session.user}></gie-entry-form-page>`,
  ledgerEntry: (session, _entry, params) => html`<gie-entry-page .entryId=${id(params)} .user=${session.user}></gie-entry-page>`,
  ledgerEntryEdit: (session, _entry, params) =>
    html`<gie-entry-form-page .entryId=${id(params)} .user=${session.user}></gie-entry-form-page>`,
  ledgerAccounts: (session) => html`<gie-accounts-page .user=${session.user}></gie-accounts-page>`,
  ledgerReports: (session) => html`<gie-reports-page .user=${session.user}></gie-reports-page>`,
  // the entrepreneur's /pooling is what their member pays and why; the staff's is the service catalogue
  pooling: (session) =>
    session.user.role === 'entrepreneur'
      ? html`<gie-member-pooling-page .memberId=${session.user.memberId ?? 0} .user=${session.user}></gie-member-pooling-page>`
      : html`<gie-services-page .user=${session.user}></gie-services-page>`,
  poolingServiceNew: (session) => html`<gie-service-form-page .serviceId=${0} .user=${session.user}></gie-service-form-page>`,
  poolingService: (session, _entry, params) =>
    html`<gie-service-page .serviceId=${id(params)} .user=${session.user}></gie-service-page>`,
  poolingServiceEdit: (session, _entry, params) =>
    html`<gie-service-form-page .serviceId=${id(params)} .user=${session.user}></gie-service-form-page>`,
  poolingRuns: (session) => html`<gie-runs-page .user=${session.user}></gie-runs-page>`,
  poolingRunNew: (session) => html`<gie-run-new-page .user=${session.user}></gie-run-new-page>`,
  poolingRun: (session, _entry, params) => html`<gie-run-page .runId=${id(params)} .user=${session.user}></gie-run-page>`,
  poolingCosts: (session) => html`<gie-costs-page .user=${session.user}></gie-costs-page>`,
  poolingUsage: (session) => html`<gie-usage-page .user=${session.user}></gie-usage-page>`,
  poolingUsageImport: (session) => html`<gie-usage-import-page .user=${session.user}></gie-usage-import-page>`,
  poolingQuantities: (session) => html`<gie-quantities-page .user=${session.user}></gie-quantities-page>`,
  poolingPurchases: (session) => html`<gie-purchases-page .user=${session.user}></gie-purchases-page>`,
  poolingPurchaseNew: (session) => html`<gie-purchase-form-page .user=${session.user}></gie-purchase-form-page>`,
  poolingYearEnd: (session) => html`<gie-year-end-page .user=${session.user}></gie-year-end-page>`,
  poolingMember: (session, _entry, params) =>
    html`<gie-member-pooling-page .memberId=${id(params)} .user=${session.user}></gie-member-pooling-page>`,
  reporting: (session) => html`<gie-vat-return-page .user=${session.user}></gie-vat-return-page>`,
  reportingDelays: (session) => html`<gie-payment-delays-page .user=${session.user}></gie-payment-delays-page>`,
  reportingFinancial: (session) => html`<gie-financial-statements-page .user=${session.user}></gie-financial-statements-page>`,
  selection: (session) => html`<gie-selection-calls-page .user=${session.user}></gie-selection-calls-page>`,
  selectionGrids: () => html`<gie-selection-grids-page></gie-selection-grids-page>`,
  selectionGridNew: () => html`<gie-selection-grid-form-page .gridId=${0}></gie-selection-grid-form-page>`,
  selectionGrid: (_session, _entry, params) =>
    html`<gie-selection-grid-form-page .gridId=${id(params)}></gie-selection-grid-form-page>`,
  selectionCallNew: () => html`<gie-selection-call-form-page .callId=${0}></gie-selection-call-form-page>`,
  selectionCall: (session, _entry, params) =>
    html`<gie-selection-call-page .callId=${id(params)} .user=${session.user}></gie-selection-call-page>`,
  selectionCallEdit: (_session, _entry, params) =>
    html`<gie-selection-call-form-page .callId=${id(params)}></gie-selection-call-form-page>`,
  selectionResults: (session, _entry, params) =>
    html`<gie-selection-results-page .callId=${id(params)} .user=${session.user}></gie-selection-results-page>`,
  selectionDeliberation: (session, _entry, params) =>
    html`<gie-selection-deliberation-page .callId=${id(params)} .user=${session.user}></gie-selection-deliberation-page>`,
  selectionApplicationNew: (_session, _entry, params) =>
    html`<gie-selection-application-form-page .callId=${id(params)}></gie-selection-application-form-page>`,
  selectionApplication: (session, _entry, params) =>
    html`<gie-selection-application-page .applicationId=${id(params)} .user=${session.user}></gie-selection-application-page>`,
  selectionSponsorships: () => html`<gie-selection-sponsorships-page></gie-selection-sponsorships-page>`,
  observatory: (session) => html`<gie-observatory-page .userRole=${session.user.role}></gie-observatory-page>`,
  settings: (session) => html`<gie-settings-page .user=${session.user}></gie-settings-page>`,
  users: (session) => html`<gie-users-page .currentUser=${session.user}></gie-users-page>`,
};
