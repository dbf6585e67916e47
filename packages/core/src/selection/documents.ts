// The committee's documents as pdfmake definitions, in French: the minutes (procès-verbal) of a deliberation
// session, and the letter to a candidate put on the waiting list, rejected or found ineligible. Pure: data in,
// definition out; the dates printed and stamped come from the data, so the same data gives the same bytes.
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CommitteeRole, SelectionDecision } from '../db/schema.ts';
import { FONT_FAMILY, renderDefinition } from '../documents/pdf/engine.ts';
import { formatDateFr } from '../documents/pdf/format.ts';

export interface GieHeading {
  name: string;
  address: string | null;
  city: string | null;
}

export interface MinutesData {
  gie: GieHeading;
  call: {
    id: number;
    title: string;
    opensOn: string;
    closesOn: string;
    threshold: string;
    places: number;
    criteria: Array<{ label: string; weight: string; scaleMin: number; scaleMax: number }>;
  };
  session: { id: number; heldOn: string; place: string | null; quorumRequired: number; issuedOn: string };
  committee: Array<{ name: string; role: CommitteeRole; present: boolean }>;
  conflicts: Array<{ name: string; candidate: string; reason: string }>;
  ranking: Array<{
    rank: number | null;
    candidate: string;
    mean: string | null;
    scorers: number;
    aboveThreshold: boolean;
    withinPlaces: boolean;
    disagreement: boolean;
    tied: boolean;
  }>;
  decisions: Array<{
    candidate: string;
    decision: SelectionDecision;
    reasons: string;
    votes: { for: number; against: number; abstain: number } | null;
    /** Members present who abstained because of a declared conflict. */
    abstentions: string[];
  }>;
}

export const DECISION_FR: Record<SelectionDecision, string> = {
  admitted: 'Admise',
  waiting: "Liste d'attente",
  rejected: 'Rejetée',
};

export const ROLE_FR: Record<CommitteeRole, string> = {
  president: 'Président(e)',
  rapporteur: 'Rapporteur(e)',
  member: 'Membre',
};

const ACCENT = '#1d4e5f';
const MUTED = '#5f6b70';

/** "82.08" → "82,08"; scores keep their two decimals. */
const score = (value: string | null): string => (value === null ? '—' : value.replace('.', ','));
const weight = (value: string): string => `${value.replace('.', ',')} %`;

function baseDefinition(title: string, issuedOn: string, gie: GieHeading, content: Content[]): TDocumentDefinitions {
  const stamp = new Date(`${issuedOn}T00:00:00Z`);
  const date = Number.isNaN(stamp.getTime()) ? new Date(0) : stamp;
  return {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    language: 'fr-MA',
    info: { title, author: gie.name, creator: 'gie-ecp', producer: 'gie-ecp (pdfmake)', creationDate: date, modDate: date },
    defaultStyle: { font: FONT_FAMILY, fontSize: 10, lineHeight: 1, color: '#222222' },
    styles: {
      gie: { fontSize: 12, bold: true, color: ACCENT },
      title: { fontSize: 15, bold: true, color: ACCENT, margin: [0, 14, 0, 8] },
      heading: { fontSize: 11, bold: true, color: ACCENT, margin: [0, 12, 0, 4] },
      small: { fontSize: 8.5, color: MUTED },
      th: { bold: true, color: ACCENT },
    },
    footer: (page, count) => ({
      text: `${title} — page ${page} / ${count}`,
      style: 'small',
      alignment: 'center',
      margin: [0, 20, 0, 0],
    }),
    content: [
      { text: gie.name, style: 'gie' },
      { text: [gie.address, gie.city].filter(Boolean).join(', '), style: 'small' },
      ...content,
    ],
  };
}

function table(headers: string[], rows: TableCell[][], widths: Array<string | number>): Content {
  return {
    table: { headerRows: 1, widths, body: [headers.map((h) => ({ text: h, style: 'th' })), ...rows] },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 4],
  };
}

