import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import {
  createSalesDraft,
  getBankStatement,
  getPaymentDetail,
  getSalesDocument,
  importBankStatement,
  issueSalesDocument,
  listBankStatements,
  listOpenInvoices,
  listPayments,
  matchBankLine,
  payMember,
  recordPayment,
  recordPaymentFromBankLine,
  unmatchBankLine,
} from '../../src/invoicing/index.ts';
import { createAccount, createJournal, getEntry } from '../../src/ledger/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { describeWithDatabase, openTestDatabase, testEngines } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';

const manager: Actor = { userId: 0, role: 'manager', memberId: null };
const accountant: Actor = { userId: 0, role: 'accountant', memberId: null };
const YEAR = new Date().getUTCFullYear();
const LINE = (unitPrice: string) => [{ description: 'Prestation', quantity: '1', unitPrice, vat: '20' }];

type Db = Parameters<typeof seedDemo>[0];

/** Two customers, three issued invoices (TTC 1200.00, 2400.00, 600.00), one payment of the first by transfer. */
async function setup(db: Db) {
  await seedDemo(db, { ledger: true });
  const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
  const hotel = (
    await createParty(db, manager, { kind: 'company', name: 'Hôtel Dar Tétouan SARL', ice: '001525856000067', city: 'Tétouan' })
  ).party.id;
  const riad = (await createParty(db, manager, { kind: 'individual', name: 'Riad Zitoun' })).party.id;
  const issue = async (customerId: number, unitPrice: string) =>
    issueSalesDocument(
      db,
      manager,
      (await createSalesDraft(db, manager, { kind: 'invoice', memberId: m01.id, customerId, lines: LINE(unitPrice) })).id,
      { issueDate: `${YEAR}-03-02` },
    );
  const first = await issue(hotel, '1000.00');
  const second = await issue(hotel, '2000.00');
  const third = await issue(riad, '500.00');
  const payment = await recordPayment(db, manager, {
    customerId: hotel,
    receivedOn: `${YEAR}-03-10`,
    method: 'transfer',
    amount: '1200.00',
    reference: 'VIR-77001',
    allocations: [{ documentId: first.id, amount: '1200.00' }],
  });
  return { memberId: m01.id, hotel, riad, first, second, third, payment };
}

const STATEMENT = (numbers: { second: string }) =>
  [
    'Date de valeur;Libellé;Référence;Débit;Crédit',
    `12/03/${YEAR};VIR RECU HOTEL DAR TETOUAN;VIR-77001;;1 200,00`,
    `14/03/${YEAR};VIREMENT HOTEL DAR TETOUAN ${numbers.second};;;2 400,00`,
    `15/03/${YEAR};FRAIS TENUE DE COMPTE;;45,50;`,
  ].join('\r\n');

