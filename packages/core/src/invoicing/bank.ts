// The payments register and bank reconciliation: customer payments as the cashiers review them, bank statements
// imported from CSV, the match of each statement line with its payment or payout, and what is left to reconcile.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { containsPattern, foldedColumn, foldSearch } from '../db/search.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, invalid, notFound, sqlState } from '../errors.ts';
import {
  CellError,
  type ImportProgress,
  type ImportReport,
  type ImportSpec,
  isoDate,
  parseImport,
  yieldToEventLoop,
} from '../imports/csv.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { type MatchCandidate, type MatchSuggestion, parseBankAmount, suggestMatches } from './bank-suggest.ts';
import { getPayment, type Payment, type PaymentMethod, recordPayment } from './payments.ts';

/** Who handles the GIE's money (the API's CASHIERS of invoicing). */
const CASHIERS = new Set(['admin', 'manager', 'accountant']);

function assertCashier(actor: Actor): void {
  if (!CASHIERS.has(actor.role)) {
    throw new DomainError('forbidden', 'payments and bank statements are handled by the manager or the accountant');
  }
}

/** A numeric column (a string, never a float) as an amount with two decimals; a missing sum is zero. */
const amountOf = (value: string | null | undefined): string => toAmountString(new Dec(value ?? '0'));

// The payments register ---------------------------------------------------------------------------------------

export interface PaymentQuery {
  from?: string;
  to?: string;
  customerId?: number;
  method?: PaymentMethod;
  /** true: seen on a bank statement; false: not yet. */
  matched?: boolean;
  /** Part of the payment's reference or of an invoice number it settles. */
  search?: string;
  page?: number;
  pageSize?: number;
}

/** Where a payment was seen on the bank, if it was. */
export interface BankMatch {
  lineId: number;
  statementId: number;
  statementName: string;
  valueDate: string;
  label: string;
}

export interface PaymentRegisterRow {
  id: number;
  receivedOn: string;
  customerId: number;
  customerName: string;
  method: PaymentMethod;
  amount: string;
  reference: string | null;
  invoices: Array<{ documentId: number; number: string; amount: string }>;
  bank: BankMatch | null;
}

export interface PaymentRegister {
  items: PaymentRegisterRow[];
  total: number;
  page: number;
  pageSize: number;
  /** The sum of every payment the filters select, not only this page. */
  totalAmount: string;
}

export async function listPayments(db: Kysely<Database>, actor: Actor, query: PaymentQuery = {}): Promise<PaymentRegister> {
  assertCashier(actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  if (query.from && query.to && query.to < query.from) throw invalid('to', `expected a date on or after ${query.from}`);
  let base = db.selectFrom('payments as p').innerJoin('parties as c', 'c.id', 'p.customer_id');
  if (query.from) base = base.where('p.received_on', '>=', query.from);
  if (query.to) base = base.where('p.received_on', '<=', query.to);
  if (query.customerId) base = base.where('p.customer_id', '=', query.customerId);
  if (query.method) base = base.where('p.method', '=', query.method);
  if (query.matched !== undefined) {
    const seen = sql<boolean>`exists (select 1 from bank_statement_lines l where l.payment_id = p.id)`;
    base = base.where(query.matched ? seen : sql<boolean>`not ${seen}`);
  }
  const search = query.search ? foldSearch(query.search) : '';
  if (search) {
    const pattern = containsPattern(search);
    base = base.where(
      sql<boolean>`(${foldedColumn('p.reference')} like ${pattern} or exists (
        select 1 from payment_allocations a join sales_documents d on d.id = a.document_id
        where a.payment_id = p.id and ${foldedColumn('d.number')} like ${pattern}))`,
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select(['p.id', 'p.received_on', 'p.customer_id', 'c.name', 'p.method', 'p.amount', 'p.reference'])
      .orderBy('p.received_on', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.coalesce(eb.fn.sum<string>('p.amount'), eb.val('0')).as('sum')])
      .executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const [allocations, matches] = await Promise.all([allocationsOf(db, ids), bankMatchesOf(db, ids)]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      receivedOn: r.received_on,
      customerId: r.customer_id,
      customerName: r.name,
      method: r.method,
      amount: amountOf(r.amount),
      reference: r.reference,
      invoices: allocations.get(r.id) ?? [],
      bank: matches.get(r.id) ?? null,
    })),
    total: Number(count.n),
    page,
    pageSize,
    totalAmount: amountOf(count.sum),
  };
}

