import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { setGieLogo } from '../../src/gie/settings.ts';
import {
  answerQuote,
  convertQuote,
  createCreditNoteDraft,
  createSalesDraft,
  getSalesDocument,
  invoiceBalance,
  invoiceLateFines,
  issuedSnapshot,
  issueSalesDocument,
  listSalesDocuments,
  memberPosition,
  memberStatementCsv,
  memberStatementDocument,
  memberStatementPdf,
  overdueInvoices,
  payMember,
  recordPayment,
  sendQuote,
} from '../../src/invoicing/index.ts';
import { getEntry } from '../../src/ledger/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { describeWithDatabase, openTestDatabase, testEngines } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';

const manager: Actor = { userId: 0, role: 'manager', memberId: null };
const LOGO = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const YEAR = new Date().getUTCFullYear();
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

async function setup(db: Parameters<typeof seedDemo>[0]) {
  await seedDemo(db, { ledger: true });
  const m01 = await db.selectFrom('members').select('id').where('code', '=', 'M01').executeTakeFirstOrThrow();
  const { party } = await createParty(db, manager, {
    kind: 'company',
    name: 'Hôtel Dar Tétouan SARL',
    ice: '001525856000067',
    address: '5, rue de la Luneta',
    city: 'Tétouan',
  });
  return { memberId: m01.id, customerId: party.id };
}

