// The yearly activity report for the general assembly and the partners: its figures (the observatory's indicators
// for the calendar year, revenue per month, pooled costs per service, each member's contribution paid against the
// pooled services it consumed) and its A4 PDF in French, charts drawn as vectors.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Database } from '../db/schema.ts';
import { FONT_FAMILY, renderDefinition } from '../documents/pdf/engine.ts';
import { formatDateFr } from '../documents/pdf/format.ts';
import { DomainError, invalid } from '../errors.ts';
import { getGieSettings } from '../gie/settings.ts';
import { Dec, formatAmount, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';
import { memberFacts } from './observatory.ts';
import { contributes, type Indicators, sumIndicators } from './observatory-rules.ts';

export interface ActivityMemberLine {
  code: string | null;
  name: string;
  /** The GIE's contribution kept on the member's invoices of the year, credit notes deducted. */
  contribution: string;
  /** The member's lines of posted allocation runs whose allocated period ends in the year (HT). */
  pooled: string;
  /** contribution − pooled: positive when the member paid more to the GIE than the pooled services it used. */
  balance: string;
}

export interface ActivityReport {
  year: number;
  from: string;
  to: string;
  gie: {
    name: string;
    legalForm: string;
    ice: string | null;
    rcNumber: string | null;
    address: string | null;
    city: string | null;
  };
  figures: Indicators;
  /** Twelve months, January first: issued invoices HT minus credit notes HT, by issue date. */
  revenueByMonth: Array<{ month: string; revenue: string }>;
  pooledByService: Array<{ code: string; name: string; amount: string }>;
  members: ActivityMemberLine[];
  totals: { contribution: string; pooled: string; balance: string };
}

const STAFF = ['admin', 'manager', 'accountant'];

export async function activityReport(db: Kysely<Database>, actor: Actor, year: number): Promise<ActivityReport> {
  if (!STAFF.includes(actor.role)) {
    throw new DomainError('forbidden', `the activity report is prepared by the staff; you are signed in as ${actor.role}`);
  }
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw invalid('year', `expected a year such as 2026, received ${year}`);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const facts = await memberFacts(db, { from, to });
  const gie = await getGieSettings(db);
  const { rows: months } = await sql<{ month: string; revenue: string }>`
    select to_char(d.issue_date, 'YYYY-MM') as month,
      sum(case when d.kind = 'credit_note' then -d.total_ht else d.total_ht end) as revenue
    from sales_documents d
    where d.status = 'issued' and d.kind in ('invoice', 'credit_note') and d.issue_date between ${from} and ${to}
    group by 1`.execute(db);
  const { rows: services } = await sql<{ code: string; name: string; amount: string }>`
    select v.code, v.name, sum(l.amount) as amount
    from pooling_run_lines l
    join pooling_run_services s on s.run_id = l.run_id and s.service_id = l.service_id
    join pooling_runs r on r.id = l.run_id
    join pooled_services v on v.id = l.service_id
    where r.status = 'posted' and s.state = 'posted' and s.period_to between ${from} and ${to}
    group by v.code, v.name
    order by v.code`.execute(db);
  const members = facts.filter(contributes).map((f) => ({
    code: f.code,
    name: f.name,
    contribution: f.contribution,
    pooled: f.pooled,
    balance: toAmountString(new Dec(f.contribution).minus(f.pooled)),
  }));
  const total = (pick: (m: ActivityMemberLine) => string) =>
    toAmountString(members.reduce((s, m) => s.plus(pick(m)), new Dec(0)));
  return {
    year,
    from,
    to,
    gie: {
      name: gie.name,
      legalForm: gie.legalForm,
      ice: gie.ice,
      rcNumber: gie.rcNumber,
      address: gie.address,
      city: gie.city,
    },
    figures: sumIndicators(facts),
    revenueByMonth: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      return { month, revenue: toAmountString(new Dec(months.find((m) => m.month === month)?.revenue ?? 0)) };
    }),
    pooledByService: services.map((s) => ({ code: s.code, name: s.name, amount: toAmountString(new Dec(s.amount)) })),
    members,
    totals: { contribution: total((m) => m.contribution), pooled: total((m) => m.pooled), balance: total((m) => m.balance) },
  };
}

const MONTHS_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const fr = (v: string) => formatAmount(v, 'fr', { currency: false });
const mad = (v: string) => formatAmount(v, 'fr');
const BAR = '#2e6b5a';
const right = { alignment: 'right' as const };

/** A bar's length in points for a value against the largest one; negative months draw no bar. */
function barLength(value: string, largest: Dec, full: number): number {
  const v = new Dec(value);
  if (largest.lte(0) || v.lte(0)) return 0;
  return v.div(largest).times(full).toDecimalPlaces(2).toNumber();
}

function monthChart(report: ActivityReport): Content {
  const height = 120;
  const largest = Dec.max(0, ...report.revenueByMonth.map((m) => m.revenue));
  return {
    table: {
      widths: Array(12).fill('*'),
      body: [
        report.revenueByMonth.map((m) => {
          const h = barLength(m.revenue, largest, height);
          return {
            stack: [
              { text: new Dec(m.revenue).isZero() ? '' : fr(m.revenue), fontSize: 6, alignment: 'center' as const },
              { canvas: [{ type: 'rect' as const, x: 6, y: height - h, w: 22, h, color: BAR }], margin: [0, 2, 0, 0] },
            ],
          };
        }),
        MONTHS_FR.map((m) => ({ text: m, fontSize: 7, alignment: 'center' as const })),
      ],
    },
    layout: 'noBorders',
  };
}

