// The quarterly statement of payment delays (law 69-21): the customers' invoices and the suppliers' bills paid
// late in the quarter or still unpaid past their due date at its end, with the days late and the fine owed.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { toCsv } from '../documents/csv.ts';
import { getGieSettings } from '../gie/settings.ts';
import { type LatePaymentRate, latePaymentFine, latePaymentRates } from '../invoicing/late-fine.ts';
import { Dec, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';
import { statementPdf } from './statements-pdf.ts';
import { assertStatementReader, daysBetween, parsePeriod, type StatementPeriod } from './statements-period.ts';

export type DelaySide = 'customer' | 'supplier';

export interface DelayLine {
  side: DelaySide;
  documentId: number;
  number: string;
  party: string;
  partyIce: string | null;
  issueDate: string;
  dueDate: string;
  totalTtc: string;
  /** `paid_late`: a payment in the quarter after the due date; `unpaid`: still owed at the quarter's end. */
  status: 'paid_late' | 'unpaid';
  /** The payment's date, or the quarter's end for what is unpaid. */
  paidOn: string;
  amount: string;
  daysLate: number;
  months: number;
  rate: string;
  fine: string;
}

export interface PaymentDelays {
  period: StatementPeriod;
  customer: { lines: DelayLine[]; amount: string; fines: string };
  supplier: { lines: DelayLine[]; amount: string; fines: string };
}

/** A document with its due date and the payments made on it (date, amount), oldest first. */
export interface DelayDocument {
  side: DelaySide;
  documentId: number;
  number: string;
  party: string;
  partyIce: string | null;
  issueDate: string;
  dueDate: string;
  totalTtc: string;
  /** TTC less the credit notes issued up to the quarter's end. */
  owedTotal: string;
  payments: Array<{ date: string; amount: string }>;
}

/** Pure: the delay lines of one document for the period, fines at the dated rates. */
export function delayLines(doc: DelayDocument, period: StatementPeriod, rates: readonly LatePaymentRate[]): DelayLine[] {
  const base = {
    side: doc.side,
    documentId: doc.documentId,
    number: doc.number,
    party: doc.party,
    partyIce: doc.partyIce,
    issueDate: doc.issueDate,
    dueDate: doc.dueDate,
    totalTtc: doc.totalTtc,
  };
  const lines: DelayLine[] = [];
  for (const p of doc.payments) {
    if (p.date < period.from || p.date > period.to || p.date <= doc.dueDate) continue;
    const fine = latePaymentFine(p.amount, doc.dueDate, p.date, rates);
    lines.push({
      ...base,
      status: 'paid_late',
      paidOn: p.date,
      amount: p.amount,
      daysLate: daysBetween(doc.dueDate, p.date),
      months: fine.months,
      rate: fine.rate,
      fine: fine.fine,
    });
  }
  const paidByEnd = doc.payments.filter((p) => p.date <= period.to).reduce((s, p) => s.plus(p.amount), new Dec(0));
  const unpaid = new Dec(doc.owedTotal).minus(paidByEnd);
  if (unpaid.gt(0) && doc.dueDate < period.to) {
    const amount = toAmountString(unpaid);
    const fine = latePaymentFine(amount, doc.dueDate, period.to, rates);
    lines.push({
      ...base,
      status: 'unpaid',
      paidOn: period.to,
      amount,
      daysLate: daysBetween(doc.dueDate, period.to),
      months: fine.months,
      rate: fine.rate,
      fine: fine.fine,
    });
  }
  return lines;
}

async function customerDocuments(db: Kysely<Database>, period: StatementPeriod): Promise<DelayDocument[]> {
  const { rows } = await sql<{
    id: number;
    number: string;
    name: string;
    ice: string | null;
    issue_date: string;
    due_date: string;
    total_ttc: string;
    credited: string;
  }>`
    select d.id, d.number, p.name, p.ice, d.issue_date, d.due_date, d.total_ttc,
      coalesce((select sum(c.total_ttc) from sales_documents c
        where c.corrects_id = d.id and c.status = 'issued' and c.issue_date <= ${period.to}), 0) as credited
    from sales_documents d join parties p on p.id = d.customer_id
    where d.kind = 'invoice' and d.status = 'issued' and d.due_date <= ${period.to}
    order by d.due_date, d.id`.execute(db);
  if (rows.length === 0) return [];
  const payments = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select(['a.document_id', 'a.amount', 'p.received_on'])
    .where(
      'a.document_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('p.received_on')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    side: 'customer',
    documentId: r.id,
    number: r.number,
    party: r.name,
    partyIce: r.ice,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    totalTtc: toAmountString(new Dec(r.total_ttc)),
    owedTotal: toAmountString(new Dec(r.total_ttc).minus(r.credited)),
    payments: payments
      .filter((p) => p.document_id === r.id)
      .map((p) => ({ date: p.received_on, amount: toAmountString(new Dec(p.amount)) })),
  }));
}

