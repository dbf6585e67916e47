// Customer payments: one payment may settle several issued invoices of the same customer, never more than they
// still owe (an overpayment is refused). Each part carries the VAT it makes due (VAT on receipts) and the
// payment is posted: D bank or cash / C customer receivable.
import type Decimal from 'decimal.js';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { keyUsedForAnother, lockIdempotencyKey } from '../db/idempotency.ts';
import type { Database, PaymentsTable, SalesDocumentsTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, invalid, notFound } from '../errors.ts';
import { postingAccount } from '../ledger/accounts.ts';
import { post } from '../ledger/entries.ts';
import type { Posting } from '../ledger/posting.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { netOfCreditNotes, vatOnPayments } from './receipts.ts';
import type { VatBreakdown } from './totals.ts';

export type PaymentMethod = 'transfer' | 'cheque' | 'cash' | 'bill';

export interface PaymentInput {
  customerId: number;
  receivedOn: string;
  method: PaymentMethod;
  amount: string;
  reference?: string | null;
  /** The treasury journal it is booked in (a bank journal, say BQ2); by default the first on the bank or cash account. */
  journal?: string;
  /** Which invoices it settles, and how much of each; the parts add up to the amount. */
  allocations: Array<{ documentId: number; amount: string }>;
  idempotencyKey?: string | null;
}

export interface Payment {
  id: number;
  customerId: number;
  receivedOn: string;
  method: PaymentMethod;
  amount: string;
  reference: string | null;
  entryId: number;
  allocations: Array<{ documentId: number; number: string; amount: string; vat: Array<{ vat: string; amount: string }> }>;
}

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/**
 * What an issued invoice still owes: TTC − issued credit notes − payments; the VAT already attributed; and the VAT
 * by rate and TTC net of its credit notes, on which the next payment's VAT is reckoned.
 */
export async function invoiceBalance(db: Kysely<Database>, documentId: number): Promise<InvoiceBalance | null> {
  return (await invoiceBalances(db, [documentId])).get(documentId) ?? null;
}

export interface InvoiceBalance {
  invoice: Selectable<SalesDocumentsTable>;
  due: Decimal;
  paid: Decimal;
  attributed: Record<string, string>;
  vat: VatBreakdown[];
  netTtc: string;
}

