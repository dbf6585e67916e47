// Supplier bills of the pooled services (/pooling/purchases): each bill entered is posted at once (expenses with the
// service's analytic code, recoverable VAT, the supplier), so it counts in its service's cost pool; the list links
// each to its ledger entry.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { takeFlash } from '../app/flash.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, LocaleController } from '../i18n/localize.ts';
import { code } from '../ledger/ledger-ui.ts';
import type { Purchase } from './pooling-types.ts';
import { bare, mayManage, poolingStyles } from './pooling-ui.ts';
import './pooling-ui.ts';

export class PurchasesPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    purchases: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [sharedStyles, poolingStyles];

  declare user: User | null;
  declare purchases: Purchase[] | null;
  declare error: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.purchases = null;
    this.error = null;
    this.notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.notice = takeFlash(location.pathname)?.notice ?? null;
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.purchases = (await call(api.pooling.purchases.$get({ query: {} }))).items;
    } catch (error) {
      this.error = problemText(error);
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-pooling-tabs current="poolingPurchases" .userRole=${this.user?.role}></gie-pooling-tabs>
      <div class="page-head">
        <div>
          <h1>${t('nav.poolingPurchases')}</h1>
          <p class="lead">${t('pool.purchases.lead')}</p>
        </div>
        ${
          mayManage(this.user?.role)
            ? html`<div class="actions"><a class="button" href="/pooling/purchases/new" data-testid="purchase-new">${t('nav.poolingPurchaseNew')}</a></div>`
            : nothing
        }
      </div>
      <div role="status" data-testid="purchases-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderTable()}`;
  }

  private renderTable() {
    const { t } = this.i18n;
    const list = this.purchases;
    if (!list)
      return this.error
        ? nothing
        : html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    if (list.length === 0) return html`<p class="empty" data-testid="purchases-empty">${t('pool.purchases.empty')}</p>`;
    return html`<div class="table-wrap">
      <table data-testid="purchases-table">
        <caption class="visually-hidden">${t('nav.poolingPurchases')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('pool.col.date')}</th>
            <th scope="col">${t('pool.purchase.supplier')}</th>
            <th scope="col">${t('pool.purchase.number')}</th>
            <th scope="col">${t('pool.col.services')}</th>
            <th scope="col" class="amount">${t('pool.col.totalHt')}</th>
            <th scope="col" class="amount">${t('pool.col.vat')}</th>
            <th scope="col" class="amount">${t('pool.col.totalTtc')}</th>
            <th scope="col">${t('pool.col.entry')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (p) => html`<tr data-testid="purchase-row">
              <td class="nowrap">${formatDay(p.billDate, { dateStyle: 'medium' })}</td>
              <td><bdi>${p.supplierName}</bdi></td>
              <td>${code(p.billNumber)}</td>
              <td>${[...new Set(p.lines.map((l) => l.serviceCode))].map((c, i) => html`${i > 0 ? ', ' : ''}${code(c)}`)}</td>
              <td class="amount">${bare(p.totalHt)}</td>
              <td class="amount">${bare(p.totalVat)}</td>
              <td class="amount">${bare(p.totalTtc)}</td>
              <td><a href="/ledger/entries/${p.entryId}">#${p.entryId}</a></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('gie-purchases-page', PurchasesPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-purchases-page': PurchasesPage;
  }
}
