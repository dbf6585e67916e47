// Document numbers from a template: FA-{YYYY}-{SEQ:5} → FA-2026-00042. The sequence itself comes from a locked
// counter row at issue; this only writes it out.

export interface NumberParts {
  year: number;
  month: number;
  seq: number;
}

export function formatDocumentNumber(template: string, parts: NumberParts): string {
  return template
    .replace('{YYYY}', String(parts.year).padStart(4, '0'))
    .replace('{YY}', String(parts.year % 100).padStart(2, '0'))
    .replace('{MM}', String(parts.month).padStart(2, '0'))
    .replace(/\{SEQ:([1-9])\}/, (_, width: string) => String(parts.seq).padStart(Number(width), '0'));
}
