// A ring of parts of a whole (costs per service, members per status), with its legend giving each part's figure.
// An image for assistive technology with the same figures in a table; the legend flows right to left in Arabic.
import { css, html, LitElement, nothing, svg } from 'lit';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { chartStyles, colourOf, dataTable, formatValue, hundredths, type ValueKind } from './chart-kit.ts';

export interface DonutPart {
  label: string;
  /** An API decimal or a count, as text. */
  value: string;
}

const SIZE = 160;
const RADIUS = 60;
const RING = 24;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

let nextId = 0;

export class DonutChart extends LitElement {
  static override properties = {
    parts: { attribute: false },
    kind: { type: String },
    heading: { type: String },
    total: { type: String },
    categoryHeading: { type: String, attribute: 'category-heading' },
  };

  static override styles = [
    sharedStyles,
    chartStyles,
    css`
      .ring {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 1rem 1.5rem;
      }
      svg {
        inline-size: 10rem;
        flex: none;
      }
      .legend {
        flex-direction: column;
        margin: 0;
      }
      .total {
        font: 600 15px var(--gie-font);
        fill: var(--gie-text);
      }
    `,
  ];

  /** The parts, in the order to draw them. */
  declare parts: readonly DonutPart[];
  declare kind: ValueKind;
  /** The chart's accessible name (its <title>) and the caption of its table. */
  declare heading: string;
  /** The whole, as the API gives it, written in the middle. */
  declare total: string;
  /** The head of the table's first column. */
  declare categoryHeading: string;

  private readonly i18n = new LocaleController(this);
  private readonly uid = `donut-chart-${nextId++}`;

  constructor() {
    super();
    this.parts = [];
    this.kind = 'amount';
    this.heading = '';
    this.total = '';
    this.categoryHeading = '';
  }

  override render() {
    if (this.parts.length === 0) return nothing;
    const cents = this.parts.map((p) => {
      const v = hundredths(p.value);
      return v > 0n ? v : 0n;
    });
    const whole = cents.reduce((a, b) => a + b, 0n);
    let offset = 0;
    const description = this.parts.map((p) => `${p.label} ${formatValue(p.value, this.kind)}`).join(' ; ');
    // the ring starts at the top and turns clockwise, or anticlockwise right to left
    const rtl = this.i18n.dir === 'rtl';
    return html`<figure data-testid="donut-chart">
      <div class="ring">
        <svg role="img" viewBox="0 0 ${SIZE} ${SIZE}" aria-labelledby="${this.uid}-title ${this.uid}-desc" data-dir=${rtl ? 'rtl' : 'ltr'}>
          <title id="${this.uid}-title">${this.heading}</title>
          <desc id="${this.uid}-desc">${description}</desc>
          <g transform="rotate(-90 ${SIZE / 2} ${SIZE / 2})${rtl ? ` scale(1 -1) translate(0 -${SIZE})` : ''}">
            <circle cx=${SIZE / 2} cy=${SIZE / 2} r=${RADIUS} fill="none" stroke="var(--gie-border)" stroke-width=${RING}></circle>
            ${cents.map((v, i) => {
              if (whole === 0n || v === 0n) return nothing;
              const length = (Number((v * 100000n) / whole) / 100000) * CIRCUMFERENCE;
              const arc = svg`<circle data-testid="chart-part" data-value=${this.parts[i]?.value ?? ''} cx=${SIZE / 2} cy=${SIZE / 2}
                r=${RADIUS} fill="none" stroke=${colourOf(i)} stroke-width=${RING}
                stroke-dasharray="${length} ${CIRCUMFERENCE - length}" stroke-dashoffset=${-offset}><title>${this.parts[i]?.label} — ${formatValue(
                  this.parts[i]?.value ?? '0',
                  this.kind,
                )}</title></circle>`;
              offset += length;
              return arc;
            })}
          </g>
          ${this.total ? svg`<text class="total" x=${SIZE / 2} y=${SIZE / 2 + 5} text-anchor="middle" direction="ltr">${formatValue(this.total, this.kind)}</text>` : nothing}
        </svg>
        <ul class="legend">
          ${this.parts.map(
            (p, i) => html`<li>
              <span class="swatch" style="background:${colourOf(i)}" aria-hidden="true"></span>${p.label}
              <strong><bdi>${formatValue(p.value, this.kind)}</bdi></strong>
            </li>`,
          )}
        </ul>
      </div>
      ${dataTable(
        this.heading,
        this.categoryHeading,
        this.parts.map((p) => p.label),
        [{ label: this.heading, values: this.parts.map((p) => p.value) }],
        this.kind,
      )}
    </figure>`;
  }
}

customElements.define('gie-donut-chart', DonutChart);

declare global {
  interface HTMLElementTagNameMap {
    'gie-donut-chart': DonutChart;
  }
}
