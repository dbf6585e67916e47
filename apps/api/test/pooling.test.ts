import { createParty, openFiscalYear, postMany, SYSTEM_ACTOR } from '@gie-ecp/core';
import type { TestDatabase } from '@gie-ecp/core/testing';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { type App, type Caller, DEMO, problem, seeded, signIn } from './support.ts';

const YEAR = new Date().getUTCFullYear();
const QUARTER = { from: `${YEAR}-07-01`, to: `${YEAR}-09-30` };
const MEMBERS = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'];
const REVENUE = ['48200.00', '125430.50', '0', '17880.00', '61005.25', '9340.75', '22143.50'];
const KM = ['1240', '3880', '610', '0', '2215', '455', '980'];
const M2 = ['40', '25', '0', '60', '0', '15', '35'];
const EXPECTED: Record<string, string[]> = {
  COMPTA: ['5142.86', '5142.86', '5142.86', '5142.86', '5142.86', '5142.85', '5142.85'],
  COMMERCIAL: ['3182.22', '8281.06', '0.00', '1180.46', '4027.63', '616.69', '1461.94'],
  TRANSPORT: ['1321.96', '4136.46', '650.32', '0.00', '2361.40', '485.07', '1044.78'],
  LOCAL: ['4662.86', '3428.57', '1371.43', '6308.57', '1371.43', '2605.71', '4251.43'],
};
const TOTALS = ['14309.90', '20988.95', '7164.61', '12631.89', '12903.32', '8850.32', '11901.00'];

interface Setup {
  app: App;
  manager: Caller;
  accountant: Caller;
  entrepreneur: Caller;
  memberIds: Record<string, number>;
  serviceIds: Record<string, number>;
}

async function body<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** DOMAIN 5.3 entered through the API (services, m², km, the transport bill); revenue and other costs in the ledger. */
async function domain53(database: TestDatabase): Promise<Setup> {
  const app = await seeded(database);
  const { db } = database;
  await openFiscalYear(db, SYSTEM_ACTOR, `${YEAR}-01-01`);
  const rows = await db.selectFrom('members').select(['id', 'code']).execute();
  const memberIds = Object.fromEntries(rows.map((r) => [r.code as string, r.id]));
  await postMany(db, SYSTEM_ACTOR, [
    ...MEMBERS.flatMap((code, i) =>
      REVENUE[i] === '0'
        ? []
        : [
            {
              journal: 'VT',
              date: `${YEAR}-07-${String(10 + i).padStart(2, '0')}`,
              label: `Facture ${code}`,
              lines: [
                { account: '3421', debit: REVENUE[i] },
                { account: '7124', credit: REVENUE[i], memberId: memberIds[code] ?? null },
              ],
            },
          ],
    ),
    {
      journal: 'OD',
      date: `${YEAR}-08-31`,
      label: 'Honoraires, foires et loyer du trimestre',
      lines: [
        { account: '61365', debit: '36000.00', service: 'COMPTA' },
        { account: '61443', debit: '18750.00', service: 'COMMERCIAL' },
        { account: '61312', debit: '24000.00', service: 'LOCAL' },
        { account: '5141', credit: '78750.00' },
      ],
    },
  ]);
  const manager = await signIn(app, DEMO.manager);
  const accountant = await signIn(app, DEMO.accountant);
  const entrepreneur = await signIn(app, DEMO.entrepreneur);
  const validFrom = `${YEAR}-01-01`;
  const services = [
    { code: 'COMPTA', name: 'Comptabilité', unit: 'hours', expenseAccounts: ['61365'], key: { kind: 'equal', validFrom } },
    {
      code: 'COMMERCIAL',
      name: 'Commercialisation et foires',
      unit: 'days',
      expenseAccounts: ['61443'],
      key: { kind: 'revenue', validFrom },
    },
    { code: 'TRANSPORT', name: 'Transport', unit: 'km', expenseAccounts: ['61428'], key: { kind: 'usage', validFrom } },
    {
      code: 'LOCAL',
      name: 'Local partagé',
      unit: 'm2',
      expenseAccounts: ['61312'],
      key: {
        kind: 'composite',
        validFrom,
        components: [
          { kind: 'equal', share: '0.4' },
          { kind: 'quantity', quantity: 'area', share: '0.6' },
        ],
      },
    },
  ];
  const serviceIds: Record<string, number> = {};
  for (const service of services) {
    serviceIds[service.code] = (
      await body<{ id: number }>(await manager.request('POST', '/api/pooling/services', service), 201)
    ).id;
  }
  for (const [i, code] of MEMBERS.entries()) {
    await body(
      await manager.request('POST', '/api/pooling/quantities', {
        memberId: memberIds[code],
        name: 'area',
        validFrom,
        quantity: M2[i],
      }),
      201,
    );
  }
  const csv = [
    'service;membre;date;quantité;note',
    ...MEMBERS.flatMap((code, i) => (KM[i] === '0' ? [] : [`TRANSPORT;${code};15/08/${YEAR};${KM[i]};tournées`])),
  ].join('\n');
  const imported = await body<{ created: number }>(
    await manager.request('POST', '/api/pooling/usage/import?mode=apply', csv, { 'content-type': 'text/csv' }),
    200,
  );
  expect(imported.created).toBe(6);
  const { party } = await createParty(db, SYSTEM_ACTOR, {
    kind: 'company',
    name: 'Transports Tingis SARL',
    ice: '002233445000071',
    isSupplier: true,
  });
  const purchase = await body<{ totalTtc: string; entryId: number }>(
    await manager.request('POST', '/api/pooling/purchases', {
      supplierId: party.id,
      billDate: `${YEAR}-09-15`,
      billNumber: 'TT-2041',
      lines: [{ description: 'Transport frigorifique', serviceId: serviceIds.TRANSPORT, amountHt: '9999.99', vatRate: '20' }],
    }),
    201,
  );
  expect(purchase.totalTtc).toBe('11999.99');
  return { app, manager, accountant, entrepreneur, memberIds, serviceIds };
}

