// Quotes, invoices and credit notes issued by the GIE for the account of a member: drafts, issue (number from the
// database, frozen snapshot, ledger entry, all in one transaction), credit notes within what remains uncredited.
import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { addDays, today } from '../dates.ts';
import { lockIdempotencyKey } from '../db/idempotency.ts';
import type {
  Database,
  SalesDocumentKind,
  SalesDocumentLinesTable,
  SalesDocumentStatus,
  SalesDocumentsTable,
} from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, invalid, notFound } from '../errors.ts';
import { type GieSettings, getGieLogo, getGieSettings } from '../gie/settings.ts';
import { postingAccounts } from '../ledger/accounts.ts';
import { post } from '../ledger/entries.ts';
import type { Posting, PostingLine } from '../ledger/posting.ts';
import { getMember, type Member } from '../members/registry.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { getParty, type Party, resolvePartyId } from '../parties/parties.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import type { IssuedDocument } from './document.ts';
import { invoiceBalance } from './payments.ts';
import { type InvoiceLineInput, type InvoiceTotals, invoiceTotals, memberShare } from './totals.ts';

export interface SalesLineInput {
  description: string;
  quantity: string;
  unit?: string | null;
  unitPrice: string;
  discountPercent?: string;
  vat: string;
  exemptionBasis?: string | null;
  revenue?: 'services' | 'goods';
}

export type Settlement = 'unpaid' | 'partly_paid' | 'paid' | 'credited';

/** Where an issued invoice stands: from its TTC, what credit notes took off and what customers paid. */
export function settlementOf(ttc: string, credited: string, paid: string): Settlement {
  const left = new Dec(ttc).minus(credited);
  if (left.lte(0)) return 'credited';
  if (new Dec(paid).gte(left)) return 'paid';
  return new Dec(paid).gt(0) ? 'partly_paid' : 'unpaid';
}

export interface SalesDraftInput {
  kind: 'quote' | 'invoice';
  memberId: number;
  customerId: number;
  paymentDays?: number;
  notes?: string | null;
  lines: SalesLineInput[];
}

export interface SalesDocument {
  id: number;
  kind: SalesDocumentKind;
  status: SalesDocumentStatus;
  number: string | null;
  memberId: number;
  customerId: number;
  issueDate: string | null;
  dueDate: string | null;
  paymentDays: number;
  correctsId: number | null;
  notes: string | null;
  lines: Array<Required<Omit<SalesLineInput, 'revenue'>> & { revenue: 'services' | 'goods'; amount: string }>;
  totals: { ht: string; vat: string; ttc: string; byRate: Array<{ vat: string; rate: string; base: string; amount: string }> };
  contributionRate: string | null;
  contribution: string | null;
  memberShare: string | null;
  entryId: number | null;
  /** For an issued invoice: what customers paid on it, and what it still owes after payments and credit notes. */
  paid: string | null;
  due: string | null;
  /** For an issued invoice: unpaid, partly paid, paid, or credited (cancelled by credit notes). */
  settlement: Settlement | null;
  /** For a credit note: the number of the invoice it corrects. */
  correctsNumber: string | null;
  /** Why the manager sent the draft back to its entrepreneur, until it is submitted again. */
  returnReason: string | null;
  returnedAt: string | null;
  createdAt: string;
  issuedAt: string | null;
}

const VAT_CODES = ['20', '14', '10', '7', '0', 'exempt'];
const QUANTITY = /^\d{1,10}(\.\d{1,3})?$/;
const PRICE = /^\d{1,13}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** Every problem of a draft's lines, by field. */
export function checkLines(lines: readonly SalesLineInput[]): FieldError[] {
  const errors: FieldError[] = [];
  if (lines.length === 0) errors.push({ path: 'lines', message: 'a document needs at least one line' });
  lines.forEach((line, i) => {
    const at = (field: string, message: string) => errors.push({ path: `lines.${i}.${field}`, message });
    if (!line.description?.trim()) at('description', 'required');
    if (!QUANTITY.test(line.quantity) || new Dec(line.quantity).lte(0))
      at('quantity', `expected a positive quantity with at most 3 decimals, received "${line.quantity}"`);
    if (!PRICE.test(line.unitPrice)) at('unitPrice', `expected an amount such as "1250.00", received "${line.unitPrice}"`);
    if (line.discountPercent !== undefined && (!PERCENT.test(line.discountPercent) || new Dec(line.discountPercent).gt(100))) {
      at('discountPercent', `expected a percentage from 0 to 100, received "${line.discountPercent}"`);
    }
    if (!VAT_CODES.includes(line.vat)) at('vat', `expected one of ${VAT_CODES.join(', ')}, received "${line.vat}"`);
    if (line.vat === 'exempt' && !line.exemptionBasis?.trim())
      at('exemptionBasis', 'an exempt line names its legal basis (e.g. "Art. 91-I-A du CGI")');
    if (line.vat !== 'exempt' && line.exemptionBasis?.trim())
      at('exemptionBasis', 'only an exempt line has a legal basis of exemption');
  });
  return errors;
}