async function supplierDocuments(db: Kysely<Database>, period: StatementPeriod): Promise<DelayDocument[]> {
  const rows = await db
    .selectFrom('pooling_purchases as b')
    .innerJoin('parties as s', 's.id', 'b.supplier_id')
    .select(['b.id', 'b.bill_number', 's.name', 's.ice', 'b.bill_date', 'b.due_date', 'b.total_ttc'])
    .where('b.due_date', '<=', period.to)
    .orderBy('b.due_date')
    .orderBy('b.id')
    .execute();
  if (rows.length === 0) return [];
  const payments = await db
    .selectFrom('supplier_payment_allocations as a')
    .innerJoin('supplier_payments as p', 'p.id', 'a.payment_id')
    .select(['a.purchase_id', 'a.amount', 'p.paid_on'])
    .where(
      'a.purchase_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('p.paid_on')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    side: 'supplier',
    documentId: r.id,
    number: r.bill_number,
    party: r.name,
    partyIce: r.ice,
    issueDate: r.bill_date,
    dueDate: r.due_date,
    totalTtc: toAmountString(new Dec(r.total_ttc)),
    owedTotal: toAmountString(new Dec(r.total_ttc)),
    payments: payments
      .filter((p) => p.purchase_id === r.id)
      .map((p) => ({ date: p.paid_on, amount: toAmountString(new Dec(p.amount)) })),
  }));
}

function sideOf(lines: DelayLine[]) {
  return {
    lines,
    amount: toAmountString(lines.reduce((s, l) => s.plus(l.amount), new Dec(0))),
    fines: toAmountString(lines.reduce((s, l) => s.plus(l.fine), new Dec(0))),
  };
}

/** The statement of the quarter `quarterCode` ("2026-Q2"). */
export async function paymentDelays(db: Kysely<Database>, actor: Actor, quarterCode: string): Promise<PaymentDelays> {
  assertStatementReader(actor);
  const period = parsePeriod(quarterCode, 'quarter', ['quarter']);
  const [customers, suppliers, rates] = await Promise.all([
    customerDocuments(db, period),
    supplierDocuments(db, period),
    latePaymentRates(db),
  ]);
  return {
    period,
    customer: sideOf(customers.flatMap((d) => delayLines(d, period, rates))),
    supplier: sideOf(suppliers.flatMap((d) => delayLines(d, period, rates))),
  };
}

const SIDE_FR: Record<DelaySide, string> = { customer: 'Client', supplier: 'Fournisseur' };
const STATUS_FR = { paid_late: 'payée en retard', unpaid: 'impayée' } as const;

export function paymentDelaysCsv(statement: PaymentDelays): string {
  return toCsv<DelayLine>(
    [
      { header: 'nature', value: (l) => SIDE_FR[l.side] },
      { header: 'piece', value: (l) => l.number },
      { header: 'tiers', value: (l) => l.party },
      { header: 'ice', value: (l) => l.partyIce },
      { header: 'date_piece', value: (l) => l.issueDate },
      { header: 'echeance', value: (l) => l.dueDate },
      { header: 'montant_ttc', value: (l) => l.totalTtc, numeric: true },
      { header: 'situation', value: (l) => STATUS_FR[l.status] },
      { header: 'date_paiement_ou_arrete', value: (l) => l.paidOn },
      { header: 'montant_en_retard', value: (l) => l.amount, numeric: true },
      { header: 'jours_de_retard', value: (l) => l.daysLate, numeric: true },
      { header: 'mois_de_retard', value: (l) => l.months, numeric: true },
      { header: 'taux_penalite', value: (l) => l.rate, numeric: true },
      { header: 'penalite', value: (l) => l.fine, numeric: true },
    ],
    [...statement.customer.lines, ...statement.supplier.lines],
  );
}

export async function paymentDelaysPdf(db: Kysely<Database>, statement: PaymentDelays): Promise<Uint8Array> {
  const gie = await getGieSettings(db);
  const table = (side: DelaySide, heading: string) => ({
    heading,
    head: ['Pièce', 'Tiers', 'Échéance', 'Situation', 'Date', 'Montant', 'Jours', 'Taux %', 'Pénalité'],
    amounts: [5, 8],
    rows: [
      ...statement[side].lines.map((l) => ({
        cells: [
          l.number,
          l.party,
          l.dueDate.split('-').reverse().join('/'),
          STATUS_FR[l.status],
          l.paidOn.split('-').reverse().join('/'),
          l.amount,
          String(l.daysLate),
          l.rate,
          l.fine,
        ],
      })),
      { cells: ['Total', '', '', '', '', statement[side].amount, '', '', statement[side].fines], bold: true },
    ],
  });
  return statementPdf({
    title: 'État des délais de paiement (loi 69-21)',
    subtitle: statement.period.labelFr,
    asOf: statement.period.to,
    gie,
    landscape: true,
    tables: [
      table('supplier', 'Factures fournisseurs payées en retard ou impayées (pénalités dues par le GIE)'),
      table('customer', 'Factures clients payées en retard ou impayées (pénalités dues au GIE)'),
    ],
    notes: [
      'Pénalité : taux directeur de Bank Al-Maghrib en vigueur au début du retard pour le premier mois, majoré pour chaque mois ou fraction de mois supplémentaire, sur le montant payé en retard ou resté impayé à la fin du trimestre.',
    ],
  });
}
