// The ledger's benchmarks: posting under concurrency beside pgbench, batch posting, the trial balance beside a plain
// scan of the lines and beside hledger, and the embedded PGlite beside PostgreSQL on the same work.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Database, Dec, hledgerJournal, type Posting, post, postMany, trialBalance } from '@gie-ecp/core';
import { type Kysely, sql } from 'kysely';
import { freshDatabase, YEAR } from './database.ts';
import { MANAGER, type Scale } from './generate.ts';
import { centsText, pick, type Row, randomSource, ratioRow, skippedRow, throughput, timed } from './measure.ts';
import { HLEDGER, HLEDGER_MISSING, PGBENCH_MISSING, pgbenchTps } from './tools.ts';

const run = promisify(execFile);

/** A balanced two-line entry, a bank receipt: the smallest real posting. */
function twoLines(random: () => number): Posting {
  const amount = centsText(100 + Math.floor(random() * 10_000_000));
  const month = 1 + Math.floor(random() * 11);
  return {
    journal: 'OD',
    date: `${YEAR}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    label: 'Encaissement divers',
    lines: [
      { account: '5141', debit: amount },
      { account: '3421', credit: amount },
    ],
  };
}

export async function postingConcurrent(
  db: Kysely<Database>,
  scale: Scale,
  pgbench: string | null,
): Promise<{ row: Row; perSecond: number }> {
  const what = 'posting 2-line entries, 4 workers, PostgreSQL';
  const random = randomSource(7);
  const ours = await throughput(4, scale.seconds, async () => {
    await post(db, MANAGER, twoLines(random));
  });
  if (!pgbench) return { row: skippedRow(what, '≥ 0.7× pgbench TPS', PGBENCH_MISSING), perSecond: ours.perSecond };
  const reference = await pgbenchTps(pgbench, 4, scale.seconds);
  return {
    perSecond: ours.perSecond,
    row: ratioRow({
      what,
      value: ours.perSecond,
      unit: 'entries/s',
      referenceWhat: 'pgbench tpcb-like -c 4 -j 2',
      referenceValue: reference,
      goal: '≥ 0.7× pgbench TPS',
      threshold: 0.7,
      atLeast: true,
      extra: { entries: ours.count },
    }),
  };
}

export async function postingBatch(db: Kysely<Database>, scale: Scale, singlePerSecond: number): Promise<Row> {
  const random = randomSource(8);
  const calls = scale.name === 'smoke' ? 1 : 5;
  let ms = 0;
  for (let c = 0; c < calls; c++) {
    const postings = Array.from({ length: 1_000 }, () => twoLines(random));
    ms += (await timed(() => postMany(db, MANAGER, postings))).ms;
  }
  const perSecond = (calls * 1_000 * 1000) / ms;
  return ratioRow({
    what: 'posting 1,000 entries in one batch call',
    value: perSecond,
    unit: 'entries/s',
    referenceWhat: 'the single-entry rate above',
    referenceValue: singlePerSecond,
    goal: '≥ 10× faster per entry',
    threshold: 10,
    atLeast: true,
    extra: { calls, msPerCall: Math.round(ms / calls) },
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Per account, debit and credit of every posted line of the year, as `Dec` strings to compare. */
async function scanTotals(db: Kysely<Database>): Promise<Map<string, string>> {
  const { rows } = await sql<{ account_code: string; debit: string; credit: string }>`
    select l.account_code, sum(l.debit) as debit, sum(l.credit) as credit
    from entry_lines l group by l.account_code`.execute(db);
  return new Map(rows.map((r) => [r.account_code, `${new Dec(r.debit).toFixed(2)}/${new Dec(r.credit).toFixed(2)}`]));
}

export async function trialBalanceVsScan(db: Kysely<Database>, scale: Scale): Promise<Row> {
  const filter = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
  const repeats = scale.name === 'smoke' ? 1 : 5;
  const ours: number[] = [];
  const theirs: number[] = [];
  let report = await trialBalance(db, filter);
  let scanned = await scanTotals(db);
  for (let i = 0; i < repeats; i++) {
    const a = await timed(() => trialBalance(db, filter));
    report = a.value;
    ours.push(a.ms);
    const b = await timed(() => scanTotals(db));
    scanned = b.value;
    theirs.push(b.ms);
  }
  const mine = new Map(report.rows.map((r) => [r.account, `${new Dec(r.debit).toFixed(2)}/${new Dec(r.credit).toFixed(2)}`]));
  const same = mine.size === scanned.size && [...mine].every(([account, totals]) => scanned.get(account) === totals);
  const lines = Number((await sql<{ n: string }>`select count(*) as n from entry_lines`.execute(db)).rows[0]?.n ?? 0);
  return ratioRow({
    what: `trial balance over ${lines.toLocaleString('en')} lines`,
    value: median(ours),
    unit: 'ms',
    referenceWhat: 'SUM … GROUP BY account over the lines',
    referenceValue: median(theirs),
    ratio: median(theirs) / median(ours),
    goal: '≥ 20× faster, same totals',
    threshold: 20,
    atLeast: true,
    alsoMet: same,
    note: `source: ${report.source}`,
    ...(same ? {} : { remark: 'the totals differ from the scan' }),
    ...(lines < 5_000_000 ? { remark: `${lines.toLocaleString('en')} lines only (the goal speaks of ≥ 5,000,000)` } : {}),
    extra: { lines, sameTotals: same, source: report.source },
  });
}

/** The 10,000 entries the hledger comparison reads: two to four lines, twelve accounts, the whole year. */
function hledgerPostings(count: number): Posting[] {
  const random = randomSource(42);
  const accounts = ['3421', '4411', '4455', '34552', '5141', '5161', '61365', '61428', '7124', '7111', '6186', '1111'];
  return Array.from({ length: count }, (_, i) => {
    const lineCount = 2 + Math.floor(random() * 3);
    let total = 0;
    const lines: Posting['lines'] = [];
    for (let n = 0; n < lineCount - 1; n++) {
      const cents = 1 + Math.floor(random() * 1_000_000);
      total += cents;
      lines.push({ account: pick(random, accounts), debit: centsText(cents) });
    }
    lines.push({ account: pick(random, accounts), credit: centsText(total) });
    const month = String(1 + Math.floor(random() * 11)).padStart(2, '0');
    const dayOfMonth = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    return { journal: 'OD', date: `${YEAR}-${month}-${dayOfMonth}`, label: `Écriture ${i}`, lines };
  });
}

export async function trialBalanceVsHledger(engine: 'pglite' | 'postgres', scale: Scale): Promise<Row> {
  const what = 'trial balance vs hledger, 10,000-transaction export';
  const goal = '≥ 10× faster, same totals';
  if (!existsSync(HLEDGER)) return skippedRow(what, goal, HLEDGER_MISSING);
  const count = scale.name === 'smoke' ? 1_000 : 10_000;
  const scratch = await freshDatabase(engine, 'bench_hledger');
  try {
    const postings = hledgerPostings(count);
    for (let i = 0; i < postings.length; i += 1_000) await postMany(scratch.db, MANAGER, postings.slice(i, i + 1_000));
    const filter = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gie-bench-hledger-')), 'export.journal');
    writeFileSync(file, await hledgerJournal(scratch.db, filter));
    const repeats = scale.name === 'smoke' ? 1 : 3;
    const ours: number[] = [];
    const theirs: number[] = [];
    let report = await trialBalance(scratch.db, filter);
    let csv = '';
    for (let i = 0; i < repeats; i++) {
      const a = await timed(() => trialBalance(scratch.db, filter));
      ours.push(a.ms);
      report = a.value;
      const b = await timed(() =>
        run(HLEDGER, ['-f', file, 'bal', '--flat', '--no-total', '-O', 'csv'], { maxBuffer: 64 * 1024 * 1024 }),
      );
      theirs.push(b.ms);
      csv = b.value.stdout;
    }
    const hledger = new Map(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.replace(/"/g, '').split(','))
        .map(([account, ...amount]) => [
          account as string,
          new Dec(
            amount
              .join('')
              .replace(/\s*MAD\s*/, '')
              .replace(/,/g, '') || '0',
          ).toFixed(2),
        ]),
    );
    const mine = new Map(report.rows.filter((r) => r.closing !== '0.00').map((r) => [r.account, new Dec(r.closing).toFixed(2)]));
    const same = mine.size === hledger.size && [...mine].every(([account, closing]) => hledger.get(account) === closing);
    return ratioRow({
      what: `trial balance vs hledger, ${count.toLocaleString('en')}-transaction export`,
      value: median(ours),
      unit: 'ms',
      referenceWhat: 'hledger bal on the export',
      referenceValue: median(theirs),
      ratio: median(theirs) / median(ours),
      goal,
      threshold: 10,
      atLeast: true,
      alsoMet: same,
      ...(same ? {} : { remark: 'the balances differ from hledger’s' }),
      extra: { transactions: count, sameTotals: same },
    });
  } finally {
    await scratch.close();
  }
}

/** The same posting and trial balance work on an embedded PGlite (on disk) and on PostgreSQL. */
export async function engines(scale: Scale, hasPostgres: boolean): Promise<Row[]> {
  const goal = 'PGlite ≤ 2× slower';
  if (!hasPostgres)
    return [
      skippedRow('PGlite vs PostgreSQL: posting', goal, 'no PostgreSQL server at BENCH_DATABASE_URL'),
      skippedRow('PGlite vs PostgreSQL: trial balance', goal, 'no PostgreSQL server at BENCH_DATABASE_URL'),
    ];
  const history = scale.name === 'smoke' ? 1_000 : scale.name === 'quick' ? 10_000 : 50_000;
  const results: Record<string, { posting: number; trial: number }> = {};
  for (const engine of ['postgres', 'pglite'] as const) {
    const scratch = await freshDatabase(engine, 'bench_engines', { maxConnections: 2 });
    try {
      const random = randomSource(9);
      for (let i = 0; i < history; i += 1_000)
        await postMany(
          scratch.db,
          MANAGER,
          Array.from({ length: Math.min(1_000, history - i) }, () => twoLines(random)),
        );
      const posting = await throughput(1, scale.seconds, async () => {
        await post(scratch.db, MANAGER, twoLines(random));
      });
      const filter = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
      await trialBalance(scratch.db, filter);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push((await timed(() => trialBalance(scratch.db, filter))).ms);
      results[engine] = { posting: posting.perSecond, trial: median(times) };
    } finally {
      await scratch.close();
    }
  }
  const pgResult = results.postgres as { posting: number; trial: number };
  const lite = results.pglite as { posting: number; trial: number };
  return [
    ratioRow({
      what: 'PGlite vs PostgreSQL: posting, one session',
      value: lite.posting,
      unit: 'entries/s',
      referenceWhat: 'PostgreSQL',
      referenceValue: pgResult.posting,
      ratio: pgResult.posting / lite.posting,
      goal: 'PGlite ≤ 2× slower',
      threshold: 2,
      atLeast: false,
    }),
    ratioRow({
      what: `PGlite vs PostgreSQL: trial balance, ${(history * 2).toLocaleString('en')} lines`,
      value: lite.trial,
      unit: 'ms',
      referenceWhat: 'PostgreSQL',
      referenceValue: pgResult.trial,
      ratio: lite.trial / pgResult.trial,
      goal: 'PGlite ≤ 2× slower',
      threshold: 2,
      atLeast: false,
    }),
  ];
}