export function refuse(errors: FieldError[]): DomainError {
  return new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

/** Who may act on a member's documents: GIE staff, or that member's own entrepreneurs. */
export function assertMayWrite(actor: Actor, memberId: number): void {
  // another member does not exist for an entrepreneur: the same 404 as when reading its documents
  if (actor.role === 'entrepreneur' && actor.memberId !== memberId) {
    throw new DomainError('not_found', `member ${memberId} does not exist`, [{ path: 'memberId', message: 'no such member' }]);
  }
  if (actor.role !== 'entrepreneur' && !['admin', 'manager'].includes(actor.role)) {
    throw new DomainError('forbidden', "only the manager or the member's own entrepreneurs write its documents");
  }
}

export const toLineInput = (l: SalesLineInput): InvoiceLineInput => ({
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discountPercent: l.discountPercent ?? '0',
  vat: l.vat,
});

/** The rows of a document's lines, numbered from 1, with each line's HT from its totals. */
export function lineRows(documentId: number, lines: readonly SalesLineInput[], totals: InvoiceTotals) {
  return lines.map((l, i) => ({
    document_id: documentId,
    line_no: i + 1,
    description: l.description.trim(),
    quantity: l.quantity,
    unit: l.unit?.trim() || null,
    unit_price: l.unitPrice,
    discount_percent: l.discountPercent ?? '0',
    vat_code: l.vat,
    exemption_basis: l.vat === 'exempt' ? (l.exemptionBasis?.trim() ?? null) : null,
    revenue_role: l.revenue === 'goods' ? ('sales.goods' as const) : ('sales.services' as const),
    amount: totals.lines[i] ?? '0.00',
  }));
}

async function writeLines(trx: Kysely<Database>, documentId: number, lines: readonly SalesLineInput[]) {
  const totals = invoiceTotals(lines.map(toLineInput));
  await trx.deleteFrom('sales_document_lines').where('document_id', '=', documentId).execute();
  await trx
    .insertInto('sales_document_lines')
    .values(lineRows(documentId, lines, totals))
    .execute();
  return totals;
}

/** What a draft's own fields must be, before anything is read: its lines and its payment days (law 69-21). */
export function checkDraftInput(input: { lines: readonly SalesLineInput[]; paymentDays?: number | undefined }): FieldError[] {
  const errors = checkLines(input.lines);
  if (
    input.paymentDays !== undefined &&
    (!Number.isInteger(input.paymentDays) || input.paymentDays < 0 || input.paymentDays > 120)
  ) {
    errors.push({ path: 'paymentDays', message: 'law 69-21: from 0 to 120 days' });
  }
  return errors;
}

/**
 * Whether a member may invoice a customer (admitted or active, a customer) and the payment days the document gets:
 * the customer's terms by default, never more than them.
 */
export function checkInvoicing(
  member: Member,
  customer: Party,
  paymentDays: number | undefined,
): { errors: FieldError[]; paymentDays: number } {
  const errors: FieldError[] = [];
  if (!['admitted', 'active'].includes(member.status))
    errors.push({ path: 'memberId', message: `member ${member.code ?? member.id} is ${member.status}: it cannot invoice` });
  const days = paymentDays ?? customer.paymentDays;
  if (!customer.isCustomer) errors.push({ path: 'customerId', message: `${customer.name} is not a customer` });
  else if (days > customer.paymentDays) {
    errors.push({
      path: 'paymentDays',
      message: `at most ${customer.paymentDays} days for ${customer.name} (law 69-21 and the agreed terms)`,
    });
  }
  return { errors, paymentDays: days };
}

/** Creates a draft quote or invoice: no number yet, editable. */
export async function createSalesDraft(db: Kysely<Database>, actor: Actor, input: SalesDraftInput): Promise<SalesDocument> {
  assertMayWrite(actor, input.memberId);
  const errors = checkDraftInput(input);
  if (errors.length > 0) throw refuse(errors);
  return inTransaction(db, async (trx) => {
    const member = await getMember(trx, actor, input.memberId);
    const customer = await getParty(trx, actor, await resolvePartyId(trx, input.customerId));
    const checked = checkInvoicing(member, customer, input.paymentDays);
    if (checked.errors.length > 0) throw refuse(checked.errors);
    const paymentDays = checked.paymentDays;
    const row = await trx
      .insertInto('sales_documents')
      .values({
        kind: input.kind,
        member_id: member.id,
        customer_id: customer.id,
        payment_days: paymentDays,
        notes: input.notes?.trim() || null,
        created_by: auditActorId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const totals = await writeLines(trx, row.id, input.lines);
    await trx
      .updateTable('sales_documents')
      .set({ total_ht: totals.totalHt, total_vat: totals.totalVat, total_ttc: totals.totalTtc })
      .where('id', '=', row.id)
      .execute();
    const doc = await getSalesDocument(trx, actor, row.id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: `${input.kind}.create`,
      entity: 'sales_document',
      entityId: row.id,
      after: doc,
    });
    return doc;
  });
}

/** Reads a document the actor may see (an entrepreneur: their member's only; others' are "not found"). */
export async function getSalesDocument(db: Kysely<Database>, actor: Actor, id: number): Promise<SalesDocument> {
  const row = await db.selectFrom('sales_documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (actor.role === 'entrepreneur' && actor.memberId !== row.member_id)) throw notFound('document', id);
  const lines = await db
    .selectFrom('sales_document_lines')
    .selectAll()
    .where('document_id', '=', id)
    .orderBy('line_no')
    .execute();
  return toSalesDocument(row, lines, await settlement(db, row));
}

/** A document from its row, its lines (in order) and where it stands. */
export function toSalesDocument(
  row: Selectable<SalesDocumentsTable>,
  lines: ReadonlyArray<Selectable<SalesDocumentLinesTable>>,
  standing: Pick<SalesDocument, 'paid' | 'due' | 'settlement' | 'correctsNumber'>,
): SalesDocument {
  const totals = invoiceTotals(
    lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unit_price, discountPercent: l.discount_percent, vat: l.vat_code })),
  );
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    number: row.number,
    memberId: row.member_id,
    customerId: row.customer_id,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    paymentDays: row.payment_days,
    correctsId: row.corrects_id,
    notes: row.notes,
    lines: lines.map((l) => ({
      description: l.description,
      quantity: new Dec(l.quantity).toString(),
      unit: l.unit,
      unitPrice: toAmountString(new Dec(l.unit_price)),
      discountPercent: new Dec(l.discount_percent).toString(),
      vat: l.vat_code,
      exemptionBasis: l.exemption_basis,
      revenue: l.revenue_role === 'sales.goods' ? 'goods' : 'services',
      amount: toAmountString(new Dec(l.amount)),
    })),
    totals: {
      ht: toAmountString(new Dec(row.total_ht)),
      vat: toAmountString(new Dec(row.total_vat)),
      ttc: toAmountString(new Dec(row.total_ttc)),
      byRate: totals.vat,
    },
    contributionRate: row.contribution_rate,
    contribution: row.contribution,
    memberShare: row.member_share,
    entryId: row.entry_id,
    ...standing,
    returnReason: row.return_reason,
    returnedAt: row.returned_at,
    createdAt: row.created_at,
    issuedAt: row.issued_at,
  };
}