describeWithDatabase('invoices through the collective', (database) => {
  it('issues the worked invoice of DOMAIN 5.1: number, totals, member share and its entry', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    await setGieLogo(db, manager, LOGO);
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES });
    expect(draft).toMatchObject({ status: 'draft', number: null, totals: { ht: '8922.35', vat: '1159.73', ttc: '10082.08' } });
    const issued = await issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR}-03-20` });
    expect(issued).toMatchObject({
      status: 'issued',
      number: `FA-${YEAR}-00001`,
      dueDate: `${YEAR}-05-19`,
      contributionRate: '8.00',
      contribution: '713.79',
      memberShare: '8208.56',
    });
    const entry = await getEntry(db, issued.entryId ?? 0);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['3421', '10082.08', '0.00'],
      ['7124', '0.00', '2937.35'],
      ['7111', '0.00', '5985.00'],
      ['4455', '0.00', '1159.73'],
      ['6186', '8208.56', '0.00'],
      ['4464-M01', '0.00', '8208.56'],
    ]);
    expect(entry.sourceRef).toBe(`FA-${YEAR}-00001`);
    const snapshot = await issuedSnapshot(db, manager, issued.id);
    expect(snapshot).toMatchObject({
      number: `FA-${YEAR}-00001`,
      totalTtc: '10082.08',
      customer: { ice: '001525856000067' },
      member: { code: 'M01' },
    });
    expect(snapshot.issuer.logo?.bytes).toEqual(LOGO);
    // a logo changed later does not change the issued document
    await setGieLogo(db, manager, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 9]));
    expect((await issuedSnapshot(db, manager, issued.id)).issuer.logo).toEqual({ mediaType: 'image/png', bytes: LOGO });
  });

  it('refuses to change, delete or re-number an issued invoice, even in SQL', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES });
    const issued = await issueSalesDocument(db, manager, draft.id);
    await expect(sql`update sales_documents set total_ttc = 1 where id = ${issued.id}`.execute(db)).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(sql`update sales_documents set number = 'FA-X' where id = ${issued.id}`.execute(db)).rejects.toThrow(
      /cannot be changed|never changes/,
    );
    await expect(sql`delete from sales_documents where id = ${issued.id}`.execute(db)).rejects.toThrow(/cannot be deleted/);
    await expect(
      sql`update sales_document_lines set unit_price = 1 where document_id = ${issued.id}`.execute(db),
    ).rejects.toThrow(/cannot change/);
    await expect(
      sql`insert into sales_documents (kind, member_id, customer_id, payment_days, number) values ('invoice', ${memberId}, ${customerId}, 60, 'FA-9')`.execute(
        db,
      ),
    ).rejects.toThrow(/never chosen/);
    await expect(issueSalesDocument(db, manager, draft.id)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('credits an invoice in part, posts the exact reverse, and never beyond what remains', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    const invoice = await issueSalesDocument(
      db,
      manager,
      (await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES })).id,
      { issueDate: `${YEAR}-03-20` },
    );
    const note = await createCreditNoteDraft(db, manager, invoice.id, [LINES[2] as (typeof LINES)[number]]);
    const issued = await issueSalesDocument(db, manager, note.id);
    expect(issued).toMatchObject({
      number: `AV-${YEAR}-00001`,
      totals: { ht: '437.35', vat: '61.23', ttc: '498.58' },
      contribution: '34.99',
      memberShare: '402.36',
    });
    const entry = await getEntry(db, issued.entryId ?? 0);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['3421', '0.00', '498.58'],
      ['7124', '437.35', '0.00'],
      ['4455', '61.23', '0.00'],
      ['6186', '0.00', '402.36'],
      ['4464-M01', '402.36', '0.00'],
    ]);
    const whole = await createCreditNoteDraft(db, manager, invoice.id);
    await expect(issueSalesDocument(db, manager, whole.id)).rejects.toMatchObject({
      kind: 'conflict',
      errors: [{ path: 'lines' }],
    });
    expect((await getSalesDocument(db, manager, whole.id)).status).toBe('draft');
  });

  it("keeps an entrepreneur to their member's documents, and lets them issue only if the GIE allows it", async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    const entrepreneur: Actor = { userId: 0, role: 'entrepreneur', memberId };
    const other: Actor = { userId: 0, role: 'entrepreneur', memberId: memberId + 1 };
    const draft = await createSalesDraft(db, entrepreneur, { kind: 'invoice', memberId, customerId, lines: LINES });
    await expect(getSalesDocument(db, other, draft.id)).rejects.toMatchObject({ kind: 'not_found' });
    // another member does not exist for an entrepreneur, whether read or written
    await expect(createSalesDraft(db, other, { kind: 'invoice', memberId, customerId, lines: LINES })).rejects.toMatchObject({
      kind: 'not_found',
      errors: [{ path: 'memberId' }],
    });
    await expect(issueSalesDocument(db, entrepreneur, draft.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await db.updateTable('gie_settings').set({ entrepreneurs_may_issue: true }).execute();
    expect((await issueSalesDocument(db, entrepreneur, draft.id)).number).toBe(`FA-${YEAR}-00001`);
  });

  it('records the payments of DOMAIN 5.2 with the VAT each makes due, and refuses an overpayment', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    const invoice = await issueSalesDocument(
      db,
      manager,
      (await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES })).id,
      { issueDate: `${YEAR}-03-20` },
    );
    const pay = (amount: string, key?: string) =>
      recordPayment(db, manager, {
        customerId,
        receivedOn: `${YEAR}-04-10`,
        method: 'transfer',
        amount,
        allocations: [{ documentId: invoice.id, amount }],
        idempotencyKey: key ?? null,
      });
    expect((await getSalesDocument(db, manager, invoice.id)).settlement).toBe('unpaid');
    const first = await pay('6000.00', 'pay-1');
    expect((await getSalesDocument(db, manager, invoice.id)).settlement).toBe('partly_paid');
    expect(first.allocations[0]?.vat).toEqual([
      { vat: '20', amount: '297.56' },
      { vat: '14', amount: '36.44' },
      { vat: '10', amount: '356.18' },
    ]);
    expect((await pay('6000.00', 'pay-1')).id).toBe(first.id);
    await expect(
      recordPayment(db, manager, {
        customerId,
        receivedOn: `${YEAR}-03-19`,
        method: 'transfer',
        amount: '100.00',
        allocations: [{ documentId: invoice.id, amount: '100.00' }],
      }),
    ).rejects.toMatchObject({ kind: 'invalid', errors: [{ path: 'receivedOn' }] });
    await expect(pay('4082.09')).rejects.toMatchObject({
      kind: 'conflict',
      errors: [{ path: 'allocations.0.amount', message: 'at most 4082.08' }],
    });
    const second = await pay('4082.08');
    expect(second.allocations[0]?.vat).toEqual([
      { vat: '20', amount: '202.44' },
      { vat: '14', amount: '24.79' },
      { vat: '10', amount: '242.32' },
    ]);
    expect((await invoiceBalance(db, invoice.id))?.due.toFixed(2)).toBe('0.00');
    expect(await getSalesDocument(db, manager, invoice.id)).toMatchObject({ paid: '10082.08', due: '0.00', settlement: 'paid' });
    expect((await listSalesDocuments(db, manager, { kind: 'invoice' })).items[0]?.settlement).toBe('paid');
    const entry = await getEntry(db, second.entryId);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['5141', '4082.08', '0.00'],
      ['3421', '0.00', '4082.08'],
    ]);
    await expect(
      recordPayment(db, manager, {
        customerId,
        receivedOn: `${YEAR}-04-10`,
        method: 'cash',
        amount: '10.00',
        allocations: [{ documentId: invoice.id, amount: '9.00' }],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'allocations' }] });
    await expect(sql`delete from payments`.execute(db)).rejects.toThrow(/never changed or deleted/);
  });

  it('pays a member out of its collected share, never more, and keeps the position with the ledger', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    const invoice = await issueSalesDocument(
      db,
      manager,
      (await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES })).id,
      { issueDate: `${YEAR}-03-20` },
    );
    const pay = (amount: string) =>
      recordPayment(db, manager, {
        customerId,
        receivedOn: `${YEAR}-04-10`,
        method: 'transfer',
        amount,
        allocations: [{ documentId: invoice.id, amount }],
      });
    await pay('6000.00');
    const position = await memberPosition(db, manager, memberId);
    // 8208.56 × 6000.00 / 10082.08; the ledger also holds the demo's earlier share of 8208.56
    expect(position).toMatchObject({
      invoicedTtc: '10082.08',
      collected: '6000.00',
      contribution: '713.79',
      collectedShare: '4885.04',
      pooledCosts: '0.00',
      owedToMember: '16417.12',
      availableForPayout: '4885.04',
    });
    await expect(payMember(db, manager, { memberId, paidOn: `${YEAR}-04-15`, amount: '4885.05' })).rejects.toMatchObject({
      kind: 'conflict',
      errors: [{ path: 'amount' }],
    });
    const payout = await payMember(db, manager, {
      memberId,
      paidOn: `${YEAR}-04-15`,
      amount: '4885.04',
      idempotencyKey: 'payout-1',
    });
    expect(
      (await payMember(db, manager, { memberId, paidOn: `${YEAR}-04-15`, amount: '4885.04', idempotencyKey: 'payout-1' })).id,
    ).toBe(payout.id);
    expect((await memberPosition(db, manager, memberId)).availableForPayout).toBe('0.00');
    await pay('4082.08');
    expect(await memberPosition(db, manager, memberId)).toMatchObject({
      collectedShare: '8208.56',
      paidOut: '4885.04',
      owedToMember: '11532.08',
      availableForPayout: '3323.52',
    });
    const entry = await getEntry(db, payout.entryId);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['4464-M01', '4885.04', '0.00'],
      ['5141', '0.00', '4885.04'],
    ]);

    // the statement of the year agrees with the position and with the ledger
    const statement = await memberStatementDocument(db, manager, memberId, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
    expect(statement.totals).toEqual({
      ht: '8922.35',
      ttc: '10082.08',
      contribution: '713.79',
      memberShare: '8208.56',
      collected: '10082.08',
      pooledCosts: '0.00',
      paidOut: '4885.04',
    });
    expect(statement.account).toMatchObject({ code: '4464-M01', opening: '0.00', closing: '11532.08' });
    const csv = memberStatementCsv(statement);
    expect(csv).toContain(`;Facture;FA-${YEAR}-00001;Hôtel Dar Tétouan SARL;8922.35;10082.08;713.79;8208.56;10082.08;0.00`);
    const pdf = await memberStatementPdf(statement);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    expect(await memberStatementPdf(statement)).toEqual(pdf);
  });

  it('lists unpaid invoices past their due date by age, net of payments and credit notes', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    const issue = async (date: string) =>
      issueSalesDocument(
        db,
        manager,
        (await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES })).id,
        { issueDate: date },
      );
    const old = await issue(`${YEAR}-01-05`); // due 60 days later: ${YEAR}-03-06
    const recent = await issue(`${YEAR}-03-01`); // due ${YEAR}-04-30
    await recordPayment(db, manager, {
      customerId,
      receivedOn: `${YEAR}-03-10`,
      method: 'cheque',
      amount: '82.08',
      allocations: [{ documentId: old.id, amount: '82.08' }],
    });
    const report = await overdueInvoices(db, manager, `${YEAR}-06-15`);
    expect(report.items.map((i) => [i.number, i.daysLate, i.bucket, i.due])).toEqual([
      [old.number, 101, '90+', '10000.00'],
      [recent.number, 46, '31-60', '10082.08'],
    ]);
    expect(report.buckets).toEqual({ '0-30': '0.00', '31-60': '10082.08', '61-90': '0.00', '90+': '10000.00' });
    const other: Actor = { userId: 0, role: 'entrepreneur', memberId: memberId + 1 };
    expect((await overdueInvoices(db, other, `${YEAR}-06-15`)).items).toEqual([]);
    // law 69-21: 82.08 paid 4 days late (2.25 %), 10 000.00 unpaid for 4 started months (2.25 + 3 × 0.85 = 4.80 %)
    const fines = await invoiceLateFines(db, manager, old.id, `${YEAR}-06-15`);
    expect(fines.fines.map((f) => [f.amount, f.months, f.rate, f.fine])).toEqual([
      ['82.08', 1, '2.25', '1.85'],
      ['10000.00', 4, '4.80', '480.00'],
    ]);
    expect(fines.total).toBe('481.85');
  });

  it('lists documents newest first, a page at a time, with what each invoice still owes and the count of the filter', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    const m02 = await db.selectFrom('members').select('id').where('code', '=', 'M02').executeTakeFirstOrThrow();
    const { party: other } = await createParty(db, manager, { kind: 'individual', name: 'Riad Andalous', city: 'Fès' });
    const issue = async (member: number, customer: number, date: string) =>
      issueSalesDocument(
        db,
        manager,
        (await createSalesDraft(db, manager, { kind: 'invoice', memberId: member, customerId: customer, lines: LINES })).id,
        { issueDate: date },
      );
    const pay = (documentId: number, amount: string) =>
      recordPayment(db, manager, {
        customerId,
        receivedOn: `${YEAR}-03-25`,
        method: 'transfer',
        amount,
        allocations: [{ documentId, amount }],
      });
    const partlyPaid = await issue(memberId, customerId, `${YEAR}-03-20`);
    await pay(partlyPaid.id, '1000.00');
    // credited in part (498.58), the rest paid: paid
    const paid = await issue(memberId, customerId, `${YEAR}-03-21`);
    const partNote = await issueSalesDocument(
      db,
      manager,
      (await createCreditNoteDraft(db, manager, paid.id, [LINES[2] as (typeof LINES)[number]])).id,
    );
    await pay(paid.id, '9583.50');
    const unpaid = await issue(memberId, customerId, `${YEAR}-03-22`);
    const credited = await issue(m02.id, other.id, `${YEAR}-03-23`);
    const wholeNote = await issueSalesDocument(db, manager, (await createCreditNoteDraft(db, manager, credited.id)).id);
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES });

    const all = await listSalesDocuments(db, manager);
    expect(all.items.map((d) => [d.id, d.number, d.kind, d.status, d.customerName, d.totalTtc, d.settlement])).toEqual([
      [draft.id, null, 'invoice', 'draft', 'Hôtel Dar Tétouan SARL', '10082.08', null],
      [wholeNote.id, `AV-${YEAR}-00002`, 'credit_note', 'issued', 'Riad Andalous', '10082.08', null],
      [credited.id, `FA-${YEAR}-00004`, 'invoice', 'issued', 'Riad Andalous', '10082.08', 'credited'],
      [unpaid.id, `FA-${YEAR}-00003`, 'invoice', 'issued', 'Hôtel Dar Tétouan SARL', '10082.08', 'unpaid'],
      [partNote.id, `AV-${YEAR}-00001`, 'credit_note', 'issued', 'Hôtel Dar Tétouan SARL', '498.58', null],
      [paid.id, `FA-${YEAR}-00002`, 'invoice', 'issued', 'Hôtel Dar Tétouan SARL', '10082.08', 'paid'],
      [partlyPaid.id, `FA-${YEAR}-00001`, 'invoice', 'issued', 'Hôtel Dar Tétouan SARL', '10082.08', 'partly_paid'],
    ]);
    expect(all).toMatchObject({ total: 7, page: 1, pageSize: 50 });
    // the list says what the document itself says
    for (const item of all.items) {
      const doc = await getSalesDocument(db, manager, item.id);
      expect([item.settlement, item.issueDate, item.dueDate, item.memberId]).toEqual([
        doc.settlement,
        doc.issueDate,
        doc.dueDate,
        doc.memberId,
      ]);
    }

    const issued = { kind: 'invoice', status: 'issued' } as const;
    const second = await listSalesDocuments(db, manager, { ...issued, page: 2, pageSize: 3 });
    expect([second.items.map((d) => d.id), second.total]).toEqual([[partlyPaid.id], 4]);
    const past = await listSalesDocuments(db, manager, { ...issued, page: 3, pageSize: 3 });
    expect([past.items, past.total]).toEqual([[], 4]);
    const ofM02 = await listSalesDocuments(db, manager, { memberId: m02.id });
    expect([ofM02.items.map((d) => d.id), ofM02.total]).toEqual([[wholeNote.id, credited.id], 2]);
    const ofCustomer = await listSalesDocuments(db, manager, { ...issued, customerId });
    expect([ofCustomer.items.map((d) => d.id), ofCustomer.total]).toEqual([[unpaid.id, paid.id, partlyPaid.id], 3]);
    const none = await listSalesDocuments(db, manager, { kind: 'quote' });
    expect([none.items, none.total]).toEqual([[], 0]);

    // an entrepreneur counts and sees their member's documents only, whatever member they ask for
    const entrepreneur: Actor = { userId: 0, role: 'entrepreneur', memberId };
    const own = await listSalesDocuments(db, entrepreneur, { memberId: m02.id });
    expect([own.items, own.total]).toEqual([[], 0]);
    const mine = await listSalesDocuments(db, entrepreneur, { page: 2, pageSize: 4 });
    expect([mine.items.map((d) => d.id), mine.total]).toEqual([[partlyPaid.id], 5]);
  });

  it('sends a quote with its own number, and turns it once accepted into a draft invoice', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    const quote = await createSalesDraft(db, manager, { kind: 'quote', memberId, customerId, lines: LINES });
    await expect(convertQuote(db, manager, quote.id)).rejects.toMatchObject({ kind: 'conflict' });
    const sent = await sendQuote(db, manager, quote.id, `${YEAR}-02-01`);
    expect(sent).toMatchObject({ status: 'sent', number: `DV-${YEAR}-00001` });
    await expect(sql`update sales_document_lines set unit_price = 1 where document_id = ${quote.id}`.execute(db)).rejects.toThrow(
      /cannot change/,
    );
    await answerQuote(db, manager, quote.id, 'accepted');
    const invoice = await convertQuote(db, manager, quote.id);
    expect(invoice).toMatchObject({ kind: 'invoice', status: 'draft', number: null, totals: { ttc: '10082.08' } });
    expect((await getSalesDocument(db, manager, quote.id)).status).toBe('converted');
    await expect(convertQuote(db, manager, quote.id)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('refuses to issue a document worth nothing', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    // 0.001 × 0.01 rounds to 0.00: a property test found that it used to reach the ledger as a one-line entry
    const draft = await createSalesDraft(db, manager, {
      kind: 'invoice',
      memberId,
      customerId,
      lines: [{ description: 'Rien', quantity: '0.001', unitPrice: '0.01', vat: '0' }],
    });
    await expect(issueSalesDocument(db, manager, draft.id)).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ path: 'lines', message: 'the document totals 0.00: there is nothing to issue' }],
    });
    expect((await getSalesDocument(db, manager, draft.id)).status).toBe('draft');
  });

  it('issues only with VAT rates in force on the issue date', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    // the reform retires the 14 % rate at the end of the year
    await db
      .updateTable('vat_rates')
      .set({ valid_to: `${YEAR}-12-31` })
      .where('code', '=', '14')
      .execute();
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES });
    await expect(issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR + 1}-01-02` })).rejects.toMatchObject({
      errors: [{ path: 'lines.2.vat', message: `the VAT rate 14 is not in force on ${YEAR + 1}-01-02` }],
    });
    expect((await issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR}-12-31` })).status).toBe('issued');
  });

  it('names every wrong line field, and refuses payment days beyond the customer terms', async () => {
    const { db } = database();
    const { memberId, customerId } = await setup(db);
    await expect(
      createSalesDraft(db, manager, {
        kind: 'invoice',
        memberId,
        customerId,
        lines: [
          { description: '', quantity: '0', unitPrice: '1.001', vat: '19', discountPercent: '101' },
          { description: 'x', quantity: '1', unitPrice: '1', vat: 'exempt' },
        ],
      }),
    ).rejects.toMatchObject({
      errors: [
        { path: 'lines.0.description' },
        { path: 'lines.0.quantity' },
        { path: 'lines.0.unitPrice' },
        { path: 'lines.0.discountPercent' },
        { path: 'lines.0.vat' },
        { path: 'lines.1.exemptionBasis' },
      ],
    });
    await expect(
      createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, paymentDays: 90, lines: LINES }),
    ).rejects.toMatchObject({ errors: [{ path: 'paymentDays' }] });
  });
});

it.runIf(testEngines().includes('postgres'))(
  'numbers invoices 1..N without gap or duplicate under concurrent issuers, some failing',
  { timeout: 120_000 },
  async () => {
    const database = await openTestDatabase('postgres');
    try {
      const { db } = database;
      const { memberId, customerId } = await setup(db);
      const drafts = await Promise.all(
        Array.from({ length: 32 }, () => createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId, lines: LINES })),
      );
      const results = await Promise.allSettled(
        drafts.map((d, i) =>
          db.transaction().execute(async (trx) => {
            await issueSalesDocument(trx, manager, d.id);
            if (i % 5 === 0) throw new Error('forced failure after numbering');
          }),
        ),
      );
      const succeeded = results.filter((r) => r.status === 'fulfilled').length;
      const numbers = await db.selectFrom('sales_documents').select('number').where('status', '=', 'issued').execute();
      const seqs = numbers.map((n) => Number(n.number?.slice(-5))).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: succeeded }, (_, i) => i + 1));
      expect(succeeded).toBe(32 - Math.ceil(32 / 5));
    } finally {
      await database.release();
    }
  },
);
