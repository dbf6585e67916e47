// The VAT return worksheet (/reporting): a month or a quarter picked, the VAT collected and the VAT recoverable by
// rate, the VAT due or the credit, and under each rate the payments behind it; the CSV and PDF of the same figures.
import { html, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import { textOf } from '../app/forms.ts';
import { formatDay } from '../i18n/localize.ts';
import {
  bare,
  MONTHS,
  monthName,
  rateText,
  StatementPage,
  statementUrl,
  type VatLine,
  type VatRateRow,
  type VatReturn,
} from './statements-ui.ts';

type Side = 'collected' | 'deductible';

/** The period in the address (?period=2026-04 or 2026-Q2), else the current month. */
function periodFromAddress(): string {
  const asked = new URLSearchParams(location.search).get('period');
  if (asked && /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(asked)) return asked;
  return new Date().toISOString().slice(0, 7);
}

export class VatReturnPage extends StatementPage<VatReturn> {
  static override properties = {
    ...StatementPage.properties,
    period: { state: true },
    open: { state: true },
  };

  declare period: string;
  /** The rate whose lines are shown: "collected:20". */
  declare open: string | null;

  constructor() {
    super();
    this.period = periodFromAddress();
    this.open = null;
  }

  protected override fetch(): Promise<VatReturn> {
    return call(api.reporting['vat-return'].$get({ query: { period: this.period } })) as Promise<VatReturn>;
  }

  protected override load(): Promise<void> {
    this.open = null;
    return super.load();
  }

  private choose(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const year = String(form.get('year') ?? '');
    this.period = form.get('kind') === 'quarter' ? `${year}-${form.get('quarter')}` : `${year}-${form.get('month')}`;
    this.show(`/reporting?period=${this.period}`);
  }

  /** Month → the quarter containing it; quarter → its first month. */
  private switchKind(kind: string): void {
    const [year = '', part = ''] = this.period.split('-');
    if (kind === 'quarter' && !part.startsWith('Q')) this.period = `${year}-Q${Math.ceil(Number(part) / 3)}`;
    if (kind === 'month' && part.startsWith('Q'))
      this.period = `${year}-${String(Number(part.slice(1)) * 3 - 2).padStart(2, '0')}`;
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-statements-tabs current="reporting" .userRole=${this.user?.role}></gie-statements-tabs>
      <div class="page-head">
        <div>
          <h1>${t('stmt.tab.vat')}</h1>
          <p class="lead">${t('stmt.vat.lead')}</p>
        </div>
      </div>
      ${this.renderPicker()}
      <div role="alert">${this.error ? html`<p class="alert" data-testid="vat-error">${textOf(this.error)}</p>` : nothing}</div>
      ${
        this.loading
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('stmt.loading')}</p>`
          : this.data
            ? this.renderReturn(this.data)
            : nothing
      }`;
  }

  private renderPicker() {
    const { t } = this.i18n;
    const [year = '', part = ''] = this.period.split('-');
    const quarter = part.startsWith('Q');
    const locale = document.documentElement.lang || 'fr';
    return html`<form class="period" @submit=${this.choose} data-testid="vat-period">
      <label>${t('stmt.period')}
        <select name="kind" data-testid="vat-kind" @change=${(e: Event) => this.switchKind((e.target as HTMLSelectElement).value)}>
          <option value="month" ?selected=${!quarter}>${t('stmt.period.month')}</option>
          <option value="quarter" ?selected=${quarter}>${t('stmt.period.quarter')}</option>
        </select>
      </label>
      ${
        quarter
          ? html`<label>${t('stmt.period.quarter')}
              <select name="quarter" data-testid="vat-quarter">
                ${[1, 2, 3, 4].map((n) => html`<option value="Q${n}" ?selected=${part === `Q${n}`}>${t('stmt.quarter', { n })}</option>`)}
              </select>
            </label>`
          : html`<label>${t('stmt.period.month')}
              <select name="month" data-testid="vat-month">
                ${MONTHS.map((m) => html`<option value=${m} ?selected=${part === m}>${monthName(m, locale)}</option>`)}
              </select>
            </label>`
      }
      <label>${t('stmt.period.year')}
        <input name="year" type="number" min="2000" max="2100" required .value=${year} data-testid="vat-year" dir="ltr" />
      </label>
      <button type="submit" data-testid="vat-show">${t('stmt.show')}</button>
    </form>`;
  }

  private renderReturn(data: VatReturn) {
    const { t } = this.i18n;
    const query = { period: data.period.code };
    return html`<div class="downloads" role="group" aria-label=${t('stmt.downloads')}>
        <a href=${statementUrl('vat-return', query, 'csv')} download data-testid="vat-csv">${t('stmt.csv')}</a>
        <a href=${statementUrl('vat-return', query, 'pdf')} target="_blank" rel="noopener" data-testid="vat-pdf">${t('stmt.pdf')}</a>
      </div>
      <p class="help">${t('stmt.amountsIn')}</p>
      ${this.renderSide(data, 'collected')} ${this.renderSide(data, 'deductible')}
      <section aria-labelledby="vat-result">
        <h2 id="vat-result">${t('stmt.vat.result')}</h2>
        <dl class="result">
          <dt>${t('stmt.vat.due')}</dt>
          <dd class="amount figure" data-testid="vat-due">${bare(data.due)}</dd>
          <dt>${t('stmt.vat.credit')}</dt>
          <dd class="amount figure" data-testid="vat-credit">${bare(data.credit)}</dd>
        </dl>
      </section>`;
  }

  private renderSide(data: VatReturn, side: Side) {
    const { t } = this.i18n;
    const title = t(side === 'collected' ? 'stmt.vat.collected' : 'stmt.vat.deductible');
    const figures = data[side];
    const openRow = figures.byRate.find((r) => this.open === `${side}:${r.vat}`);
    return html`<section aria-labelledby="vat-${side}" data-testid="vat-${side}">
      <h2 id="vat-${side}">${title}</h2>
      <p class="help">${t(side === 'collected' ? 'stmt.vat.collectedHelp' : 'stmt.vat.deductibleHelp')}</p>
      ${
        figures.byRate.length === 0
          ? html`<p class="empty">${t('stmt.vat.none')}</p>`
          : html`<div class="table-wrap">
              <table>
                <caption class="visually-hidden">${title}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t('stmt.col.rate')}</th>
                    <th scope="col" class="amount">${t('stmt.col.base')}</th>
                    <th scope="col" class="amount">${t('stmt.col.vat')}</th>
                    <th scope="col">${t('stmt.col.lines')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${figures.byRate.map((r) => this.renderRate(side, r))}
                  <tr class="total">
                    <th scope="row">${t('stmt.vat.total')}</th>
                    <td class="amount">${bare(figures.base)}</td>
                    <td class="amount" data-testid="vat-${side}-total">${bare(figures.total)}</td>
                    <td></td>
                  </tr>
                </tbody>
              </table>
            </div>`
      }
      ${
        openRow
          ? this.renderLines(
              side,
              openRow,
              data.lines.filter((l) => l.side === side && l.vat === openRow.vat),
            )
          : nothing
      }
    </section>`;
  }

  private renderRate(side: Side, r: VatRateRow) {
    const { t } = this.i18n;
    const key = `${side}:${r.vat}`;
    const isOpen = this.open === key;
    return html`<tr data-testid="vat-rate" data-side=${side} data-rate=${r.vat}>
      <th scope="row">${rateText(r.vat, r.rate)}</th>
      <td class="amount">${bare(r.base)}</td>
      <td class="amount" data-testid="vat-rate-amount">${bare(r.amount)}</td>
      <td>
        <button
          type="button"
          class="link"
          aria-expanded=${isOpen ? 'true' : 'false'}
          aria-controls="lines-${side}"
          data-testid="vat-drill"
          @click=${() => {
            this.open = isOpen ? null : key;
          }}
        >
          ${isOpen ? t('stmt.vat.hideLines') : t('stmt.vat.showLines', { count: r.lines })}
        </button>
      </td>
    </tr>`;
  }

  private renderLines(side: Side, row: VatRateRow, lines: VatLine[]) {
    const { t } = this.i18n;
    const title = t('stmt.vat.linesOf', {
      side: t(side === 'collected' ? 'stmt.vat.collected' : 'stmt.vat.deductible'),
      rate: rateText(row.vat, row.rate),
    });
    return html`<div class="table-wrap" id="lines-${side}">
      <table data-testid="vat-lines">
        <caption>${title}</caption>
        <thead>
          <tr>
            <th scope="col">${t('stmt.col.date')}</th>
            <th scope="col">${t('stmt.col.document')}</th>
            <th scope="col">${t('stmt.col.party')}</th>
            <th scope="col">${t('stmt.col.reference')}</th>
            <th scope="col" class="amount">${t('stmt.col.paid')}</th>
            <th scope="col" class="amount">${t('stmt.col.base')}</th>
            <th scope="col" class="amount">${t('stmt.col.vat')}</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (l) => html`<tr data-testid="vat-line">
              <td class="nowrap">${formatDay(l.date, { dateStyle: 'medium' })}</td>
              <td>
                ${
                  side === 'collected'
                    ? html`<a href="/invoicing/${l.documentId}"><bdi>${l.documentNumber}</bdi></a>`
                    : html`<a href="/pooling/purchases"><bdi>${l.documentNumber}</bdi></a>`
                }
              </td>
              <td><bdi>${l.party}</bdi></td>
              <td><bdi>${l.reference ?? ''}</bdi></td>
              <td class="amount">${bare(l.paid)}</td>
              <td class="amount">${bare(l.base)}</td>
              <td class="amount">${bare(l.amount)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('gie-vat-return-page', VatReturnPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-vat-return-page': VatReturnPage;
  }
}
