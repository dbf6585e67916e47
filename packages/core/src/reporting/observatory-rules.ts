// The observatory's arithmetic over plain per-member facts: totals, groups per province or sector, and the
// small-cell rule that hides any group of fewer than three members from readers who must not see one member.
import { Dec, toAmountString } from '../money/index.ts';

/** Below this many members a group's figures are hidden from the observatory role. */
export const MINIMUM_GROUP = 3;

/** What one member brings to the indicators of a period (read by observatory.ts). */
export interface MemberFacts {
  memberId: number;
  code: string | null;
  name: string;
  province: string | null;
  sector: string | null;
  area: 'rural' | 'urban' | null;
  /** Admitted, active or suspended on the last day of the period. */
  inGie: boolean;
  people: number;
  women: number;
  youth: number;
  jobs: number;
  /** Issued invoices HT minus issued credit notes HT, by issue date (2 decimals). */
  revenue: string;
  /** Lines of posted allocation runs whose allocated period ends in the period (HT). */
  pooled: string;
  /** The GIE's contribution kept on the same invoices, credit notes deducted. */
  contribution: string;
  admissions: number;
}

export interface Indicators {
  members: number;
  people: number;
  women: number;
  youth: number;
  jobs: number;
  revenue: string;
  pooled: string;
  contribution: string;
  admissions: number;
}

/** A group's figures, or null when the small-cell rule hides them. */
export interface IndicatorRow {
  /** Province or sector code; null for members without one. */
  code: string | null;
  /** How many members the row's figures come from (hidden with the figures when the row is suppressed). */
  population: number | null;
  figures: Indicators | null;
  suppressed: boolean;
}

/** A member counts in a group when it was in the GIE at the end of the period or has any figure in it. */
export function contributes(f: MemberFacts): boolean {
  return (
    f.inGie ||
    f.admissions > 0 ||
    !new Dec(f.revenue).isZero() ||
    !new Dec(f.pooled).isZero() ||
    !new Dec(f.contribution).isZero()
  );
}

export function sumIndicators(facts: ReadonlyArray<MemberFacts>): Indicators {
  const inGie = facts.filter((f) => f.inGie);
  const count = (pick: (f: MemberFacts) => number) => inGie.reduce((s, f) => s + pick(f), 0);
  const money = (pick: (f: MemberFacts) => string) => toAmountString(facts.reduce((s, f) => s.plus(pick(f)), new Dec(0)));
  return {
    members: inGie.length,
    people: count((f) => f.people),
    women: count((f) => f.women),
    youth: count((f) => f.youth),
    jobs: count((f) => f.jobs),
    revenue: money((f) => f.revenue),
    pooled: money((f) => f.pooled),
    contribution: money((f) => f.contribution),
    admissions: facts.reduce((s, f) => s + f.admissions, 0),
  };
}

const isSmall = (population: number) => population > 0 && population < MINIMUM_GROUP;

/** The figures of a set of members, hidden when `restricted` and one or two members are behind them. */
export function indicatorRow(code: string | null, facts: ReadonlyArray<MemberFacts>, restricted: boolean): IndicatorRow {
  const population = facts.filter(contributes).length;
  if (restricted && isSmall(population)) return { code, population: null, figures: null, suppressed: true };
  return { code, population, figures: sumIndicators(facts), suppressed: false };
}

/**
 * One row per value of `key` among the members (codes in order, members without one last). When `restricted`, rows
 * of one or two members are hidden, and if that hides a single row the next smallest is hidden too, so that the
 * row cannot be found back by subtracting the others from the total.
 */
export function groupRows(
  facts: ReadonlyArray<MemberFacts>,
  key: (f: MemberFacts) => string | null,
  restricted: boolean,
): IndicatorRow[] {
  const groups = new Map<string | null, MemberFacts[]>();
  for (const f of facts) {
    const k = key(f);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  const codes = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const rows = codes
    .map((code) => indicatorRow(code, groups.get(code) ?? [], restricted))
    .filter((row) => row.suppressed || (row.population ?? 0) > 0);
  if (restricted && rows.filter((r) => r.suppressed).length === 1) {
    const next = rows
      .filter((r) => !r.suppressed)
      .sort((a, b) => (a.population ?? 0) - (b.population ?? 0) || String(a.code).localeCompare(String(b.code)))[0];
    if (next) Object.assign(next, { population: null, figures: null, suppressed: true });
  }
  return rows;
}
