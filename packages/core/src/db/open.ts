// Opens the database: embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set.
// Both engines get the same type parsing and a UTC session, so the same SQL reads the same rows.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { typeParsers } from './types.ts';

export type Engine = 'pglite' | 'postgres';

export type DatabaseConfig =
  | {
      engine: 'pglite';
      /** Folder of the embedded database; omitted means in memory (tests, throw-away runs). */
      dataDir?: string;
    }
  | {
      engine: 'postgres';
      /** A libpq connection string: postgres://user@host:5432/db */
      url: string;
      /** Schema to work in (tests use one schema per run); defaults to the server's search_path. */
      schema?: string;
      /** Pool size. */
      maxConnections?: number;
    };

export interface OpenedDatabase {
  db: Kysely<Database>;
  engine: Engine;
  /** Closes the pool or the embedded instance. */
  close(): Promise<void>;
}

/**
 * The configuration the environment asks for: DATABASE_URL selects PostgreSQL (DATABASE_SCHEMA, if set, the schema
 * to work in; DATABASE_POOL_SIZE the connections per process), else PGlite in DATA_DIR (./data).
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const schema = env.DATABASE_SCHEMA?.trim();
    const pool = env.DATABASE_POOL_SIZE?.trim();
    if (pool && !/^[1-9]\d{0,3}$/.test(pool)) {
      throw new Error(`DATABASE_POOL_SIZE: expected a number of connections (1 to 9999), received "${pool}"`);
    }
    return { engine: 'postgres', url, ...(schema ? { schema } : {}), ...(pool ? { maxConnections: Number(pool) } : {}) };
  }
  return { engine: 'pglite', dataDir: env.DATA_DIR?.trim() || './data' };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a Kysely instance on the configured engine. */
export async function openDatabase(config: DatabaseConfig): Promise<OpenedDatabase> {
  if (config.engine === 'postgres') return openPostgres(config);
  return openPGlite(config.dataDir);
}

async function openPGlite(dataDir: string | undefined): Promise<OpenedDatabase> {
  const pglite = new PGlite(dataDir ?? 'memory://', { parsers: typeParsers });
  await pglite.waitReady;
  await pglite.exec(`SET TIME ZONE 'UTC'`);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(config: Extract<DatabaseConfig, { engine: 'postgres' }>): Promise<OpenedDatabase> {
  if (config.schema !== undefined && !SCHEMA_NAME.test(config.schema)) {
    throw new Error(`schema: expected a lower-case SQL identifier, received "${config.schema}"`);
  }
  const options = ['-c TimeZone=UTC'];
  if (config.schema) options.push(`-c search_path=${config.schema}`);
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.maxConnections ?? 10,
    options: options.join(' '),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        const parser = typeParsers[oid];
        if (parser && format !== 'binary') return parser;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db); // fail now, with the server's message, rather than at the first request
  return { db, engine: 'postgres', close: () => db.destroy() };
}
