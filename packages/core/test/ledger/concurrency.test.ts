// Concurrent posting needs concurrent sessions, which only a PostgreSQL server has (PGlite has one session).
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { post } from '../../src/ledger/index.ts';
import { openTestDatabase, testEngines } from '../../src/testing/index.ts';
import { actor, openYear, transfer } from './support.ts';

const onPostgres = it.runIf(testEngines().includes('postgres'));

onPostgres('numbers stay unique and gapless when many connections post at once', { timeout: 120_000 }, async () => {
  const database = await openTestDatabase('postgres');
  try {
    const { db } = database;
    await openYear(db);
    const workers = 8;
    const perWorker = 25;
    await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        (async () => {
          for (let i = 0; i < perWorker; i++)
            await post(db, actor, transfer('5141', '3421', `${w + 1}.${String(i).padStart(2, '0')}`, '2026-05-10', 'BQ1'));
        })(),
      ),
    );
    const numbers = await db.selectFrom('entries').select('number').where('journal_code', '=', 'BQ1').orderBy('number').execute();
    expect(numbers.map((n) => n.number)).toEqual(Array.from({ length: workers * perWorker }, (_, i) => i + 1));
  } finally {
    await database.release();
  }
});

onPostgres(
  'opposing transfers between two accounts from parallel workers net to exactly zero',
  { timeout: 120_000 },
  async () => {
    const database = await openTestDatabase('postgres');
    try {
      const { db } = database;
      await openYear(db);
      const amounts = ['0.01', '1.10', '33.33', '999.99', '12345.67'];
      await Promise.all(
        Array.from({ length: 6 }, (_, w) =>
          (async () => {
            for (const amount of amounts) {
              // each worker moves the amount one way, then back: the two accounts' balance rows are contended
              await post(
                db,
                actor,
                w % 2
                  ? transfer('5141', '5161', amount, '2026-06-01', 'OD')
                  : transfer('5161', '5141', amount, '2026-06-01', 'OD'),
              );
              await post(
                db,
                actor,
                w % 2
                  ? transfer('5161', '5141', amount, '2026-06-02', 'OD')
                  : transfer('5141', '5161', amount, '2026-06-02', 'OD'),
              );
            }
          })(),
        ),
      );
      const { rows } = await sql<{ account_code: string; net: string }>`
      select account_code, sum(debit - credit) as net from account_balances group by account_code order by account_code`.execute(
        db,
      );
      expect(rows).toEqual([
        { account_code: '5141', net: '0.00' },
        { account_code: '5161', net: '0.00' },
      ]);
      const lines = await sql<{ n: string }>`select count(*) as n from entry_lines`.execute(db);
      expect(lines.rows[0]?.n).toBe(String(6 * amounts.length * 2 * 2));
    } finally {
      await database.release();
    }
  },
);
