// What the ledger screens share: their styles (amounts aligned at the end of the line, state badges), the
// sub-navigation of the section, amounts and balances as accountants read them, the confirmation dialog, the
// fiscal years and journals, and the idempotency key of a form.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { FiscalYear, Journal, Role } from '../api/types.ts';
import { problemText, type Text } from '../app/forms.ts';
import { mayOpenId, type NavId } from '../app/navigation.ts';
import { sharedStyles, tabStyles } from '../app/styles.ts';
import { formatAmount, formatDay, LocaleController, type MessageKey, t } from '../i18n/localize.ts';
import { absolute, decimal, isNegative, isZero } from './money.ts';

export const ledgerStyles = css`
  th.amount,
  td.amount {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  td.code,
  th.code {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  tfoot th,
  tfoot td {
    font-weight: 700;
    border-block-start: 2px solid var(--gie-text);
    background: #f8fafb;
  }
  tr.subtotal td,
  tr.subtotal th {
    background: #f8fafb;
    font-weight: 600;
  }
  .sub {
    display: block;
    color: var(--gie-muted);
    font-size: 0.875rem;
  }
  .sub .ltr,
  a .ltr {
    white-space: nowrap;
  }
  .badge.state-open {
    background: var(--gie-success-soft);
    color: var(--gie-success);
  }
  .badge.state-locked {
    background: #fff4d6;
    color: #7a5200;
  }
  .badge.state-closed {
    background: #eceff2;
    color: var(--gie-muted);
  }
  .badge.entry-draft {
    background: #fff4d6;
    color: #7a5200;
  }
  .badge.entry-posted {
    background: var(--gie-success-soft);
    color: var(--gie-success);
  }
  .badge.entry-reversal {
    background: #e8eefc;
    color: #1d4ed8;
  }
  .side {
    color: var(--gie-muted);
    font-size: 0.8rem;
    margin-inline-start: 0.25rem;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: flex-end;
  }
  .toolbar > .field {
    flex: 1 1 9rem;
  }
  .toolbar > .field.wide {
    flex: 2 1 14rem;
  }
  .toolbar > .actions {
    flex: 0 0 auto;
  }
  .table-state {
    min-block-size: 1.5rem;
  }
  .table-state .loading {
    padding-block: 0.25rem;
  }
  [aria-busy='true'] table {
    opacity: 0.6;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
  }
  dialog form {
    gap: 0.9rem;
  }
  dialog h2 {
    margin-block-end: 0.25rem;
  }
  .empty {
    color: var(--gie-muted);
  }
`;

export interface LedgerTab {
  id: NavId;
  href: string;
  labelKey: MessageKey;
}

const TABS: readonly LedgerTab[] = [
  { id: 'ledger', href: '/ledger', labelKey: 'ledger.tab.years' },
  { id: 'ledgerEntries', href: '/ledger/entries', labelKey: 'ledger.tab.entries' },
  { id: 'ledgerAccounts', href: '/ledger/accounts', labelKey: 'ledger.tab.accounts' },
  { id: 'ledgerReports', href: '/ledger/reports', labelKey: 'ledger.tab.reports' },
];

/** The sub-navigation of the ledger: links (they change the address), the current one marked for screen readers. */
export class LedgerTabs extends LitElement {
  static override properties = { current: { type: String }, userRole: { attribute: false } };
  static override styles = [sharedStyles, tabStyles];

  /** The tab of the current screen; a screen inside a tab (an entry) marks it `true` rather than `page`. */
  declare current: NavId;
  declare userRole: Role | undefined;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.current = 'ledger';
    this.userRole = undefined;
  }

  override render() {
    const { t } = this.i18n;
    const section: NavId = ['ledgerEntryNew', 'ledgerEntry', 'ledgerEntryEdit'].includes(this.current)
      ? 'ledgerEntries'
      : this.current;
    return html`<nav aria-label=${t('ledger.tabs')} data-testid="ledger-tabs">
      <ul>
        ${TABS.filter((tab) => this.userRole === undefined || mayOpenId(tab.id, this.userRole)).map(
          (tab) => html`<li>
            <a
              href=${tab.href}
              data-tab=${tab.id}
              aria-current=${tab.id === this.current ? 'page' : tab.id === section ? 'true' : 'false'}
              >${t(tab.labelKey)}</a
            >
          </li>`,
        )}
      </ul>
    </nav>`;
  }
}
customElements.define('gie-ledger-tabs', LedgerTabs);

export interface AmountOptions {
  /** Nothing for a zero (debit/credit columns, where the other side carries the amount). */
  blankZero?: boolean;
  /** Without the currency, in report columns whose caption names it once. */
  bare?: boolean;
}

const money = (value: `${number}`, bare: boolean): string => formatAmount(value, 'MAD', { symbol: !bare });

/** An amount of the API in the current language. */
export function amount(value: string, { blankZero = false, bare = false }: AmountOptions = {}): TemplateResult | typeof nothing {
  if (blankZero && isZero(value)) return nothing;
  return html`<span class="num">${money(decimal(value), bare)}</span>`;
}

/**
 * A signed balance (debit positive) as accountants write it: the amount without its sign, then D or C
 * (spelled out for screen readers). Zero has no side.
 */
export function balance(value: string, { bare = false }: AmountOptions = {}): TemplateResult {
  if (isZero(value)) return html`<span class="num">${money(decimal('0'), bare)}</span>`;
  const credit = isNegative(value);
  return html`<span class="num">${money(absolute(value), bare)}</span
    ><abbr class="side" title=${t(credit ? 'ledger.side.credit' : 'ledger.side.debit')}
      >${t(credit ? 'ledger.side.creditShort' : 'ledger.side.debitShort')}</abbr
    >`;
}

