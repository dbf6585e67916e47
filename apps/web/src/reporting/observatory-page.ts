// "Observatoire" (/observatory): the indicators of a period for the staff and the read-only observatory role —
// filters (period, province, sector, area), key figures, the tables per province and per sector, CSV and XLSX
// downloads, and for the staff the yearly activity report PDF with a progress line while it is prepared.
import { css, html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import { inputField, problemText, selectField, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { currentLocale, formatAmount, formatNumber, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { decimal } from '../ledger/money.ts';

/** The JSON answer (the same route also answers CSV and XLSX files). */
type Statistics = Extract<Awaited<ReturnType<typeof loadStatistics>>, { totals: unknown }>;
type Row = Statistics['totals'];
type Figures = NonNullable<Row['figures']>;

interface Filters {
  from: string;
  to: string;
  province: string;
  sector: string;
  area: string;
}

const YEAR = new Date().getFullYear();
const COLUMNS: ReadonlyArray<{ key: keyof Figures; label: MessageKey; amount?: true }> = [
  { key: 'members', label: 'obs.col.members' },
  { key: 'people', label: 'obs.col.people' },
  { key: 'women', label: 'obs.col.women' },
  { key: 'youth', label: 'obs.col.youth' },
  { key: 'jobs', label: 'obs.col.jobs' },
  { key: 'revenue', label: 'obs.col.revenue', amount: true },
  { key: 'pooled', label: 'obs.col.pooled', amount: true },
  { key: 'contribution', label: 'obs.col.contribution', amount: true },
  { key: 'admissions', label: 'obs.col.admissions' },
];

function queryOf(filters: Filters): Record<string, string> {
  const query: Record<string, string> = { from: filters.from, to: filters.to };
  for (const key of ['province', 'sector', 'area'] as const) if (filters[key]) query[key] = filters[key];
  return query;
}

function loadStatistics(filters: Filters) {
  return call(api.reporting.observatory.$get({ query: queryOf(filters) as never }));
}

async function loadJson(filters: Filters): Promise<Statistics> {
  return (await loadStatistics(filters)) as Statistics;
}

export class ObservatoryPage extends LitElement {
  static override properties = {
    userRole: { attribute: false },
    filters: { state: true },
    stats: { state: true },
    loading: { state: true },
    error: { state: true },
    reportYear: { state: true },
    preparing: { state: true },
    reportError: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: flex-end;
      }
      .toolbar > .field {
        flex: 1 1 10rem;
      }
      .table-state {
        min-block-size: 1.5rem;
      }
      .key-figures {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.75rem;
        margin: 0 0 1rem;
      }
      .key-figures > div {
        border: 1px solid var(--border, #d0d7de);
        border-radius: 0.4rem;
        padding: 0.5rem 0.75rem;
      }
      .key-figures dt {
        font-size: 0.85rem;
      }
      .key-figures dd {
        margin: 0.25rem 0 0;
        font-size: 1.35rem;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      section.card {
        margin-block-start: 1rem;
      }
    `,
  ];

  /** The signed-in user's role: the staff also get the activity report. */
  declare userRole: Role | undefined;
  declare filters: Filters;
  declare stats: Statistics | null;
  declare loading: boolean;
  declare error: Text | null;
  declare reportYear: string;
  declare preparing: boolean;
  declare reportError: Text | null;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;

  constructor() {
    super();
    this.userRole = undefined;
    this.filters = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, province: '', sector: '', area: '' };
    this.stats = null;
    this.loading = false;
    this.error = null;
    this.reportYear = String(YEAR);
    this.preparing = false;
    this.reportError = null;
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
      const stats = await loadJson(this.filters);
      if (id === this.loadId) this.stats = stats;
    } catch (error) {
      if (id === this.loadId) this.error = problemText(error);
    } finally {
      if (id === this.loadId) this.loading = false;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    this.filters = { from: text('from'), to: text('to'), province: text('province'), sector: text('sector'), area: text('area') };
    void this.load();
  }

  private fileUrl(format: 'csv' | 'xlsx'): string {
    return `/api/reporting/observatory?${new URLSearchParams({ ...queryOf(this.filters), format })}`;
  }

  /** The PDF takes a few seconds: fetched here so that the page can say it is being prepared, then saved. */
  private async downloadReport(): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#obs-report-year');
    this.reportYear = input?.value.trim() || this.reportYear;
    this.preparing = true;
    this.reportError = null;
    try {
      const response = await fetch(`/api/reporting/activity-report?year=${encodeURIComponent(this.reportYear)}&format=pdf`, {
        credentials: 'same-origin',
      });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
        this.reportError = { raw: problem?.detail ?? problem?.title ?? String(response.status) };
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `rapport-activite-${this.reportYear}.pdf`;
      link.dataset.testid = 'activity-report-link';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.reportError = problemText(error);
    } finally {
      this.preparing = false;
    }
  }

  private nameOf(list: Statistics['provinces'], code: string | null): string {
    const { t } = this.i18n;
    if (code === null) return t('obs.unknown');
    const found = list.find((r) => r.code === code);
    return found ? found[currentLocale()] : code;
  }

  private cell(row: Row, key: keyof Figures, amount: boolean) {
    if (!row.figures) return html`<span title=${this.i18n.t('obs.hiddenWhy')}>—</span>`;
    const value = row.figures[key];
    return amount ? formatAmount(decimal(String(value)), 'MAD', { symbol: false }) : formatNumber(value as number);
  }

  override render() {
    const { t } = this.i18n;
    const f = this.filters;
    const s = this.stats;
    const staff = this.userRole !== undefined && this.userRole !== 'observatory';
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('nav.observatory')}</h1>
          <p class="lead">${t('obs.lead')}</p>
        </div>
      </div>
      <div class="card">
        <form class="toolbar" role="search" data-testid="obs-filters" @submit=${this.submit}>
          ${inputField({ id: 'obs-from', name: 'from', label: t('obs.from'), type: 'date', value: f.from, testid: 'obs-from' })}
          ${inputField({ id: 'obs-to', name: 'to', label: t('obs.to'), type: 'date', value: f.to, testid: 'obs-to' })}
          ${selectField({
            id: 'obs-province',
            name: 'province',
            label: t('obs.province'),
            value: f.province,
            testid: 'obs-province',
            options: [
              { value: '', label: t('obs.all') },
              ...(s?.provinces ?? []).map((p) => ({ value: p.code, label: p[currentLocale()] })),
            ],
          })}
          ${selectField({
            id: 'obs-sector',
            name: 'sector',
            label: t('obs.sector'),
            value: f.sector,
            testid: 'obs-sector',
            options: [
              { value: '', label: t('obs.all') },
              ...(s?.sectors ?? []).map((p) => ({ value: p.code, label: p[currentLocale()] })),
            ],
          })}
          ${selectField({
            id: 'obs-area',
            name: 'area',
            label: t('obs.area'),
            value: f.area,
            testid: 'obs-area',
            options: [
              { value: '', label: t('obs.all') },
              { value: 'rural', label: t('obs.area.rural') },
              { value: 'urban', label: t('obs.area.urban') },
            ],
          })}
          <div class="actions">
            <button type="submit" data-testid="obs-apply">${t('obs.apply')}</button>
          </div>
        </form>
      </div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="table-state" role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('obs.loading')}</p>` : nothing}
      </div>
      ${s ? this.renderStatistics(s) : nothing} ${staff ? this.renderReport() : nothing}`;
  }

  private renderStatistics(s: Statistics) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="obs-key-title">
        <h2 id="obs-key-title">${t('obs.keyFigures')}</h2>
        ${s.totals.suppressed ? html`<p class="hint" data-testid="obs-hidden-note">${t('obs.hiddenWhy')}</p>` : nothing}
        <dl class="key-figures" data-testid="obs-key-figures">
          ${COLUMNS.map(
            (c) => html`<div>
              <dt>${t(c.label)}</dt>
              <dd data-testid="obs-figure-${c.key}">${this.cell(s.totals, c.key, c.amount === true)}</dd>
            </div>`,
          )}
        </dl>
        <div class="actions" role="group" aria-label=${t('obs.downloads')}>
          <a class="button secondary" href=${this.fileUrl('csv')} download data-testid="obs-csv">${t('obs.csv')}</a>
          <a class="button secondary" href=${this.fileUrl('xlsx')} download data-testid="obs-xlsx">${t('obs.xlsx')}</a>
        </div>
        <p class="hint">${t('obs.rule', { n: String(s.minimumGroup) })}</p>
      </section>
      ${this.renderTable('province', t('obs.byProvince'), s.byProvince, s.provinces)}
      ${this.renderTable('sector', t('obs.bySector'), s.bySector, s.sectors)}`;
  }

  private renderTable(id: string, title: string, rows: Row[], names: Statistics['provinces']) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="obs-${id}-title">
      <h2 id="obs-${id}-title">${title}</h2>
      ${
        rows.length === 0
          ? html`<p class="empty">${t('obs.empty')}</p>`
          : html`<div class="table-wrap">
            <table data-testid="obs-table-${id}">
              <thead>
                <tr>
                  <th scope="col">${id === 'province' ? t('obs.province') : t('obs.sector')}</th>
                  ${COLUMNS.map((c) => html`<th scope="col" class=${c.amount ? 'amount' : 'num'}>${t(c.label)}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (row) => html`<tr data-testid="obs-row" data-code=${row.code ?? ''} data-suppressed=${String(row.suppressed)}>
                    <th scope="row"><bdi>${this.nameOf(names, row.code)}</bdi>${
                      row.suppressed ? html` <span class="hint">(${t('obs.hiddenShort')})</span>` : nothing
                    }</th>
                    ${COLUMNS.map((c) => html`<td class=${c.amount ? 'amount' : 'num'}>${this.cell(row, c.key, c.amount === true)}</td>`)}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
    </section>`;
  }

  private renderReport() {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="obs-report-title">
      <h2 id="obs-report-title">${t('obs.report')}</h2>
      <p class="lead">${t('obs.report.lead')}</p>
      <div class="toolbar">
        ${inputField({
          id: 'obs-report-year',
          name: 'year',
          label: t('obs.report.year'),
          type: 'number',
          min: '2000',
          max: '2100',
          value: this.reportYear,
          testid: 'obs-report-year',
        })}
        <div class="actions">
          <button type="button" ?disabled=${this.preparing} @click=${() => void this.downloadReport()} data-testid="obs-report">
            ${t('obs.report.download')}
          </button>
        </div>
      </div>
      <div role="status">
        ${
          this.preparing
            ? html`<p class="loading" data-testid="obs-report-progress">
              <span class="spinner" aria-hidden="true"></span>${t('obs.report.preparing')}
            </p>`
            : nothing
        }
      </div>
      <div role="alert">${this.reportError ? html`<p class="alert">${textOf(this.reportError)}</p>` : nothing}</div>
    </section>`;
  }
}

customElements.define('gie-observatory-page', ObservatoryPage);
