// The payment-delay statement of a quarter (/reporting/payment-delays, law 69-21): supplier bills and customer
// invoices paid late or unpaid past their due date, with the days late and the fine, as the API computed them.
import { html, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import { textOf } from '../app/forms.ts';
import { formatDay, formatDecimal } from '../i18n/localize.ts';
import { bare, type DelayLine, type PaymentDelays, StatementPage, statementUrl } from './statements-ui.ts';

function quarterFromAddress(): string {
  const asked = new URLSearchParams(location.search).get('quarter');
  if (asked && /^\d{4}-Q[1-4]$/.test(asked)) return asked;
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

export class PaymentDelaysPage extends StatementPage<PaymentDelays> {
  static override properties = {
    ...StatementPage.properties,
    quarter: { state: true },
  };

  declare quarter: string;

  constructor() {
    super();
    this.quarter = quarterFromAddress();
  }

  protected override fetch(): Promise<PaymentDelays> {
    return call(api.reporting['payment-delays'].$get({ query: { quarter: this.quarter } })) as Promise<PaymentDelays>;
  }

  private choose(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.quarter = `${form.get('year')}-${form.get('quarter')}`;
    this.show(`/reporting/payment-delays?quarter=${this.quarter}`);
  }

  override render() {
    const { t } = this.i18n;
    const [year = '', part = ''] = this.quarter.split('-');
    return html`<gie-statements-tabs current="reportingDelays" .userRole=${this.user?.role}></gie-statements-tabs>
      <div class="page-head">
        <div>
          <h1>${t('nav.reportingDelays')}</h1>
          <p class="lead">${t('stmt.delays.lead')}</p>
        </div>
      </div>
      <form class="period" @submit=${this.choose} data-testid="delays-period">
        <label>${t('stmt.period.quarter')}
          <select name="quarter">
            ${[1, 2, 3, 4].map((n) => html`<option value="Q${n}" ?selected=${part === `Q${n}`}>${t('stmt.quarter', { n })}</option>`)}
          </select>
        </label>
        <label>${t('stmt.period.year')}
          <input name="year" type="number" min="2000" max="2100" required .value=${year} dir="ltr" />
        </label>
        <button type="submit">${t('stmt.show')}</button>
      </form>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${
        this.loading
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('stmt.loading')}</p>`
          : this.data
            ? html`<div class="downloads" role="group" aria-label=${t('stmt.downloads')}>
                  <a href=${statementUrl('payment-delays', { quarter: this.data.period.code }, 'csv')} download data-testid="delays-csv"
                    >${t('stmt.csv')}</a
                  >
                  <a href=${statementUrl('payment-delays', { quarter: this.data.period.code }, 'pdf')} target="_blank" rel="noopener"
                    >${t('stmt.pdf')}</a
                  >
                </div>
                <p class="help">${t('stmt.amountsIn')}</p>
                ${this.renderSide('supplier', this.data)} ${this.renderSide('customer', this.data)}`
            : nothing
      }`;
  }

  private renderSide(side: 'customer' | 'supplier', data: PaymentDelays) {
    const { t } = this.i18n;
    const title = t(side === 'customer' ? 'stmt.delays.customer' : 'stmt.delays.supplier');
    const { lines, amount, fines } = data[side];
    return html`<section aria-labelledby="delays-${side}" data-testid="delays-${side}">
      <h2 id="delays-${side}">${title}</h2>
      ${
        lines.length === 0
          ? html`<p class="empty">${t('stmt.delays.none')}</p>`
          : html`<div class="table-wrap">
              <table>
                <caption class="visually-hidden">${title}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t('stmt.col.document')}</th>
                    <th scope="col">${t('stmt.col.party')}</th>
                    <th scope="col">${t('stmt.col.dueDate')}</th>
                    <th scope="col">${t('stmt.col.status')}</th>
                    <th scope="col">${t('stmt.col.paidOn')}</th>
                    <th scope="col" class="amount">${t('stmt.col.amount')}</th>
                    <th scope="col" class="amount">${t('stmt.col.daysLate')}</th>
                    <th scope="col" class="amount">${t('stmt.col.fineRate')}</th>
                    <th scope="col" class="amount">${t('stmt.col.fine')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${lines.map((l) => this.renderLine(l))}
                  <tr class="total">
                    <th scope="row" colspan="5">${t('stmt.vat.total')}</th>
                    <td class="amount">${bare(amount)}</td>
                    <td></td>
                    <td></td>
                    <td class="amount" data-testid="delays-${side}-fines">${bare(fines)}</td>
                  </tr>
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  private renderLine(l: DelayLine) {
    const { t } = this.i18n;
    return html`<tr data-testid="delay-line">
      <td>
        ${
          l.side === 'customer'
            ? html`<a href="/invoicing/${l.documentId}"><bdi>${l.number}</bdi></a>`
            : html`<a href="/pooling/purchases"><bdi>${l.number}</bdi></a>`
        }
      </td>
      <td><bdi>${l.party}</bdi></td>
      <td class="nowrap">${formatDay(l.dueDate, { dateStyle: 'medium' })}</td>
      <td>${t(l.status === 'unpaid' ? 'stmt.status.unpaid' : 'stmt.status.paid_late')}</td>
      <td class="nowrap">${formatDay(l.paidOn, { dateStyle: 'medium' })}</td>
      <td class="amount">${bare(l.amount)}</td>
      <td class="amount">${l.daysLate}</td>
      <td class="amount">${formatDecimal(l.rate)}</td>
      <td class="amount">${bare(l.fine)}</td>
    </tr>`;
  }
}

customElements.define('gie-payment-delays-page', PaymentDelaysPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-payment-delays-page': PaymentDelaysPage;
  }
}