export async function settlement(
  db: Kysely<Database>,
  row: { id: number; kind: SalesDocumentKind; status: SalesDocumentStatus; corrects_id: number | null },
): Promise<{ paid: string | null; due: string | null; settlement: Settlement | null; correctsNumber: string | null }> {
  const corrects = row.corrects_id
    ? await db.selectFrom('sales_documents').select('number').where('id', '=', row.corrects_id).executeTakeFirst()
    : undefined;
  const balance = row.kind === 'invoice' && row.status === 'issued' ? await invoiceBalance(db, row.id) : null;
  return {
    paid: balance ? toAmountString(balance.paid) : null,
    due: balance ? toAmountString(balance.due) : null,
    settlement: balance
      ? settlementOf(
          balance.invoice.total_ttc,
          toAmountString(new Dec(balance.invoice.total_ttc).minus(balance.due).minus(balance.paid)),
          toAmountString(balance.paid),
        )
      : null,
    correctsNumber: corrects?.number ?? null,
  };
}

/**
 * Issues an invoice or a credit note: in one transaction the database gives the number, the document is frozen
 * as a snapshot, and its entry is posted (receivable, revenue for the member, VAT, and the member's share to its
 * account). A retry with the same idempotency key answers the document already issued.
 */
export async function issueSalesDocument(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  options: { issueDate?: string; idempotencyKey?: string | null } = {},
): Promise<SalesDocument> {
  const key = options.idempotencyKey?.trim() || null;
  // the transaction answers the id: the document is read back after the commit, so that the series' and the
  // journal's counters, taken by the numbering below, are held for as few round trips as possible
  const issuedId = await inTransaction(db, async (trx) => {
    if (key) {
      await lockIdempotencyKey(trx, 'issue', key);
      const previous = await trx
        .selectFrom('sales_documents')
        .select(['id'])
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (previous) {
        if (previous.id !== id)
          throw new DomainError('conflict', `idempotency key "${key}" was used to issue another document`, [
            { path: 'idempotencyKey', message: 'already used' },
          ]);
        return id;
      }
    }
    const current = await trx.selectFrom('sales_documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current || (actor.role === 'entrepreneur' && actor.memberId !== current.member_id)) throw notFound('document', id);
    if (current.kind === 'quote')
      throw new DomainError('conflict', 'a quote is sent and accepted, then converted to an invoice; it is not issued');
    if (current.status === 'issued') throw new DomainError('conflict', `document ${current.number} is already issued`);
    const settings = await getGieSettings(trx);
    assertMayIssue(actor, current.member_id, settings);
    const draft = await getSalesDocument(trx, actor, id);
    const errors = checkLines(draft.lines);
    if (errors.length > 0) throw refuse(errors);
    const issueDate = options.issueDate ?? today();
    const rateErrors = checkRates(draft.lines, await vatRatesOn(trx, issueDate), issueDate);
    if (rateErrors.length > 0) throw refuse(rateErrors);
    const member = await getMember(trx, actor, current.member_id);
    const customer = await getParty(trx, actor, await resolvePartyId(trx, current.customer_id));
    const totals = invoiceTotals(draft.lines.map(toLineInput));
    const totalErrors = checkIssuable(totals);
    if (totalErrors.length > 0) throw refuse(totalErrors);

    let corrected: { number: string; issueDate: string; contributionRate: string } | null = null;
    if (current.kind === 'credit_note') {
      const invoice = await trx
        .selectFrom('sales_documents')
        .selectAll()
        .where('id', '=', current.corrects_id ?? -1)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const credited = await trx
        .selectFrom('sales_documents')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('total_ttc'), eb.val('0')).as('ttc'))
        .where('corrects_id', '=', invoice.id)
        .where('status', '=', 'issued')
        .executeTakeFirstOrThrow();
      const remaining = new Dec(invoice.total_ttc).minus(credited.ttc);
      if (new Dec(totals.totalTtc).gt(remaining)) {
        throw new DomainError(
          'conflict',
          `the credit note (${totals.totalTtc}) exceeds what remains uncredited on ${invoice.number} (${toAmountString(remaining)})`,
          [{ path: 'lines', message: `at most ${toAmountString(remaining)} TTC` }],
        );
      }
      corrected = {
        number: invoice.number ?? '',
        issueDate: invoice.issue_date ?? '',
        contributionRate: invoice.contribution_rate ?? member.effectiveContributionRate,
      };
    }
    const rate = corrected?.contributionRate ?? member.effectiveContributionRate;
    const share = memberShare(totals.totalHt, rate);
    const dueDate = current.kind === 'invoice' ? addDays(issueDate, current.payment_days) : null;
    // everything read before the number is taken: accounts, logo (kept once, by content, and named by the
    // snapshot, so that regenerating gives the same PDF)
    const accounts = await issueAccounts(trx, member.id);
    const logoRef = await keepLogo(trx);

    const numbered = await trx
      .updateTable('sales_documents')
      .set({
        status: 'issued',
        issue_date: issueDate,
        due_date: dueDate,
        customer_id: customer.id,
        total_ht: totals.totalHt,
        total_vat: totals.totalVat,
        total_ttc: totals.totalTtc,
        contribution_rate: rate,
        contribution: share.contribution,
        member_share: share.memberShare,
        issued_by: auditActorId(actor),
        issued_at: new Date().toISOString(),
        idempotency_key: key,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .returning('number')
      .executeTakeFirstOrThrow();
    const number = numbered.number ?? '';
    const snapshot = documentSnapshot({
      row: current,
      lines: draft.lines,
      totals,
      number,
      issueDate,
      dueDate,
      settings,
      member,
      customer,
      corrects: corrected ? { number: corrected.number, issueDate: corrected.issueDate } : null,
    });
    const entry = await post(
      trx,
      actor,
      issuePosting(accounts, snapshot, draft.lines, member.id, customer.id, share.memberShare),
    );
    await trx
      .updateTable('sales_documents')
      .set({ snapshot: JSON.stringify({ ...snapshot, issuer: { ...snapshot.issuer, logo: logoRef } }), entry_id: entry.id })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: `${current.kind}.issue`,
      entity: 'sales_document',
      entityId: id,
      after: {
        number,
        totals: {
          ht: toAmountString(new Dec(totals.totalHt)),
          vat: toAmountString(new Dec(totals.totalVat)),
          ttc: toAmountString(new Dec(totals.totalTtc)),
          byRate: totals.vat,
        },
        entry: entry.reference,
      },
    });
    return id;
  });
  return getSalesDocument(db, actor, issuedId);
}

