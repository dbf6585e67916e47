// The trial balance read from the balances kept at posting (per month, per year, with the opening journal's part)
// must give exactly the rows and totals read from the lines, whatever the period and account range.
import { expect, it } from 'vitest';
import { closeFiscalYear, post as postEntry, type ReportFilter, reverseEntry, trialBalance } from '../../src/ledger/index.ts';
import type { Posting } from '../../src/ledger/posting.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { verifyDatabase } from '../../src/verify/index.ts';
import { actor, openYear, transfer } from './support.ts';

const FILTERS: ReportFilter[] = [
  // months, quarters, from the year start, not from the year start, across two years, account ranges
  { from: '2026-01-01', to: '2026-01-31' },
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-12-01', to: '2026-12-31' },
  { from: '2027-01-01', to: '2027-01-31' },
  { from: '2026-01-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2026-10-01', to: '2026-12-31' },
  { from: '2026-01-01', to: '2026-09-30' },
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2027-01-01', to: '2027-12-31' },
  { from: '2026-03-01', to: '2026-12-31' },
  { from: '2026-02-01', to: '2026-11-30' },
  { from: '2026-01-01', to: '2027-12-31' },
  { from: '2026-07-01', to: '2027-03-31' },
  { from: '2026-01-01', to: '2026-12-31', accountFrom: '4', accountTo: '5' },
  { from: '2026-03-01', to: '2026-12-31', accountTo: '1' },
  { from: '2027-01-01', to: '2027-12-31', accountFrom: '5141', accountTo: '7' },
];

describeWithDatabase('the trial balance from the kept balances', (database) => {
  it('gives the rows and totals of the lines: postings in several months, reversals, opening entries, a closed year', async () => {
    const { db } = database();
    const post = (posting: Posting) => postEntry(db, actor, posting);
    const year = await openYear(db);
    await post(transfer('5141', '1111', '1000.00', '2026-01-01', 'AN'));
    await post(transfer('5141', '7124', '500.00', '2026-06-05'));
    // posted after June into earlier months
    await post(transfer('61365', '5141', '200.00', '2026-02-10'));
    const wrong = await post(transfer('3421', '7124', '80.40', '2026-03-15'));
    await post(transfer('4464', '5141', '25.00', '2026-08-01'));
    await post(transfer('5141', '4464', '25.00', '2026-09-02'));
    await reverseEntry(db, actor, wrong.id, { date: '2026-04-02' });
    // an opening entry outside the first month still counts as opening balance when it falls in the range
    await post(transfer('3421', '1111', '40.00', '2026-03-01', 'AN'));
    await post(transfer('3421', '7124', '12.34', '2026-12-31'));
    await post(transfer('5141', '3421', '52.34', '2026-12-31'));
    await openYear(db, '2027-01-01');
    await closeFiscalYear(db, actor, year.id);
    await post(transfer('61365', '5141', '99.99', '2027-02-14'));
    const late = await post(transfer('5141', '7124', '300.00', '2027-05-20'));
    await reverseEntry(db, actor, late.id, { date: '2027-05-31' });

    for (const filter of FILTERS) {
      const kept = await trialBalance(db, filter);
      const lines = await trialBalance(db, filter, { fromLines: true });
      expect([kept.source, lines.source]).toEqual(['balances', 'lines']);
      expect({ filter, rows: kept.rows, totals: kept.totals }).toEqual({ filter, rows: lines.rows, totals: lines.totals });
    }
    // the figures themselves, for one year read from the roll-up and one month read from the months
    const year2026 = await trialBalance(db, { from: '2026-01-01', to: '2026-12-31' });
    expect(year2026.rows.find((r) => r.account === '5141')).toEqual({
      account: '5141',
      label: 'Banques (soldes débiteurs)',
      opening: '1000.00',
      debit: '577.34',
      credit: '225.00',
      closing: '1352.34',
    });
    expect(year2026.totals).toEqual({
      openingDebit: '1040.00',
      openingCredit: '1040.00',
      debit: '975.48',
      credit: '975.48',
      closingDebit: '1552.34',
      closingCredit: '1552.34',
    });
    const march = await trialBalance(db, { from: '2026-03-01', to: '2026-03-31' });
    expect(march.rows.find((r) => r.account === '3421')).toMatchObject({ opening: '40.00', debit: '80.40', credit: '0.00' });
    expect((await verifyDatabase(db)).ok).toBe(true);
  });
});
