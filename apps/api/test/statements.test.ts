// The legal statements over HTTP: the manager and the accountant read the VAT return, the payment delays and the
// bilan and CPC as JSON, CSV (read back: the same figures) and PDF (read back with pdftotext); others are refused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createParty,
  createSalesDraft,
  createService,
  issueSalesDocument,
  recordPayment,
  recordPurchase,
  seedDemo,
} from '@gie-ecp/core';
import type { TestDatabase } from '@gie-ecp/core/testing';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { appFor, DEMO, problem, signIn } from './support.ts';

const YEAR = new Date().getUTCFullYear();
const PDFTOTEXT = '/usr/bin/pdftotext';
const manager = { userId: 0, role: 'manager' as const, memberId: null };

function pdfText(pdf: Uint8Array): string | null {
  if (!existsSync(PDFTOTEXT)) {
    if (process.env.REQUIRE_PDFTOTEXT === '1') throw new Error(`REQUIRE_PDFTOTEXT=1 but ${PDFTOTEXT} is missing`);
    console.warn(`NO PDFTOTEXT at ${PDFTOTEXT}: the statements' PDF text is not read back`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'gie-statements-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    return execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' })
      .replace(/[\u00A0\u202F]/g, ' ')
      .replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseCsv(text: string): Array<Record<string, string>> {
  const [head, ...body] = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
  return body.map((cells) => Object.fromEntries((head ?? []).map((h, i) => [h, cells[i] ?? ''])));
}

/** The demo GIE with its books, DOMAIN 5.1 invoiced on 20 March and its first payment of 6 000.00 on 10 April. */
async function setup(database: TestDatabase) {
  const { db } = database;
  await seedDemo(db, { ledger: true });
  const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
  const { party } = await createParty(db, manager, {
    kind: 'company',
    name: 'Hôtel Dar Tétouan SARL',
    ice: '001525856000067',
    address: '5, rue de la Luneta',
    city: 'Tétouan',
  });
  const draft = await createSalesDraft(db, manager, {
    kind: 'invoice',
    memberId: m01.id,
    customerId: party.id,
    lines: [
      { description: 'Atelier de dégustation', quantity: '2', unitPrice: '1250.00', vat: '20' },
      { description: 'Paniers', quantity: '35', unitPrice: '180.00', discountPercent: '5', vat: '10' },
      { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
    ],
  });
  const invoice = await issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR}-03-20` });
  await recordPayment(db, manager, {
    customerId: party.id,
    receivedOn: `${YEAR}-04-10`,
    method: 'transfer',
    amount: '6000.00',
    allocations: [{ documentId: invoice.id, amount: '6000.00' }],
  });
  const { party: supplier } = await createParty(db, manager, {
    kind: 'company',
    name: 'Transports Tingis SARL',
    ice: '002233445000071',
    isSupplier: true,
    isCustomer: false,
  });
  const service = await createService(db, manager, {
    code: 'TRANSP2',
    name: 'Transport',
    unit: 'km',
    expenseAccounts: ['61365'],
    key: { kind: 'equal', validFrom: `${YEAR}-01-01` },
  });
  const bill = await recordPurchase(db, manager, {
    supplierId: supplier.id,
    billDate: `${YEAR}-04-02`,
    billNumber: 'TT-881',
    lines: [{ description: 'Tournée', serviceId: service.id, amountHt: '1000.00', vatRate: '14' }],
  });
  return { app: appFor(database), supplierId: supplier.id, billId: bill.id };
}

describeWithDatabase('legal statements over HTTP', (database) => {
  it('gives the VAT return as JSON, CSV with the same figures, and a PDF with the GIE in its header', async () => {
    const { app, supplierId, billId } = await setup(database());
    const accountant = await signIn(app, DEMO.accountant);
    // the accountant pays the supplier half of its bill (1 140.00 TTC): 70.00 of VAT becomes recoverable
    const pay = (key: string, amount = '570.00') =>
      accountant.request(
        'POST',
        '/api/pooling/supplier-payments',
        { supplierId, paidOn: `${YEAR}-04-25`, method: 'transfer', amount, allocations: [{ purchaseId: billId, amount }] },
        { 'idempotency-key': key },
      );
    const paid = await pay('tt-881-1');
    expect(paid.status, await paid.clone().text()).toBe(201);
    expect((await paid.json()).allocations[0].vat).toEqual([{ vat: '14', amount: '70.00' }]);
    expect((await pay('tt-881-1')).status).toBe(201);
    const tooMuch = await pay('tt-881-2', '570.01');
    expect(tooMuch.status).toBe(409);
    expect((await problem(tooMuch)).errors).toEqual([{ path: 'allocations.0.amount', message: 'at most 570.00' }]);
    const badBody = await accountant.request('POST', '/api/pooling/supplier-payments', { supplierId, paidOn: 'hier' });
    expect(badBody.status).toBe(400);
    expect((await problem(badBody)).errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['paidOn', 'method', 'amount']));
    const bills = await (await accountant.request('GET', `/api/pooling/purchases/${billId}/payments`)).json();
    expect(bills.items).toEqual([expect.objectContaining({ amount: '570.00', paidOn: `${YEAR}-04-25` })]);

    const mgr = await signIn(app, DEMO.manager);
    const response = await mgr.request('GET', `/api/reporting/vat-return?period=${YEAR}-04`);
    expect(response.status).toBe(200);
    const ret = await response.json();
    // DOMAIN 5.2, first payment: 297.56 + 356.18 + 36.44; the supplier's 14 % on 500.00 HT
    expect([ret.collected.total, ret.deductible.total, ret.due, ret.credit]).toEqual(['690.18', '70.00', '620.18', '0.00']);
    const csvResponse = await mgr.request('GET', `/api/reporting/vat-return?period=${YEAR}-04&format=csv`);
    expect(csvResponse.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvResponse.headers.get('content-disposition')).toContain(`tva_${YEAR}-04.csv`);
    const csv = parseCsv(await csvResponse.text());
    const totals = csv.filter((r) => r.ligne === 'total_taux').map((r) => r.tva);
    expect(totals).toEqual([...ret.collected.byRate, ...ret.deductible.byRate].map((r: { amount: string }) => r.amount));
    expect(csv.find((r) => r.ligne === 'tva_due')?.tva).toBe(ret.due);
    expect(csv.filter((r) => r.ligne === 'detail').map((r) => r.tva)).toEqual(ret.lines.map((l: { amount: string }) => l.amount));

    const pdf = await mgr.request('GET', `/api/reporting/vat-return?period=${YEAR}-Q2&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    if (text !== null) {
      expect(text).toContain('Déclaration de TVA');
      expect(text).toContain('GIE');
      expect(text).toContain('690,18');
      expect(text).toContain('620,18');
    }
  });

  it('gives the payment delays and the bilan and CPC in the three formats', async () => {
    const { app } = await setup(database());
    const accountant = await signIn(app, DEMO.accountant);
    const delays = await (await accountant.request('GET', `/api/reporting/payment-delays?quarter=${YEAR}-Q4`)).json();
    // the supplier bill of 2 April (due 1 June) is still unpaid at the end of the year; the invoice too
    expect(delays.supplier.lines.map((l: { number: string; status: string }) => [l.number, l.status])).toEqual([
      ['TT-881', 'unpaid'],
    ]);
    expect(delays.customer.lines.map((l: { amount: string }) => l.amount)).toEqual(['4082.08']);
    const delaysCsv = parseCsv(
      await (await accountant.request('GET', `/api/reporting/payment-delays?quarter=${YEAR}-Q4&format=csv`)).text(),
    );
    expect(delaysCsv.map((r) => r.penalite)).toEqual([...delays.customer.lines, ...delays.supplier.lines].map((l) => l.fine));

    const fs = await (await accountant.request('GET', `/api/reporting/financial-statements?year=${YEAR}`)).json();
    expect(fs.balanced).toBe(true);
    expect(fs.totals.actif.current).toBe(fs.totals.passif.current);
    const fsCsv = parseCsv(
      await (await accountant.request('GET', `/api/reporting/financial-statements?year=${YEAR}&format=csv`)).text(),
    );
    expect(fsCsv.find((r) => r.code === 'TA')?.[`exercice_${YEAR}`]).toBe(fs.totals.actif.current);
    expect(fsCsv.find((r) => r.code === 'XIII')?.[`exercice_${YEAR}`]).toBe(fs.totals.result.current);
    const pdf = await accountant.request('GET', `/api/reporting/financial-statements?year=${YEAR}&format=pdf`);
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    if (text !== null) {
      expect(text).toContain('Bilan — actif');
      expect(text).toContain('Compte de produits et charges');
    }
    const delaysPdf = await accountant.request('GET', `/api/reporting/payment-delays?quarter=${YEAR}-Q4&format=pdf`);
    expect(delaysPdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('names the wrong field and refuses the roles the statements are not for', async () => {
    const { app } = await setup(database());
    const mgr = await signIn(app, DEMO.manager);
    const bad = await mgr.request('GET', '/api/reporting/vat-return?period=2026-14');
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]).toMatchObject({ path: 'period' });
    const badYear = await mgr.request('GET', '/api/reporting/financial-statements?year=20x6');
    expect((await problem(badYear)).errors?.[0]).toMatchObject({ path: 'year' });
    for (const who of [DEMO.entrepreneur, DEMO.committee]) {
      const caller = await signIn(app, who);
      expect((await caller.request('GET', `/api/reporting/vat-return?period=${YEAR}-04`)).status).toBe(403);
    }
  });
});