/**
 * The GIE's logo of the day, kept once by its content among the document assets; the snapshot names it, so that
 * regenerating a document gives the same PDF. Null when the GIE has no logo.
 */
export async function keepLogo(trx: Kysely<Database>): Promise<{ mediaType: string; sha256: string } | null> {
  const logo = await getGieLogo(trx);
  if (!logo) return null;
  const sha256 = createHash('sha256').update(logo.bytes).digest('hex');
  await trx
    .insertInto('document_assets')
    .values({ sha256, media_type: logo.mediaType, bytes: logo.bytes })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return { mediaType: logo.mediaType, sha256 };
}

/** Who issues: the manager (or an admin), or the member's own entrepreneur when the GIE lets entrepreneurs issue. */
export function assertMayIssue(actor: Actor, memberId: number, settings: GieSettings): void {
  if (actor.role === 'entrepreneur') {
    assertMayWrite(actor, memberId);
    if (!settings.entrepreneursMayIssue)
      throw new DomainError('forbidden', 'the GIE validates invoices: submit it to the manager');
  } else if (!['admin', 'manager'].includes(actor.role)) {
    throw new DomainError('forbidden', 'only the manager issues documents');
  }
}

/** A document is issued only if it comes to something. */
export function checkIssuable(totals: InvoiceTotals): FieldError[] {
  return new Dec(totals.totalTtc).lte(0)
    ? [{ path: 'lines', message: `the document totals ${totals.totalTtc}: there is nothing to issue` }]
    : [];
}

