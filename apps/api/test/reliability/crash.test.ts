// Crash test: workers load a real server with invoices, payments, payouts, entries and allocation runs while a
// supervisor kills it with SIGKILL at random moments and starts it again; after every kill the books must be whole
// and every acknowledged request still there. Quick by default; RELIABILITY_FULL=1 for the long run.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateToLatest, seedDemo } from '@gie-ecp/core';
import { testEngines } from '@gie-ecp/core/testing';
import { describe, it } from 'vitest';
import { acknowledgedCount, lastEntryId, violations } from './invariants.ts';
import { prepareWorld, Supervisor, snapshotOf, startLoad } from './load.ts';
import { FULL, newTarget, openTarget, report, type ServerProcess, sleep, startServerProcess, type Target } from './support.ts';

const KILLS = Number(process.env.RELIABILITY_KILLS ?? (FULL ? 60 : 20));
/** How long the server lives under load before a kill, at random in [min, max) ms. */
const LIFE = FULL ? { min: 500, max: 5000 } : { min: 400, max: 1400 };
const WORKERS = FULL ? 6 : 3;

/** The books as found after a kill: a PGlite folder is checked on a copy, so the server itself recovers the original. */
async function check(target: Target, crashedCopy: string | undefined, ack: Parameters<typeof violations>[1], seeded: number) {
  const opened = await openTarget(target, crashedCopy);
  try {
    return await violations(opened.db, ack, { seededEntriesUpTo: seeded });
  } finally {
    await opened.close();
  }
}

// the engines' runs wait on their server processes most of the time: they run side by side
describe.concurrent('crash test', () => {
  for (const engine of testEngines()) {
    it(`[${engine}] keeps the books whole and every acknowledged request through ${KILLS} kills`, {
      timeout: FULL ? 1_800_000 : 600_000,
    }, async ({ expect }) => {
      const target = await newTarget(engine);
      const scratch = await mkdtemp(path.join(tmpdir(), 'gie-crash-copy-'));
      let server: ServerProcess | undefined;
      try {
        // the demo GIE, then the entries it holds: the load's own entries all need a document (or the manual label)
        const setup = await openTarget(target);
        await migrateToLatest(setup.db);
        await seedDemo(setup.db, { ledger: true });
        const seeded = await lastEntryId(setup.db);
        await setup.close();

        const supervisor = new Supervisor();
        server = await startServerProcess(target);
        supervisor.up(server.url);
        const world = await prepareWorld(server.url);
        const load = startLoad(world, supervisor, WORKERS);
        const found: string[] = [];
        let kills = 0;
        let checked = 0;
        for (let k = 1; k <= KILLS; k++) {
          await sleep(LIFE.min + Math.random() * (LIFE.max - LIFE.min));
          const acknowledged = snapshotOf(load.ack);
          supervisor.down();
          server.child.kill('SIGKILL');
          const { signal } = await server.exited;
          expect(signal).toBe('SIGKILL');
          kills++;
          // check what the kill left (a copy of the folder for PGlite) while the server starts again on the original
          let copy: string | undefined;
          if (target.engine === 'pglite') {
            copy = path.join(scratch, `kill-${k}`);
            await cp(target.dataDir, copy, { recursive: true });
          }
          const [problems, restarted] = await Promise.all([
            check(target, copy, acknowledged, seeded),
            startServerProcess(target),
          ]);
          if (copy) await rm(copy, { recursive: true, force: true });
          server = restarted;
          supervisor.up(server.url);
          checked += acknowledgedCount(acknowledged);
          found.push(...problems.map((p) => `after kill ${k}: ${p}`));
          if (found.length > 0) break;
        }
        await load.stop();
        // the last server stops gracefully, then the final books are checked with everything acknowledged
        server.child.kill('SIGTERM');
        expect((await server.exited).code).toBe(0);
        server = undefined;
        found.push(...(await check(target, undefined, load.ack, seeded)));
        const { figures } = load;
        report(`crash [${engine}]`, {
          kills,
          requests: figures.requests,
          acknowledged: acknowledgedCount(load.ack),
          'acknowledged found after kills (sum over checks)': checked,
          interrupted: figures.interrupted,
          'retried with their key': figures.retried,
          'refused (4xx)': figures.refused,
          'server errors': figures.serverErrors.length,
          invoices: load.ack.invoices.size,
          payments: load.ack.payments.size,
          payouts: load.ack.payouts.size,
          entries: load.ack.entries.size,
          'runs posted': load.ack.runsPosted.size,
          'runs reversed': load.ack.runsReversed.size,
          violations: found.length,
        });
        expect(found).toEqual([]);
        expect(figures.serverErrors).toEqual([]);
        expect(kills).toBe(KILLS);
        // the load did work between kills: each kind of request was acknowledged
        expect(load.ack.invoices.size).toBeGreaterThan(0);
        expect(load.ack.payments.size).toBeGreaterThan(0);
        expect(load.ack.entries.size).toBeGreaterThan(0);
      } finally {
        if (server) {
          server.child.kill('SIGKILL');
          await server.exited;
        }
        await rm(scratch, { recursive: true, force: true });
        await target.drop();
      }
    });
  }
});
