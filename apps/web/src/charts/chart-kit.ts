// What the back office's SVG charts share: series of the API's decimal texts, the scale that turns them into
// lengths, the palette, value formatting by locale, and the styles of the chart, its legend and its data table.
import { css, html, nothing } from 'lit';
import { formatAmount, formatNumber, t } from '../i18n/localize.ts';
import { decimal, toCents } from '../ledger/money.ts';

/** One series of a chart: a name and one API value per category ("10082.08" for money, "3" for a count). */
export interface ChartSeries {
  label: string;
  values: readonly string[];
}

/** How the values read: amounts in dirhams (2 decimals) or counts. */
export type ValueKind = 'amount' | 'count';

/** A value as the chart and its table show it, in the current language ("10 082,08" in French). */
export function formatValue(value: string, kind: ValueKind): string {
  if (kind === 'count') return formatNumber(Number(value));
  return formatAmount(decimal(value), 'MAD', { symbol: false });
}

/**
 * Values in hundredths, for geometry only: lengths on the screen come from them, every figure shown comes from
 * the API's text. A value that is not a decimal draws nothing.
 */
export const hundredths = (value: string): bigint => toCents(value) ?? 0n;

/** The top of the axis: a round number (1, 2, 2.5 or 5 × 10ⁿ hundredths) at or above `max`. */
export function niceCeiling(max: bigint): bigint {
  if (max <= 0n) return 0n;
  let magnitude = 1n;
  while (magnitude * 10n <= max) magnitude *= 10n;
  for (const step of [1n, 2n, 5n, 10n]) {
    // 2.5 × magnitude sits between 2 and 5
    if (step === 5n && (magnitude * 25n) / 10n >= max) return (magnitude * 25n) / 10n;
    if (magnitude * step >= max) return magnitude * step;
  }
  return magnitude * 10n;
}

/** The span of an axis: from the lowest total (zero or below) to the highest (zero or above), rounded outwards. */
export interface Scale {
  min: bigint;
  max: bigint;
}

export function scaleOf(lows: readonly bigint[], highs: readonly bigint[], kind: ValueKind = 'amount'): Scale {
  let low = 0n;
  let high = 0n;
  for (const v of lows) if (v < low) low = v;
  for (const v of highs) if (v > high) high = v;
  if (kind === 'count') {
    // four steps of whole numbers: the top is the next multiple of 4
    const whole = (v: bigint) => ((v + 399n) / 400n) * 400n;
    return { min: -whole(-low), max: high === 0n && low === 0n ? 400n : whole(high) };
  }
  const max = niceCeiling(high);
  const min = -niceCeiling(-low);
  return max === 0n && min === 0n ? { min: 0n, max: 100n } : { min, max };
}

/** Where `value` (in hundredths) falls on a length `span` drawn from min to max, in thousandths of precision. */
export function position(value: bigint, scale: Scale, span: number): number {
  const range = scale.max - scale.min;
  if (range <= 0n) return 0;
  return (Number(((value - scale.min) * 1000n) / range) / 1000) * span;
}

/** Four equal steps between the ends of the axis, in hundredths (the axis labels). */
export function ticks(scale: Scale, count = 4): bigint[] {
  const range = scale.max - scale.min;
  return Array.from({ length: count + 1 }, (_, i) => scale.min + (range * BigInt(i)) / BigInt(count));
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
