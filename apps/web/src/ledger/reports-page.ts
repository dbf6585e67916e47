// The accounting reports on one screen: shared filters (dates, journal, account range, member, service) and a
// chooser: trial balance (balance générale, six columns, totals that must agree), general ledger (grand livre,
// running balances), journal listing, analytic result by member or by service. Each has its CSV download (the same
// request with format=csv); the accounting CSV and the hledger journal are exported with the same filters. The
// filters live in the address, so a report can be bookmarked; the default range is the current fiscal year.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { AnalyticResult, GeneralLedger, Journal, JournalListing, Member, TrialBalance, User } from '../api/types.ts';
import { type FieldErrors, problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { onRouteChange } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatAmount, formatDay, formatNumber, LocaleController, type MessageKey } from '../i18n/localize.ts';
import {
  amount,
  balance,
  code,
  ledgerStyles,
  loadFiscalYears,
  loadJournals,
  optionText,
  sideOf,
  yearRange,
} from './ledger-ui.ts';
import { fromCents, sameAmount, toCents } from './money.ts';

const REPORTS = ['trial-balance', 'general-ledger', 'journal', 'analytic'] as const;
type Report = (typeof REPORTS)[number];
type AnalyticBy = 'member' | 'service';
const FILTER_FIELDS = ['from', 'to', 'journal', 'accountFrom', 'accountTo', 'memberId', 'service'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];
type Filters = Record<FilterField, string>;

const PATH = '/ledger/reports';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMPTY_FILTERS: Filters = { from: '', to: '', journal: '', accountFrom: '', accountTo: '', memberId: '', service: '' };

const REPORT_LABELS: Record<Report, MessageKey> = {
  'trial-balance': 'ledger.reports.trialBalance',
  'general-ledger': 'ledger.reports.generalLedger',
  journal: 'ledger.reports.journal',
  analytic: 'ledger.reports.analytic',
};

type Result =
  | { report: 'trial-balance'; data: TrialBalance }
  | { report: 'general-ledger'; data: GeneralLedger }
  | { report: 'journal'; data: JournalListing }
  | { report: 'analytic'; by: AnalyticBy; data: AnalyticResult };

interface ReportState {
  report: Report;
  by: AnalyticBy;
  filters: Filters;
}

function stateFromUrl(search: string): ReportState {
  const params = new URLSearchParams(search);
  const report = params.get('report') ?? '';
  const filters = { ...EMPTY_FILTERS };
  for (const field of FILTER_FIELDS) filters[field] = (params.get(field) ?? '').trim();
  if (!DATE.test(filters.from)) filters.from = '';
  if (!DATE.test(filters.to)) filters.to = '';
  if (!/^\d+$/.test(filters.memberId)) filters.memberId = '';
  return {
    report: (REPORTS as readonly string[]).includes(report) ? (report as Report) : 'trial-balance',
    by: params.get('by') === 'service' ? 'service' : 'member',
    filters,
  };
}

/** The query of a report or an export: every filter set, nothing empty. */
function queryOf(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) if (filters[field]) params.set(field, filters[field]);
  return params;
}

function urlOf(state: ReportState): string {
  const params = new URLSearchParams({ report: state.report });
  if (state.report === 'analytic') params.set('by', state.by);
  for (const [key, value] of queryOf(state.filters)) params.set(key, value);
  return `${PATH}?${params}`;
}

/** The API address of a report, as JSON or as the CSV to download. */
function reportUrl(state: ReportState, format: 'json' | 'csv'): string {
  const params = queryOf(state.filters);
  if (state.report === 'analytic') params.set('by', state.by);
  if (format === 'csv') params.set('format', 'csv');
  return `/api/ledger/reports/${state.report}?${params}`;
}