async function allocationsOf(db: Kysely<Database>, paymentIds: number[]) {
  const byPayment = new Map<number, PaymentRegisterRow['invoices']>();
  if (paymentIds.length === 0) return byPayment;
  const rows = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('sales_documents as d', 'd.id', 'a.document_id')
    .select(['a.payment_id', 'a.document_id', 'd.number', 'a.amount'])
    .where('a.payment_id', 'in', paymentIds)
    .orderBy('a.id')
    .execute();
  for (const r of rows) {
    const list = byPayment.get(r.payment_id) ?? [];
    list.push({ documentId: r.document_id, number: r.number ?? '', amount: amountOf(r.amount) });
    byPayment.set(r.payment_id, list);
  }
  return byPayment;
}

async function bankMatchesOf(db: Kysely<Database>, paymentIds: number[]) {
  const byPayment = new Map<number, BankMatch>();
  if (paymentIds.length === 0) return byPayment;
  const rows = await db
    .selectFrom('bank_statement_lines as l')
    .innerJoin('bank_statements as s', 's.id', 'l.statement_id')
    .select(['l.payment_id', 'l.id', 'l.statement_id', 's.name', 'l.value_date', 'l.label'])
    .where('l.payment_id', 'in', paymentIds)
    .execute();
  for (const r of rows) {
    if (r.payment_id === null) continue;
    byPayment.set(r.payment_id, {
      lineId: r.id,
      statementId: r.statement_id,
      statementName: r.name,
      valueDate: r.value_date,
      label: r.label,
    });
  }
  return byPayment;
}

export interface PaymentDetail extends Payment {
  customerName: string;
  bank: BankMatch | null;
}

export async function getPaymentDetail(db: Kysely<Database>, actor: Actor, id: number): Promise<PaymentDetail> {
  assertCashier(actor);
  const payment = await getPayment(db, id);
  const [customer, matches] = await Promise.all([
    db.selectFrom('parties').select('name').where('id', '=', payment.customerId).executeTakeFirstOrThrow(),
    bankMatchesOf(db, [id]),
  ]);
  return { ...payment, customerName: customer.name, bank: matches.get(id) ?? null };
}

/** Issued invoices that still owe something, with what they owe, for a payment to settle. */
export interface OpenInvoice {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  issueDate: string;
  dueDate: string | null;
  totalTtc: string;
  due: string;
}

const OPEN_INVOICES = sql<{
  id: number;
  number: string;
  customer_id: number;
  name: string;
  issue_date: string;
  due_date: string | null;
  total_ttc: string;
  due: string;
}>`select * from (
    select d.id, d.number, d.customer_id, p.name, d.issue_date, d.due_date, d.total_ttc,
      d.total_ttc
        - coalesce((select sum(c.total_ttc) from sales_documents c where c.corrects_id = d.id and c.status = 'issued'), 0)
        - coalesce((select sum(a.amount) from payment_allocations a where a.document_id = d.id), 0) as due
    from sales_documents d join parties p on p.id = d.customer_id
    where d.kind = 'invoice' and d.status = 'issued') o
  where o.due > 0`;

export async function listOpenInvoices(
  db: Kysely<Database>,
  actor: Actor,
  query: { customerId?: number; search?: string } = {},
): Promise<OpenInvoice[]> {
  assertCashier(actor);
  const search = query.search ? containsPattern(foldSearch(query.search)) : null;
  const { rows } = await sql<{
    id: number;
    number: string;
    customer_id: number;
    name: string;
    issue_date: string;
    due_date: string | null;
    total_ttc: string;
    due: string;
  }>`${OPEN_INVOICES}
    ${query.customerId ? sql`and o.customer_id = ${query.customerId}` : sql``}
    ${search ? sql`and (${foldedColumn('o.number')} like ${search} or ${foldedColumn('o.name')} like ${search})` : sql``}
    order by o.issue_date, o.id limit 200`.execute(db);
  return rows.map(openInvoiceOf);
}

function openInvoiceOf(r: {
  id: number;
  number: string;
  customer_id: number;
  name: string;
  issue_date: string;
  due_date: string | null;
  total_ttc: string;
  due: string;
}): OpenInvoice {
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    customerName: r.name,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    totalTtc: amountOf(r.total_ttc),
    due: amountOf(r.due),
  };
}

// Statement import ----------------------------------------------------------------------------------------------

/** One row of a bank statement file, as its cells read. */
export interface BankLineRecord {
  valueDate: string;
  bookingDate: string;
  label: string;
  reference: string;
  amount: string;
  debit: string;
  credit: string;
}

/** A debit or credit column holds a positive amount; the column says the direction. */
function unsignedAmount(text: string): string {
  const amount = parseBankAmount(text);
  if (amount.startsWith('-')) throw new CellError(`expected an amount without sign in this column, received "${text}"`);
  return amount;
}

