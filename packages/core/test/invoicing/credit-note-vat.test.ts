// VAT on receipts after a credit note: the payments of an invoice declare the VAT of what was really sold, i.e. the
// invoice's VAT by rate less its credit notes', whether the avoir comes before the payments or between them.
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import {
  createCreditNoteDraft,
  createSalesDraft,
  getSalesDocument,
  issueSalesDocument,
  recordPayment,
} from '../../src/invoicing/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { vatReturn } from '../../src/reporting/vat-return.ts';
import { describeWithDatabase, type TestDatabase } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';

const manager: Actor = { userId: 0, role: 'manager', memberId: null };
const YEAR = new Date().getUTCFullYear();
const d = (month: number, day: number) => `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** DOMAIN 5.1: HT 2 500.00 at 20 %, 5 985.00 at 10 %, 437.35 at 14 %; VAT 500.00, 598.50, 61.23; TTC 10 082.08. */
const LINES = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' },
  { description: 'Paniers produits du terroir', quantity: '35', unitPrice: '180.00', discountPercent: '5', vat: '10' },
  { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
];
const TRANSPORT = LINES[2] as (typeof LINES)[number];

async function domainInvoice(database: () => TestDatabase) {
  const { db } = database();
  await seedDemo(db, { ledger: true });
  const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
  const { party } = await createParty(db, manager, { kind: 'company', name: 'Hôtel Dar Tétouan SARL', ice: '001525856000067' });
  const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId: m01.id, customerId: party.id, lines: LINES });
  const invoice = await issueSalesDocument(db, manager, draft.id, { issueDate: d(3, 20) });
  const creditTransport = async (on: string) => {
    const note = await createCreditNoteDraft(db, manager, invoice.id, [TRANSPORT]);
    return issueSalesDocument(db, manager, note.id, { issueDate: on });
  };
  const pay = (on: string, amount: string) =>
    recordPayment(db, manager, {
      customerId: party.id,
      receivedOn: on,
      method: 'transfer',
      amount,
      allocations: [{ documentId: invoice.id, amount }],
    });
  return { db, invoice, creditTransport, pay };
}

const vatOf = (payment: { allocations: Array<{ vat: Array<{ vat: string; amount: string }> }> }) =>
  Object.fromEntries((payment.allocations[0]?.vat ?? []).map((v) => [v.vat, v.amount]));

describeWithDatabase('VAT on receipts after a credit note', (database) => {
  it('declares the VAT of the lines kept when the avoir comes first', async () => {
    const { db, invoice, creditTransport, pay } = await domainInvoice(database);
    // the transport line credited: 437.35 + 61.23 = 498.58 TTC off, 10 082.08 − 498.58 = 9 583.50 left to pay
    await creditTransport(d(3, 25));
    const payment = await pay(d(4, 10), '9583.50');
    expect(vatOf(payment)).toEqual({ '20': '500.00', '10': '598.50', '14': '0.00' });
    expect((await getSalesDocument(db, manager, invoice.id)).due).toBe('0.00');
    const april = await vatReturn(db, manager, `${YEAR}-04`);
    expect(april.collected.total).toBe('1098.50');
    // the bases beside it: 2 500.00 and 5 985.00 sold, nothing at 14 %
    expect(Object.fromEntries(april.collected.byRate.map((r) => [r.vat, r.base]))).toMatchObject({
      '20': '2500.00',
      '10': '5985.00',
    });
  });

  it('regularises on the later payments when the avoir comes between them', async () => {
    const { invoice, creditTransport, pay, db } = await domainInvoice(database);
    // DOMAIN 5.2's first payment: 297.56 + 356.18 + 36.44 = 690.18
    const first = await pay(d(4, 10), '6000.00');
    expect(vatOf(first)).toEqual({ '20': '297.56', '10': '356.18', '14': '36.44' });
    await creditTransport(d(4, 20));
    // 10 082.08 − 498.58 − 6 000.00 = 3 583.50 left; it completes the VAT kept: 500.00 − 297.56, 598.50 − 356.18,
    // and gives back the 36.44 declared on a line since credited
    const second = await pay(d(5, 5), '3583.50');
    expect(vatOf(second)).toEqual({ '20': '202.44', '10': '242.32', '14': '-36.44' });
    expect((await getSalesDocument(db, manager, invoice.id)).due).toBe('0.00');
    const quarter = await vatReturn(db, manager, `${YEAR}-Q2`);
    expect(quarter.collected.total).toBe('1098.50');
  });
});