/** VAT rates in force on a date, from the dated table (the 2024-2026 reform retires some of them). */
export async function vatRatesOn(
  db: Kysely<Database>,
  date: string,
): Promise<Array<{ code: string; rate: string; label: string }>> {
  const rows = await db
    .selectFrom('vat_rates')
    .select(['code', 'rate', 'label'])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('rate', 'desc')
    .execute();
  return rows.map((r) => ({ code: r.code, rate: new Dec(r.rate).toString(), label: r.label }));
}

/** Every line's VAT rate must be in force on the issue date (`rates`: those of `vatRatesOn`), at the percentage its code says. */
export function checkRates(
  lines: readonly SalesLineInput[],
  rates: ReadonlyArray<{ code: string; rate: string }>,
  date: string,
): FieldError[] {
  const errors: FieldError[] = [];
  lines.forEach((line, i) => {
    const rate = rates.find((r) => r.code === line.vat);
    if (!rate) errors.push({ path: `lines.${i}.vat`, message: `the VAT rate ${line.vat} is not in force on ${date}` });
    else if (line.vat !== 'exempt' && !new Dec(rate.rate).eq(line.vat)) {
      errors.push({ path: `lines.${i}.vat`, message: `the rate table gives ${rate.rate} % for ${line.vat} on ${date}` });
    }
  });
  return errors;
}

/** The posting accounts of sales that an issued document's entry uses. */
export async function salesAccounts(trx: Kysely<Database>) {
  const roles = await postingAccounts(trx, [
    'sales.receivable',
    'sales.vat',
    'sales.services',
    'sales.goods',
    'sales.member_share',
  ] as const);
  return {
    receivable: roles['sales.receivable'],
    vatAccount: roles['sales.vat'],
    services: roles['sales.services'],
    goods: roles['sales.goods'],
    shareAccount: roles['sales.member_share'],
  };
}

/** Each member's own account (4464-…), given by the ledger at admission; a member without one is left out. */
export async function memberAccounts(trx: Kysely<Database>, memberIds: readonly number[]): Promise<Map<number, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('accounts')
    .select(['member_id', 'code'])
    .where('member_id', 'in', [...new Set(memberIds)])
    .execute();
  return new Map(rows.map((r) => [r.member_id as number, r.code]));
}

export const NO_MEMBER_ACCOUNT = 'the member has no account yet: admit it first';

/** The accounts an issued document's entry uses: the posting accounts of sales and the member's own account. */
async function issueAccounts(trx: Kysely<Database>, memberId: number) {
  const memberAccount = (await memberAccounts(trx, [memberId])).get(memberId);
  if (!memberAccount) throw new DomainError('conflict', NO_MEMBER_ACCOUNT);
  return { ...(await salesAccounts(trx)), memberAccount };
}

/** The entry of an issued document (DOMAIN 5.1); a credit note posts the exact reverse in proportion. */
export function issuePosting(
  { receivable, vatAccount, services, goods, shareAccount, memberAccount }: Awaited<ReturnType<typeof issueAccounts>>,
  doc: IssuedDocument,
  lines: SalesDocument['lines'],
  memberId: number,
  customerId: number,
  share: string,
): Posting {
  const credit = doc.kind === 'invoice';
  const side = (amount: string, debitWhenInvoice: boolean): Pick<PostingLine, 'debit' | 'credit'> =>
    debitWhenInvoice === credit ? { debit: amount } : { credit: amount };
  const revenue = new Map<string, Dec>();
  for (const l of lines) {
    const account = l.revenue === 'goods' ? goods : services;
    revenue.set(account, (revenue.get(account) ?? new Dec(0)).plus(l.amount));
  }
  const postingLines: PostingLine[] = [
    { account: receivable, ...side(doc.totalTtc, true), partyId: customerId, label: doc.customer.name },
    ...[...revenue]
      .filter(([, a]) => a.gt(0))
      .map(([account, amount]) => ({ account, ...side(toAmountString(amount), false), memberId })),
    ...(new Dec(doc.totalVat).gt(0) ? [{ account: vatAccount, ...side(doc.totalVat, false) }] : []),
    ...(new Dec(share).gt(0)
      ? [
          { account: shareAccount, ...side(share, true), memberId },
          { account: memberAccount, ...side(share, false) },
        ]
      : []),
  ];
  return {
    journal: 'VT',
    date: doc.issueDate,
    label: `${doc.kind === 'invoice' ? 'Facture' : 'Avoir'} ${doc.number} — ${doc.customer.name} (pour ${doc.member.code})`,
    sourceRef: doc.number,
    lines: postingLines,
  };
}

