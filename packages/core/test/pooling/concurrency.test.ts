// Concurrent approvals need concurrent sessions, which only a PostgreSQL server has (PGlite has one session).
import { expect, it } from 'vitest';
import { createRun, postRun } from '../../src/pooling/index.ts';
import { openTestDatabase, testEngines } from '../../src/testing/index.ts';
import { domain53, manager, QUARTER, YEAR } from './support.ts';

const onPostgres = it.runIf(testEngines().includes('postgres'));

onPostgres('numbers charge notes without gap or duplicate when runs are approved at once', { timeout: 180_000 }, async () => {
  const database = await openTestDatabase('postgres');
  try {
    const { db } = database;
    const { serviceIds } = await domain53(db);
    const runs = await Promise.all(
      Object.values(serviceIds).map((id) => createRun(db, manager, { ...QUARTER, serviceIds: [id] })),
    );
    // the same run approved twice at once posts once; the others post side by side
    const results = await Promise.allSettled([
      ...runs.map((r) => postRun(db, manager, r.id)),
      postRun(db, manager, runs[0]?.id ?? 0),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const notes = await db.selectFrom('pooling_charge_notes').select('number').orderBy('number').execute();
    // COMMERCIAL charges six members (M03 has no revenue), TRANSPORT six (M04 drove no km), the others seven
    expect(notes.map((n) => n.number)).toEqual(
      Array.from({ length: 26 }, (_, i) => `ND-${YEAR}-${String(i + 1).padStart(5, '0')}`),
    );
    const entries = await db.selectFrom('pooling_runs').select('entry_id').where('status', '=', 'posted').execute();
    expect(new Set(entries.map((e) => e.entry_id)).size).toBe(4);
  } finally {
    await database.release();
  }
});
