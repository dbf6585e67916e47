// Horizontal bars of the members' shares of an allocation run: one bar per member, longest for the largest share,
// each with its amount. An image for assistive technology (the numbers are in the table beside it), mirrored right to left.
import { css, html, LitElement, nothing, svg } from 'lit';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { chartStyles, formatValue, hundredths, position } from './chart-kit.ts';

export interface ChartBar {
  /** What names the bar, e.g. the member's code "M01". */
  label: string;
  /** An API decimal ("14309.90"). */
  amount: string;
}

const WIDTH = 640;
const LABEL = 64;
const VALUE = 132;
const ROW = 26;
const BAR = 16;

/** The bar's length as a share of the longest (nothing for a negative amount). */
export function barLength(amount: string, max: bigint, span: number): number {
  const cents = hundredths(amount);
  if (max <= 0n || cents <= 0n) return 0;
  return position(cents, { min: 0n, max }, span);
}

export class ShareChart extends LitElement {
  static override properties = {
    bars: { attribute: false },
    heading: { type: String },
    summary: { type: String },
  };

  static override styles = [
    sharedStyles,
    chartStyles,
    css`
      svg {
        max-inline-size: 48rem;
      }
      .bar {
        fill: var(--gie-primary);
      }
      .label,
      .value {
        font-size: 13px;
      }
    `,
  ];

  /** One bar per member, in the order to show. */
  declare bars: readonly ChartBar[];
  /** The chart's accessible name (its <title>). */
  declare heading: string;
  /** A sentence under the chart, e.g. "the amounts are in the table". */
  declare summary: string;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.bars = [];
    this.heading = '';
    this.summary = '';
  }

  override render() {
    if (this.bars.length === 0) return nothing;
    const rtl = this.i18n.dir === 'rtl';
    let max = 0n;
    for (const bar of this.bars) if (hundredths(bar.amount) > max) max = hundredths(bar.amount);
    const span = WIDTH - LABEL - VALUE;
    const height = this.bars.length * ROW + 8;
    // right to left, the labels sit on the right and the bars grow leftwards from them; every text is laid out
    // left to right (codes and amounts), so that text-anchor keeps its meaning
    const x = (start: number, length: number) => (rtl ? WIDTH - start - length : start);
    const anchorStart = rtl ? 'end' : 'start';
    const description = this.bars.map((b) => `${b.label} ${formatValue(b.amount, 'amount')}`).join(' ; ');
    return html`<figure data-testid="share-chart">
      <svg
        role="img"
        viewBox="0 0 ${WIDTH} ${height}"
        aria-labelledby="share-chart-title share-chart-desc"
        data-dir=${rtl ? 'rtl' : 'ltr'}
      >
        <title id="share-chart-title">${this.heading}</title>
        <desc id="share-chart-desc">${description}</desc>
        <line class="axis" x1=${x(LABEL, 0)} x2=${x(LABEL, 0)} y1="0" y2=${height}></line>
        ${this.bars.map((b, i) => {
          const y = i * ROW + 4;
          const length = barLength(b.amount, max, span);
          return svg`<g data-testid="share-bar" data-label=${b.label}>
            <text class="label" x=${rtl ? WIDTH - 4 : 4} y=${y + BAR - 3} text-anchor=${anchorStart} direction="ltr">${b.label}</text>
            <rect class="bar" x=${x(LABEL, length)} y=${y} width=${length} height=${BAR} rx="2"></rect>
            <text class="value" x=${rtl ? WIDTH - LABEL - length - 6 : LABEL + length + 6} y=${y + BAR - 3}
              text-anchor=${anchorStart} direction="ltr" unicode-bidi="embed">${formatValue(b.amount, 'amount')}</text>
          </g>`;
        })}
      </svg>
      ${this.summary ? html`<figcaption>${this.summary}</figcaption>` : nothing}
    </figure>`;
  }
}

customElements.define('gie-share-chart', ShareChart);

declare global {
  interface HTMLElementTagNameMap {
    'gie-share-chart': ShareChart;
  }
}
