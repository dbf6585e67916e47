// The late-payment fine of law 69-21, computed on demand: the policy rate in force when the delay starts for the
// first month, plus the monthly increment for each further month or part of a month, on the amount paid late.
import type { Kysely } from 'kysely';
import { addDays, addMonths, today } from '../dates.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { Dec, roundMoney, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';
import { getSalesDocument } from './documents.ts';
import { invoiceBalance } from './payments.ts';

export interface LatePaymentRate {
  validFrom: string;
  policyRate: string;
  monthlyIncrement: string;
}

export interface LateFine {
  amount: string;
  dueDate: string;
  paidOn: string;
  /** Months or parts of months late (0 when paid on time). */
  months: number;
  /** The rate applied, in percent. */
  rate: string;
  fine: string;
}

/** Pure: the fine on `amount` due on `dueDate` and paid (or still unpaid) on `paidOn`. */
export function latePaymentFine(amount: string, dueDate: string, paidOn: string, rates: readonly LatePaymentRate[]): LateFine {
  if (paidOn <= dueDate) return { amount, dueDate, paidOn, months: 0, rate: '0.00', fine: '0.00' };
  let months = 1;
  while (addMonths(dueDate, months) < paidOn) months++;
  const delayStarts = addDays(dueDate, 1);
  const rate = [...rates].sort((a, b) => b.validFrom.localeCompare(a.validFrom)).find((r) => r.validFrom <= delayStarts);
  if (!rate) throw new DomainError('conflict', `no late-payment rate is configured for a delay starting ${delayStarts}`);
  const percent = new Dec(rate.policyRate).plus(new Dec(rate.monthlyIncrement).times(months - 1));
  return {
    amount,
    dueDate,
    paidOn,
    months,
    rate: toAmountString(percent),
    fine: toAmountString(roundMoney(new Dec(amount).times(percent).div(100))),
  };
}

export async function latePaymentRates(db: Kysely<Database>): Promise<LatePaymentRate[]> {
  const rows = await db.selectFrom('late_payment_rates').selectAll().orderBy('valid_from').execute();
  return rows.map((r) => ({ validFrom: r.valid_from, policyRate: r.policy_rate, monthlyIncrement: r.monthly_increment }));
}

/**
 * The fines an invoice carries as of `asOf`: one per payment received after the due date (on the amount paid
 * late), and one on what is still unpaid.
 */
export async function invoiceLateFines(db: Kysely<Database>, actor: Actor, id: number, asOf = today()) {
  const doc = await getSalesDocument(db, actor, id);
  const balance = await invoiceBalance(db, id);
  if (!balance || !doc.dueDate) throw new DomainError('conflict', 'only an issued invoice has a due date');
  const rates = await latePaymentRates(db);
  const payments = await db
    .selectFrom('payment_allocations')
    .innerJoin('payments', 'payments.id', 'payment_allocations.payment_id')
    .select(['payment_allocations.amount', 'payments.received_on'])
    .where('payment_allocations.document_id', '=', id)
    .orderBy('payments.received_on')
    .execute();
  const fines = payments
    .filter((p) => p.received_on > (doc.dueDate ?? ''))
    .map((p) => latePaymentFine(toAmountString(new Dec(p.amount)), doc.dueDate ?? '', p.received_on, rates));
  if (balance.due.gt(0) && asOf > doc.dueDate) fines.push(latePaymentFine(toAmountString(balance.due), doc.dueDate, asOf, rates));
  return { asOf, fines, total: toAmountString(fines.reduce((s, f) => s.plus(f.fine), new Dec(0))) };
}
