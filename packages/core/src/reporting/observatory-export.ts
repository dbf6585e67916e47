// The observatory's statistics as files: one CSV (the project's writer, formulas neutralised) and one XLSX
// (write-excel-file) with the same rows as the screen — total, per province, per sector — and hidden cells as "—".
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import { type CsvColumn, toCsv } from '../documents/csv.ts';
import { formatDateFr } from '../documents/pdf/format.ts';
import type { ObservatoryStatistics, ReferenceName } from './observatory.ts';
import type { IndicatorRow, Indicators } from './observatory-rules.ts';

/** The mark of a hidden figure, on the screen and in the files. */
export const HIDDEN = '—';

export const HIDDEN_NOTE = 'moins de 3 membres : chiffres masqués';

/** The figure columns, in order, with their French headers (the files are for French spreadsheets). */
export const FIGURE_COLUMNS: ReadonlyArray<{ key: keyof Indicators; header: string; amount: boolean }> = [
  { key: 'members', header: 'membres', amount: false },
  { key: 'people', header: 'personnes', amount: false },
  { key: 'women', header: 'femmes', amount: false },
  { key: 'youth', header: 'jeunes', amount: false },
  { key: 'jobs', header: 'emplois', amount: false },
  { key: 'revenue', header: 'chiffre_affaires_ht', amount: true },
  { key: 'pooled', header: 'services_mutualises_ht', amount: true },
  { key: 'contribution', header: 'contribution_gie', amount: true },
  { key: 'admissions', header: 'admissions', amount: false },
];

export interface FlatRow {
  table: 'ensemble' | 'province' | 'secteur';
  code: string;
  name: string;
  row: IndicatorRow;
}

/** The rows of the files, in the screen's order; a row without a code is "non renseigné". */
export function flatRows(stats: ObservatoryStatistics): FlatRow[] {
  const nameOf = (list: ReferenceName[], code: string | null) =>
    code === null ? 'Non renseigné' : (list.find((r) => r.code === code)?.fr ?? code);
  return [
    { table: 'ensemble', code: '', name: 'Ensemble', row: stats.totals },
    ...stats.byProvince.map((row) => ({
      table: 'province' as const,
      code: row.code ?? '',
      name: nameOf(stats.provinces, row.code),
      row,
    })),
    ...stats.bySector.map((row) => ({
      table: 'secteur' as const,
      code: row.code ?? '',
      name: nameOf(stats.sectors, row.code),
      row,
    })),
  ];
}

const figure = (row: IndicatorRow, key: keyof Indicators): string => {
  const value = row.figures?.[key];
  return value === undefined ? HIDDEN : String(value);
};

export function observatoryCsv(stats: ObservatoryStatistics): string {
  const columns: CsvColumn<FlatRow>[] = [
    { header: 'tableau', value: (r) => r.table },
    { header: 'code', value: (r) => r.code },
    { header: 'nom', value: (r) => r.name },
    ...FIGURE_COLUMNS.map((c) => ({ header: c.header, value: (r: FlatRow) => figure(r.row, c.key), numeric: true })),
    { header: 'note', value: (r) => (r.row.suppressed ? HIDDEN_NOTE : '') },
  ];
  return toCsv(columns, flatRows(stats));
}

function filterLines(stats: ObservatoryStatistics): Row[] {
  const f = stats.filter;
  const nameOf = (list: ReferenceName[], code: string | null) =>
    code === null ? 'toutes' : (list.find((r) => r.code === code)?.fr ?? code);
  return [
    ['Période', `du ${formatDateFr(f.from)} au ${formatDateFr(f.to)}`],
    ['Province', nameOf(stats.provinces, f.province)],
    ['Secteur', nameOf(stats.sectors, f.sector)],
    ['Milieu', f.area === null ? 'tous' : f.area === 'rural' ? 'rural' : 'urbain'],
    [
      'Règle',
      `groupes de moins de ${stats.minimumGroup} membres masqués${stats.restricted ? '' : ' (non appliquée : lecture du GIE)'}`,
    ],
  ];
}

/**
 * The XLSX workbook: the sheet "Observatoire" holds the same rows and columns as the CSV, amounts and counts as
 * numbers (an amount of two decimals is exact as a double and Excel writes it back as the same decimal), hidden
 * cells as "—"; the sheet "Filtres" says which period and filters produced them.
 */
export async function observatoryXlsx(stats: ObservatoryStatistics): Promise<Uint8Array> {
  const header: Row = ['tableau', 'code', 'nom', ...FIGURE_COLUMNS.map((c) => c.header), 'note'].map((value) => ({
    value,
    fontWeight: 'bold' as const,
  }));
  const data: SheetData = [header];
  for (const r of flatRows(stats)) {
    data.push([
      r.table,
      r.code,
      r.name,
      ...FIGURE_COLUMNS.map((c) => {
        const value = r.row.figures?.[c.key];
        if (value === undefined) return HIDDEN;
        return c.amount ? { value: Number(value), type: Number, format: '#,##0.00' } : Number(value);
      }),
      r.row.suppressed ? HIDDEN_NOTE : '',
    ]);
  }
  const buffer = await writeXlsxFile([
    { data, sheet: 'Observatoire', columns: [{ width: 10 }, { width: 16 }, { width: 30 }] },
    { data: filterLines(stats), sheet: 'Filtres', columns: [{ width: 12 }, { width: 60 }] },
  ]).toBuffer();
  return new Uint8Array(buffer);
}
