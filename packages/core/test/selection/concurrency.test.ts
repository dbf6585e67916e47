// Scoring racing the president's close, on PostgreSQL (PGlite has a single session): every mark kept was given
// before scoring closed, every later one is refused with a message, and nothing deadlocks.
import { expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { closeScoring, scoreApplication } from '../../src/selection/scores.ts';
import { openTestDatabase, testEngines } from '../../src/testing/index.ts';
import { marks, setUp } from './support.ts';

const onPostgres = it.runIf(testEngines().includes('postgres'));

onPostgres('marks racing the close of scoring are either kept before it or refused after it', { timeout: 120_000 }, async () => {
  const database = await openTestDatabase('postgres');
  try {
    const { db } = database;
    const s = await setUp(db);
    let kept = 0;
    let refused = 0;
    // each member keeps marking until scoring is closed under them (or gives up after 200 rounds)
    const scorer = async (who: typeof s.a) => {
      for (let round = 0; round < 200; round++) {
        for (const applicationId of [s.ids.X, s.ids.Y, s.ids.Z]) {
          try {
            await scoreApplication(
              db,
              who,
              applicationId,
              marks(s.criteria, [round % 6, round % 11, 1 + (round % 5), round % 6, round % 4]),
            );
            kept++;
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).message).toBe('scoring is closed: marks are final');
            refused++;
            return;
          }
        }
      }
    };
    const closing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return closeScoring(db, s.a, s.callId);
    })();
    await Promise.all([scorer(s.a), scorer(s.b), scorer(s.c), closing]);
    const { closedAt } = await closing;
    expect(refused).toBe(3);
    expect(kept).toBeGreaterThan(0);
    const late = await db.selectFrom('selection_scores').select('id').where('scored_at', '>', closedAt).execute();
    expect(late).toEqual([]);
  } finally {
    await database.release();
  }
});
