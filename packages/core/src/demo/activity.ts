// The demo GIE's year of trading, for the back office a newcomer opens: customers, invoices issued through the GIE
// for six members month after month, payments (on time, late, in two parts, still due), a credit note and a paid
// supplier bill. Everything goes through the core, so the books, numbers and audit log are what real use makes.
import type { Kysely } from 'kysely';
import { addDays, today } from '../dates.ts';
import type { Database } from '../db/schema.ts';
import { createCreditNoteDraft, createSalesDraft, issueSalesDocument, type SalesLineInput } from '../invoicing/documents.ts';
import { recordPayment } from '../invoicing/payments.ts';
import { Dec } from '../money/decimal.ts';
import { createParty } from '../parties/parties.ts';
import { recordPurchase } from '../pooling/purchases.ts';
import { recordSupplierPayment } from '../pooling/supplier-payments.ts';
import type { Actor } from '../users/actor.ts';

const CUSTOMERS = [
  { name: 'Hôtel Dar Tétouan SARL', ice: '001525856000067', city: 'Tétouan', address: '5, rue de la Luneta', paymentDays: 60 },
  { name: 'Restaurant Al Bahr SARL', ice: '002145678000034', city: 'Tanger', address: '18, boulevard Pasteur', paymentDays: 30 },
  { name: 'Épicerie fine Nour', ice: '001987654000021', city: "M'diq", address: '3, avenue Hassan II', paymentDays: 60 },
  { name: 'Riad Chefchaouen Bleu', ice: '003012345000089', city: 'Chefchaouen', address: 'Derb El Andalous', paymentDays: 45 },
] as const;

/** What each member sells: the lines of its invoices, quantities varied by month. */
const CATALOGUE: Record<string, ReadonlyArray<Omit<SalesLineInput, 'quantity'> & { quantity: number }>> = {
  M01: [
    { description: 'Atelier de dégustation (prestation)', quantity: 1, unitPrice: '1250.00', vat: '20', revenue: 'services' },
    { description: 'Paniers produits du terroir', quantity: 12, unitPrice: '180.00', vat: '10', revenue: 'goods' },
  ],
  M02: [{ description: 'Couscous artisanal, sac de 5 kg', quantity: 40, unitPrice: '95.00', vat: '10', revenue: 'goods' }],
  M04: [
    { description: "Huile d'olive extra vierge, bidon de 5 L", quantity: 18, unitPrice: '310.00', vat: '10', revenue: 'goods' },
  ],
  M05: [
    { description: 'Miel de thym, pot de 1 kg', quantity: 25, unitPrice: '220.00', vat: '10', revenue: 'goods' },
    { description: 'Livraison réfrigérée', quantity: 1, unitPrice: '437.35', vat: '14', revenue: 'services' },
  ],
  M06: [{ description: 'Tapis tissé main, 2 × 3 m', quantity: 2, unitPrice: '1450.00', vat: '20', revenue: 'goods' }],
  M07: [{ description: 'Poterie émaillée, service de table', quantity: 6, unitPrice: '395.00', vat: '20', revenue: 'goods' }],
};
const SELLERS = Object.keys(CATALOGUE);

/**
 * How invoice n is settled, in a cycle of five: paid within its terms, paid late, paid in two parts, left unpaid
 * (overdue once its due date passes), paid on the 40th day.
 */
const SETTLEMENT = ['on_time', 'late', 'two_parts', 'unpaid', 'day_40'] as const;

