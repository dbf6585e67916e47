// A line over months (a balance as it moves): one point per category, joined, below zero as well as above.
// An image for assistive technology with its figures in a table below; the months read right to left in Arabic.
import { html, nothing, svg } from 'lit';
import { AXIS, BOTTOM, CategoryChart, EDGE, TOP } from './category-chart.ts';
import { colourOf, dataTable, formatValue, hundredths, labelStep, legend, position, scaleOf } from './chart-kit.ts';

const HEIGHT = 220;

/** `series` may be shorter than `categories`: the line stops there. */
export class LineChart extends CategoryChart {
  override render() {
    if (this.categories.length === 0 || this.series.length === 0) return nothing;
    const rtl = this.i18n.dir === 'rtl';
    const WIDTH = this.width.value;
    const n = this.categories.length;
    const cents = this.series.map((s) => s.values.map(hundredths));
    const all = cents.flat();
    const scale = scaleOf(all, all, this.kind);
    const plotHeight = HEIGHT - TOP - BOTTOM;
    const band = (WIDTH - AXIS - EDGE) / n;
    const step = labelStep(band, this.categories);
    const x = (i: number) => (rtl ? WIDTH - AXIS - (i + 0.5) * band : AXIS + (i + 0.5) * band);
    const y = (v: bigint) => TOP + plotHeight - position(v, scale, plotHeight);
    const axisX = rtl ? WIDTH - AXIS : AXIS;
    const description = this.series
      .map((s) => s.values.map((v, i) => `${this.categories[i] ?? ''} ${formatValue(v, this.kind)}`).join(', '))
      .join(' ; ');
    return html`<figure data-testid="line-chart">
      <svg role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-labelledby="${this.uid}-title ${this.uid}-desc" data-dir=${rtl ? 'rtl' : 'ltr'}>
        <title id="${this.uid}-title">${this.heading}</title>
        <desc id="${this.uid}-desc">${description || this.i18n.t('chart.nothing')}</desc>
        ${this.valueAxis(scale, y, rtl)}
        ${this.categories.map((category, i) =>
          i % step === 0
            ? svg`<text class="category" x=${x(i)} y=${HEIGHT - 8} text-anchor="middle">${category}</text>`
            : nothing,
        )}
        ${cents.map((values, k) => {
          const points = values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
          return svg`<polyline fill="none" stroke=${colourOf(k)} stroke-width="2.5" stroke-linejoin="round" points=${points}></polyline>
            ${values.map(
              (
                v,
                i,
              ) => svg`<circle data-testid="chart-point" data-value=${this.series[k]?.values[i] ?? ''} cx=${x(i)} cy=${y(v)} r="3.5"
                fill=${colourOf(k)}><title>${this.categories[i]} — ${formatValue(this.series[k]?.values[i] ?? '0', this.kind)}</title></circle>`,
            )}`;
        })}
        <line class="axis" x1=${axisX} x2=${axisX} y1=${TOP} y2=${TOP + plotHeight}></line>
      </svg>
      ${legend(this.series)}
      ${dataTable(this.heading, this.categoryHeading, this.categories.slice(0, Math.max(...this.series.map((s) => s.values.length))), this.series, this.kind)}
    </figure>`;
  }
}

customElements.define('gie-line-chart', LineChart);

declare global {
  interface HTMLElementTagNameMap {
    'gie-line-chart': LineChart;
  }
}
