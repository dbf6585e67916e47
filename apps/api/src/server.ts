// Starts the back office: opens the database, migrates, optionally seeds the demo GIE, and listens; stops it
// gracefully: no new connection, the requests in flight finish, then the database is closed.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type DatabaseConfig, migrateToLatest, type OpenedDatabase, openDatabase, seedDemo } from '@gie-ecp/core';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { jsonLogger, type Logger } from './http/log.ts';

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
  /** With the demo, a year of trading up to today (invoices, payments, a credit note): what a newcomer sees. */
  demoActivity?: boolean;
  webRoot?: string;
  /** Where the JSON log lines go (default: stdout). */
  logger?: Logger;
  /** How long a shutdown waits for the requests in flight before cutting their connections (default 10 s). */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  url: string;
  database: OpenedDatabase;
  seeded: boolean;
  /** Stops accepting connections, lets the requests in flight finish, then closes the database. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? jsonLogger();
  const where =
    options.database.engine === 'pglite' ? `embedded PGlite in ${options.database.dataDir ?? 'memory'}` : 'PostgreSQL';
  logger.log('info', `opening the database (${where})`);
  const database = await openDatabase(options.database);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.log('info', `applied ${applied.length} migration(s)`, { migrations: applied.join(', ') });
  const seeded = options.demo ? await seedDemo(database.db, { ledger: true, activity: options.demoActivity }) : false;
  if (seeded) logger.log('info', 'seeded the demo GIE');

  const app = createApp({
    db: database.db,
    engine: database.engine,
    version: VERSION,
    webRoot: options.webRoot ?? WEB_ROOT,
    secureCookies: process.env.COOKIE_SECURE === '1',
    logger,
    trustProxy: process.env.TRUST_PROXY === '1',
  });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s as Server)) as Server;
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  const url = `http://${shownHost}:${port}/`;
  logger.log('info', 'listening', { url, engine: database.engine, version: VERSION });
  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    seeded,
    close: () => {
      closing ??= (async () => {
        logger.log('info', 'shutting down: no new connection, finishing the requests in flight');
        await drain(server, options.shutdownGraceMs ?? 10_000, logger);
        await database.close();
        logger.log('info', 'stopped: database closed');
      })();
      return closing;
    },
  };
}

/**
 * Closes the listening socket and waits for the requests in flight. A keep-alive connection left idle by a
 * finished request would hold the server open: idle connections are closed as they appear. Past the grace
 * period the remaining connections are cut.
 */
async function drain(server: Server, graceMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const grace = setTimeout(() => {
    logger.log('warn', `requests still running after ${graceMs} ms: their connections are cut`);
    server.closeAllConnections();
  }, graceMs);
  server.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(grace);
  }
}