export const BANK_STATEMENT_COLUMNS: ImportSpec<BankLineRecord>['columns'] = [
  { key: 'valueDate', headers: ['date de valeur', 'value date', 'valeur', 'date valeur'], parse: isoDate },
  {
    key: 'bookingDate',
    headers: ['date', "date d'opération", 'date opération', 'booking date', 'operation date'],
    parse: isoDate,
  },
  { key: 'label', headers: ['libellé', 'label', 'description', 'opération', 'operation'], required: true },
  { key: 'reference', headers: ['référence', 'reference', 'réf', 'ref'] },
  { key: 'amount', headers: ['montant', 'amount'], parse: parseBankAmount },
  { key: 'debit', headers: ['débit', 'debit'], parse: unsignedAmount },
  { key: 'credit', headers: ['crédit', 'credit'], parse: unsignedAmount },
];

/** The signed amount of a row: the amount column, or credit − debit. */
function signedAmount(record: Partial<BankLineRecord>): string {
  if (record.amount !== undefined) return record.amount;
  return toAmountString(new Dec(record.credit ?? '0').minus(record.debit ?? '0'));
}

function checkBankRow(record: Partial<BankLineRecord>): Array<{ column: keyof BankLineRecord & string; message: string }> {
  const problems: Array<{ column: keyof BankLineRecord & string; message: string }> = [];
  if (!record.valueDate && !record.bookingDate)
    problems.push({ column: 'valueDate', message: 'required: the value date (or the date)' });
  const hasSplit = record.debit !== undefined || record.credit !== undefined;
  if (record.amount !== undefined && hasSplit) {
    problems.push({ column: 'amount', message: 'give the amount, or the debit or the credit, not both' });
  } else if (record.amount === undefined && !hasSplit) {
    problems.push({ column: 'amount', message: 'required: the amount (+ in, − out), or a debit or a credit' });
  } else if (
    record.debit !== undefined &&
    record.credit !== undefined &&
    !new Dec(record.debit).isZero() &&
    !new Dec(record.credit).isZero()
  ) {
    problems.push({ column: 'credit', message: 'a line is a debit or a credit, not both' });
  } else if (new Dec(signedAmount(record)).isZero()) {
    problems.push({
      column: record.amount !== undefined ? 'amount' : record.credit !== undefined ? 'credit' : 'debit',
      message: 'a bank movement of 0.00 is not a movement',
    });
  }
  if (record.label && record.label.length > 500)
    problems.push({ column: 'label', message: `at most 500 characters, received ${record.label.length}` });
  if (record.reference && record.reference.length > 100)
    problems.push({ column: 'reference', message: `at most 100 characters, received ${record.reference.length}` });
  return problems;
}

export interface BankStatementImportOptions {
  /** The bank journal (bank account) of the statement; the first active bank journal when not given. */
  journal?: string;
  /** The file name or the period, as the cashier knows the statement; "Relevé BQ1 du … au …" by default. */
  name?: string;
  openingBalance?: string;
  closingBalance?: string;
}

export interface BankImportReport extends ImportReport {
  /** The statement created (apply only). */
  statementId: number | null;
}

/** 2026-03-12 → 12/03/2026, as the statement's default name reads. */
const frenchDate = (iso: string): string => iso.split('-').reverse().join('/');

const SIGNED_AMOUNT = /^-?\d{1,13}(\.\d{1,2})?$/;

async function bankJournal(db: Kysely<Database>, code: string | undefined): Promise<string> {
  let query = db.selectFrom('journals').select('code').where('kind', '=', 'bank').where('active', '=', true);
  if (code) query = query.where('code', '=', code);
  const journal = await query.orderBy('code').executeTakeFirst();
  if (!journal) {
    throw code
      ? invalid('journal', `expected the code of an active bank journal, received "${code}"`)
      : new DomainError('conflict', 'no active bank journal: create one in the ledger first');
  }
  return journal.code;
}

/**
 * Imports a bank statement from CSV text: every row checked (date, label, amount as + / − or debit / credit, French
 * decimal commas accepted), lines already imported for the same account reported; with `apply` and no problem, the
 * statement and all its lines are written in one transaction with one `bank_statement.import` audit event.
 */
