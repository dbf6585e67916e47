// The dashboards over HTTP: each role reaches its own, an entrepreneur only their member's (another member's id
// answers 404 and shows nothing), the committee not the GIE's money, and a bad year is a 400 naming the field.
import {
  createParty,
  createSalesDraft,
  issueSalesDocument,
  openFiscalYear,
  recordPayment,
  SYSTEM_ACTOR,
  seedDemo,
} from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { appFor, DEMO, problem, signIn } from './support.ts';

const YEAR = new Date().getUTCFullYear();
const manager = { userId: 0, role: 'manager' as const, memberId: null };

describeWithDatabase('dashboards over HTTP', (database) => {
  it('gives each role its dashboard and keeps an entrepreneur to their own member', async () => {
    const { db } = database();
    await seedDemo(db);
    await openFiscalYear(db, SYSTEM_ACTOR, `${YEAR}-01-01`);
    const app = appFor(database());
    const members = await db.selectFrom('members').select(['id', 'code']).where('code', 'in', ['M01', 'M02']).execute();
    const id = (code: string) => members.find((m) => m.code === code)?.id as number;
    const { party } = await createParty(db, manager, { kind: 'company', name: 'Riad Tamuda SARL', ice: '001525658000099' });
    // M01: 1 000.00 + 20% = 1 200.00, 500.00 received; M02: 3 000.00 + 20% = 3 600.00, nothing received
    for (const [code, amount] of [
      ['M01', '1000.00'],
      ['M02', '3000.00'],
    ] as const) {
      const draft = await createSalesDraft(db, manager, {
        kind: 'invoice',
        memberId: id(code),
        customerId: party.id,
        lines: [{ description: 'Prestation', quantity: '1', unitPrice: amount, vat: '20' }],
      });
      const invoice = await issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR}-01-10` });
      if (code === 'M01') {
        await recordPayment(db, manager, {
          customerId: party.id,
          receivedOn: `${YEAR}-01-20`,
          method: 'transfer',
          amount: '500.00',
          allocations: [{ documentId: invoice.id, amount: '500.00' }],
        });
      }
    }

    const gerant = await signIn(app, DEMO.manager);
    const gie = await gerant.request('GET', `/api/reporting/dashboards/gie?year=${YEAR}`);
    expect(gie.status).toBe(200);
    const figures = (await gie.json()) as {
      period: { months: string[] };
      collection: Record<string, string>;
      members: Array<{ code: string; ttc: string }>;
    };
    expect(figures.period.months).toHaveLength(12);
    expect(figures.collection).toEqual({ ttc: '4800.00', collected: '500.00', outstanding: '4300.00' });
    expect(figures.members.map((m) => [m.code, m.ttc])).toEqual([
      ['M01', '1200.00'],
      ['M02', '3600.00'],
    ]);

    const entrepreneur = await signIn(app, DEMO.entrepreneur);
    const own = await entrepreneur.request('GET', `/api/reporting/dashboards/members/${id('M01')}?year=${YEAR}`);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { collection: Record<string, string> }).collection).toEqual({
      ht: '1000.00',
      ttc: '1200.00',
      collected: '500.00',
      outstanding: '700.00',
    });
    // another member's dashboard: the same 404 as an id that does not exist, without a figure of it
    const other = await entrepreneur.request('GET', `/api/reporting/dashboards/members/${id('M02')}?year=${YEAR}`);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('3600.00');
    expect((await entrepreneur.request('GET', '/api/reporting/dashboards/gie')).status).toBe(403);
    expect((await entrepreneur.request('GET', '/api/reporting/dashboards/committee')).status).toBe(403);

    const committee = await signIn(app, DEMO.committee);
    const gieRefused = await committee.request('GET', '/api/reporting/dashboards/gie');
    expect(gieRefused.status).toBe(403);
    expect(await gieRefused.text()).not.toContain('4800.00');
    expect((await committee.request('GET', `/api/reporting/dashboards/members/${id('M01')}`)).status).toBe(403);
    const own3 = await committee.request('GET', '/api/reporting/dashboards/committee');
    expect(own3.status).toBe(200);
    expect(((await own3.json()) as { admissions: unknown[] }).admissions).toHaveLength(12);

    const accountant = await signIn(app, DEMO.accountant);
    expect((await accountant.request('GET', `/api/reporting/dashboards/members/${id('M02')}`)).status).toBe(200);
    expect((await accountant.request('GET', '/api/reporting/dashboards/committee')).status).toBe(403);

    const bad = await gerant.request('GET', '/api/reporting/dashboards/gie?year=20x6');
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path)).toEqual(['year']);
    const unknown = await gerant.request('GET', '/api/reporting/dashboards/gie?month=3');
    expect(unknown.status).toBe(400);
  });
});
