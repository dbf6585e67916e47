// VAT on receipts (CGI art. 95): the VAT of an invoice becomes due as the customer pays. Each payment carries
// each rate's VAT in proportion to the TTC it settles (HALF_UP); the payment that completes the invoice takes
// what remains, so that the parts add up exactly to the invoice's VAT.
import { Dec, roundMoney, toAmountString } from '../money/index.ts';
import type { VatBreakdown } from './totals.ts';

/**
 * What an invoice still makes due once its credit notes are deducted: per rate, its base and VAT less the credit
 * notes' (a credited line's VAT is never collected, so it is never declared), and its TTC less theirs.
 */
export function netOfCreditNotes(
  invoiceVat: readonly VatBreakdown[],
  totalTtc: string,
  creditNotes: ReadonlyArray<{ vat: readonly VatBreakdown[]; totalTtc: string }>,
): { vat: VatBreakdown[]; totalTtc: string } {
  const credited = (code: string, field: 'base' | 'amount') =>
    creditNotes.reduce((sum, note) => sum.plus(note.vat.find((v) => v.vat === code)?.[field] ?? '0'), new Dec(0));
  return {
    vat: invoiceVat.map((v) => ({
      ...v,
      base: toAmountString(new Dec(v.base).minus(credited(v.vat, 'base'))),
      amount: toAmountString(new Dec(v.amount).minus(credited(v.vat, 'amount'))),
    })),
    totalTtc: toAmountString(creditNotes.reduce((sum, note) => sum.minus(note.totalTtc), new Dec(totalTtc))),
  };
}

export interface PaymentVat {
  /** VAT attributed to this payment, per VAT code, in the invoice's order. */
  byRate: Array<{ vat: string; amount: string }>;
  total: string;
}

/**
 * The VAT due with each payment, in the order paid. `alreadyAttributed` is what earlier payments (not in
 * `payments`) took, per VAT code. Throws when the payments exceed the TTC.
 */
export function vatOnPayments(
  invoiceVat: readonly VatBreakdown[],
  totalTtc: string,
  payments: readonly string[],
  alreadyPaid = '0',
  alreadyAttributed: Readonly<Record<string, string>> = {},
): PaymentVat[] {
  const ttc = new Dec(totalTtc);
  let paid = new Dec(alreadyPaid);
  const attributed = new Map(invoiceVat.map((v) => [v.vat, new Dec(alreadyAttributed[v.vat] ?? '0')]));
  return payments.map((payment) => {
    paid = paid.plus(payment);
    if (paid.gt(ttc)) throw new RangeError(`payments (${toAmountString(paid)}) exceed the invoice's TTC (${totalTtc})`);
    const completes = paid.eq(ttc);
    const byRate = invoiceVat.map((v) => {
      const before = attributed.get(v.vat) ?? new Dec(0);
      const share = completes
        ? new Dec(v.amount).minus(before)
        : ttc.isZero()
          ? new Dec(0)
          : roundMoney(new Dec(v.amount).times(payment).div(ttc));
      attributed.set(v.vat, before.plus(share));
      return { vat: v.vat, amount: toAmountString(share) };
    });
    return { byRate, total: toAmountString(byRate.reduce((sum, r) => sum.plus(r.amount), new Dec(0))) };
  });
}
