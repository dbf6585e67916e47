// Two supplier payments of the whole bill sent at once: the bill is locked, so one is recorded and the other refused,
// and the bill is never paid twice. Needs concurrent sessions, which only a PostgreSQL server has.
import { expect, it } from 'vitest';
import { getPurchase, recordSupplierPayment } from '../../src/pooling/index.ts';
import { openTestDatabase, testEngines } from '../../src/testing/index.ts';
import { d, fixture, manager } from './statements-support.ts';

const onPostgres = it.runIf(testEngines().includes('postgres'));

onPostgres('pays a supplier bill once when two payments of all it owes arrive together', { timeout: 120_000 }, async () => {
  const database = await openTestDatabase('postgres');
  try {
    const { db } = database;
    const { bill, supplierId } = await fixture(db);
    const pay = (reference: string) =>
      recordSupplierPayment(db, manager, {
        supplierId,
        paidOn: d(4, 20),
        method: 'transfer',
        amount: '4700.00',
        reference,
        allocations: [{ purchaseId: bill.id, amount: '4700.00' }],
      });
    const results = await Promise.allSettled([pay('A'), pay('B'), pay('C')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await getPurchase(db, manager, bill.id)).toMatchObject({ paid: '4700.00', due: '0.00' });
    const entries = await db.selectFrom('supplier_payments').select('entry_id').execute();
    expect(entries).toHaveLength(1);
  } finally {
    await database.release();
  }
});

onPostgres(
  'records one supplier payment when clients send it at once with one key, and answers each the same',
  {
    timeout: 120_000,
  },
  async () => {
    const database = await openTestDatabase('postgres');
    try {
      const { db } = database;
      const { bill, supplierId } = await fixture(db);
      const pay = () =>
        recordSupplierPayment(db, manager, {
          supplierId,
          paidOn: d(4, 20),
          method: 'transfer',
          amount: '1000.00',
          reference: 'VIR-1',
          allocations: [{ purchaseId: bill.id, amount: '1000.00' }],
          idempotencyKey: 'supplier-key-1',
        });
      const results = await Promise.all([pay(), pay(), pay(), pay()]);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(await getPurchase(db, manager, bill.id)).toMatchObject({ paid: '1000.00', due: '3700.00' });
      expect(await db.selectFrom('supplier_payments').select('id').execute()).toHaveLength(1);
    } finally {
      await database.release();
    }
  },
);
