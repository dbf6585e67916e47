// The VAT return worksheet under VAT on receipts (CGI art. 95) for a month or a quarter: VAT collected by rate
// from the customer payments received in it, VAT recoverable on the supplier bills paid in it, and the VAT due or
// the credit, each figure with the lines behind it. The VAT per payment is the one recorded with the payment.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { toCsv } from '../documents/csv.ts';
import { getGieSettings } from '../gie/settings.ts';
import { netOfCreditNotes, vatOnPayments } from '../invoicing/receipts.ts';
import type { VatBreakdown } from '../invoicing/totals.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { purchaseVatBreakdown } from '../pooling/supplier-payments.ts';
import type { Actor } from '../users/actor.ts';
import { statementPdf } from './statements-pdf.ts';
import { assertStatementReader, parsePeriod, type StatementPeriod } from './statements-period.ts';

export type VatSide = 'collected' | 'deductible';

/** One part of a payment (customer's or to a supplier) at one VAT rate. */
export interface VatLine {
  side: VatSide;
  date: string;
  paymentId: number;
  reference: string | null;
  /** The invoice (collected) or supplier bill (deductible) it settles. */
  documentId: number;
  documentNumber: string;
  party: string;
  /** TTC of the payment applied to this document (repeated on each of its rates). */
  paid: string;
  vat: string;
  rate: string;
  /** HT settled at this rate, in the same proportion as the VAT. */
  base: string;
  amount: string;
}

export interface VatRateRow {
  vat: string;
  rate: string;
  base: string;
  amount: string;
  lines: number;
}

export interface VatReturn {
  period: StatementPeriod;
  collected: { byRate: VatRateRow[]; base: string; total: string };
  deductible: { byRate: VatRateRow[]; base: string; total: string };
  /** Collected − deductible when positive (to pay), else 0. */
  due: string;
  /** Deductible − collected when positive (crédit de TVA), else 0. */
  credit: string;
  lines: VatLine[];
}

const byRateOrder = (a: VatRateRow, b: VatRateRow) => new Dec(b.rate).comparedTo(a.rate) || a.vat.localeCompare(b.vat);

/** Pure: the figures of the worksheet from its lines. */
export function summariseVat(period: StatementPeriod, lines: readonly VatLine[]): VatReturn {
  const side = (which: VatSide) => {
    const rows = new Map<string, { rate: string; base: Dec; amount: Dec; lines: number }>();
    for (const line of lines.filter((l) => l.side === which)) {
      const row = rows.get(line.vat) ?? { rate: line.rate, base: new Dec(0), amount: new Dec(0), lines: 0 };
      rows.set(line.vat, { ...row, base: row.base.plus(line.base), amount: row.amount.plus(line.amount), lines: row.lines + 1 });
    }
    const byRate = [...rows]
      .map(([vat, r]) => ({ vat, rate: r.rate, base: toAmountString(r.base), amount: toAmountString(r.amount), lines: r.lines }))
      .sort(byRateOrder);
    return {
      byRate,
      base: toAmountString(byRate.reduce((s, r) => s.plus(r.base), new Dec(0))),
      total: toAmountString(byRate.reduce((s, r) => s.plus(r.amount), new Dec(0))),
    };
  };
  const collected = side('collected');
  const deductible = side('deductible');
  const net = new Dec(collected.total).minus(deductible.total);
  return {
    period,
    collected,
    deductible,
    due: toAmountString(net.gt(0) ? net : new Dec(0)),
    credit: toAmountString(net.lt(0) ? net.neg() : new Dec(0)),
    lines: [...lines],
  };
}

/**
 * The HT settled by each payment, per rate: the invoice's base by rate split like its VAT (vatOnPayments applied
 * to the bases), so that the parts of a fully paid invoice add up to its bases exactly.
 */
function basesOf(breakdown: readonly VatBreakdown[], ttc: string, payments: readonly string[]) {
  return vatOnPayments(
    breakdown.map((v) => ({ ...v, amount: v.base })),
    ttc,
    payments,
  ).map((p) => Object.fromEntries(p.byRate.map((r) => [r.vat, r.amount])));
}

