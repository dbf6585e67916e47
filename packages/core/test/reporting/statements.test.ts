// The legal statements against a fixture whose answers are worked out by hand here (DOMAIN 5.1 and 5.2 for the
// customer side, a two-rate supplier bill paid in two halves, a small set of books for the bilan and CPC).

import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { getEntry, postMany } from '../../src/ledger/index.ts';
import { openFiscalYear } from '../../src/ledger/periods.ts';
import { Dec } from '../../src/money/index.ts';
import { getPurchase, recordPurchase, recordSupplierPayment } from '../../src/pooling/index.ts';
import {
  financialStatements,
  financialStatementsCsv,
  massOf,
  parsePeriod,
  paymentDelays,
  paymentDelaysCsv,
  STATEMENT_MAP,
  vatReturn,
  vatReturnCsv,
} from '../../src/reporting/index.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { SYSTEM_ACTOR } from '../../src/users/actor.ts';
import { accountant, d, fixture, manager, YEAR } from './statements-support.ts';

/** A CSV of ours read back: BOM off, semicolons, quotes undone. */
function parseCsv(text: string): Array<Record<string, string>> {
  const rows = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
  const [head, ...body] = rows;
  return body.map((cells) => Object.fromEntries((head ?? []).map((h, i) => [h, cells[i] ?? ''])));
}

