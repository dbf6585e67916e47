import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import {
  accountingCsv,
  analyticResult,
  closeFiscalYear,
  deleteDraft,
  generalLedger,
  getEntry,
  hledgerJournal,
  listAccounts,
  memberAccount,
  memberStatement,
  post,
  postDraft,
  postMany,
  setPeriodState,
  trialBalance,
  updateDraft,
  yearClosingChecklist,
} from '../../src/ledger/index.ts';
import type { Posting } from '../../src/ledger/posting.ts';
import { Dec } from '../../src/money/index.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { actor, openYear, transfer } from './support.ts';

const centsText = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** DOMAIN 5.1: the invoice through the collective, as posted at issue. */
function invoicePostings(memberId: number, memberAccountCode: string): Posting[] {
  return [
    {
      journal: 'VT',
      date: '2026-03-15',
      label: 'Facture FA-2026-00001',
      sourceRef: 'FA-2026-00001',
      lines: [
        { account: '3421', debit: '10082.08' },
        { account: '7124', credit: '8922.35', memberId },
        { account: '4455', credit: '1159.73' },
      ],
    },
    {
      journal: 'VT',
      date: '2026-03-15',
      label: 'Part du membre FA-2026-00001',
      sourceRef: 'FA-2026-00001',
      lines: [
        { account: '6186', debit: '8208.56', memberId },
        { account: memberAccountCode, credit: '8208.56' },
      ],
    },
  ];
}

