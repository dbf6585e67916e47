// Supplier bills of the pooled services (/pooling/purchases): each bill entered is posted at once (expenses with the
// service's analytic code, recoverable VAT, the supplier), so it counts in its service's cost pool; the list links
// each to its ledger entry, its due date (law 69-21) and what it still owes; the manager or the accountant records a
// payment on a bill (posted D supplier / C bank, the VAT it makes recoverable counted in the VAT return).
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { takeFlash } from '../app/flash.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { code, newIdempotencyKey } from '../ledger/ledger-ui.ts';
import { isNegative, isZero } from '../ledger/money.ts';
import type { Purchase } from './pooling-types.ts';
import { bare, mayManage, poolingStyles } from './pooling-ui.ts';
import './pooling-ui.ts';

export class PurchasesPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    purchases: { state: true },
    error: { state: true },
    notice: { state: true },
    paying: { state: true },
    busy: { state: true },
  };

  static override styles = [sharedStyles, poolingStyles];

  declare user: User | null;
  declare purchases: Purchase[] | null;
  declare error: Text | null;
  declare notice: Text | null;
  /** The bill whose payment form is open. */
  declare paying: Purchase | null;
  declare busy: boolean;
  private payKey = newIdempotencyKey();

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.purchases = null;
    this.error = null;
    this.notice = null;
    this.paying = null;
    this.busy = false;
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
            <th scope="col">${t('pool.purchase.dueDate')}</th>
            <th scope="col" class="amount">${t('pool.purchase.due')}</th>
            <th scope="col">${t('pool.col.entry')}</th>
            ${mayPay(this.user?.role) ? html`<th scope="col"><span class="visually-hidden">${t('pool.purchase.pay')}</span></th>` : nothing}
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
              <td class="nowrap">${formatDay(p.dueDate, { dateStyle: 'medium' })}</td>
              <td class="amount" data-testid="purchase-due">${bare(p.due)}</td>
              <td><a href="/ledger/entries/${p.entryId}">#${p.entryId}</a></td>
              ${
                mayPay(this.user?.role)
                  ? html`<td>
                      ${
                        !isZero(p.due) && !isNegative(p.due)
                          ? html`<button type="button" class="secondary" data-testid="purchase-pay" @click=${() => this.openPayment(p)}>
                              ${t('pool.purchase.pay')}
                            </button>`
                          : nothing
                      }
                    </td>`
                  : nothing
              }
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${this.paying ? this.renderPayment(this.paying) : nothing}`;
  }

  private openPayment(purchase: Purchase): void {
    this.paying = purchase;
    this.payKey = newIdempotencyKey();
    this.error = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#pay-date')?.focus());
  }

  private async pay(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const bill = this.paying;
    if (!bill || this.busy) return;
    const form = new FormData(event.target as HTMLFormElement);
    const amount = String(form.get('amount') ?? '')
      .trim()
      .replace(',', '.');
    this.busy = true;
    this.error = null;
    try {
      await call(
        api.pooling['supplier-payments'].$post({
          header: { 'idempotency-key': this.payKey },
          json: {
            supplierId: bill.supplierId,
            paidOn: String(form.get('paidOn') ?? ''),
            method: String(form.get('method') ?? 'transfer') as 'transfer',
            amount,
            reference: String(form.get('reference') ?? '').trim() || null,
            allocations: [{ purchaseId: bill.id, amount }],
          },
        }),
      );
      this.notice = { key: 'pool.purchase.paid', params: { amount: bare(amount), number: bill.billNumber } };
      this.paying = null;
      await this.load();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private renderPayment(bill: Purchase) {
    const { t } = this.i18n;
    return html`<section aria-labelledby="pay-title" data-testid="purchase-payment">
      <h2 id="pay-title">${t('pool.purchase.payTitle', { number: bill.billNumber })}</h2>
      <form class="pay" @submit=${this.pay}>
        <div class="field">
          <label for="pay-date">${t('pool.purchase.paidOn')}</label>
          <input id="pay-date" name="paidOn" type="date" required .value=${new Date().toISOString().slice(0, 10)} data-testid="pay-date" />
        </div>
        <div class="field">
          <label for="pay-method">${t('pool.purchase.method')}</label>
          <select id="pay-method" name="method">
            ${['transfer', 'cheque', 'cash', 'bill'].map((m) => html`<option value=${m}>${t(`inv.method.${m}` as MessageKey)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="pay-amount">${t('pool.purchase.amount')}</label>
          <input id="pay-amount" name="amount" inputmode="decimal" required dir="ltr" .value=${bill.due} data-testid="pay-amount" />
        </div>
        <div class="field">
          <label for="pay-reference">${t('pool.purchase.reference')}</label>
          <input id="pay-reference" name="reference" maxlength="100" dir="auto" />
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy} data-testid="pay-confirm">
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('pool.purchase.paying')}` : t('pool.purchase.confirmPay')}
          </button>
          <button type="button" class="secondary" @click=${() => {
            this.paying = null;
          }}>${t('pool.purchase.cancelPay')}</button>
        </div>
      </form>
    </section>`;
  }
}

/** Who records supplier payments (the API's cashiers). */
const mayPay = (role: string | undefined): boolean => role === 'manager' || role === 'accountant' || role === 'admin';

customElements.define('gie-purchases-page', PurchasesPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-purchases-page': PurchasesPage;
  }
}
