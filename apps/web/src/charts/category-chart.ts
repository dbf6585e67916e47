// What the charts over categories (bars, lines) share: their public properties, the reader's language and width,
// and the value axis with its grid, mirrored right to left. Each chart draws its own marks on top.
import { LitElement, svg } from 'lit';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { type ChartSeries, ChartWidth, chartStyles, type Scale, tickLabel, ticks, type ValueKind } from './chart-kit.ts';

/** Margins of the plot inside the SVG: the value axis's labels, the far edge, above, and the categories below. */
export const AXIS = 60;
export const EDGE = 8;
export const TOP = 10;
export const BOTTOM = 26;

let nextId = 0;

export abstract class CategoryChart extends LitElement {
  static override properties = {
    categories: { attribute: false },
    series: { attribute: false },
    kind: { type: String },
    heading: { type: String },
    categoryHeading: { type: String, attribute: 'category-heading' },
  };

  static override styles = [sharedStyles, chartStyles];

  /** The names along the axis, in reading order (already in the reader's language). */
  declare categories: readonly string[];
  /** One value per category in each series. */
  declare series: readonly ChartSeries[];
  /** Amounts (2 decimals) or counts. */
  declare kind: ValueKind;
  /** The chart's accessible name (its <title>) and the caption of its table. */
  declare heading: string;
  /** The head of the table's first column ("Mois", "Membre"). */
  declare categoryHeading: string;

  protected readonly i18n = new LocaleController(this);
  protected readonly width = new ChartWidth(this);
  /** Ids of the SVG's <title> and <desc>, unique in the page. */
  protected readonly uid = `chart-${nextId++}`;

  constructor() {
    super();
    this.categories = [];
    this.series = [];
    this.kind = 'amount';
    this.heading = '';
    this.categoryHeading = '';
  }

  /** The grid lines and labels of the value axis; `y` places a value (in hundredths) on the plot. */
  protected valueAxis(scale: Scale, y: (value: bigint) => number, rtl: boolean) {
    const width = this.width.value;
    const axisX = rtl ? width - AXIS : AXIS;
    return ticks(scale).map(
      (tick) => svg`<line class=${tick === 0n ? 'zero' : 'grid'} x1=${rtl ? EDGE : AXIS} x2=${rtl ? width - AXIS : width - EDGE}
          y1=${y(tick)} y2=${y(tick)}></line>
        <text class="tick" x=${rtl ? axisX + 6 : axisX - 6} y=${y(tick) + 4} text-anchor=${rtl ? 'start' : 'end'} direction="ltr">${tickLabel(tick)}</text>`,
    );
  }
}
