// Supplier payments: one payment settles bills of one supplier, never more than they still owe. Each part carries
// the recoverable VAT it makes deductible (VAT on receipts, the same rule as customer payments: DOMAIN 5.2), and
// the payment is posted D supplier payable / C bank or cash, idempotent by key like customer payments.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { keyUsedForAnother, lockIdempotencyKey } from '../db/idempotency.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, notFound } from '../errors.ts';
import { type PaymentMethod, treasuryJournal } from '../invoicing/payments.ts';
import { vatOnPayments } from '../invoicing/receipts.ts';
import type { VatBreakdown } from '../invoicing/totals.ts';
import { postingAccount } from '../ledger/accounts.ts';
import { post } from '../ledger/entries.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertPoolingReader } from './access.ts';
import { isDate } from './services.ts';

export interface SupplierPaymentInput {
  supplierId: number;
  paidOn: string;
  method: PaymentMethod;
  amount: string;
  reference?: string | null;
  /** Which bills it settles, and how much of each; the parts add up to the amount. */
  allocations: Array<{ purchaseId: number; amount: string }>;
  idempotencyKey?: string | null;
}

export interface SupplierPayment {
  id: number;
  supplierId: number;
  paidOn: string;
  method: PaymentMethod;
  amount: string;
  reference: string | null;
  entryId: number;
  allocations: Array<{ purchaseId: number; billNumber: string; amount: string; vat: Array<{ vat: string; amount: string }> }>;
}

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const METHODS: readonly PaymentMethod[] = ['transfer', 'cheque', 'cash', 'bill'];

/** A bill's VAT by rate, as an invoice's: the rate is the code, the base the sum of that rate's lines. */
export function purchaseVatBreakdown(lines: ReadonlyArray<{ vatRate: string; amountHt: string; vat: string }>): VatBreakdown[] {
  const byRate = new Map<string, { base: Dec; amount: Dec }>();
  for (const line of lines) {
    const rate = new Dec(line.vatRate).toString();
    const sum = byRate.get(rate) ?? { base: new Dec(0), amount: new Dec(0) };
    byRate.set(rate, { base: sum.base.plus(line.amountHt), amount: sum.amount.plus(line.vat) });
  }
  return [...byRate].map(([rate, sum]) => ({
    vat: rate,
    rate,
    base: toAmountString(sum.base),
    amount: toAmountString(sum.amount),
  }));
}

/** What a bill still owes, its VAT by rate and the VAT earlier payments already made recoverable. */
async function billBalance(db: Kysely<Database>, purchaseId: number) {
  const bill = await db.selectFrom('pooling_purchases').selectAll().where('id', '=', purchaseId).executeTakeFirst();
  if (!bill) return null;
  const [lines, paid] = await Promise.all([
    db
      .selectFrom('pooling_purchase_lines')
      .select(['vat_rate', 'amount_ht', 'vat'])
      .where('purchase_id', '=', purchaseId)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('supplier_payment_allocations')
      .select(['amount', 'vat'])
      .where('purchase_id', '=', purchaseId)
      .orderBy('id')
      .execute(),
  ]);
  const paidTotal = paid.reduce((sum, p) => sum.plus(p.amount), new Dec(0));
  const attributed: Record<string, string> = {};
  for (const p of paid)
    for (const v of p.vat) attributed[v.vat] = toAmountString(new Dec(attributed[v.vat] ?? '0').plus(v.amount));
  return {
    bill,
    paid: paidTotal,
    due: new Dec(bill.total_ttc).minus(paidTotal),
    attributed,
    vat: purchaseVatBreakdown(lines.map((l) => ({ vatRate: l.vat_rate, amountHt: l.amount_ht, vat: l.vat }))),
  };
}

