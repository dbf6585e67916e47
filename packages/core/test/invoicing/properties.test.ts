// Random invoices through the whole chain: totals from the lines, the ledger entry balanced and equal to the
// totals, credit notes and payments never beyond what the invoice allows.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import {
  createCreditNoteDraft,
  createSalesDraft,
  invoiceBalance,
  issueSalesDocument,
  recordPayment,
} from '../../src/invoicing/index.ts';
import { getEntry } from '../../src/ledger/index.ts';
import { Dec } from '../../src/money/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';

const manager: Actor = { userId: 0, role: 'manager', memberId: null };

const line = fc.record({
  description: fc.constantFrom('Prestation', 'Produit', 'Transport', 'Atelier'),
  // at least 0.01 per line once discounted: a line worth nothing is refused at issue (tested apart)
  quantity: fc.integer({ min: 100, max: 50_000 }).map((q) => new Dec(q).div(1000).toFixed(3)),
  unitPrice: fc.integer({ min: 100, max: 5_000_000 }).map((c) => new Dec(c).div(100).toFixed(2)),
  discountPercent: fc.constantFrom('0', '5', '10', '12.5'),
  vat: fc.constantFrom('20', '14', '10', '7', '0'),
  revenue: fc.constantFrom('services' as const, 'goods' as const),
});

describeWithDatabase('invoices, random', (database) => {
  it('keep the ledger balanced and equal to the totals, and never credit or collect beyond the invoice', {
    timeout: 240_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 99 }),
        async (lines, percentPaid) => {
          await database().reset();
          const { db } = database();
          await seedDemo(db, { ledger: true });
          const member = await db.selectFrom('members').select('id').where('code', '=', 'M02').executeTakeFirstOrThrow();
          const { party } = await createParty(db, manager, { kind: 'individual', name: 'Client de test' });
          const draft = await createSalesDraft(db, manager, {
            kind: 'invoice',
            memberId: member.id,
            customerId: party.id,
            lines,
          });
          const invoice = await issueSalesDocument(db, manager, draft.id);
          const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(x), new Dec(0));
          expect(sum(invoice.lines.map((l) => l.amount)).toFixed(2)).toBe(invoice.totals.ht);
          expect(sum(invoice.totals.byRate.map((v) => v.amount)).toFixed(2)).toBe(invoice.totals.vat);
          const entry = await getEntry(db, invoice.entryId ?? 0);
          expect(entry.totals.debit).toBe(entry.totals.credit);
          expect(entry.lines.find((l) => l.account === '3421')?.debit).toBe(invoice.totals.ttc);
          // M02 has its own rate, 7.50 %
          expect(new Dec(invoice.contribution ?? '0').plus(invoice.memberShare ?? '0').toFixed(2)).toBe(invoice.totals.ht);

          const ttc = new Dec(invoice.totals.ttc);
          const part = ttc.times(percentPaid).div(100).toDecimalPlaces(2, Dec.ROUND_DOWN);
          if (part.gt(0)) {
            await recordPayment(db, manager, {
              customerId: party.id,
              receivedOn: invoice.issueDate ?? '',
              method: 'transfer',
              amount: part.toFixed(2),
              allocations: [{ documentId: invoice.id, amount: part.toFixed(2) }],
            });
          }
          const balance = await invoiceBalance(db, invoice.id);
          const tooMuch = (balance?.due ?? new Dec(0)).plus('0.01').toFixed(2);
          await expect(
            recordPayment(db, manager, {
              customerId: party.id,
              receivedOn: invoice.issueDate ?? '',
              method: 'transfer',
              amount: tooMuch,
              allocations: [{ documentId: invoice.id, amount: tooMuch }],
            }),
          ).rejects.toMatchObject({ kind: 'conflict' });
          // a full credit note passes once; a second one does not
          await issueSalesDocument(db, manager, (await createCreditNoteDraft(db, manager, invoice.id)).id);
          await expect(
            issueSalesDocument(db, manager, (await createCreditNoteDraft(db, manager, invoice.id)).id),
          ).rejects.toMatchObject({ kind: 'conflict' });
        },
      ),
      { numRuns: 12 },
    );
  });
});
