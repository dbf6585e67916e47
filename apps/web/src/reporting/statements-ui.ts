// What the screens of the legal statements share: the section's tabs, the shapes the API answers with, amounts
// and rates as the reader's language writes them, the period picker's choices and the styles.
import { css, html, LitElement } from 'lit';
import type { Role, User } from '../api/types.ts';
import { problemText, type Text } from '../app/forms.ts';
import { mayOpenId, type NavId } from '../app/navigation.ts';
import { sharedStyles, tabStyles } from '../app/styles.ts';
import { formatAmount, formatDecimal, LocaleController, type MessageKey, t } from '../i18n/localize.ts';
import { decimal } from '../ledger/money.ts';

export interface StatementPeriod {
  code: string;
  kind: 'month' | 'quarter';
  from: string;
  to: string;
}

export interface VatRateRow {
  vat: string;
  rate: string;
  base: string;
  amount: string;
  lines: number;
}

export interface VatLine {
  side: 'collected' | 'deductible';
  date: string;
  paymentId: number;
  reference: string | null;
  documentId: number;
  documentNumber: string;
  party: string;
  paid: string;
  vat: string;
  rate: string;
  base: string;
  amount: string;
}

export interface VatReturn {
  period: StatementPeriod;
  collected: { byRate: VatRateRow[]; base: string; total: string };
  deductible: { byRate: VatRateRow[]; base: string; total: string };
  due: string;
  credit: string;
  lines: VatLine[];
}

export interface DelayLine {
  side: 'customer' | 'supplier';
  documentId: number;
  number: string;
  party: string;
  dueDate: string;
  status: 'paid_late' | 'unpaid';
  paidOn: string;
  amount: string;
  daysLate: number;
  rate: string;
  fine: string;
}

export interface PaymentDelays {
  period: StatementPeriod;
  customer: { lines: DelayLine[]; amount: string; fines: string };
  supplier: { lines: DelayLine[]; amount: string; fines: string };
}

export interface StatementRow {
  kind: 'mass' | 'rubric' | 'result' | 'total';
  key: string;
  label: string;
  current: string;
  previous: string | null;
}

export interface FinancialStatements {
  year: { startsOn: string; endsOn: string };
  previousYear: { startsOn: string; endsOn: string } | null;
  bilan: { actif: StatementRow[]; passif: StatementRow[] };
  cpc: StatementRow[];
  balanced: boolean;
  unmapped: string[];
}

/** An amount without the currency, the caption saying MAD once. */
export const bare = (value: string): string => formatAmount(decimal(value), 'MAD', { symbol: false });
/** A VAT code as a rate: "20" → "20 %", "exempt" → Exonéré. */
export const rateText = (vat: string, rate: string): string =>
  vat === 'exempt' ? t('stmt.vat.exempt') : `${formatDecimal(rate)} %`;

export const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;

/** The month's name in the current language ("avril"). */
export function monthName(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(`2000-${month}-15T12:00:00Z`));
}

/** The API address of a statement: its query, and format=csv or pdf for the downloads. */
export function statementUrl(path: string, query: Record<string, string>, format?: 'csv' | 'pdf'): string {
  const params = new URLSearchParams(query);
  if (format) params.set('format', format);
  return `/api/reporting/${path}?${params}`;
}

const TABS: ReadonlyArray<{ id: NavId; href: string; labelKey: MessageKey }> = [
  { id: 'reporting', href: '/reporting', labelKey: 'stmt.tab.vat' },
  { id: 'reportingDelays', href: '/reporting/payment-delays', labelKey: 'nav.reportingDelays' },
  { id: 'reportingFinancial', href: '/reporting/financial-statements', labelKey: 'nav.reportingFinancial' },
];

/** The sub-navigation of the statements. */
export class StatementsTabs extends LitElement {
  static override properties = { current: { type: String }, userRole: { attribute: false } };
  static override styles = [sharedStyles, tabStyles];

  declare current: NavId;
  declare userRole: Role | undefined;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.current = 'reporting';
    this.userRole = undefined;
  }

  override render() {
    const { t } = this.i18n;
    return html`<nav aria-label=${t('stmt.tabs')} data-testid="statements-tabs">
      <ul>
        ${TABS.filter((tab) => this.userRole === undefined || mayOpenId(tab.id, this.userRole)).map(
          (tab) => html`<li>
            <a href=${tab.href} data-tab=${tab.id} aria-current=${tab.id === this.current ? 'page' : 'false'}>${t(tab.labelKey)}</a>
          </li>`,
        )}
      </ul>
    </nav>`;
  }
}
customElements.define('gie-statements-tabs', StatementsTabs);

declare global {
  interface HTMLElementTagNameMap {
    'gie-statements-tabs': StatementsTabs;
  }
}

export const statementStyles = css`
  .amount {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    direction: ltr;
  }
  :host(:dir(rtl)) td.amount,
  :host(:dir(rtl)) th.amount {
    text-align: start;
  }
  form.period {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
    margin-block-end: 1rem;
  }
  form.period label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-weight: 600;
  }
  .downloads {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    margin-block: 0.5rem 1rem;
  }
  section {
    margin-block-end: 1.5rem;
  }
  h2 {
    font-size: 1.15rem;
    margin-block: 1rem 0.25rem;
  }
  .help {
    color: var(--gie-muted);
    margin-block: 0 0.5rem;
  }
  tr.mass th,
  tr.mass td,
  tr.total th,
  tr.total td,
  tr.result th,
  tr.result td {
    font-weight: 700;
  }
  tr.rubric th {
    font-weight: 400;
    padding-inline-start: 1.75rem;
  }
  tr.total th,
  tr.total td {
    border-block-start: 2px solid var(--gie-text);
  }
  .figure {
    font-size: 1.3rem;
    font-weight: 700;
  }
  dl.result {
    display: grid;
    grid-template-columns: max-content max-content;
    gap: 0.4rem 1.5rem;
  }
  dl.result dd {
    margin: 0;
  }
  button.link,
  button.link:hover:not([disabled]) {
    background: none;
    border: none;
    min-block-size: 0;
    padding: 0;
    color: var(--gie-primary);
    text-decoration: underline;
  }
`;

/**
 * What the three statement screens share: the signed-in user, the statement as the API answered it, the loading
 * state and the problem; the statement is fetched on arrival and again each time the reader picks another period.
 */
export abstract class StatementPage<T> extends LitElement {
  static override properties = {
    user: { attribute: false },
    data: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, statementStyles];

  declare user: User | null;
  declare data: T | null;
  declare loading: boolean;
  declare error: Text | null;

  protected readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.data = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The API's statement for the period the screen shows. */
  protected abstract fetch(): Promise<T>;

  /** The period picked: its address in the browser's history, then its statement. */
  protected show(address: string): void {
    history.replaceState(history.state, '', address);
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.data = await this.fetch();
    } catch (error) {
      this.data = null;
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }
}
