// The outside programs the references need: pgbench (PostgreSQL's own TPC-B-like load, on the same server) and
// hledger; each found or explained (how to install it), never silently skipped.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { BENCH_URL } from './database.ts';

const run = promisify(execFile);

/** pgbench on the PATH, or in Debian's /usr/lib/postgresql/<version>/bin (package postgresql-contrib / postgresql-client). */
export function findPgbench(): string | null {
  if (existsSync('/usr/bin/pgbench')) return '/usr/bin/pgbench';
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort().reverse()) {
    const candidate = `${root}/${version}/bin/pgbench`;
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export const PGBENCH_MISSING = 'pgbench not found: apt-get install postgresql-contrib (or postgresql-client), then run again';

/** Initialises pgbench's tables (scale = branches, at least the number of clients so they do not all wait on one). */
export async function pgbenchInit(pgbench: string, scale: number): Promise<void> {
  await run(pgbench, ['-i', '-q', '-s', String(scale), BENCH_URL], { maxBuffer: 16 * 1024 * 1024 });
}

/** `pgbench -b tpcb-like -c <clients> -j 2 -T <seconds>` on the bench database: transactions per second. */
export async function pgbenchTps(pgbench: string, clients: number, seconds: number): Promise<number> {
  const { stdout } = await run(
    pgbench,
    ['-n', '-b', 'tpcb-like', '-c', String(clients), '-j', '2', '-T', String(Math.max(1, Math.round(seconds))), BENCH_URL],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? /tps = ([\d.]+)/.exec(stdout)?.[1];
  if (!tps) throw new Error(`pgbench printed no TPS:\n${stdout}`);
  return Number(tps);
}

export const HLEDGER = process.env.HLEDGER_PATH ?? '/usr/bin/hledger';
export const HLEDGER_MISSING = 'hledger not found: apt-get install hledger, then run again';
