// Vertical bars over categories (months, members, age brackets): one series, several side by side, or stacked.
// An image for assistive technology with its figures in a table below; the categories read right to left in Arabic.
import { html, nothing, svg } from 'lit';
import { AXIS, BOTTOM, CategoryChart, EDGE, TOP } from './category-chart.ts';
import { colourOf, dataTable, formatValue, hundredths, labelStep, legend, position, scaleOf } from './chart-kit.ts';

const HEIGHT = 240;

export class BarChart extends CategoryChart {
  static override properties = {
    ...CategoryChart.properties,
    stacked: { type: Boolean },
  };

  /** Series piled on each other rather than side by side. */
  declare stacked: boolean;

  constructor() {
    super();
    this.stacked = false;
  }

  /** The words a screen reader says for the picture: each category that has something, with its figures. */
  private description(): string {
    return this.categories
      .map((category, i) => {
        const values = this.series.filter((s) => hundredths(s.values[i] ?? '0') !== 0n);
        if (values.length === 0) return null;
        const parts = values.map((s) =>
          this.series.length > 1
            ? `${s.label} ${formatValue(s.values[i] ?? '0', this.kind)}`
            : formatValue(s.values[i] ?? '0', this.kind),
        );
        return `${category} : ${parts.join(', ')}`;
      })
      .filter((part) => part !== null)
      .join(' ; ');
  }

  override render() {
    if (this.categories.length === 0 || this.series.length === 0) return nothing;
    const rtl = this.i18n.dir === 'rtl';
    const WIDTH = this.width.value;
    const n = this.categories.length;
    const cents = this.series.map((s) => this.categories.map((_, i) => hundredths(s.values[i] ?? '0')));
    const lows: bigint[] = [];
    const highs: bigint[] = [];
    for (let i = 0; i < n; i++) {
      const column = cents.map((c) => c[i] ?? 0n);
      if (this.stacked) {
        highs.push(column.filter((v) => v > 0n).reduce((a, b) => a + b, 0n));
        lows.push(column.filter((v) => v < 0n).reduce((a, b) => a + b, 0n));
      } else {
        highs.push(...column);
        lows.push(...column);
      }
    }
    const scale = scaleOf(lows, highs, this.kind);
    const plotHeight = HEIGHT - TOP - BOTTOM;
    const plotWidth = WIDTH - AXIS - EDGE;
    const band = plotWidth / n;
    const step = labelStep(band, this.categories);
    const y = (v: bigint) => TOP + plotHeight - position(v, scale, plotHeight);
    // right to left, the first category sits at the right edge and the value axis on the right
    const bandStart = (i: number) => (rtl ? WIDTH - AXIS - (i + 1) * band : AXIS + i * band);
    const axisX = rtl ? WIDTH - AXIS : AXIS;
    const groups = this.stacked ? 1 : this.series.length;
    const barWidth = Math.min(48, (band * (this.stacked ? 0.6 : 0.8)) / groups);
    const description = this.description();
    return html`<figure data-testid="bar-chart">
      <svg
        role="img"
        viewBox="0 0 ${WIDTH} ${HEIGHT}"
        aria-labelledby="${this.uid}-title ${this.uid}-desc"
        data-dir=${rtl ? 'rtl' : 'ltr'}
      >
        <title id="${this.uid}-title">${this.heading}</title>
        <desc id="${this.uid}-desc">${description || this.i18n.t('chart.nothing')}</desc>
        ${this.valueAxis(scale, y, rtl)}
        ${this.categories.map((category, i) => {
          const start = bandStart(i);
          let up = 0n;
          let down = 0n;
          const bars = this.series.map((s, k) => {
            const v = cents[k]?.[i] ?? 0n;
            let from: bigint;
            let to: bigint;
            let x: number;
            if (this.stacked) {
              from = v >= 0n ? up : down + v;
              to = v >= 0n ? up + v : down;
              if (v >= 0n) up += v;
              else down += v;
              x = start + (band - barWidth) / 2;
            } else {
              from = v >= 0n ? 0n : v;
              to = v >= 0n ? v : 0n;
              const slot = rtl ? groups - 1 - k : k;
              x = start + (band - barWidth * groups) / 2 + slot * barWidth;
            }
            const top = y(to);
            const height = Math.max(0, y(from) - top);
            return svg`<rect data-testid="chart-bar" data-value=${s.values[i] ?? '0'} x=${x} y=${top} width=${Math.max(1, barWidth - 1)}
              height=${height} fill=${colourOf(k)} rx="1"><title>${category} — ${this.series.length > 1 ? `${s.label} : ` : ''}${formatValue(
                s.values[i] ?? '0',
                this.kind,
              )}</title></rect>`;
          });
          const label =
            i % step === 0
              ? svg`<text class="category" x=${start + band / 2} y=${HEIGHT - 8} text-anchor="middle">${category}</text>`
              : nothing;
          return svg`<g>${bars}${label}</g>`;
        })}
        <line class="axis" x1=${axisX} x2=${axisX} y1=${TOP} y2=${TOP + plotHeight}></line>
      </svg>
      ${legend(this.series)}
      ${dataTable(this.heading, this.categoryHeading, this.categories, this.series, this.kind)}
    </figure>`;
  }
}

customElements.define('gie-bar-chart', BarChart);

declare global {
  interface HTMLElementTagNameMap {
    'gie-bar-chart': BarChart;
  }
}
