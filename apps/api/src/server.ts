// Starts the back office: opens the database, migrates, optionally seeds the demo GIE, and listens.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type DatabaseConfig, migrateToLatest, type OpenedDatabase, openDatabase, seedDemo } from '@gie-ecp/core';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';

export const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface ServerOptions {
  database: DatabaseConfig;
  port: number;
  host?: string;
  /** Seed the demo GIE into an empty database. */
  demo?: boolean;
  webRoot?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  database: OpenedDatabase;
  seeded: boolean;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const where =
    options.database.engine === 'pglite' ? `embedded PGlite in ${options.database.dataDir ?? 'memory'}` : 'PostgreSQL';
  log(`Opening the database (${where})…`);
  const database = await openDatabase(options.database);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
  const seeded = options.demo ? await seedDemo(database.db, { ledger: true }) : false;
  if (seeded) log('Seeded the demo GIE.');

  const app = createApp({
    db: database.db,
    engine: database.engine,
    version: VERSION,
    webRoot: options.webRoot ?? WEB_ROOT,
    secureCookies: process.env.COOKIE_SECURE === '1',
    trustProxy: process.env.TRUST_PROXY === '1',
  });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${port}/`,
    database,
    seeded,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
