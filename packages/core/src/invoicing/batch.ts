// Invoices and payments in batches: thousands in one transaction with a few statements each, under the same rules
// and with the same rows, numbers, entries and audit events as `createSalesDraft` + `issueSalesDocument` and `recordPayment`.
import { type Kysely, type Selectable, sql } from 'kysely';
import { type AuditEvent, recordAudits } from '../audit/index.ts';
import { addDays } from '../dates.ts';
import type { Database, SalesDocumentLinesTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError } from '../errors.ts';
import { getGieSettings } from '../gie/settings.ts';
import { postingAccount } from '../ledger/accounts.ts';
import { entryReference, postMany } from '../ledger/entries.ts';
import { getMembers } from '../members/registry.ts';
import { type Party, resolvePartyId, toParty } from '../parties/parties.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import {
  assertMayIssue,
  checkDraftInput,
  checkInvoicing,
  checkIssuable,
  checkRates,
  documentSnapshot,
  issuePosting,
  keepLogo,
  lineRows,
  memberAccounts,
  NO_MEMBER_ACCOUNT,
  refuse,
  type SalesLineInput,
  salesAccounts,
  settlement,
  toLineInput,
  toSalesDocument,
  vatRatesOn,
} from './documents.ts';
import {
  allocationPart,
  assertMayRecordPayments,
  balanceAfter,
  checkPaymentInput,
  invoiceBalances,
  type Payment,
  type PaymentInput,
  type PaymentPart,
  paymentPosting,
  toPayment,
  treasuryJournal,
} from './payments.ts';
import { invoiceTotals, memberShare } from './totals.ts';

/** The most items a batch takes: its rows stay within PostgreSQL's 65,535 parameters a statement. */
export const MAX_BATCH = 5_000;

export interface InvoiceItem {
  memberId: number;
  customerId: number;
  lines: SalesLineInput[];
  issueDate: string;
  /** The customer's terms by default. */
  paymentDays?: number;
  notes?: string | null;
}

