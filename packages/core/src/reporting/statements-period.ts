// The periods the legal statements cover (a month or a quarter, written 2026-03 or 2026-Q1) and who may read them:
// the manager, the accountant and the admin, never an entrepreneur or the committee.
import { addDays, addMonths } from '../dates.ts';
import { DomainError, invalid } from '../errors.ts';
import type { Actor } from '../users/actor.ts';

export interface StatementPeriod {
  /** As asked: "2026-03" or "2026-Q1". */
  code: string;
  kind: 'month' | 'quarter';
  from: string;
  to: string;
  /** In French, for headings: "mars 2026", "1er trimestre 2026". */
  labelFr: string;
}

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** "2026-03" is March 2026, "2026-Q2" April to June 2026; anything else is refused, naming `field`. */
export function parsePeriod(code: string, field = 'period', allow: ReadonlyArray<'month' | 'quarter'> = ['month', 'quarter']) {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(code);
  if (month && allow.includes('month')) {
    const from = `${month[1]}-${month[2]}-01`;
    return {
      code,
      kind: 'month',
      from,
      to: addDays(addMonths(from, 1), -1),
      labelFr: `${MONTHS_FR[Number(month[2]) - 1]} ${month[1]}`,
    } satisfies StatementPeriod;
  }
  if (quarter && allow.includes('quarter')) {
    const q = Number(quarter[2]);
    const from = `${quarter[1]}-${String(q * 3 - 2).padStart(2, '0')}-01`;
    return {
      code: `${quarter[1]}-Q${q}`,
      kind: 'quarter',
      from,
      to: addDays(addMonths(from, 3), -1),
      labelFr: `${q === 1 ? '1er' : `${q}e`} trimestre ${quarter[1]}`,
    } satisfies StatementPeriod;
  }
  const expected =
    allow.length === 2
      ? 'a month "2026-03" or a quarter "2026-Q1"'
      : allow[0] === 'month'
        ? 'a month "2026-03"'
        : 'a quarter "2026-Q1"';
  throw invalid(field, `expected ${expected}, received "${code}"`);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function assertStatementReader(actor: Actor): void {
  if (!['admin', 'manager', 'accountant'].includes(actor.role)) {
    throw new DomainError(
      'forbidden',
      `the legal statements are for the manager and the accountant; you are signed in as ${actor.role}`,
    );
  }
}
