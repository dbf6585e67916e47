import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  appliedMigrations,
  backupToFile,
  migrateTo,
  migrateToLatest,
  RestoreError,
  restoreFromFile,
  tableChecksums,
} from '../../src/db/index.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createSalesDraft, issueSalesDocument, payMember, recordPayment } from '../../src/invoicing/index.ts';
import { post } from '../../src/ledger/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { createRun, postRun } from '../../src/pooling/index.ts';
import { describeWithDatabase, openTestDatabase, type TestDatabase, testEngines } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';

const manager: Actor = { userId: 0, role: 'manager', memberId: null };
const YEAR = new Date().getUTCFullYear();

/**
 * A whole GIE at work: the demo's books, pooled services and selection committee, then an invoice issued, paid in
 * part, a payout to its member and the second quarter's allocation run posted with its charge notes.
 */
async function fillWholeGie(db: TestDatabase['db']) {
  await seedDemo(db, { ledger: true });
  const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
  const { party } = await createParty(db, manager, {
    kind: 'company',
    name: 'Hôtel Dar Tétouan SARL',
    ice: '001525856000067',
    city: 'Tétouan',
  });
  const draft = await createSalesDraft(db, manager, {
    kind: 'invoice',
    memberId: m01.id,
    customerId: party.id,
    lines: [{ description: 'Atelier de dégustation', quantity: '2', unitPrice: '1250.00', vat: '20' }],
  });
  await issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR}-07-01` });
  await recordPayment(db, manager, {
    customerId: party.id,
    receivedOn: `${YEAR}-07-10`,
    method: 'transfer',
    amount: '1000.00',
    allocations: [{ documentId: draft.id, amount: '1000.00' }],
  });
  await payMember(db, manager, { memberId: m01.id, paidOn: `${YEAR}-07-15`, amount: '500.00' });
  const run = await createRun(db, manager, { from: `${YEAR}-04-01`, to: `${YEAR}-06-30` });
  await postRun(db, manager, run.id);
  return { memberId: m01.id, customerId: party.id };
}

/** The tables a GIE's business lives in: a restore that brought back any of them empty would lose it. */
const BUSINESS_TABLES = [
  'members',
  'users',
  'parties',
  'sales_documents',
  'sales_document_lines',
  'payments',
  'payment_allocations',
  'payouts',
  'entries',
  'entry_lines',
  'account_balances',
  'account_year_balances',
  'journal_counters',
  'document_counters',
  'pooled_services',
  'pooling_usage',
  'selection_applications',
  'pooling_runs',
  'pooling_charge_notes',
  'pooling_note_counters',
  'audit_log',
];

async function fillTricky(db: TestDatabase['db'], options: { seeded?: boolean } = {}) {
  if (!options.seeded) await seedDemo(db);
  // values that a naive dump would mangle: quotes, backslashes, newlines, unicode, JSON, nulls
  await db
    .insertInto('members')
    .values({ code: 'M99', legal_name: 'Coopérative l\'Étoile \\ "du Nord"\nتعاونية النجمة 🐝' })
    .execute();
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: null,
      action: 'test.tricky',
      entity: 'x',
      entity_id: null,
      before: null,
      after: JSON.stringify({ a: "it's", n: '12345678901234567.89' }),
    })
    .execute();
}

/** The checksum of an empty table, to tell that a table had rows. */
async function emptyChecksum(db: TestDatabase['db']): Promise<string> {
  const { rows } = await sql<{ checksum: string }>`select md5('') as checksum`.execute(db);
  return rows[0]?.checksum ?? '';
}

const tempFile = async (name: string) => path.join(await mkdtemp(path.join(tmpdir(), 'gie-backup-')), name);

describeWithDatabase('backup and restore', (database) => {
  it('restores exactly what was backed up, identities included', async () => {
    const { db } = database();
    await fillTricky(db);
    const before = await tableChecksums(db);
    const file = await tempFile('round-trip.sql');
    const summary = await backupToFile(db, file);
    expect(summary.tables.members).toBe(8);

    await db.insertInto('members').values({ code: 'M50', legal_name: 'After the backup' }).execute();
    await restoreFromFile(db, file);
    expect(await tableChecksums(db)).toEqual(before);
    // the sequences follow the data: the next member gets the next id, not a duplicate
    const next = await db
      .insertInto('members')
      .values({ code: 'M51', legal_name: 'Next' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(next.id).toBe(9);
  });

  it('changes nothing when the file is not a backup or fails half-way', async () => {
    const { db } = database();
    await seedDemo(db);
    const before = await tableChecksums(db);
    const notBackup = await tempFile('not-a-backup.sql');
    await writeFile(notBackup, 'drop table members;\n');
    await expect(restoreFromFile(db, notBackup)).rejects.toThrow(RestoreError);

    const broken = await tempFile('broken.sql');
    await backupToFile(db, broken);
    const text = await readFile(broken, 'utf8');
    await writeFile(broken, text.replace(/^commit;$/m, 'insert into members (code) values (null);\ncommit;'));
    await expect(restoreFromFile(db, broken)).rejects.toThrow();
    expect(await tableChecksums(db)).toEqual(before);
  });

  it('refuses a backup from a newer schema', async () => {
    const { db } = database();
    const file = await tempFile('newer.sql');
    await writeFile(file, '-- gie-ecp-backup/1\n-- migration: 29990101_0001_future\nbegin;\ncommit;\n');
    await expect(restoreFromFile(db, file)).rejects.toThrow(/newer version/);
  });
});

it.runIf(testEngines().includes('postgres'))(
  'moves a whole GIE from PGlite to PostgreSQL and back with identical tables',
  { timeout: 120_000 },
  async () => {
    const pglite = await openTestDatabase('pglite');
    const postgres = await openTestDatabase('postgres');
    try {
      await fillWholeGie(pglite.db);
      await fillTricky(pglite.db, { seeded: true });
      const original = await tableChecksums(pglite.db);
      for (const table of BUSINESS_TABLES) expect(original[table], table).not.toBe(await emptyChecksum(pglite.db));
      const file = await tempFile('pglite-to-postgres.sql');
      await backupToFile(pglite.db, file);
      await restoreFromFile(postgres.db, file);
      expect(await tableChecksums(postgres.db)).toEqual(original);

      const back = await tempFile('postgres-to-pglite.sql');
      await backupToFile(postgres.db, back);
      await pglite.reset();
      await restoreFromFile(pglite.db, back);
      expect(await tableChecksums(pglite.db)).toEqual(original);
    } finally {
      await pglite.reset();
      await postgres.release();
    }
  },
);

describeWithDatabase('backup and restore of a whole GIE', (database) => {
  it('brings back every business table to the byte, and the number series go on where they were', {
    timeout: 120_000,
  }, async () => {
    const { db } = database();
    const { memberId, customerId } = await fillWholeGie(db);
    const before = await tableChecksums(db);
    for (const table of BUSINESS_TABLES) expect(before[table], table).toBeDefined();
    const file = await tempFile('whole-gie.sql');
    const summary = await backupToFile(db, file);
    for (const table of BUSINESS_TABLES) expect(summary.tables[table], table).toBeGreaterThan(0);

    // the day goes on after the backup, then the backup is restored over it
    const lost = await createSalesDraft(db, manager, {
      kind: 'invoice',
      memberId,
      customerId,
      lines: [{ description: 'Après la sauvegarde', quantity: '1', unitPrice: '100.00', vat: '20' }],
    });
    await issueSalesDocument(db, manager, lost.id, { issueDate: `${YEAR}-07-20` });
    await restoreFromFile(db, file);
    expect(await tableChecksums(db)).toEqual(before);

    // the counters came back with the data: the next invoice, entry and charge note take the next numbers
    const next = await createSalesDraft(db, manager, {
      kind: 'invoice',
      memberId,
      customerId,
      lines: [{ description: 'Après la restauration', quantity: '1', unitPrice: '100.00', vat: '20' }],
    });
    expect((await issueSalesDocument(db, manager, next.id, { issueDate: `${YEAR}-07-21` })).number).toBe(`FA-${YEAR}-00002`);
    const od = await db
      .selectFrom('entries')
      .select('number')
      .where('journal_code', '=', 'OD')
      .where('status', '=', 'posted')
      .execute();
    const entry = await post(db, manager, {
      journal: 'OD',
      date: `${YEAR}-07-22`,
      label: 'Après la restauration',
      lines: [
        { account: '5141', debit: '1.00' },
        { account: '5161', credit: '1.00' },
      ],
    });
    expect(entry.reference).toBe(`OD-${YEAR}-${String(od.length + 1).padStart(5, '0')}`);
  });
});

describeWithDatabase('migrations', (database) => {
  it('go down and up again, leaving the same schema', async () => {
    const { db } = database();
    const applied = await appliedMigrations(db);
    expect(applied.length).toBeGreaterThan(0);
    const first = applied[0] ?? '';
    await migrateTo(db, first);
    await migrateToLatest(db);
    expect(await appliedMigrations(db)).toEqual(applied);
    const columns = await db.introspection.getTables();
    expect(columns.map((t) => t.name)).toEqual(expect.arrayContaining(['members', 'users', 'sessions', 'audit_log']));
  });
});