export interface BatchInvoice {
  id: number;
  number: string;
  memberId: number;
  customerId: number;
  issueDate: string;
  dueDate: string;
  totals: { ht: string; vat: string; ttc: string };
  memberShare: string;
  entryId: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Rows a statement: 11 parameters a document line, 4 a payment's part. */
const LINES_PER_INSERT = 2_000;
const ALLOCATIONS_PER_INSERT = 10_000;

function checkSize(count: number): void {
  if (count > MAX_BATCH) throw refuse([{ path: 'items', message: `at most ${MAX_BATCH} a batch, received ${count}` }]);
}

const itemErrors = (i: number, errors: readonly FieldError[]): FieldError[] =>
  errors.map((e) => ({ path: `items.${i}.${e.path}`, message: e.message }));

/** A refusal that names the items at fault; the first hundred problems are enough to act on. */
function refuseItems(errors: FieldError[], kind: DomainError['kind'] = 'invalid'): DomainError {
  const shown = errors.slice(0, 100);
  return new DomainError(kind, shown.map((e) => `${e.path}: ${e.message}`).join('; '), shown);
}

/**
 * Parties by the id asked for, merged ones followed to the one that carries on, as `getParty(resolvePartyId(…))`
 * reads one: an entrepreneur sees customers only, the others are left out as missing.
 */
async function readCustomers(trx: Kysely<Database>, actor: Actor, ids: readonly number[]): Promise<Map<number, Party>> {
  const asked = [...new Set(ids)];
  const rows = asked.length ? await trx.selectFrom('parties').selectAll().where('id', 'in', asked).execute() : [];
  const found = new Map(rows.map((r) => [r.id, r]));
  const customers = new Map<number, Party>();
  for (const id of asked) {
    const row = found.get(id);
    if (!row) continue;
    const party =
      row.merged_into_id === null
        ? row
        : await trx
            .selectFrom('parties')
            .selectAll()
            .where('id', '=', await resolvePartyId(trx, id))
            .executeTakeFirstOrThrow();
    if (actor.role !== 'entrepreneur' || party.is_customer) customers.set(id, toParty(party));
  }
  return customers;
}

/**
 * Creates and issues invoices in one transaction: every item is checked as `createSalesDraft` and
 * `issueSalesDocument` check one (lines, VAT rates in force on its date, member admitted with its account, customer,
 * total, permissions), then all are written with a few statements. Numbers come from the series counters, in
 * issue-date order (items of one date in the order given); give batches in date order for the series to read
 * chronologically across batches. Any item at fault refuses the batch, naming it (`items.12.lines.0.vat`), and
 * nothing is written. Returns the invoices in the order of the items.
 */
export async function issueInvoices(db: Kysely<Database>, actor: Actor, items: readonly InvoiceItem[]): Promise<BatchInvoice[]> {
  checkSize(items.length);
  if (items.length === 0) return [];
  const shapeErrors = items.flatMap((item, i) => {
    const errors = checkDraftInput(item);
    if (!DATE.test(item.issueDate) || Number.isNaN(Date.parse(item.issueDate)))
      errors.push({ path: 'issueDate', message: `expected a date YYYY-MM-DD, received "${item.issueDate}"` });
    return itemErrors(i, errors);
  });
  if (shapeErrors.length > 0) throw refuseItems(shapeErrors);
  // numbered in date order, as the same invoices issued one by one in that order
  const order = items
    .map((_, i) => i)
    .sort((a, b) => (items[a] as InvoiceItem).issueDate.localeCompare((items[b] as InvoiceItem).issueDate) || a - b);

  return inTransaction(db, async (trx) => {
    const settings = await getGieSettings(trx);
    // who may issue at all; another member's item is then one that does not exist for an entrepreneur (getMembers)
    assertMayIssue(actor, actor.memberId ?? (items[0] as InvoiceItem).memberId, settings);
    const errors: FieldError[] = [];
    const [members, customers, accounts] = await Promise.all([
      getMembers(
        trx,
        actor,
        items.map((item) => item.memberId),
      ),
      readCustomers(
        trx,
        actor,
        items.map((item) => item.customerId),
      ),
      memberAccounts(
        trx,
        items.map((item) => item.memberId),
      ),
    ]);
    const rates = new Map<string, Awaited<ReturnType<typeof vatRatesOn>>>();
    for (const date of new Set(items.map((item) => item.issueDate))) rates.set(date, await vatRatesOn(trx, date));

    const plans = items.map((item, i) => {
      const member = members.get(item.memberId);
      const customer = customers.get(item.customerId);
      const totals = invoiceTotals(item.lines.map(toLineInput));
      const problems: FieldError[] = [
        ...checkRates(item.lines, rates.get(item.issueDate) ?? [], item.issueDate),
        ...checkIssuable(totals),
      ];
      if (!member) problems.push({ path: 'memberId', message: `member ${item.memberId} does not exist` });
      else if (!accounts.has(member.id)) problems.push({ path: 'memberId', message: NO_MEMBER_ACCOUNT });
      if (!customer) problems.push({ path: 'customerId', message: `party ${item.customerId} does not exist` });
      const invoicing = member && customer ? checkInvoicing(member, customer, item.paymentDays) : undefined;
      errors.push(...itemErrors(i, [...problems, ...(invoicing?.errors ?? [])]));
      return { item, member, customer, totals, paymentDays: invoicing?.paymentDays ?? 0 };
    });
    if (errors.length > 0) throw refuseItems(errors);

    // the drafts, as createSalesDraft writes them, in the order they will be numbered
    const sorted = order.map((i) => plans[i] as (typeof plans)[number]);
    const rows = await trx
      .insertInto('sales_documents')
      .values(
        sorted.map((p) => ({
          kind: 'invoice' as const,
          member_id: p.item.memberId,
          customer_id: p.customer?.id ?? 0,
          payment_days: p.paymentDays,
          notes: p.item.notes?.trim() || null,
          created_by: auditActorId(actor),
          total_ht: p.totals.totalHt,
          total_vat: p.totals.totalVat,
          total_ttc: p.totals.totalTtc,
        })),
      )
      .returningAll()
      .execute();
    const allLines = rows.flatMap((row, k) =>
      lineRows(row.id, (sorted[k] as (typeof sorted)[number]).item.lines, (sorted[k] as (typeof sorted)[number]).totals),
    );
    const linesOf = new Map<number, Array<Selectable<SalesDocumentLinesTable>>>();
    for (let start = 0; start < allLines.length; start += LINES_PER_INSERT) {
      const written = await trx
        .insertInto('sales_document_lines')
        .values(allLines.slice(start, start + LINES_PER_INSERT))
        .returningAll()
        .execute();
      for (const line of written) linesOf.set(line.document_id, [...(linesOf.get(line.document_id) ?? []), line]);
    }
    const drafts = await Promise.all(
      rows.map(async (row) =>
        toSalesDocument(
          row,
          (linesOf.get(row.id) ?? []).sort((a, b) => a.line_no - b.line_no),
          await settlement(trx, row),
        ),
      ),
    );
    await recordAudits(
      trx,
      drafts.map((doc) => ({
        actorUserId: auditActorId(actor),
        action: 'invoice.create',
        entity: 'sales_document',
        entityId: doc.id,
        after: doc,
      })),
    );

    // what issueSalesDocument sets, with the numbers the database gives in the order of the array
    const issued = sorted.map((p, k) => {
      const rate = (p.member as NonNullable<typeof p.member>).effectiveContributionRate;
      return {
        id: (rows[k] as (typeof rows)[number]).id,
        issue_date: p.item.issueDate,
        due_date: addDays(p.item.issueDate, p.paymentDays),
        contribution_rate: rate,
        ...sharesOf(memberShare(p.totals.totalHt, rate)),
      };
    });
    const numbered = await sql<{ document_id: number; document_number: string }>`
      select document_id, document_number
      from issue_sales_documents(${JSON.stringify(issued)}::jsonb, ${auditActorId(actor)}::integer)`.execute(trx);
    const numbers = new Map(numbered.rows.map((r) => [r.document_id, r.document_number]));

    // snapshots and entries as issueSalesDocument makes them, posted by the ledger's batch function
    const logoRef = await keepLogo(trx);
    const ledgerAccounts = await salesAccounts(trx);
    const snapshots = sorted.map((p, k) => {
      const doc = issued[k] as (typeof issued)[number];
      return documentSnapshot({
        row: rows[k] as (typeof rows)[number],
        lines: (drafts[k] as (typeof drafts)[number]).lines,
        totals: p.totals,
        number: numbers.get(doc.id) ?? '',
        issueDate: doc.issue_date,
        dueDate: doc.due_date,
        settings,
        member: p.member as NonNullable<typeof p.member>,
        customer: p.customer as Party,
        corrects: null,
      });
    });
    const entryIds = await postMany(
      trx,
      actor,
      sorted.map((p, k) =>
        issuePosting(
          { ...ledgerAccounts, memberAccount: accounts.get(p.item.memberId) ?? '' },
          snapshots[k] as (typeof snapshots)[number],
          (drafts[k] as (typeof drafts)[number]).lines,
          p.item.memberId,
          (p.customer as Party).id,
          (issued[k] as (typeof issued)[number]).member_share,
        ),
      ),
    );
    await sql`update sales_documents d set snapshot = v.snapshot, entry_id = v.entry_id
      from jsonb_to_recordset(${JSON.stringify(
        snapshots.map((snapshot, k) => ({
          id: (issued[k] as (typeof issued)[number]).id,
          snapshot: { ...snapshot, issuer: { ...snapshot.issuer, logo: logoRef } },
          entry_id: entryIds[k],
        })),
      )}::jsonb) as v(id integer, snapshot jsonb, entry_id integer)
      where d.id = v.id`.execute(trx);
    const references = await entryReferences(trx, entryIds);
    await recordAudits(
      trx,
      drafts.map(
        (doc, k): AuditEvent => ({
          actorUserId: auditActorId(actor),
          action: 'invoice.issue',
          entity: 'sales_document',
          entityId: doc.id,
          after: { number: numbers.get(doc.id), totals: doc.totals, entry: references.get(entryIds[k] as number) },
        }),
      ),
    );

    const results = new Array<BatchInvoice>(items.length);
    order.forEach((i, k) => {
      const doc = issued[k] as (typeof issued)[number];
      const draft = drafts[k] as (typeof drafts)[number];
      results[i] = {
        id: doc.id,
        number: numbers.get(doc.id) ?? '',
        memberId: draft.memberId,
        customerId: draft.customerId,
        issueDate: doc.issue_date,
        dueDate: doc.due_date,
        totals: { ht: draft.totals.ht, vat: draft.totals.vat, ttc: draft.totals.ttc },
        memberShare: doc.member_share,
        entryId: entryIds[k] as number,
      };
    });
    return results;
  });
}

const sharesOf = (share: { contribution: string; memberShare: string }) => ({
  contribution: share.contribution,
  member_share: share.memberShare,
});

/** Entries' references (VT-2026-00012) by id, read once posted. */
async function entryReferences(trx: Kysely<Database>, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await trx
    .selectFrom('entries')
    .innerJoin('fiscal_years', 'fiscal_years.id', 'entries.fiscal_year_id')
    .select(['entries.id', 'entries.journal_code', 'entries.number', 'fiscal_years.starts_on'])
    .where('entries.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, entryReference(r.journal_code, r.starts_on, r.number, r.id)]));
}

export type PaymentItem = Omit<PaymentInput, 'idempotencyKey'>;

/**
 * Records payments in one transaction, each as `recordPayment` records it (the invoices locked, each part within
 * what its invoice still owes, with the VAT it makes due, the treasury entry, the audit event), in the order given:
 * a later payment of the batch on the same invoice sees the earlier ones. Any payment at fault refuses the batch,
 * naming it (`items.3.allocations.0.amount`), and nothing is written.
 */
export async function recordPayments(db: Kysely<Database>, actor: Actor, items: readonly PaymentItem[]): Promise<Payment[]> {
  assertMayRecordPayments(actor);
  checkSize(items.length);
  if (items.length === 0) return [];
  const shapeErrors = items.flatMap((item, i) => itemErrors(i, checkPaymentInput(item)));
  if (shapeErrors.length > 0) throw refuseItems(shapeErrors);

  return inTransaction(db, async (trx) => {
    const documentIds = [...new Set(items.flatMap((item) => item.allocations.map((a) => a.documentId)))].sort((a, b) => a - b);
    // lock the invoices (in id order, so that two batches never wait on each other in a circle)
    await trx.selectFrom('sales_documents').select('id').where('id', 'in', documentIds).orderBy('id').forUpdate().execute();
    const balances = await invoiceBalances(trx, documentIds);
    const receivable = await postingAccount(trx, 'sales.receivable');
    const treasuries = new Map<string, Awaited<ReturnType<typeof treasuryJournal>>>();
    const errors: FieldError[] = [];
    let kind: DomainError['kind'] = 'invalid';
    const planned: Array<{ item: PaymentItem; parts: PaymentPart[]; treasury: string; journal: string }> = [];
    for (const [i, item] of items.entries()) {
      const parts: PaymentPart[] = [];
      for (const [a, allocation] of item.allocations.entries()) {
        const balance = balances.get(allocation.documentId);
        const settled = allocationPart(balance, item, allocation, a);
        if ('problem' in settled) {
          if (errors.length === 0) kind = settled.problem.kind;
          errors.push(...itemErrors(i, settled.problem.errors));
        } else if (balance) {
          parts.push(settled.part);
          balances.set(allocation.documentId, balanceAfter(balance, settled.part));
        }
      }
      const which = `${item.method}|${item.journal ?? ''}`;
      let treasury = treasuries.get(which);
      if (!treasury) {
        try {
          treasury = await treasuryJournal(trx, item.method, item.journal);
          treasuries.set(which, treasury);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          errors.push(...itemErrors(i, error.errors.length ? error.errors : [{ path: 'journal', message: error.message }]));
          continue;
        }
      }
      planned.push({ item, parts, treasury: treasury.treasury, journal: treasury.journal.code });
    }
    if (errors.length > 0) throw refuseItems(errors, kind);

    const numberOf = new Map(planned.flatMap((p) => p.parts.map((part) => [part.documentId, part.number] as const)));
    const entryIds = await postMany(
      trx,
      actor,
      planned.map((p) => paymentPosting(p.item, p.parts, { treasury: p.treasury, journal: p.journal, receivable })),
    );
    const rows = await trx
      .insertInto('payments')
      .values(
        planned.map((p, k) => ({
          customer_id: p.item.customerId,
          received_on: p.item.receivedOn,
          method: p.item.method,
          amount: p.item.amount,
          reference: p.item.reference?.trim() || null,
          entry_id: entryIds[k] as number,
          idempotency_key: null,
          created_by: auditActorId(actor),
        })),
      )
      .returningAll()
      .execute();
    const allocationRows = planned.flatMap((p, k) =>
      p.parts.map((part) => ({
        payment_id: (rows[k] as (typeof rows)[number]).id,
        document_id: part.documentId,
        amount: part.amount,
        vat: JSON.stringify(part.vat),
      })),
    );
    const allocationsOf = new Map<number, Array<{ document_id: number; amount: string; vat: unknown; number: string | null }>>();
    for (let start = 0; start < allocationRows.length; start += ALLOCATIONS_PER_INSERT) {
      const written = await trx
        .insertInto('payment_allocations')
        .values(allocationRows.slice(start, start + ALLOCATIONS_PER_INSERT))
        .returningAll()
        .execute();
      for (const a of written)
        allocationsOf.set(a.payment_id, [
          ...(allocationsOf.get(a.payment_id) ?? []),
          { ...a, number: numberOf.get(a.document_id) ?? null },
        ]);
    }
    const payments = rows.map((row) => toPayment(row, allocationsOf.get(row.id) ?? []));
    await recordAudits(
      trx,
      payments.map((payment) => ({
        actorUserId: auditActorId(actor),
        action: 'payment.record',
        entity: 'payment',
        entityId: payment.id,
        after: payment,
      })),
    );
    return payments;
  });
}
