// Real server processes for the attack suites: `gie serve` on a random port, over PGlite in a temporary folder or
// PostgreSQL in a fresh schema, stopped or killed the way a supervisor would; and a small HTTP client for them.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, type Engine, type OpenedDatabase, openDatabase } from '@gie-ecp/core';
import { TEST_SCHEMA_PREFIX } from '@gie-ecp/core/testing';
import { sql } from 'kysely';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = path.join(ROOT, 'apps/api/src/cli/main.ts');

/** Quick by default (CI); RELIABILITY_FULL=1 runs the long version. */
export const FULL = process.env.RELIABILITY_FULL === '1';

/** Where a server keeps its data: a PGlite folder or a PostgreSQL schema, made for one test and dropped after. */
export type Target =
  | { engine: 'pglite'; dataDir: string; drop(): Promise<void> }
  | { engine: 'postgres'; url: string; schema: string; drop(): Promise<void> };

export async function newTarget(engine: Engine): Promise<Target> {
  if (engine === 'pglite') {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gie-reliability-'));
    return { engine, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `${TEST_SCHEMA_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminSql(url, `create schema ${schema}`);
  return { engine, url, schema, drop: () => adminSql(url, `drop schema ${schema} cascade`) };
}

async function adminSql(url: string, statement: string): Promise<void> {
  const admin = await openDatabase({ engine: 'postgres', url, maxConnections: 1 });
  try {
    await sql.raw(statement).execute(admin.db);
  } finally {
    await admin.close();
  }
}

/** The environment `gie serve` reads to find the target. */
export function targetEnv(target: Target): Record<string, string> {
  return target.engine === 'pglite'
    ? { DATABASE_URL: '', DATA_DIR: target.dataDir }
    : { DATABASE_URL: target.url, DATABASE_SCHEMA: target.schema, DATABASE_POOL_SIZE: '4' };
}

/** Opens the target from this process (the checks); a PGlite folder only while no server holds it. */
export function openTarget(target: Target, dataDir?: string): Promise<OpenedDatabase> {
  return target.engine === 'pglite'
    ? openDatabase({ engine: 'pglite', dataDir: dataDir ?? target.dataDir })
    : openDatabase({ engine: 'postgres', url: target.url, schema: target.schema, maxConnections: 2 });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every line the server wrote on stdout and stderr. */
  lines: string[];
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `gie serve --port 0` (node itself, no wrapper process, so a signal reaches the server) and waits for its
 * `listening` log line.
 */
export async function startServerProcess(target: Target, options: { demo?: boolean } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', ...(options.demo ? ['--demo'] : [])], {
    cwd: ROOT,
    env: { ...process.env, ...targetEnv(target), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${lines.join('\n')}`)), 60_000);
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let rest = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) {
          lines.push(line);
          if (line.startsWith('{') && line.includes('"listening"')) {
            clearTimeout(timer);
            resolve((JSON.parse(line) as { url: string }).url);
          }
        }
      });
    };
    collect(child.stdout);
    collect(child.stderr);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server ended before listening (${code ?? signal}):\n${lines.join('\n')}`));
    });
  });
  return { url, child, lines, exited };
}

/** A signed-in caller of a real server: its session cookie and CSRF token, and the server's address (which moves). */
export class HttpClient {
  private cookie = '';
  private csrf = '';
  constructor(public baseUrl: string) {}

  static async signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<HttpClient> {
    const client = new HttpClient(baseUrl);
    const response = await client.send('POST', '/api/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
    client.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    client.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
    return client;
  }

  send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(url, this.baseUrl), {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie, 'x-csrf-token': this.csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  }

  /** The JSON of a 2xx answer; anything else throws an `HttpError` with the status. */
  async json<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(method, url, body, headers);
    const text = await response.text();
    if (!response.ok) throw new HttpError(response.status, `${method} ${url}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A figure line the suites print (and docs/reliability.md records). */
export function report(suite: string, figures: Record<string, string | number>): void {
  const text = Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(`[reliability] ${suite}: ${text}`);
}