export async function importBankStatement(
  db: Kysely<Database>,
  actor: Actor,
  text: string,
  mode: 'dry-run' | 'apply',
  options: BankStatementImportOptions = {},
  onProgress?: ImportProgress,
): Promise<BankImportReport> {
  assertCashier(actor);
  for (const field of ['openingBalance', 'closingBalance'] as const) {
    const value = options[field];
    if (value !== undefined && !SIGNED_AMOUNT.test(value))
      throw invalid(field, `expected an amount such as "-1250.00", received "${value}"`);
  }
  if (options.name !== undefined && (options.name.trim().length === 0 || options.name.length > 200))
    throw invalid('name', 'expected 1 to 200 characters');
  const run = async (trx: Kysely<Database>): Promise<BankImportReport> => {
    const journal = await bankJournal(trx, options.journal);
    const spec: ImportSpec<BankLineRecord> = { entity: 'bank line', columns: BANK_STATEMENT_COLUMNS, checkRow: checkBankRow };
    const parsed = await parseImport(spec, text, onProgress);
    const problems = [...parsed.problems];
    const lines = parsed.records
      .filter((r) => r.ok)
      .map(({ row, record }) => ({
        row,
        valueDate: record.valueDate ?? record.bookingDate ?? '',
        label: (record.label ?? '').trim(),
        reference: record.reference?.trim() || null,
        amount: signedAmount(record),
      }));
    // a statement imported twice would offer every movement twice
    if (lines.length > 0) {
      const dates = lines.map((l) => l.valueDate).sort();
      const existing = await trx
        .selectFrom('bank_statement_lines as l')
        .innerJoin('bank_statements as s', 's.id', 'l.statement_id')
        .select(['l.value_date', 'l.label', 'l.reference', 'l.amount', 's.name', 'l.line_no'])
        .where('s.journal_code', '=', journal)
        .where('l.value_date', '>=', dates[0] ?? '')
        .where('l.value_date', '<=', dates.at(-1) ?? '')
        .execute();
      const known = new Map(
        existing.map((e) => [
          `${e.value_date}|${e.label}|${e.reference ?? ''}|${amountOf(e.amount)}`,
          `${e.name}, line ${e.line_no}`,
        ]),
      );
      const labelHeader = parsed.headers.label ?? 'label';
      for (const l of lines) {
        const where = known.get(`${l.valueDate}|${l.label}|${l.reference ?? ''}|${l.amount}`);
        if (where) problems.push({ row: l.row, column: labelHeader, message: `already imported (statement ${where})` });
      }
    }
    if (options.openingBalance !== undefined && options.closingBalance !== undefined && problems.length === 0) {
      const net = lines.reduce((s, l) => s.plus(l.amount), new Dec(0));
      const expected = new Dec(options.closingBalance).minus(options.openingBalance);
      if (!net.eq(expected)) {
        problems.push({
          row: 1,
          column: '',
          message: `the lines add up to ${toAmountString(net)}, but the closing balance minus the opening balance is ${toAmountString(expected)}`,
        });
      }
    }
    problems.sort((a, b) => a.row - b.row);
    const report: BankImportReport = {
      mode,
      total: parsed.total,
      valid: parsed.records.filter((r) => r.ok).length,
      problems,
      created: 0,
      statementId: null,
    };
    if (mode === 'dry-run' || problems.length > 0 || lines.length === 0) return report;

    const dates = lines.map((l) => l.valueDate).sort();
    const periodStart = dates[0] ?? '';
    const periodEnd = dates.at(-1) ?? '';
    const statement = await trx
      .insertInto('bank_statements')
      .values({
        journal_code: journal,
        name: options.name?.trim() || `Relevé ${journal} du ${frenchDate(periodStart)} au ${frenchDate(periodEnd)}`,
        period_start: periodStart,
        period_end: periodEnd,
        opening_balance: options.openingBalance ?? null,
        closing_balance: options.closingBalance ?? null,
        imported_by: auditActorId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const BATCH = 500;
    for (let start = 0; start < lines.length; start += BATCH) {
      await trx
        .insertInto('bank_statement_lines')
        .values(
          lines.slice(start, start + BATCH).map((l, i) => ({
            statement_id: statement.id,
            line_no: start + i + 1,
            value_date: l.valueDate,
            label: l.label,
            reference: l.reference,
            amount: l.amount,
          })),
        )
        .execute();
      onProgress?.(Math.min(start + BATCH, lines.length), lines.length, 'writing');
      await yieldToEventLoop();
    }
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'bank_statement.import',
      entity: 'bank_statement',
      entityId: statement.id,
      after: { journal, lines: lines.length, periodStart, periodEnd },
    });
    return { ...report, created: lines.length, statementId: statement.id };
  };
  return mode === 'apply' ? inTransaction(db, run) : run(db);
}

// Statements, their lines and suggestions ------------------------------------------------------------------------

