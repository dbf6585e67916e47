// Charge notes (notes de débit): what a posted run charges one member, frozen at posting with its number, and its
// PDF in French with the GIE's header, the member, each service with the basis of its share, and the total.
import type { Kysely } from 'kysely';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Database } from '../db/schema.ts';
import { FONT_FAMILY, renderDefinition } from '../documents/pdf/engine.ts';
import { formatDateFr } from '../documents/pdf/format.ts';
import { notFound } from '../errors.ts';
import { amountInWordsFr, Dec, formatAmount, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertMemberVisible, assertPoolingReader } from './access.ts';

export interface ChargeNoteSnapshot {
  gie: {
    name: string;
    address: string | null;
    city: string | null;
    ice: string | null;
    ifNumber: string | null;
    rcNumber: string | null;
    rcCourt: string | null;
    tpNumber: string | null;
    phone: string | null;
    email: string | null;
  };
  member: {
    id: number;
    code: string | null;
    name: string;
    address: string | null;
    commune: string | null;
    ice: string | null;
    account: string;
  };
  period: { from: string; to: string };
  entryReference: string;
  lines: Array<{
    serviceCode: string;
    serviceName: string;
    keyLabel: string;
    cost: string;
    weight: string;
    totalWeight: string;
    explanation: string;
    amount: string;
    vatRate: string | null;
    vat: string;
  }>;
  totals: { ht: string; vat: string; ttc: string };
}

export interface ChargeNote {
  id: number;
  number: string;
  runId: number;
  memberId: number;
  memberCode: string | null;
  issueDate: string;
  totalHt: string;
  totalVat: string;
  totalTtc: string;
  /** True once the run it belongs to is reversed: the note stands in the series, cancelled by the reversal. */
  cancelled: boolean;
  snapshot: ChargeNoteSnapshot;
}

type NoteRow = {
  id: number;
  number: string;
  run_id: number;
  member_id: number;
  code: string | null;
  issue_date: string;
  total_ht: string;
  total_vat: string;
  total_ttc: string;
  status: string;
  snapshot: unknown;
};

function toNote(r: NoteRow): ChargeNote {
  return {
    id: r.id,
    number: r.number,
    runId: r.run_id,
    memberId: r.member_id,
    memberCode: r.code,
    issueDate: r.issue_date,
    totalHt: toAmountString(new Dec(r.total_ht)),
    totalVat: toAmountString(new Dec(r.total_vat)),
    totalTtc: toAmountString(new Dec(r.total_ttc)),
    cancelled: r.status === 'reversed',
    snapshot: r.snapshot as ChargeNoteSnapshot,
  };
}

function notes(db: Kysely<Database>) {
  return db
    .selectFrom('pooling_charge_notes as n')
    .innerJoin('members as m', 'm.id', 'n.member_id')
    .innerJoin('pooling_runs as r', 'r.id', 'n.run_id')
    .select([
      'n.id',
      'n.number',
      'n.run_id',
      'n.member_id',
      'm.code',
      'n.issue_date',
      'n.total_ht',
      'n.total_vat',
      'n.total_ttc',
      'r.status',
      'n.snapshot',
    ]);
}

/** Charge notes newest first; an entrepreneur sees their member's only. */
export async function listChargeNotes(
  db: Kysely<Database>,
  actor: Actor,
  query: { memberId?: number; runId?: number } = {},
): Promise<ChargeNote[]> {
  if (actor.role === 'entrepreneur') {
    if (query.memberId !== undefined) assertMemberVisible(actor, query.memberId);
  } else assertPoolingReader(actor);
  let q = notes(db).orderBy('n.issue_date', 'desc').orderBy('n.number', 'desc').limit(500);
  const memberId = actor.role === 'entrepreneur' ? (actor.memberId ?? -1) : query.memberId;
  if (memberId !== undefined) q = q.where('n.member_id', '=', memberId);
  if (query.runId !== undefined) q = q.where('n.run_id', '=', query.runId);
  return (await q.execute()).map(toNote);
}

export async function getChargeNote(db: Kysely<Database>, actor: Actor, id: number): Promise<ChargeNote> {
  const row = await notes(db).where('n.id', '=', id).executeTakeFirst();
  if (!row || (actor.role === 'entrepreneur' && actor.memberId !== row.member_id)) throw notFound('charge note', id);
  if (actor.role !== 'entrepreneur') assertPoolingReader(actor);
  return toNote(row);
}

/** The key and explanation lines in the note's language: they are stored as the API gives them, in English. */
export function keyLabelFr(label: string): string {
  return label
    .replace(/equal shares/g, 'parts égales')
    .replace(/revenue invoiced/g, 'chiffre d’affaires facturé')
    .replace(/headcount \(people\)/g, 'effectif (personnes)')
    .replace(/headcount \(jobs\)/g, 'effectif (emplois)')
    .replace(/fixed weights/g, 'poids fixes')
    .replace(/\bquantity /g, 'quantité ')
    .replace(/\busage\b/g, 'usage');
}

