// The fixture of the statements' tests: DOMAIN 5.1 and 5.2 on the customer side, a two-rate supplier bill paid in two
// halves on the supplier side, in the demo GIE with its books.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createSalesDraft, issueSalesDocument, recordPayment } from '../../src/invoicing/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { createService, recordPurchase, recordSupplierPayment } from '../../src/pooling/index.ts';
import type { Actor } from '../../src/users/actor.ts';

export const manager: Actor = { userId: 0, role: 'manager', memberId: null };
export const accountant: Actor = { userId: 0, role: 'accountant', memberId: null };
export const YEAR = new Date().getUTCFullYear();
export const d = (month: number, day: number) => `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const LINES = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' },
  {
    description: 'Paniers produits du terroir',
    quantity: '35',
    unitPrice: '180.00',
    discountPercent: '5',
    vat: '10',
    revenue: 'goods' as const,
  },
  { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
];

/**
 * DOMAIN 5.1 invoiced on 20 March (due 19 May, 60 days), paid 6 000.00 on 10 April and 4 082.08 on 15 June; a
 * supplier bill of 5 April (3 000.00 at 20 % and 1 000.00 at 10 %, TTC 4 700.00, due 4 June) paid half on 20 April
 * and half on 10 July.
 */
export async function fixture(db: Kysely<Database>) {
  await seedDemo(db, { ledger: true });
  const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
  const customer = await createParty(db, manager, {
    kind: 'company',
    name: 'Hôtel Dar Tétouan SARL',
    ice: '001525856000067',
    address: '5, rue de la Luneta',
    city: 'Tétouan',
  });
  const supplier = await createParty(db, manager, {
    kind: 'company',
    name: 'Cabinet Comptable du Nord',
    ice: '002233445000071',
    isSupplier: true,
    isCustomer: false,
    address: '12, avenue Mohammed V',
    city: 'Tanger',
  });
  const invoice = await issueSalesDocument(
    db,
    manager,
    (await createSalesDraft(db, manager, { kind: 'invoice', memberId: m01.id, customerId: customer.party.id, lines: LINES })).id,
    { issueDate: d(3, 20) },
  );
  const pay = (receivedOn: string, amount: string) =>
    recordPayment(db, manager, {
      customerId: customer.party.id,
      receivedOn,
      method: 'transfer',
      amount,
      reference: `VIR-${receivedOn}`,
      allocations: [{ documentId: invoice.id, amount }],
    });
  await pay(d(4, 10), '6000.00');
  await pay(d(6, 15), '4082.08');
  const service = await createService(db, manager, {
    code: 'COMPTA2',
    name: 'Comptabilité',
    unit: 'hours',
    expenseAccounts: ['61365'],
    key: { kind: 'equal', validFrom: `${YEAR}-01-01` },
  });
  const bill = await recordPurchase(db, manager, {
    supplierId: supplier.party.id,
    billDate: d(4, 5),
    billNumber: 'CCN-2026-118',
    lines: [
      { description: 'Tenue des comptes', serviceId: service.id, amountHt: '3000.00', vatRate: '20' },
      { description: 'Formation', serviceId: service.id, amountHt: '1000.00', vatRate: '10' },
    ],
  });
  const payBill = (paidOn: string, key: string) =>
    recordSupplierPayment(db, accountant, {
      supplierId: supplier.party.id,
      paidOn,
      method: 'transfer',
      amount: '2350.00',
      reference: key,
      allocations: [{ purchaseId: bill.id, amount: '2350.00' }],
      idempotencyKey: key,
    });
  return { invoice, bill, supplierId: supplier.party.id, payBill };
}
