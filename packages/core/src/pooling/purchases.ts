// Supplier bills for pooled services, entered once and posted at once in the purchases journal:
// D 61xx (analytic: the service) per line, D recoverable VAT, C the supplier — so they land in the cost pools.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { addDays } from '../dates.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, notFound, sqlState } from '../errors.ts';
import { postingAccount } from '../ledger/accounts.ts';
import { post } from '../ledger/entries.ts';
import type { PostingLine } from '../ledger/posting.ts';
import { Dec, roundMoney, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertPoolingManager, assertPoolingReader } from './access.ts';
import { isDate } from './services.ts';

export interface PurchaseLineInput {
  description: string;
  serviceId: number;
  /** Defaults to the service's first expense account. */
  expenseAccount?: string | null;
  amountHt: string;
  vatRate: string;
}

export interface PurchaseInput {
  supplierId: number;
  billDate: string;
  billNumber: string;
  /** Law 69-21: by default the bill date plus the supplier's agreed payment terms, never later than that. */
  dueDate?: string | null;
  lines: PurchaseLineInput[];
}

export interface Purchase {
  id: number;
  supplierId: number;
  supplierName: string;
  billDate: string;
  billNumber: string;
  dueDate: string;
  totalHt: string;
  totalVat: string;
  totalTtc: string;
  /** What supplier payments settled of it, and what it still owes. */
  paid: string;
  due: string;
  entryId: number;
  lines: Array<{
    lineNo: number;
    description: string;
    serviceId: number;
    serviceCode: string;
    expenseAccount: string;
    amountHt: string;
    vatRate: string;
    vat: string;
  }>;
}

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const RATE = /^\d{1,2}(\.\d{1,2})?$/;

export async function getPurchase(db: Kysely<Database>, actor: Actor, id: number): Promise<Purchase> {
  assertPoolingReader(actor);
  const row = await db
    .selectFrom('pooling_purchases as p')
    .innerJoin('parties as s', 's.id', 'p.supplier_id')
    .selectAll('p')
    .select('s.name as supplier_name')
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('purchase', id);
  const lines = await db
    .selectFrom('pooling_purchase_lines as l')
    .innerJoin('pooled_services as s', 's.id', 'l.service_id')
    .selectAll('l')
    .select('s.code')
    .where('purchase_id', '=', id)
    .orderBy('line_no')
    .execute();
  const money = (v: string) => toAmountString(new Dec(v));
  const settled = await db
    .selectFrom('supplier_payment_allocations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), eb.val('0')).as('paid'))
    .where('purchase_id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    billDate: row.bill_date,
    billNumber: row.bill_number,
    dueDate: row.due_date,
    totalHt: money(row.total_ht),
    totalVat: money(row.total_vat),
    totalTtc: money(row.total_ttc),
    paid: money(settled.paid),
    due: toAmountString(new Dec(row.total_ttc).minus(settled.paid)),
    entryId: row.entry_id,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      description: l.description,
      serviceId: l.service_id,
      serviceCode: l.code,
      expenseAccount: l.expense_account,
      amountHt: money(l.amount_ht),
      vatRate: new Dec(l.vat_rate).toFixed(2),
      vat: money(l.vat),
    })),
  };
}

export async function listPurchases(
  db: Kysely<Database>,
  actor: Actor,
  query: { from?: string; to?: string } = {},
): Promise<Purchase[]> {
  assertPoolingReader(actor);
  let q = db.selectFrom('pooling_purchases').select('id').orderBy('bill_date', 'desc').orderBy('id', 'desc').limit(500);
  if (query.from) q = q.where('bill_date', '>=', query.from);
  if (query.to) q = q.where('bill_date', '<=', query.to);
  const rows = await q.execute();
  return Promise.all(rows.map((r) => getPurchase(db, actor, r.id)));
}