/** A draft credit note for an issued invoice: its lines (all by default) to be edited, then issued. */
export async function createCreditNoteDraft(
  db: Kysely<Database>,
  actor: Actor,
  invoiceId: number,
  lines?: SalesLineInput[],
): Promise<SalesDocument> {
  const invoice = await getSalesDocument(db, actor, invoiceId);
  if (invoice.kind !== 'invoice' || invoice.status !== 'issued')
    throw new DomainError('conflict', 'a credit note corrects an issued invoice');
  assertMayWrite(actor, invoice.memberId);
  const content = lines ?? invoice.lines.map(({ amount: _amount, ...l }) => l);
  const errors = checkLines(content);
  if (errors.length > 0) throw refuse(errors);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('sales_documents')
      .values({
        kind: 'credit_note',
        member_id: invoice.memberId,
        customer_id: invoice.customerId,
        payment_days: 0,
        corrects_id: invoice.id,
        created_by: auditActorId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const totals = await writeLines(trx, row.id, content);
    await trx
      .updateTable('sales_documents')
      .set({ total_ht: totals.totalHt, total_vat: totals.totalVat, total_ttc: totals.totalTtc })
      .where('id', '=', row.id)
      .execute();
    const doc = await getSalesDocument(trx, actor, row.id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'credit_note.create',
      entity: 'sales_document',
      entityId: row.id,
      after: doc,
    });
    return doc;
  });
}

