// The PDF of a legal statement (VAT worksheet, payment delays, bilan and CPC): A4 in French, the GIE's identity
// in the header, then titled tables of figures already formatted by the statement; renders the same bytes each time.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { FONT_FAMILY, renderDefinition } from '../documents/pdf/engine.ts';
import { formatDateFr } from '../documents/pdf/format.ts';
import type { GieSettings } from '../gie/settings.ts';
import { formatAmount } from '../money/index.ts';

export interface PdfTable {
  heading?: string;
  head: string[];
  /** Which columns hold amounts (right-aligned, written the French way). */
  amounts: number[];
  rows: Array<{ cells: Array<string | null>; bold?: boolean; indent?: boolean }>;
  widths?: Array<number | string>;
}

export interface StatementPdfInput {
  title: string;
  subtitle: string;
  /** The day the statement speaks of (its period's last day), used as the file's date so bytes do not vary. */
  asOf: string;
  gie: Pick<GieSettings, 'name' | 'legalForm' | 'ice' | 'ifNumber' | 'rcNumber' | 'tpNumber' | 'address' | 'city'>;
  tables: PdfTable[];
  notes?: string[];
  landscape?: boolean;
}

export const amountFr = (value: string) => formatAmount(value, 'fr', { currency: false });

export function statementPdf(input: StatementPdfInput): Promise<Uint8Array> {
  const ids = [
    input.gie.ice ? `ICE ${input.gie.ice}` : null,
    input.gie.ifNumber ? `IF ${input.gie.ifNumber}` : null,
    input.gie.rcNumber ? `RC ${input.gie.rcNumber}` : null,
    input.gie.tpNumber ? `TP ${input.gie.tpNumber}` : null,
  ].filter(Boolean);
  const tables: Content[] = input.tables.flatMap((table): Content[] => [
    ...(table.heading ? [{ text: table.heading, bold: true, fontSize: 11, margin: [0, 10, 0, 4] } as Content] : []),
    {
      table: {
        headerRows: 1,
        widths: table.widths ?? table.head.map((_, i) => (i === 0 ? '*' : 'auto')),
        body: [
          table.head.map((h, i) => ({ text: h, bold: true, alignment: table.amounts.includes(i) ? 'right' : 'left' })),
          ...table.rows.map((row) =>
            row.cells.map((cell, i) => ({
              text: cell === null ? '' : table.amounts.includes(i) && cell !== '' ? amountFr(cell) : cell,
              bold: row.bold ?? false,
              alignment: table.amounts.includes(i) ? ('right' as const) : ('left' as const),
              margin: i === 0 && row.indent ? ([10, 0, 0, 0] as [number, number, number, number]) : undefined,
            })),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ]);
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: input.landscape ? 'landscape' : 'portrait',
    pageMargins: [36, 40, 36, 40],
    info: {
      title: `${input.title} — ${input.subtitle}`,
      creationDate: new Date(`${input.asOf}T00:00:00Z`),
      modDate: new Date(`${input.asOf}T00:00:00Z`),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: 8.5 },
    footer: (page: number, pages: number) => ({
      text: `${input.title} — page ${page} / ${pages}`,
      alignment: 'right',
      margin: [0, 10, 36, 0],
      fontSize: 7,
    }),
    content: [
      { text: `${input.gie.name}${input.gie.legalForm ? ` (${input.gie.legalForm})` : ''}`, bold: true, fontSize: 12 },
      ...(input.gie.address ? [{ text: [input.gie.address, input.gie.city].filter(Boolean).join(', ') } as Content] : []),
      ...(ids.length ? [{ text: ids.join(' · '), fontSize: 8 } as Content] : []),
      { text: input.title, fontSize: 14, bold: true, margin: [0, 14, 0, 2] },
      { text: `${input.subtitle} — montants en dirhams (MAD) — arrêté au ${formatDateFr(input.asOf)}`, margin: [0, 0, 0, 6] },
      ...tables,
      ...(input.notes ?? []).map((note): Content => ({ text: note, fontSize: 7.5, margin: [0, 8, 0, 0], italics: false })),
    ],
  };
  return renderDefinition(definition);
}
