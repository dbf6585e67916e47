// What the back office's SVG charts share: series of the API's decimal texts, the scale that turns them into
// lengths, the palette, value formatting by locale, and the styles of the chart, its legend and its data table.
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { formatAmount, formatNumber, t } from '../i18n/localize.ts';
import { decimal } from '../ledger/money.ts';
import type { ValueKind } from './chart-scale.ts';

export * from './chart-scale.ts';

/** One series of a chart: a name and one API value per category ("10082.08" for money, "3" for a count). */
export interface ChartSeries {
  label: string;
  values: readonly string[];
}

/** A value as the chart and its table show it, in the current language ("10 082,08" in French). */
export function formatValue(value: string, kind: ValueKind): string {
  if (kind === 'count') return formatNumber(Number(value));
  return formatAmount(decimal(value), 'MAD', { symbol: false });
}

/** An axis label: hundredths as a whole number of the current language (the axis needs no centimes). */
export const tickLabel = (value: bigint): string => formatNumber(Number(value / 100n));

/** The table of the figures under a chart, closed by default: the same numbers for a reader who cannot see it. */
export function dataTable(
  caption: string,
  heading: string,
  categories: readonly string[],
  series: readonly ChartSeries[],
  kind: ValueKind,
) {
  return html`<details data-testid="chart-data">
    <summary>${t('chart.showData')}</summary>
    <table>
      <caption class="visually-hidden">${caption}</caption>
      <thead>
        <tr>
          <th scope="col">${heading}</th>
          ${series.map((s) => html`<th scope="col">${s.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${categories.map(
          (category, i) => html`<tr>
            <th scope="row">${category}</th>
            ${series.map((s) => html`<td class="number"><bdi>${formatValue(s.values[i] ?? '0', kind)}</bdi></td>`)}
          </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

/** The legend of several series, as HTML so that it flows right to left with the page. */
export function legend(series: readonly ChartSeries[]) {
  if (series.length < 2) return nothing;
  return html`<ul class="legend">
    ${series.map(
      (s, i) => html`<li><span class="swatch" style="background:${colourOf(i)}" aria-hidden="true"></span>${s.label}</li>`,
    )}
  </ul>`;
}

/**
 * Keeps a chart's drawing width equal to its box, so that its texts keep their size in a narrow card: the SVG is
 * laid out in pixels of the box it has.
 */
export class ChartWidth implements ReactiveController {
  /** The width to draw at, in CSS pixels. */
  value: number;
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    initial = 640,
  ) {
    this.value = initial;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const width = Math.round(entries[0]?.contentRect.width ?? 0);
      if (width >= 200 && Math.abs(width - this.value) > 4) {
        this.value = Math.min(width, 1400);
        this.host.requestUpdate();
      }
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}

/** Colours of the series, told apart by more than hue where the chart also labels them. */
export const PALETTE = [
  '#0b5d57',
  '#c9822b',
  '#4f81bd',
  '#8a5fa8',
  '#c0504d',
  '#5b8c5a',
  '#7f6a4d',
  '#2f9aa8',
  '#d4a017',
  '#7f7f7f',
];
export const colourOf = (index: number): string => PALETTE[index % PALETTE.length] as string;

/** The styles of every chart: the figure, the SVG's texts, the legend and the table of the figures. */
export const chartStyles = css`
  figure {
    margin: 0;
  }
  svg {
    inline-size: 100%;
    block-size: auto;
    display: block;
    overflow: visible;
  }
  .axis,
  .grid {
    stroke: var(--gie-border);
  }
  .zero {
    stroke: var(--gie-muted);
  }
  .tick,
  .category,
  .label,
  .value {
    font: 12px var(--gie-font);
    fill: var(--gie-muted);
    font-variant-numeric: tabular-nums;
  }
  .value,
  .label {
    fill: var(--gie-text);
  }
  figcaption {
    color: var(--gie-muted);
    font-size: 0.9rem;
  }
  .legend {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem 1rem;
    margin: 0.5rem 0 0;
    padding: 0;
    font-size: 0.85rem;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .swatch {
    inline-size: 0.8rem;
    block-size: 0.8rem;
    border-radius: 2px;
    flex: none;
  }
  details {
    margin-block-start: 0.5rem;
    font-size: 0.85rem;
  }
  summary {
    cursor: pointer;
    color: var(--gie-primary);
  }
  table {
    border-collapse: collapse;
    margin-block-start: 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.2rem 0.6rem;
    border-block-end: 1px solid var(--gie-border);
    text-align: start;
  }
  td.number {
    text-align: end;
  }
  .empty {
    color: var(--gie-muted);
    font-style: italic;
  }
`;