export interface BankStatementSummary {
  id: number;
  journal: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  importedAt: string;
  lines: number;
  matchedLines: number;
  /** Net of the lines: credits − debits. */
  total: string;
}

export async function listBankStatements(
  db: Kysely<Database>,
  actor: Actor,
  query: { page?: number; pageSize?: number } = {},
): Promise<{ items: BankStatementSummary[]; total: number; page: number; pageSize: number }> {
  assertCashier(actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const [rows, count] = await Promise.all([
    db
      .selectFrom('bank_statements as s')
      .select(['s.id', 's.journal_code', 's.name', 's.period_start', 's.period_end', 's.imported_at'])
      .select([
        sql<string>`(select count(*) from bank_statement_lines l where l.statement_id = s.id)`.as('lines'),
        sql<string>`(select count(*) from bank_statement_lines l where l.statement_id = s.id and (l.payment_id is not null or l.payout_id is not null))`.as(
          'matched',
        ),
        sql<string>`coalesce((select sum(l.amount) from bank_statement_lines l where l.statement_id = s.id), 0)`.as('total'),
      ])
      .orderBy('s.period_end', 'desc')
      .orderBy('s.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('bank_statements')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      journal: r.journal_code,
      name: r.name,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      importedAt: r.imported_at,
      lines: Number(r.lines),
      matchedLines: Number(r.matched),
      total: amountOf(r.total),
    })),
    total: Number(count.n),
    page,
    pageSize,
  };
}

export interface BankLine {
  id: number;
  lineNo: number;
  valueDate: string;
  label: string;
  reference: string | null;
  amount: string;
  match:
    | { kind: 'payment'; id: number; date: string; partyName: string; numbers: string[]; matchedAt: string }
    | { kind: 'payout'; id: number; date: string; partyName: string; numbers: string[]; matchedAt: string }
    | null;
  /** Unmatched lines: unmatched payments (credits) or payouts (debits) of the same amount, best first. */
  suggestions: MatchSuggestion[];
  /** Unmatched credit lines: open invoices that owe exactly this amount, for a payment not recorded yet. */
  invoices: MatchSuggestion[];
}

export interface ReconciliationSummary {
  lines: number;
  credits: string;
  debits: string;
  /** Net of the statement: credits − debits. */
  total: string;
  matchedLines: number;
  matchedTotal: string;
  unmatchedLines: number;
  unmatchedTotal: string;
  openingBalance: string | null;
  closingBalance: string | null;
  /** Opening + net = closing, when both balances are known. */
  balanced: boolean | null;
  /** Payments and payouts booked on this bank account up to the statement's end that no statement shows yet. */
  unseen: Array<{
    kind: 'payment' | 'payout';
    id: number;
    date: string;
    amount: string;
    reference: string | null;
    partyName: string;
  }>;
  unseenTotal: string;
}

export interface BankStatement {
  id: number;
  journal: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  importedAt: string;
  lines: BankLine[];
  summary: ReconciliationSummary;
}

/** Unmatched payments (not cash) and payouts booked in a bank journal, as candidates for its lines. */
/** A payment or payout booked on the bank account and not yet matched: what a bank line may be. */
type Movement = MatchCandidate & { kind: 'payment' | 'payout' };

async function unmatchedMovements(db: Kysely<Database>, journal: string, until?: string): Promise<Movement[]> {
  const { rows: payments } = await sql<{
    id: number;
    received_on: string;
    amount: string;
    reference: string | null;
    customer_id: number;
    name: string;
  }>`
    select p.id, p.received_on, p.amount, p.reference, p.customer_id, c.name
    from payments p join entries e on e.id = p.entry_id join parties c on c.id = p.customer_id
    where e.journal_code = ${journal} and p.method <> 'cash'
      and not exists (select 1 from bank_statement_lines l where l.payment_id = p.id)
      ${until ? sql`and p.received_on <= ${until}` : sql``}
    order by p.received_on, p.id`.execute(db);
  const { rows: payouts } = await sql<{
    id: number;
    paid_on: string;
    amount: string;
    reference: string | null;
    member_id: number;
    name: string;
  }>`
    select o.id, o.paid_on, o.amount, o.reference, o.member_id, coalesce(m.code || ' ', '') || m.legal_name as name
    from payouts o join entries e on e.id = o.entry_id join members m on m.id = o.member_id
    where e.journal_code = ${journal}
      and not exists (select 1 from bank_statement_lines l where l.payout_id = o.id)
      ${until ? sql`and o.paid_on <= ${until}` : sql``}
    order by o.paid_on, o.id`.execute(db);
  const numbers = await allocationsOf(
    db,
    payments.map((p) => p.id),
  );
  return [
    ...payments.map(
      (p): Movement => ({
        kind: 'payment',
        id: p.id,
        date: p.received_on,
        amount: amountOf(p.amount),
        reference: p.reference,
        numbers: (numbers.get(p.id) ?? []).map((a) => a.number),
        partyId: p.customer_id,
        partyName: p.name,
      }),
    ),
    ...payouts.map(
      (o): Movement => ({
        kind: 'payout',
        id: o.id,
        date: o.paid_on,
        amount: amountOf(o.amount),
        reference: o.reference,
        numbers: [],
        partyId: o.member_id,
        partyName: o.name,
      }),
    ),
  ];
}

