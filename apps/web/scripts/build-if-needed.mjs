// Builds the back office only when dist/ is missing or older than its sources, so `pnpm start` and the
// browser tests do not rebuild what `pnpm build` just made. Plain Node ESM: it must run before anything is built.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST_INDEX = path.join(WEB_DIR, 'dist', 'index.html');
const SOURCES = ['src', 'index.html', 'vite.config.ts'];
// a directory, because mkdir is atomic: two runs at once (two test workers, a test and `pnpm start`) build once
const LOCK = path.join(WEB_DIR, 'node_modules', '.build-if-needed.lock');
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time among the sources, and the file that has it. */
function newestSource() {
  let newest = { file: '', mtimeMs: 0 };
  const visit = (target) => {
    if (!existsSync(target)) return;
    const stat = statSync(target);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(target)) visit(path.join(target, entry));
    } else if (stat.mtimeMs > newest.mtimeMs) {
      newest = { file: target, mtimeMs: stat.mtimeMs };
    }
  };
  for (const source of SOURCES) visit(path.join(WEB_DIR, source));
  return newest;
}

/** Why a build is needed, or null when dist/ is up to date. */
export function staleReason() {
  if (!existsSync(DIST_INDEX)) return 'dist/index.html is missing';
  const built = statSync(DIST_INDEX).mtimeMs;
  const newest = newestSource();
  if (newest.mtimeMs > built) return `${path.relative(WEB_DIR, newest.file)} is newer than dist/index.html`;
  return null;
}

async function acquireLock(log) {
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(LOCK, { recursive: false });
      return;
    } catch (error) {
      if (error?.code === 'ENOENT') {
        mkdirSync(path.dirname(LOCK), { recursive: true });
        continue;
      }
      if (error?.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) {
        log('web: removing a stale build lock');
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (waited === 0) log('web: another build is running; waiting for it');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Builds dist/ if it is stale; returns whether it built. */
export async function buildIfNeeded({ log = (line) => console.log(line) } = {}) {
  if (staleReason() === null) {
    log('web: dist/ is up to date; not building');
    return false;
  }
  await acquireLock(log);
  try {
    // whoever held the lock may just have built it
    const reason = staleReason();
    if (reason === null) {
      log('web: dist/ was built meanwhile; not building');
      return false;
    }
    log(`web: building dist/ because ${reason}`);
    const started = Date.now();
    const { build } = await import('vite');
    await build({ configFile: path.join(WEB_DIR, 'vite.config.ts'), root: WEB_DIR, logLevel: 'warn', mode: 'production' });
    log(`web: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildIfNeeded().catch((error) => {
    console.error('web: build failed:', error);
    process.exitCode = 1;
  });
}
