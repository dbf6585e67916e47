// What the invoicing screens share: badges of kinds, states and settlement, VAT labels, amounts, who may do what,
// and styles.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Role, SalesKind, SalesStatus } from '../api/types.ts';
import { formatAmount, type MessageKey, t } from '../i18n/localize.ts';
import { decimal } from '../ledger/money.ts';
import type { VatCode } from './invoice-math.ts';

export const kindLabel = (kind: SalesKind): string => t(`inv.kind.${kind}` as MessageKey);
export const statusLabel = (status: SalesStatus): string => t(`inv.status.${status}` as MessageKey);
export const vatLabel = (vat: string): string => t(`inv.vat.${vat}` as MessageKey);

export function statusBadge(status: SalesStatus): TemplateResult {
  return html`<span class="badge doc-${status}" data-status=${status}>${statusLabel(status)}</span>`;
}

/** Where an issued invoice stands with its payments, beside its status. */
export function settlementBadge(
  settlement: 'unpaid' | 'partly_paid' | 'paid' | 'credited' | null,
): TemplateResult | typeof nothing {
  if (!settlement) return nothing;
  return html` <span class="badge settlement-${settlement}" data-settlement=${settlement}>${t(`inv.settlement.${settlement}`)}</span>`;
}

/** An API amount in dirhams in the current language. */
export const money = (value: string): string => formatAmount(decimal(value));

/** The API's staff who see every member's documents; an entrepreneur sees their member's only. */
export const isStaff = (role: Role | undefined): boolean => role !== undefined && role !== 'entrepreneur';
export const mayWrite = (role: Role | undefined): boolean => role === 'admin' || role === 'manager' || role === 'entrepreneur';
export const mayRecordPayments = (role: Role | undefined): boolean =>
  role === 'admin' || role === 'manager' || role === 'accountant';

export const isVatCode = (value: string): value is VatCode => ['20', '14', '10', '7', '0', 'exempt'].includes(value);

export const invoicingStyles = css`
  th.amount,
  td.amount {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .badge.doc-draft {
    background: #fff4d6;
    color: #7a5200;
  }
  .badge.doc-submitted {
    background: #e8eefc;
    color: #1d4ed8;
  }
  .badge.doc-issued,
  .badge.doc-sent,
  .badge.doc-accepted {
    background: var(--gie-success-soft);
    color: var(--gie-success);
  }
  .badge.doc-refused {
    background: var(--gie-danger-soft);
    color: var(--gie-danger);
  }
  .badge.doc-converted {
    background: #eceff2;
    color: var(--gie-muted);
  }
  .totals {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0.3rem 1.5rem;
    margin: 0;
    justify-content: end;
  }
  .totals dt {
    color: var(--gie-muted);
  }
  .totals dd {
    margin: 0;
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .totals .grand {
    font-weight: 700;
    color: var(--gie-text);
    font-size: 1.1rem;
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
  dialog form {
    gap: 0.9rem;
  }
`;