/** Records a supplier bill and posts it in the purchases journal, in one transaction. */
export async function recordPurchase(db: Kysely<Database>, actor: Actor, input: PurchaseInput): Promise<Purchase> {
  assertPoolingManager(actor);
  const errors: FieldError[] = [];
  if (!isDate(input.billDate))
    errors.push({ path: 'billDate', message: `expected a date YYYY-MM-DD, received "${input.billDate}"` });
  if (!input.billNumber?.trim()) errors.push({ path: 'billNumber', message: "required: the supplier's bill number" });
  if (!Array.isArray(input.lines) || input.lines.length === 0)
    errors.push({ path: 'lines', message: 'a bill has at least one line' });
  const supplier = await db
    .selectFrom('parties')
    .select(['id', 'is_supplier', 'payment_days'])
    .where('id', '=', input.supplierId)
    .executeTakeFirst();
  if (!supplier) errors.push({ path: 'supplierId', message: `supplier ${input.supplierId} does not exist` });
  else if (!supplier.is_supplier)
    errors.push({ path: 'supplierId', message: `party ${input.supplierId} is not a supplier: mark it as one first` });
  const latestDue = supplier && isDate(input.billDate) ? addDays(input.billDate, supplier.payment_days) : null;
  const dueDate = input.dueDate || latestDue;
  if (input.dueDate && !isDate(input.dueDate))
    errors.push({ path: 'dueDate', message: `expected a date YYYY-MM-DD, received "${input.dueDate}"` });
  else if (input.dueDate && latestDue && (input.dueDate < input.billDate || input.dueDate > latestDue))
    errors.push({
      path: 'dueDate',
      message: `between the bill date and ${latestDue} (the supplier's terms of ${supplier?.payment_days} days, law 69-21), received "${input.dueDate}"`,
    });
  const serviceIds = [...new Set((input.lines ?? []).map((l) => l.serviceId))];
  const services = serviceIds.length
    ? await db.selectFrom('pooled_services').select(['id', 'code', 'expense_accounts']).where('id', 'in', serviceIds).execute()
    : [];
  const accountCodes = (input.lines ?? []).map((l) => l.expenseAccount).filter((c): c is string => Boolean(c));
  const accounts = accountCodes.length
    ? await db.selectFrom('accounts').select(['code', 'active']).where('code', 'in', accountCodes).execute()
    : [];
  const lines = (input.lines ?? []).map((line, i) => {
    const at = `lines.${i}`;
    if (!line.description?.trim()) errors.push({ path: `${at}.description`, message: 'required' });
    const service = services.find((s) => s.id === line.serviceId);
    if (!service) errors.push({ path: `${at}.serviceId`, message: `pooled service ${line.serviceId} does not exist` });
    const account = line.expenseAccount || service?.expense_accounts?.[0] || '';
    if (!account) errors.push({ path: `${at}.expenseAccount`, message: 'required: the service names no expense account' });
    else if (!account.startsWith('6'))
      errors.push({ path: `${at}.expenseAccount`, message: `expected an expense account (class 6), received "${account}"` });
    else if (line.expenseAccount && !accounts.some((a) => a.code === account && a.active))
      errors.push({ path: `${at}.expenseAccount`, message: `unknown or inactive account "${account}"` });
    const amountOk = AMOUNT.test(line.amountHt ?? '') && new Dec(line.amountHt).gt(0);
    if (!amountOk)
      errors.push({
        path: `${at}.amountHt`,
        message: `expected a positive amount such as "1250.00", received "${line.amountHt}"`,
      });
    const rateOk = RATE.test(line.vatRate ?? '');
    if (!rateOk)
      errors.push({ path: `${at}.vatRate`, message: `expected a VAT rate such as "20" or "0", received "${line.vatRate}"` });
    const vat = amountOk && rateOk ? roundMoney(new Dec(line.amountHt).times(line.vatRate).div(100)) : new Dec(0);
    return { ...line, account, serviceCode: service?.code ?? '', vat };
  });
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  const totalHt = lines.reduce((acc, l) => acc.plus(l.amountHt), new Dec(0));
  const totalVat = lines.reduce((acc, l) => acc.plus(l.vat), new Dec(0));
  const totalTtc = totalHt.plus(totalVat);
  try {
    const id = await inTransaction(db, async (trx) => {
      const [payable, vatAccount] = await Promise.all([
        postingAccount(trx, 'purchases.payable'),
        postingAccount(trx, 'purchases.vat'),
      ]);
      const postingLines: PostingLine[] = lines.map((l) => ({
        account: l.account,
        debit: toAmountString(new Dec(l.amountHt)),
        label: l.description.trim(),
        service: l.serviceCode,
      }));
      if (totalVat.gt(0)) postingLines.push({ account: vatAccount, debit: toAmountString(totalVat), label: 'TVA récupérable' });
      postingLines.push({
        account: payable,
        credit: toAmountString(totalTtc),
        partyId: input.supplierId,
        label: `Facture ${input.billNumber.trim()}`,
      });
      const entry = await post(trx, actor, {
        journal: 'AC',
        date: input.billDate,
        label: `Facture fournisseur ${input.billNumber.trim()} (services mutualisés)`,
        sourceRef: input.billNumber.trim(),
        lines: postingLines,
      });
      const purchase = await trx
        .insertInto('pooling_purchases')
        .values({
          supplier_id: input.supplierId,
          bill_date: input.billDate,
          bill_number: input.billNumber.trim(),
          due_date: dueDate ?? input.billDate,
          total_ht: toAmountString(totalHt),
          total_vat: toAmountString(totalVat),
          total_ttc: toAmountString(totalTtc),
          entry_id: entry.id,
          created_by: auditActorId(actor),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('pooling_purchase_lines')
        .values(
          lines.map((l, i) => ({
            purchase_id: purchase.id,
            line_no: i + 1,
            description: l.description.trim(),
            service_id: l.serviceId,
            expense_account: l.account,
            amount_ht: l.amountHt,
            vat_rate: l.vatRate,
            vat: toAmountString(l.vat),
          })),
        )
        .execute();
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'pooling_purchase.create',
        entity: 'pooling_purchase',
        entityId: purchase.id,
        after: input,
      });
      return purchase.id;
    });
    return getPurchase(db, actor, id);
  } catch (error) {
    if (sqlState(error) === '23505' && /bill_number|supplier_id/.test((error as Error).message)) {
      throw new DomainError('conflict', `billNumber: bill ${input.billNumber} of this supplier is already recorded`, [
        { path: 'billNumber', message: 'already recorded for this supplier' },
      ]);
    }
    throw error;
  }
}
