import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { inTransaction, isRetryable } from '../../src/db/transaction.ts';
import { describeWithDatabase, openTestDatabase, testEngines } from '../../src/testing/index.ts';

describeWithDatabase('units of work', (database) => {
  it('join the transaction they are called in instead of nesting', async () => {
    const { db } = database();
    await expect(
      inTransaction(db, async (outer) => {
        await inTransaction(outer, (inner) => inner.insertInto('members').values({ code: 'M01', legal_name: 'A' }).execute());
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await db.selectFrom('members').selectAll().execute()).toEqual([]);
  });

  it('do not retry errors that retrying cannot fix', async () => {
    let attempts = 0;
    await expect(
      inTransaction(database().db, async (trx) => {
        attempts++;
        await trx.insertInto('members').values({ code: 'bad code', legal_name: 'A' }).execute();
      }),
    ).rejects.toThrow();
    expect(attempts).toBe(1);
  });
});

it('recognises serialization failures and deadlocks as retryable', () => {
  expect(isRetryable({ code: '40001' })).toBe(true);
  expect(isRetryable({ code: '40P01' })).toBe(true);
  expect(isRetryable({ code: '23505' })).toBe(false);
  expect(isRetryable(new Error('x'))).toBe(false);
});

// Two serializable transactions that each read what the other writes: PostgreSQL aborts one with 40001.
// Only a server has concurrent sessions; PGlite has one.
it.runIf(testEngines().includes('postgres'))('retries a serialization failure until both units of work commit', async () => {
  const database = await openTestDatabase('postgres');
  try {
    const { db } = database;
    await db
      .insertInto('members')
      .values([
        { code: 'A', legal_name: 'A' },
        { code: 'B', legal_name: 'B' },
      ])
      .execute();
    let attempts = 0;
    let bothRead!: () => void;
    const rendezvous = new Promise<void>((resolve) => {
      let arrived = 0;
      bothRead = () => {
        arrived++;
        if (arrived === 2) resolve();
      };
    });
    const work = (readCode: string, writeCode: string) =>
      inTransaction(
        db,
        async (trx) => {
          attempts++;
          const { rows } = await sql<{ n: string }>`select count(*) as n from members where code = ${readCode}`.execute(trx);
          if (attempts <= 2) {
            bothRead();
            await rendezvous;
          }
          await trx
            .insertInto('members')
            .values({ code: `${writeCode}${rows[0]?.n}${attempts}`, legal_name: 'x' })
            .execute();
        },
        { isolation: 'serializable' },
      );
    await Promise.all([work('A', 'B'), work('B', 'A')]);
    expect(attempts).toBeGreaterThanOrEqual(3);
    const written = await db.selectFrom('members').select('code').where('code', 'not in', ['A', 'B']).execute();
    expect(written).toHaveLength(2);
  } finally {
    await database.release();
  }
});
