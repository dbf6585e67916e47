// CSV files we hand out (reports, exports): semicolon-separated for French spreadsheets, UTF-8 with a BOM, and
// text cells that a spreadsheet would run as a formula (= + - @, tab, CR) neutralised with a leading apostrophe.

export type CsvCell = string | number | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
  /** Amounts and numbers are written as they are; only text is checked for formulas. */
  numeric?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain signed decimal (`-12.50`, `-12,50`) is data, not a formula: it stays a number the spreadsheet can add. */
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/;

export function csvCell(value: CsvCell, numeric = false): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (!numeric && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(columns: ReadonlyArray<CsvColumn<T>>, rows: Iterable<T>): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(';')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row), c.numeric)).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
