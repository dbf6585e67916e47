// The crash suites' checker must see what it looks for: whole books pass, and each kind of damage is named.
import { post, SYSTEM_ACTOR, seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { lastEntryId, MANUAL_LABEL, noneAcknowledged, violations } from './invariants.ts';

const YEAR = new Date().getUTCFullYear();
const transfer = (label: string) => ({
  journal: 'OD',
  date: `${YEAR}-05-10`,
  label,
  lines: [
    { account: '5141', debit: '5.00' },
    { account: '5161', credit: '5.00' },
  ],
});

describeWithDatabase('the books checker of the crash suites', (database) => {
  it('passes whole books and names a lost acknowledgement, a gap, an unbalanced entry and an orphan entry', async () => {
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const seeded = await lastEntryId(db);
    const manual = await post(db, SYSTEM_ACTOR, transfer(`${MANUAL_LABEL} 1.1`));
    const ack = noneAcknowledged();
    ack.entries.set(manual.id, manual.reference);
    expect(await violations(db, ack, { seededEntriesUpTo: seeded })).toEqual([]);

    ack.invoices.set(999, `FA-${YEAR}-00999`);
    ack.entries.set(manual.id, `OD-${YEAR}-00099`);
    const orphan = await post(db, SYSTEM_ACTOR, transfer('Écriture sans pièce'));
    await sql`alter table journal_counters disable trigger user`.execute(db);
    await sql`update journal_counters set last_number = last_number + 1 where journal_code = 'BQ1'`.execute(db);
    await sql`alter table journal_counters enable trigger user`.execute(db);
    await sql`alter table entry_lines disable trigger user`.execute(db);
    await sql`update entry_lines set debit = debit + 1 where entry_id = ${manual.id} and debit > 0`.execute(db);
    await sql`alter table entry_lines enable trigger user`.execute(db);

    const found = await violations(db, ack, { seededEntriesUpTo: seeded });
    expect(found).toEqual(
      expect.arrayContaining([
        `entry ${manual.id} does not balance: debit 6.00, credit 5.00, 2 lines`,
        expect.stringMatching(/^the balance of 5141 in period \d+ is not the sum of its lines$/),
        expect.stringMatching(/^the balance of 5141 in fiscal year \d+ is not the sum of its lines$/),
        expect.stringMatching(/^journal BQ1 \(year \d+\) numbers are not 1\.\.1: highest 1, counter 2$/),
        `entry ${orphan.id} ("Écriture sans pièce") belongs to no document`,
        `acknowledged invoice FA-${YEAR}-00999 (id 999) is lost`,
        `acknowledged entry OD-${YEAR}-00099 (id ${manual.id}) is lost`,
      ]),
    );
  });
});