function serviceChart(report: ActivityReport): Content {
  if (report.pooledByService.length === 0)
    return { text: 'Aucune répartition de services mutualisés comptabilisée.', color: '#555555' };
  const largest = Dec.max(0, ...report.pooledByService.map((s) => s.amount));
  return {
    table: {
      widths: [200, 200, '*'],
      body: report.pooledByService.map((s) => [
        { text: `${s.code} — ${s.name}`, fontSize: 8 },
        {
          canvas: [{ type: 'rect' as const, x: 0, y: 2, w: Math.max(barLength(s.amount, largest, 190), 0.5), h: 9, color: BAR }],
        },
        { text: fr(s.amount), fontSize: 8, ...right },
      ]),
    },
    layout: 'noBorders',
  };
}

export function activityReportDefinition(report: ActivityReport): TDocumentDefinitions {
  const f = report.figures;
  const keyFigures: Array<[string, string]> = [
    ['Membres au 31 décembre', String(f.members)],
    ['Admissions dans l’année', String(f.admissions)],
    ['Personnes', String(f.people)],
    ['dont femmes', String(f.women)],
    ['dont jeunes', String(f.youth)],
    ['Emplois', String(f.jobs)],
    ['Chiffre d’affaires facturé par le GIE (HT)', mad(f.revenue)],
    ['Services mutualisés répartis (HT)', mad(f.pooled)],
    ['Contributions retenues par le GIE', mad(f.contribution)],
  ];
  const identity = [
    report.gie.legalForm,
    report.gie.ice ? `ICE ${report.gie.ice}` : null,
    report.gie.rcNumber ? `RC ${report.gie.rcNumber}` : null,
  ].filter(Boolean);
  const stamp = new Date(`${report.to}T00:00:00Z`);
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: { title: `Rapport d’activité ${report.year} — ${report.gie.name}`, creationDate: stamp, modDate: stamp },
    defaultStyle: { font: FONT_FAMILY, fontSize: 9 },
    footer: (page: number, pages: number) =>
      page === 1
        ? ''
        : {
            text: `${report.gie.name} — rapport d’activité ${report.year} — page ${page} / ${pages}`,
            alignment: 'right',
            margin: [0, 15, 40, 0],
            fontSize: 7,
          },
    content: [
      { text: report.gie.name, fontSize: 20, bold: true, margin: [0, 160, 0, 8] },
      { text: identity.join(' — '), fontSize: 10 },
      { text: [report.gie.address, report.gie.city].filter(Boolean).join(', '), fontSize: 10, margin: [0, 0, 0, 40] },
      { text: `Rapport d’activité ${report.year}`, fontSize: 26, bold: true, color: BAR },
      { text: 'Pour l’assemblée générale et les partenaires', fontSize: 12, margin: [0, 6, 0, 0] },
      { text: `Exercice du ${formatDateFr(report.from)} au ${formatDateFr(report.to)}`, fontSize: 10, margin: [0, 4, 0, 0] },
      { text: 'Chiffres clés', fontSize: 15, bold: true, pageBreak: 'before', margin: [0, 0, 0, 8] },
      {
        table: { widths: ['*', 140], body: keyFigures.map(([label, value]) => [label, { text: value, bold: true, ...right }]) },
        layout: 'lightHorizontalLines',
      },
      { text: 'Chiffre d’affaires HT par mois (MAD)', fontSize: 12, bold: true, margin: [0, 18, 0, 6] },
      monthChart(report),
      { text: 'Coûts des services mutualisés répartis, par service (MAD HT)', fontSize: 12, bold: true, margin: [0, 18, 0, 6] },
      serviceChart(report),
      {
        text: 'Contribution versée et services mutualisés consommés, par membre (MAD)',
        fontSize: 12,
        bold: true,
        pageBreak: 'before',
        margin: [0, 0, 0, 4],
      },
      {
        text:
          'Contribution : la part du GIE retenue sur les factures émises pour le membre dans l’année, avoirs déduits. ' +
          'Services consommés : les quotes-parts HT des répartitions comptabilisées (non annulées) des périodes closes dans l’année.',
        fontSize: 7,
        margin: [0, 0, 0, 6],
      },
      {
        table: {
          headerRows: 1,
          widths: [36, '*', 80, 80, 80],
          body: [
            [
              { text: 'Code', bold: true },
              { text: 'Membre', bold: true },
              { text: 'Contribution versée', bold: true, ...right },
              { text: 'Services consommés', bold: true, ...right },
              { text: 'Écart', bold: true, ...right },
            ],
            ...report.members.map((m) => [
              m.code ?? '',
              m.name,
              { text: fr(m.contribution), ...right },
              { text: fr(m.pooled), ...right },
              { text: fr(m.balance), ...right },
            ]),
            [
              { text: 'Total', bold: true, colSpan: 2 },
              '',
              { text: fr(report.totals.contribution), bold: true, ...right },
              { text: fr(report.totals.pooled), bold: true, ...right },
              { text: fr(report.totals.balance), bold: true, ...right },
            ],
          ],
        },
        layout: 'lightHorizontalLines',
      },
    ],
  };
}

/** The report as an A4 PDF; the same figures give the same bytes (dates come from the year, not the clock). */
export function activityReportPdf(report: ActivityReport): Promise<Uint8Array> {
  return renderDefinition(activityReportDefinition(report));
}
