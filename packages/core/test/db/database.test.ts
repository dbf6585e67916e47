import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { inTransaction, tableChecksums } from '../../src/db/index.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';

describeWithDatabase('database layer', (database) => {
  it('reads numeric and int8 as exact strings, dates and timestamps as ISO strings', async () => {
    const { db } = database();
    const { rows } = await sql<Record<string, unknown>>`
      select 12345678901234567.89::numeric as amount, 9007199254740993::int8 as big,
             date '2026-11-23' as day, timestamptz '2026-11-23 10:15:30.25+01' as at,
             timestamp '2026-01-02 03:04:05' as local`.execute(db);
    expect(rows[0]).toEqual({
      amount: '12345678901234567.89',
      big: '9007199254740993',
      day: '2026-11-23',
      at: '2026-11-23T09:15:30.250Z',
      local: '2026-01-02T03:04:05.000Z',
    });
  });

  it('commits a unit of work, and rolls all of it back when it throws', async () => {
    const { db } = database();
    await inTransaction(db, (trx) => trx.insertInto('members').values({ code: 'M01', legal_name: 'Coop A' }).execute());
    await expect(
      inTransaction(db, async (trx) => {
        await trx.insertInto('members').values({ code: 'M02', legal_name: 'Coop B' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const codes = await db.selectFrom('members').select('code').execute();
    expect(codes.map((c) => c.code)).toEqual(['M01']);
  });

  it('refuses to update or delete the audit log', async () => {
    const { db } = database();
    await db
      .insertInto('audit_log')
      .values({ action: 'test', entity: 'thing', entity_id: '1', actor_user_id: null, before: null, after: null })
      .execute();
    await expect(db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('audit_log').select('action').execute()).toEqual([{ action: 'test' }]);
  });

  it('starts every test from empty tables', async () => {
    const checksums = await tableChecksums(database().db);
    expect(Object.keys(checksums)).toContain('users');
    const empty = await sql<{ n: string }>`select count(*) as n from members`.execute(database().db);
    expect(empty.rows[0]?.n).toBe('0');
  });
});