type Run = {
  id: number;
  status: string;
  entryId: number | null;
  services: Array<{ code: string; lines: Array<{ memberCode: string; amount: string; explanation: string }> }>;
  totals: { byMember: Array<{ total: string }>; total: string };
  chargeNotes: Array<{ id: number; memberId: number; number: string; totalTtc: string }>;
};

describeWithDatabase('pooling API', (database) => {
  it('allocates DOMAIN 5.3 through the API and posts it to the ledger to the centime', async () => {
    const { manager, accountant, memberIds, serviceIds } = await domain53(database());
    const preview = await body<Run>(await accountant.request('POST', '/api/pooling/runs/preview', QUARTER), 200);
    for (const service of preview.services)
      expect(
        service.lines.map((l) => l.amount),
        service.code,
      ).toEqual(EXPECTED[service.code]);
    expect(preview.totals.byMember.map((m) => m.total)).toEqual(TOTALS);

    // the same preview as a progress stream, for the wizard's progress bar
    const streamed = await accountant.request('POST', '/api/pooling/runs/preview', QUARTER, { accept: 'application/x-ndjson' });
    expect(streamed.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await streamed.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { progress?: { done: number; total: number }; result?: Run });
    expect(lines.filter((l) => l.progress).map((l) => l.progress?.done)).toEqual([1, 2, 3, 4]);
    expect(lines.at(-1)?.result?.totals.total).toBe('88749.99');

    const pool = await body<{ total: string; lines: Array<{ account: string; amount: string }> }>(
      await accountant.request('GET', `/api/pooling/cost-pools/${serviceIds.TRANSPORT}?from=${QUARTER.from}&to=${QUARTER.to}`),
      200,
    );
    expect(pool).toMatchObject({ total: '9999.99', lines: [{ account: '61428', amount: '9999.99' }] });

    const draft = await body<Run>(await manager.request('POST', '/api/pooling/runs', QUARTER), 201);
    expect(draft.status).toBe('draft');
    const posted = await body<Run>(
      await manager.request('POST', `/api/pooling/runs/${draft.id}/post`, {}, { 'idempotency-key': 'q3' }),
      200,
    );
    expect(posted.status).toBe('posted');
    const again = await body<Run>(
      await manager.request('POST', `/api/pooling/runs/${draft.id}/post`, {}, { 'idempotency-key': 'q3' }),
      200,
    );
    expect(again.entryId).toBe(posted.entryId);

    const entry = await body<{
      totals: { debit: string };
      lines: Array<{ account: string; debit: string; credit: string; service: string | null; memberId: number | null }>;
    }>(await accountant.request('GET', `/api/ledger/entries/${posted.entryId}`), 200);
    expect(entry.totals.debit).toBe('88749.99');
    for (const [i, code] of MEMBERS.entries()) {
      const mine = entry.lines.filter((l) => l.account === `4464-${code}`);
      const cents = mine.reduce((acc, l) => acc + Math.round(Number(l.debit.replace('.', ''))), 0);
      expect((cents / 100).toFixed(2), code).toBe(TOTALS[i]);
      expect(mine.every((l) => l.memberId === memberIds[code] && l.service !== null)).toBe(true);
    }
    expect(entry.lines.filter((l) => l.account === '7197').map((l) => [l.service, l.credit])).toEqual([
      ['COMMERCIAL', '18750.00'],
      ['COMPTA', '36000.00'],
      ['LOCAL', '24000.00'],
      ['TRANSPORT', '9999.99'],
    ]);
    expect(posted.chargeNotes.map((n) => [n.number, n.totalTtc])).toEqual(
      MEMBERS.map((_, i) => [`ND-${YEAR}-0000${i + 1}`, TOTALS[i]]),
    );
    const pdf = await manager.request('GET', `/api/pooling/charge-notes/${posted.chargeNotes[1]?.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');

    // reversal, then a second run of the same quarter
    // every service of the quarter is allocated: a new draft finds nothing left to allocate
    const nothingLeft = await manager.request('POST', '/api/pooling/runs', QUARTER);
    expect(nothingLeft.status).toBe(400);
    expect((await problem(nothingLeft)).errors?.map((e) => e.path)).toEqual(['serviceIds']);
    const reversed = await body<Run>(
      await manager.request('POST', `/api/pooling/runs/${posted.id}/reverse`, { date: `${YEAR}-10-02`, reason: 'Erreur de clé' }),
      200,
    );
    expect(reversed.status).toBe('reversed');
    const second = await body<Run>(await manager.request('POST', '/api/pooling/runs', QUARTER), 201);
    const secondPosted = await body<Run>(await manager.request('POST', `/api/pooling/runs/${second.id}/post`, {}), 200);
    expect(secondPosted.totals.total).toBe('88749.99');
    const runs = await body<{ items: Array<{ status: string }> }>(await accountant.request('GET', '/api/pooling/runs'), 200);
    expect(runs.items.map((r) => r.status).sort()).toEqual(['posted', 'reversed']);
  });

  it("shows an entrepreneur what their member pays and why, and nothing of other members'", async () => {
    const { app, manager, entrepreneur, memberIds } = await domain53(database());
    const draft = await body<Run>(await manager.request('POST', '/api/pooling/runs', QUARTER), 201);
    const posted = await body<Run>(await manager.request('POST', `/api/pooling/runs/${draft.id}/post`, {}), 200);
    const view = await body<{
      totals: { total: string };
      lines: Array<{ serviceCode: string; amount: string; explanation: string }>;
    }>(await entrepreneur.request('GET', `/api/pooling/members/${memberIds.M01}/view?from=${YEAR}-01-01&to=${YEAR}-12-31`), 200);
    expect(view.totals.total).toBe('14309.90');
    expect(view.lines.find((l) => l.serviceCode === 'COMPTA')?.explanation).toBe('36 000.00 × 1/7, +0.01 remainder');
    expect(
      (await entrepreneur.request('GET', `/api/pooling/members/${memberIds.M02}/view?from=${QUARTER.from}&to=${QUARTER.to}`))
        .status,
    ).toBe(404);
    const notes = await body<{ items: Array<{ memberCode: string }> }>(
      await entrepreneur.request('GET', '/api/pooling/charge-notes'),
      200,
    );
    expect(notes.items.map((n) => n.memberCode)).toEqual(['M01']);
    const m02Note = posted.chargeNotes.find((n) => n.memberId === memberIds.M02);
    expect((await entrepreneur.request('GET', `/api/pooling/charge-notes/${m02Note?.id}/pdf`)).status).toBe(404);
    expect((await entrepreneur.request('GET', `/api/pooling/charge-notes?memberId=${memberIds.M02}`)).status).toBe(404);
    const usage = await body<{ items: Array<{ memberCode: string }> }>(
      await entrepreneur.request('GET', '/api/pooling/usage'),
      200,
    );
    expect(usage.items.map((u) => u.memberCode)).toEqual(['M01']);
    expect((await entrepreneur.request('GET', '/api/pooling/runs')).status).toBe(403);
    expect((await entrepreneur.request('POST', '/api/pooling/runs/preview', QUARTER)).status).toBe(403);
    const committee = await signIn(app, DEMO.committee);
    expect((await committee.request('GET', '/api/pooling/usage')).status).toBe(403);
    expect(
      (await committee.request('GET', `/api/pooling/members/${memberIds.M01}/view?from=${QUARTER.from}&to=${QUARTER.to}`)).status,
    ).toBe(403);
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    const { manager, accountant, memberIds, serviceIds } = await domain53(database());
    const before = await body<{ items: unknown[] }>(await accountant.request('GET', '/api/pooling/services'), 200);
    const usageBefore = await body<{ total: number }>(await accountant.request('GET', '/api/pooling/usage'), 200);
    const badService = await manager.request('POST', '/api/pooling/services', {
      code: 'ATELIER',
      name: '',
      unit: 'miles',
      key: { kind: 'equal', validFrom: `${YEAR}-13-01` },
    });
    expect(badService.status).toBe(400);
    expect((await problem(badService)).errors?.map((e) => e.path).sort()).toEqual(['key.validFrom', 'name', 'unit']);
    const badShares = await manager.request('POST', '/api/pooling/services', {
      code: 'ATELIER',
      name: 'Atelier',
      unit: 'hours',
      key: {
        kind: 'composite',
        validFrom: `${YEAR}-01-01`,
        components: [
          { kind: 'equal', share: '0.5' },
          { kind: 'usage', share: '0.4' },
        ],
      },
    });
    expect(badShares.status).toBe(400);
    expect((await problem(badShares)).errors?.map((e) => e.path)).toEqual(['key.components']);
    const badUsage = await manager.request('POST', '/api/pooling/usage', {
      serviceId: serviceIds.TRANSPORT,
      memberId: memberIds.M01,
      usedOn: QUARTER.from,
      quantity: 12,
    });
    expect(badUsage.status).toBe(400);
    expect((await problem(badUsage)).errors?.map((e) => e.path)).toEqual(['quantity']);
    const badRun = await manager.request('POST', '/api/pooling/runs', { from: QUARTER.to, to: QUARTER.from });
    expect(badRun.status).toBe(400);
    expect((await problem(badRun)).errors?.map((e) => e.path)).toEqual(['to']);
    const badAdjustment = await manager.request('POST', '/api/pooling/adjustments', {
      serviceId: serviceIds.LOCAL,
      appliesOn: QUARTER.from,
      amount: '12.345',
      reason: 'x',
    });
    expect(badAdjustment.status).toBe(400);
    expect((await problem(badAdjustment)).errors?.map((e) => e.path)).toEqual(['amount']);
    const dry = await manager.request(
      'POST',
      '/api/pooling/usage/import?mode=apply',
      'service;membre;date;quantité\nTRANSPORT;M99;2026-08-01;3\n',
      {
        'content-type': 'text/csv',
      },
    );
    expect(dry.status).toBe(422);
    expect((await accountant.request('GET', '/api/pooling/services').then((r) => r.json())) as { items: unknown[] }).toEqual(
      before,
    );
    expect(((await accountant.request('GET', '/api/pooling/usage').then((r) => r.json())) as { total: number }).total).toBe(
      usageBefore.total,
    );
    expect(((await accountant.request('GET', '/api/pooling/runs').then((r) => r.json())) as { items: unknown[] }).items).toEqual(
      [],
    );
  });

  it('previews and posts the year-end allocation of the result to the members', async () => {
    const { manager, accountant } = await domain53(database());
    const draft = await body<Run>(await manager.request('POST', '/api/pooling/runs', QUARTER), 201);
    await body(await manager.request('POST', `/api/pooling/runs/${draft.id}/post`, {}), 200);
    const years = await body<Array<{ id: number }> | { items: Array<{ id: number }> }>(
      await accountant.request('GET', '/api/ledger/fiscal-years'),
      200,
    );
    const yearId = (Array.isArray(years) ? years : years.items)[0]?.id;
    const preview = await body<{ result: string; kind: string; lines: Array<{ amount: string }> }>(
      await accountant.request('GET', `/api/pooling/year-end/${yearId}`),
      200,
    );
    // revenue 284 000.00, the pooled costs all transferred: 284 000.00 / 7 members of one right each
    expect(preview).toMatchObject({ result: '284000.00', kind: 'profit' });
    expect(preview.lines.map((l) => l.amount)).toEqual([
      '40571.43',
      '40571.43',
      '40571.43',
      '40571.43',
      '40571.43',
      '40571.43',
      '40571.42',
    ]);
    expect((await accountant.request('POST', `/api/pooling/year-end/${yearId}`, {})).status).toBe(403);
    const after = await body<{ result: string }>(
      await manager.request('POST', `/api/pooling/year-end/${yearId}`, {}, { 'idempotency-key': 'ye' }),
      200,
    );
    expect(after.result).toBe('0.00');
    const checklist = await body<Array<{ item: string; ok: boolean }> | { items: Array<{ item: string; ok: boolean }> }>(
      await accountant.request('GET', `/api/ledger/fiscal-years/${yearId}/checklist`),
      200,
    );
    const items = Array.isArray(checklist) ? checklist : checklist.items;
    expect(items.find((c) => c.item === 'result_allocated')?.ok).toBe(true);
  });
});
