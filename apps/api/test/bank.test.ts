import { seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { type App, type Caller, DEMO, problem, signIn } from './support.ts';

const YEAR = new Date().getUTCFullYear();

async function withBooks(database: Parameters<typeof seedDemo>[0]): Promise<App> {
  await seedDemo(database, { ledger: true });
  return createApp({ db: database, engine: 'pglite', version: 'test' });
}

/** A customer, two issued invoices of 1200.00 TTC each, the first paid by transfer. */
async function invoicesAndPayment(manager: Caller) {
  const customer = (await (
    await manager.request('POST', '/api/parties', { kind: 'company', name: 'Hôtel Dar Tétouan SARL', ice: '001525856000067' })
  ).json()) as { party: { id: number } };
  const members = (await (await manager.request('GET', '/api/members?status=active')).json()) as {
    items: Array<{ id: number; code: string | null }>;
  };
  const memberId = members.items.find((m) => m.code === 'M01')?.id ?? 0;
  const invoices: Array<{ id: number; number: string }> = [];
  for (let i = 0; i < 2; i++) {
    const draft = (await (
      await manager.request('POST', '/api/invoicing/documents', {
        kind: 'invoice',
        memberId,
        customerId: customer.party.id,
        lines: [{ description: 'Prestation', quantity: '1', unitPrice: '1000.00', vat: '20' }],
      })
    ).json()) as { id: number };
    const issued = await manager.request('POST', `/api/invoicing/documents/${draft.id}/issue`, { issueDate: `${YEAR}-03-02` });
    expect(issued.status).toBe(200);
    invoices.push((await issued.json()) as { id: number; number: string });
  }
  const paid = await manager.request('POST', '/api/invoicing/payments', {
    customerId: customer.party.id,
    receivedOn: `${YEAR}-03-10`,
    method: 'transfer',
    amount: '1200.00',
    reference: 'VIR-77001',
    allocations: [{ documentId: invoices[0]?.id, amount: '1200.00' }],
  });
  expect(paid.status).toBe(201);
  const payment = (await paid.json()) as { id: number };
  return { customerId: customer.party.id, invoices, payment };
}

function importCsv(caller: Caller, csv: string, query = 'mode=apply') {
  return caller.request('POST', `/api/invoicing/bank-statements/import?${query}`, csv, { 'content-type': 'text/csv' });
}

describeWithDatabase('payments register and bank matching API', (database) => {
  it('imports a statement, matches one line, records another as a payment, and lists the register', async () => {
    const app = await withBooks(database().db);
    const manager = await signIn(app, DEMO.manager);
    const { customerId, invoices, payment } = await invoicesAndPayment(manager);
    const csv = [
      'Date de valeur;Libellé;Référence;Montant',
      `12/03/${YEAR};VIR RECU HOTEL DAR TETOUAN;VIR-77001;1 200,00`,
      `14/03/${YEAR};VIREMENT ${invoices[1]?.number};;1200,00`,
    ].join('\n');
    const dry = await importCsv(manager, csv, 'mode=dry-run');
    expect(await dry.json()).toMatchObject({ mode: 'dry-run', total: 2, valid: 2, problems: [], created: 0 });
    expect(((await (await manager.request('GET', '/api/invoicing/bank-statements')).json()) as { total: number }).total).toBe(0);
    const applied = await importCsv(manager, csv, 'mode=apply&name=Relev%C3%A9%20mars');
    expect(applied.status).toBe(200);
    const { statementId } = (await applied.json()) as { statementId: number };
    const list = (await (await manager.request('GET', '/api/invoicing/bank-statements')).json()) as {
      items: Array<{ id: number; name: string; lines: number }>;
    };
    expect(list.items).toMatchObject([{ id: statementId, name: 'Relevé mars', lines: 2 }]);

    const statement = (await (await manager.request('GET', `/api/invoicing/bank-statements/${statementId}`)).json()) as {
      lines: Array<{ id: number; suggestions: Array<{ kind: string; id: number }>; invoices: Array<{ id: number }> }>;
    };
    const [first, second] = statement.lines;
    // both lines are 1200.00: the first names the payment's reference, the second names the unpaid invoice
    expect(first?.suggestions.map((s) => s.id)).toEqual([payment.id]);
    expect(second?.invoices.map((s) => s.id)).toEqual([invoices[1]?.id]);

    const match = await manager.request('POST', `/api/invoicing/bank-lines/${first?.id}/match`, { paymentId: payment.id });
    expect(match.status).toBe(200);
    expect(await match.json()).toMatchObject({ lineId: first?.id, paymentId: payment.id });
    const recorded = await manager.request('POST', `/api/invoicing/bank-lines/${second?.id}/payment`, {
      customerId,
      allocations: [{ documentId: invoices[1]?.id, amount: '1200.00' }],
    });
    expect(recorded.status).toBe(201);
    const { payment: fromBank } = (await recorded.json()) as { payment: { id: number; receivedOn: string; method: string } };
    expect(fromBank).toMatchObject({ receivedOn: `${YEAR}-03-14`, method: 'transfer' });
    const invoice = (await (await manager.request('GET', `/api/invoicing/documents/${invoices[1]?.id}`)).json()) as {
      settlement: string;
    };
    expect(invoice.settlement).toBe('paid');

    const register = (await (await manager.request('GET', '/api/invoicing/payments?matched=true')).json()) as {
      items: Array<{ id: number; bank: { statementId: number } | null; invoices: Array<{ number: string }> }>;
      total: number;
      totalAmount: string;
    };
    expect(register).toMatchObject({ total: 2, totalAmount: '2400.00' });
    expect(register.items.map((p) => [p.id, p.bank?.statementId, p.invoices[0]?.number])).toEqual([
      [fromBank.id, statementId, invoices[1]?.number],
      [payment.id, statementId, invoices[0]?.number],
    ]);
    const searched = (await (await manager.request('GET', '/api/invoicing/payments?search=VIR-77')).json()) as { total: number };
    expect(searched.total).toBe(1);
    const detail = (await (await manager.request('GET', `/api/invoicing/payments/${payment.id}`)).json()) as {
      customerName: string;
      bank: { lineId: number };
    };
    expect(detail).toMatchObject({ customerName: 'Hôtel Dar Tétouan SARL', bank: { lineId: first?.id } });

    const unmatched = await manager.request('POST', `/api/invoicing/bank-lines/${first?.id}/unmatch`);
    expect(await unmatched.json()).toMatchObject({ paymentId: null });
    expect((await manager.request('POST', `/api/invoicing/bank-lines/${first?.id}/unmatch`)).status).toBe(409);
    const open = (await (await manager.request('GET', `/api/invoicing/open-invoices?customerId=${customerId}`)).json()) as {
      items: unknown[];
    };
    expect(open.items).toEqual([]);
  });

  it('keeps entrepreneurs and the committee out, and names the field of bad input', async () => {
    const app = await withBooks(database().db);
    const manager = await signIn(app, DEMO.manager);
    const { payment } = await invoicesAndPayment(manager);
    const applied = await importCsv(manager, ['Date;Libellé;Montant', `12/03/${YEAR};VIR;1200,00`].join('\n'));
    const { statementId } = (await applied.json()) as { statementId: number };
    const statement = (await (await manager.request('GET', `/api/invoicing/bank-statements/${statementId}`)).json()) as {
      lines: Array<{ id: number }>;
    };
    const lineId = statement.lines[0]?.id;
    for (const email of [DEMO.entrepreneur, DEMO.committee]) {
      const caller = await signIn(app, email);
      for (const [method, path, body] of [
        ['GET', '/api/invoicing/payments'],
        ['GET', `/api/invoicing/payments/${payment.id}`],
        ['GET', '/api/invoicing/open-invoices'],
        ['GET', '/api/invoicing/bank-statements'],
        ['GET', `/api/invoicing/bank-statements/${statementId}`],
        ['POST', `/api/invoicing/bank-lines/${lineId}/match`, { paymentId: payment.id }],
        ['POST', `/api/invoicing/bank-lines/${lineId}/unmatch`],
      ] as Array<[string, string, unknown?]>) {
        expect((await caller.request(method, path, body)).status, `${email} ${method} ${path}`).toBe(403);
      }
      expect((await importCsv(caller, 'Date;Libellé;Montant\n')).status).toBe(403);
    }
    const accountant = await signIn(app, DEMO.accountant);
    expect((await accountant.request('GET', '/api/invoicing/payments')).status).toBe(200);

    const badQuery = await problem(await manager.request('GET', '/api/invoicing/payments?from=2026-13-01&matched=maybe'));
    expect(badQuery.errors?.map((e) => e.path).sort()).toEqual(['from', 'matched']);
    const neither = await problem(await manager.request('POST', `/api/invoicing/bank-lines/${lineId}/match`, {}));
    expect(neither).toMatchObject({ status: 400, errors: [{ path: 'paymentId' }] });
    const both = await manager.request('POST', `/api/invoicing/bank-lines/${lineId}/match`, { paymentId: 1, payoutId: 1 });
    expect(both.status).toBe(400);
    const floatAmount = await problem(
      await manager.request('POST', `/api/invoicing/bank-lines/${lineId}/payment`, {
        customerId: 1,
        allocations: [{ documentId: 1, amount: 1200 }],
      }),
    );
    expect(floatAmount.errors?.[0]?.path).toBe('allocations.0.amount');
    const badBalance = await problem(await importCsv(manager, 'Date;Libellé;Montant\n', 'mode=dry-run&openingBalance=1,5'));
    expect(badBalance.errors?.[0]?.path).toBe('openingBalance');
    const badJournal = await problem(await importCsv(manager, 'Date;Libellé;Montant\n', 'mode=dry-run&journal=VT'));
    expect(badJournal).toMatchObject({ status: 400, errors: [{ path: 'journal' }] });
    const refused = await problem(await importCsv(manager, ['Date;Libellé;Montant', `12/03/${YEAR};VIR;douze`].join('\n')));
    expect(refused).toMatchObject({ status: 422, errors: [{ path: 'row 2, Montant' }] });
    expect((await manager.request('GET', '/api/invoicing/bank-statements/999999')).status).toBe(404);
    expect((await manager.request('POST', '/api/invoicing/bank-lines/999999/unmatch')).status).toBe(404);
    const differ = await problem(
      await manager.request('POST', `/api/invoicing/bank-lines/${lineId}/match`, { paymentId: payment.id + 1000 }),
    );
    expect(differ).toMatchObject({ status: 400, errors: [{ path: 'paymentId' }] });
  });
});