/** Replaces the content of a draft. */
export async function updateSalesDraft(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: { paymentDays?: number; notes?: string | null; lines: SalesLineInput[] },
): Promise<SalesDocument> {
  const errors = checkLines(input.lines);
  if (errors.length > 0) throw refuse(errors);
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('sales_documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current || (actor.role === 'entrepreneur' && actor.memberId !== current.member_id)) throw notFound('document', id);
    assertMayWrite(actor, current.member_id);
    if (current.status !== 'draft' && current.status !== 'submitted')
      throw new DomainError('conflict', `document ${current.number} is ${current.status}: it cannot change`);
    const before = await getSalesDocument(trx, actor, id);
    const totals = await writeLines(trx, id, input.lines);
    await trx
      .updateTable('sales_documents')
      .set({
        total_ht: totals.totalHt,
        total_vat: totals.totalVat,
        total_ttc: totals.totalTtc,
        ...(input.paymentDays === undefined ? {} : { payment_days: input.paymentDays }),
        ...(input.notes === undefined ? {} : { notes: input.notes?.trim() || null }),
        status: 'draft',
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const after = await getSalesDocument(trx, actor, id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: `${current.kind}.update`,
      entity: 'sales_document',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export interface SalesDocumentQuery {
  kind?: SalesDocumentKind;
  status?: SalesDocumentStatus;
  memberId?: number;
  customerId?: number;
  page?: number;
  pageSize?: number;
}

export interface SalesDocumentSummary {
  id: number;
  kind: SalesDocumentKind;
  status: SalesDocumentStatus;
  number: string | null;
  memberId: number;
  customerId: number;
  customerName: string;
  issueDate: string | null;
  dueDate: string | null;
  totalTtc: string;
  settlement: Settlement | null;
}

/**
 * Documents newest first; an entrepreneur sees their member's only. One statement: the page's rows are picked first
 * (by the `status, kind, id` index when the planner finds it worth it), so that the customer's name and the
 * settlement sums are read for the page's rows only, never for the rows an offset skips; the count of the filtered
 * documents rides along as an init plan, read from the counts the database keeps (or, for one customer, counted).
 */
export async function listSalesDocuments(db: Kysely<Database>, actor: Actor, query: SalesDocumentQuery = {}) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  let matching = db.selectFrom('sales_documents as d');
  if (actor.role === 'entrepreneur') matching = matching.where('d.member_id', '=', actor.memberId ?? -1);
  if (query.kind) matching = matching.where('d.kind', '=', query.kind);
  if (query.status) matching = matching.where('d.status', '=', query.status);
  if (query.memberId) matching = matching.where('d.member_id', '=', query.memberId);
  if (query.customerId) matching = matching.where('d.customer_id', '=', query.customerId);
  // the total: a customer's documents are counted (few, by its index); otherwise the counts the database keeps per
  // member, kind and status are added up (counting a million issued invoices took seconds)
  let kept = db.selectFrom('sales_document_counts as k');
  if (actor.role === 'entrepreneur') kept = kept.where('k.member_id', '=', actor.memberId ?? -1);
  if (query.kind) kept = kept.where('k.kind', '=', query.kind);
  if (query.status) kept = kept.where('k.status', '=', query.status);
  if (query.memberId) kept = kept.where('k.member_id', '=', query.memberId);
  const count = query.customerId
    ? matching.select((eb) => eb.fn.countAll<string>().as('n'))
    : kept.select((eb) => eb.fn.coalesce(eb.fn.sum<string>('k.documents'), eb.val('0')).as('n'));
  const pageRows = matching
    .select([
      'd.id',
      'd.kind',
      'd.status',
      'd.number',
      'd.member_id',
      'd.customer_id',
      'd.issue_date',
      'd.due_date',
      'd.total_ttc',
    ])
    .orderBy('d.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // correlated subqueries rather than joins, so that the planner looks them up for the page's rows one by one
  const rows = await db
    .selectFrom(pageRows.as('d'))
    .selectAll('d')
    .select([
      sql<string>`(select p.name from parties p where p.id = d.customer_id)`.as('name'),
      sql<string>`coalesce((select sum(c.total_ttc) from sales_documents c where c.corrects_id = d.id and c.status = 'issued'), 0)`.as(
        'credited',
      ),
      sql<string>`coalesce((select sum(a.amount) from payment_allocations a where a.document_id = d.id), 0)`.as('paid'),
      count.as('total'),
    ])
    .orderBy('d.id', 'desc')
    .execute();
  // a page past the end has no row to carry the count: ask for it alone (an empty first page means none at all)
  const total = rows[0]?.total ?? (page > 1 ? (await count.executeTakeFirstOrThrow()).n : '0');
  return {
    items: rows.map(
      (r): SalesDocumentSummary => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        number: r.number,
        memberId: r.member_id,
        customerId: r.customer_id,
        customerName: r.name,
        issueDate: r.issue_date,
        dueDate: r.due_date,
        totalTtc: toAmountString(new Dec(r.total_ttc)),
        settlement: r.kind === 'invoice' && r.status === 'issued' ? settlementOf(r.total_ttc, r.credited, r.paid) : null,
      }),
    ),
    total: Number(total),
    page,
    pageSize,
  };
}

interface SnapshotParts {
  row: Pick<Selectable<SalesDocumentsTable>, 'kind' | 'payment_days' | 'notes'>;
  lines: SalesDocument['lines'];
  totals: ReturnType<typeof invoiceTotals>;
  number: string;
  issueDate: string;
  dueDate: string | null;
  settings: GieSettings;
  member: Member;
  customer: Party;
  corrects: { number: string; issueDate: string } | null;
}

/** What a document shows, from its rows: the issued snapshot, and the preview of a draft or a quote. */
export function documentSnapshot(parts: SnapshotParts): IssuedDocument {
  const { row, settings, member, customer, totals } = parts;
  return {
    kind: row.kind,
    number: parts.number,
    issueDate: parts.issueDate,
    dueDate: parts.dueDate,
    currency: 'MAD',
    issuer: {
      name: settings.name,
      legalForm: settings.legalForm,
      address: settings.address,
      city: settings.city,
      country: 'MA',
      ice: settings.ice,
      ifNumber: settings.ifNumber,
      rcNumber: settings.rcNumber,
      rcCourt: settings.rcCourt,
      tpNumber: settings.tpNumber,
      cnssNumber: settings.cnssNumber,
      email: settings.email,
      phone: settings.phone,
      website: settings.website,
      bankName: settings.bankName,
      rib: settings.rib,
      logo: null,
    },
    customer: {
      name: customer.name,
      address: customer.address,
      city: customer.city,
      postalCode: customer.postalCode,
      country: customer.country,
      ice: customer.ice,
      ifNumber: customer.ifNumber,
      rcNumber: customer.rcNumber,
      email: customer.email,
      phone: customer.phone,
    },
    member: { code: member.code ?? String(member.id), name: member.legalName, activity: member.activities },
    lines: parts.lines.map((l, i) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      vat: l.vat,
      exemptionBasis: l.exemptionBasis,
      amount: totals.lines[i] ?? '0.00',
    })),
    vat: totals.vat,
    totalHt: totals.totalHt,
    totalVat: totals.totalVat,
    totalTtc: totals.totalTtc,
    paymentTerms:
      row.kind === 'invoice'
        ? `${row.payment_days} jours à compter de la date de facture`
        : row.kind === 'quote'
          ? `${row.payment_days} jours à compter de la date de facture, si le devis est accepté`
          : 'Avoir',
    corrects: parts.corrects,
    notes: row.notes,
    footer: settings.invoiceFooter,
  };
}

/**
 * What a document not yet issued would look like: a draft invoice or credit note (marked as a preview, with no
 * number and today's date), or a quote (its number once sent). Computed from the current rows, never stored.
 */
export async function previewSnapshot(db: Kysely<Database>, actor: Actor, id: number): Promise<IssuedDocument> {
  const doc = await getSalesDocument(db, actor, id);
  if (doc.status === 'issued') return issuedSnapshot(db, actor, id);
  const row = await db.selectFrom('sales_documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const errors = checkLines(doc.lines);
  if (errors.length > 0) throw refuse(errors);
  const [settings, member, customer, logo] = await Promise.all([
    getGieSettings(db),
    getMember(db, actor, row.member_id),
    resolvePartyId(db, row.customer_id).then((partyId) => getParty(db, actor, partyId)),
    getGieLogo(db),
  ]);
  const issueDate = row.issue_date ?? today();
  let corrects: { number: string; issueDate: string } | null = null;
  if (row.kind === 'credit_note' && row.corrects_id !== null) {
    const invoice = await db
      .selectFrom('sales_documents')
      .select(['number', 'issue_date'])
      .where('id', '=', row.corrects_id)
      .executeTakeFirstOrThrow();
    corrects = { number: invoice.number ?? '', issueDate: invoice.issue_date ?? '' };
  }
  const snapshot = documentSnapshot({
    row,
    lines: doc.lines,
    totals: invoiceTotals(doc.lines.map(toLineInput)),
    number: row.number ?? '',
    issueDate,
    dueDate: row.kind === 'invoice' ? addDays(issueDate, row.payment_days) : null,
    settings,
    member,
    customer,
    corrects,
  });
  const unsent = row.kind === 'quote' ? row.status === 'draft' : true;
  return { ...snapshot, issuer: { ...snapshot.issuer, logo }, ...(unsent ? { preview: true as const } : {}) };
}

/** The frozen snapshot of an issued document, as its renderers take it. */
export async function issuedSnapshot(db: Kysely<Database>, actor: Actor, id: number): Promise<IssuedDocument> {
  const doc = await getSalesDocument(db, actor, id);
  if (doc.status !== 'issued') throw new DomainError('conflict', 'only an issued document has its PDF and UBL file');
  const row = await db.selectFrom('sales_documents').select('snapshot').where('id', '=', id).executeTakeFirstOrThrow();
  const stored = row.snapshot as IssuedDocument & { issuer: { logo: { mediaType: string; sha256: string } | null } };
  const ref = stored.issuer.logo;
  const asset = ref
    ? await db.selectFrom('document_assets').selectAll().where('sha256', '=', ref.sha256).executeTakeFirst()
    : undefined;
  const logo = asset ? { mediaType: asset.media_type as 'image/png' | 'image/jpeg', bytes: new Uint8Array(asset.bytes) } : null;
  return { ...stored, issuer: { ...stored.issuer, logo } };
}

/** An entrepreneur hands a draft invoice to the GIE for validation (when the GIE does not let them issue). */
export async function submitSalesDocument(db: Kysely<Database>, actor: Actor, id: number): Promise<SalesDocument> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('sales_documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current || (actor.role === 'entrepreneur' && actor.memberId !== current.member_id)) throw notFound('document', id);
    assertMayWrite(actor, current.member_id);
    if (current.kind === 'quote' || current.status !== 'draft') {
      throw new DomainError('conflict', `only a draft invoice or credit note is submitted; this one is ${current.status}`);
    }
    const draft = await getSalesDocument(trx, actor, id);
    const errors = checkLines(draft.lines);
    if (errors.length > 0) throw refuse(errors);
    await trx
      .updateTable('sales_documents')
      .set({ status: 'submitted', return_reason: null, returned_at: null, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: `${current.kind}.submit`,
      entity: 'sales_document',
      entityId: id,
    });
    return getSalesDocument(trx, actor, id);
  });
}