async function collectedLines(db: Kysely<Database>, period: StatementPeriod): Promise<VatLine[]> {
  const inPeriod = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select('a.document_id')
    .distinct()
    .where('p.received_on', '>=', period.from)
    .where('p.received_on', '<=', period.to)
    .execute();
  if (inPeriod.length === 0) return [];
  const rows = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .innerJoin('sales_documents as d', 'd.id', 'a.document_id')
    .innerJoin('parties as c', 'c.id', 'd.customer_id')
    .select([
      'a.id',
      'a.document_id',
      'a.amount',
      'a.vat',
      'p.id as payment_id',
      'p.received_on',
      'p.reference',
      'd.number',
      'd.total_ttc',
      'd.snapshot',
      'c.name',
    ])
    .where(
      'a.document_id',
      'in',
      inPeriod.map((r) => r.document_id),
    )
    .orderBy('a.id')
    .execute();
  // the payments' VAT was reckoned on the invoice net of its credit notes: so are the bases beside it
  const notes = await db
    .selectFrom('sales_documents')
    .select(['corrects_id', 'total_ttc', 'snapshot'])
    .where('kind', '=', 'credit_note')
    .where('status', '=', 'issued')
    .where(
      'corrects_id',
      'in',
      inPeriod.map((r) => r.document_id),
    )
    .execute();
  const lines: VatLine[] = [];
  for (const documentId of new Set(rows.map((r) => r.document_id))) {
    const parts = rows.filter((r) => r.document_id === documentId);
    const first = parts[0];
    if (!first) continue;
    const breakdown = (first.snapshot as { vat: VatBreakdown[] }).vat;
    const net = netOfCreditNotes(
      breakdown,
      first.total_ttc,
      notes
        .filter((n) => n.corrects_id === documentId)
        .map((n) => ({ vat: (n.snapshot as { vat: VatBreakdown[] }).vat, totalTtc: n.total_ttc })),
    );
    const bases = basesOf(
      net.vat,
      net.totalTtc,
      parts.map((p) => toAmountString(new Dec(p.amount))),
    );
    parts.forEach((part, i) => {
      if (part.received_on < period.from || part.received_on > period.to) return;
      for (const v of part.vat as Array<{ vat: string; amount: string }>) {
        lines.push({
          side: 'collected',
          date: part.received_on,
          paymentId: part.payment_id,
          reference: part.reference,
          documentId,
          documentNumber: part.number ?? '',
          party: part.name,
          paid: toAmountString(new Dec(part.amount)),
          vat: v.vat,
          rate: breakdown.find((b) => b.vat === v.vat)?.rate ?? '0',
          base: bases[i]?.[v.vat] ?? '0.00',
          amount: toAmountString(new Dec(v.amount)),
        });
      }
    });
  }
  return lines;
}

async function deductibleLines(db: Kysely<Database>, period: StatementPeriod): Promise<VatLine[]> {
  const inPeriod = await db
    .selectFrom('supplier_payment_allocations as a')
    .innerJoin('supplier_payments as p', 'p.id', 'a.payment_id')
    .select('a.purchase_id')
    .distinct()
    .where('p.paid_on', '>=', period.from)
    .where('p.paid_on', '<=', period.to)
    .execute();
  if (inPeriod.length === 0) return [];
  const ids = inPeriod.map((r) => r.purchase_id);
  const [rows, billLines] = await Promise.all([
    db
      .selectFrom('supplier_payment_allocations as a')
      .innerJoin('supplier_payments as p', 'p.id', 'a.payment_id')
      .innerJoin('pooling_purchases as b', 'b.id', 'a.purchase_id')
      .innerJoin('parties as s', 's.id', 'b.supplier_id')
      .select([
        'a.purchase_id',
        'a.amount',
        'a.vat',
        'p.id as payment_id',
        'p.paid_on',
        'p.reference',
        'b.bill_number',
        'b.total_ttc',
        's.name',
      ])
      .where('a.purchase_id', 'in', ids)
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('pooling_purchase_lines')
      .select(['purchase_id', 'vat_rate', 'amount_ht', 'vat'])
      .where('purchase_id', 'in', ids)
      .orderBy('line_no')
      .execute(),
  ]);
  const lines: VatLine[] = [];
  for (const purchaseId of ids) {
    const parts = rows.filter((r) => r.purchase_id === purchaseId);
    const first = parts[0];
    if (!first) continue;
    const breakdown = purchaseVatBreakdown(
      billLines
        .filter((l) => l.purchase_id === purchaseId)
        .map((l) => ({ vatRate: l.vat_rate, amountHt: l.amount_ht, vat: l.vat })),
    );
    const bases = basesOf(
      breakdown,
      toAmountString(new Dec(first.total_ttc)),
      parts.map((p) => toAmountString(new Dec(p.amount))),
    );
    parts.forEach((part, i) => {
      if (part.paid_on < period.from || part.paid_on > period.to) return;
      for (const v of part.vat) {
        lines.push({
          side: 'deductible',
          date: part.paid_on,
          paymentId: part.payment_id,
          reference: part.reference,
          documentId: purchaseId,
          documentNumber: part.bill_number,
          party: part.name,
          paid: toAmountString(new Dec(part.amount)),
          vat: v.vat,
          rate: v.vat,
          base: bases[i]?.[v.vat] ?? '0.00',
          amount: toAmountString(new Dec(v.amount)),
        });
      }
    });
  }
  return lines;
}

const lineOrder = (a: VatLine, b: VatLine) =>
  a.side.localeCompare(b.side) || a.date.localeCompare(b.date) || a.paymentId - b.paymentId || a.documentId - b.documentId;

