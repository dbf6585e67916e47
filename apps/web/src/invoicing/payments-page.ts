// "Encaissements" (/invoicing/payments): the register of customer payments for the GIE's cashiers — filters by
// period, method, bank status and reference or invoice number, one row per payment with the invoices it settles
// (links) and the bank statement that shows it, the total of the selection, and a pager.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import '../app/pager.ts';
import { inputField, problemText, selectField, type Text, textOf } from '../app/forms.ts';
import type { PageChangeEvent } from '../app/pager.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatNumber, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { invoicingStyles, money } from './invoicing-ui.ts';

const METHODS = ['transfer', 'cheque', 'cash', 'bill'] as const;

interface Filters {
  from: string;
  to: string;
  method: string;
  matched: string;
  search: string;
}

type Register = Awaited<ReturnType<typeof loadRegister>>;

function loadRegister(filters: Filters, page: number, pageSize: number) {
  const query: Record<string, string> = { page: String(page), pageSize: String(pageSize) };
  for (const [key, value] of Object.entries(filters)) if (value.trim()) query[key] = value.trim();
  return call(api.invoicing.payments.$get({ query }));
}

export class PaymentsPage extends LitElement {
  static override properties = {
    filters: { state: true },
    register: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, invoicingStyles];

  declare filters: Filters;
  declare register: Register | null;
  declare loading: boolean;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);
  private page = 1;
  private pageSize = 50;
  private loadId = 0;

  constructor() {
    super();
    this.filters = { from: '', to: '', method: '', matched: '', search: '' };
    this.register = null;
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
      const register = await loadRegister(this.filters, this.page, this.pageSize);
      if (id === this.loadId) this.register = register;
    } catch (error) {
      if (id === this.loadId) this.error = problemText(error);
    } finally {
      if (id === this.loadId) this.loading = false;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '');
    this.filters = {
      from: text('from'),
      to: text('to'),
      method: text('method'),
      matched: text('matched'),
      search: text('search'),
    };
    this.page = 1;
    void this.load();
  }

  override render() {
    const { t } = this.i18n;
    const f = this.filters;
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/invoicing">${t('nav.invoicing')}</a></li>
          <li><span aria-current="page">${t('nav.invoicingPayments')}</span></li>
        </ol>
      </nav>
      <div class="page-head">
        <div>
          <h1 tabindex="-1">${t('nav.invoicingPayments')}</h1>
          <p class="lead">${t('payreg.lead')}</p>
        </div>
        <div class="actions">
          <a class="button secondary" href="/invoicing/bank" data-testid="payments-to-bank">${t('payreg.toBank')}</a>
        </div>
      </div>
      <div class="card">
        <form class="toolbar" role="search" data-testid="payments-filters" @submit=${this.submit}>
          ${inputField({ id: 'payments-from', name: 'from', label: t('payreg.from'), type: 'date', value: f.from, testid: 'payments-from' })}
          ${inputField({ id: 'payments-to', name: 'to', label: t('payreg.to'), type: 'date', value: f.to, testid: 'payments-to' })}
          ${selectField({
            id: 'payments-method',
            name: 'method',
            label: t('payreg.method'),
            value: f.method,
            testid: 'payments-method',
            options: [
              { value: '', label: t('payreg.all') },
              ...METHODS.map((m) => ({ value: m, label: t(`inv.method.${m}` as MessageKey) })),
            ],
          })}
          ${selectField({
            id: 'payments-matched',
            name: 'matched',
            label: t('payreg.matched'),
            value: f.matched,
            testid: 'payments-matched',
            options: [
              { value: '', label: t('payreg.all') },
              { value: 'true', label: t('payreg.matched.true') },
              { value: 'false', label: t('payreg.matched.false') },
            ],
          })}
          ${inputField({
            id: 'payments-search',
            name: 'search',
            label: t('payreg.search'),
            type: 'search',
            maxlength: 100,
            value: f.search,
            testid: 'payments-search',
          })}
          <div class="actions">
            <button type="submit" data-testid="payments-apply">${t('payreg.apply')}</button>
          </div>
        </form>
      </div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="table-state" role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('payreg.loading')}</p>` : nothing}
      </div>
      ${this.renderTable()}`;
  }

  private renderTable() {
    const { t } = this.i18n;
    const r = this.register;
    if (!r) return nothing;
    if (r.items.length === 0) return html`<p class="empty" data-testid="payments-empty">${t('payreg.empty')}</p>`;
    return html`<div class="table-wrap" aria-busy=${this.loading ? 'true' : 'false'}>
        <table data-testid="payments-table">
          <caption class="visually-hidden">${t('payreg.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('payreg.col.date')}</th>
              <th scope="col">${t('payreg.col.customer')}</th>
              <th scope="col">${t('payreg.col.reference')}</th>
              <th scope="col">${t('payreg.col.invoices')}</th>
              <th scope="col">${t('payreg.col.method')}</th>
              <th scope="col" class="amount">${t('payreg.col.amount')}</th>
              <th scope="col">${t('payreg.col.bank')}</th>
            </tr>
          </thead>
          <tbody>
            ${r.items.map(
              (p) => html`<tr data-testid="payment-row" data-payment=${p.id}>
                <td class="nowrap">${formatDay(p.receivedOn, { dateStyle: 'medium' })}</td>
                <td><a href="/parties/${p.customerId}"><bdi>${p.customerName}</bdi></a></td>
                <td><bdi>${p.reference ?? '—'}</bdi></td>
                <td>
                  ${p.invoices.map(
                    (i, index) =>
                      html`${index > 0 ? ', ' : ''}<a class="ltr num" href="/invoicing/${i.documentId}" data-testid="payment-invoice"
                          >${i.number}</a
                        >`,
                  )}
                </td>
                <td>${t(`inv.method.${p.method}` as MessageKey)}</td>
                <td class="amount">${money(p.amount)}</td>
                <td data-testid="payment-bank">
                  ${
                    p.bank
                      ? html`<a href="/invoicing/bank/${p.bank.statementId}" data-matched="true"
                          >${t('payreg.seen', { date: formatDay(p.bank.valueDate, { dateStyle: 'medium' }) })}</a
                        >`
                      : html`<span class="badge" data-matched="false">${t('payreg.notSeen')}</span>`
                  }
                </td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="5">${t('payreg.total', { count: formatNumber(r.total) })}</th>
              <td class="amount" data-testid="payments-total">${money(r.totalAmount)}</td>
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>
      <gie-pager
        .page=${r.page}
        .pageSize=${r.pageSize}
        .total=${r.total}
        .busy=${this.loading}
        label=${t('payreg.pager')}
        @page-change=${(e: PageChangeEvent) => {
          this.page = e.page;
          this.pageSize = e.pageSize;
          void this.load();
        }}
      ></gie-pager>`;
  }
}

customElements.define('gie-payments-page', PaymentsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-payments-page': PaymentsPage;
  }
}