export async function recordSupplierPayment(
  db: Kysely<Database>,
  actor: Actor,
  input: SupplierPaymentInput,
): Promise<SupplierPayment> {
  if (!['admin', 'manager', 'accountant'].includes(actor.role)) {
    throw new DomainError('forbidden', 'supplier payments are recorded by the manager or the accountant');
  }
  const errors: FieldError[] = [];
  if (!AMOUNT.test(input.amount ?? '') || new Dec(input.amount).lte(0))
    errors.push({ path: 'amount', message: `expected a positive amount such as "3600.00", received "${input.amount}"` });
  if (!isDate(input.paidOn)) errors.push({ path: 'paidOn', message: `expected a date YYYY-MM-DD, received "${input.paidOn}"` });
  if (!METHODS.includes(input.method))
    errors.push({ path: 'method', message: `expected one of ${METHODS.join(', ')}, received "${input.method}"` });
  if (!Array.isArray(input.allocations) || input.allocations.length === 0)
    errors.push({ path: 'allocations', message: 'say which bills the payment settles' });
  (input.allocations ?? []).forEach((a, i) => {
    if (!AMOUNT.test(a.amount ?? '') || new Dec(a.amount).lte(0))
      errors.push({ path: `allocations.${i}.amount`, message: `expected a positive amount, received "${a.amount}"` });
  });
  if (new Set((input.allocations ?? []).map((a) => a.purchaseId)).size !== (input.allocations ?? []).length)
    errors.push({ path: 'allocations', message: 'name each bill once' });
  if (errors.length === 0) {
    const sum = input.allocations.reduce((s, a) => s.plus(a.amount), new Dec(0));
    if (!sum.eq(input.amount))
      errors.push({ path: 'allocations', message: `the parts add up to ${toAmountString(sum)}, not ${input.amount}` });
  }
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  const key = input.idempotencyKey?.trim() || null;

  return inTransaction(db, async (trx) => {
    if (key) {
      await lockIdempotencyKey(trx, 'supplier_payment', key);
      const previous = await trx
        .selectFrom('supplier_payments')
        .select('id')
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (previous) {
        const earlier = await getSupplierPayment(trx, previous.id);
        if (!sameSupplierPayment(earlier, input)) throw keyUsedForAnother(key, 'supplier payment');
        return earlier;
      }
    }
    const parts: SupplierPayment['allocations'] = [];
    for (const [i, allocation] of input.allocations.entries()) {
      // lock the bill so that two payments never settle the same amount twice
      await trx.selectFrom('pooling_purchases').select('id').where('id', '=', allocation.purchaseId).forUpdate().execute();
      const balance = await billBalance(trx, allocation.purchaseId);
      const at = `allocations.${i}`;
      if (!balance)
        throw new DomainError('invalid', `${at}.purchaseId: no supplier bill ${allocation.purchaseId}`, [
          { path: `${at}.purchaseId`, message: `no supplier bill ${allocation.purchaseId}` },
        ]);
      if (balance.bill.supplier_id !== input.supplierId)
        throw new DomainError('invalid', `${at}.purchaseId: bill ${balance.bill.bill_number} is another supplier's`, [
          { path: `${at}.purchaseId`, message: "another supplier's bill" },
        ]);
      // paid before the bill existed is a typing error, and would deduct VAT in a month before the purchase
      if (input.paidOn < balance.bill.bill_date)
        throw new DomainError(
          'invalid',
          `paidOn: ${input.paidOn} is before bill ${balance.bill.bill_number} (${balance.bill.bill_date})`,
          [{ path: 'paidOn', message: `on or after ${balance.bill.bill_date}, the date of bill ${balance.bill.bill_number}` }],
        );
      if (new Dec(allocation.amount).gt(balance.due))
        throw new DomainError(
          'conflict',
          `${at}.amount: ${allocation.amount} is more than bill ${balance.bill.bill_number} still owes (${toAmountString(balance.due)})`,
          [{ path: `${at}.amount`, message: `at most ${toAmountString(balance.due)}` }],
        );
      const [share] = vatOnPayments(
        balance.vat,
        toAmountString(new Dec(balance.bill.total_ttc)),
        [allocation.amount],
        toAmountString(balance.paid),
        balance.attributed,
      );
      parts.push({
        purchaseId: allocation.purchaseId,
        billNumber: balance.bill.bill_number,
        amount: toAmountString(new Dec(allocation.amount)),
        vat: share?.byRate ?? [],
      });
    }
    const payable = await postingAccount(trx, 'purchases.payable');
    const { treasury, journal } = await treasuryJournal(trx, input.method, undefined);
    const reference = input.reference?.trim() || null;
    const entry = await post(trx, actor, {
      journal: journal.code,
      date: input.paidOn,
      label: `Règlement fournisseur ${parts.map((p) => p.billNumber).join(', ')}${reference ? ` (${reference})` : ''}`,
      sourceRef: reference ?? parts[0]?.billNumber ?? null,
      lines: [
        { account: payable, debit: toAmountString(new Dec(input.amount)), partyId: input.supplierId },
        { account: treasury, credit: toAmountString(new Dec(input.amount)) },
      ],
    });
    const payment = await trx
      .insertInto('supplier_payments')
      .values({
        supplier_id: input.supplierId,
        paid_on: input.paidOn,
        method: input.method,
        amount: input.amount,
        reference,
        entry_id: entry.id,
        idempotency_key: key,
        created_by: auditActorId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('supplier_payment_allocations')
      .values(
        parts.map((p) => ({ payment_id: payment.id, purchase_id: p.purchaseId, amount: p.amount, vat: JSON.stringify(p.vat) })),
      )
      .execute();
    const result = await getSupplierPayment(trx, payment.id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'supplier_payment.record',
      entity: 'supplier_payment',
      entityId: payment.id,
      after: result,
    });
    return result;
  });
}

/** Whether a payment recorded under a key is what `input` asks for (the same key sent again with the same body). */
function sameSupplierPayment(earlier: SupplierPayment, input: SupplierPaymentInput): boolean {
  const parts = (list: ReadonlyArray<{ purchaseId: number; amount: string }>) =>
    list.map((a) => `${a.purchaseId}:${new Dec(a.amount).toFixed(2)}`).join(',');
  return (
    earlier.supplierId === input.supplierId &&
    earlier.paidOn === input.paidOn &&
    earlier.method === input.method &&
    new Dec(earlier.amount).eq(input.amount) &&
    parts(earlier.allocations) === parts(input.allocations)
  );
}

export async function getSupplierPayment(db: Kysely<Database>, id: number): Promise<SupplierPayment> {
  const row = await db.selectFrom('supplier_payments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('supplier payment', id);
  const allocations = await db
    .selectFrom('supplier_payment_allocations as a')
    .innerJoin('pooling_purchases as p', 'p.id', 'a.purchase_id')
    .select(['a.purchase_id', 'a.amount', 'a.vat', 'p.bill_number'])
    .where('a.payment_id', '=', id)
    .orderBy('a.id')
    .execute();
  return {
    id: row.id,
    supplierId: row.supplier_id,
    paidOn: row.paid_on,
    method: row.method,
    amount: toAmountString(new Dec(row.amount)),
    reference: row.reference,
    entryId: row.entry_id,
    allocations: allocations.map((a) => ({
      purchaseId: a.purchase_id,
      billNumber: a.bill_number,
      amount: toAmountString(new Dec(a.amount)),
      vat: a.vat,
    })),
  };
}

/** The payments of one bill, oldest first (the purchases screen shows them under the bill). */
export async function purchasePayments(db: Kysely<Database>, actor: Actor, purchaseId: number) {
  assertPoolingReader(actor);
  const rows = await db
    .selectFrom('supplier_payment_allocations as a')
    .innerJoin('supplier_payments as p', 'p.id', 'a.payment_id')
    .select(['p.id', 'p.paid_on', 'p.method', 'p.reference', 'p.entry_id', 'a.amount'])
    .where('a.purchase_id', '=', purchaseId)
    .orderBy('p.paid_on')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    paymentId: r.id,
    paidOn: r.paid_on,
    method: r.method,
    reference: r.reference,
    entryId: r.entry_id,
    amount: toAmountString(new Dec(r.amount)),
  }));
}