describeWithDatabase('legal statements', (database) => {
  it('reads a month or a quarter, and names the field of anything else', () => {
    expect(parsePeriod('2026-02')).toMatchObject({
      kind: 'month',
      from: '2026-02-01',
      to: '2026-02-28',
      labelFr: 'février 2026',
    });
    expect(parsePeriod('2026-Q4')).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(() => parsePeriod('2026-13')).toThrow(/period: expected a month "2026-03" or a quarter "2026-Q1", received "2026-13"/);
    expect(() => parsePeriod('2026-03', 'quarter', ['quarter'])).toThrow(/quarter: expected a quarter/);
  });

  it('pays a supplier bill within what it owes, posts D 4411 / C 5141, and makes its VAT recoverable by rate', async () => {
    const { db } = database();
    const { bill, supplierId, payBill } = await fixture(db);
    // due date: 5 April + the supplier's 60 days
    expect(bill).toMatchObject({ dueDate: d(6, 4), totalTtc: '4700.00', due: '4700.00' });
    // an agreed earlier due date is kept; one beyond the supplier's terms is refused, naming the field
    const line = {
      description: 'Conseil',
      serviceId: (await getPurchase(db, manager, bill.id)).lines[0]?.serviceId ?? 0,
      amountHt: '100.00',
      vatRate: '20',
    };
    expect(
      (await recordPurchase(db, manager, { supplierId, billDate: d(4, 5), billNumber: 'CCN-2', dueDate: d(5, 5), lines: [line] }))
        .dueDate,
    ).toBe(d(5, 5));
    await expect(
      recordPurchase(db, manager, { supplierId, billDate: d(4, 5), billNumber: 'CCN-3', dueDate: d(6, 5), lines: [line] }),
    ).rejects.toMatchObject({ kind: 'invalid', errors: [{ path: 'dueDate' }] });
    const first = await payBill(d(4, 20), 'SUP-1');
    // 600.00 × 2350 / 4700 and 100.00 × 2350 / 4700, by hand
    expect(first.allocations[0]?.vat).toEqual([
      { vat: '20', amount: '300.00' },
      { vat: '10', amount: '50.00' },
    ]);
    expect((await payBill(d(4, 20), 'SUP-1')).id).toBe(first.id);
    await expect(payBill(d(4, 21), 'SUP-1')).rejects.toMatchObject({ kind: 'conflict' });
    const entry = await getEntry(db, first.entryId);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['4411', '2350.00', '0.00'],
      ['5141', '0.00', '2350.00'],
    ]);
    expect(await getPurchase(db, manager, bill.id)).toMatchObject({ paid: '2350.00', due: '2350.00' });
    await expect(
      recordSupplierPayment(db, manager, {
        supplierId,
        paidOn: d(4, 22),
        method: 'cheque',
        amount: '2350.01',
        allocations: [{ purchaseId: bill.id, amount: '2350.01' }],
      }),
    ).rejects.toMatchObject({ kind: 'conflict', errors: [{ path: 'allocations.0.amount', message: 'at most 2350.00' }] });
    await expect(
      recordSupplierPayment(db, manager, {
        supplierId,
        paidOn: d(4, 1),
        method: 'cheque',
        amount: '10.00',
        allocations: [{ purchaseId: bill.id, amount: '10.00' }],
      }),
    ).rejects.toMatchObject({ kind: 'invalid', errors: [{ path: 'paidOn' }] });
    await expect(recordSupplierPayment(db, { userId: 0, role: 'committee', memberId: null }, {} as never)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    // the database itself refuses a part beyond the bill, and any change
    const payment = await db.selectFrom('supplier_payments').select('id').executeTakeFirstOrThrow();
    await expect(
      sql`insert into supplier_payment_allocations (payment_id, purchase_id, amount, vat) values (${payment.id}, ${bill.id}, 2350.01, '[]')`.execute(
        db,
      ),
    ).rejects.toThrow(/would be paid/);
    await expect(sql`delete from supplier_payments`.execute(db)).rejects.toThrow(/never changed or deleted/);
  });

  it('works out the VAT return of DOMAIN 5.2 by month and quarter, with the lines behind each figure', async () => {
    const { db } = database();
    const { payBill } = await fixture(db);
    await payBill(d(4, 20), 'SUP-1');
    await payBill(d(7, 10), 'SUP-2');

    const april = await vatReturn(db, accountant, `${YEAR}-04`);
    expect(april.collected.byRate.map((r) => [r.vat, r.base, r.amount])).toEqual([
      ['20', '1487.79', '297.56'],
      ['14', '260.27', '36.44'],
      ['10', '3561.77', '356.18'],
    ]);
    expect(april.collected.total).toBe('690.18');
    expect(april.deductible.byRate.map((r) => [r.vat, r.base, r.amount])).toEqual([
      ['20', '1500.00', '300.00'],
      ['10', '500.00', '50.00'],
    ]);
    expect([april.deductible.total, april.due, april.credit]).toEqual(['350.00', '340.18', '0.00']);
    const collected20 = april.lines.filter((l) => l.side === 'collected' && l.vat === '20');
    expect(collected20).toEqual([expect.objectContaining({ date: d(4, 10), paid: '6000.00', party: 'Hôtel Dar Tétouan SARL' })]);
    expect(april.lines.filter((l) => l.side === 'deductible').map((l) => l.documentNumber)).toEqual([
      'CCN-2026-118',
      'CCN-2026-118',
    ]);

    const june = await vatReturn(db, manager, `${YEAR}-06`);
    // the last payment takes what remains: 500.00 − 297.56, 598.50 − 356.18, 61.23 − 36.44
    expect(june.collected.byRate.map((r) => [r.vat, r.base, r.amount])).toEqual([
      ['20', '1012.21', '202.44'],
      ['14', '177.08', '24.79'],
      ['10', '2423.23', '242.32'],
    ]);
    expect([june.collected.total, june.deductible.total, june.due]).toEqual(['469.55', '0.00', '469.55']);

    const quarter = await vatReturn(db, manager, `${YEAR}-Q2`);
    expect(quarter.collected.byRate.map((r) => [r.vat, r.base, r.amount])).toEqual([
      ['20', '2500.00', '500.00'],
      ['14', '437.35', '61.23'],
      ['10', '5985.00', '598.50'],
    ]);
    expect([quarter.collected.total, quarter.deductible.total, quarter.due]).toEqual(['1159.73', '350.00', '809.73']);

    const july = await vatReturn(db, manager, `${YEAR}-07`);
    expect([july.collected.total, july.deductible.total, july.due, july.credit]).toEqual(['0.00', '350.00', '0.00', '350.00']);
    expect((await vatReturn(db, manager, `${YEAR}-05`)).lines).toEqual([]);

    // the CSV holds the same figures as the screen's JSON
    const csv = parseCsv(vatReturnCsv(april));
    expect(csv.filter((r) => r.ligne === 'detail')).toHaveLength(april.lines.length);
    expect(csv.filter((r) => r.ligne === 'total_taux').map((r) => [r.nature, r.taux, r.base_ht, r.tva])).toEqual([
      ['TVA collectée', '20 %', '1487.79', '297.56'],
      ['TVA collectée', '14 %', '260.27', '36.44'],
      ['TVA collectée', '10 %', '3561.77', '356.18'],
      ['TVA récupérable', '20 %', '1500.00', '300.00'],
      ['TVA récupérable', '10 %', '500.00', '50.00'],
    ]);
    expect(csv.find((r) => r.ligne === 'tva_due')?.tva).toBe('340.18');
    expect(csv.find((r) => r.ligne === 'credit_tva')?.tva).toBe('0.00');

    await expect(vatReturn(db, { userId: 0, role: 'entrepreneur', memberId: 1 }, `${YEAR}-04`)).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('lists the delays of a quarter with days late and the fine at the dated rate, customers and suppliers', async () => {
    const { db } = database();
    const { invoice, payBill } = await fixture(db);
    expect(invoice.dueDate).toBe(d(5, 19));
    await payBill(d(4, 20), 'SUP-1');
    await payBill(d(7, 10), 'SUP-2');
    const q2 = await paymentDelays(db, accountant, `${YEAR}-Q2`);
    // 4 082.08 paid 27 days after 19 May: one month at the 2.25 % policy rate → 91.8468
    expect(q2.customer.lines).toEqual([
      expect.objectContaining({
        status: 'paid_late',
        paidOn: d(6, 15),
        amount: '4082.08',
        daysLate: 27,
        months: 1,
        rate: '2.25',
        fine: '91.85',
      }),
    ]);
    // 2 350.00 still unpaid on 30 June, due 4 June: 26 days, one month → 52.875
    expect(q2.supplier.lines).toEqual([
      expect.objectContaining({ status: 'unpaid', paidOn: d(6, 30), amount: '2350.00', daysLate: 26, months: 1, fine: '52.88' }),
    ]);
    expect([q2.customer.fines, q2.supplier.fines]).toEqual(['91.85', '52.88']);
    // paid 10 July: 36 days, two months (4 July passed) → 2.25 + 0.85 = 3.10 % of 2 350.00
    const q3 = await paymentDelays(db, accountant, `${YEAR}-Q3`);
    expect(q3.customer.lines).toEqual([]);
    expect(q3.supplier.lines).toEqual([
      expect.objectContaining({ status: 'paid_late', daysLate: 36, months: 2, rate: '3.10', fine: '72.85' }),
    ]);
    expect((await paymentDelays(db, accountant, `${YEAR}-Q1`)).supplier.lines).toEqual([]);
    const csv = parseCsv(paymentDelaysCsv(q2));
    expect(csv.map((r) => [r.nature, r.jours_de_retard, r.penalite])).toEqual([
      ['Client', '27', '91.85'],
      ['Fournisseur', '26', '52.88'],
    ]);
    await expect(paymentDelays(db, accountant, `${YEAR}-04`)).rejects.toMatchObject({ errors: [{ path: 'quarter' }] });
  });

  it('lays out the bilan and the CPC of a small set of books, the previous year beside, and balances', async () => {
    const { db } = database();
    await seedDemo(db);
    await openFiscalYear(db, SYSTEM_ACTOR, `${YEAR - 1}-01-01`);
    await openFiscalYear(db, SYSTEM_ACTOR, `${YEAR}-01-01`);
    const p = `${YEAR - 1}`;
    await postMany(db, SYSTEM_ACTOR, [
      {
        journal: 'BQ1',
        date: `${p}-02-01`,
        label: 'Emprunt',
        lines: [
          { account: '5141', debit: '50000.00' },
          { account: '1481', credit: '50000.00' },
        ],
      },
      {
        journal: 'OD',
        date: `${p}-05-01`,
        label: 'Honoraires',
        lines: [
          { account: '61365', debit: '1000.00' },
          { account: '5141', credit: '1000.00' },
        ],
      },
      {
        journal: 'BQ1',
        date: d(1, 10),
        label: 'Emprunt 2',
        lines: [
          { account: '5141', debit: '30000.00' },
          { account: '1481', credit: '30000.00' },
        ],
      },
      {
        journal: 'OD',
        date: d(2, 1),
        label: 'Camion',
        lines: [
          { account: '2340', debit: '20000.00' },
          { account: '5141', credit: '20000.00' },
        ],
      },
      {
        journal: 'VT',
        date: d(3, 1),
        label: 'Vente',
        lines: [
          { account: '3421', debit: '12000.00' },
          { account: '7124', credit: '10000.00' },
          { account: '4455', credit: '2000.00' },
        ],
      },
      {
        journal: 'AC',
        date: d(3, 2),
        label: 'Achat',
        lines: [
          { account: '61365', debit: '3000.00' },
          { account: '34552', debit: '600.00' },
          { account: '4411', credit: '3600.00' },
        ],
      },
      {
        journal: 'BQ1',
        date: d(3, 20),
        label: 'Règlement',
        lines: [
          { account: '5141', debit: '5000.00' },
          { account: '3421', credit: '5000.00' },
        ],
      },
      {
        journal: 'OD',
        date: d(4, 30),
        label: 'Services',
        lines: [
          { account: '4464-M01', debit: '500.00' },
          { account: '7197', credit: '500.00' },
        ],
      },
      {
        journal: 'OD',
        date: d(12, 31),
        label: 'Dotation',
        lines: [
          { account: '6193', debit: '2000.00' },
          { account: '2834', credit: '2000.00' },
        ],
      },
      {
        journal: 'BQ1',
        date: d(6, 30),
        label: 'Intérêts',
        lines: [
          { account: '5141', debit: '150.00' },
          { account: '738', credit: '150.00' },
        ],
      },
    ]);
    const fs = await financialStatements(db, accountant, `${YEAR}`);
    const row = (rows: typeof fs.cpc, key: string) => rows.find((r) => r.key === key);
    const pick = (rows: typeof fs.cpc, keys: string[]) => keys.map((k) => [k, row(rows, k)?.current, row(rows, k)?.previous]);
    // by hand: actif 20 000 − 2 000 | 7 000 + 600 | 30 000 − 20 000 + 5 000 + 150; previous year: bank 49 000
    expect(pick(fs.bilan.actif, ['A1', '23', '28', 'A2', '34', 'A3', '51', 'TA'])).toEqual([
      ['A1', '18000.00', '0.00'],
      ['23', '20000.00', '0.00'],
      ['28', '-2000.00', '0.00'],
      ['A2', '7600.00', '0.00'],
      ['34', '7600.00', '0.00'],
      ['A3', '15150.00', '49000.00'],
      ['51', '15150.00', '49000.00'],
      ['TA', '40750.00', '49000.00'],
    ]);
    // passif: loan 30 000 and result 10 650 − 5 000 | VAT 2 000 + supplier 3 600 − the member owing 500
    expect(pick(fs.bilan.passif, ['P1', '14', '119', 'P2', '44', 'P3', 'TP'])).toEqual([
      ['P1', '35650.00', '49000.00'],
      ['14', '30000.00', '50000.00'],
      ['119', '5650.00', '-1000.00'],
      ['P2', '5100.00', '0.00'],
      ['44', '5100.00', '0.00'],
      ['P3', '0.00', '0.00'],
      ['TP', '40750.00', '49000.00'],
    ]);
    expect(fs.balanced).toBe(true);
    expect(pick(fs.cpc, ['I', '712', '719', 'II', '613', '619', 'III', 'IV', '738', 'VI', 'VII', 'XI', 'XIII'])).toEqual([
      ['I', '10500.00', '0.00'],
      ['712', '10000.00', '0.00'],
      ['719', '500.00', '0.00'],
      ['II', '5000.00', '1000.00'],
      ['613', '3000.00', '1000.00'],
      ['619', '2000.00', '0.00'],
      ['III', '5500.00', '-1000.00'],
      ['IV', '150.00', '0.00'],
      ['738', '150.00', '0.00'],
      ['VI', '150.00', '0.00'],
      ['VII', '5650.00', '-1000.00'],
      ['XI', '5650.00', '-1000.00'],
      ['XIII', '5650.00', '-1000.00'],
    ]);
    expect(fs.totals.result).toEqual({ current: '5650.00', previous: '-1000.00' });
    const csv = parseCsv(financialStatementsCsv(fs));
    expect(csv.find((r) => r.etat === 'bilan_actif' && r.code === 'TA')).toMatchObject({
      [`exercice_${YEAR}`]: '40750.00',
      exercice_precedent: '49000.00',
    });
    expect(csv.find((r) => r.etat === 'cpc' && r.code === 'XIII')?.[`exercice_${YEAR}`]).toBe('5650.00');
    // the first year has no previous column
    const first = await financialStatements(db, accountant, `${YEAR - 1}`);
    expect(first.previousYear).toBeNull();
    expect(first.bilan.actif.every((r) => r.previous === null)).toBe(true);
    await expect(financialStatements(db, accountant, '1990')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('balances the bilan of the demo books, the result of classes 6 and 7 on the passif', async () => {
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const fs = await financialStatements(db, manager, `${YEAR}`);
    // a simpler reading of the same books: sums of the posted lines by class, straight from SQL
    const { rows } = await sql<{ result: string; actif: string }>`
      select coalesce(sum(l.credit - l.debit) filter (where l.account_code ~ '^[67]'), 0) as result,
        coalesce(sum(l.debit - l.credit) filter (where l.account_code ~ '^[235]' and l.account_code !~ '^55'), 0) as actif
      from entry_lines l join entries e on e.id = l.entry_id
      where e.status = 'posted' and e.entry_date between ${`${YEAR}-01-01`} and ${`${YEAR}-12-31`}`.execute(db);
    expect(fs.totals.result.current).toBe(new Dec(rows[0]?.result ?? 'NaN').toFixed(2));
    expect(fs.totals.actif.current).toBe(new Dec(rows[0]?.actif ?? 'NaN').toFixed(2));
    expect(fs.totals.actif.current).not.toBe('0.00');
    expect(fs.totals.passif.current).toBe(fs.totals.actif.current);
    expect(fs.balanced).toBe(true);
    expect(fs.unmapped).toEqual([]);
  });
});

describe('the statement mapping in docs/accounting.md', () => {
  it('lists every mass of the mapping table with its prefixes, as the code reads them', async () => {
    const doc = await readFile(new URL('../../../../docs/accounting.md', import.meta.url), 'utf8');
    for (const mass of STATEMENT_MAP)
      expect(doc).toContain(`| ${mass.key} | ${mass.statement} | ${mass.side} | ${mass.label} | ${mass.prefixes.join(', ')} |`);
    // the longest prefix wins: 5514 is trésorerie-passif, 5141 trésorerie-actif, 4464-M01 passif circulant
    expect([massOf('5541')?.key, massOf('5141')?.key, massOf('4464-M01')?.key, massOf('6186')?.key, massOf('7381')?.key]).toEqual(
      ['P3', 'A3', 'P2', 'II', 'IV'],
    );
    expect(massOf('8111')).toBeNull();
  });
});