/** The minutes of a deliberation session. */
export function minutesDefinition(data: MinutesData): TDocumentDefinitions {
  const present = data.committee.filter((m) => m.present);
  const absent = data.committee.filter((m) => !m.present);
  const title = `Procès-verbal de délibération n° ${data.session.id}`;
  const content: Content[] = [
    { text: 'Comité de parrainage et de sélection', style: 'title' },
    { text: title, bold: true },
    {
      text: `Séance du ${formatDateFr(data.session.heldOn)}${data.session.place ? `, ${data.session.place}` : ''}.`,
      margin: [0, 2, 0, 0],
    },

    { text: "1. L'appel à candidatures", style: 'heading' },
    {
      text: `« ${data.call.title} » (appel n° ${data.call.id}), ouvert du ${formatDateFr(data.call.opensOn)} au ${formatDateFr(data.call.closesOn)}.`,
    },
    {
      text: `Seuil d'admission : ${score(data.call.threshold)} / 100. Nombre de places : ${data.call.places}.`,
    },
    { text: 'Grille de critères :', margin: [0, 4, 0, 0] },
    table(
      ['Critère', 'Pondération', 'Échelle'],
      data.call.criteria.map((c) => [c.label, weight(c.weight), `${c.scaleMin} à ${c.scaleMax}`]),
      ['*', 70, 70],
    ),

    { text: '2. Membres du comité', style: 'heading' },
    table(
      ['Membre', 'Qualité', 'Présence'],
      data.committee.map((m) => [m.name, ROLE_FR[m.role], m.present ? 'Présent(e)' : 'Absent(e)']),
      ['*', 90, 70],
    ),
    {
      text:
        `Présents : ${present.length} sur ${data.committee.length}. Quorum requis : ${data.session.quorumRequired}. ` +
        (present.length >= data.session.quorumRequired ? 'Le quorum est atteint.' : "Le quorum n'est pas atteint."),
    },
    ...(absent.length > 0 ? [{ text: `Absents : ${absent.map((m) => m.name).join(', ')}.`, style: 'small' } as Content] : []),

    { text: "3. Conflits d'intérêts déclarés", style: 'heading' },
    data.conflicts.length === 0
      ? { text: "Aucun conflit d'intérêts n'a été déclaré." }
      : table(
          ['Membre', 'Candidature', 'Motif'],
          data.conflicts.map((c) => [c.name, c.candidate, c.reason]),
          [110, 140, '*'],
        ),
    ...(data.conflicts.length > 0
      ? [
          {
            text: "Chaque membre en conflit s'est abstenu de noter la candidature concernée et de délibérer sur elle.",
            style: 'small',
          } as Content,
        ]
      : []),

    { text: '4. Classement', style: 'heading' },
    {
      text:
        'Note pondérée sur 100, moyenne des membres ayant noté tous les critères. À égalité, le critère le plus ' +
        'pondéré départage, puis la date de dépôt.',
      style: 'small',
    },
    table(
      ['Rang', 'Candidature', 'Note / 100', 'Notateurs', 'Seuil', 'Remarque'],
      data.ranking.map((r) => [
        r.rank === null ? '—' : String(r.rank),
        r.candidate,
        score(r.mean),
        String(r.scorers),
        r.aboveThreshold ? 'Atteint' : 'Non atteint',
        [
          r.withinPlaces ? 'dans les places' : '',
          r.tied ? 'égalité départagée' : '',
          r.disagreement ? 'écarts forts entre membres' : '',
        ]
          .filter(Boolean)
          .join(' ; '),
      ]),
      [32, '*', 52, 48, 56, 100],
    ),

    { text: '5. Décisions', style: 'heading' },
    ...data.decisions.flatMap((d): Content[] => [
      {
        text: [
          { text: `${d.candidate} : `, bold: true },
          { text: DECISION_FR[d.decision], bold: true, color: ACCENT },
        ],
      },
      { text: `Motifs : ${d.reasons}`, margin: [10, 0, 0, 0] },
      ...(d.votes
        ? [
            {
              text: `Vote : ${d.votes.for} pour, ${d.votes.against} contre, ${d.votes.abstain} abstention(s).`,
              margin: [10, 0, 0, 0],
            } as Content,
          ]
        : [{ text: 'Décision prise par consensus, sans vote.', margin: [10, 0, 0, 0] } as Content]),
      ...(d.abstentions.length > 0
        ? [{ text: `Abstention pour conflit d'intérêts : ${d.abstentions.join(', ')}.`, margin: [10, 0, 0, 4] } as Content]
        : [{ text: '', margin: [0, 0, 0, 4] } as Content]),
    ]),

    { text: `Fait le ${formatDateFr(data.session.issuedOn)}.`, margin: [0, 14, 0, 8] },
    {
      columns: data.committee
        .filter((m) => m.present && m.role !== 'member')
        .map((m) => ({
          stack: [{ text: ROLE_FR[m.role], bold: true }, { text: m.name }, { text: 'Signature :', margin: [0, 24, 0, 0] }],
        })),
    },
  ];
  return baseDefinition(title, data.session.issuedOn, data.gie, content);
}

