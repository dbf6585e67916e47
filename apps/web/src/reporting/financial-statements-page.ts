// The bilan and the CPC of a fiscal year (/reporting/financial-statements), by CGNC mass and rubric with the
// previous year beside, as the API laid them out from the ledger; whether the bilan balances; CSV and PDF.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { bare, type FinancialStatements, type StatementRow, statementStyles, statementUrl } from './statements-ui.ts';
import './statements-ui.ts';

function yearFromAddress(): string {
  const asked = new URLSearchParams(location.search).get('year');
  return asked && /^\d{4}$/.test(asked) ? asked : String(new Date().getUTCFullYear());
}

export class FinancialStatementsPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    year: { state: true },
    data: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, statementStyles];

  declare user: User | null;
  declare year: string;
  declare data: FinancialStatements | null;
  declare loading: boolean;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.year = yearFromAddress();
    this.data = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.data = (await call(api.reporting['financial-statements'].$get({ query: { year: this.year } }))) as FinancialStatements;
    } catch (error) {
      this.data = null;
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  private choose(event: SubmitEvent): void {
    event.preventDefault();
    this.year = String(new FormData(event.target as HTMLFormElement).get('year'));
    history.replaceState(history.state, '', `/reporting/financial-statements?year=${this.year}`);
    void this.load();
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
