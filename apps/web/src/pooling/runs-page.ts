// The allocation runs (/pooling/runs), newest first, filtered by state: their period, services, total and entry;
// the manager starts the wizard from here.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { problemText, selectField, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, LocaleController } from '../i18n/localize.ts';
import { code } from '../ledger/ledger-ui.ts';
import type { RunSummary } from './pooling-types.ts';
import { bare, mayManage, periodText, poolingStyles, runStatusBadge, runStatusLabel } from './pooling-ui.ts';
import './pooling-ui.ts';

const STATUSES = ['draft', 'posted', 'reversed'] as const;

export class RunsPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    status: { state: true },
    runs: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, poolingStyles];

  declare user: User | null;
  declare status: string;
  declare runs: RunSummary[] | null;
  declare loading: boolean;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;

  constructor() {
    super();
    this.user = null;
    this.status = '';
    this.runs = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    this.loading = true;
    this.error = null;
    try {
      const status = (STATUSES as readonly string[]).includes(this.status) ? (this.status as RunSummary['status']) : undefined;
      const answer = await call(api.pooling.runs.$get({ query: status ? { status } : {} }));
      if (id === this.loadId) this.runs = answer.items;
    } catch (error) {
      if (id === this.loadId) this.error = problemText(error);
    } finally {
      if (id === this.loadId) this.loading = false;
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-pooling-tabs current="poolingRuns" .userRole=${this.user?.role}></gie-pooling-tabs>
      <div class="page-head">
        <div>
          <h1>${t('nav.poolingRuns')}</h1>
          <p class="lead">${t('pool.runs.lead')}</p>
        </div>
        ${
          mayManage(this.user?.role)
            ? html`<div class="actions"><a class="button" href="/pooling/runs/new" data-testid="run-new">${t('pool.runs.new')}</a></div>`
            : nothing
        }
      </div>
      <div class="card toolbar" role="search">
        ${selectField({
          id: 'filter-status',
          label: t('pool.runs.status'),
          value: this.status,
          testid: 'runs-status',
          options: [{ value: '', label: t('pool.all') }, ...STATUSES.map((s) => ({ value: s, label: runStatusLabel(s) }))],
          onChange: (status) => {
            this.status = status;
            void this.load();
          },
        })}
      </div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="table-state" role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>` : nothing}
      </div>
      ${this.renderTable()}`;
  }

  private renderTable() {
    const { t } = this.i18n;
    const runs = this.runs;
    if (!runs) return nothing;
    if (runs.length === 0) return html`<p class="empty" data-testid="runs-empty">${t('pool.runs.empty')}</p>`;
    return html`<div class="table-wrap" aria-busy=${this.loading ? 'true' : 'false'}>
      <table data-testid="runs-table">
        <caption class="visually-hidden">${t('nav.poolingRuns')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('pool.col.run')}</th>
            <th scope="col">${t('pool.col.period')}</th>
            <th scope="col">${t('pool.col.services')}</th>
            <th scope="col" class="amount">${t('pool.col.totalHt')}</th>
            <th scope="col">${t('pool.col.status')}</th>
            <th scope="col">${t('pool.col.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          ${runs.map(
            (r) => html`<tr data-testid="run-row" data-status=${r.status}>
              <th scope="row"><a href="/pooling/runs/${r.id}" data-testid="run-link">${t('pool.run.title', { id: r.id })}</a></th>
              <td class="nowrap">${periodText(r.from, r.to)}</td>
              <td>${r.services.map((s, i) => html`${i > 0 ? ', ' : ''}${code(s)}`)}</td>
              <td class="amount">${bare(r.total)}</td>
              <td>${runStatusBadge(r.status)}</td>
              <td class="nowrap">${formatDateTime(r.createdAt)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('gie-runs-page', RunsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-runs-page': RunsPage;
  }
}
