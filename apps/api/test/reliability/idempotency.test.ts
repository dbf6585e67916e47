// Idempotency under concurrency: the same payment, payout, issue, posting or allocation run sent at once by several
// clients (each its own session) with one Idempotency-Key has exactly one effect, and every client gets its answer.
import { seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { appFor, type Caller, DEMO, signIn } from '../support.ts';
import { report } from './support.ts';

const CLIENTS = 8;
const YEAR = new Date().getUTCFullYear();
const TODAY = new Date().toISOString().slice(0, 10);
let tried = 0;

/** Sends the same request from every caller at once; all must get a 2xx with the same id. */
async function allAtOnce(callers: Caller[], path: string, body: unknown, key: string, idOf: (json: never) => unknown) {
  const responses = await Promise.all(callers.map((c) => c.request('POST', path, body, { 'idempotency-key': key })));
  tried += responses.length;
  const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, json: (await r.json()) as never })));
  for (const answer of answers) expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(300);
  const ids = new Set(answers.map((a) => idOf(a.json)));
  expect([...ids]).toHaveLength(1);
  return [...ids][0];
}

const count = async (db: Parameters<typeof seedDemo>[0], query: string) =>
  Number((await sql<{ n: string }>`${sql.raw(query)}`.execute(db)).rows[0]?.n);

describeWithDatabase('idempotency under concurrent clients', (database) => {
  it('gives one effect per key for issue, payment, payout, posting and allocation run', { timeout: 120_000 }, async () => {
    tried = 0;
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const app = appFor(database());
    const managers = await Promise.all(Array.from({ length: CLIENTS }, () => signIn(app, DEMO.manager)));
    const accountants = await Promise.all(Array.from({ length: CLIENTS }, () => signIn(app, DEMO.accountant)));
    const manager = managers[0] as Caller;
    const customer = (await (await manager.request('POST', '/api/parties', { kind: 'individual', name: 'Client' })).json()) as {
      party: { id: number };
    };
    const m01 = (await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow()).id;
    const draft = (await (
      await manager.request('POST', '/api/invoicing/documents', {
        kind: 'invoice',
        memberId: m01,
        customerId: customer.party.id,
        lines: [{ description: 'Prestation', quantity: '1', unitPrice: '1000.00', vat: '20' }],
      })
    ).json()) as { id: number };
    const entriesBefore = await count(db, 'select count(*) as n from entries');

    // issue: one number, one entry
    await allAtOnce(
      managers,
      `/api/invoicing/documents/${draft.id}/issue`,
      {},
      'issue-once',
      (d: { number: string }) => d.number,
    );
    expect(await count(db, `select count(*) as n from sales_documents where number is not null and kind = 'invoice'`)).toBe(1);
    expect(await count(db, 'select count(*) as n from entries')).toBe(entriesBefore + 1);

    // payment of part of it: one payment, one entry, the invoice owes the rest
    const payment = {
      customerId: customer.party.id,
      receivedOn: TODAY,
      method: 'transfer',
      amount: '500.00',
      allocations: [{ documentId: draft.id, amount: '500.00' }],
    };
    await allAtOnce(accountants, '/api/invoicing/payments', payment, 'pay-once', (p: { id: number }) => p.id);
    expect(await count(db, 'select count(*) as n from payments')).toBe(1);
    expect(await count(db, 'select count(*) as n from entries')).toBe(entriesBefore + 2);
    // the same key with another body is a conflict, not a second payment nor the first answer
    const other = await accountants[1]?.request(
      'POST',
      '/api/invoicing/payments',
      { ...payment, amount: '400.00', allocations: [{ documentId: draft.id, amount: '400.00' }] },
      { 'idempotency-key': 'pay-once' },
    );
    expect(other?.status).toBe(409);

    // payout to the member of its collected share
    const payout = { memberId: m01, paidOn: TODAY, amount: '100.00' };
    await allAtOnce(managers, '/api/invoicing/payouts', payout, 'payout-once', (p: { id: number }) => p.id);
    expect(await count(db, 'select count(*) as n from payouts')).toBe(1);
    const otherPayout = await managers[1]?.request(
      'POST',
      '/api/invoicing/payouts',
      { ...payout, amount: '99.00' },
      { 'idempotency-key': 'payout-once' },
    );
    expect(otherPayout?.status).toBe(409);

    // a manual entry
    const entry = {
      journal: 'OD',
      date: TODAY,
      label: 'Virement interne',
      lines: [
        { account: '5141', debit: '12.34' },
        { account: '5161', credit: '12.34' },
      ],
    };
    await allAtOnce(accountants, '/api/ledger/entries', entry, 'entry-once', (e: { reference: string }) => e.reference);
    expect(await count(db, `select count(*) as n from entries where label = 'Virement interne'`)).toBe(1);

    // an allocation run of the second quarter: one posting, one set of charge notes
    const run = (await (
      await manager.request('POST', '/api/pooling/runs', { from: `${YEAR}-04-01`, to: `${YEAR}-06-30` })
    ).json()) as {
      id: number;
    };
    await allAtOnce(managers, `/api/pooling/runs/${run.id}/post`, {}, 'run-once', (r: { entryId: number }) => r.entryId);
    expect(await count(db, `select count(*) as n from pooling_runs where status = 'posted'`)).toBe(1);
    const notes = await count(db, 'select count(*) as n from pooling_charge_notes');
    expect(notes).toBe(7);
    await allAtOnce(
      managers,
      `/api/pooling/runs/${run.id}/reverse`,
      { date: TODAY, reason: 'Erreur' },
      'reverse-once',
      (r: { reversalEntryId: number }) => r.reversalEntryId,
    );
    expect(await count(db, `select count(*) as n from entries where reverses_entry_id is not null`)).toBe(1);
    report(`idempotency [${database().engine}]`, { 'requests sent with a shared key': tried, clients: CLIENTS });
  });
});
