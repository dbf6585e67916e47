import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { DomainError } from '../../src/errors.ts';
import { memberPosition } from '../../src/invoicing/payouts.ts';
import { memberStatementCsv, memberStatementDocument } from '../../src/invoicing/statement.ts';
import { getEntry, post, yearClosingChecklist } from '../../src/ledger/index.ts';
import { Dec } from '../../src/money/index.ts';
import {
  addAdjustment,
  addKeyVersion,
  chargeNotePdf,
  costPoolDetail,
  createRun,
  createService,
  getChargeNote,
  importUsage,
  listChargeNotes,
  listRuns,
  listUsage,
  memberPoolingView,
  postRun,
  postYearEnd,
  previewRun,
  recordUsage,
  reverseRun,
  yearEndPreview,
  yearResult,
} from '../../src/pooling/index.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';
import { flatten, pdfPages, popplerAvailable } from '../documents/pdf/support.ts';
import { accountant, domain53, EXPECTED, MEMBERS, manager, QUARTER, YEAR } from './support.ts';

type Db = Parameters<typeof domain53>[0];

async function balances(db: Db): Promise<Record<string, string>> {
  const { rows } = await sql<{ account_code: string; net: string }>`
    select account_code, sum(debit - credit) as net from account_balances group by account_code order by account_code`.execute(
    db,
  );
  return Object.fromEntries(rows.map((r) => [r.account_code, new Dec(r.net).toFixed(2)]));
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

async function counts(db: Db) {
  const tables = [
    'pooled_services',
    'pooling_usage',
    'pooling_runs',
    'pooling_run_lines',
    'pooling_adjustments',
    'entries',
  ] as const;
  const result: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

describeWithDatabase('allocation runs', (database) => {
  it('allocates DOMAIN 5.3 to the centime, drafts it, and posts one balanced entry with numbered charge notes', async () => {
    const { db } = database();
    const { memberIds, serviceIds } = await domain53(db);
    const preview = await previewRun(db, accountant, QUARTER);
    expect(preview.problems).toEqual([]);
    expect(preview.services.map((s) => s.code)).toEqual(['COMMERCIAL', 'COMPTA', 'LOCAL', 'TRANSPORT']);
    for (const service of preview.services) {
      expect(service.lines.map((l) => l.memberCode)).toEqual([...MEMBERS]);
      expect(
        service.lines.map((l) => l.amount),
        service.code,
      ).toEqual(EXPECTED[service.code as keyof typeof EXPECTED]);
    }
    const transport = preview.services.find((s) => s.code === 'TRANSPORT');
    expect(transport?.pool).toMatchObject({ expenses: '9999.99', adjustments: '0.00', total: '9999.99' });
    expect(transport?.lines[0]?.explanation).toBe('9 999.99 × 1 240/9 380');
    expect(preview.services.find((s) => s.code === 'COMPTA')?.lines[0]?.explanation).toBe('36 000.00 × 1/7, +0.01 remainder');
    expect(preview.totals.byMember.map((m) => m.total)).toEqual(EXPECTED.total);
    expect(preview.totals.total).toBe('88749.99');

    // the drill-down of a pool: the ledger lines carrying the service's analytic code
    const pool = await costPoolDetail(db, accountant, serviceIds.COMPTA, QUARTER);
    expect(pool.lines.map((l) => [l.account, l.amount])).toEqual([
      ['61365', '30000.00'],
      ['61365', '6000.00'],
    ]);

    const draft = await createRun(db, manager, QUARTER);
    expect(draft).toMatchObject({ status: 'draft', entryId: null, chargeNotes: [] });
    expect(draft.totals.byMember.map((m) => m.total)).toEqual(EXPECTED.total);
    const posted = await postRun(db, manager, draft.id, { idempotencyKey: 'q3-run' });
    expect(posted.status).toBe('posted');
    const entry = await getEntry(db, posted.entryId ?? 0);
    expect(entry).toMatchObject({ journal: 'OD', date: QUARTER.to, totals: { debit: '88749.99', credit: '88749.99' } });
    for (const [i, code] of MEMBERS.entries()) {
      const charged = entry.lines.filter((l) => l.account === `4464-${code}`).reduce((acc, l) => acc.plus(l.debit), new Dec(0));
      expect(charged.toFixed(2), code).toBe(EXPECTED.total[i]);
      expect(entry.lines.filter((l) => l.account === `4464-${code}`).every((l) => l.memberId === memberIds[code])).toBe(true);
    }
    expect(entry.lines.filter((l) => l.account === '7197').map((l) => [l.service, l.credit])).toEqual([
      ['COMMERCIAL', '18750.00'],
      ['COMPTA', '36000.00'],
      ['LOCAL', '24000.00'],
      ['TRANSPORT', '9999.99'],
    ]);
    // one charge note per member, numbered in their own series in member order
    expect(posted.chargeNotes.map((n) => n.number)).toEqual(MEMBERS.map((_, i) => `ND-${YEAR}-0000${i + 1}`));
    expect(posted.chargeNotes.map((n) => n.totalTtc)).toEqual(EXPECTED.total);
    // the same approval sent again gives the same run and posts nothing more
    const again = await postRun(db, manager, draft.id, { idempotencyKey: 'q3-run' });
    expect(again.entryId).toBe(posted.entryId);
    await expect(postRun(db, manager, draft.id)).rejects.toMatchObject({ kind: 'conflict' });
    expect((await listRuns(db, accountant)).map((r) => [r.status, r.total])).toEqual([['posted', '88749.99']]);

    // next quarter compares with this one
    await addAdjustment(db, manager, {
      serviceId: serviceIds.COMPTA,
      appliesOn: `${YEAR}-10-15`,
      amount: '700.00',
      reason: 'Logiciel',
    });
    const next = await previewRun(db, accountant, {
      from: `${YEAR}-10-01`,
      to: `${YEAR}-12-31`,
      serviceIds: [serviceIds.COMPTA],
    });
    expect(next.previousPeriod).toEqual(QUARTER);
    expect(next.totals.byService[0]).toMatchObject({ code: 'COMPTA', cost: '700.00', allocated: '700.00', previous: '36000.00' });
    expect(next.totals.byMember[0]).toMatchObject({ memberCode: 'M01', amount: '100.00', previous: '5142.86' });
    // a posted period is closed to adjustments and to a second run of the same service
    expect(
      (
        await failure(
          addAdjustment(db, manager, { serviceId: serviceIds.COMPTA, appliesOn: `${YEAR}-08-01`, amount: '5.00', reason: 'x' }),
        )
      ).kind,
    ).toBe('conflict');
    const repeat = await previewRun(db, accountant, QUARTER);
    expect(repeat.services).toEqual([]);
    expect(repeat.skipped.map((s) => s.code)).toEqual(['COMMERCIAL', 'COMPTA', 'LOCAL', 'TRANSPORT']);
  });

  it('leaves the ledger, after a reversal and a new run, as if only the second run had happened', async () => {
    const { db } = database();
    const { serviceIds } = await domain53(db);
    const before = await balances(db);
    const first = await postRun(db, manager, (await createRun(db, manager, QUARTER)).id);
    // a new draft cannot be posted over a posted run
    const blocked = await createRun(db, manager, { ...QUARTER, serviceIds: [serviceIds.COMPTA] }).catch((e: unknown) => e);
    expect(blocked).toMatchObject({ kind: 'invalid', errors: [{ path: 'services.COMPTA' }] });
    const reversed = await reverseRun(db, manager, first.id, { date: `${YEAR}-10-05`, reason: 'Loyer corrigé' });
    expect(reversed).toMatchObject({ status: 'reversed', reversalReason: 'Loyer corrigé' });
    expect((await getEntry(db, reversed.reversalEntryId ?? 0)).reversesEntryId).toBe(first.entryId);
    await expect(reverseRun(db, manager, first.id, { date: `${YEAR}-10-05`, reason: 'again' })).rejects.toMatchObject({
      kind: 'conflict',
    });
    // the charge notes of the reversed run stay in their series, cancelled
    expect((await listChargeNotes(db, accountant)).every((n) => n.cancelled)).toBe(true);

    await addAdjustment(db, manager, {
      serviceId: serviceIds.LOCAL,
      appliesOn: `${YEAR}-09-30`,
      amount: '-700.00',
      reason: 'Remise du bailleur',
    });
    const second = await postRun(db, manager, (await createRun(db, manager, QUARTER)).id);
    expect(second.services.find((s) => s.code === 'LOCAL')?.pool.total).toBe('23300.00');
    const secondEntry = await getEntry(db, second.entryId ?? 0);
    const expected: Record<string, Dec> = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, new Dec(v)]));
    for (const line of secondEntry.lines)
      expected[line.account] = (expected[line.account] ?? new Dec(0)).plus(line.debit).minus(line.credit);
    const after = await balances(db);
    const nonZero = (record: Record<string, string>) =>
      Object.fromEntries(Object.entries(record).filter(([, v]) => !new Dec(v).isZero()));
    expect(nonZero(after)).toEqual(nonZero(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.toFixed(2)]))));
    expect(second.chargeNotes.map((n) => n.number)[0]).toBe(`ND-${YEAR}-00008`);

    // the member's statement follows its account: charged, given back by the reversal, charged again
    const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
    const statement = await memberStatementDocument(db, manager, m01.id, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
    const pooled = statement.lines.filter((l) => l.kind.startsWith('pooled_costs'));
    const firstNote = first.chargeNotes.find((n) => n.memberId === m01.id);
    const secondNote = second.chargeNotes.find((n) => n.memberId === m01.id);
    expect(pooled.map((l) => [l.kind, l.reference, l.pooledCosts]).sort()).toEqual(
      [
        ['pooled_costs', firstNote?.number, EXPECTED.total[0]],
        ['pooled_costs_cancelled', firstNote?.number, `-${EXPECTED.total[0]}`],
        ['pooled_costs', secondNote?.number, secondNote?.totalTtc],
      ].sort(),
    );
    expect(pooled.find((l) => l.kind === 'pooled_costs_cancelled')?.date).toBe(`${YEAR}-10-05`);
    expect(statement.totals.pooledCosts).toBe(secondNote?.totalTtc);
    // nothing else moved M01's account this year: its balance is minus what the second run charged
    expect(new Dec(statement.account.closing).minus(statement.account.opening).toFixed(2)).toBe(
      new Dec(secondNote?.totalTtc ?? '0').negated().toFixed(2),
    );
    expect(memberStatementCsv(statement)).toContain('services_mutualises');
    // the member's position counts the posted run only
    expect((await memberPosition(db, manager, m01.id)).pooledCosts).toBe(secondNote?.totalTtc);
  });

  it('makes one posted, non-reversed run per service and period a rule of the database itself', async () => {
    const { db } = database();
    await domain53(db);
    const a = await createRun(db, manager, QUARTER);
    const b = await createRun(db, manager, QUARTER);
    await postRun(db, manager, a.id);
    await expect(postRun(db, manager, b.id)).rejects.toMatchObject({ kind: 'conflict' });
    // even a statement that skips the core is refused
    const other = await post(db, manager, {
      journal: 'OD',
      date: QUARTER.to,
      label: 'x',
      lines: [
        { account: '5141', debit: '1.00' },
        { account: '4411', credit: '1.00' },
      ],
    });
    await expect(
      sql`update pooling_runs set status = 'posted', entry_id = ${other.id} where id = ${b.id}`.execute(db),
    ).rejects.toThrow(/pooling_run_services_one_posted|duplicate key/);
    // and a posted run cannot be edited nor deleted
    await expect(sql`update pooling_runs set period_to = ${`${YEAR}-09-29`} where id = ${a.id}`.execute(db)).rejects.toThrow(
      /posted/,
    );
    await expect(sql`delete from pooling_run_lines where run_id = ${a.id}`.execute(db)).rejects.toThrow(/cannot change/);
    await expect(sql`delete from pooling_runs where id = ${a.id}`.execute(db)).rejects.toThrow(/never deleted/);
  });

  it.skipIf(!popplerAvailable())('prints the charge note: GIE, member, each service with its basis, the total', async () => {
    const { db } = database();
    await domain53(db);
    const run = await postRun(db, manager, (await createRun(db, manager, QUARTER)).id);
    const { note, bytes } = await chargeNotePdf(db, accountant, run.chargeNotes[0]?.id ?? 0);
    const pages = pdfPages(bytes);
    expect(pages).toHaveLength(1);
    const text = flatten(pages[0] ?? '');
    for (const mention of [
      'NOTE DE DÉBIT',
      `N° ND-${YEAR}-00001`,
      'GIE-ECP Tanger-Tétouan (démonstration)',
      'ICE 003456789000012',
      'Coopérative Al Baraka des produits du terroir (M01)',
      'Comptabilité (COMPTA)',
      'parts égales 36 000.00 × 1/7, +0.01 (plus fort reste)',
      'Local partagé (LOCAL) 40% parts égales + 60%',
      'chiffre d’affaires facturé 18 750.00 × 48 200/284 000',
      '5 142,86',
      'Total 14 309,90',
      'quatorze mille trois cent neuf dirhams et quatre-vingt-dix centimes',
      `4464-M01`,
    ]) {
      expect(text).toContain(mention);
    }
    expect(note.snapshot.totals.ttc).toBe('14309.90');
    // the same note renders to the same bytes
    expect((await chargeNotePdf(db, accountant, note.id)).bytes).toEqual(bytes);
  });

  it("shows an entrepreneur their own member's shares, usage and charge notes, and nothing of others", async () => {
    const { db } = database();
    const { memberIds, serviceIds } = await domain53(db);
    await postRun(db, manager, (await createRun(db, manager, QUARTER)).id);
    const entrepreneur: Actor = { userId: 0, role: 'entrepreneur', memberId: memberIds.M01 ?? 0 };
    const view = await memberPoolingView(db, entrepreneur, memberIds.M01 ?? 0, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
    expect(view.totals.total).toBe('14309.90');
    expect(view.lines.map((l) => [l.serviceCode, l.amount])).toEqual([
      ['COMMERCIAL', '3182.22'],
      ['COMPTA', '5142.86'],
      ['LOCAL', '4662.86'],
      ['TRANSPORT', '1321.96'],
    ]);
    expect(view.lines[1]).toMatchObject({
      keyLabel: 'equal shares',
      cost: '36000.00',
      explanation: '36 000.00 × 1/7, +0.01 remainder',
    });
    expect(view.lines[0]?.chargeNote?.number).toBe(`ND-${YEAR}-00001`);
    expect(view.usage).toEqual([{ serviceCode: 'TRANSPORT', serviceName: 'Transport', unit: 'km', quantity: '1240' }]);
    await expect(memberPoolingView(db, entrepreneur, memberIds.M02 ?? 0, QUARTER)).rejects.toMatchObject({ kind: 'not_found' });
    const notes = await listChargeNotes(db, entrepreneur);
    expect(notes.map((n) => n.memberCode)).toEqual(['M01']);
    const others = await listChargeNotes(db, accountant, { memberId: memberIds.M02 });
    await expect(getChargeNote(db, entrepreneur, others[0]?.id ?? 0)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(listChargeNotes(db, entrepreneur, { memberId: memberIds.M02 })).rejects.toMatchObject({ kind: 'not_found' });
    const usage = await listUsage(db, entrepreneur, { serviceId: serviceIds.TRANSPORT });
    expect(new Set(usage.items.map((u) => u.memberCode))).toEqual(new Set(['M01']));
    await expect(previewRun(db, entrepreneur, QUARTER)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      recordUsage(db, entrepreneur, {
        serviceId: serviceIds.TRANSPORT,
        memberId: memberIds.M01 ?? 0,
        usedOn: QUARTER.from,
        quantity: '1',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const { db } = database();
    const { memberIds, serviceIds } = await domain53(db);
    const before = await counts(db);
    const badCode = await failure(
      createService(db, manager, { code: 'bad code', name: 'x', unit: 'km', key: { kind: 'equal', validFrom: `${YEAR}-01-01` } }),
    );
    expect(badCode.errors.map((e) => e.path)).toEqual(['code']);
    const badKey = await failure(
      createService(db, manager, {
        code: 'ATELIER',
        name: 'Atelier',
        unit: 'hours',
        key: {
          kind: 'composite',
          validFrom: '2026-02-30',
          components: [
            { kind: 'equal', share: '0.5' },
            { kind: 'quantity', share: '0.6' },
          ],
        },
      }),
    );
    expect(badKey.errors.map((e) => e.path)).toEqual(['key.validFrom', 'key.components.1.quantity']);
    const badUsage = await failure(
      recordUsage(db, manager, {
        serviceId: serviceIds.TRANSPORT,
        memberId: memberIds.M01 ?? 0,
        usedOn: QUARTER.from,
        quantity: '-3',
      }),
    );
    expect(badUsage.errors.map((e) => e.path)).toEqual(['quantity']);
    const badPeriod = await failure(createRun(db, manager, { from: QUARTER.to, to: QUARTER.from }));
    expect(badPeriod.errors.map((e) => e.path)).toEqual(['to']);
    const badAdjustment = await failure(
      addAdjustment(db, manager, { serviceId: serviceIds.LOCAL, appliesOn: QUARTER.to, amount: '0.00', reason: ' ' }),
    );
    expect(badAdjustment.errors.map((e) => e.path)).toEqual(['amount', 'reason']);
    const report = await importUsage(
      db,
      manager,
      'service;membre;date;quantité\nTRANSPORT;M01;15/08/2026;12\nBUS;M09;2026-13-01;-1\n',
      'apply',
    );
    expect(report.created).toBe(0);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'date'],
      [3, 'quantité'],
      [3, 'service'],
      [3, 'membre'],
    ]);
    expect(await counts(db)).toEqual(before);
  });

  it('refuses a key whose weights are all zero, naming the service, unless the key has a fallback', async () => {
    const { db } = database();
    await domain53(db);
    const atelier = await createService(db, manager, {
      code: 'ATELIER',
      name: 'Atelier partagé',
      unit: 'hours',
      key: { kind: 'usage', validFrom: `${YEAR}-01-01` },
    });
    await addAdjustment(db, manager, {
      serviceId: atelier.id,
      appliesOn: `${YEAR}-08-01`,
      amount: '700.00',
      reason: 'Loyer atelier',
    });
    const preview = await previewRun(db, accountant, QUARTER);
    expect(preview.problems).toEqual([
      {
        path: 'services.ATELIER',
        message: expect.stringMatching(
          /ATELIER \(Atelier partagé\) by usage: every member's weight is zero, and the key has no fallback/,
        ),
      },
    ]);
    const refused = await failure(createRun(db, manager, QUARTER));
    expect(refused.errors.map((e) => e.path)).toEqual(['services.ATELIER']);
    // from August, the key falls back to equal shares; the run uses the version in force at the end of the period
    await addKeyVersion(db, manager, atelier.id, { kind: 'usage', fallback: 'equal', validFrom: `${YEAR}-08-01` });
    const run = await createRun(db, manager, { ...QUARTER, serviceIds: [atelier.id] });
    expect(run.services[0]?.lines.map((l) => l.amount)).toEqual(MEMBERS.map(() => '100.00'));
    expect(run.services[0]?.bases[0]).toMatchObject({ label: 'equal shares', fallbackFrom: 'usage' });
  });

  it('imports usage from CSV: a dry run writes nothing, apply writes every row', async () => {
    const { db } = database();
    const { serviceIds } = await domain53(db);
    const csv =
      'Service,Member,Date,Quantity,Note\nTRANSPORT,M04,2026-08-02,"120,5",Souk\ntransport,m04,02/09/2026,79.5,\n'.replaceAll(
        '2026',
        String(YEAR),
      );
    const dry = await importUsage(db, manager, csv, 'dry-run');
    expect(dry).toMatchObject({ mode: 'dry-run', total: 2, valid: 2, created: 0, problems: [] });
    expect(
      (await listUsage(db, manager, { serviceId: serviceIds.TRANSPORT, from: `${YEAR}-08-02`, to: `${YEAR}-08-02` })).total,
    ).toBe(0);
    const progress: number[] = [];
    const applied = await importUsage(db, manager, csv, 'apply', (done) => progress.push(done));
    expect(applied.created).toBe(2);
    expect(progress.at(-1)).toBe(2);
    const preview = await previewRun(db, accountant, { ...QUARTER, serviceIds: [serviceIds.TRANSPORT] });
    expect(preview.services[0]?.lines.find((l) => l.memberCode === 'M04')?.weight).toBe('200');
  });

  it('transfers the year-end result to the members pro rata to their rights, so that the GIE result is zero', async () => {
    const { db } = database();
    const { memberIds } = await domain53(db);
    await postRun(db, manager, (await createRun(db, manager, QUARTER)).id);
    const yearId = (await db.selectFrom('fiscal_years').select('id').executeTakeFirstOrThrow()).id;
    // rights: M01 3, M02 2, the others 1 (total 10)
    await db.updateTable('members').set({ rights_share: '3' }).where('code', '=', 'M01').execute();
    await db.updateTable('members').set({ rights_share: '2' }).where('code', '=', 'M02').execute();
    const preview = await yearEndPreview(db, accountant, yearId);
    // revenue 284 000.00; the pooled costs are transferred to the members (7197) so they leave no result
    expect(preview).toMatchObject({ result: '284000.00', kind: 'profit', totalRights: '10' });
    expect(preview.lines.map((l) => l.amount)).toEqual([
      '85200.00',
      '56800.00',
      '28400.00',
      '28400.00',
      '28400.00',
      '28400.00',
      '28400.00',
    ]);
    const checklist = async () => (await yearClosingChecklist(db, yearId)).find((c) => c.item === 'result_allocated');
    expect((await checklist())?.ok).toBe(false);
    const after = await postYearEnd(db, manager, yearId);
    expect(after).toMatchObject({ result: '0.00', kind: 'none' });
    expect((await yearResult(db, yearId)).isZero()).toBe(true);
    expect((await checklist())?.ok).toBe(true);
    const entry = await getEntry(db, after.allocations[0]?.entryId ?? 0);
    expect(entry.lines.slice(0, 2).map((l) => [l.account, l.debit, l.credit, l.memberId])).toEqual([
      ['6186', '85200.00', '0.00', memberIds.M01],
      ['4464-M01', '0.00', '85200.00', null],
    ]);
    await expect(postYearEnd(db, manager, yearId)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('re-invoices with VAT a service set so: D 4464-xx TTC, C 7197 HT, C 4455 VAT, and the note shows both', async () => {
    const { db } = database();
    await domain53(db);
    const atelier = await createService(db, manager, {
      code: 'ANIMATION',
      name: 'Animation commerciale',
      unit: 'days',
      reinvoiceVat: true,
      vatRate: '20',
      key: { kind: 'equal', validFrom: `${YEAR}-01-01` },
    });
    await addAdjustment(db, manager, {
      serviceId: atelier.id,
      appliesOn: `${YEAR}-09-01`,
      amount: '700.00',
      reason: 'Animatrice (hors grand livre)',
    });
    const run = await postRun(db, manager, (await createRun(db, manager, { ...QUARTER, serviceIds: [atelier.id] })).id, {
      date: `${YEAR}-10-01`,
    });
    expect(run.services[0]?.lines.map((l) => [l.amount, l.vat])).toEqual(MEMBERS.map(() => ['100.00', '20.00']));
    const entry = await getEntry(db, run.entryId ?? 0);
    expect(entry.date).toBe(`${YEAR}-10-01`);
    expect(entry.lines.filter((l) => l.account.startsWith('4464-')).map((l) => l.debit)).toEqual(MEMBERS.map(() => '120.00'));
    expect(entry.lines.filter((l) => !l.account.startsWith('4464-')).map((l) => [l.account, l.credit, l.service])).toEqual([
      ['7197', '700.00', 'ANIMATION'],
      ['4455', '140.00', 'ANIMATION'],
    ]);
    expect(run.chargeNotes[0]?.totalTtc).toBe('120.00');
    // a repeated reversal with the same key answers the same
    const once = await reverseRun(db, manager, run.id, { date: `${YEAR}-10-02`, reason: 'Taux', idempotencyKey: 'rev-1' });
    const twice = await reverseRun(db, manager, run.id, { date: `${YEAR}-10-02`, reason: 'Taux', idempotencyKey: 'rev-1' });
    expect(twice.reversalEntryId).toBe(once.reversalEntryId);
  });

  it("reads headcount from the member record and fixed weights from the key's version", async () => {
    const { db } = database();
    const { memberIds } = await domain53(db);
    const coaching = await createService(db, manager, {
      code: 'COACHING',
      name: 'Accompagnement',
      unit: 'hours',
      key: { kind: 'headcount', headcount: 'jobs', validFrom: `${YEAR}-01-01` },
    });
    const vehicle = await createService(db, manager, {
      code: 'VEHICULE',
      name: 'Véhicule utilitaire',
      unit: 'days',
      key: {
        kind: 'fixed',
        validFrom: `${YEAR}-01-01`,
        weights: [
          { memberId: memberIds.M01 ?? 0, weight: '2' },
          { memberId: memberIds.M02 ?? 0, weight: '1' },
        ],
      },
    });
    await addAdjustment(db, manager, { serviceId: coaching.id, appliesOn: `${YEAR}-07-01`, amount: '480.00', reason: 'Coach' });
    await addAdjustment(db, manager, { serviceId: vehicle.id, appliesOn: `${YEAR}-07-01`, amount: '300.00', reason: 'Location' });
    const preview = await previewRun(db, accountant, { ...QUARTER, serviceIds: [coaching.id, vehicle.id] });
    // the demo members' jobs: 6, 9, 14, 4, 5, 3, 7 (48 in all)
    expect(preview.services[0]?.lines.map((l) => l.amount)).toEqual([
      '60.00',
      '90.00',
      '140.00',
      '40.00',
      '50.00',
      '30.00',
      '70.00',
    ]);
    expect(preview.services[0]?.keyLabel).toBe('headcount (jobs)');
    expect(preview.services[1]?.lines.map((l) => l.amount)).toEqual(['200.00', '100.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
  });

  it("lets the demo's manager allocate its second quarter in one run", async () => {
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const q2 = { from: `${YEAR}-04-01`, to: `${YEAR}-06-30` };
    const preview = await previewRun(db, accountant, q2);
    expect(preview.problems).toEqual([]);
    expect(preview.totals.byService.map((s) => [s.code, s.cost, s.allocated])).toEqual([
      ['COMMERCIAL', '18750.00', '18750.00'],
      ['COMPTA', '36000.00', '36000.00'],
      ['LOCAL', '24000.00', '24000.00'],
      ['TRANSPORT', '9999.99', '9999.99'],
    ]);
    // no revenue in the quarter: commercialisation falls back to equal shares, and says so
    expect(preview.services[0]?.lines[0]?.explanation).toBe(
      '18 750.00 × 1/7 (equal shares, as no member has any revenue invoiced), +0.01 remainder',
    );
    expect(preview.services.find((s) => s.code === 'TRANSPORT')?.lines.map((l) => l.amount)).toEqual(EXPECTED.TRANSPORT);
    expect(preview.services.find((s) => s.code === 'LOCAL')?.lines.map((l) => l.amount)).toEqual(EXPECTED.LOCAL);
    const posted = await postRun(db, manager, (await createRun(db, manager, q2)).id);
    expect(posted.chargeNotes).toHaveLength(7);
  });

  it('transfers a loss by D 4464-xx / C 7186, largest remainder', async () => {
    const { db } = database();
    await domain53(db);
    const yearId = (await db.selectFrom('fiscal_years').select('id').executeTakeFirstOrThrow()).id;
    // only a charge: the year ends with a loss of 1 000.00 shared equally by rights of 1
    const result = await yearResult(db, yearId);
    await post(db, manager, {
      journal: 'OD',
      date: `${YEAR}-11-30`,
      label: 'Charge de l’exercice',
      lines: [
        { account: '6134', debit: toFixed(result.plus(1000)) },
        { account: '5141', credit: toFixed(result.plus(1000)) },
      ],
    });
    const preview = await yearEndPreview(db, accountant, yearId);
    expect(preview).toMatchObject({ result: '-1000.00', kind: 'loss' });
    expect(preview.lines.map((l) => l.amount)).toEqual(['142.86', '142.86', '142.86', '142.86', '142.86', '142.85', '142.85']);
    expect(preview.lines[0]?.explanation).toBe('1 000.00 × 1/7, +0.01 remainder');
    const after = await postYearEnd(db, manager, yearId, { idempotencyKey: 'loss' });
    expect(after.result).toBe('0.00');
    const entry = await getEntry(db, after.allocations[0]?.entryId ?? 0);
    expect(entry.lines.slice(0, 2).map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['4464-M01', '142.86', '0.00'],
      ['7186', '0.00', '142.86'],
    ]);
    // the same request again answers the same, posting nothing more
    expect((await postYearEnd(db, manager, yearId, { idempotencyKey: 'loss' })).allocations).toHaveLength(1);
  });
});

function toFixed(d: Dec): string {
  return d.toFixed(2);
}
