// The dashboards' figures on a small year written out by hand: four invoices of M01 and M02 to two customers, a
// credit note, three payments (two by transfer, one in cash), the posted pooling run of DOMAIN 5.3, and, a year
// earlier, three calls with their applications and three admissions. Every expected figure below is worked out in
// the comments from those documents, not read back from the code under test.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { createCreditNoteDraft, createSalesDraft, issueSalesDocument, recordPayment } from '../../src/invoicing/index.ts';
import { changeMemberStatus } from '../../src/members/registry.ts';
import { createParty } from '../../src/parties/parties.ts';
import { createRun, postRun } from '../../src/pooling/index.ts';
import { committeeDashboard, gieDashboard, memberDashboard } from '../../src/reporting/dashboards.ts';
import { monthsBetween } from '../../src/reporting/dashboards-period.ts';
import { checkEligibility, createApplication } from '../../src/selection/applications.ts';
import { createCall, setCommittee } from '../../src/selection/calls.ts';
import { createGrid } from '../../src/selection/grids.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { type Actor, SYSTEM_ACTOR } from '../../src/users/actor.ts';
import { createUser } from '../../src/users/users.ts';
import { domain53, manager, QUARTER, YEAR } from '../pooling/support.ts';

const day = (month: number, d: number) => `${YEAR}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** The year is read once it is over, so that the figures do not depend on the day the test runs. */
const AFTER = { year: YEAR, today: `${YEAR + 1}-01-10` };

const line = (amount: string, vat: string) => [{ description: 'Prestation', quantity: '1', unitPrice: amount, vat }];

async function books(db: Kysely<Database>) {
  const { memberIds } = await domain53(db);
  const m01 = memberIds.M01 as number;
  const m02 = memberIds.M02 as number;
  const riad = (await createParty(db, manager, { kind: 'company', name: 'Riad Tamuda SARL', ice: '001525658000099' })).party.id;
  const hotel = (await createParty(db, manager, { kind: 'company', name: 'Hôtel Dar Tétouan SARL', ice: '001525856000067' }))
    .party.id;
  const invoice = async (memberId: number, customerId: number, amount: string, vat: string, issued: string, days: number) =>
    issueSalesDocument(
      db,
      manager,
      (
        await createSalesDraft(db, manager, {
          kind: 'invoice',
          memberId,
          customerId,
          paymentDays: days,
          lines: line(amount, vat),
        })
      ).id,
      { issueDate: issued },
    );
  // A: M01, 10 000.00 + 20% = 12 000.00, due 14/02, paid in full on 20/02
  const a = await invoice(m01, riad, '10000.00', '20', day(1, 15), 30);
  // D: M02, 800.00 + 20% = 960.00, due 21/03, never paid
  await invoice(m02, hotel, '800.00', '20', day(1, 20), 60);
  // B: M01, 2 500.00 + 20% = 3 000.00, due 21/10, 1 000.00 paid on 05/10 (issued after the third quarter, so that
  // the revenue key of DOMAIN 5.3 keeps its weights)
  const b = await invoice(m01, riad, '2500.00', '20', day(10, 1), 20);
  // C: M02, 5 000.00 + 10% = 5 500.00, due 05/12; credit note of 1 000.00 + 10% = 1 100.00 on 01/12; 2 000.00 in cash on 03/12
  const c = await invoice(m02, hotel, '5000.00', '10', day(11, 25), 10);
  const note = await createCreditNoteDraft(db, manager, c.id, line('1000.00', '10'));
  await issueSalesDocument(db, manager, note.id, { issueDate: day(12, 1) });
  const pay = (customerId: number, documentId: number, amount: string, receivedOn: string, method: 'transfer' | 'cash') =>
    recordPayment(db, manager, { customerId, receivedOn, method, amount, allocations: [{ documentId, amount }] });
  await pay(riad, a.id, '12000.00', day(2, 20), 'transfer');
  await pay(riad, b.id, '1000.00', day(10, 5), 'transfer');
  await pay(hotel, c.id, '2000.00', day(12, 3), 'cash');
  // DOMAIN 5.3's third quarter, allocated and posted on 30/09
  await postRun(db, manager, (await createRun(db, manager, QUARTER)).id);
  return { m01, m02, riad, hotel };
}

const months = (values: Record<number, string>, zero = '0.00') => Array.from({ length: 12 }, (_, i) => values[i + 1] ?? zero);

describeWithDatabase('dashboards', (database) => {
  it("computes the GIE's dashboard: revenue, collection, ageing, pooled costs, cash, members", async () => {
    const { db } = database();
    const { m01, m02 } = await books(db);
    const d = await gieDashboard(db, manager, AFTER);
    expect(d.period).toMatchObject({ year: YEAR, from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, asOf: `${YEAR}-12-31` });
    // HT by issue month: January A + D, October B, November C, December the credit note
    expect(d.revenue.map((r) => r.ht)).toEqual(months({ 1: '10800.00', 10: '2500.00', 11: '5000.00', 12: '-1000.00' }));
    expect(d.revenue.map((r) => r.ttc)).toEqual(months({ 1: '12960.00', 10: '3000.00', 11: '5500.00', 12: '-1100.00' }));
    // received: February 12 000 (A), October 1 000 (B), December 2 000 (C)
    expect(d.revenue.map((r) => r.collected)).toEqual(months({ 2: '12000.00', 10: '1000.00', 12: '2000.00' }));
    expect(d.revenueByMember.members.map((m) => m.code)).toEqual(['M01', 'M02']);
    expect(d.revenueByMember.rows[0]?.amounts).toEqual(['10000.00', '800.00']);
    expect(d.revenueByMember.rows[11]?.amounts).toEqual(['0.00', '-1000.00']);
    // M01: 15 000 invoiced, 13 000 received, B's 2 000 left; M02: 960 + 5 500 − 1 100 = 5 360, 2 000 received,
    // D's 960 and C's 5 500 − 1 100 − 2 000 = 2 400 left
    expect(d.members).toEqual([
      {
        memberId: m01,
        code: 'M01',
        name: expect.any(String),
        ht: '12500.00',
        ttc: '15000.00',
        collected: '13000.00',
        outstanding: '2000.00',
      },
      {
        memberId: m02,
        code: 'M02',
        name: expect.any(String),
        ht: '4800.00',
        ttc: '5360.00',
        collected: '2000.00',
        outstanding: '3360.00',
      },
    ]);
    expect(d.collection).toEqual({ ttc: '20360.00', collected: '15000.00', outstanding: '5360.00' });
    // on 31/12: C 26 days late, B 71 days (10 + 30 + 31), D 285 days
    expect(d.overdue).toEqual({
      asOf: `${YEAR}-12-31`,
      buckets: { '0-30': '2400.00', '31-60': '0.00', '61-90': '2000.00', '90+': '960.00' },
      total: '5360.00',
    });
    // DOMAIN 5.3's table
    expect(d.pooledCosts.services.map((s) => [s.code, s.amount])).toEqual([
      ['COMMERCIAL', '18750.00'],
      ['COMPTA', '36000.00'],
      ['LOCAL', '24000.00'],
      ['TRANSPORT', '9999.99'],
    ]);
    expect(d.pooledCosts.total).toBe('88749.99');
    expect(d.pooledCosts.members.map((m) => [m.code, m.total])).toEqual([
      ['M01', '14309.90'],
      ['M02', '20988.95'],
      ['M03', '7164.61'],
      ['M04', '12631.89'],
      ['M05', '12903.32'],
      ['M06', '8850.32'],
      ['M07', '11901.00'],
    ]);
    expect(d.pooledCosts.members[0]?.byService).toEqual(['3182.22', '5142.86', '4662.86', '1321.96']);
    // bank: +12 000 (February), −78 750 (the quarter's costs, 31/08), +1 000 (October); cash box: +2 000 (December)
    expect(d.cash.accounts.map((a) => [a.account, a.balance])).toEqual([
      ['5141', '-65750.00'],
      ['5161', '2000.00'],
    ]);
    expect(d.cash.total).toBe('-63750.00');
    expect(d.cash.byMonth.map((m) => m.balance)).toEqual([
      '0.00',
      '12000.00',
      '12000.00',
      '12000.00',
      '12000.00',
      '12000.00',
      '12000.00',
      '-66750.00',
      '-66750.00',
      '-65750.00',
      '-65750.00',
      '-63750.00',
    ]);
    // the demo registry: seven active members, nothing else
    expect(d.membersByStatus).toEqual([
      { status: 'candidate', count: 0 },
      { status: 'admitted', count: 0 },
      { status: 'active', count: 7 },
      { status: 'suspended', count: 0 },
      { status: 'withdrawn', count: 0 },
    ]);
  });

  it('reads the balances on today while the year runs, and the year before as empty', async () => {
    const { db } = database();
    await books(db);
    // on 15/10: the bank has +12 000 − 78 750 + 1 000; B is not due yet, C not issued: D alone is late
    const running = await gieDashboard(db, manager, { year: YEAR, today: day(10, 15) });
    expect(running.period.asOf).toBe(day(10, 15));
    expect(running.cash.byMonth.map((m) => m.month)).toEqual(monthsBetween(`${YEAR}-01-01`, day(10, 1)));
    expect(running.cash.total).toBe('-65750.00');
    expect(running.overdue.buckets).toEqual({ '0-30': '0.00', '31-60': '0.00', '61-90': '0.00', '90+': '960.00' });
    const before = await gieDashboard(db, manager, { year: YEAR - 1, today: AFTER.today });
    expect(before.period).toMatchObject({ from: `${YEAR - 1}-01-01`, to: `${YEAR - 1}-12-31` });
    expect(before.collection).toEqual({ ttc: '0.00', collected: '0.00', outstanding: '0.00' });
    expect(before.pooledCosts.total).toBe('0.00');
  });

  it("computes a member's dashboard, and keeps an entrepreneur to their own member", async () => {
    const { db } = database();
    const { m01, m02, riad } = await books(db);
    const entrepreneur: Actor = { userId: 0, role: 'entrepreneur', memberId: m01 };
    const d = await memberDashboard(db, entrepreneur, m01, AFTER);
    expect(d.member).toMatchObject({ id: m01, code: 'M01' });
    expect(d.revenue.map((r) => r.ht)).toEqual(months({ 1: '10000.00', 10: '2500.00' }));
    expect(d.revenue.map((r) => r.collected)).toEqual(months({ 2: '12000.00', 10: '1000.00' }));
    expect(d.collection).toEqual({ ht: '12500.00', ttc: '15000.00', collected: '13000.00', outstanding: '2000.00' });
    // shares at 8%: A 9 200.00 and B 2 300.00 credited, the pooled 14 309.90 debited: the member owes 2 809.90;
    // collected share: 9 200.00 + 2 300.00 × 1 000 / 3 000 = 766.67
    expect(d.balance).toEqual({
      owedToMember: '-2809.90',
      availableForPayout: '0.00',
      collectedShare: '9966.67',
      paidOut: '0.00',
    });
    expect(d.pooledCosts).toEqual({
      services: [
        { code: 'COMMERCIAL', name: expect.any(String), amount: '3182.22' },
        { code: 'COMPTA', name: expect.any(String), amount: '5142.86' },
        { code: 'LOCAL', name: expect.any(String), amount: '4662.86' },
        { code: 'TRANSPORT', name: expect.any(String), amount: '1321.96' },
      ],
      total: '14309.90',
    });
    expect(d.overdue.buckets).toEqual({ '0-30': '0.00', '31-60': '0.00', '61-90': '2000.00', '90+': '0.00' });
    expect(d.overdue.customers).toEqual([
      { customerId: riad, name: 'Riad Tamuda SARL', invoices: 1, due: '2000.00', oldestDaysLate: 71 },
    ]);
    // M02's overdue customer: one, with D (285 days) and C
    const other = await memberDashboard(db, manager, m02, AFTER);
    expect(other.overdue.customers.map((c) => [c.name, c.invoices, c.due, c.oldestDaysLate])).toEqual([
      ['Hôtel Dar Tétouan SARL', 2, '3360.00', 285],
    ]);
    await expect(memberDashboard(db, entrepreneur, m02, AFTER)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(memberDashboard(db, { userId: 0, role: 'committee', memberId: null }, m01, AFTER)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(gieDashboard(db, entrepreneur, AFTER)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(gieDashboard(db, manager, { year: 1999 })).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ path: 'year' }],
    });
  });

  it("computes the committee's dashboard: calls in progress, applications by status, admissions per month", async () => {
    const { db } = database();
    await domain53(db);
    const last = YEAR - 1;
    const seat = async (n: number) => {
      const user = await createUser(db, SYSTEM_ACTOR, {
        email: `juge${n}@comite.test`,
        displayName: `Juge ${n}`,
        role: 'committee',
        password: 'comite-secret-2026',
      });
      return { userId: user.id, role: 'committee', memberId: null } as Actor;
    };
    const [a, b, c] = [await seat(1), await seat(2), await seat(3)];
    const grid = await createGrid(db, manager, {
      name: 'Grille',
      criteria: [{ label: 'Pertinence', weight: '100', scaleMin: 0, scaleMax: 5 }],
    });
    const call = async (title: string, opensOn: string, closesOn: string, members: Actor[]) => {
      const created = await createCall(db, manager, {
        title,
        opensOn,
        closesOn,
        gridId: grid.id,
        eligibilityItems: ['Coopérative de la région'],
        threshold: '60',
        places: 2,
        status: 'open',
      });
      await setCommittee(
        db,
        manager,
        created.id,
        members.map((m, i) => ({ userId: m.userId, role: i === 0 ? ('president' as const) : ('member' as const) })),
      );
      return created.id;
    };
    const apply = async (callId: number, name: string, eligible: boolean | null) => {
      const app = await createApplication(db, manager, callId, {
        candidate: { legalName: `Coopérative ${name}`, province: 'chefchaouen', peopleCount: 9 },
        project: `Projet ${name}`,
        needs: ['commercialisation'],
      });
      if (eligible !== null) await checkEligibility(db, manager, app.id, { answers: [{ met: eligible }] });
      return app;
    };
    const spring = await call('Appel du printemps', `${last}-02-01`, `${last}-06-30`, [a, b]);
    const autumn = await call('Appel de l’automne', `${last}-09-01`, `${last}-10-31`, [b]);
    const old = await call('Appel ancien', `${YEAR - 3}-01-01`, `${YEAR - 3}-03-31`, [a]);
    const p = await apply(spring, 'P', true);
    const q = await apply(spring, 'Q', true);
    await apply(spring, 'R', false);
    await apply(spring, 'S', null);
    const t = await apply(autumn, 'T', true);
    await apply(old, 'U', true);
    await db.updateTable('selection_calls').set({ status: 'closed' }).where('id', '=', autumn).execute();
    // admissions: two in March, one in July of last year (a change cannot be dated before the member's creation,
    // today, so last year's history is written as the registry would have written it); and one today, another year
    for (const [memberId, effectiveOn] of [
      [p.memberId, `${last}-03-15`],
      [q.memberId, `${last}-03-28`],
      [t.memberId, `${last}-07-02`],
    ] as const) {
      await db
        .insertInto('member_status_history')
        .values({ member_id: memberId, from_status: 'candidate', to_status: 'admitted', effective_on: effectiveOn })
        .execute();
    }
    const u = await db
      .selectFrom('selection_applications')
      .select('member_id')
      .where('call_id', '=', old)
      .executeTakeFirstOrThrow();
    await changeMemberStatus(db, manager, u.member_id, { to: 'admitted' });

    const options = { year: last, today: AFTER.today };
    const staff = await committeeDashboard(db, manager, options);
    // every call with work left, soonest closing first: the old one is still open, autumn's T is undecided
    expect(staff.callsInProgress.map((x) => [x.title, x.status, x.applications, x.decided])).toEqual([
      ['Appel ancien', 'open', 1, 0],
      ['Appel du printemps', 'open', 4, 0],
      ['Appel de l’automne', 'closed', 1, 0],
    ]);
    // the calls of last year: P, Q, T eligible, R not, S not checked yet (U's call is three years old)
    expect(staff.applicationsByStatus).toEqual([
      { status: 'submitted', count: 1 },
      { status: 'eligible', count: 3 },
      { status: 'ineligible', count: 1 },
      { status: 'scored', count: 0 },
      { status: 'decided', count: 0 },
    ]);
    expect(staff.admissions.map((x) => x.count)).toEqual([0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    // a committee member sees the calls they sit on, and there only the applications found eligible
    const mine = await committeeDashboard(db, a, options);
    expect(mine.callsInProgress.map((x) => [x.title, x.applications])).toEqual([
      ['Appel ancien', 1],
      ['Appel du printemps', 2],
    ]);
    expect(mine.applicationsByStatus).toEqual([
      { status: 'eligible', count: 2 },
      { status: 'scored', count: 0 },
      { status: 'decided', count: 0 },
    ]);
    const none = await committeeDashboard(db, c, options);
    expect(none.callsInProgress).toEqual([]);
    expect(none.applicationsByStatus.map((x) => x.count)).toEqual([0, 0, 0]);
    await expect(committeeDashboard(db, { userId: 0, role: 'accountant', memberId: null }, options)).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });
});
