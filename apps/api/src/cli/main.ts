// `pnpm gie <command>`: migrate, seed, serve, backup and restore, on the engine the environment selects
// (DATABASE_URL for PostgreSQL, else PGlite in DATA_DIR, default ./data).
import { parseArgs } from 'node:util';
import {
  appliedMigrations,
  backupToFile,
  configFromEnv,
  DEMO_COMMITTEE_USERS,
  DEMO_PASSWORD,
  DEMO_USERS,
  formatVerifyReport,
  hasData,
  migrateTo,
  migrateToLatest,
  openDatabase,
  RestoreError,
  restoreFromFile,
  seedDemo,
  verifyDatabase,
} from '@gie-ecp/core';
import { startServer } from '../server.ts';

interface Command {
  summary: string;
  usage: string;
  help: string;
  options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>;
}

const ENGINE_HELP = `
Database: PostgreSQL when DATABASE_URL is set (postgres://user@host:5432/db), otherwise the embedded
PGlite database in DATA_DIR (default ./data, created on first use).`;

function describeTarget(): string {
  const config = configFromEnv();
  return config.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  console.log(`Opening ${describeTarget()}…`);
  const opened = await openDatabase(configFromEnv());
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

function printDemoLogins(): void {
  console.log('\nDemo logins (password for all: %s):', DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    console.log(`  ${user.role.padEnd(13)} ${user.email}${user.memberCode ? `  (member ${user.memberCode})` : ''}`);
  }
  for (const user of DEMO_COMMITTEE_USERS) {
    console.log(`  ${user.role.padEnd(13)} ${user.email}  (${user.displayName}, on the demo call's committee)`);
  }
}

const commands: Record<string, Command> = {
  migrate: {
    summary: 'apply the pending migrations (or move to one with --to)',
    usage: 'pnpm gie migrate [--to <name>] [--status]',
    help: '--to <name>  migrate up or down to exactly that migration\n--status     list the applied migrations and change nothing',
    options: { to: { type: 'string' }, status: { type: 'boolean' } },
    run: (values) =>
      withDatabase(async (db) => {
        if (values.status) {
          const applied = await appliedMigrations(db);
          console.log(applied.length ? applied.map((m) => `  applied  ${m}`).join('\n') : '  no migration applied');
          return;
        }
        const ran = typeof values.to === 'string' ? await migrateTo(db, values.to) : await migrateToLatest(db);
        console.log(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}` : 'The schema is up to date.');
      }),
  },
  seed: {
    summary: 'load the demo GIE into an empty database',
    usage: 'pnpm gie seed --demo',
    help: '--demo  the demo GIE: seven member cooperatives, one login per role, a year of invoices and payments',
    options: { demo: { type: 'boolean' } },
    run: (values) => {
      if (!values.demo) throw new UsageError('seed: say which data set: --demo');
      return withDatabase(async (db) => {
        await migrateToLatest(db);
        if (await seedDemo(db, { ledger: true, activity: true })) {
          console.log('Seeded the demo GIE.');
          printDemoLogins();
        } else {
          console.log('The database already has users: nothing seeded.');
        }
      });
    },
  },
  serve: {
    summary: 'start the API and the back office',
    usage: 'pnpm gie serve [--port <n>] [--host <address>] [--demo]',
    help: '--port <n>        port to listen on (default: PORT or 8080)\n--host <address>  address to bind (default: HOST or 127.0.0.1)\n--demo            seed the demo GIE if the database is empty, and print the demo logins',
    options: { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } },
    run: async (values) => {
      const portText = String(values.port ?? process.env.PORT ?? '8080');
      const port = Number(portText);
      if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port: expected a port number, received "${portText}"`);
      const host = String(values.host ?? process.env.HOST ?? '127.0.0.1');
      const server = await startServer({ database: configFromEnv(), port, host, demo: Boolean(values.demo), demoActivity: true });
      // the log is JSON lines; the demo's welcome is for a person at a terminal
      if (values.demo) {
        console.log(`\nGIE-ECP back office: ${server.url}`);
        console.log(`API reference:       ${server.url}api/docs`);
        printDemoLogins();
        console.log('\nCtrl-C stops the server.');
      }
      // SIGTERM (a supervisor) or SIGINT (Ctrl-C): finish what is in flight, close the database, exit 0;
      // a second signal does not wait
      const stop = () => {
        process.once('SIGINT', () => process.exit(130));
        process.once('SIGTERM', () => process.exit(143));
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`gie serve: the shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  },
  backup: {
    summary: 'write every table to a SQL file that restores on either engine',
    usage: 'pnpm gie backup <file>',
    help: 'The file is plain SQL (one statement per line); `pnpm gie restore` loads it on PGlite or PostgreSQL.',
    options: {},
    run: (_values, [file]) => {
      if (!file) throw new UsageError('backup: name the file to write');
      return withDatabase(async (db) => {
        await migrateToLatest(db);
        const summary = await backupToFile(db, file, (table, rows) => process.stdout.write(`\r  ${table}: ${rows} rows   `));
        const total = Object.values(summary.tables).reduce((a, b) => a + b, 0);
        console.log(
          `\nWrote ${file}: ${total} rows in ${Object.keys(summary.tables).length} tables, schema ${summary.migration}.`,
        );
      });
    },
  },
  restore: {
    summary: 'replace all data with a backup file',
    usage: 'pnpm gie restore <file> [--force]',
    help: '--force  replace the data of a database that is not empty (all of it is lost)\nThe restore is one transaction: if it fails, nothing changes.',
    options: { force: { type: 'boolean' } },
    run: (values, [file]) => {
      if (!file) throw new UsageError('restore: name the backup file to read');
      return withDatabase(async (db) => {
        await migrateToLatest(db);
        if (!values.force && (await hasData(db))) {
          throw new UsageError('restore: the database is not empty; add --force to replace all of its data');
        }
        const { migration } = await restoreFromFile(db, file, (n) => process.stdout.write(`\r  ${n} statements   `));
        console.log(`\nRestored ${file} (schema ${migration}).`);
      });
    },
  },
  verify: {
    summary: 'check the audit hash chain and every ledger invariant; exit 1 if anything is wrong',
    usage: 'pnpm gie verify [--json]',
    help: '--json  print the report as JSON\nChecks: the audit log hash chain, balanced posted entries, gapless entry, invoice, credit note and\ncharge note numbers, issued documents matched by their entries, account balances equal to their lines.\nIt brings the schema up to date first, then only reads.',
    options: { json: { type: 'boolean' } },
    run: (values) =>
      withDatabase(async (db) => {
        await migrateToLatest(db);
        const report = await verifyDatabase(db);
        console.log(values.json ? JSON.stringify(report, null, 2) : formatVerifyReport(report));
        if (!report.ok) throw new VerifyFailed();
      }),
  },
};

class UsageError extends Error {}
/** `verify` found problems: the report is printed already, the exit code says it. */
class VerifyFailed extends Error {}

function generalHelp(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return `Usage: pnpm gie <command> [options]   (pnpm gie <command> --help for its options)

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}
${ENGINE_HELP}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(generalHelp());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${generalHelp()}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\nUsage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`Usage: ${command.usage}\n\n${command.summary}.\n\n${command.help}\n${ENGINE_HELP}`);
    return 0;
  }
  try {
    await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
    return 0;
  } catch (error) {
    if (error instanceof VerifyFailed) return 1;
    if (error instanceof UsageError || error instanceof RestoreError) {
      console.error(error.message);
      return 2;
    }
    console.error(error instanceof Error ? `gie ${name}: ${error.message}` : error);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
if (process.argv[2] !== 'serve') process.exit(code);