export function explanationFr(explanation: string): string {
  return keyLabelFr(explanation)
    .replace(/([+−-])0\.01 remainder/g, '$10.01 (plus fort reste)')
    .replace(/, as no member has any /g, ', aucun membre n’ayant de ');
}

const fr = (v: string) => formatAmount(v, 'fr', { currency: false });

/** The charge note as an A4 PDF in French; the same note renders to the same bytes. */
export function chargeNoteDefinition(note: ChargeNote): TDocumentDefinitions {
  const s = note.snapshot;
  const right = { alignment: 'right' as const };
  const withVat = s.lines.some((l) => l.vatRate !== null);
  const gieIds = [
    s.gie.ice ? `ICE ${s.gie.ice}` : null,
    s.gie.ifNumber ? `IF ${s.gie.ifNumber}` : null,
    s.gie.rcNumber ? `RC ${s.gie.rcNumber}${s.gie.rcCourt ? ` (${s.gie.rcCourt})` : ''}` : null,
    s.gie.tpNumber ? `TP ${s.gie.tpNumber}` : null,
  ].filter(Boolean);
  const head = ['Service', 'Clé de répartition', 'Calcul de la quote-part', 'Montant HT', ...(withVat ? ['TVA', 'TTC'] : [])];
  const body = [
    head.map((h, i) => ({ text: h, bold: true, ...(i >= 3 ? right : {}) })),
    ...s.lines.map((l) => [
      `${l.serviceName} (${l.serviceCode})`,
      keyLabelFr(l.keyLabel),
      explanationFr(l.explanation),
      { text: fr(l.amount), ...right },
      ...(withVat
        ? [
            { text: fr(l.vat), ...right },
            { text: fr(toAmountString(new Dec(l.amount).plus(l.vat))), ...right },
          ]
        : []),
    ]),
    [
      { text: 'Total', bold: true, colSpan: 3 },
      '',
      '',
      { text: fr(s.totals.ht), bold: true, ...right },
      ...(withVat
        ? [
            { text: fr(s.totals.vat), bold: true, ...right },
            { text: fr(s.totals.ttc), bold: true, ...right },
          ]
        : []),
    ],
  ];
  const total = new Dec(s.totals.ttc);
  const content: Content[] = [
    {
      columns: [
        [
          { text: s.gie.name, bold: true, fontSize: 12 },
          ...(s.gie.address ? [{ text: [s.gie.address, s.gie.city].filter(Boolean).join(', ') }] : []),
          ...(gieIds.length ? [{ text: gieIds.join(' · '), fontSize: 8 }] : []),
        ],
        [
          { text: 'NOTE DE DÉBIT', bold: true, fontSize: 14, alignment: 'right' },
          { text: `N° ${note.number}`, bold: true, alignment: 'right' },
          { text: `Date : ${formatDateFr(note.issueDate)}`, alignment: 'right' },
          ...(note.cancelled ? [{ text: 'ANNULÉE (extourne de la répartition)', bold: true, alignment: 'right' as const }] : []),
        ],
      ],
    },
    {
      margin: [0, 16, 0, 8],
      stack: [
        { text: 'Membre', bold: true },
        { text: `${s.member.name} (${s.member.code ?? ''})` },
        ...(s.member.address || s.member.commune
          ? [{ text: [s.member.address, s.member.commune].filter(Boolean).join(', ') }]
          : []),
        ...(s.member.ice ? [{ text: `ICE ${s.member.ice}` }] : []),
      ],
    },
    {
      text: `Quote-part des services mutualisés du ${formatDateFr(s.period.from)} au ${formatDateFr(s.period.to)}, répartis selon les clés en vigueur (plus forts restes au centime). Montants en dirhams (MAD).`,
      margin: [0, 0, 0, 8],
    },
    {
      table: { headerRows: 1, widths: withVat ? [90, 80, '*', 55, 45, 55] : [110, 100, '*', 70], body },
      layout: 'lightHorizontalLines',
    },
    {
      margin: [0, 12, 0, 0],
      text: `Arrêtée la présente note de débit à la somme de ${amountInWordsFr(total.abs())}${withVat ? ' TTC' : ''}.`,
    },
    {
      margin: [0, 6, 0, 0],
      fontSize: 8,
      text: `Débitée au compte du membre ${s.member.account} (écriture ${s.entryReference}). Loi 13-97, art. 1 et 2 : le GIE refacture à ses membres, sans marge, le coût des services qu'il met en commun.`,
    },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    info: {
      title: `Note de débit ${note.number}`,
      creationDate: new Date(`${note.issueDate}T00:00:00Z`),
      modDate: new Date(`${note.issueDate}T00:00:00Z`),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: 9 },
    content,
  };
}

export async function chargeNotePdf(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
): Promise<{ note: ChargeNote; bytes: Uint8Array }> {
  const note = await getChargeNote(db, actor, id);
  return { note, bytes: await renderDefinition(chargeNoteDefinition(note)) };
}
