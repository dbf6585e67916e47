// What the pooled-services screens share: the section's tabs, who may do what, the labels of units, keys and run
// states, the quarters of the period quick picks, amounts, and styles.
import { css, html, LitElement, type TemplateResult } from 'lit';
import type { Role } from '../api/types.ts';
import { mayOpenId, type NavId } from '../app/navigation.ts';
import { sharedStyles, tabStyles } from '../app/styles.ts';
import { currentLocale, formatAmount, formatDay, LocaleController, type MessageKey, t } from '../i18n/localize.ts';
import { decimal } from '../ledger/money.ts';

export const UNITS = ['hours', 'km', 'm2', 'kg', 'days', 'units'] as const;
export type Unit = (typeof UNITS)[number];
export const BASIC_KINDS = ['equal', 'usage', 'revenue', 'headcount', 'fixed', 'quantity'] as const;
export type BasicKind = (typeof BASIC_KINDS)[number];
export const KEY_KINDS = [...BASIC_KINDS, 'composite'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];
export const FALLBACK_KINDS = ['equal', 'usage', 'revenue', 'headcount'] as const;
export type RunStatus = 'draft' | 'posted' | 'reversed';

export const unitLabel = (unit: string): string => t(`pool.unit.${unit}` as MessageKey);
export const kindLabel = (kind: string): string => t(`pool.kind.${kind}` as MessageKey);
export const runStatusLabel = (status: string): string => t(`pool.run.status.${status}` as MessageKey);

/**
 * An explanation line as the reader's language writes it: the core keeps it in one neutral form
 * ("36 000.00 × 1/7, +0.01 remainder"); French and Arabic screens show decimal commas and their own word for the
 * centime left over by the largest remainder method.
 */
export function explanationText(line: string): string {
  const remainder = t('pool.explain.remainder');
  const worded = line.replace(/([+−])0\.01 remainder$/, (_, sign: string) => `${sign}0.01 ${remainder}`);
  return currentLocale() === 'en' ? worded : worded.replace(/(\d)\.(\d)/g, '$1,$2');
}

export function runStatusBadge(status: string): TemplateResult {
  return html`<span class="badge run-${status}" data-status=${status}>${runStatusLabel(status)}</span>`;
}

/** Who changes the catalogue, records usage and posts runs (the API's writers); the accountant reads. */
export const mayManage = (role: Role | undefined): boolean => role === 'manager' || role === 'admin';
export const isStaff = (role: Role | undefined): boolean => role !== undefined && role !== 'entrepreneur' && role !== 'committee';

/** An API amount in dirhams in the current language. */
export const money = (value: string): string => formatAmount(decimal(value));
/** An amount without the currency, for the columns of a table whose caption names it. */
export const bare = (value: string): string => formatAmount(decimal(value), 'MAD', { symbol: false });

/** "1 avr. 2026 – 30 juin 2026". */
export const periodText = (from: string, to: string): string =>
  `${formatDay(from, { dateStyle: 'medium' })} – ${formatDay(to, { dateStyle: 'medium' })}`;

export interface Period {
  from: string;
  to: string;
}

const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The calendar quarter that contains a day (YYYY-MM-DD), moved by `offset` quarters (-1: the one before). */
export function quarterOf(day: string, offset = 0): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  let index = year * 4 + Math.floor((month - 1) / 3) + offset;
  const y = Math.floor(index / 4);
  index -= y * 4;
  const first = index * 3 + 1;
  return { from: iso(y, first, 1), to: iso(y, first + 2, lastDay(y, first + 2)) };
}

/** "T2 2026" / "Q2 2026". */
export const quarterName = (period: Period): string =>
  t('pool.period.quarter', { n: Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1, year: period.from.slice(0, 4) });

export const poolingStyles = css`
  th.amount,
  td.amount {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  td.explain {
    color: var(--gie-muted);
    font-size: 0.9rem;
  }
  tfoot th,
  tfoot td {
    font-weight: 700;
    border-block-start: 2px solid var(--gie-text);
    background: #f8fafb;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: flex-end;
  }
  .toolbar > .field {
    flex: 1 1 10rem;
  }
  .table-state {
    min-block-size: 1.5rem;
  }
  [aria-busy='true'] table {
    opacity: 0.6;
  }
  .empty {
    color: var(--gie-muted);
  }
  .badge.run-draft {
    background: #fff4d6;
    color: #7a5200;
  }
  .badge.run-posted {
    background: var(--gie-success-soft);
    color: var(--gie-success);
  }
  .badge.run-reversed {
    background: #eceff2;
    color: var(--gie-muted);
  }
  .badge.inactive {
    background: #eceff2;
    color: var(--gie-muted);
  }
  .up {
    color: var(--gie-danger);
  }
  .down {
    color: var(--gie-success);
  }
  dialog form {
    gap: 0.9rem;
  }
  progress {
    inline-size: 100%;
    block-size: 1rem;
    accent-color: var(--gie-primary);
  }
  .inline-form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: flex-end;
  }
  .inline-form > .field {
    flex: 1 1 9rem;
  }
  .inline-form > .field.wide {
    flex: 3 1 16rem;
  }
`;

interface Tab {
  id: NavId;
  href: string;
  labelKey: MessageKey;
}

const TABS: readonly Tab[] = [
  { id: 'pooling', href: '/pooling', labelKey: 'pool.tab.services' },
  { id: 'poolingRuns', href: '/pooling/runs', labelKey: 'pool.tab.runs' },
  { id: 'poolingCosts', href: '/pooling/costs', labelKey: 'pool.tab.costs' },
  { id: 'poolingUsage', href: '/pooling/usage', labelKey: 'pool.tab.usage' },
  { id: 'poolingQuantities', href: '/pooling/quantities', labelKey: 'pool.tab.quantities' },
  { id: 'poolingPurchases', href: '/pooling/purchases', labelKey: 'pool.tab.purchases' },
  { id: 'poolingYearEnd', href: '/pooling/year-end', labelKey: 'pool.tab.yearEnd' },
];

/** Which tab a screen of the section belongs to. */
const TAB_OF: Partial<Record<NavId, NavId>> = {
  poolingServiceNew: 'pooling',
  poolingService: 'pooling',
  poolingServiceEdit: 'pooling',
  poolingRunNew: 'poolingRuns',
  poolingRun: 'poolingRuns',
  poolingUsageImport: 'poolingUsage',
  poolingPurchaseNew: 'poolingPurchases',
};

/** The sub-navigation of the pooled services, for the GIE's staff. */
export class PoolingTabs extends LitElement {
  static override properties = { current: { type: String }, userRole: { attribute: false } };
  static override styles = [sharedStyles, tabStyles];

  declare current: NavId;
  declare userRole: Role | undefined;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.current = 'pooling';
    this.userRole = undefined;
  }

  override render() {
    const { t } = this.i18n;
    const section = TAB_OF[this.current] ?? this.current;
    return html`<nav aria-label=${t('pool.tabs')} data-testid="pooling-tabs">
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
customElements.define('gie-pooling-tabs', PoolingTabs);

declare global {
  interface HTMLElementTagNameMap {
    'gie-pooling-tabs': PoolingTabs;
  }
}
