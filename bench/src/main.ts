// `pnpm bench [--quick | --smoke] [--engine pglite|postgres] [--seed N] [--members N --customers N --invoices N
// --ledger-invoices N] [--only allocation,issuing…]`: generates the dataset, runs every benchmark (or those named)
// beside its reference, prints and saves the rows.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Engine } from '@gie-ecp/core';
import { sql } from 'kysely';
import { apiList } from './api.ts';
import { ensureBenchDatabase, existingDatabase, freshDatabase } from './database.ts';
import { existingDataset, generate, SCALES, type Scale } from './generate.ts';
import { invoicePdf, issuing } from './invoicing.ts';
import { engines, postingBatch, postingConcurrent, trialBalanceVsHledger, trialBalanceVsScan } from './ledger.ts';
import { peakRssMiB, printRows, type Row, skippedRow } from './measure.ts';
import { allocation } from './pooling.ts';
import { findPgbench, PGBENCH_MISSING, pgbenchInit } from './tools.ts';
import { firstLoad } from './web.ts';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'postgres' },
    seed: { type: 'string', default: '20261206' },
    members: { type: 'string' },
    customers: { type: 'string' },
    invoices: { type: 'string' },
    'ledger-invoices': { type: 'string' },
    seconds: { type: 'string' },
    'no-save': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