describeWithDatabase('the ledger', (database) => {
  it('posts the worked invoice of DOMAIN 5.1 and reads it back in the trial balance, to the centime', async () => {
    const { db } = database();
    await seedDemo(db);
    await openYear(db);
    const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
    const account = await memberAccount(db, m01.id);
    expect(account).toEqual({ code: '4464-M01', owedToMember: '0.00' });
    for (const p of invoicePostings(m01.id, '4464-M01')) await post(db, actor, p);
    await post(db, actor, {
      journal: 'BQ1',
      date: '2026-04-02',
      label: 'Règlement client',
      lines: [
        { account: '5141', debit: '6000.00' },
        { account: '3421', credit: '6000.00' },
      ],
    });

    const balance = await trialBalance(db, { from: '2026-01-01', to: '2026-12-31' });
    expect(balance.source).toBe('balances');
    const closing = Object.fromEntries(balance.rows.map((r) => [r.account, r.closing]));
    expect(closing).toEqual({
      '3421': '4082.08',
      '4455': '-1159.73',
      '4464-M01': '-8208.56',
      '5141': '6000.00',
      '6186': '8208.56',
      '7124': '-8922.35',
    });
    expect(balance.totals.debit).toBe(balance.totals.credit);
    expect(balance.totals.closingDebit).toBe(balance.totals.closingCredit);
    expect(await memberAccount(db, m01.id)).toEqual({ code: '4464-M01', owedToMember: '8208.56' });
    const analytic = await analyticResult(db, { from: '2026-01-01', to: '2026-12-31' }, 'member');
    expect(analytic).toEqual([
      { memberId: m01.id, memberCode: 'M01', service: null, products: '8922.35', charges: '8208.56', result: '713.79' },
    ]);
  });

  it('posts one entry of 10,000 lines, as an allocation run over 1,000 members and 10 services writes', async () => {
    const { db } = database();
    await openYear(db);
    // 9 parameters a line: one INSERT of every line would pass PostgreSQL's 65,535 parameters a statement
    const lines: Posting['lines'] = Array.from({ length: 9_999 }, () => ({ account: '61365', debit: '0.01' }));
    lines.push({ account: '5141', credit: '99.99' });
    const entry = await post(db, actor, { journal: 'OD', date: '2026-03-31', label: 'Répartition', lines });
    expect(entry.lines).toHaveLength(10_000);
    expect(entry.totals).toEqual({ debit: '99.99', credit: '99.99' });
    expect(entry.lines.at(-1)).toMatchObject({ lineNo: 10_000, account: '5141', credit: '99.99' });
  });

  it('gives the same trial balance from the per-period balances and from the lines', async () => {
    const { db } = database();
    await openYear(db);
    await post(db, actor, transfer('5141', '3421', '100.00', '2026-01-20'));
    await post(db, actor, transfer('61365', '5141', '30.25', '2026-02-03'));
    await post(db, actor, transfer('3421', '7124', '70.10', '2026-02-28'));
    const fast = await trialBalance(db, { from: '2026-02-01', to: '2026-02-28' });
    expect(fast.source).toBe('balances');
    // a journal filter (every entry here is OD) makes it read the lines, and a date inside a period too
    const byLines = await trialBalance(db, { from: '2026-02-01', to: '2026-02-28', journal: 'OD' });
    const midPeriod = await trialBalance(db, { from: '2026-02-02', to: '2026-02-28' });
    expect(midPeriod.source).toBe('lines');
    expect(midPeriod.rows.find((r) => r.account === '3421')).toMatchObject({ opening: '-100.00', debit: '70.10' });
    expect(byLines.source).toBe('lines');
    expect(byLines.rows).toEqual(fast.rows);
    expect(fast.rows.find((r) => r.account === '5141')).toMatchObject({
      opening: '100.00',
      debit: '0.00',
      credit: '30.25',
      closing: '69.75',
    });
  });

  it('lists the general ledger with running balances and a member statement', async () => {
    const { db } = database();
    await seedDemo(db);
    await openYear(db);
    const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
    for (const p of invoicePostings(m01.id, '4464-M01')) await post(db, actor, p);
    await post(db, actor, {
      journal: 'BQ1',
      date: '2026-04-10',
      label: 'Reversement au membre',
      lines: [
        { account: '4464-M01', debit: '5000.00' },
        { account: '5141', credit: '5000.00' },
      ],
    });
    const ledger = await generalLedger(db, { from: '2026-01-01', to: '2026-12-31', accountFrom: '4464', accountTo: '4464' });
    expect(ledger.map((a) => a.account)).toEqual(['4464-M01']);
    expect(ledger[0]?.lines.map((l) => l.balance)).toEqual(['-8208.56', '-3208.56']);
    const statement = await memberStatement(db, m01.id, { from: '2026-04-01', to: '2026-12-31' });
    expect(statement).toMatchObject({ account: '4464-M01', opening: '8208.56', closing: '3208.56' });
    expect(statement.lines.map((l) => l.balance)).toEqual(['3208.56']);
  });

  it('answers the same request with the same key once, and refuses the key with another body', async () => {
    const { db } = database();
    await openYear(db);
    const first = await post(db, actor, transfer('5141', '3421', '10.00'), { idempotencyKey: 'pay-42' });
    const again = await post(db, actor, transfer('5141', '3421', '10.00'), { idempotencyKey: 'pay-42' });
    expect(again.id).toBe(first.id);
    await expect(post(db, actor, transfer('5141', '3421', '11.00'), { idempotencyKey: 'pay-42' })).rejects.toMatchObject({
      kind: 'conflict',
      errors: [{ path: 'idempotencyKey' }],
    });
    expect(await db.selectFrom('entries').select('id').execute()).toHaveLength(1);
    // a draft saved under a key is not the posting of that key
    await post(db, actor, transfer('5141', '3421', '12.00'), { idempotencyKey: 'draft-7', draft: true });
    await expect(post(db, actor, transfer('5141', '3421', '12.00'), { idempotencyKey: 'draft-7' })).rejects.toMatchObject({
      kind: 'conflict',
    });
  });

  it('keeps drafts editable and unnumbered until posted, then immutable', async () => {
    const { db } = database();
    await openYear(db);
    const draft = await post(
      db,
      actor,
      { journal: 'OD', date: '2026-06-01', label: 'Brouillon', lines: [{ account: '5141', debit: '5.00' }] },
      { draft: true },
    );
    expect(draft).toMatchObject({ status: 'draft', number: null, reference: `BROUILLON-${draft.id}` });
    await expect(postDraft(db, actor, draft.id)).rejects.toMatchObject({ kind: 'invalid' });
    const fixed = await updateDraft(db, actor, draft.id, transfer('5141', '3421', '5.00', '2026-06-02'));
    expect(fixed.lines).toHaveLength(2);
    const posted = await postDraft(db, actor, draft.id);
    expect(posted).toMatchObject({ status: 'posted', number: 1, reference: 'OD-2026-00001' });
    await expect(updateDraft(db, actor, draft.id, transfer('5141', '3421', '6.00', '2026-06-02'))).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(deleteDraft(db, actor, draft.id)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('names every wrong field of a posting', async () => {
    const { db } = database();
    await openYear(db);
    await expect(
      post(db, actor, {
        journal: 'OD',
        date: '2026-13-01',
        label: '',
        lines: [
          { account: '5141', debit: '1.005' },
          { account: '3421', debit: '1', credit: '1' },
        ],
      }),
    ).rejects.toMatchObject({
      errors: [{ path: 'date' }, { path: 'label' }, { path: 'lines.0.debit' }, { path: 'lines.0' }, { path: 'lines.1' }],
    });
    await expect(post(db, actor, transfer('5141', '3421', '10.00', '2026-03-01', 'ZZ'))).rejects.toMatchObject({
      errors: [{ path: 'journal' }],
    });
  });

  it('names every unknown reference of a posting, line by line, and writes nothing', async () => {
    const { db } = database();
    await seedDemo(db);
    await openYear(db);
    const before = await db.selectFrom('entries').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(
      post(db, actor, {
        journal: 'OD',
        date: '2026-03-01',
        label: 'Références',
        lines: [
          { account: '9999', debit: '5.00', memberId: 999_999, partyId: 1.5 },
          { account: '5141', credit: '5.00', partyId: 4_000_000_000 },
        ],
      }),
    ).rejects.toMatchObject({
      errors: [
        { path: 'lines.0.account', message: 'unknown account "9999"' },
        { path: 'lines.0.memberId', message: 'member 999999 does not exist' },
        { path: 'lines.0.partyId', message: 'third party 1.5 does not exist' },
        { path: 'lines.1.partyId', message: 'third party 4000000000 does not exist' },
      ],
    });
    const after = await db.selectFrom('entries').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('answers a posted entry exactly as it reads back, and audits it under the same reference', async () => {
    const { db } = database();
    await seedDemo(db);
    await openYear(db);
    const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
    const posted = await post(db, actor, {
      journal: 'OD',
      date: '2026-05-04',
      label: '  Frais partagés  ',
      sourceRef: 'PJ-7',
      lines: [
        { account: '61365', debit: '1250.5', memberId: m01.id, service: 'COMPTA', label: 'Comptabilité' },
        { account: '5141', credit: '1250.50' },
      ],
    });
    expect(posted).toEqual(await getEntry(db, posted.id));
    expect(posted).toMatchObject({ reference: 'OD-2026-00001', label: 'Frais partagés', status: 'posted' });
    expect(posted.totals).toEqual({ debit: '1250.50', credit: '1250.50' });
    const draft = await post(db, actor, transfer('5141', '3421', '3.00', '2026-05-05', 'OD'), { draft: true });
    expect(draft).toEqual(await getEntry(db, draft.id));
    expect(draft.reference).toBe(`BROUILLON-${draft.id}`);
    const audits = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after'])
      .where('entity', '=', 'entry')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => [a.action, a.entity_id, (a.after as { reference: string }).reference])).toEqual([
      ['entry.post', String(posted.id), 'OD-2026-00001'],
      ['entry.draft', String(draft.id), `BROUILLON-${draft.id}`],
    ]);
    expect(audits[0]?.after).toEqual({
      reference: 'OD-2026-00001',
      date: '2026-05-04',
      totals: { debit: '1250.50', credit: '1250.50' },
      sourceRef: 'PJ-7',
    });
  });

  it('exports CSV with analytic columns and neutralised formulas', async () => {
    const { db } = database();
    await seedDemo(db);
    await openYear(db);
    const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
    await post(db, actor, {
      journal: 'OD',
      date: '2026-03-01',
      label: '=HYPERLINK("x")',
      lines: [
        { account: '61365', debit: '12.00', memberId: m01.id, service: 'COMPTA' },
        { account: '5141', credit: '12.00' },
      ],
    });
    const csv = await accountingCsv(db, { from: '2026-01-01', to: '2026-12-31' });
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('journal;date;numero;compte;libelle_compte;tiers;libelle;debit;credit;membre;service;piece');
    expect(lines[1]).toBe(`OD;2026-03-01;OD-2026-00001;61365;Honoraires;;"'=HYPERLINK(""x"")";12.00;0.00;M01;COMPTA;`);
  });

  it('closes a year: carries the balance sheet forward, the result into 1181, and closes every period', async () => {
    const { db } = database();
    const year = await openYear(db);
    await post(db, actor, transfer('5141', '1111', '1000.00', '2026-01-05'));
    await post(db, actor, transfer('5141', '7124', '500.00', '2026-06-05'));
    await post(db, actor, transfer('61365', '5141', '200.00', '2026-07-05'));
    await post(db, actor, transfer('4464', '5141', '25.00', '2026-08-01'));
    const checklist = await yearClosingChecklist(db, year.id);
    expect(checklist.find((c) => c.item === 'next_year_open')?.ok).toBe(false);
    expect(checklist.find((c) => c.item === 'members_reconciled')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('4464'),
    });
    await post(db, actor, transfer('5141', '4464', '25.00', '2026-08-02'));
    expect((await yearClosingChecklist(db, year.id)).find((c) => c.item === 'members_reconciled')?.ok).toBe(true);
    await expect(closeFiscalYear(db, actor, year.id)).rejects.toMatchObject({ kind: 'conflict' });
    await openYear(db, '2027-01-01');
    const closed = await closeFiscalYear(db, actor, year.id);
    expect(closed.state).toBe('closed');
    expect(closed.periods.every((p) => p.state === 'closed')).toBe(true);
    // the carried balances read as the new year's opening balances, from the balances and from the lines alike
    const fromBalances = await trialBalance(db, { from: '2027-01-01', to: '2027-01-31' });
    const fromLines = await trialBalance(db, { from: '2027-01-01', to: '2027-01-15' });
    expect([fromBalances.source, fromLines.source]).toEqual(['balances', 'lines']);
    for (const opening of [fromBalances, fromLines]) {
      expect(opening.rows.map((r) => [r.account, r.opening, r.debit, r.credit, r.closing])).toEqual([
        ['1111', '-1000.00', '0.00', '0.00', '-1000.00'],
        ['1181', '-300.00', '0.00', '0.00', '-300.00'],
        ['5141', '1300.00', '0.00', '0.00', '1300.00'],
      ]);
    }
    // and the closed year is not counted a second time in the accounts' balances
    const accounts = await listAccounts(db, { search: '5141' });
    expect(accounts.find((a) => a.code === '5141')?.balance).toBe('1300.00');
    await expect(setPeriodState(db, actor, closed.periods[0]?.id ?? 0, 'open')).rejects.toThrow(/closed/);
  });

  it.skipIf(!existsSync('/usr/bin/hledger') && process.env.REQUIRE_HLEDGER !== '1')(
    'agrees with hledger on 10,000 generated entries',
    { timeout: 240_000 },
    async () => {
      const { db } = database();
      await openYear(db);
      const accounts = ['3421', '4411', '4455', '34552', '5141', '5161', '61365', '61428', '7124', '7111', '6186', '1111'];
      let seed = 42;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const postings: Posting[] = [];
      for (let i = 0; i < 10_000; i++) {
        const lineCount = 2 + Math.floor(random() * 3);
        const lines: Posting['lines'] = [];
        let total = 0;
        for (let n = 0; n < lineCount - 1; n++) {
          const cents = 1 + Math.floor(random() * 1_000_000);
          total += cents;
          lines.push({ account: accounts[Math.floor(random() * accounts.length)] ?? '5141', debit: centsText(cents) });
        }
        lines.push({ account: accounts[Math.floor(random() * accounts.length)] ?? '3421', credit: centsText(total) });
        const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
        const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
        postings.push({ journal: 'OD', date: `2026-${month}-${day}`, label: `Écriture générée n° ${i}; test`, lines });
      }
      await postMany(db, actor, postings);
      const filter = { from: '2026-01-01', to: '2026-12-31' };
      const ours = await trialBalance(db, filter);
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'gie-hledger-')), 'export.journal');
      await writeFile(file, await hledgerJournal(db, filter));
      if (!existsSync('/usr/bin/hledger'))
        throw new Error('REQUIRE_HLEDGER=1 but hledger is not installed (apt-get install hledger)');
      const csv = execFileSync('hledger', ['-f', file, 'bal', '--flat', '--no-total', '-O', 'csv'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const theirs = Object.fromEntries(
        csv
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.replace(/"/g, '').split(','))
          .map(([account, ...amount]) => [
            account,
            amount
              .join('')
              .replace(/\s*MAD\s*/, '')
              .replace(/,/g, ''),
          ]),
      );
      const mine = Object.fromEntries(ours.rows.filter((r) => r.closing !== '0.00').map((r) => [r.account, r.closing]));
      const normalise = (record: Record<string, string>) =>
        Object.fromEntries(Object.entries(record).map(([k, v]) => [k, new Dec(v ?? '0').toFixed(2)]));
      expect(Object.keys(mine).length).toBeGreaterThan(5);
      expect(normalise(theirs)).toEqual(normalise(mine));
    },
  );
});