export class ReportsPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    state: { state: true },
    draft: { state: true },
    result: { state: true },
    journals: { state: true },
    members: { state: true },
    loading: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
  };

  static override styles = [
    sharedStyles,
    ledgerStyles,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr));
        gap: 0.9rem 1rem;
        align-items: start;
      }
      .chooser {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
      }
      .chooser label {
        font-weight: 400;
        display: flex;
        align-items: center;
        gap: 0.4rem;
        cursor: pointer;
      }
      .filters-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
        justify-content: space-between;
      }
      .downloads {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
      }
      .downloads a {
        white-space: nowrap;
      }
      .report-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem 1rem;
      }
      table.report th,
      table.report td {
        padding-block: 0.4rem;
        padding-inline: 0.6rem;
      }
      thead th.group {
        text-align: center;
        border-inline-start: 1px solid var(--gie-border);
      }
      th.start-group,
      td.start-group {
        border-inline-start: 1px solid var(--gie-border);
      }
      tbody.account th.account-head,
      tbody.entry th.entry-head {
        background: var(--gie-primary-soft);
        color: var(--gie-text);
        text-align: start;
      }
      .check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        margin-block: 0.75rem 0;
      }
      td.negative {
        color: var(--gie-danger);
      }
    `,
  ];

  declare user: User | null;
  /** The report shown (and in the address). */
  declare state: ReportState;
  /** The filters being typed, applied by "Afficher". */
  declare draft: Filters;
  declare result: Result | null;
  declare journals: Journal[];
  declare members: Member[];
  declare loading: boolean;
  declare error: Text | null;
  declare fieldErrors: FieldErrors<FilterField>;

  private readonly i18n = new LocaleController(this);
  private requestId = 0;
  private unsubscribe: (() => void) | null = null;

  constructor() {
    super();
    this.user = null;
    this.state = { report: 'trial-balance', by: 'member', filters: { ...EMPTY_FILTERS } };
    this.draft = { ...EMPTY_FILTERS };
    this.result = null;
    this.journals = [];
    this.members = [];
    this.loading = false;
    this.error = null;
    this.fieldErrors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = onRouteChange(() => {
      if (location.pathname !== PATH) return;
      const fromUrl = stateFromUrl(location.search);
      if (fromUrl.filters.from && fromUrl.filters.to && urlOf(fromUrl) !== urlOf(this.state)) {
        this.state = fromUrl;
        this.draft = { ...fromUrl.filters };
        void this.load();
      }
    });
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async start(): Promise<void> {
    const state = stateFromUrl(location.search);
    this.loading = true;
    const [years, journals, members] = await Promise.all([
      loadFiscalYears().catch(() => []),
      loadJournals().catch(() => [] as Journal[]),
      call(api.members.$get({ query: { pageSize: '200', sort: 'code' } })).then(
        (p) => p.items,
        () => [] as Member[],
      ),
    ]);
    this.journals = journals;
    this.members = members;
    if (!state.filters.from || !state.filters.to) {
      const range = yearRange(years, todayIso());
      state.filters.from ||= range.from;
      state.filters.to ||= range.to;
    }
    this.state = state;
    this.draft = { ...state.filters };
    history.replaceState(null, '', urlOf(state));
    await this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.requestId;
    const state = this.state;
    this.loading = true;
    this.error = null;
    this.fieldErrors = {};
    try {
      const query = Object.fromEntries(queryOf(state.filters)) as Filters;
      const reports = api.ledger.reports;
      let result: Result;
      switch (state.report) {
        case 'trial-balance':
          result = { report: state.report, data: (await call(reports['trial-balance'].$get({ query }))) as TrialBalance };
          break;
        case 'general-ledger':
          result = { report: state.report, data: (await call(reports['general-ledger'].$get({ query }))) as GeneralLedger };
          break;
        case 'journal':
          result = { report: state.report, data: (await call(reports.journal.$get({ query }))) as JournalListing };
          break;
        default:
          result = {
            report: 'analytic',
            by: state.by,
            data: (await call(reports.analytic.$get({ query: { ...query, by: state.by } }))) as AnalyticResult,
          };
      }
      if (id !== this.requestId) return;
      this.result = result;
    } catch (error) {
      if (id !== this.requestId) return;
      this.result = null;
      if (error instanceof ApiProblem && error.status === 400 && error.errors.length > 0) {
        const fields: FieldErrors<FilterField> = {};
        for (const e of error.errors) {
          if ((FILTER_FIELDS as readonly string[]).includes(e.path))
            fields[e.path as FilterField] = { key: 'form.refused', detail: e.message };
        }
        this.fieldErrors = fields;
      }
      this.error = problemText(error);
    } finally {
      if (id === this.requestId) this.loading = false;
    }
  }

  private apply(changes: Partial<ReportState>): void {
    this.state = { ...this.state, ...changes };
    history.replaceState(null, '', urlOf(this.state));
    void this.load();
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-ledger-tabs current="ledgerReports" .userRole=${this.user?.role}></gie-ledger-tabs>
      <h1>${t('ledger.reports.title')}</h1>
      <p class="lead">${t('ledger.reports.intro')}</p>
      ${this.renderFilters()}
      <div role="alert" data-testid="reports-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderResult()}`;
  }

  private renderFilters() {
    const { t } = this.i18n;
    const d = this.draft;
    const errors = this.fieldErrors;
    const input = (
      field: FilterField,
      labelKey: MessageKey,
      type: 'date' | 'text',
      extra: { hint?: string; maxlength?: number } = {},
    ) => {
      const id = `report-${field}`;
      const describedBy = [errors[field] ? `${id}-error` : '', extra.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
      return html`<div class="field">
        <label for=${id}>${t(labelKey)}</label>
        <input
          id=${id}
          type=${type}
          dir=${type === 'text' ? 'ltr' : nothing}
          maxlength=${extra.maxlength ?? nothing}
          autocomplete="off"
          data-testid=${id}
          aria-invalid=${errors[field] ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          .value=${d[field]}
          @input=${(e: Event) => this.setDraft(field, (e.target as HTMLInputElement).value)}
        />
        ${extra.hint ? html`<p class="hint" id="${id}-hint">${extra.hint}</p>` : nothing}
        ${errors[field] ? html`<p class="field-error" id="${id}-error">${textOf(errors[field])}</p>` : nothing}
      </div>`;
    };
    return html`<form class="card" novalidate aria-labelledby="report-filters-title" data-testid="report-filters" @submit=${this.submit}>
      <h2 id="report-filters-title" class="visually-hidden">${t('ledger.reports.filters')}</h2>
      <fieldset>
        <legend>${t('ledger.reports.choose')}</legend>
        <div class="chooser" role="radiogroup" aria-label=${t('ledger.reports.choose')}>
          ${REPORTS.map(
            (report) => html`<label>
              <input
                type="radio"
                name="report"
                value=${report}
                data-testid="report-choice-${report}"
                .checked=${this.state.report === report}
                @change=${() => this.chooseReport(report)}
              />
              ${t(REPORT_LABELS[report])}
            </label>`,
          )}
        </div>
        ${
          this.state.report === 'analytic'
            ? html`<div class="chooser" role="radiogroup" aria-label=${t('ledger.reports.analyticBy')} style="margin-block-start: 0.5rem">
              ${(['member', 'service'] as const).map(
                (by) => html`<label>
                  <input
                    type="radio"
                    name="by"
                    value=${by}
                    data-testid="report-by-${by}"
                    .checked=${this.state.by === by}
                    @change=${() => this.apply({ by })}
                  />
                  ${t(by === 'member' ? 'ledger.reports.byMember' : 'ledger.reports.byService')}
                </label>`,
              )}
            </div>`
            : nothing
        }
      </fieldset>
      <div class="filters">
        ${input('from', 'ledger.filter.from', 'date')} ${input('to', 'ledger.filter.to', 'date')}
        <div class="field">
          <label for="report-journal">${t('ledger.field.journal')}</label>
          <select id="report-journal" data-testid="report-journal" @change=${(e: Event) => this.setDraft('journal', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${d.journal === ''}>${t('ledger.filter.allJournals')}</option>
            ${this.journals.map((j) => html`<option value=${j.code} ?selected=${d.journal === j.code}>${optionText(j.code, j.label)}</option>`)}
          </select>
        </div>
        ${input('accountFrom', 'ledger.filter.accountFrom', 'text', { maxlength: 30, hint: t('ledger.filter.accountHint') })}
        ${input('accountTo', 'ledger.filter.accountTo', 'text', { maxlength: 30 })}
        <div class="field">
          <label for="report-memberId">${t('ledger.col.member')}</label>
          <select id="report-memberId" data-testid="report-memberId" @change=${(e: Event) => this.setDraft('memberId', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${d.memberId === ''}>${t('ledger.filter.allMembers')}</option>
            ${this.members
              .filter((m) => m.code)
              .map(
                (m) =>
                  html`<option value=${String(m.id)} ?selected=${d.memberId === String(m.id)}>${optionText(m.code, m.legalName)}</option>`,
              )}
          </select>
        </div>
        ${input('service', 'ledger.col.service', 'text', { maxlength: 40 })}
      </div>
      <div class="filters-actions">
        <div class="actions">
          <button type="submit" data-testid="report-run" aria-busy=${this.loading ? 'true' : 'false'} ?disabled=${this.loading}>
            ${this.loading ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.reports.run')}
          </button>
          <button type="button" class="secondary" data-testid="report-reset" @click=${this.reset}>${t('members.filter.reset')}</button>
        </div>
        ${this.renderDownloads()}
      </div>
    </form>`;
  }

  private renderDownloads() {
    const { t } = this.i18n;
    const state = this.state;
    if (!state.filters.from || !state.filters.to) return nothing;
    const exportQuery = queryOf(state.filters).toString();
    return html`<div class="downloads" role="group" aria-label=${t('ledger.reports.downloads')}>
      <a href=${reportUrl(state, 'csv')} download data-testid="report-csv">${t('ledger.reports.csv')}</a>
      <a href="/api/ledger/exports/accounting?${exportQuery}" download data-testid="export-accounting">${t('ledger.reports.exportCsv')}</a>
      <a href="/api/ledger/exports/hledger?${exportQuery}" download data-testid="export-hledger">${t('ledger.reports.exportHledger')}</a>
    </div>`;
  }

  private renderResult() {
    const { t } = this.i18n;
    const result = this.result;
    if (!result) {
      return this.loading
        ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('ledger.reports.loading')}</p>`
        : nothing;
    }
    const { from, to } = this.state.filters;
    const title =
      result.report === 'analytic'
        ? `${t(REPORT_LABELS.analytic)} — ${t(result.by === 'member' ? 'ledger.reports.byMember' : 'ledger.reports.byService')}`
        : t(REPORT_LABELS[result.report]);
    let body: TemplateResult;
    switch (result.report) {
      case 'trial-balance':
        body = this.renderTrialBalance(result.data);
        break;
      case 'general-ledger':
        body = this.renderGeneralLedger(result.data);
        break;
      case 'journal':
        body = this.renderJournal(result.data);
        break;
      default:
        body = this.renderAnalytic(result.data, result.by);
    }
    return html`<section class="card" aria-labelledby="report-title" aria-busy=${this.loading ? 'true' : 'false'} data-testid="report">
      <div class="report-head">
        <h2 id="report-title" data-testid="report-title">${title}</h2>
        <span class="hint">
          ${t('ledger.reports.range', { from: formatDay(from), to: formatDay(to) })} · ${t('ledger.reports.inDirhams')}
        </span>
      </div>
      <div class="table-state" role="status">
        ${this.loading ? html`<span class="loading"><span class="spinner" aria-hidden="true"></span>${t('ledger.reports.loading')}</span>` : nothing}
      </div>
      ${body}
    </section>`;
  }

  private glLink(account: string): string {
    const state: ReportState = {
      report: 'general-ledger',
      by: this.state.by,
      filters: { ...this.state.filters, accountFrom: account, accountTo: account },
    };
    return urlOf(state);
  }

  private renderTrialBalance(tb: TrialBalance) {
    const { t } = this.i18n;
    if (tb.rows.length === 0) return html`<p data-testid="report-empty">${t('ledger.reports.empty')}</p>`;
    const totals = tb.totals;
    const movementsAgree = sameAmount(totals.debit, totals.credit);
    const closingAgrees = sameAmount(totals.closingDebit, totals.closingCredit);
    const openingAgrees = sameAmount(totals.openingDebit, totals.openingCredit);
    // with a line filter (journal, member, service, accounts) the columns need not agree: only a check when unfiltered
    const filtered = ['journal', 'accountFrom', 'accountTo', 'memberId', 'service'].some(
      (f) => this.state.filters[f as FilterField],
    );
    const balanced = movementsAgree && closingAgrees && openingAgrees;
    return html`<div class="table-wrap">
        <table class="report" data-testid="trial-balance">
          <caption class="visually-hidden">
            ${t('ledger.reports.trialBalance')}
          </caption>
          <colgroup>
            <col />
            <col />
          </colgroup>
          <colgroup span="2"></colgroup>
          <colgroup span="2"></colgroup>
          <colgroup span="2"></colgroup>
          <thead>
            <tr>
              <th scope="col" rowspan="2">${t('ledger.col.account')}</th>
              <th scope="col" rowspan="2">${t('ledger.col.accountLabel')}</th>
              <th scope="colgroup" colspan="2" class="group">${t('ledger.col.opening')}</th>
              <th scope="colgroup" colspan="2" class="group">${t('ledger.col.movements')}</th>
              <th scope="colgroup" colspan="2" class="group">${t('ledger.col.closing')}</th>
            </tr>
            <tr>
              ${[0, 1, 2].map(
                () => html`<th scope="col" class="amount start-group">${t('ledger.col.debit')}</th>
                  <th scope="col" class="amount">${t('ledger.col.credit')}</th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${tb.rows.map(
              (r) => html`<tr data-account=${r.account}>
                <th scope="row" class="code"><a href=${this.glLink(r.account)} title=${t('ledger.reports.openLedger', { account: r.account })}>${code(r.account)}</a></th>
                <td><bdi>${r.label}</bdi></td>
                <td class="amount start-group" data-col="opening-debit">${sideOf(r.opening, 'debit', { bare: true })}</td>
                <td class="amount" data-col="opening-credit">${sideOf(r.opening, 'credit', { bare: true })}</td>
                <td class="amount start-group" data-col="debit">${amount(r.debit, { blankZero: true, bare: true })}</td>
                <td class="amount" data-col="credit">${amount(r.credit, { blankZero: true, bare: true })}</td>
                <td class="amount start-group" data-col="closing-debit">${sideOf(r.closing, 'debit', { bare: true })}</td>
                <td class="amount" data-col="closing-credit">${sideOf(r.closing, 'credit', { bare: true })}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr data-testid="tb-totals">
              <th scope="row" colspan="2">${t('ledger.col.totals')}</th>
              <td class="amount start-group" data-testid="tb-total-opening-debit">${amount(totals.openingDebit, { bare: true })}</td>
              <td class="amount" data-testid="tb-total-opening-credit">${amount(totals.openingCredit, { bare: true })}</td>
              <td class="amount start-group" data-testid="tb-total-debit">${amount(totals.debit, { bare: true })}</td>
              <td class="amount" data-testid="tb-total-credit">${amount(totals.credit, { bare: true })}</td>
              <td class="amount start-group" data-testid="tb-total-closing-debit">${amount(totals.closingDebit, { bare: true })}</td>
              <td class="amount" data-testid="tb-total-closing-credit">${amount(totals.closingCredit, { bare: true })}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p
        class="check ${balanced || filtered ? 'notice' : 'alert'}"
        data-testid="tb-check"
        data-balanced=${movementsAgree ? 'true' : 'false'}
      >
        <span aria-hidden="true">${movementsAgree ? '✓' : '≠'}</span>
        ${
          movementsAgree
            ? t('ledger.reports.balanced', { amount: formatAmount(totals.debit as `${number}`) })
            : t('ledger.reports.unbalanced', {
                debit: formatAmount(totals.debit as `${number}`),
                credit: formatAmount(totals.credit as `${number}`),
              })
        }
        ${filtered ? html`<span class="hint">${t('ledger.reports.filteredHint')}</span>` : nothing}
      </p>
      <p class="hint">${t('ledger.reports.accounts', { count: formatNumber(tb.rows.length) })}</p>`;
  }

  private renderGeneralLedger(gl: GeneralLedger) {
    const { t } = this.i18n;
    if (gl.accounts.length === 0) return html`<p data-testid="report-empty">${t('ledger.reports.empty')}</p>`;
    const memberCode = (id: number | null) => (id === null ? null : (this.members.find((m) => m.id === id)?.code ?? `#${id}`));
    return html`<div class="table-wrap">
      <table class="report" data-testid="general-ledger">
        <caption class="visually-hidden">
          ${t('ledger.reports.generalLedger')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('ledger.field.date')}</th>
            <th scope="col">${t('ledger.col.reference')}</th>
            <th scope="col">${t('ledger.field.journal')}</th>
            <th scope="col">${t('ledger.col.lineLabel')}</th>
            <th scope="col" class="amount">${t('ledger.col.debit')}</th>
            <th scope="col" class="amount">${t('ledger.col.credit')}</th>
            <th scope="col" class="amount">${t('ledger.col.balance')}</th>
          </tr>
        </thead>
        ${gl.accounts.map(
          (a) => html`<tbody class="account" data-account=${a.account}>
            <tr>
              <th scope="rowgroup" colspan="7" class="account-head" id="gl-${a.account}">${code(a.account)} — <bdi>${a.label}</bdi></th>
            </tr>
            <tr class="subtotal">
              <td colspan="6">${t('ledger.col.opening')}</td>
              <td class="amount" data-col="opening">${balance(a.opening, { bare: true })}</td>
            </tr>
            ${a.lines.map(
              (l) => html`<tr>
                <td class="nowrap">${formatDay(l.date, { dateStyle: 'short' })}</td>
                <td class="code"><a href="/ledger/entries/${l.entryId}">${code(l.reference)}</a></td>
                <td>${code(l.journal)}</td>
                <td>
                  <bdi>${l.label}</bdi>
                  ${
                    l.memberId !== null || l.service
                      ? html`<span class="sub">${[memberCode(l.memberId), l.service].filter(Boolean).join(' · ')}</span>`
                      : nothing
                  }
                </td>
                <td class="amount">${amount(l.debit, { blankZero: true, bare: true })}</td>
                <td class="amount">${amount(l.credit, { blankZero: true, bare: true })}</td>
                <td class="amount">${balance(l.balance, { bare: true })}</td>
              </tr>`,
            )}
            <tr class="subtotal">
              <td colspan="6">${t('ledger.col.closing')}</td>
              <td class="amount" data-col="closing">${balance(a.closing, { bare: true })}</td>
            </tr>
          </tbody>`,
        )}
      </table>
    </div>`;
  }

  private renderJournal(listing: JournalListing) {
    const { t } = this.i18n;
    if (listing.entries.length === 0) return html`<p data-testid="report-empty">${t('ledger.reports.empty')}</p>`;
    let debit = 0n;
    let credit = 0n;
    for (const e of listing.entries) {
      debit += toCents(e.debit) ?? 0n;
      credit += toCents(e.credit) ?? 0n;
    }
    return html`<div class="table-wrap">
      <table class="report" data-testid="journal-listing">
        <caption class="visually-hidden">
          ${t('ledger.reports.journal')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('ledger.col.account')}</th>
            <th scope="col">${t('ledger.col.lineLabel')}</th>
            <th scope="col" class="amount">${t('ledger.col.debit')}</th>
            <th scope="col" class="amount">${t('ledger.col.credit')}</th>
          </tr>
        </thead>
        ${listing.entries.map(
          (e) => html`<tbody class="entry" data-reference=${e.reference}>
            <tr>
              <th scope="rowgroup" colspan="4" class="entry-head">
                <a href="/ledger/entries/${e.entryId}">${code(e.reference)}</a> · ${formatDay(e.date, { dateStyle: 'medium' })} ·
                <bdi>${e.label}</bdi>${e.sourceRef ? html` · ${code(e.sourceRef)}` : nothing}
              </th>
            </tr>
            ${e.lines.map(
              (l) => html`<tr>
                <td class="code">${code(l.account)}</td>
                <td><bdi>${l.label}</bdi></td>
                <td class="amount">${amount(l.debit, { blankZero: true, bare: true })}</td>
                <td class="amount">${amount(l.credit, { blankZero: true, bare: true })}</td>
              </tr>`,
            )}
          </tbody>`,
        )}
        <tfoot>
          <tr>
            <th scope="row" colspan="2">${t('ledger.reports.journalTotals', { count: formatNumber(listing.entries.length) })}</th>
            <td class="amount">${amount(fromCents(debit), { bare: true })}</td>
            <td class="amount">${amount(fromCents(credit), { bare: true })}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  private renderAnalytic(result: AnalyticResult, by: AnalyticBy) {
    const { t } = this.i18n;
    if (result.rows.length === 0) return html`<p data-testid="report-empty">${t('ledger.reports.empty')}</p>`;
    const sum = (field: 'products' | 'charges' | 'result') =>
      fromCents(result.rows.reduce((n, r) => n + (toCents(r[field]) ?? 0n), 0n));
    const nameOf = (memberId: number | null) => this.members.find((m) => m.id === memberId)?.legalName;
    return html`<div class="table-wrap">
      <table class="report" data-testid="analytic">
        <caption class="visually-hidden">
          ${t('ledger.reports.analytic')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t(by === 'member' ? 'ledger.col.member' : 'ledger.col.service')}</th>
            <th scope="col" class="amount">${t('ledger.col.products')}</th>
            <th scope="col" class="amount">${t('ledger.col.charges')}</th>
            <th scope="col" class="amount">${t('ledger.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          ${result.rows.map((r) => {
            const name = by === 'member' ? nameOf(r.memberId) : undefined;
            return html`<tr data-key=${by === 'member' ? (r.memberCode ?? '') : (r.service ?? '')}>
              <th scope="row">
                ${code((by === 'member' ? r.memberCode : r.service) ?? '—')}
                ${name ? html`<span class="sub"><bdi>${name}</bdi></span>` : nothing}
              </th>
              <td class="amount">${amount(r.products, { bare: true })}</td>
              <td class="amount">${amount(r.charges, { bare: true })}</td>
              <td class="amount ${r.result.startsWith('-') ? 'negative' : ''}">${amount(r.result, { bare: true })}</td>
            </tr>`;
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${t('ledger.col.totals')}</th>
            <td class="amount">${amount(sum('products'), { bare: true })}</td>
            <td class="amount">${amount(sum('charges'), { bare: true })}</td>
            <td class="amount">${amount(sum('result'), { bare: true })}</td>
          </tr>
        </tfoot>
      </table>
    </div>
    <p class="hint">${t('ledger.reports.analyticHint')}</p>`;
  }

  private setDraft(field: FilterField, value: string): void {
    this.draft = { ...this.draft, [field]: value };
  }

  private chooseReport(report: Report): void {
    // the filters typed so far apply to the report chosen
    this.apply({ report, filters: { ...this.draft } });
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const errors: FieldErrors<FilterField> = {};
    if (!this.draft.from) errors.from = { key: 'form.required' };
    if (!this.draft.to) errors.to = { key: 'form.required' };
    if (this.draft.from && this.draft.to && this.draft.to < this.draft.from) errors.to = { key: 'ledger.filter.toBeforeFrom' };
    if (Object.keys(errors).length > 0) {
      this.fieldErrors = errors;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    this.apply({
      filters: {
        ...this.draft,
        accountFrom: this.draft.accountFrom.trim().toUpperCase(),
        accountTo: this.draft.accountTo.trim().toUpperCase(),
        service: this.draft.service.trim().toUpperCase(),
      },
    });
  }

  private reset(): void {
    const range = { from: this.state.filters.from, to: this.state.filters.to };
    void loadFiscalYears()
      .then((years) => yearRange(years, todayIso()))
      .catch(() => range)
      .then((r) => {
        this.draft = { ...EMPTY_FILTERS, ...r };
        this.apply({ filters: { ...this.draft } });
      });
  }
}

customElements.define('gie-reports-page', ReportsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-reports-page': ReportsPage;
  }
}
