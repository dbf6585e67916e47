// What the three dashboards share: loading a year's figures with a skeleton while they come, the year picker,
// the figure tiles, month names in the reader's language, and the layout of the charts.
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiProblem } from '../api/client.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatAmount, formatDay, LocaleController, t } from '../i18n/localize.ts';
import { decimal } from '../ledger/money.ts';
import '../charts/bar-chart.ts';
import '../charts/donut-chart.ts';
import '../charts/line-chart.ts';

/** "2026-03" as the reader's short month name ("mars", "مارس", "Mar"). */
export const monthLabel = (month: string): string => formatDay(`${month}-15`, { month: 'short' });

/** An API amount in dirhams, as the reader writes it. */
export const money = (value: string): string => formatAmount(decimal(value));

export const dashboardStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: 0.75rem 1.5rem;
    margin-block-end: 1rem;
  }
  .head h2 {
    margin: 0;
  }
  .head label {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 600;
  }
  select {
    font: inherit;
    min-block-size: 2.25rem;
    padding-inline: 0.5rem;
    border: 1px solid var(--gie-border);
    border-radius: var(--gie-radius);
    background: var(--gie-surface);
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 0.75rem;
    margin: 0 0 1.25rem;
    padding: 0;
    list-style: none;
  }
  .tile {
    background: var(--gie-surface);
    border: 1px solid var(--gie-border);
    border-radius: var(--gie-radius);
    padding: 0.75rem 1rem;
    box-shadow: var(--gie-shadow);
  }
  .tile .name {
    color: var(--gie-muted);
    font-size: 0.85rem;
    display: block;
  }
  .tile .figure {
    font-size: 1.25rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .tile .figure.negative {
    color: var(--gie-danger);
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
    gap: 1.25rem;
  }
  .charts .card {
    margin: 0;
  }
  .charts .wide {
    grid-column: 1 / -1;
  }
  .card h3 {
    font-size: 1rem;
  }
  .skeleton {
    display: grid;
    gap: 1rem;
  }
  .skeleton .block {
    border-radius: var(--gie-radius);
    background: linear-gradient(90deg, #e7ebef 25%, #f3f5f7 50%, #e7ebef 75%);
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
    block-size: 5rem;
  }
  .skeleton .block.tall {
    block-size: 14rem;
  }
  @keyframes shimmer {
    from {
      background-position: 200% 0;
    }
    to {
      background-position: -200% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton .block {
      animation: none;
    }
  }
  table.list {
    border-collapse: collapse;
    inline-size: 100%;
    font-variant-numeric: tabular-nums;
  }
  table.list th,
  table.list td {
    text-align: start;
    padding: 0.35rem 0.5rem;
    border-block-end: 1px solid var(--gie-border);
  }
  table.list td.number,
  table.list th.number {
    text-align: end;
  }
  .empty {
    color: var(--gie-muted);
  }
`;

/** The overdue ageing's brackets, in days past the due date. */
export const BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;

/** The cards the GIE's and a member's dashboards both show, drawn from the same shapes of the API's figures. */
export function invoicedCollectedCard(
  months: readonly string[],
  revenue: ReadonlyArray<{ ttc: string; collected: string }>,
  wide = false,
): TemplateResult {
  return html`<section class=${wide ? 'card wide' : 'card'} data-testid="chart-revenue-months">
    <h3>${t('dash.invoicedCollected')}</h3>
    <gie-bar-chart
      .categories=${months}
      .series=${[
        { label: t('dash.invoicedTtc'), values: revenue.map((r) => r.ttc) },
        { label: t('dash.collected'), values: revenue.map((r) => r.collected) },
      ]}
      heading=${t('dash.invoicedCollected')}
      category-heading=${t('dash.month')}
    ></gie-bar-chart>
  </section>`;
}

export function pooledByServiceCard(pooled: {
  services: ReadonlyArray<{ name: string; amount: string }>;
  total: string;
}): TemplateResult {
  return html`<section class="card" data-testid="chart-pooled-services">
    <h3>${t('dash.pooledByService')}</h3>
    ${
      pooled.services.length === 0
        ? html`<p class="empty">${t('dash.pooledNone')}</p>`
        : html`<gie-donut-chart
            .parts=${pooled.services.map((s) => ({ label: s.name, value: s.amount }))}
            total=${pooled.total}
            heading=${t('dash.pooledByService')}
            category-heading=${t('dash.service')}
          ></gie-donut-chart>`
    }
  </section>`;
}

export function ageingCard(overdue: { asOf: string; buckets: Record<(typeof BUCKETS)[number], string> }): TemplateResult {
  const heading = t('dash.ageing', { date: formatDay(overdue.asOf) });
  return html`<section class="card" data-testid="chart-ageing">
    <h3>${heading}</h3>
    <gie-bar-chart
      .categories=${BUCKETS.map((b) => t(`dash.bucket.${b}`))}
      .series=${[{ label: t('dash.overdue'), values: BUCKETS.map((b) => overdue.buckets[b]) }]}
      heading=${heading}
      category-heading=${t('dash.lateness')}
    ></gie-bar-chart>
  </section>`;
}

/** A figure with its name; negative amounts in the danger colour. */
export function tile(name: string, figure: string, testId: string, negative = false): TemplateResult {
  return html`<li class="tile">
    <span class="name"><bdi>${name}</bdi></span>
    <span class=${negative ? 'figure negative' : 'figure'} data-testid=${testId}><bdi>${figure}</bdi></span>
  </li>`;
}

/**
 * A dashboard: loads its year's figures when shown and when the year changes, shows a skeleton meanwhile (a year
 * of books can take a second), the API's problem if it fails, and the figures through `renderFigures`.
 */
export abstract class DashboardElement<T extends { period: { year: number } }> extends LitElement {
  static override properties = {
    year: { state: true },
    data: { state: true },
    loading: { state: true },
    failure: { state: true },
  };

  static override styles = [sharedStyles, dashboardStyles];

  declare year: number | null;
  declare data: T | null;
  declare loading: boolean;
  declare failure: string | null;

  protected readonly i18n = new LocaleController(this);
  private request = 0;

  constructor() {
    super();
    this.year = null;
    this.data = null;
    this.loading = false;
    this.failure = null;
  }

  /** The API call of this dashboard, for a year (the current one when null). */
  protected abstract fetchFigures(year: number | null): Promise<T>;
  /** The dashboard's title. */
  protected abstract heading(): string;
  protected abstract renderFigures(data: T): unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('year') && changed.get('year') !== undefined) void this.load();
  }

  private async load(): Promise<void> {
    const ticket = ++this.request;
    this.loading = true;
    this.failure = null;
    try {
      const data = await this.fetchFigures(this.year);
      if (ticket === this.request) this.data = data;
    } catch (error) {
      if (ticket === this.request) this.failure = error instanceof ApiProblem ? error.message : String(error);
    } finally {
      if (ticket === this.request) this.loading = false;
    }
  }

  private years(): number[] {
    const now = new Date().getUTCFullYear();
    const shown = this.data?.period.year ?? now;
    const years = new Set([now + 1, now, now - 1, now - 2, now - 3, now - 4, shown]);
    return [...years].sort((a, b) => b - a);
  }

  override render() {
    const { t } = this.i18n;
    const shown = this.year ?? this.data?.period.year ?? null;
    return html`<section data-testid="dashboard" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="head">
        <h2>${this.heading()}</h2>
        <label
          >${t('dash.year')}
          <select
            data-testid="dashboard-year"
            @change=${(e: Event) => {
              this.year = Number((e.target as HTMLSelectElement).value);
            }}
          >
            ${this.years().map((y) => html`<option value=${y} ?selected=${y === shown}>${y}</option>`)}
          </select>
        </label>
      </div>
      ${this.failure ? html`<p class="alert" role="alert">${this.failure}</p>` : nothing}
      ${
        this.loading
          ? html`<div class="skeleton" role="status" data-testid="dashboard-loading">
              <span class="visually-hidden">${t('dash.loading')}</span>
              <div class="block"></div>
              <div class="block tall"></div>
              <div class="block tall"></div>
            </div>`
          : this.data
            ? this.renderFigures(this.data)
            : nothing
      }
    </section>`;
  }
}