/** The part of a signed balance on one side: the debit column shows debit balances, the credit column the others. */
export function sideOf(
  value: string,
  side: 'debit' | 'credit',
  { bare = false }: AmountOptions = {},
): TemplateResult | typeof nothing {
  if (isZero(value)) return nothing;
  const credit = isNegative(value);
  if ((side === 'credit') !== credit) return nothing;
  return html`<span class="num">${money(absolute(value), bare)}</span>`;
}

/** Text for a select's option: each part isolated, so "OD — Opérations diverses" keeps its order in Arabic. */
export const optionText = (...parts: Array<string | null | undefined>): string =>
  parts
    .filter((p): p is string => Boolean(p))
    .map((p) => `\u2068${p}\u2069`)
    .join(' — ');

/** A code or reference that reads left to right inside Arabic text ("4464-M01", "BQ1-2026-00002"). */
export const code = (value: string): TemplateResult => html`<span class="ltr num">${value}</span>`;

export function periodName(startsOn: string): string {
  return formatDay(startsOn, { month: 'long', year: 'numeric' });
}

export function yearName(year: Pick<FiscalYear, 'startsOn' | 'endsOn'>): string {
  return year.startsOn.endsWith('-01-01') ? year.startsOn.slice(0, 4) : `${year.startsOn.slice(0, 4)}–${year.endsOn.slice(0, 4)}`;
}

/** A key that makes a retried POST return the first answer: generated once per form, reused on every retry. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; a back office on plain http inside the GIE's network has not one
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A refusal of the books (400, 409: a locked period, a posted entry) in the server's words; the usual texts otherwise. */
export function refusal(error: unknown): Text {
  if (error instanceof ApiProblem && (error.status === 400 || error.status === 409)) {
    return { key: 'ledger.error.refused', params: { detail: error.detail ?? error.title } };
  }
  return problemText(error);
}

export async function loadFiscalYears(): Promise<FiscalYear[]> {
  return (await call(api.ledger['fiscal-years'].$get())).items;
}

let journals: Promise<Journal[]> | null = null;

/** The journals, read once; `fresh` after adding one. */
export function loadJournals({ fresh = false }: { fresh?: boolean } = {}): Promise<Journal[]> {
  if (!journals || fresh) {
    journals = call(api.ledger.journals.$get())
      .then((answer) => answer.items)
      .catch((error: unknown) => {
        journals = null;
        throw error;
      });
  }
  return journals;
}

/** Today's fiscal year, else the last open one, else the last one. */
export function currentYear(years: readonly FiscalYear[], today: string): FiscalYear | undefined {
  return (
    years.find((y) => y.startsOn <= today && today <= y.endsOn) ??
    [...years].reverse().find((y) => y.state === 'open') ??
    years.at(-1)
  );
}

/** The range of today's fiscal year, or of the calendar year when none is known. */
export function yearRange(years: readonly FiscalYear[], today: string): { from: string; to: string } {
  const year = currentYear(years, today);
  return year
    ? { from: year.startsOn, to: year.endsOn }
    : { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
}

export interface ConfirmOptions {
  title: string;
  body: string;
  /** A second paragraph, e.g. "this cannot be undone". */
  warning?: string;
  confirmLabel: string;
  danger?: boolean;
}

/**
 * A modal question before an action that matters (lock, close, post, reverse): `ask()` resolves true when the
 * person confirms. Escape and Cancel say no; the focus goes back where it was.
 */
export class ConfirmDialog extends LitElement {
  static override properties = { options: { state: true } };
  static override styles = [sharedStyles, ledgerStyles];

  declare options: ConfirmOptions | null;

  private readonly i18n = new LocaleController(this);
  private resolve: ((value: boolean) => void) | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor() {
    super();
    this.options = null;
  }

  async ask(options: ConfirmOptions): Promise<boolean> {
    this.resolve?.(false);
    this.returnFocus = deepActiveElement();
    this.options = options;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('[data-testid="confirm-cancel"]')?.focus();
    return new Promise<boolean>((resolve) => {
      this.resolve = resolve;
    });
  }

  private finish(answer: boolean): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    this.resolve?.(answer);
    this.resolve = null;
    this.options = null;
    this.returnFocus?.focus();
  }

  override render() {
    const { t } = this.i18n;
    const o = this.options;
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-body" data-testid="confirm-dialog" @close=${() => this.finish(false)}>
      ${
        o
          ? html`<h2 id="confirm-title">${o.title}</h2>
            <div id="confirm-body">
              <p>${o.body}</p>
              ${o.warning ? html`<p class="warning">${o.warning}</p>` : nothing}
            </div>
            <div class="actions">
              <button type="button" class=${o.danger ? 'danger' : ''} data-testid="confirm-ok" @click=${() => this.finish(true)}>
                ${o.confirmLabel}
              </button>
              <button type="button" class="secondary" data-testid="confirm-cancel" @click=${() => this.finish(false)}>
                ${t('form.cancel')}
              </button>
            </div>`
          : nothing
      }
    </dialog>`;
  }
}
customElements.define('gie-confirm-dialog', ConfirmDialog);

/** The element that has the keyboard, looking into shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element instanceof HTMLElement ? element : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'gie-ledger-tabs': LedgerTabs;
    'gie-confirm-dialog': ConfirmDialog;
  }
}