/** Seeds the year of trading up to today (in the seed's transaction); the manager issues and records. */
export async function seedDemoActivity(
  trx: Kysely<Database>,
  members: ReadonlyArray<{ id: number; code: string | null }>,
  manager: Actor,
): Promise<void> {
  const now = today();
  const year = now.slice(0, 4);
  const memberId = (code: string) => members.find((m) => m.code === code)?.id as number;
  const customers = [];
  for (const customer of CUSTOMERS) {
    customers.push((await createParty(trx, manager, { kind: 'company', ...customer })).party);
  }
  const currentMonth = Number(now.slice(5, 7));
  let n = 0;
  let credited = false;
  for (let month = 1; month <= currentMonth; month++) {
    for (const day of [6, 19]) {
      const issueDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (issueDate > now) continue;
      const seller = SELLERS[n % SELLERS.length] as string;
      const customer = customers[(n + month) % customers.length] as (typeof customers)[number];
      const lines = (CATALOGUE[seller] ?? []).map((line) => ({
        ...line,
        quantity: String(line.quantity + ((n * 7) % 5)),
      }));
      const draft = await createSalesDraft(trx, manager, {
        kind: 'invoice',
        memberId: memberId(seller),
        customerId: customer.id,
        lines,
      });
      const invoice = await issueSalesDocument(trx, manager, draft.id, { issueDate });
      const settlement = SETTLEMENT[n % SETTLEMENT.length];
      n += 1;
      const pay = async (after: number, amount: string, part: string) => {
        const receivedOn = addDays(issueDate, after);
        if (receivedOn > now) return;
        await recordPayment(trx, manager, {
          customerId: customer.id,
          receivedOn,
          method: 'transfer',
          amount,
          reference: `VIR ${invoice.number}${part}`,
          allocations: [{ documentId: invoice.id, amount }],
        });
      };
      const total = new Dec(invoice.totals.ttc);
      if (settlement === 'on_time') await pay(25, invoice.totals.ttc, '');
      if (settlement === 'late') await pay(invoice.paymentDays + 21, invoice.totals.ttc, '');
      if (settlement === 'day_40') await pay(40, invoice.totals.ttc, '');
      if (settlement === 'two_parts') {
        const first = total.div(2).toDecimalPlaces(0, Dec.ROUND_DOWN).toFixed(2);
        await pay(20, first, ' (1/2)');
        await pay(45, total.minus(first).toFixed(2), ' (2/2)');
      }
      if (settlement === 'unpaid' && !credited && lines.length > 1) {
        // the customer sent back part of the goods: an avoir for the invoice's last line, ten days later
        const note = await createCreditNoteDraft(trx, manager, invoice.id, [lines[lines.length - 1] as SalesLineInput]);
        const noteDate = addDays(issueDate, 10);
        if (noteDate <= now) {
          await issueSalesDocument(trx, manager, note.id, { issueDate: noteDate });
          credited = true;
        }
      }
    }
  }
  await seedDemoSupplierBill(trx, manager, now, year);
}

/** The accounting firm's bill for the first quarter, paid forty days later: recoverable VAT on the VAT return. */
async function seedDemoSupplierBill(trx: Kysely<Database>, manager: Actor, now: string, year: string): Promise<void> {
  const billDate = `${year}-02-10`;
  if (billDate > now) return;
  const service = await trx.selectFrom('pooled_services').select('id').where('code', '=', 'COMPTA').executeTakeFirst();
  if (!service) return;
  const { party } = await createParty(trx, manager, {
    kind: 'company',
    name: 'Cabinet Comptable du Nord',
    ice: '002233445000071',
    isSupplier: true,
    isCustomer: false,
    address: '12, avenue Mohammed V',
    city: 'Tanger',
  });
  const bill = await recordPurchase(trx, manager, {
    supplierId: party.id,
    billDate,
    billNumber: `CCN-${year}-018`,
    lines: [
      { description: 'Tenue des comptes, janvier et février', serviceId: service.id, amountHt: '2400.00', vatRate: '20' },
      { description: 'Formation à la facturation', serviceId: service.id, amountHt: '600.00', vatRate: '10' },
    ],
  });
  const paidOn = addDays(billDate, 40);
  if (paidOn > now) return;
  await recordSupplierPayment(trx, manager, {
    supplierId: party.id,
    paidOn,
    method: 'transfer',
    amount: bill.totalTtc,
    reference: `VIR CCN-${year}-018`,
    allocations: [{ purchaseId: bill.id, amount: bill.totalTtc }],
  });
}