const BENCHMARKS = ['posting', 'batch', 'issuing', 'trial-balance', 'hledger', 'allocation', 'pdf', 'api', 'engines', 'web'];
const only = values.only?.split(',').map((name) => name.trim());
only?.forEach((name) => {
  if (!BENCHMARKS.includes(name)) throw new Error(`--only: expected names among ${BENCHMARKS.join(', ')}, received "${name}"`);
});

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a number, received "${text}"`);
  return n;
}

const engine = values.engine as Engine;
if (engine !== 'postgres' && engine !== 'pglite')
  throw new Error(`--engine: expected pglite or postgres, received "${values.engine}"`);
const base = SCALES[values.smoke ? 'smoke' : values.quick ? 'quick' : 'full'];
const scale: Scale = {
  ...base,
  members: whole('members', values.members, base.members),
  customers: whole('customers', values.customers, base.customers),
  invoices: whole('invoices', values.invoices, base.invoices),
  ledgerInvoices: whole('ledger-invoices', values['ledger-invoices'], base.ledgerInvoices),
  seconds: whole('seconds', values.seconds, base.seconds),
};
scale.allocationMembers = Math.min(scale.allocationMembers, scale.members);
const seed = whole('seed', values.seed, 20261206);
const started = new Date();
const say = (line: string) => process.stderr.write(`${line}\n`);

const hasPostgres = await ensureBenchDatabase();
if (engine === 'postgres' && !hasPostgres)
  throw new Error(
    'no PostgreSQL server at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gie_bench); or use --engine pglite',
  );
const pgbench = hasPostgres ? findPgbench() : null;
if (!pgbench) say(`! ${PGBENCH_MISSING}`);
if (pgbench) {
  say('pgbench: initialising its tables in the bench database…');
  await pgbenchInit(pgbench, scale.name === 'smoke' ? 1 : 8);
}

say(
  values.reuse
    ? 'Reusing the dataset of an earlier run (not generated again)…'
    : `Generating the ${scale.name} dataset on ${engine} (seed ${seed})…`,
);
// --reuse: the dataset a previous run left in PostgreSQL, brought to the latest migrations, not generated again
if (values.reuse && engine !== 'postgres')
  throw new Error('--reuse: only with --engine postgres (a PGlite dataset is temporary)');
const main = values.reuse
  ? await existingDatabase('bench_national', { maxConnections: 12 })
  : await freshDatabase(engine, 'bench_national', { maxConnections: 12 });
const generation = performance.now();
const dataset = values.reuse ? await existingDataset(main.db) : await generate(main.db, scale, seed, engine === 'postgres');
const generatorMs = performance.now() - generation;
const generatorPeakRssMiB = peakRssMiB();
const counts = Object.fromEntries(
  await Promise.all(
    (['members', 'parties', 'sales_documents', 'payments', 'entries', 'entry_lines', 'pooling_usage'] as const).map(
      async (table) => [
        table,
        Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(main.db)).rows[0]?.n ?? 0),
      ],
    ),
  ),
) as Record<string, number>;
say(`Dataset: ${JSON.stringify(counts)} in ${(generatorMs / 1000).toFixed(0)} s`);

const rows: Row[] = [];
const failures: string[] = [];
/** Runs one benchmark; a crash is reported in its row and makes the run fail, the other benchmarks still run. */
const attempt = async (name: string, label: string, work: () => Promise<Row | Row[]>) => {
  if (only && !only.includes(name)) return;
  say(`Running: ${label}…`);
  try {
    const result = await work();
    rows.push(...(Array.isArray(result) ? result : [result]));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error);
    failures.push(`${label}: ${message}`);
    rows.push({ what: label, result: null, reference: null, ratio: null, goal: '—', met: null, remark: `FAILED: ${message}` });
  }
};

let singleRate = 0;
await attempt('posting', 'posting, 4 workers', async () => {
  if (engine !== 'postgres') {
    return skippedRow('posting 2-line entries, 4 workers, PostgreSQL', '≥ 0.7× pgbench TPS', 'run with --engine postgres');
  }
  const { row, perSecond } = await postingConcurrent(main.db, scale, pgbench);
  singleRate = perSecond;
  return row;
});
await attempt('batch', 'batch posting', async () =>
  engine === 'postgres'
    ? postingBatch(main.db, scale, singleRate)
    : skippedRow('posting 1,000 entries in one batch call', '≥ 10× faster per entry', 'run with --engine postgres'),
);
await attempt('issuing', 'issuing', async () =>
  engine === 'postgres'
    ? issuing(main.db, dataset, scale, pgbench)
    : skippedRow(
        'issuing invoices, 8 clients',
        '≥ 0.25× pgbench TPS, 0 gaps',
        'PGlite has one session: run with --engine postgres',
      ),
);
await attempt('trial-balance', 'trial balance vs scan', () => trialBalanceVsScan(main.db, scale));
await attempt('hledger', 'trial balance vs hledger', () => trialBalanceVsHledger(engine, scale));
await attempt('allocation', 'allocation run', () => allocation(main.db, dataset, scale));
await attempt('pdf', 'invoice PDF', () => invoicePdf(main.db, dataset, scale));
await main.close();
let serverPeakRssMiB: number | null = null;
await attempt('api', 'API list', async () => {
  const result = await apiList(main.config, scale);
  serverPeakRssMiB = result.serverPeakRssMiB;
  return result.row;
});
await attempt('engines', 'PGlite vs PostgreSQL', () => engines(scale, hasPostgres));
await attempt('web', 'back office first load', () => firstLoad(scale.name === 'smoke' ? 2 : 5));

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
};
console.log(`\ngie-ecp bench — ${scale.name} scale on ${engine}, seed ${seed}, ${machine.cores} × ${machine.cpu}`);
console.log(
  `dataset: ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
    .join(', ')}`,
);
console.log(
  `memory: generator peak RSS ${generatorPeakRssMiB ?? '?'} MiB (this process), API server peak RSS ${serverPeakRssMiB ?? '?'} MiB\n`,
);
printRows(rows);
const report = {
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  scale,
  engine,
  seed,
  machine,
  dataset: counts,
  generator: { ms: Math.round(generatorMs), steps: dataset.timings, peakRssMiB: generatorPeakRssMiB },
  reusedDataset: Boolean(values.reuse),
  apiServerPeakRssMiB: serverPeakRssMiB,
  rows,
};
if (!values['no-save']) {
  mkdirSync(RESULTS, { recursive: true });
  const file = `${RESULTS}${started.toISOString().replace(/[:.]/g, '-')}-${scale.name}-${engine}.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nsaved ${file}`);
}
if (failures.length > 0) {
  console.error(`\n${failures.length} benchmark(s) failed:\n${failures.join('\n')}`);
  process.exitCode = 1;
}