async function auditCount(db: Db, action: string) {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeWithDatabase('payments register and bank matching', (database) => {
  it('lists payments with customer, invoices settled and bank status, filtered and searched', async () => {
    const { db } = database();
    const { hotel, riad, first, third, payment } = await setup(db);
    await recordPayment(db, manager, {
      customerId: riad,
      receivedOn: `${YEAR}-03-20`,
      method: 'cheque',
      amount: '600.00',
      reference: 'CHQ 1234567',
      allocations: [{ documentId: third.id, amount: '600.00' }],
    });
    const all = await listPayments(db, accountant, {});
    expect(all).toMatchObject({ total: 2, totalAmount: '1800.00' });
    expect(all.items.map((p) => [p.customerName, p.method, p.amount, p.invoices.map((i) => i.number), p.bank])).toEqual([
      ['Riad Zitoun', 'cheque', '600.00', [third.number], null],
      ['Hôtel Dar Tétouan SARL', 'transfer', '1200.00', [first.number], null],
    ]);
    expect((await listPayments(db, manager, { customerId: hotel })).items.map((p) => p.id)).toEqual([payment.id]);
    expect((await listPayments(db, manager, { method: 'cheque' })).total).toBe(1);
    expect((await listPayments(db, manager, { from: `${YEAR}-03-15`, to: `${YEAR}-03-31` })).items[0]?.customerName).toBe(
      'Riad Zitoun',
    );
    expect((await listPayments(db, manager, { search: 'vir-770' })).items.map((p) => p.id)).toEqual([payment.id]);
    expect((await listPayments(db, manager, { search: third.number ?? '' })).items.map((p) => p.customerName)).toEqual([
      'Riad Zitoun',
    ]);
    expect((await listPayments(db, manager, { search: '100%' })).total).toBe(0);
    expect((await listPayments(db, manager, { page: 2, pageSize: 1 })).items.map((p) => p.id)).toEqual([payment.id]);
    await expect(listPayments(db, manager, { from: `${YEAR}-03-15`, to: `${YEAR}-03-01` })).rejects.toMatchObject({
      errors: [{ path: 'to' }],
    });
    // by customer name, accents folded, or by invoice number; paid invoices are not open
    expect((await listOpenInvoices(db, manager, { search: 'hotel dar' })).map((i) => i.customerName)).toEqual([
      'Hôtel Dar Tétouan SARL',
    ]);
    expect(await listOpenInvoices(db, manager, { search: first.number ?? '' })).toEqual([]);
    expect((await listOpenInvoices(db, manager, { customerId: hotel })).map((i) => [i.number, i.due])).toEqual([
      [expect.any(String), '2400.00'],
    ]);
  });

  it('checks a statement by row and column without writing anything, then imports it in one go', async () => {
    const { db } = database();
    await setup(db);
    const bad = [
      'Date;Libellé;Montant;Crédit',
      `31/02/${YEAR};VIR A;100,00;`,
      `01/03/${YEAR};;12,5;`,
      `02/03/${YEAR};VIR B;abc;`,
      `03/03/${YEAR};VIR C;;`,
      `04/03/${YEAR};VIR D;0,00;`,
    ].join('\n');
    const report = await importBankStatement(db, manager, bad, 'apply');
    expect(report).toMatchObject({ mode: 'apply', total: 5, created: 0, statementId: null });
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'Date'],
      [3, 'Libellé'],
      [4, 'Montant'],
      [5, 'Montant'],
      [6, 'Montant'],
    ]);
    expect(report.problems[2]?.message).toContain('"abc"');
    expect(await db.selectFrom('bank_statement_lines').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('bank_statements').selectAll().execute()).toEqual([]);

    const file = [
      'Date;Date de valeur;Libellé;Référence;Montant',
      `11/03/${YEAR};12/03/${YEAR};VIR RECU;R1;"1 200,00"`,
      `14/03/${YEAR};15/03/${YEAR};FRAIS;;-45,50`,
    ].join('\n');
    const dry = await importBankStatement(db, manager, file, 'dry-run', { openingBalance: '100.00', closingBalance: '1254.50' });
    expect(dry).toMatchObject({ total: 2, valid: 2, problems: [], created: 0 });
    expect(await db.selectFrom('bank_statements').selectAll().execute()).toEqual([]);
    const wrongBalance = await importBankStatement(db, manager, file, 'apply', {
      openingBalance: '100.00',
      closingBalance: '1254.00',
    });
    expect(wrongBalance.problems).toEqual([
      { row: 1, column: '', message: expect.stringContaining('the lines add up to 1154.50') },
    ]);
    const applied = await importBankStatement(db, manager, file, 'apply', { name: 'Relevé mars' });
    expect(applied).toMatchObject({ created: 2, problems: [] });
    const statement = await getBankStatement(db, manager, applied.statementId ?? 0);
    expect(statement).toMatchObject({
      journal: 'BQ1',
      name: 'Relevé mars',
      periodStart: `${YEAR}-03-12`,
      periodEnd: `${YEAR}-03-15`,
    });
    // the value date is kept when both dates are given; amounts are signed
    expect(statement.lines.map((l) => [l.lineNo, l.valueDate, l.amount])).toEqual([
      [1, `${YEAR}-03-12`, '1200.00'],
      [2, `${YEAR}-03-15`, '-45.50'],
    ]);
    expect(await auditCount(db, 'bank_statement.import')).toBe(1);
    // the same file again: every line is already there
    const again = await importBankStatement(db, manager, file, 'dry-run');
    expect(again.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'Libellé', expect.stringContaining('already imported (statement Relevé mars, line 1)')],
      [3, 'Libellé', expect.stringContaining('line 2')],
    ]);
    await expect(importBankStatement(db, manager, file, 'dry-run', { journal: 'VT' })).rejects.toMatchObject({
      errors: [{ path: 'journal' }],
    });
    await expect(
      importBankStatement(db, { userId: 0, role: 'entrepreneur', memberId: 1 }, file, 'dry-run'),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await listBankStatements(db, accountant)).items).toMatchObject([
      { name: 'Relevé mars', lines: 2, matchedLines: 0, total: '1154.50' },
    ]);
  });

  it('suggests the payment of the same amount, matches it once, and unmatches it explicitly', async () => {
    const { db } = database();
    const { second, payment } = await setup(db);
    const imported = await importBankStatement(db, manager, STATEMENT({ second: second.number ?? '' }), 'apply');
    const statement = await getBankStatement(db, manager, imported.statementId ?? 0);
    const [credit, invoiceLine, fees] = statement.lines;
    expect(credit?.suggestions.map((s) => [s.kind, s.id, s.reasons])).toEqual([['payment', payment.id, ['reference', 'name']]]);
    expect(invoiceLine?.suggestions).toEqual([]);
    expect(invoiceLine?.invoices.map((s) => [s.kind, s.id, s.reasons])).toEqual([['invoice', second.id, ['number', 'name']]]);
    expect(fees?.suggestions).toEqual([]);
    expect(statement.summary).toMatchObject({
      lines: 3,
      credits: '3600.00',
      debits: '45.50',
      total: '3554.50',
      matchedLines: 0,
      unmatchedTotal: '3554.50',
      unseen: [{ kind: 'payment', id: payment.id, amount: '1200.00' }],
    });

    const lineId = credit?.id ?? 0;
    // amounts must agree, and a debit is never a customer payment
    await expect(matchBankLine(db, manager, invoiceLine?.id ?? 0, { paymentId: payment.id })).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ path: 'paymentId', message: expect.stringContaining('amounts differ') }],
    });
    await expect(matchBankLine(db, manager, fees?.id ?? 0, { paymentId: payment.id })).rejects.toMatchObject({
      errors: [{ path: 'paymentId' }],
    });
    await expect(matchBankLine(db, manager, lineId, {})).rejects.toMatchObject({ errors: [{ path: 'paymentId' }] });
    await expect(matchBankLine(db, manager, lineId, { paymentId: 999_999 })).rejects.toMatchObject({
      errors: [{ path: 'paymentId', message: 'payment 999999 does not exist' }],
    });
    await expect(matchBankLine(db, manager, 999_999, { paymentId: payment.id })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      matchBankLine(db, { userId: 0, role: 'entrepreneur', memberId: 1 }, lineId, { paymentId: payment.id }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      matchBankLine(db, { userId: 0, role: 'committee', memberId: null }, lineId, { paymentId: payment.id }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
    });

    const match = await matchBankLine(db, accountant, lineId, { paymentId: payment.id });
    expect(match).toMatchObject({ lineId, paymentId: payment.id, payoutId: null });
    await expect(matchBankLine(db, manager, lineId, { paymentId: payment.id })).rejects.toMatchObject({ kind: 'conflict' });
    expect((await getPaymentDetail(db, manager, payment.id)).bank).toMatchObject({ lineId, statementId: imported.statementId });
    expect((await listPayments(db, manager, { matched: true })).items.map((p) => p.id)).toEqual([payment.id]);
    expect((await listPayments(db, manager, { matched: false })).total).toBe(0);
    const after = await getBankStatement(db, manager, imported.statementId ?? 0);
    expect(after.lines[0]?.match).toMatchObject({ kind: 'payment', id: payment.id, partyName: 'Hôtel Dar Tétouan SARL' });
    expect(after.summary).toMatchObject({ matchedLines: 1, matchedTotal: '1200.00', unmatchedLines: 2, unseen: [] });

    // the database itself keeps one line per payment and the bank's data as written
    await expect(
      sql`update bank_statement_lines set payment_id = ${payment.id}, matched_at = now() where id = ${invoiceLine?.id}`.execute(
        db,
      ),
    ).rejects.toThrow(/amounts differ/);
    await expect(sql`update bank_statement_lines set amount = 1 where id = ${lineId}`.execute(db)).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(sql`delete from bank_statement_lines where id = ${lineId}`.execute(db)).rejects.toThrow(/never deleted/);

    expect(await unmatchBankLine(db, manager, lineId)).toMatchObject({ paymentId: null, matchedAt: null });
    await expect(unmatchBankLine(db, manager, lineId)).rejects.toMatchObject({ kind: 'conflict' });
    expect(await auditCount(db, 'bank_line.match')).toBe(1);
    expect(await auditCount(db, 'bank_line.unmatch')).toBe(1);
    expect((await getBankStatement(db, manager, imported.statementId ?? 0)).lines[0]?.suggestions[0]?.id).toBe(payment.id);
  });

  it('refuses to match one payment to two bank lines', async () => {
    const { db } = database();
    const { payment } = await setup(db);
    const file = ['Date;Libellé;Montant', `12/03/${YEAR};VIR 1;1200,00`, `13/03/${YEAR};VIR 2;1200,00`].join('\n');
    const statement = await getBankStatement(
      db,
      manager,
      (await importBankStatement(db, manager, file, 'apply')).statementId ?? 0,
    );
    await matchBankLine(db, manager, statement.lines[0]?.id ?? 0, { paymentId: payment.id });
    await expect(matchBankLine(db, manager, statement.lines[1]?.id ?? 0, { paymentId: payment.id })).rejects.toMatchObject({
      kind: 'conflict',
      errors: [{ path: 'paymentId', message: `already matched to bank line ${statement.lines[0]?.id}` }],
    });
    await expect(
      sql`update bank_statement_lines set payment_id = ${payment.id}, matched_at = now() where id = ${statement.lines[1]?.id}`.execute(
        db,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('records the payment of an open invoice from a credit line: D 5141 / C 3421, invoice settled, line matched', async () => {
    const { db } = database();
    const { hotel, riad, second, third } = await setup(db);
    const imported = await importBankStatement(db, manager, STATEMENT({ second: second.number ?? '' }), 'apply');
    const line = (await getBankStatement(db, manager, imported.statementId ?? 0)).lines[1];
    const lineId = line?.id ?? 0;
    // the parts must add up to the line, and be the customer's invoices: nothing is written otherwise
    await expect(
      recordPaymentFromBankLine(db, manager, lineId, {
        customerId: hotel,
        allocations: [{ documentId: second.id, amount: '2000.00' }],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'allocations' }] });
    await expect(
      recordPaymentFromBankLine(db, manager, lineId, {
        customerId: riad,
        allocations: [{ documentId: second.id, amount: '2400.00' }],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'allocations.0.documentId' }] });
    await expect(
      recordPaymentFromBankLine(db, manager, (await getBankStatement(db, manager, imported.statementId ?? 0)).lines[2]?.id ?? 0, {
        customerId: riad,
        allocations: [{ documentId: third.id, amount: '45.50' }],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'allocations' }] });
    await expect(
      recordPaymentFromBankLine(db, { userId: 0, role: 'entrepreneur', memberId: 1 }, lineId, {
        customerId: hotel,
        allocations: [{ documentId: second.id, amount: '2400.00' }],
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await listPayments(db, manager)).total).toBe(1);

    const { payment, match } = await recordPaymentFromBankLine(db, accountant, lineId, {
      customerId: hotel,
      allocations: [{ documentId: second.id, amount: '2400.00' }],
    });
    expect(payment).toMatchObject({ receivedOn: `${YEAR}-03-14`, method: 'transfer', amount: '2400.00', customerId: hotel });
    expect(match).toMatchObject({ lineId, paymentId: payment.id });
    const entry = await getEntry(db, payment.entryId);
    expect(entry.journal).toBe('BQ1');
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['5141', '2400.00', '0.00'],
      ['3421', '0.00', '2400.00'],
    ]);
    expect(await getSalesDocument(db, manager, second.id)).toMatchObject({ settlement: 'paid', due: '0.00' });
    await expect(
      recordPaymentFromBankLine(db, manager, lineId, {
        customerId: hotel,
        allocations: [{ documentId: second.id, amount: '2400.00' }],
      }),
    ).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('books a payment recorded from a line of a second bank account in that account, not the first one', async () => {
    const { db } = database();
    const { hotel, second } = await setup(db);
    await createAccount(db, accountant, { code: '5142', label: 'Banque Al-Maghrib Tétouan', parentCode: '514' });
    await createJournal(db, accountant, { code: 'BQ2', label: 'Banque Tétouan', kind: 'bank', accountCode: '5142' });
    const file = ['Date;Libellé;Montant', `14/03/${YEAR};VIR HOTEL ${second.number};2400,00`].join('\n');
    const imported = await importBankStatement(db, manager, file, 'apply', { journal: 'BQ2' });
    const [line] = (await getBankStatement(db, manager, imported.statementId ?? 0)).lines;
    const { payment, match } = await recordPaymentFromBankLine(db, manager, line?.id ?? 0, {
      customerId: hotel,
      allocations: [{ documentId: second.id, amount: '2400.00' }],
    });
    expect(match).toMatchObject({ paymentId: payment.id });
    const entry = await getEntry(db, payment.entryId);
    expect(entry.journal).toBe('BQ2');
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['5142', '2400.00', '0.00'],
      ['3421', '0.00', '2400.00'],
    ]);
  });

  it('matches a payout to a debit line', async () => {
    const { db } = database();
    const { memberId, hotel, second } = await setup(db);
    await recordPayment(db, manager, {
      customerId: hotel,
      receivedOn: `${YEAR}-03-11`,
      method: 'transfer',
      amount: '2400.00',
      allocations: [{ documentId: second.id, amount: '2400.00' }],
    });
    const payout = await payMember(db, manager, { memberId, paidOn: `${YEAR}-03-20`, amount: '500.00', reference: 'REV-M01-1' });
    const file = ['Date;Libellé;Débit;Crédit', `21/03/${YEAR};VIREMENT EMIS REV-M01-1;500,00;`].join('\n');
    const statement = await getBankStatement(
      db,
      manager,
      (await importBankStatement(db, manager, file, 'apply')).statementId ?? 0,
    );
    const line = statement.lines[0];
    expect(line?.suggestions.map((s) => [s.kind, s.id, s.reasons])).toEqual([['payout', payout.id, ['reference']]]);
    const payments = await db.selectFrom('payments').select('id').orderBy('id').execute();
    await expect(matchBankLine(db, manager, line?.id ?? 0, { paymentId: payments[0]?.id ?? 0 })).rejects.toMatchObject({
      errors: [{ path: 'paymentId' }],
    });
    expect(await matchBankLine(db, manager, line?.id ?? 0, { payoutId: payout.id })).toMatchObject({ payoutId: payout.id });
    expect((await getBankStatement(db, manager, statement.id)).summary).toMatchObject({
      matchedTotal: '-500.00',
      unmatchedLines: 0,
    });
  });
});

it.runIf(testEngines().includes('postgres'))(
  'matches a payment to one line only when several cashiers match it at once',
  { timeout: 120_000 },
  async () => {
    const database = await openTestDatabase('postgres');
    try {
      const { db } = database;
      const { payment } = await setup(db);
      const file = ['Date;Libellé;Montant', ...Array.from({ length: 8 }, (_, i) => `12/03/${YEAR};VIR ${i + 1};1200,00`)].join(
        '\n',
      );
      const statement = await getBankStatement(
        db,
        manager,
        (await importBankStatement(db, manager, file, 'apply')).statementId ?? 0,
      );
      const results = await Promise.allSettled(
        statement.lines.map((line) => matchBankLine(db, manager, line.id, { paymentId: payment.id })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ kind: 'conflict' });
      const matched = await db.selectFrom('bank_statement_lines').select('id').where('payment_id', '=', payment.id).execute();
      expect(matched).toHaveLength(1);
      expect(await auditCount(db, 'bank_line.match')).toBe(1);
    } finally {
      await database.release();
    }
  },
);
