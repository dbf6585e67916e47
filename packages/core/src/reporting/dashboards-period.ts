// The period a dashboard covers (a fiscal year, or the calendar year when none is open) and its months, and the
// small pure helpers that lay SQL aggregates out on those months. No money goes through a float here.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { invalid } from '../errors.ts';
import { Dec, toAmountString } from '../money/index.ts';

export interface DashboardPeriod {
  year: number;
  /** Inclusive dates, YYYY-MM-DD. */
  from: string;
  to: string;
  /** The day the balances are read on: the end of the period, or today while the period runs. */
  asOf: string;
  /** Every month of the period, YYYY-MM, in order. */
  months: string[];
}

/** The months from `from` to `to` inclusive, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The last day of a YYYY-MM month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Amounts keyed by month laid out on every month of the period, "0.00" where nothing happened. */
export function onMonths(months: readonly string[], rows: ReadonlyArray<{ month: string; amount: string }>): string[] {
  const byMonth = new Map<string, Dec>();
  for (const r of rows) byMonth.set(r.month, (byMonth.get(r.month) ?? new Dec(0)).plus(r.amount));
  return months.map((m) => toAmountString(byMonth.get(m) ?? new Dec(0)));
}

/** Running totals: the balance at the end of each month from the movements of each month. */
export function cumulative(movements: readonly string[], opening = '0'): string[] {
  let running = new Dec(opening);
  return movements.map((m) => {
    running = running.plus(m);
    return toAmountString(running);
  });
}

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

/**
 * The period of `year`: the fiscal year that starts in it, or January to December. Without a year, the fiscal
 * year containing `today` (the current one), else the calendar year of today.
 */
export async function dashboardPeriod(db: Kysely<Database>, year: number | undefined, today: string): Promise<DashboardPeriod> {
  if (year !== undefined && (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX)) {
    throw invalid('year', `expected a year from ${YEAR_MIN} to ${YEAR_MAX}, received "${year}"`);
  }
  const fiscal =
    year === undefined
      ? await db
          .selectFrom('fiscal_years')
          .select(['starts_on', 'ends_on'])
          .where('starts_on', '<=', today)
          .where('ends_on', '>=', today)
          .executeTakeFirst()
      : await db
          .selectFrom('fiscal_years')
          .select(['starts_on', 'ends_on'])
          .where('starts_on', '>=', `${year}-01-01`)
          .where('starts_on', '<=', `${year}-12-31`)
          .orderBy('starts_on')
          .executeTakeFirst();
  const calendar = year ?? Number(today.slice(0, 4));
  const from = fiscal?.starts_on ?? `${calendar}-01-01`;
  const to = fiscal?.ends_on ?? `${calendar}-12-31`;
  const asOf = today < to ? (today < from ? from : today) : to;
  return { year: Number(from.slice(0, 4)), from, to, asOf, months: monthsBetween(from, to) };
}
