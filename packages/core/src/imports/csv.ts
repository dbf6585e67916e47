// CSV imports, the way a GIE moves in from spreadsheets: French or English headers, comma or semicolon,
// every problem reported by row and column before anything is written.
import { parse } from 'csv-parse/sync';

/** A problem with one cell (or with the header, row 1), as a spreadsheet user would find it. */
export interface ImportProblem {
  /** Line of the file as the spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The column's header as written in the file, or its canonical name when it is missing. */
  column: string;
  message: string;
}

/** Thrown by a column parser: the cell is wrong, and this says how. */
export class CellError extends Error {}

export interface ImportColumn<T> {
  /** Field of the record it fills. */
  key: keyof T & string;
  /** Accepted headers, compared without case, accents, spaces or punctuation: the first is the canonical one. */
  headers: readonly string[];
  required?: boolean;
  /** Turns the cell's trimmed text into the field's value; throws CellError when the text is wrong. */
  parse?: (text: string) => unknown;
}

export interface ImportSpec<T> {
  /** What a row is, for messages: "member", "customer". */
  entity: string;
  columns: readonly ImportColumn<T>[];
  /** Checks across fields of one row, after each cell parsed. */
  checkRow?: (record: Partial<T>) => Array<{ column: keyof T & string; message: string }>;
  /** Identifies a row for duplicate detection inside the file (e.g. the ICE); undefined means no key. */
  uniqueBy?: Array<{ column: keyof T & string; value: (record: Partial<T>) => string | undefined }>;
}

export interface ParsedImport<T> {
  /** Every data row, with the cells that parsed; `ok` is false when the row already has a problem. */
  records: Array<{ row: number; record: Partial<T>; ok: boolean }>;
  problems: ImportProblem[];
  /** Data rows in the file. */
  total: number;
  /** The header each field had in the file, to name columns as the user wrote them. */
  headers: Partial<Record<keyof T & string, string>>;
}

export const MAX_IMPORT_ROWS = 50_000;

/** Lower case, no accents, no spaces or punctuation: "N° ICE" and "n_ice" meet as "nice". */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/**
 * Reads a CSV file against a spec: maps the headers, parses every cell, checks every row, and returns the records
 * with every problem found. The caller writes nothing unless `problems` is empty.
 */
/**
 * Gives the event loop a turn, so that progress lines reach the client while a long import runs: the embedded
 * database answers without one, and the lines would otherwise all leave at the end.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export type ImportPhase = 'checking' | 'writing';
export type ImportProgress = (done: number, total: number, phase: ImportPhase) => void;

export async function parseImport<T>(spec: ImportSpec<T>, text: string, onProgress?: ImportProgress): Promise<ParsedImport<T>> {
  const problems: ImportProblem[] = [];
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim())
    return { records: [], problems: [{ row: 1, column: '', message: 'the file is empty' }], total: 0, headers: {} };

  let rows: string[][];
  try {
    rows = parse(body, {
      delimiter: detectDelimiter(body.split(/\r?\n/, 1)[0] ?? ''),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return {
      records: [],
      problems: [{ row: e.lines ?? 1, column: '', message: `not a readable CSV file: ${e.message}` }],
      total: 0,
      headers: {},
    };
  }
  const [header = [], ...data] = rows;
  if (data.length > MAX_IMPORT_ROWS) {
    return {
      records: [],
      problems: [{ row: 1, column: '', message: `too many rows: at most ${MAX_IMPORT_ROWS}, received ${data.length}` }],
      total: data.length,
      headers: {},
    };
  }

  // header → column
  const byHeader = new Map<string, ImportColumn<T>>();
  for (const column of spec.columns) for (const h of column.headers) byHeader.set(normaliseHeader(h), column);
  const positions: Array<ImportColumn<T> | undefined> = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const column = byHeader.get(normaliseHeader(raw));
    if (!raw.trim()) {
      positions[index] = undefined;
      return;
    }
    if (!column) {
      problems.push({
        row: 1,
        column: raw,
        message: `unknown column; expected one of: ${spec.columns.map((c) => c.headers[0]).join(', ')}`,
      });
    } else if (seen.has(column.key)) {
      problems.push({ row: 1, column: raw, message: `column ${column.headers[0]} appears twice` });
    } else {
      seen.add(column.key);
      positions[index] = column;
    }
  });
  for (const column of spec.columns) {
    if (column.required && !seen.has(column.key)) {
      problems.push({ row: 1, column: column.headers[0] ?? column.key, message: 'required column missing' });
    }
  }
  const headers: ParsedImport<T>['headers'] = {};
  positions.forEach((column, i) => {
    if (column) headers[column.key] = header[i] ?? column.key;
  });
  if (problems.length > 0) return { records: [], problems, total: data.length, headers };

  const headerOf = (key: keyof T & string) => headers[key] ?? key;
  const records: ParsedImport<T>['records'] = [];
  const keys = new Map<string, Map<string, number>>();
  for (const [index, cells] of data.entries()) {
    const row = index + 2;
    const record: Partial<T> = {};
    let rowOk = true;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim())) {
      problems.push({ row, column: '', message: `${cells.length} cells, but the header has ${header.length} columns` });
      rowOk = false;
    }
    positions.forEach((column, i) => {
      if (!column) return;
      const text = (cells[i] ?? '').trim();
      if (!text) {
        if (column.required) {
          problems.push({ row, column: header[i] ?? column.key, message: 'required, but empty' });
          rowOk = false;
        }
        return;
      }
      try {
        (record as Record<string, unknown>)[column.key] = column.parse ? column.parse(text) : text;
      } catch (error) {
        problems.push({ row, column: header[i] ?? column.key, message: error instanceof Error ? error.message : String(error) });
        rowOk = false;
      }
    });
    if (rowOk && spec.checkRow) {
      for (const p of spec.checkRow(record)) {
        problems.push({ row, column: headerOf(p.column), message: p.message });
        rowOk = false;
      }
    }
    for (const unique of spec.uniqueBy ?? []) {
      const value = unique.value(record);
      if (value === undefined) continue;
      const seenRows = keys.get(unique.column) ?? new Map<string, number>();
      keys.set(unique.column, seenRows);
      const first = seenRows.get(value);
      if (first !== undefined) {
        problems.push({ row, column: headerOf(unique.column), message: `${value} already appears on row ${first}` });
        rowOk = false;
      } else {
        seenRows.set(value, row);
      }
    }
    records.push({ row, record, ok: rowOk });
    if (row % 500 === 0 || index === data.length - 1) {
      onProgress?.(index + 1, data.length, 'checking');
      await yieldToEventLoop();
    }
  }
  return { records, problems, total: data.length, headers };
}

/** Adds a problem unless the same cell already has one: one message per cell is enough to fix it. */
export function addProblem(problems: ImportProblem[], problem: ImportProblem): void {
  if (!problems.some((p) => p.row === problem.row && p.column === problem.column)) problems.push(problem);
}

