import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'apps/api/src/cli/main.ts');

async function gie(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the gie command line', () => {
  it('explains itself and each command', async () => {
    const general = await gie(['--help'], {});
    expect(general.code).toBe(0);
    for (const command of ['migrate', 'seed', 'serve', 'backup', 'restore']) expect(general.stdout).toContain(command);
    const backup = await gie(['backup', '--help'], {});
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('Usage: pnpm gie backup <file>');
    const unknown = await gie(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it('migrates, seeds, backs up and restores an embedded database', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gie-cli-'));
    const env = { DATA_DIR: path.join(dir, 'data') };
    const seeded = await gie(['seed', '--demo'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('admin@demo.gie-ecp.ma');

    const status = await gie(['migrate', '--status'], env);
    expect(status.stdout).toMatch(/applied\s+20261123_0001_foundation/);

    const file = path.join(dir, 'gie.sql');
    const backup = await gie(['backup', file], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(await readFile(file, 'utf8')).toMatch(/^-- gie-ecp-backup\/1\n/);

    const refused = await gie(['restore', file], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');

    const other = { DATA_DIR: path.join(dir, 'other') };
    const restored = await gie(['restore', file], other);
    expect(restored.code, restored.stderr).toBe(0);
    const again = await gie(['seed', '--demo'], other);
    expect(again.stdout).toContain('already has users');
  });
});
