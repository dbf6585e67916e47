// The ledger's invariants, tried directly in SQL, past the core: the database itself must refuse.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { post, reverseEntry, setPeriodState } from '../../src/ledger/index.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { verifyDatabase } from '../../src/verify/index.ts';
import { actor, openYear, transfer } from './support.ts';

describeWithDatabase('ledger invariants in SQL', (database) => {
  it('refuses to change or delete a posted entry or its lines', async () => {
    const { db } = database();
    await openYear(db);
    const entry = await post(db, actor, transfer('5141', '3421', '100.00'));
    await expect(sql`update entry_lines set debit = 90 where entry_id = ${entry.id} and debit > 0`.execute(db)).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(sql`delete from entry_lines where entry_id = ${entry.id}`.execute(db)).rejects.toThrow(/cannot be changed/);
    await expect(sql`update entries set label = 'forged' where id = ${entry.id}`.execute(db)).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(sql`delete from entries where id = ${entry.id}`.execute(db)).rejects.toThrow(/cannot be deleted/);
    await expect(
      sql`insert into entry_lines (entry_id, line_no, account_code, debit) values (${entry.id}, 3, '5141', 1)`.execute(db),
    ).rejects.toThrow(/cannot get new lines/);
    const lines = await db
      .selectFrom('entry_lines')
      .select(['debit', 'credit'])
      .where('entry_id', '=', entry.id)
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([
      { debit: '100.00', credit: '0.00' },
      { debit: '0.00', credit: '100.00' },
    ]);
  });

  it('posts a batch in the order of its array, whatever the order of the ids, and keeps the balances of the lines', async () => {
    const { db } = database();
    await openYear(db);
    const drafts = [];
    for (const [i, date] of ['2026-02-01', '2026-03-01', '2026-04-01'].entries())
      drafts.push(await post(db, actor, transfer('5141', '3421', `${i + 1}0.00`, date), { draft: true }));
    const [first, second, third] = drafts.map((d) => d.id) as [number, number, number];
    // the ids given backwards: numbered in the order given, not by id
    await sql`select post_entries(${sql.val([third, second, first])}::integer[], null)`.execute(db);
    const numbers = await db.selectFrom('entries').select(['id', 'number']).where('id', 'in', [first, second, third]).execute();
    const numberOf = (id: number) => numbers.find((n) => n.id === id)?.number;
    expect([numberOf(third), numberOf(second), numberOf(first)]).toEqual([1, 2, 3]);
    // and forwards, in one UPDATE
    const more = [];
    for (const amount of ['1.00', '2.00'])
      more.push((await post(db, actor, transfer('5141', '3421', amount), { draft: true })).id);
    await sql`select post_entries(${sql.val(more)}::integer[], null)`.execute(db);
    const later = await db.selectFrom('entries').select('number').where('id', 'in', more).orderBy('id').execute();
    expect(later.map((n) => n.number)).toEqual([4, 5]);
    await expect(sql`select post_entries(${sql.val([first])}::integer[], null)`.execute(db)).rejects.toThrow(
      new RegExp(`entry ${first} is not a draft`),
    );
    const report = await verifyDatabase(db);
    expect(report.checks.flatMap((c) => c.problems)).toEqual([]);
    expect(report.ok).toBe(true);
    const bank = await db
      .selectFrom('account_balances')
      .select((eb) => eb.fn.sum<string>('debit').as('debit'))
      .where('account_code', '=', '5141')
      .executeTakeFirstOrThrow();
    expect(bank.debit).toBe('63.00');
  });

  it('refuses at commit a posted entry that does not balance or has one line', async () => {
    const { db } = database();
    await openYear(db);
    const attempt = (lines: Array<[string, number, number]>) =>
      db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ id: number }>`
          insert into entries (journal_code, entry_date, label) values ('OD', '2026-02-01', 'raw') returning id`.execute(trx);
        const id = rows[0]?.id;
        let n = 0;
        for (const [account, debit, credit] of lines) {
          await sql`insert into entry_lines (entry_id, line_no, account_code, debit, credit) values (${id}, ${++n}, ${account}, ${debit}, ${credit})`.execute(
            trx,
          );
        }
        await sql`update entries set status = 'posted' where id = ${id}`.execute(trx);
      });
    await expect(
      attempt([
        ['5141', 100, 0],
        ['3421', 0, 99.99],
      ]),
    ).rejects.toThrow(/does not balance/);
    await expect(attempt([['5141', 100, 0]])).rejects.toThrow(/at least two/);
    await expect(
      attempt([
        ['5141', 0, 0],
        ['3421', 0, 0],
      ]),
    ).rejects.toThrow(/entry_lines_one_side/);
    expect(await db.selectFrom('entries').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('journal_counters').selectAll().execute()).toEqual([]);
  });

  it('refuses posting, and reversing, into a locked or closed period, and reopening a closed one', async () => {
    const { db } = database();
    const year = await openYear(db);
    const march = year.periods[2];
    const february = year.periods[1];
    if (!march || !february) throw new Error('no periods');
    const entry = await post(db, actor, transfer('5141', '3421', '50.00', '2026-03-05'));
    await setPeriodState(db, actor, march.id, 'locked');
    await expect(post(db, actor, transfer('5141', '3421', '10.00', '2026-03-20'))).rejects.toMatchObject({
      kind: 'conflict',
      errors: [{ path: 'date', message: expect.stringContaining('locked') }],
    });
    await expect(reverseEntry(db, actor, entry.id, { date: '2026-03-31' })).rejects.toThrow(/locked/);
    // a reversal dated in an open period is fine
    const reversal = await reverseEntry(db, actor, entry.id, { date: '2026-04-02' });
    expect(reversal.reversesEntryId).toBe(entry.id);

    await setPeriodState(db, actor, year.periods[0]?.id ?? 0, 'closed');
    await setPeriodState(db, actor, february.id, 'closed');
    await expect(sql`update periods set state = 'open' where id = ${february.id}`.execute(db)).rejects.toThrow(
      /cannot be reopened/,
    );
    await expect(post(db, actor, transfer('5141', '3421', '10.00', '2026-02-10'))).rejects.toThrow(/closed/);
  });

  it('refuses the reversal of a reversal, and a second reversal', async () => {
    const { db } = database();
    await openYear(db);
    const entry = await post(db, actor, transfer('5141', '3421', '75.00'));
    const reversal = await reverseEntry(db, actor, entry.id, { date: '2026-03-11' });
    await expect(reverseEntry(db, actor, reversal.id, { date: '2026-03-12' })).rejects.toThrow(/reversal cannot be reversed/);
    await expect(reverseEntry(db, actor, entry.id, { date: '2026-03-12' })).rejects.toThrow(/already reversed/);
    // and straight in SQL, past the core
    await expect(
      db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ id: number }>`
          insert into entries (journal_code, entry_date, label, reverses_entry_id) values ('OD', '2026-03-12', 'x', ${reversal.id}) returning id`.execute(
          trx,
        );
        await sql`insert into entry_lines (entry_id, line_no, account_code, debit) values (${rows[0]?.id}, 1, '3421', 75)`.execute(
          trx,
        );
        await sql`insert into entry_lines (entry_id, line_no, account_code, credit) values (${rows[0]?.id}, 2, '5141', 75)`.execute(
          trx,
        );
        await sql`update entries set status = 'posted' where id = ${rows[0]?.id}`.execute(trx);
      }),
    ).rejects.toThrow(/reversal cannot be reversed/);
  });

  it('keeps the per-period balances to posting alone', async () => {
    const { db } = database();
    await openYear(db);
    await post(db, actor, transfer('5141', '3421', '10.00'));
    await expect(sql`update account_balances set debit = 0`.execute(db)).rejects.toThrow(/kept by posting only/);
    await expect(sql`delete from account_balances`.execute(db)).rejects.toThrow(/kept by posting only/);
  });

  it('refuses a date outside every fiscal year', async () => {
    const { db } = database();
    await openYear(db);
    await expect(post(db, actor, transfer('5141', '3421', '10.00', '2031-01-01'))).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ path: 'date' }],
    });
  });

  it('numbers each journal from 1 every year, with no gap when a posting fails', async () => {
    const { db } = database();
    await openYear(db);
    await openYear(db, '2027-01-01');
    const a = await post(db, actor, transfer('5141', '3421', '1.00', '2026-05-01', 'BQ1'));
    await expect(post(db, actor, { ...transfer('5141', '9999', '1.00', '2026-05-02', 'BQ1') })).rejects.toThrow(
      /unknown account/,
    );
    const b = await post(db, actor, transfer('5141', '3421', '2.00', '2026-05-03', 'BQ1'));
    const c = await post(db, actor, transfer('5141', '3421', '3.00', '2027-01-05', 'BQ1'));
    const d = await post(db, actor, transfer('5141', '3421', '4.00', '2026-05-04', 'OD'));
    expect([a.reference, b.reference, c.reference, d.reference]).toEqual([
      'BQ1-2026-00001',
      'BQ1-2026-00002',
      'BQ1-2027-00001',
      'OD-2026-00001',
    ]);
  });
});