export async function getBankStatement(db: Kysely<Database>, actor: Actor, id: number): Promise<BankStatement> {
  assertCashier(actor);
  const statement = await db.selectFrom('bank_statements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!statement) throw notFound('bank statement', id);
  const rows = await db
    .selectFrom('bank_statement_lines as l')
    .leftJoin('payments as p', 'p.id', 'l.payment_id')
    .leftJoin('parties as c', 'c.id', 'p.customer_id')
    .leftJoin('payouts as o', 'o.id', 'l.payout_id')
    .leftJoin('members as m', 'm.id', 'o.member_id')
    .select([
      'l.id',
      'l.line_no',
      'l.value_date',
      'l.label',
      'l.reference',
      'l.amount',
      'l.payment_id',
      'l.payout_id',
      'l.matched_at',
      'p.received_on',
      'c.name as customer_name',
      'o.paid_on',
      'm.legal_name as member_name',
    ])
    .where('l.statement_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const unmatched = rows.filter((r) => r.payment_id === null && r.payout_id === null);
  const movements = unmatched.length > 0 ? await unmatchedMovements(db, statement.journal_code) : [];
  const creditAmounts = [...new Set(unmatched.filter((r) => new Dec(r.amount).gt(0)).map((r) => amountOf(r.amount)))];
  const invoices: MatchCandidate[] =
    creditAmounts.length > 0
      ? (
          await sql<{
            id: number;
            number: string;
            customer_id: number;
            name: string;
            issue_date: string;
            due: string;
          }>`${OPEN_INVOICES}
            and o.due in (${sql.join(creditAmounts.map((a) => sql`${a}::numeric`))})
            order by o.issue_date, o.id`.execute(db)
        ).rows.map((r) => ({
          kind: 'invoice',
          id: r.id,
          date: r.issue_date,
          amount: amountOf(r.due),
          reference: null,
          numbers: [r.number],
          partyId: r.customer_id,
          partyName: r.name,
        }))
      : [];
  const matchedPayments = await allocationsOf(
    db,
    rows.flatMap((r) => (r.payment_id === null ? [] : [r.payment_id])),
  );
  const lines = rows.map((r): BankLine => {
    const facts = { valueDate: r.value_date, label: r.label, reference: r.reference, amount: amountOf(r.amount) };
    const isMatched = r.payment_id !== null || r.payout_id !== null;
    let match: BankLine['match'] = null;
    if (r.payment_id !== null)
      match = {
        kind: 'payment',
        id: r.payment_id,
        date: r.received_on ?? '',
        partyName: r.customer_name ?? '',
        numbers: (matchedPayments.get(r.payment_id) ?? []).map((a) => a.number),
        matchedAt: r.matched_at ?? '',
      };
    else if (r.payout_id !== null)
      match = {
        kind: 'payout',
        id: r.payout_id,
        date: r.paid_on ?? '',
        partyName: r.member_name ?? '',
        numbers: [],
        matchedAt: r.matched_at ?? '',
      };
    return {
      id: r.id,
      lineNo: r.line_no,
      ...facts,
      match,
      suggestions: isMatched ? [] : suggestMatches(facts, movements),
      invoices: isMatched ? [] : suggestMatches(facts, invoices),
    };
  });
  return {
    id: statement.id,
    journal: statement.journal_code,
    name: statement.name,
    periodStart: statement.period_start,
    periodEnd: statement.period_end,
    importedAt: statement.imported_at,
    lines,
    summary: await reconciliation(db, statement, lines),
  };
}

async function reconciliation(
  db: Kysely<Database>,
  statement: { journal_code: string; period_end: string; opening_balance: string | null; closing_balance: string | null },
  lines: BankLine[],
): Promise<ReconciliationSummary> {
  const sum = (list: BankLine[]) => list.reduce((s, l) => s.plus(l.amount), new Dec(0));
  const matched = lines.filter((l) => l.match);
  const unmatched = lines.filter((l) => !l.match);
  const total = sum(lines);
  const unseen = await unmatchedMovements(db, statement.journal_code, statement.period_end);
  const opening = statement.opening_balance === null ? null : amountOf(statement.opening_balance);
  const closing = statement.closing_balance === null ? null : amountOf(statement.closing_balance);
  return {
    lines: lines.length,
    credits: toAmountString(sum(lines.filter((l) => new Dec(l.amount).gt(0)))),
    debits: toAmountString(sum(lines.filter((l) => new Dec(l.amount).lt(0))).negated()),
    total: toAmountString(total),
    matchedLines: matched.length,
    matchedTotal: toAmountString(sum(matched)),
    unmatchedLines: unmatched.length,
    unmatchedTotal: toAmountString(sum(unmatched)),
    openingBalance: opening,
    closingBalance: closing,
    balanced: opening === null || closing === null ? null : new Dec(opening).plus(total).eq(closing),
    unseen: unseen.map((m) => ({
      kind: m.kind,
      id: m.id,
      date: m.date,
      amount: m.kind === 'payout' ? toAmountString(new Dec(m.amount).negated()) : m.amount,
      reference: m.reference,
      partyName: m.partyName,
    })),
    unseenTotal: toAmountString(
      unseen.reduce((s, m) => (m.kind === 'payout' ? s.minus(m.amount) : s.plus(m.amount)), new Dec(0)),
    ),
  };
}

// Matching ------------------------------------------------------------------------------------------------------

export interface MatchInput {
  paymentId?: number | null;
  payoutId?: number | null;
}

export interface BankLineMatch {
  lineId: number;
  statementId: number;
  paymentId: number | null;
  payoutId: number | null;
  matchedAt: string | null;
}

async function lockLine(trx: Kysely<Database>, lineId: number) {
  const line = await trx
    .selectFrom('bank_statement_lines as l')
    .innerJoin('bank_statements as s', 's.id', 'l.statement_id')
    .select([
      'l.id',
      'l.statement_id',
      'l.value_date',
      'l.label',
      'l.reference',
      'l.amount',
      'l.payment_id',
      'l.payout_id',
      's.journal_code',
    ])
    .where('l.id', '=', lineId)
    .forUpdate()
    .executeTakeFirst();
  if (!line) throw notFound('bank line', lineId);
  return line;
}

function matchOf(row: {
  id: number;
  statement_id: number;
  payment_id: number | null;
  payout_id: number | null;
  matched_at: string | null;
}): BankLineMatch {
  return {
    lineId: row.id,
    statementId: row.statement_id,
    paymentId: row.payment_id,
    payoutId: row.payout_id,
    matchedAt: row.matched_at,
  };
}

/**
 * Says that a bank line is the movement of a payment (a credit) or of a payout (a debit): same amount, same bank
 * account, neither already matched. The database refuses a second match of the same payment or payout and an amount
 * that differs, whatever the path.
 */
export async function matchBankLine(
  db: Kysely<Database>,
  actor: Actor,
  lineId: number,
  input: MatchInput,
): Promise<BankLineMatch> {
  assertCashier(actor);
  const paymentId = input.paymentId ?? null;
  const payoutId = input.payoutId ?? null;
  if ((paymentId === null) === (payoutId === null)) throw invalid('paymentId', 'give either paymentId or payoutId');
  return inTransaction(db, async (trx) => {
    const line = await lockLine(trx, lineId);
    if (line.payment_id !== null || line.payout_id !== null)
      throw new DomainError('conflict', `bank line ${lineId} is already matched: unmatch it first`);
    const amount = new Dec(line.amount);
    const field = paymentId !== null ? 'paymentId' : 'payoutId';
    const target =
      paymentId !== null
        ? await trx
            .selectFrom('payments as p')
            .innerJoin('entries as e', 'e.id', 'p.entry_id')
            .select(['p.amount', 'p.method', 'e.journal_code'])
            .where('p.id', '=', paymentId)
            .executeTakeFirst()
        : await trx
            .selectFrom('payouts as o')
            .innerJoin('entries as e', 'e.id', 'o.entry_id')
            .select(['o.amount', sql<string>`'transfer'`.as('method'), 'e.journal_code'])
            .where('o.id', '=', payoutId ?? 0)
            .executeTakeFirst();
    const what = paymentId !== null ? `payment ${paymentId}` : `payout ${payoutId}`;
    if (!target) throw invalid(field, `${what} does not exist`);
    if (target.method === 'cash') throw invalid(field, `${what} was received in cash: it never goes through the bank`);
    if (paymentId !== null && amount.lte(0))
      throw invalid(field, `bank line ${lineId} is a debit (${amountOf(line.amount)}): it can only be a payout`);
    if (payoutId !== null && amount.gte(0))
      throw invalid(field, `bank line ${lineId} is a credit (${amountOf(line.amount)}): it can only be a customer payment`);
    if (!amount.abs().eq(target.amount))
      throw invalid(
        field,
        `the amounts differ: ${what} is ${amountOf(target.amount)}, the bank line ${amountOf(amount.abs().toFixed(2))}`,
      );
    if (target.journal_code !== line.journal_code)
      throw invalid(field, `${what} is booked in journal ${target.journal_code}, the statement is of ${line.journal_code}`);
    const elsewhere = await trx
      .selectFrom('bank_statement_lines')
      .select('id')
      .where(paymentId !== null ? 'payment_id' : 'payout_id', '=', paymentId ?? payoutId ?? 0)
      .executeTakeFirst();
    if (elsewhere)
      throw new DomainError('conflict', `${field}: ${what} is already matched to bank line ${elsewhere.id}`, [
        { path: field, message: `already matched to bank line ${elsewhere.id}` },
      ]);
    let updated: Parameters<typeof matchOf>[0];
    try {
      updated = await trx
        .updateTable('bank_statement_lines')
        .set({ payment_id: paymentId, payout_id: payoutId, matched_by: auditActorId(actor), matched_at: sql<string>`now()` })
        .where('id', '=', lineId)
        .returning(['id', 'statement_id', 'payment_id', 'payout_id', 'matched_at'])
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (sqlState(error) !== '23505') throw error;
      throw new DomainError('conflict', `${field}: ${what} was matched to another bank line meanwhile`, [
        { path: field, message: 'already matched to another bank line' },
      ]);
    }
    const result = matchOf(updated);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'bank_line.match',
      entity: 'bank_line',
      entityId: lineId,
      before: { paymentId: null, payoutId: null },
      after: result,
    });
    return result;
  });
}