/** The worksheet of `periodCode` ("2026-03" or "2026-Q1"). */
export async function vatReturn(db: Kysely<Database>, actor: Actor, periodCode: string): Promise<VatReturn> {
  assertStatementReader(actor);
  const period = parsePeriod(periodCode);
  const [collected, deductible] = await Promise.all([collectedLines(db, period), deductibleLines(db, period)]);
  return summariseVat(period, [...collected, ...deductible].sort(lineOrder));
}

export const SIDE_FR: Record<VatSide, string> = { collected: 'TVA collectée', deductible: 'TVA récupérable' };
export const rateFr = (vat: string, rate: string) => (vat === 'exempt' ? 'exonéré' : `${new Dec(rate).toString()} %`);

type CsvRow = { kind: string; side: string; rate: string; line?: VatLine; base: string; amount: string };

/**
 * The worksheet as CSV: one row per line, then a total per side and rate, a total per side, and the VAT due or
 * credit; the column `ligne` says which, so a spreadsheet can filter.
 */
export function vatReturnCsv(ret: VatReturn): string {
  const rows: CsvRow[] = [];
  for (const line of ret.lines)
    rows.push({ kind: 'detail', side: line.side, rate: rateFr(line.vat, line.rate), line, base: line.base, amount: line.amount });
  for (const side of ['collected', 'deductible'] as const) {
    for (const r of ret[side].byRate)
      rows.push({ kind: 'total_taux', side, rate: rateFr(r.vat, r.rate), base: r.base, amount: r.amount });
    rows.push({ kind: 'total', side, rate: '', base: ret[side].base, amount: ret[side].total });
  }
  rows.push({ kind: 'tva_due', side: '', rate: '', base: '', amount: ret.due });
  rows.push({ kind: 'credit_tva', side: '', rate: '', base: '', amount: ret.credit });
  return toCsv<CsvRow>(
    [
      { header: 'ligne', value: (r) => r.kind },
      { header: 'nature', value: (r) => (r.side ? SIDE_FR[r.side as VatSide] : '') },
      { header: 'taux', value: (r) => r.rate },
      { header: 'date', value: (r) => r.line?.date },
      { header: 'piece', value: (r) => r.line?.documentNumber },
      { header: 'tiers', value: (r) => r.line?.party },
      { header: 'reference_reglement', value: (r) => r.line?.reference },
      { header: 'reglement_ttc', value: (r) => r.line?.paid, numeric: true },
      { header: 'base_ht', value: (r) => r.base, numeric: true },
      { header: 'tva', value: (r) => r.amount, numeric: true },
    ],
    rows,
  );
}

export async function vatReturnPdf(db: Kysely<Database>, ret: VatReturn): Promise<Uint8Array> {
  const gie = await getGieSettings(db);
  const summary = (side: VatSide) => [
    ...ret[side].byRate.map((r) => ({ cells: [rateFr(r.vat, r.rate), r.base, r.amount], indent: true })),
    { cells: [`Total ${SIDE_FR[side]}`, ret[side].base, ret[side].total], bold: true },
  ];
  const detail = (side: VatSide) => ({
    heading: `Détail — ${SIDE_FR[side]}`,
    head: ['Date', 'Pièce', 'Tiers', 'Taux', 'Règlement TTC', 'Base HT', 'TVA'],
    amounts: [4, 5, 6],
    widths: [50, 70, '*', 40, 62, 62, 55],
    rows: ret.lines
      .filter((l) => l.side === side)
      .map((l) => ({
        cells: [
          l.date.split('-').reverse().join('/'),
          l.documentNumber,
          l.party,
          rateFr(l.vat, l.rate),
          l.paid,
          l.base,
          l.amount,
        ],
      })),
  });
  return statementPdf({
    title: 'Déclaration de TVA — état préparatoire',
    subtitle: `Régime de l'encaissement (CGI art. 95), ${ret.period.labelFr}`,
    asOf: ret.period.to,
    gie,
    tables: [
      {
        heading: 'TVA collectée (règlements clients reçus)',
        head: ['Taux', 'Base HT', 'TVA'],
        amounts: [1, 2],
        rows: summary('collected'),
      },
      {
        heading: 'TVA récupérable (factures fournisseurs payées)',
        head: ['Taux', 'Base HT', 'TVA'],
        amounts: [1, 2],
        rows: summary('deductible'),
      },
      {
        heading: 'Résultat',
        head: ['', 'Montant'],
        amounts: [1],
        rows: [
          { cells: ['TVA due', ret.due], bold: true },
          { cells: ['Crédit de TVA', ret.credit], bold: true },
        ],
      },
      detail('collected'),
      detail('deductible'),
    ],
    notes: [
      "TVA collectée : la TVA de chaque facture devient exigible à l'encaissement, au prorata du TTC réglé, le dernier règlement prenant le reste.",
      'TVA récupérable : la TVA des factures fournisseurs des services mutualisés, au prorata du TTC payé dans la période.',
    ],
  });
}
