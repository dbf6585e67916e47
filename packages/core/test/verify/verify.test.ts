// Tamper evidence: rows altered behind the application's back, in SQL with the tables' triggers off (as their owner
// could), must each be named by `verifyDatabase`; the audit chain's hashes are recomputed here by hand.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import { recordAudit } from '../../src/audit/index.ts';
import type { Database } from '../../src/db/schema.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createSalesDraft, issueSalesDocument } from '../../src/invoicing/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';
import { verifyDatabase } from '../../src/verify/index.ts';

const YEAR = new Date().getUTCFullYear();
const manager: Actor = { userId: 0, role: 'manager', memberId: null };

/** The demo books and two issued invoices of the worked example (TTC 10 082.08 each, six entry lines). */
async function booksWithInvoices(db: Kysely<Database>) {
  await seedDemo(db, { ledger: true });
  const member = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
  const { party } = await createParty(db, manager, { kind: 'company', name: 'Hôtel Dar Tétouan SARL', ice: '001525856000067' });
  const lines = [
    { description: 'Atelier de dégustation', quantity: '2', unitPrice: '1250.00', vat: '20' },
    {
      description: 'Paniers du terroir',
      quantity: '35',
      unitPrice: '180.00',
      discountPercent: '5',
      vat: '10',
      revenue: 'goods' as const,
    },
    { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
  ];
  const issued = [];
  for (const day of ['03-20', '03-21']) {
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId: member.id, customerId: party.id, lines });
    const doc = await issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR}-${day}` });
    issued.push({ id: doc.id, number: doc.number as string, entryId: doc.entryId as number });
  }
  return issued;
}

/** Changes rows the way an intruder with the owner's rights would: triggers off, one statement, triggers on. */
async function tamper(db: Kysely<Database>, table: string, statement: string) {
  await db.transaction().execute(async (trx) => {
    await sql.raw(`alter table ${table} disable trigger user`).execute(trx);
    await sql.raw(statement).execute(trx);
    await sql.raw(`alter table ${table} enable trigger user`).execute(trx);
  });
}

async function problemsOf(db: Kysely<Database>) {
  const report = await verifyDatabase(db);
  return Object.fromEntries(report.checks.map((c) => [c.name, c.problems]));
}

describeWithDatabase('verify: the audit chain and the ledger invariants', (database) => {
  it('hashes each audit event over its canonical text and the previous hash', async () => {
    const { db } = database();
    await inTransaction(db, (trx) =>
      recordAudit(trx, { actorUserId: null, action: 'test.first', entity: 'test', entityId: 7, after: { b: 1, a: 'é' } }),
    );
    await inTransaction(db, (trx) =>
      recordAudit(trx, { actorUserId: null, action: 'test.second', entity: 'test', entityId: null }),
    );
    const rows = await db
      .selectFrom('audit_log')
      .select([
        'id',
        'chain_seq',
        'prev_hash',
        'hash',
        sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at'),
      ])
      .orderBy('chain_seq')
      .execute();
    const [first, second] = rows;
    if (!first || !second) throw new Error('two events expected');
    // jsonb's text form, written by hand: keys by length then bytes, ", " and ": " separators
    const firstText = `[null, "${first.id}", "${first.at}", null, "test.first", "test", "7", null, {"a": "é", "b": 1}]`;
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    expect(first.chain_seq).toBe('1');
    expect(first.prev_hash).toBeNull();
    expect(first.hash).toBe(sha(firstText));
    const secondText = `["${first.hash}", "${second.id}", "${second.at}", null, "test.second", "test", null, null, null]`;
    expect(second.chain_seq).toBe('2');
    expect(second.prev_hash).toBe(first.hash);
    expect(second.hash).toBe(sha(secondText));
    await expect(sql`update audit_log set action = 'forged' where id = ${first.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_chain_head set seq = 1`.execute(db)).rejects.toThrow(/kept by the audit log/);
  });

  it('finds nothing wrong in the demo books', async () => {
    const { db } = database();
    await booksWithInvoices(db);
    const report = await verifyDatabase(db);
    expect(report.checks.flatMap((c) => c.problems)).toEqual([]);
    expect(report.ok).toBe(true);
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c.checked]));
    const events = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(byName['audit-chain']).toBe(Number(events.n));
    expect(byName['balanced-entries']).toBeGreaterThan(0);
    expect(byName['issued-documents']).toBeGreaterThan(0);
    expect(report.auditHead?.seq).toBe(events.n);
  });

  it('names an audit event changed, removed, or the chain rewritten from the middle', async () => {
    const { db } = database();
    await seedDemo(db);
    const ids = (await db.selectFrom('audit_log').select('id').orderBy('chain_seq').execute()).map((r) => r.id);
    const [first, second, third, fourth] = ids;
    await tamper(db, 'audit_log', `update audit_log set after = '{"role": "admin"}' where id = ${second}`);
    expect((await problemsOf(db))['audit-chain']).toEqual([
      `audit event #${second} was altered: its content no longer gives its stored hash`,
    ]);

    await tamper(db, 'audit_log', `delete from audit_log where id = ${fourth}`);
    const problems = (await problemsOf(db))['audit-chain'];
    expect(problems).toContain(`audit events 4..4 of the chain are missing (before event #${ids[4]})`);
    expect(problems).toContain(
      `audit event #${ids[4]} does not follow event #${third}: its previous hash is not that event's hash`,
    );

    // a forger who recomputes the row's own hash still breaks the link to the next event
    await tamper(
      db,
      'audit_log',
      `update audit_log set action = 'user.forged', hash = audit_row_hash(prev_hash, id, at, actor_user_id, 'user.forged', entity, entity_id, before, after) where id = ${first}`,
    );
    const again = (await problemsOf(db))['audit-chain'];
    expect(again).not.toContain(`audit event #${first} was altered: its content no longer gives its stored hash`);
    expect(again).toContain(`audit event #${second} does not follow event #${first}: its previous hash is not that event's hash`);
  });

  it('names the cut tail of the log by its head', async () => {
    const { db } = database();
    await seedDemo(db);
    const last = await db.selectFrom('audit_log').select('id').orderBy('chain_seq', 'desc').executeTakeFirstOrThrow();
    await tamper(db, 'audit_log', `delete from audit_log where id = ${last.id}`);
    const problems = (await problemsOf(db))['audit-chain'] ?? [];
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^the chain head \(event \d+\) is not the last audit event/);
  });

  it('names an entry line changed: unbalanced entry, invoice not matched, balance not kept', async () => {
    const { db } = database();
    const [invoice] = await booksWithInvoices(db);
    if (!invoice) throw new Error('an invoice expected');
    const receivable = await db
      .selectFrom('entry_lines')
      .select(['id', 'debit'])
      .where('entry_id', '=', invoice.entryId)
      .where('account_code', '=', '3421')
      .executeTakeFirstOrThrow();
    expect(receivable.debit).toBe('10082.08');
    await tamper(db, 'entry_lines', `update entry_lines set debit = debit + 1 where id = ${receivable.id}`);
    const entry = await db
      .selectFrom('entries')
      .select(['journal_code', 'number'])
      .where('id', '=', invoice.entryId)
      .executeTakeFirstOrThrow();
    const problems = await problemsOf(db);
    // each side held TTC 10 082.08 plus the member's share 8 208.56 = 18 290.64; the debit got one dirham more
    expect(problems['balanced-entries']).toEqual([
      `entry #${invoice.entryId} (${entry.journal_code} no. ${entry.number}) is not balanced: debit 18291.64, credit 18290.64, 6 line(s)`,
    ]);
    expect(problems['issued-documents']).toEqual([
      `invoice ${invoice.number}: its entry #${invoice.entryId} puts 10083.08 on the customer, the document says 10082.08`,
    ]);
    expect(problems['account-balances']).toEqual([expect.stringMatching(/^account 3421, period #\d+: kept balance/)]);
    expect(problems['account-year-balances']).toEqual([
      expect.stringMatching(/^account 3421, fiscal year #\d+: kept balance \S+ \/ \S+ but the posted lines sum to/),
    ]);
    expect(problems['audit-chain']).toEqual([]);
  });

  it('names a yearly roll-up row or an opening amount changed while the lines are whole', async () => {
    const { db } = database();
    await booksWithInvoices(db);
    expect((await problemsOf(db))['account-year-balances']).toEqual([]);
    await tamper(db, 'account_year_balances', `update account_year_balances set credit = credit + 5 where account_code = '7124'`);
    await tamper(db, 'account_balances', `update account_balances set opening_debit = 1 where account_code = '3421'`);
    const problems = await problemsOf(db);
    expect(problems['account-year-balances']).toEqual([
      expect.stringMatching(/^account 7124, fiscal year #\d+: kept balance \S+ \/ \S+ but the posted lines sum to \S+ \/ \S+$/),
    ]);
    // every month of 3421 now claims one dirham from the opening journal, which posted nothing to it
    const monthly = problems['account-balances'] ?? [];
    expect(monthly.length).toBeGreaterThan(0);
    for (const problem of monthly)
      expect(problem).toMatch(/^account 3421, period #\d+: kept balance \S+ \/ \S+ \(opening journal 1\.00 \/ 0\.00\) but/);
  });

  it('names a kept count of documents that no longer matches the documents', async () => {
    const { db } = database();
    const [first] = await booksWithInvoices(db);
    if (!first) throw new Error('an invoice expected');
    expect((await problemsOf(db))['document-counts']).toEqual([]);
    // a document moved to another member behind the triggers' back: both members' counts are now wrong
    const owner = await db.selectFrom('sales_documents').select('member_id').where('id', '=', first.id).executeTakeFirstOrThrow();
    const other = await db.selectFrom('members').select('id').where('id', '<>', owner.member_id).executeTakeFirstOrThrow();
    await tamper(db, 'sales_documents', `update sales_documents set member_id = ${other.id} where id = ${first.id}`);
    const problems = (await problemsOf(db))['document-counts'] ?? [];
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^member ${other.id}: \\d+ invoice documents issued, the kept count says \\d+$`)),
    );
  });

  it('names a gap in entry numbers and in the invoice series', async () => {
    const { db } = database();
    const [first] = await booksWithInvoices(db);
    if (!first) throw new Error('an invoice expected');
    await tamper(db, 'sales_documents', `update sales_documents set number = 'FA-${YEAR}-00009' where id = ${first.id}`);
    expect((await problemsOf(db))['document-numbers']).toEqual([`series invoice ${YEAR}: sequence number(s) 1 missing`]);
    const entry = await db
      .selectFrom('entries')
      .select(['id', 'journal_code'])
      .where('id', '=', first.entryId)
      .executeTakeFirstOrThrow();
    const count = await db
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('journal_code', '=', entry.journal_code)
      .where('status', '=', 'posted')
      .executeTakeFirstOrThrow();
    await tamper(db, 'entries', `update entries set number = 99 where id = ${entry.id}`);
    expect((await problemsOf(db))['entry-numbers']).toEqual([
      `journal ${entry.journal_code}, year ${YEAR}: ${count.n} posted entries numbered up to 99: ${99 - Number(count.n)} missing`,
      `journal ${entry.journal_code}, year ${YEAR}: the counter stands at ${count.n} but the last posted entry is no. 99`,
    ]);
  });

  it('names an issued invoice whose entry is gone', async () => {
    const { db } = database();
    const [, second] = await booksWithInvoices(db);
    if (!second) throw new Error('two invoices expected');
    await tamper(db, 'sales_documents', `update sales_documents set entry_id = null where id = ${second.id}`);
    expect((await problemsOf(db))['issued-documents']).toEqual([`invoice ${second.number} has no posted entry`]);
  });

  it('chains concurrent writers into one line', async () => {
    const { db, engine } = database();
    if (engine !== 'postgres') return; // PGlite has a single session
    // the application's units of work run in read committed: each writer waits for the head's lock, then follows
    const writers = Array.from({ length: 12 }, (_, i) =>
      inTransaction(db, async (trx) => {
        await recordAudit(trx, { actorUserId: null, action: 'test.concurrent', entity: 'test', entityId: i });
        await sql`select pg_sleep(0.01)`.execute(trx);
      }),
    );
    await Promise.all(writers);
    const report = await verifyDatabase(db);
    expect(report.checks.find((c) => c.name === 'audit-chain')).toMatchObject({ checked: 12, problems: [] });
    expect(report.auditHead?.seq).toBe('12');
  });

  it('makes a repeatable-read writer that missed a newer head fail with 40001, to be run again', async () => {
    const { db, engine } = database();
    if (engine !== 'postgres') return; // PGlite has a single session
    await inTransaction(db, (trx) => recordAudit(trx, { actorUserId: null, action: 'test.first', entity: 'test', entityId: 1 }));
    const late = db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`select count(*) from audit_log`.execute(trx); // the snapshot is taken here
        await inTransaction(db, (other) =>
          recordAudit(other, { actorUserId: null, action: 'test.meanwhile', entity: 'test', entityId: 2 }),
        );
        await recordAudit(trx, { actorUserId: null, action: 'test.late', entity: 'test', entityId: 3 });
      });
    await expect(late).rejects.toMatchObject({ code: '40001' });
    const report = await verifyDatabase(db);
    expect(report.ok).toBe(true);
    expect(report.auditHead?.seq).toBe('2');
  });
});