/** Undoes a match, explicitly and audited: the line and the payment or payout are free to be matched again. */
export async function unmatchBankLine(db: Kysely<Database>, actor: Actor, lineId: number): Promise<BankLineMatch> {
  assertCashier(actor);
  return inTransaction(db, async (trx) => {
    const line = await lockLine(trx, lineId);
    if (line.payment_id === null && line.payout_id === null)
      throw new DomainError('conflict', `bank line ${lineId} is not matched`);
    const updated = await trx
      .updateTable('bank_statement_lines')
      .set({ payment_id: null, payout_id: null, matched_by: null, matched_at: null })
      .where('id', '=', lineId)
      .returning(['id', 'statement_id', 'payment_id', 'payout_id', 'matched_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'bank_line.unmatch',
      entity: 'bank_line',
      entityId: lineId,
      before: { paymentId: line.payment_id, payoutId: line.payout_id },
      after: { paymentId: null, payoutId: null },
    });
    return matchOf(updated);
  });
}

export interface PaymentFromBankLineInput {
  customerId: number;
  /** The invoices it settles; the parts add up to the line's amount. */
  allocations: Array<{ documentId: number; amount: string }>;
}

/**
 * Records the customer payment a credit line shows (by transfer, received on the value date, for the line's amount,
 * posted D bank / C customers) and matches the line with it, in one transaction: both, or neither.
 */
export async function recordPaymentFromBankLine(
  db: Kysely<Database>,
  actor: Actor,
  lineId: number,
  input: PaymentFromBankLineInput,
): Promise<{ payment: Payment; match: BankLineMatch }> {
  assertCashier(actor);
  return inTransaction(db, async (trx) => {
    const line = await lockLine(trx, lineId);
    if (line.payment_id !== null || line.payout_id !== null)
      throw new DomainError('conflict', `bank line ${lineId} is already matched: unmatch it first`);
    if (new Dec(line.amount).lte(0))
      throw invalid('allocations', `bank line ${lineId} is a debit (${amountOf(line.amount)}): it is not a customer payment`);
    const payment = await recordPayment(trx, actor, {
      customerId: input.customerId,
      receivedOn: line.value_date,
      method: 'transfer',
      // booked on the bank account the statement is of, so that the payment it creates is the line it matches
      journal: line.journal_code,
      amount: amountOf(line.amount),
      reference: (line.reference ?? line.label).slice(0, 100),
      allocations: input.allocations,
    });
    const match = await matchBankLine(trx, actor, lineId, { paymentId: payment.id });
    return { payment, match };
  });
}
