// `pnpm gie verify` on an embedded database: a clean report and exit 0, then an audit event altered in SQL behind
// the application's back, which it names, exiting 1.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '@gie-ecp/core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'apps/api/src/cli/main.ts');

async function gie(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('gie verify', () => {
  it('reports clean books with exit 0, and names an altered audit event with exit 1', { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gie-verify-'));
    const env = { DATA_DIR: path.join(dir, 'data') };
    expect((await gie(['seed', '--demo'], env)).code).toBe(0);
    const clean = await gie(['verify'], env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^ok +audit log hash chain \(\d+ checked\)$/m);
    expect(clean.stdout).toContain('Everything checks out.');

    const opened = await openDatabase({ engine: 'pglite', dataDir: env.DATA_DIR });
    const victim = await opened.db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('chain_seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await opened.db.transaction().execute(async (trx) => {
      await sql`alter table audit_log disable trigger user`.execute(trx);
      await sql`update audit_log set after = '{"role": "admin"}' where id = ${victim.id}`.execute(trx);
      await sql`alter table audit_log enable trigger user`.execute(trx);
    });
    await opened.close();

    const caught = await gie(['verify'], env);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/^FAIL +audit log hash chain/m);
    expect(caught.stdout).toContain(`audit event #${victim.id} was altered: its content no longer gives its stored hash`);
    expect(caught.stdout).toContain('1 check(s) found problems.');
  });
});
