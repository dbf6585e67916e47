// The financial statements from the ledger in the CGNC layout: the balance sheet (bilan) and the income statement
// (CPC) of a fiscal year, the previous year beside, by mass and rubric (financial-statements-map.ts), as data, CSV, PDF.
import type { Kysely } from 'kysely';
import { addDays } from '../dates.ts';
import type { Database } from '../db/schema.ts';
import { toCsv } from '../documents/csv.ts';
import { invalid, notFound } from '../errors.ts';
import { getGieSettings } from '../gie/settings.ts';
import { trialBalance } from '../ledger/reports.ts';
import { Dec, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';
import { CPC_RESULTS, massOf, RESULT_ROW, STATEMENT_MAP } from './financial-statements-map.ts';
import { statementPdf } from './statements-pdf.ts';
import { assertStatementReader } from './statements-period.ts';

export interface StatementRow {
  /** A mass (Actif immobilisé, I Produits d'exploitation), a rubric under it, an intermediate result, a total. */
  kind: 'mass' | 'rubric' | 'result' | 'total';
  key: string;
  label: string;
  current: string;
  /** Null when there is no previous fiscal year. */
  previous: string | null;
}

export interface FinancialStatements {
  year: { startsOn: string; endsOn: string; state: string };
  previousYear: { startsOn: string; endsOn: string } | null;
  bilan: { actif: StatementRow[]; passif: StatementRow[] };
  cpc: StatementRow[];
  totals: {
    actif: { current: string; previous: string | null };
    passif: { current: string; previous: string | null };
    result: { current: string; previous: string | null };
  };
  /** Total actif = total passif, for each year shown. */
  balanced: boolean;
  /** Accounts with a balance that the mapping places nowhere (they would unbalance the bilan). */
  unmapped: string[];
}

export interface AccountBalance {
  account: string;
  /** Closing balance, debit positive. */
  closing: string;
}

interface YearFigures {
  rubrics: Map<string, Dec>;
  masses: Map<string, Dec>;
  result: Dec;
  unmapped: string[];
}

/** Pure: each account's closing balance placed in its mass and rubric, and the year's result from classes 6 and 7. */
export function yearFigures(balances: readonly AccountBalance[]): YearFigures {
  const rubrics = new Map<string, Dec>();
  const masses = new Map<string, Dec>(STATEMENT_MAP.map((m) => [m.key, new Dec(0)]));
  const unmapped: string[] = [];
  let result = new Dec(0);
  for (const b of balances) {
    const closing = new Dec(b.closing);
    if (closing.isZero()) continue;
    if (b.account.startsWith('6') || b.account.startsWith('7')) result = result.minus(closing);
    const mass = massOf(b.account);
    if (!mass) {
      unmapped.push(b.account);
      continue;
    }
    const amount = mass.side === 'actif' || mass.side === 'charges' ? closing : closing.neg();
    const rubric = `${mass.key}:${b.account.slice(0, mass.rubricDigits)}`;
    rubrics.set(rubric, (rubrics.get(rubric) ?? new Dec(0)).plus(amount));
    masses.set(mass.key, (masses.get(mass.key) ?? new Dec(0)).plus(amount));
  }
  rubrics.set(`${RESULT_ROW.mass}:${RESULT_ROW.rubric}`, result);
  masses.set(RESULT_ROW.mass, (masses.get(RESULT_ROW.mass) ?? new Dec(0)).plus(result));
  return { rubrics, masses, result, unmapped };
}

/** Pure: the statements of a year beside the previous one's, rubric labels from the chart. */
export function buildStatements(
  current: YearFigures,
  previous: YearFigures | null,
  labels: ReadonlyMap<string, string>,
): Pick<FinancialStatements, 'bilan' | 'cpc' | 'totals' | 'balanced' | 'unmapped'> {
  const money = (v: Dec | undefined) => toAmountString(v ?? new Dec(0));
  const prev = (get: (f: YearFigures) => Dec | undefined) => (previous ? money(get(previous)) : null);
  const massRows = (key: string): StatementRow[] => {
    const mass = STATEMENT_MAP.find((m) => m.key === key);
    if (!mass) return [];
    const rubricKeys = [...new Set([...current.rubrics.keys(), ...(previous?.rubrics.keys() ?? [])])]
      .filter((k) => k.startsWith(`${key}:`))
      .sort();
    return [
      { kind: 'mass', key, label: mass.label, current: money(current.masses.get(key)), previous: prev((f) => f.masses.get(key)) },
      ...rubricKeys.map((k): StatementRow => {
        const code = k.slice(key.length + 1);
        const label = code === RESULT_ROW.rubric && key === RESULT_ROW.mass ? RESULT_ROW.label : (labels.get(code) ?? '');
        return {
          kind: 'rubric',
          key: code,
          label,
          current: money(current.rubrics.get(k)),
          previous: prev((f) => f.rubrics.get(k)),
        };
      }),
    ];
  };
  const sum = (f: YearFigures, side: 'actif' | 'passif') =>
    STATEMENT_MAP.filter((m) => m.side === side).reduce((s, m) => s.plus(f.masses.get(m.key) ?? 0), new Dec(0));
  const resultOf = (f: YearFigures, r: (typeof CPC_RESULTS)[number]) =>
    r.plus
      .reduce((s, k) => s.plus(f.masses.get(k) ?? 0), new Dec(0))
      .minus(r.minus.reduce((s, k) => s.plus(f.masses.get(k) ?? 0), new Dec(0)));
  const cpcOrder = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII'];
  const cpc = cpcOrder.flatMap((key): StatementRow[] => {
    const r = CPC_RESULTS.find((x) => x.key === key);
    if (!r) return massRows(key).map((row) => (row.kind === 'mass' ? { ...row, label: `${key} ${row.label}` } : row));
    return [
      {
        kind: 'result',
        key,
        label: `${key} ${r.label}`,
        current: money(resultOf(current, r)),
        previous: prev((f) => resultOf(f, r)),
      },
    ];
  });
  const balancedYear = (f: YearFigures) => sum(f, 'actif').eq(sum(f, 'passif'));
  const actif = ['A1', 'A2', 'A3'].flatMap(massRows);
  const passif = ['P1', 'P2', 'P3'].flatMap(massRows);
  const totals = {
    actif: { current: money(sum(current, 'actif')), previous: prev((f) => sum(f, 'actif')) },
    passif: { current: money(sum(current, 'passif')), previous: prev((f) => sum(f, 'passif')) },
    result: { current: money(current.result), previous: prev((f) => f.result) },
  };
  return {
    bilan: {
      actif: [...actif, { kind: 'total', key: 'TA', label: 'Total actif', ...totals.actif }],
      passif: [...passif, { kind: 'total', key: 'TP', label: 'Total passif', ...totals.passif }],
    },
    cpc,
    totals,
    balanced: balancedYear(current) && (previous === null || balancedYear(previous)),
    unmapped: [...new Set([...current.unmapped, ...(previous?.unmapped ?? [])])].sort(),
  };
}

async function closingBalances(db: Kysely<Database>, from: string, to: string): Promise<AccountBalance[]> {
  const balance = await trialBalance(db, { from, to });
  return balance.rows.map((r) => ({ account: r.account, closing: r.closing }));
}

/** The statements of the fiscal year that starts in `year` ("2026"). */
export async function financialStatements(db: Kysely<Database>, actor: Actor, year: string): Promise<FinancialStatements> {
  assertStatementReader(actor);
  if (!/^\d{4}$/.test(year)) throw invalid('year', `expected a year such as "2026", received "${year}"`);
  const fiscal = await db
    .selectFrom('fiscal_years')
    .selectAll()
    .where('starts_on', '>=', `${year}-01-01`)
    .where('starts_on', '<=', `${year}-12-31`)
    .executeTakeFirst();
  if (!fiscal) throw notFound('fiscal year', year);
  const before = await db
    .selectFrom('fiscal_years')
    .selectAll()
    .where('ends_on', '=', addDays(fiscal.starts_on, -1))
    .executeTakeFirst();
  const [current, previous, chart] = await Promise.all([
    closingBalances(db, fiscal.starts_on, fiscal.ends_on),
    before ? closingBalances(db, before.starts_on, before.ends_on) : Promise.resolve(null),
    db
      .selectFrom('accounts')
      .select(['code', 'label'])
      .where(({ fn }) => fn('length', ['code']), '<=', 3)
      .execute(),
  ]);
  return {
    year: { startsOn: fiscal.starts_on, endsOn: fiscal.ends_on, state: fiscal.state },
    previousYear: before ? { startsOn: before.starts_on, endsOn: before.ends_on } : null,
    ...buildStatements(
      yearFigures(current),
      previous ? yearFigures(previous) : null,
      new Map(chart.map((a) => [a.code, a.label])),
    ),
  };
}

type CsvRow = StatementRow & { statement: string };

/** Both statements in one CSV: état (bilan actif, bilan passif, CPC), type of row, code, label, N, N-1. */
export function financialStatementsCsv(fs: FinancialStatements): string {
  const rows: CsvRow[] = [
    ...fs.bilan.actif.map((r) => ({ ...r, statement: 'bilan_actif' })),
    ...fs.bilan.passif.map((r) => ({ ...r, statement: 'bilan_passif' })),
    ...fs.cpc.map((r) => ({ ...r, statement: 'cpc' })),
  ];
  return toCsv<CsvRow>(
    [
      { header: 'etat', value: (r) => r.statement },
      { header: 'type', value: (r) => r.kind },
      { header: 'code', value: (r) => r.key },
      { header: 'libelle', value: (r) => r.label },
      { header: `exercice_${fs.year.startsOn.slice(0, 4)}`, value: (r) => r.current, numeric: true },
      { header: 'exercice_precedent', value: (r) => r.previous, numeric: true },
    ],
    rows,
  );
}

export async function financialStatementsPdf(db: Kysely<Database>, fs: FinancialStatements): Promise<Uint8Array> {
  const gie = await getGieSettings(db);
  const n = fs.year.startsOn.slice(0, 4);
  const n1 = fs.previousYear ? fs.previousYear.startsOn.slice(0, 4) : 'N-1';
  const table = (heading: string, rows: StatementRow[]) => ({
    heading,
    head: ['Rubrique', `Exercice ${n}`, `Exercice ${n1}`],
    amounts: [1, 2],
    widths: ['*', 90, 90],
    rows: rows.map((r) => ({
      cells: [r.kind === 'rubric' ? `${r.key} ${r.label}` : r.label, r.current, r.previous ?? ''],
      bold: r.kind !== 'rubric',
      indent: r.kind === 'rubric',
    })),
  });
  return statementPdf({
    title: 'États de synthèse (CGNC)',
    subtitle: `Exercice du ${fs.year.startsOn.split('-').reverse().join('/')} au ${fs.year.endsOn.split('-').reverse().join('/')}`,
    asOf: fs.year.endsOn,
    gie,
    tables: [
      table('Bilan — actif', fs.bilan.actif),
      table('Bilan — passif', fs.bilan.passif),
      table('Compte de produits et charges (CPC)', fs.cpc),
    ],
    notes: [
      "Établis à partir des soldes du grand livre à la clôture de l'exercice ; le résultat de l'exercice (classes 6 et 7) figure au passif, rubrique 119.",
      ...(fs.unmapped.length ? [`Comptes non classés : ${fs.unmapped.join(', ')}.`] : []),
    ],
  });
}
