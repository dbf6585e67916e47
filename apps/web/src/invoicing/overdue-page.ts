// "Retards de paiement" (/invoicing/overdue): the issued invoices still unpaid after their due date, as of today,
// by age of the delay (0-30, 31-60, 61-90, over 90 days) with each bucket's total, then one row per invoice. The
// staff read every member's; an entrepreneur reads their member's (the API scopes them).
import { css, html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import { problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatNumber, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { invoicingStyles, money } from './invoicing-ui.ts';

const BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
type Bucket = (typeof BUCKETS)[number];

interface Overdue {
  asOf: string;
  total: string;
  buckets: Record<Bucket, string>;
  items: Array<{
    id: number;
    number: string;
    customerName: string;
    dueDate: string;
    daysLate: number;
    bucket: Bucket;
    due: string;
  }>;
}

export class OverduePage extends LitElement {
  static override properties = {
    overdue: { state: true },
    phase: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    invoicingStyles,
    css`
      .buckets {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
        gap: 1rem;
        margin: 0 0 1rem;
        padding: 0;
        list-style: none;
      }
      .buckets li {
        margin: 0;
      }
      .buckets .figure {
        display: block;
        font-size: 1.35rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  declare overdue: Overdue | null;
  declare phase: 'loading' | 'ready' | 'failed';
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.overdue = null;
    this.phase = 'loading';
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.phase = 'loading';
    this.error = null;
    try {
      this.overdue = await call(api.invoicing.overdue.$get({ query: { asOf: todayIso() } }));
      this.phase = 'ready';
    } catch (error) {
      this.error = problemText(error);
      this.phase = 'failed';
    }
  }

  override render() {
    const { t } = this.i18n;
    const o = this.overdue;
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/invoicing">${t('nav.invoicing')}</a></li>
          <li><span aria-current="page">${t('nav.invoicingOverdue')}</span></li>
        </ol>
      </nav>
      <div class="page-head">
        <div>
          <h1 tabindex="-1">${t('nav.invoicingOverdue')}</h1>
          ${o ? html`<p class="lead">${t('inv.overdue.lead', { date: formatDay(o.asOf) })}</p>` : nothing}
        </div>
      </div>
      ${
        this.phase === 'loading'
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('inv.overdue.loading')}</p>`
          : this.phase === 'failed' || !o
            ? html`<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
                <button type="button" @click=${this.load}>${t('app.retry')}</button>`
            : this.renderReport(o)
      }`;
  }

  private renderReport(o: Overdue) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="buckets-title" data-testid="overdue-buckets">
        <h2 id="buckets-title">${t('inv.overdue.buckets')}</h2>
        <ul class="buckets">
          ${BUCKETS.map(
            (b) => html`<li data-testid="overdue-bucket" data-bucket=${b}>
              <span class="hint">${t(`inv.overdue.bucket.${b}` as MessageKey)}</span>
              <span class="figure" data-testid="overdue-bucket-${b}">${money(o.buckets[b])}</span>
            </li>`,
          )}
        </ul>
        <dl class="totals">
          <dt class="grand">${t('inv.overdue.total')}</dt>
          <dd class="grand" data-testid="overdue-total">${money(o.total)}</dd>
        </dl>
      </section>
      <section class="card">
        <div class="table-wrap">
          <table data-testid="overdue-table">
            <caption>${t('inv.overdue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">${t('inv.col.number')}</th>
                <th scope="col">${t('inv.col.customer')}</th>
                <th scope="col">${t('inv.col.dueDate')}</th>
                <th scope="col" class="amount">${t('inv.overdue.daysLate')}</th>
                <th scope="col" class="amount">${t('inv.overdue.due')}</th>
              </tr>
            </thead>
            <tbody>
              ${o.items.map(
                (i) => html`<tr data-testid="overdue-row" data-bucket=${i.bucket}>
                  <th scope="row"><a class="ltr num" href="/invoicing/${i.id}" data-testid="overdue-link-doc">${i.number}</a></th>
                  <td><bdi>${i.customerName}</bdi></td>
                  <td class="nowrap">${formatDay(i.dueDate, { dateStyle: 'medium' })}</td>
                  <td class="amount">${formatNumber(i.daysLate)}</td>
                  <td class="amount">${money(i.due)}</td>
                </tr>`,
              )}
              ${
                o.items.length === 0
                  ? html`<tr>
                    <td colspan="5" class="empty" data-testid="overdue-empty">${t('inv.overdue.empty')}</td>
                  </tr>`
                  : nothing
              }
            </tbody>
          </table>
        </div>
      </section>`;
  }
}

customElements.define('gie-overdue-page', OverduePage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-overdue-page': OverduePage;
  }
}
