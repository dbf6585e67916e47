import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { describeWithDatabase, openTestDatabase, type TestDatabase, testEngines } from '../../src/testing/index.ts';

async function fillTricky(db: TestDatabase['db']) {
  await seedDemo(db);
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
  async () => {
    const pglite = await openTestDatabase('pglite');
    const postgres = await openTestDatabase('postgres');
    try {
      await fillTricky(pglite.db);
      const original = await tableChecksums(pglite.db);
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
