// The bilan and the CPC of a fiscal year (/reporting/financial-statements), by CGNC mass and rubric with the
// previous year beside, as the API laid them out from the ledger; whether the bilan balances; CSV and PDF.
import { html, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import { textOf } from '../app/forms.ts';
import { bare, type FinancialStatements, StatementPage, type StatementRow, statementUrl } from './statements-ui.ts';

function yearFromAddress(): string {
  const asked = new URLSearchParams(location.search).get('year');
  return asked && /^\d{4}$/.test(asked) ? asked : String(new Date().getUTCFullYear());
}

export class FinancialStatementsPage extends StatementPage<FinancialStatements> {
  static override properties = {
    ...StatementPage.properties,
    year: { state: true },
  };

  declare year: string;

  constructor() {
    super();
    this.year = yearFromAddress();
  }

  protected override fetch(): Promise<FinancialStatements> {
    return call(api.reporting['financial-statements'].$get({ query: { year: this.year } })) as Promise<FinancialStatements>;
  }

  private choose(event: SubmitEvent): void {
    event.preventDefault();
    this.year = String(new FormData(event.target as HTMLFormElement).get('year'));
    this.show(`/reporting/financial-statements?year=${this.year}`);
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-statements-tabs current="reportingFinancial" .userRole=${this.user?.role}></gie-statements-tabs>
      <div class="page-head">
        <div>
          <h1>${t('nav.reportingFinancial')}</h1>
          <p class="lead">${t('stmt.fin.lead')}</p>
        </div>
      </div>
      <form class="period" @submit=${this.choose}>
        <label>${t('stmt.fin.year')}
          <input name="year" type="number" min="2000" max="2100" required .value=${this.year} dir="ltr" data-testid="fin-year" />
        </label>
        <button type="submit">${t('stmt.show')}</button>
      </form>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${
        this.loading
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('stmt.loading')}</p>`
          : this.data
            ? this.renderStatements(this.data)
            : nothing
      }`;
  }

  private renderStatements(data: FinancialStatements) {
    const { t } = this.i18n;
    const query = { year: data.year.startsOn.slice(0, 4) };
    return html`<div class="downloads" role="group" aria-label=${t('stmt.downloads')}>
        <a href=${statementUrl('financial-statements', query, 'csv')} download data-testid="fin-csv">${t('stmt.csv')}</a>
        <a href=${statementUrl('financial-statements', query, 'pdf')} target="_blank" rel="noopener">${t('stmt.pdf')}</a>
      </div>
      ${
        data.balanced
          ? html`<p class="notice" data-testid="fin-balanced">${t('stmt.fin.balanced')}</p>`
          : html`<p class="alert" data-testid="fin-unbalanced">${t('stmt.fin.unbalanced', { accounts: data.unmapped.join(', ') })}</p>`
      }
      <p class="help">${t('stmt.amountsIn')}</p>
      ${this.renderTable('actif', t('stmt.fin.actif'), data.bilan.actif, data)}
      ${this.renderTable('passif', t('stmt.fin.passif'), data.bilan.passif, data)} ${this.renderTable('cpc', t('stmt.fin.cpc'), data.cpc, data)}`;
  }

  private renderTable(id: string, title: string, rows: StatementRow[], data: FinancialStatements) {
    const { t } = this.i18n;
    return html`<section aria-labelledby="fin-${id}">
      <h2 id="fin-${id}">${title}</h2>
      <div class="table-wrap">
        <table data-testid="fin-${id}">
          <caption class="visually-hidden">${title}</caption>
          <thead>
            <tr>
              <th scope="col">${t('stmt.fin.rubric')}</th>
              <th scope="col" class="amount">${t('stmt.fin.current', { year: data.year.startsOn.slice(0, 4) })}</th>
              <th scope="col" class="amount">
                ${data.previousYear ? t('stmt.fin.current', { year: data.previousYear.startsOn.slice(0, 4) }) : t('stmt.fin.previous')}
              </th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) => html`<tr class=${r.kind} data-key=${r.key}>
                <th scope="row">${r.kind === 'rubric' ? html`<span dir="ltr">${r.key}</span> ` : nothing}${r.label}</th>
                <td class="amount">${bare(r.current)}</td>
                <td class="amount">${r.previous === null ? '' : bare(r.previous)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }
}

customElements.define('gie-financial-statements-page', FinancialStatementsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-financial-statements-page': FinancialStatementsPage;
  }
}