/** `invoiceBalance` of several documents in three queries; documents that are not issued invoices are left out. */
export async function invoiceBalances(
  db: Kysely<Database>,
  documentIds: readonly number[],
): Promise<Map<number, InvoiceBalance>> {
  const ids = [...new Set(documentIds)];
  if (ids.length === 0) return new Map();
  const [invoices, notes, paid] = await Promise.all([
    db.selectFrom('sales_documents').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('sales_documents')
      .select(['corrects_id', 'total_ttc', 'snapshot'])
      .where('corrects_id', 'in', ids)
      .where('status', '=', 'issued')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('payment_allocations')
      .select(['document_id', 'amount', 'vat'])
      .where('document_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  const paidBy = groupBy(paid, (p) => p.document_id);
  const notesOf = groupBy(notes, (n) => n.corrects_id as number);
  const balances = new Map<number, InvoiceBalance>();
  for (const invoice of invoices) {
    if (invoice.kind !== 'invoice' || invoice.status !== 'issued') continue;
    const own = paidBy.get(invoice.id) ?? [];
    const paidTotal = own.reduce((sum, p) => sum.plus(p.amount), new Dec(0));
    const attributed: Record<string, string> = {};
    for (const p of own) {
      for (const v of p.vat as Array<{ vat: string; amount: string }>)
        attributed[v.vat] = new Dec(attributed[v.vat] ?? '0').plus(v.amount).toFixed(2);
    }
    const net = netOfCreditNotes(
      (invoice.snapshot as { vat: VatBreakdown[] }).vat,
      invoice.total_ttc,
      (notesOf.get(invoice.id) ?? []).map((n) => ({ vat: (n.snapshot as { vat: VatBreakdown[] }).vat, totalTtc: n.total_ttc })),
    );
    balances.set(invoice.id, {
      invoice,
      due: new Dec(net.totalTtc).minus(paidTotal),
      paid: paidTotal,
      attributed,
      vat: net.vat,
      netTtc: net.totalTtc,
    });
  }
  return balances;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The journal a payment is booked in and its treasury account: the one asked for, or the first on bank or cash. */
export async function treasuryJournal(
  trx: Kysely<Database>,
  method: PaymentMethod,
  code: string | undefined,
): Promise<{ treasury: string; journal: { code: string } }> {
  if (code !== undefined) {
    const asked = await trx
      .selectFrom('journals')
      .select(['code', 'account_code'])
      .where('code', '=', code)
      .where('active', '=', true)
      .where('kind', 'in', method === 'cash' ? ['cash'] : ['bank'])
      .executeTakeFirst();
    if (!asked?.account_code)
      throw invalid('journal', `"${code}" is not an active ${method === 'cash' ? 'cash' : 'bank'} journal`);
    return { treasury: asked.account_code, journal: asked };
  }
  const treasury = await postingAccount(trx, method === 'cash' ? 'treasury.cash' : 'treasury.bank');
  const journal = await trx
    .selectFrom('journals')
    .select('code')
    .where('account_code', '=', treasury)
    .where('active', '=', true)
    .orderBy('code')
    .executeTakeFirst();
  if (!journal) throw new DomainError('conflict', `no active journal on the treasury account ${treasury}`);
  return { treasury, journal };
}

/** Payments are recorded by the manager or the accountant. */
export function assertMayRecordPayments(actor: Actor): void {
  if (!['admin', 'manager', 'accountant'].includes(actor.role)) {
    throw new DomainError('forbidden', 'payments are recorded by the manager or the accountant');
  }
}

/** What a payment must be before anything is read: a positive amount, a date, parts that add up to the amount. */
export function checkPaymentInput(input: Omit<PaymentInput, 'idempotencyKey'>): FieldError[] {
  const errors: FieldError[] = [];
  if (!AMOUNT.test(input.amount) || new Dec(input.amount).lte(0))
    errors.push({ path: 'amount', message: `expected a positive amount such as "6000.00", received "${input.amount}"` });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.receivedOn) || Number.isNaN(Date.parse(input.receivedOn)))
    errors.push({ path: 'receivedOn', message: `expected a date YYYY-MM-DD, received "${input.receivedOn}"` });
  if (input.allocations.length === 0) errors.push({ path: 'allocations', message: 'say which invoices the payment settles' });
  input.allocations.forEach((a, i) => {
    if (!AMOUNT.test(a.amount) || new Dec(a.amount).lte(0))
      errors.push({ path: `allocations.${i}.amount`, message: `expected a positive amount, received "${a.amount}"` });
  });
  if (errors.length === 0) {
    const sum = input.allocations.reduce((s, a) => s.plus(a.amount), new Dec(0));
    if (!sum.eq(input.amount))
      errors.push({
        path: 'allocations',
        message: `the parts add up to ${toAmountString(sum)}, not ${input.amount}: an overpayment is not kept`,
      });
  }
  return errors;
}

export interface PaymentPart {
  documentId: number;
  number: string;
  amount: string;
  vat: Array<{ vat: string; amount: string }>;
}

/**
 * The part of a payment that settles one invoice, with the VAT it makes due, from the invoice's balance (locked by
 * the caller); or why it cannot: not an issued invoice, another customer's, paid before it was issued, more than it owes.
 */
export function allocationPart(
  balance: InvoiceBalance | null | undefined,
  input: Pick<PaymentInput, 'customerId' | 'receivedOn'>,
  allocation: { documentId: number; amount: string },
  i: number,
): { part: PaymentPart } | { problem: DomainError } {
  if (!balance)
    return {
      problem: new DomainError('invalid', `allocations.${i}.documentId: not an issued invoice`, [
        { path: `allocations.${i}.documentId`, message: 'not an issued invoice' },
      ]),
    };
  if (balance.invoice.customer_id !== input.customerId) {
    return {
      problem: new DomainError(
        'invalid',
        `allocations.${i}.documentId: invoice ${balance.invoice.number} is another customer's`,
        [{ path: `allocations.${i}.documentId`, message: "another customer's invoice" }],
      ),
    };
  }
  // a payment received before the invoice existed is a typing error, and would put VAT due in a month before the sale
  if (balance.invoice.issue_date && input.receivedOn < balance.invoice.issue_date) {
    return {
      problem: new DomainError(
        'invalid',
        `receivedOn: ${input.receivedOn} is before invoice ${balance.invoice.number} was issued (${balance.invoice.issue_date})`,
        [
          {
            path: 'receivedOn',
            message: `on or after ${balance.invoice.issue_date}, the issue date of ${balance.invoice.number}`,
          },
        ],
      ),
    };
  }
  if (new Dec(allocation.amount).gt(balance.due)) {
    return {
      problem: new DomainError(
        'conflict',
        `allocations.${i}.amount: ${allocation.amount} is more than invoice ${balance.invoice.number} still owes (${toAmountString(balance.due)})`,
        [{ path: `allocations.${i}.amount`, message: `at most ${toAmountString(balance.due)}` }],
      ),
    };
  }
  const [share] = vatOnPayments(
    balance.vat,
    balance.netTtc,
    [allocation.amount],
    toAmountString(balance.paid),
    balance.attributed,
  );
  return {
    part: {
      documentId: allocation.documentId,
      number: balance.invoice.number ?? '',
      amount: allocation.amount,
      vat: share?.byRate ?? [],
    },
  };
}

/** The balance of an invoice once `part` of a payment is on it: for the next payment of a batch. */
export function balanceAfter(balance: InvoiceBalance, part: PaymentPart): InvoiceBalance {
  const attributed = { ...balance.attributed };
  for (const v of part.vat) attributed[v.vat] = new Dec(attributed[v.vat] ?? '0').plus(v.amount).toFixed(2);
  return { ...balance, paid: balance.paid.plus(part.amount), due: balance.due.minus(part.amount), attributed };
}

/** The entry of a payment: D bank or cash / C customer receivable. */
export function paymentPosting(
  input: Pick<PaymentInput, 'customerId' | 'receivedOn' | 'amount' | 'reference'>,
  parts: readonly PaymentPart[],
  accounts: { treasury: string; journal: string; receivable: string },
): Posting {
  return {
    journal: accounts.journal,
    date: input.receivedOn,
    label: `Règlement ${parts.map((p) => p.number).join(', ')}${input.reference ? ` (${input.reference})` : ''}`,
    sourceRef: input.reference ?? parts[0]?.number ?? null,
    lines: [
      { account: accounts.treasury, debit: input.amount },
      { account: accounts.receivable, credit: input.amount, partyId: input.customerId },
    ],
  };
}

export async function recordPayment(db: Kysely<Database>, actor: Actor, input: PaymentInput): Promise<Payment> {
  assertMayRecordPayments(actor);
  const errors = checkPaymentInput(input);
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  const key = input.idempotencyKey?.trim() || null;

  return inTransaction(db, async (trx) => {
    if (key) {
      await lockIdempotencyKey(trx, 'payment', key);
      const previous = await trx.selectFrom('payments').select('id').where('idempotency_key', '=', key).executeTakeFirst();
      if (previous) {
        const earlier = await getPayment(trx, previous.id);
        if (!samePayment(earlier, input)) throw keyUsedForAnother(key, 'payment');
        return earlier;
      }
    }
    const parts: PaymentPart[] = [];
    for (const [i, allocation] of input.allocations.entries()) {
      // lock the invoice so that two payments never settle the same amount twice
      await trx.selectFrom('sales_documents').select('id').where('id', '=', allocation.documentId).forUpdate().execute();
      const settled = allocationPart(await invoiceBalance(trx, allocation.documentId), input, allocation, i);
      if ('problem' in settled) throw settled.problem;
      parts.push(settled.part);
    }
    const receivable = await postingAccount(trx, 'sales.receivable');
    const { treasury, journal } = await treasuryJournal(trx, input.method, input.journal);
    const entry = await post(trx, actor, paymentPosting(input, parts, { treasury, journal: journal.code, receivable }));
    const payment = await trx
      .insertInto('payments')
      .values({
        customer_id: input.customerId,
        received_on: input.receivedOn,
        method: input.method,
        amount: input.amount,
        reference: input.reference?.trim() || null,
        entry_id: entry.id,
        idempotency_key: key,
        created_by: auditActorId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('payment_allocations')
      .values(
        parts.map((p) => ({ payment_id: payment.id, document_id: p.documentId, amount: p.amount, vat: JSON.stringify(p.vat) })),
      )
      .execute();
    const result = await getPayment(trx, payment.id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'payment.record',
      entity: 'payment',
      entityId: payment.id,
      after: result,
    });
    return result;
  });
}

/** Whether a payment recorded under a key is what `input` asks for (the same key sent again with the same body). */
function samePayment(earlier: Payment, input: PaymentInput): boolean {
  const parts = (list: ReadonlyArray<{ documentId: number; amount: string }>) =>
    list.map((a) => `${a.documentId}:${new Dec(a.amount).toFixed(2)}`).join(',');
  return (
    earlier.customerId === input.customerId &&
    earlier.receivedOn === input.receivedOn &&
    earlier.method === input.method &&
    new Dec(earlier.amount).eq(input.amount) &&
    parts(earlier.allocations) === parts(input.allocations)
  );
}

export async function getPayment(db: Kysely<Database>, id: number): Promise<Payment> {
  const row = await db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('payment', id);
  const allocations = await db
    .selectFrom('payment_allocations')
    .innerJoin('sales_documents', 'sales_documents.id', 'payment_allocations.document_id')
    .select([
      'payment_allocations.document_id',
      'payment_allocations.amount',
      'payment_allocations.vat',
      'sales_documents.number',
    ])
    .where('payment_id', '=', id)
    .orderBy('payment_allocations.id')
    .execute();
  return toPayment(row, allocations);
}

/** A payment from its row and its allocations (in order, each with its invoice's number). */
export function toPayment(
  row: Selectable<PaymentsTable>,
  allocations: ReadonlyArray<{ document_id: number; amount: string; vat: unknown; number: string | null }>,
): Payment {
  return {
    id: row.id,
    customerId: row.customer_id,
    receivedOn: row.received_on,
    method: row.method,
    amount: toAmountString(new Dec(row.amount)),
    reference: row.reference,
    entryId: row.entry_id,
    allocations: allocations.map((a) => ({
      documentId: a.document_id,
      number: a.number ?? '',
      amount: toAmountString(new Dec(a.amount)),
      vat: a.vat as Array<{ vat: string; amount: string }>,
    })),
  };
}