export function renderMinutesPdf(data: MinutesData): Promise<Uint8Array> {
  return renderDefinition(minutesDefinition(data));
}

export interface LetterData {
  gie: GieHeading;
  candidate: { name: string; address: string | null; contactName: string | null };
  call: { title: string };
  outcome: SelectionDecision | 'ineligible';
  reasons: string;
  date: string;
  /** The session that decided, if the committee did. */
  sessionHeldOn: string | null;
  rank: number | null;
  mean: string | null;
}

/** The letter to a candidate who was not admitted: the outcome and the committee's reasons. */
export function letterDefinition(data: LetterData): TDocumentDefinitions {
  const subject =
    data.outcome === 'waiting'
      ? "Inscription sur liste d'attente"
      : data.outcome === 'ineligible'
        ? 'Candidature non recevable'
        : 'Réponse à votre candidature';
  const outcome =
    data.outcome === 'waiting'
      ? "votre candidature a été inscrite sur la liste d'attente. Elle pourra être retenue si une place se libère."
      : data.outcome === 'ineligible'
        ? "votre candidature n'a pas pu être examinée : elle ne remplit pas les conditions d'éligibilité de l'appel."
        : "votre candidature n'a pas été retenue.";
  const content: Content[] = [
    {
      stack: [
        { text: data.candidate.name, bold: true },
        ...(data.candidate.contactName ? [{ text: `À l'attention de ${data.candidate.contactName}` }] : []),
        ...(data.candidate.address ? [{ text: data.candidate.address }] : []),
      ],
      margin: [260, 24, 0, 0],
    },
    { text: `${data.gie.city ?? ''}${data.gie.city ? ', le' : 'Le'} ${formatDateFr(data.date)}`, margin: [260, 12, 0, 0] },
    { text: `Objet : ${subject} — « ${data.call.title} »`, bold: true, margin: [0, 24, 0, 12] },
    { text: 'Madame, Monsieur,', margin: [0, 0, 0, 8] },
    {
      text:
        `Nous vous remercions de l'intérêt que vous portez au GIE. ` +
        (data.sessionHeldOn
          ? `Le Comité de parrainage et de sélection, réuni le ${formatDateFr(data.sessionHeldOn)}, vous informe que ${outcome}`
          : `Nous vous informons que ${outcome}`),
      margin: [0, 0, 0, 8],
    },
    ...(data.mean !== null
      ? [
          {
            text: `Votre dossier a obtenu la note de ${score(data.mean)} / 100${data.rank ? ` (rang ${data.rank})` : ''}.`,
            margin: [0, 0, 0, 8],
          } as Content,
        ]
      : []),
    { text: 'Motifs :', bold: true },
    { text: data.reasons, margin: [10, 2, 0, 12] },
    {
      text:
        'Vous pouvez demander à consulter les éléments de l’évaluation de votre dossier auprès du secrétariat du GIE. ' +
        'Nous vous prions d’agréer, Madame, Monsieur, nos salutations distinguées.',
      margin: [0, 0, 0, 24],
    },
    { text: 'Pour le Comité de parrainage et de sélection', margin: [260, 0, 0, 0] },
    { text: data.gie.name, bold: true, margin: [260, 2, 0, 0] },
  ];
  return baseDefinition(`Lettre — ${subject}`, data.date, data.gie, content);
}

export function renderLetterPdf(data: LetterData): Promise<Uint8Array> {
  return renderDefinition(letterDefinition(data));
}