/**
 * The manager sends a submitted draft back to its entrepreneur instead of issuing it: the document is a draft again,
 * with the reason shown to the entrepreneur until they submit it again.
 */
export async function returnSalesDocument(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  reason: string,
): Promise<SalesDocument> {
  const why = reason?.trim() ?? '';
  if (!why) throw invalid('reason', 'say what the entrepreneur should change');
  if (why.length > 1000) throw invalid('reason', `at most 1000 characters, received ${why.length}`);
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('sales_documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current || (actor.role === 'entrepreneur' && actor.memberId !== current.member_id)) throw notFound('document', id);
    if (!['admin', 'manager'].includes(actor.role))
      throw new DomainError('forbidden', 'only the manager validates or sends back submitted documents');
    if (current.status !== 'submitted') {
      throw new DomainError('conflict', `only a submitted document is sent back; this one is ${current.status}`);
    }
    const returnedAt = new Date().toISOString();
    await trx
      .updateTable('sales_documents')
      .set({ status: 'draft', return_reason: why, returned_at: returnedAt, updated_at: returnedAt })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: `${current.kind}.return`,
      entity: 'sales_document',
      entityId: id,
      before: { status: current.status },
      after: { status: 'draft', reason: why },
    });
    return getSalesDocument(trx, actor, id);
  });
}
