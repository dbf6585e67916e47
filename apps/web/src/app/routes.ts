// What each navigation entry shows: one view per NavId (the type makes a missing one a build error).
// The shell has already checked the role against the navigation table before calling a view.
import { html, type TemplateResult } from 'lit';
import type { Session } from '../api/types.ts';
import '../home/home-page.ts';
import '../invoicing/document-form-page.ts';
import '../invoicing/document-page.ts';
import '../invoicing/documents-page.ts';
import '../invoicing/overdue-page.ts';
import '../ledger/accounts-page.ts';
import '../ledger/entries-page.ts';
import '../ledger/entry-form-page.ts';
import '../ledger/entry-page.ts';
import '../ledger/ledger-home-page.ts';
import '../ledger/reports-page.ts';
import '../members/member-form-page.ts';
import '../members/member-import-page.ts';
import '../members/member-page.ts';
import '../members/members-page.ts';
import '../parties/duplicates-page.ts';
import '../parties/parties-page.ts';
import '../parties/party-form-page.ts';
import '../parties/party-import-page.ts';
import '../parties/party-page.ts';
import '../settings/settings-page.ts';
import '../users/users-page.ts';
import type { NavEntry, NavId, RouteParams } from './navigation.ts';
import './placeholder-page.ts';

type View = (session: Session, entry: NavEntry, params: RouteParams) => TemplateResult;

const placeholder: View = (_session, entry) => html`<gie-placeholder-page .titleKey=${entry.labelKey}></gie-placeholder-page>`;

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
  invoicingNew: (session) =>
    html`<gie-document-form-page .documentId=${0} .newKind=${newKind()} .user=${session.user}></gie-document-form-page>`,
  invoicingOverdue: () => html`<gie-overdue-page></gie-overdue-page>`,
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
  pooling: placeholder,
  selection: placeholder,
  settings: (session) => html`<gie-settings-page .user=${session.user}></gie-settings-page>`,
  users: (session) => html`<gie-users-page .currentUser=${session.user}></gie-users-page>`,
};
