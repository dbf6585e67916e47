// The API benchmark: 50 keep-alive connections listing 50 invoices with filters, beside a bare Hono "hello" route
// served by the same server process; requests per second, p99 latency, and the server's peak memory.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from '@gie-ecp/core';
import pg from 'pg';
import type { Scale } from './generate.ts';
import { peakRssMiB, percentile, type Row, round } from './measure.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = fileURLToPath(new URL('./api-server.ts', import.meta.url));

async function startServer(config: DatabaseConfig): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_API_CPU_PROF=<folder>: the server writes a CPU profile of the whole run there (node --cpu-prof)
  const profile = process.env.BENCH_API_CPU_PROF;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DATABASE_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API server stopped (${code})`)));
    lines.on('line', (line) => {
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        process.stderr.write(`  server: ${line}\n`);
      }
    });
  });
  return { child, port };
}

function request(agent: http.Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds (user + system) these processes have used so far, from /proc (Linux, 100 ticks a second); null elsewhere. */
function cpuSeconds(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields 3… of proc(5): utime is 14, stime 15
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

/** The PostgreSQL backends serving the bench database (the API server's pool), when the server runs on this host. */
async function backendPids(config: DatabaseConfig): Promise<number[]> {
  if (config.engine !== 'postgres') return [];
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/**
 * CPU milliseconds a request cost the API server, the PostgreSQL backends and this load generator during `work`,
 * and the share of the machine's cores each took: on a shared machine, what a request costs whatever the others do.
 */
async function cpuPerRequest<T extends { requests: number; ms: number }>(
  serverPid: number,
  backends: number[],
  work: () => Promise<T>,
) {
  const read = () => ({ server: cpuSeconds([serverPid]), postgres: cpuSeconds(backends), generator: process.cpuUsage() });
  const before = read();
  const result = await work();
  const after = read();
  const spent = {
    server: after.server === null || before.server === null ? null : after.server - before.server,
    postgres:
      after.postgres === null || before.postgres === null || backends.length === 0 ? null : after.postgres - before.postgres,
    generator: (after.generator.user + after.generator.system - before.generator.user - before.generator.system) / 1e6,
  };
  const cores = os.cpus().length;
  const perRequest = (s: number | null) => (s === null ? null : round((s * 1000) / result.requests, 2));
  const share = (s: number | null) => (s === null ? null : round((s * 1000 * 100) / (result.ms * cores), 1));
  return {
    result,
    cpuMsPerRequest: {
      server: perRequest(spent.server),
      postgres: perRequest(spent.postgres),
      generator: perRequest(spent.generator),
    },
    percentOfCores: { server: share(spent.server), postgres: share(spent.postgres), generator: share(spent.generator) },
  };
}

/** `connections` loops sending requests for `seconds`: requests per second and latencies. */
async function load(port: number, connections: number, seconds: number, path: () => string, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const res = await request(agent, port, 'GET', path(), headers);
        latencies.push(performance.now() - t);
        if (res.status !== 200) failures++;
      }
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (latencies.length * 1000) / ms,
    p99: percentile(latencies, 99),
    p50: percentile(latencies, 50),
    failures,
    requests: latencies.length,
    ms,
  };
}

/**
 * The server's pool: two connections a core. More only adds backends that take turns on the same cores: on this
 * 2-core machine, 12 connections gave the same req/s as 4 but a p99 two to three times longer (1.1 to 1.9 s, against
 * 0.4 to 0.65 s), four runs each.
 */
const API_POOL = 2 * os.cpus().length;

export async function apiList(config: DatabaseConfig, scale: Scale): Promise<{ row: Row; serverPeakRssMiB: number | null }> {
  const { child, port } = await startServer(config.engine === 'postgres' ? { ...config, maxConnections: API_POOL } : config);
  try {
    const agent = new http.Agent({ keepAlive: true });
    const signIn = await request(
      agent,
      port,
      'POST',
      '/api/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ email: 'gerant@demo.gie-ecp.ma', password: 'demo-gie-2026' }),
    );
    agent.destroy();
    if (signIn.status !== 200) throw new Error(`sign-in refused (${signIn.status}): ${signIn.body}`);
    const cookie = ([] as string[])
      .concat(signIn.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const seconds = Math.max(1, scale.seconds);
    let page = 0;
    // issued invoices, 50 a page, walking through the first pages: the list the back office shows
    const listPath = () => `/api/invoicing/documents?kind=invoice&status=issued&pageSize=50&page=${(page++ % 5) + 1}`;
    const first = await request(new http.Agent(), port, 'GET', listPath(), { cookie });
    const count = (JSON.parse(first.body) as { items: unknown[] }).items.length;
    await load(port, 50, Math.min(1, seconds), listPath, { cookie }); // warm-up, which also fills the server's pool
    const backends = await backendPids(config);
    const serverPid = child.pid ?? 0;
    const measured = await cpuPerRequest(serverPid, backends, () => load(port, 50, seconds, listPath, { cookie }));
    const ours = measured.result;
    await load(port, 50, Math.min(1, seconds), () => '/hello', {});
    const hello = await cpuPerRequest(serverPid, [], () => load(port, 50, seconds, () => '/hello', {}));
    const theirs = hello.result;
    const cpu = measured.cpuMsPerRequest;
    const ratio = ours.perSecond / theirs.perSecond;
    const met = ratio >= 0.25 && ours.p99 < 50 && ours.failures === 0;
    return {
      serverPeakRssMiB: child.pid ? peakRssMiB(child.pid) : null,
      row: {
        what: `API: list ${count} invoices with filters, 50 connections`,
        result: { value: round(ours.perSecond), unit: 'req/s', note: `p50 ${round(ours.p50)} ms, p99 ${round(ours.p99)} ms` },
        reference: { what: 'Hono "hello" on the same server', value: round(theirs.perSecond), unit: 'req/s' },
        ratio: round(ratio, 3),
        goal: '≥ 0.25× its req/s, p99 < 50 ms',
        met,
        remark:
          `p99 ${round(ours.p99)} ms (hello: ${round(theirs.p99)} ms); CPU a request: server ${cpu.server ?? '?'} ms, ` +
          `PostgreSQL ${cpu.postgres ?? '?'} ms, load generator ${cpu.generator ?? '?'} ms` +
          (ours.failures ? `, ${ours.failures} failed requests` : ''),
        extra: {
          p50: round(ours.p50),
          p99: round(ours.p99),
          helloP99: round(theirs.p99),
          failures: ours.failures,
          pageItems: count,
          poolSize: config.engine === 'postgres' ? API_POOL : null,
          // the list's requests only: CPU time each cost, and the share of the machine's cores each process took
          cpuMsPerRequest: measured.cpuMsPerRequest,
          percentOfCores: measured.percentOfCores,
          helloCpuMsPerRequest: hello.cpuMsPerRequest,
        },
      },
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