/** The outcome of an import, dry run or applied. */
export interface ImportReport {
  mode: 'dry-run' | 'apply';
  total: number;
  valid: number;
  problems: ImportProblem[];
  /** Rows written (apply only, and only when there was no problem). */
  created: number;
}

// Reusable cell parsers ---------------------------------------------------------------------------------------

/** A value among a list, given by code or by label in any language. */
export function oneOf(choices: Record<string, readonly string[]>, what: string): (text: string) => string {
  const index = new Map<string, string>();
  for (const [code, labels] of Object.entries(choices)) {
    index.set(normaliseHeader(code), code);
    for (const label of labels) index.set(normaliseHeader(label), code);
  }
  return (text) => {
    const code = index.get(normaliseHeader(text));
    if (!code) throw new CellError(`expected a ${what} (${Object.keys(choices).join(', ')}), received "${text}"`);
    return code;
  };
}

export function wholeNumber(min = 0, max = 10_000_000): (text: string) => number {
  return (text) => {
    const clean = text.replace(/[\s\u00A0\u202F]/g, '');
    if (!/^\d+$/.test(clean) || Number(clean) < min || Number(clean) > max) {
      throw new CellError(`expected a whole number from ${min} to ${max}, received "${text}"`);
    }
    return Number(clean);
  };
}

/** A date as 2026-11-23 or 23/11/2026. */
export function isoDate(text: string): string {
  let iso = text;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (fr) iso = `${fr[3]}-${fr[2]?.padStart(2, '0')}-${fr[1]?.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    throw new CellError(`expected a date such as 2026-11-23 or 23/11/2026, received "${text}"`);
  }
  return iso;
}

export function yesNo(text: string): boolean {
  const v = normaliseHeader(text);
  if (['oui', 'yes', 'o', 'y', '1', 'vrai', 'true', 'نعم'].includes(v)) return true;
  if (['non', 'no', 'n', '0', 'faux', 'false', 'لا'].includes(v)) return false;
  throw new CellError(`expected oui/non (yes/no), received "${text}"`);
}

/** Adapts a parser that throws any error with a message (identifiers, amounts) to a cell parser. */
export function cell<V>(parser: (text: string) => V): (text: string) => V {
  return (text) => {
    try {
      return parser(text);
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^[\w.]+: /, '') : String(error);
      throw new CellError(message);
    }
  };
}
