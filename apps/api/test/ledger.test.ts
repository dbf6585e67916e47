import { tableChecksums } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { type App, type Caller, DEMO, problem, seeded, signIn } from './support.ts';

async function books(app: App): Promise<Caller> {
  const accountant = await signIn(app, DEMO.accountant);
  expect((await accountant.request('POST', '/api/ledger/fiscal-years', { startsOn: '2026-01-01' })).status).toBe(201);
  return accountant;
}

const sale = {
  journal: 'VT',
  date: '2026-03-15',
  label: 'Facture FA-2026-00001',
  lines: [
    { account: '3421', debit: '10082.08' },
    { account: '7124', credit: '8922.35', memberId: 1 },
    { account: '4455', credit: '1159.73' },
  ],
};

describeWithDatabase('ledger API', (database) => {
  it('posts an entry once per idempotency key and numbers it', async () => {
    const accountant = await books(await seeded(database()));
    const first = await accountant.request('POST', '/api/ledger/entries', sale, { 'idempotency-key': 'sale-1' });
    expect(first.status).toBe(201);
    const entry = (await first.json()) as { id: number; reference: string; totals: { debit: string } };
    expect(entry).toMatchObject({ reference: 'VT-2026-00001', totals: { debit: '10082.08' } });
    const again = (await (
      await accountant.request('POST', '/api/ledger/entries', sale, { 'idempotency-key': 'sale-1' })
    ).json()) as { id: number };
    expect(again.id).toBe(entry.id);
    const other = await accountant.request(
      'POST',
      '/api/ledger/entries',
      { ...sale, label: 'Autre' },
      { 'idempotency-key': 'sale-1' },
    );
    expect(other.status).toBe(409);
    expect((await problem(other)).errors?.[0]?.path).toBe('idempotencyKey');
  });

  it('names the wrong fields of an entry and writes nothing', async () => {
    const accountant = await books(await seeded(database()));
    const before = await tableChecksums(database().db);
    const unbalanced = await accountant.request('POST', '/api/ledger/entries', {
      ...sale,
      lines: [
        { account: '3421', debit: '10.00' },
        { account: '7124', credit: '9.99' },
      ],
    });
    expect(unbalanced.status).toBe(400);
    expect((await problem(unbalanced)).errors).toEqual([
      { path: 'lines', message: 'the entry does not balance: debit 10.00 ≠ credit 9.99' },
    ]);
    const badAmount = await accountant.request('POST', '/api/ledger/entries', {
      ...sale,
      lines: [
        { account: '3421', debit: '1e3' },
        { account: '7124', credit: 'NaN' },
      ],
    });
    expect((await problem(badAmount)).errors?.map((e) => e.path)).toEqual(['lines.0.debit', 'lines.1.credit']);
    const unknown = await accountant.request('POST', '/api/ledger/entries', {
      ...sale,
      lines: [
        { account: '9999', debit: '1.00' },
        { account: '7124', credit: '1.00' },
      ],
    });
    expect((await problem(unknown)).errors).toEqual([{ path: 'lines.0.account', message: 'unknown account "9999"' }]);
    expect(await tableChecksums(database().db)).toEqual(before);
  });

  it('reports the trial balance as JSON and CSV, and exports hledger', async () => {
    const accountant = await books(await seeded(database()));
    await accountant.request('POST', '/api/ledger/entries', sale);
    const json = (await (
      await accountant.request('GET', '/api/ledger/reports/trial-balance?from=2026-01-01&to=2026-12-31')
    ).json()) as {
      rows: Array<{ account: string; closing: string }>;
      totals: { debit: string; credit: string };
    };
    expect(json.rows.map((r) => [r.account, r.closing])).toEqual([
      ['3421', '10082.08'],
      ['4455', '-1159.73'],
      ['7124', '-8922.35'],
    ]);
    const csv = await accountant.request('GET', '/api/ledger/reports/trial-balance?from=2026-01-01&to=2026-12-31&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('balance-generale_2026-01-01_2026-12-31.csv');
    expect(await csv.text()).toContain('3421;Clients;0.00;10082.08;0.00;10082.08');
    const hledger = await accountant.request('GET', '/api/ledger/exports/hledger?from=2026-01-01&to=2026-12-31');
    expect(await hledger.text()).toContain('2026-03-15 * (VT-2026-00001) Facture FA-2026-00001');
    const bad = await accountant.request('GET', '/api/ledger/reports/trial-balance?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path).sort()).toEqual(['from', 'to']);
  });

  it('keeps the books to the accountant, the manager and the admin', async () => {
    const app = await seeded(database());
    await books(app);
    for (const who of [DEMO.entrepreneur, DEMO.committee]) {
      const caller = await signIn(app, who);
      expect((await caller.request('GET', '/api/ledger/accounts')).status).toBe(403);
      expect((await caller.request('POST', '/api/ledger/entries', sale)).status).toBe(403);
    }
    expect((await (await signIn(app, DEMO.manager)).request('GET', '/api/ledger/accounts')).status).toBe(200);
  });

  it('shows a member its own account and statement, and refuses to withdraw it while unsettled', async () => {
    const app = await seeded(database());
    const accountant = await books(app);
    await accountant.request('POST', '/api/ledger/entries', {
      journal: 'VT',
      date: '2026-03-15',
      label: 'Part du membre',
      lines: [
        { account: '6186', debit: '8208.56', memberId: 1 },
        { account: '4464-M01', credit: '8208.56' },
      ],
    });
    const entrepreneur = await signIn(app, DEMO.entrepreneur);
    expect(await (await entrepreneur.request('GET', '/api/members/1/account')).json()).toEqual({
      code: '4464-M01',
      owedToMember: '8208.56',
    });
    const statement = (await (
      await entrepreneur.request('GET', '/api/members/1/statement?from=2026-01-01&to=2026-12-31')
    ).json()) as {
      closing: string;
      lines: unknown[];
    };
    expect(statement).toMatchObject({ closing: '8208.56' });
    expect(statement.lines).toHaveLength(1);
    expect((await entrepreneur.request('GET', '/api/members/2/statement?from=2026-01-01&to=2026-12-31')).status).toBe(404);

    const manager = await signIn(app, DEMO.manager);
    const refused = await manager.request('POST', '/api/members/1/status', { to: 'withdrawn', reason: 'Départ' });
    expect(refused.status).toBe(409);
    expect((await problem(refused)).detail).toContain('4464-M01 is not settled (8208.56 owed to the member)');
    const forced = await manager.request('POST', '/api/members/1/status', {
      to: 'withdrawn',
      reason: 'Départ, solde réglé hors GIE',
      force: true,
    });
    expect(forced.status).toBe(200);
  });

  it('locks a period against posting; only the admin reopens it', async () => {
    const app = await seeded(database());
    const accountant = await books(app);
    const years = (await (await accountant.request('GET', '/api/ledger/fiscal-years')).json()) as {
      items: Array<{ periods: Array<{ id: number }> }>;
    };
    const march = years.items[0]?.periods[2]?.id;
    expect((await accountant.request('POST', `/api/ledger/periods/${march}/state`, { state: 'locked' })).status).toBe(200);
    const refused = await accountant.request('POST', '/api/ledger/entries', sale);
    expect(refused.status).toBe(409);
    expect((await problem(refused)).detail).toContain('locked');
    expect((await accountant.request('POST', `/api/ledger/periods/${march}/state`, { state: 'open' })).status).toBe(403);
    const admin = await signIn(app, DEMO.admin);
    expect((await admin.request('POST', `/api/ledger/periods/${march}/state`, { state: 'open' })).status).toBe(200);
    expect((await accountant.request('POST', '/api/ledger/entries', sale)).status).toBe(201);
  });
});
