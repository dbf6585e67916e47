// The catalogue of pooled services (/pooling for the staff): each service's analytic code, unit of usage, key in
// force and who takes part; the manager adds a service or opens one to change it, its key and its members.
import { html, LitElement, nothing } from 'lit';
import type { User } from '../api/types.ts';
import { takeFlash } from '../app/flash.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatNumber, LocaleController } from '../i18n/localize.ts';
import { code } from '../ledger/ledger-ui.ts';
import { loadServices } from './pooling-api.ts';
import type { PooledService } from './pooling-types.ts';
import { mayManage, poolingStyles, unitLabel } from './pooling-ui.ts';
import './pooling-ui.ts';

export class ServicesPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    services: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [sharedStyles, poolingStyles];

  declare user: User | null;
  declare services: PooledService[] | null;
  declare loading: boolean;
  declare error: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.services = null;
    this.loading = false;
    this.error = null;
    this.notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.notice = takeFlash(location.pathname)?.notice ?? null;
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      this.services = await loadServices();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const { t } = this.i18n;
    const manager = mayManage(this.user?.role);
    return html`<gie-pooling-tabs current="pooling" .userRole=${this.user?.role}></gie-pooling-tabs>
      <div class="page-head">
        <div>
          <h1>${t('pool.services.title')}</h1>
          <p class="lead">${t('pool.services.lead')}</p>
        </div>
        <div class="actions">
          ${manager ? html`<a class="button" href="/pooling/runs/new" data-testid="services-run">${t('pool.runs.new')}</a>` : nothing}
          ${manager ? html`<a class="button secondary" href="/pooling/services/new" data-testid="service-new">${t('pool.services.new')}</a>` : nothing}
        </div>
      </div>
      <div role="status">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="table-state" role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>` : nothing}
      </div>
      ${this.renderTable()}`;
  }

  private renderTable() {
    const { t } = this.i18n;
    const services = this.services;
    if (!services) return nothing;
    if (services.length === 0) return html`<p class="empty" data-testid="services-empty">${t('pool.services.empty')}</p>`;
    return html`<div class="table-wrap">
      <table data-testid="services-table">
        <caption class="visually-hidden">${t('pool.services.title')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('pool.col.code')}</th>
            <th scope="col">${t('pool.col.service')}</th>
            <th scope="col">${t('pool.col.unit')}</th>
            <th scope="col">${t('pool.col.key')}</th>
            <th scope="col">${t('pool.col.members')}</th>
            <th scope="col">${t('pool.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${services.map(
            (s) => html`<tr data-testid="service-row" data-code=${s.code}>
              <td>${code(s.code)}</td>
              <th scope="row"><a href="/pooling/services/${s.id}" data-testid="service-link"><bdi>${s.name}</bdi></a></th>
              <td>${unitLabel(s.unit)}</td>
              <td>
                ${
                  s.currentKey
                    ? html`<span lang="en" dir="ltr">${s.currentKey.label}</span>
                      <span class="hint">${t('pool.key.since', { date: formatDay(s.currentKey.validFrom, { dateStyle: 'medium' }) })}</span>`
                    : html`<span class="alert-text">${t('pool.key.none')}</span>`
                }
              </td>
              <td>${s.subscription === 'all' ? t('pool.subscription.all') : t('pool.subscription.count', { count: formatNumber(s.memberIds.length) })}</td>
              <td>${s.active ? t('pool.services.active') : html`<span class="badge inactive">${t('pool.services.inactive')}</span>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('gie-services-page', ServicesPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-services-page': ServicesPage;
  }
}
