// Pagination of a list: previous/next, "page X of Y", the total, and the page size (25, 50, 100).
// Fires `page-change` with the page and size asked for; the list loads it and passes the new values back.
import { css, html, LitElement } from 'lit';
import { formatNumber, LocaleController } from '../i18n/localize.ts';
import { sharedStyles } from './styles.ts';

export const PAGE_SIZES = [25, 50, 100] as const;

export class PageChangeEvent extends Event {
  constructor(
    readonly page: number,
    readonly pageSize: number,
  ) {
    super('page-change', { bubbles: true, composed: true });
  }
}

export class Pager extends LitElement {
  static override properties = {
    page: { type: Number },
    pageSize: { type: Number },
    total: { type: Number },
    busy: { type: Boolean },
    label: { type: String },
  };

  static override styles = [
    sharedStyles,
    css`
      nav {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.75rem 1.5rem;
        padding-block-start: 0.75rem;
      }
      .moves {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .size {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .size label {
        font-weight: 400;
      }
      .size select {
        inline-size: auto;
        min-block-size: 2rem;
        padding-block: 0.15rem;
      }
      .status {
        color: var(--gie-muted);
      }
    `,
  ];

  declare page: number;
  declare pageSize: number;
  declare total: number;
  declare busy: boolean;
  /** The accessible name of the pagination landmark, e.g. "Pagination des membres". */
  declare label: string;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.page = 1;
    this.pageSize = 25;
    this.total = 0;
    this.busy = false;
    this.label = '';
  }

  private get pages(): number {
    return Math.max(1, Math.ceil(this.total / this.pageSize));
  }

  override render() {
    const { t } = this.i18n;
    const pages = this.pages;
    return html`<nav aria-label=${this.label || t('pager.label')}>
      <p class="status" data-testid="pager-status" aria-live="polite">
        ${t('pager.status', { page: formatNumber(this.page), pages: formatNumber(pages) })} ·
        ${t('pager.total', { count: formatNumber(this.total) })}
      </p>
      <div class="moves">
        <button
          type="button"
          class="secondary small"
          data-testid="pager-previous"
          ?disabled=${this.busy || this.page <= 1}
          @click=${() => this.go(this.page - 1, this.pageSize)}
        >
          <span aria-hidden="true" class="arrow">‹</span> ${t('pager.previous')}
        </button>
        <button
          type="button"
          class="secondary small"
          data-testid="pager-next"
          ?disabled=${this.busy || this.page >= pages}
          @click=${() => this.go(this.page + 1, this.pageSize)}
        >
          ${t('pager.next')} <span aria-hidden="true" class="arrow">›</span>
        </button>
      </div>
      <div class="size">
        <label for="page-size">${t('pager.pageSize')}</label>
        <select
          id="page-size"
          data-testid="pager-size"
          @change=${(e: Event) => this.go(1, Number((e.target as HTMLSelectElement).value))}
        >
          ${PAGE_SIZES.map((size) => html`<option value=${size} ?selected=${size === this.pageSize}>${size}</option>`)}
        </select>
      </div>
    </nav>`;
  }

  private go(page: number, pageSize: number): void {
    this.dispatchEvent(new PageChangeEvent(page, pageSize));
  }
}

customElements.define('gie-pager', Pager);

declare global {
  interface HTMLElementTagNameMap {
    'gie-pager': Pager;
  }
}
