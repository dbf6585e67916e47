// The arithmetic of an invoice: each line rounded HALF_UP to the centime, VAT computed per rate on the sum of that
// rate's lines and rounded once, then the totals; and the member's share after the GIE's contribution.
import type Decimal from 'decimal.js';
import { Dec, roundMoney, toAmountString } from '../money/index.ts';

/** A VAT rate code: a percentage ("20", "14", "10", "7", "0") or "exempt" (with its legal basis on the line). */
export type VatCode = string;

export interface InvoiceLineInput {
  /** Up to 3 decimals, as a string. */
  quantity: string;
  /** HT, as a string. */
  unitPrice: string;
  /** Percent, as a string ("5" for 5%). */
  discountPercent?: string;
  vat: VatCode;
}

export interface VatBreakdown {
  vat: VatCode;
  /** Percentage applied ("0" for exempt). */
  rate: string;
  base: string;
  amount: string;
}

export interface InvoiceTotals {
  /** HT of each line, in the order given. */
  lines: string[];
  vat: VatBreakdown[];
  totalHt: string;
  totalVat: string;
  totalTtc: string;
}

/** The rate of a VAT code: "exempt" is 0. */
export function vatRate(code: VatCode): Decimal {
  return code === 'exempt' ? new Dec(0) : new Dec(code);
}

/** HT of one line: quantity × unit price × (1 − discount), HALF_UP to the centime. */
export function lineAmount(line: InvoiceLineInput): Decimal {
  const gross = new Dec(line.quantity).times(line.unitPrice);
  const discount = new Dec(line.discountPercent ?? '0').div(100);
  return roundMoney(gross.times(new Dec(1).minus(discount)));
}

/** Totals of an invoice as the law and DOMAIN 5.1 want them. Rates are listed from the highest. */
export function invoiceTotals(lines: readonly InvoiceLineInput[]): InvoiceTotals {
  const amounts = lines.map(lineAmount);
  const bases = new Map<VatCode, Decimal>();
  lines.forEach((line, i) => {
    bases.set(line.vat, (bases.get(line.vat) ?? new Dec(0)).plus(amounts[i] ?? 0));
  });
  const vat = [...bases.entries()]
    .map(([code, base]) => {
      const rate = vatRate(code);
      return { vat: code, rate: rate.toString(), base, amount: roundMoney(base.times(rate).div(100)) };
    })
    .sort((a, b) => new Dec(b.rate).comparedTo(a.rate) || a.vat.localeCompare(b.vat));
  const totalHt = amounts.reduce((sum, a) => sum.plus(a), new Dec(0));
  const totalVat = vat.reduce((sum, v) => sum.plus(v.amount), new Dec(0));
  return {
    lines: amounts.map(toAmountString),
    vat: vat.map((v) => ({ vat: v.vat, rate: v.rate, base: toAmountString(v.base), amount: toAmountString(v.amount) })),
    totalHt: toAmountString(totalHt),
    totalVat: toAmountString(totalVat),
    totalTtc: toAmountString(totalHt.plus(totalVat)),
  };
}

/** The GIE's contribution (a percentage of HT, HALF_UP) and what remains the member's. */
export function memberShare(totalHt: string, contributionRatePercent: string): { contribution: string; memberShare: string } {
  const contribution = roundMoney(new Dec(totalHt).times(contributionRatePercent).div(100));
  return { contribution: toAmountString(contribution), memberShare: toAmountString(new Dec(totalHt).minus(contribution)) };
}
