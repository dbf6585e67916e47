// A member's statement for a period: what was invoiced for it, collected, the contribution kept, its share, the
// pooled costs charged to it, what was paid out, and the balance of its account in the ledger — as data, CSV, PDF.

import { type Kysely, sql } from 'kysely';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Database } from '../db/schema.ts';
import { type CsvColumn, toCsv } from '../documents/csv.ts';
import { FONT_FAMILY, renderDefinition } from '../documents/pdf/engine.ts';
import { formatDateFr } from '../documents/pdf/format.ts';
import { memberStatement as ledgerStatement } from '../ledger/reports.ts';
import { getMember } from '../members/registry.ts';
import { Dec, formatAmount, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';

export interface StatementLine {
  date: string;
  kind: 'invoice' | 'credit_note' | 'payout' | 'pooled_costs' | 'pooled_costs_cancelled';
  reference: string;
  customer: string | null;
  ht: string;
  ttc: string;
  contribution: string;
  memberShare: string;
  collected: string;
  /** Pooled services charged to the member (a charge note), negative when a reversed run gives it back. */
  pooledCosts: string;
  paidOut: string;
}

export interface MemberStatementDocument {
  member: { id: number; code: string | null; name: string };
  from: string;
  to: string;
  lines: StatementLine[];
  totals: {
    ht: string;
    ttc: string;
    contribution: string;
    memberShare: string;
    collected: string;
    pooledCosts: string;
    paidOut: string;
  };
  /** The member's account in the ledger over the same period (credit positive: owed to the member). */
  account: { code: string | null; opening: string; closing: string };
}

export async function memberStatementDocument(
  db: Kysely<Database>,
  actor: Actor,
  memberId: number,
  range: { from: string; to: string },
): Promise<MemberStatementDocument> {
  const member = await getMember(db, actor, memberId);
  const { rows } = await sql<{
    issue_date: string;
    kind: 'invoice' | 'credit_note';
    number: string;
    name: string;
    total_ht: string;
    total_ttc: string;
    contribution: string;
    member_share: string;
    collected: string;
  }>`
    select d.issue_date, d.kind, d.number, p.name, d.total_ht, d.total_ttc, coalesce(d.contribution, 0) as contribution,
      coalesce(d.member_share, 0) as member_share,
      coalesce((select sum(a.amount) from payment_allocations a join payments pm on pm.id = a.payment_id
        where a.document_id = d.id and pm.received_on between ${range.from} and ${range.to}), 0) as collected
    from sales_documents d join parties p on p.id = d.customer_id
    where d.member_id = ${memberId} and d.status = 'issued' and d.kind in ('invoice', 'credit_note')
      and d.issue_date between ${range.from} and ${range.to}
    order by d.issue_date, d.number`.execute(db);
  const payouts = await db
    .selectFrom('payouts')
    .select(['paid_on', 'amount', 'reference', 'id'])
    .where('member_id', '=', memberId)
    .where('paid_on', '>=', range.from)
    .where('paid_on', '<=', range.to)
    .orderBy('paid_on')
    .execute();
  // a charge note debits the member's account when its run is posted; a reversed run credits it back on the
  // reversal's date, so the statement follows the account line by line
  const chargeNotes = await db
    .selectFrom('pooling_charge_notes as n')
    .innerJoin('pooling_runs as r', 'r.id', 'n.run_id')
    .leftJoin('entries as rev', 'rev.id', 'r.reversal_entry_id')
    .select(['n.number', 'n.issue_date', 'n.total_ttc', 'r.status', 'rev.entry_date as reversed_on'])
    .where('n.member_id', '=', memberId)
    .where('r.entry_id', 'is not', null)
    .execute();
  const inRange = (day: string | null): day is string => day !== null && day >= range.from && day <= range.to;
  const pooled: StatementLine[] = [];
  for (const n of chargeNotes) {
    const blank = { customer: null, ht: '0.00', ttc: '0.00', contribution: '0.00', memberShare: '0.00', collected: '0.00' };
    if (inRange(n.issue_date)) {
      pooled.push({
        ...blank,
        date: n.issue_date,
        kind: 'pooled_costs',
        reference: n.number,
        pooledCosts: toAmountString(new Dec(n.total_ttc)),
        paidOut: '0.00',
      });
    }
    if (n.status === 'reversed' && inRange(n.reversed_on)) {
      pooled.push({
        ...blank,
        date: n.reversed_on,
        kind: 'pooled_costs_cancelled',
        reference: n.number,
        pooledCosts: toAmountString(new Dec(n.total_ttc).negated()),
        paidOut: '0.00',
      });
    }
  }
  const money = (v: string | Dec, sign = 1) => toAmountString(new Dec(v).times(sign));
  const lines: StatementLine[] = [
    ...rows.map((r) => {
      const sign = r.kind === 'credit_note' ? -1 : 1;
      return {
        date: r.issue_date,
        kind: r.kind,
        reference: r.number,
        customer: r.name,
        ht: money(r.total_ht, sign),
        ttc: money(r.total_ttc, sign),
        contribution: money(r.contribution, sign),
        memberShare: money(r.member_share, sign),
        collected: money(r.collected),
        pooledCosts: '0.00',
        paidOut: '0.00',
      };
    }),
    ...pooled,
    ...payouts.map((p) => ({
      date: p.paid_on,
      kind: 'payout' as const,
      reference: p.reference ?? `Reversement ${p.id}`,
      customer: null,
      ht: '0.00',
      ttc: '0.00',
      contribution: '0.00',
      memberShare: '0.00',
      collected: '0.00',
      pooledCosts: '0.00',
      paidOut: money(p.amount),
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference));
  const sum = (key: keyof StatementLine) => toAmountString(lines.reduce((s, l) => s.plus(l[key] as string), new Dec(0)));
  const account = await ledgerStatement(db, memberId, range);
  return {
    member: { id: member.id, code: member.code, name: member.legalName },
    from: range.from,
    to: range.to,
    lines,
    totals: {
      ht: sum('ht'),
      ttc: sum('ttc'),
      contribution: sum('contribution'),
      memberShare: sum('memberShare'),
      collected: sum('collected'),
      pooledCosts: sum('pooledCosts'),
      paidOut: sum('paidOut'),
    },
    account: { code: account.account, opening: account.opening, closing: account.closing },
  };
}

const KIND_FR = {
  invoice: 'Facture',
  credit_note: 'Avoir',
  payout: 'Reversement',
  pooled_costs: 'Services mutualisés',
  pooled_costs_cancelled: 'Annulation services mutualisés',
} as const;

export function memberStatementCsv(statement: MemberStatementDocument): string {
  const amount = (header: string, value: (l: StatementLine) => string): CsvColumn<StatementLine> => ({
    header,
    value,
    numeric: true,
  });
  return toCsv<StatementLine>(
    [
      { header: 'date', value: (l) => l.date },
      { header: 'type', value: (l) => KIND_FR[l.kind] },
      { header: 'reference', value: (l) => l.reference },
      { header: 'client', value: (l) => l.customer },
      amount('ht', (l) => l.ht),
      amount('ttc', (l) => l.ttc),
      amount('contribution_gie', (l) => l.contribution),
      amount('part_membre', (l) => l.memberShare),
      amount('encaisse', (l) => l.collected),
      amount('services_mutualises', (l) => l.pooledCosts),
      amount('reverse', (l) => l.paidOut),
    ],
    statement.lines,
  );
}

const fr = (v: string) => formatAmount(v, 'fr', { currency: false });

/** The statement as an A4 PDF, in French. */
export function memberStatementPdf(statement: MemberStatementDocument): Promise<Uint8Array> {
  const head = [
    'Date',
    'Type',
    'Référence',
    'Client',
    'HT',
    'TTC',
    'Contribution',
    'Part du membre',
    'Encaissé',
    'Services mutualisés',
    'Reversé',
  ];
  const right = { alignment: 'right' as const };
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [30, 40, 30, 40],
    info: {
      title: `Relevé ${statement.member.code ?? statement.member.id} ${statement.from} ${statement.to}`,
      creationDate: new Date(`${statement.to}T00:00:00Z`),
      modDate: new Date(`${statement.to}T00:00:00Z`),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: 8 },
    footer: (page: number, pages: number) => ({
      text: `Page ${page} / ${pages}`,
      alignment: 'right',
      margin: [0, 10, 30, 0],
      fontSize: 7,
    }),
    content: [
      { text: `Relevé du membre ${statement.member.code ?? ''} — ${statement.member.name}`, fontSize: 13, bold: true },
      {
        text: `Du ${formatDateFr(statement.from)} au ${formatDateFr(statement.to)} — montants en dirhams (MAD)`,
        margin: [0, 2, 0, 10],
      },
      {
        table: {
          headerRows: 1,
          widths: [42, 62, 66, '*', 52, 52, 52, 56, 52, 56, 52],
          body: [
            head.map((h, i) => ({ text: h, bold: true, ...(i >= 4 ? right : {}) })),
            ...statement.lines.map((l) => [
              formatDateFr(l.date),
              KIND_FR[l.kind],
              l.reference,
              l.customer ?? '',
              { text: fr(l.ht), ...right },
              { text: fr(l.ttc), ...right },
              { text: fr(l.contribution), ...right },
              { text: fr(l.memberShare), ...right },
              { text: fr(l.collected), ...right },
              { text: fr(l.pooledCosts), ...right },
              { text: fr(l.paidOut), ...right },
            ]),
            [
              { text: 'Total', bold: true, colSpan: 4 },
              '',
              '',
              '',
              ...(['ht', 'ttc', 'contribution', 'memberShare', 'collected', 'pooledCosts', 'paidOut'] as const).map((k) => ({
                text: fr(statement.totals[k]),
                bold: true,
                ...right,
              })),
            ],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        margin: [0, 12, 0, 0],
        text: `Compte du membre ${statement.account.code ?? '—'} : solde au ${formatDateFr(statement.from)} ${fr(statement.account.opening)} MAD, au ${formatDateFr(statement.to)} ${fr(statement.account.closing)} MAD (dû au membre).`,
      },
    ],
  };
  return renderDefinition(definition);
}
