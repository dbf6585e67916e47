import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { setGieLogo } from '../../src/gie/settings.ts';
import {
  createSalesDraft,
  type InvoiceItem,
  issueInvoices,
  issueSalesDocument,
  type PaymentItem,
  recordPayment,
  recordPayments,
} from '../../src/invoicing/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';
import { verifyDatabase } from '../../src/verify/index.ts';

const manager: Actor = { userId: 0, role: 'manager', memberId: null };
const LOGO = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const YEAR = new Date().getUTCFullYear();
const on = (monthDay: string) => `${YEAR}-${monthDay}`;

const TASTING = { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' };
const BASKETS = {
  description: 'Paniers produits du terroir',
  quantity: '35',
  unitPrice: '180.00',
  discountPercent: '5',
  vat: '10',
  revenue: 'goods' as const,
};
const TRANSPORT = { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14', unit: 'trajet' };
const TRAINING = {
  description: 'Formation agréée',
  quantity: '1.5',
  unitPrice: '800.00',
  vat: 'exempt',
  exemptionBasis: 'Art. 91-I-A du CGI',
};

interface World {
  members: number[];
  customers: number[];
}

async function setup(db: Kysely<Database>): Promise<World> {
  await seedDemo(db, { ledger: true });
  await setGieLogo(db, manager, LOGO);
  const members = await db
    .selectFrom('members')
    .select('id')
    .where('code', 'in', ['M01', 'M02', 'M05'])
    .orderBy('code')
    .execute();
  const customers: number[] = [];
  for (const [i, name] of ['Hôtel Dar Tétouan SARL', 'Épicerie du Rif', 'Riad Chaouen'].entries()) {
    const { party } = await createParty(db, manager, {
      kind: 'company',
      name,
      ice: `00152585600006${i}`,
      city: 'Tétouan',
      ...(i === 2 ? { paymentDays: 30 } : {}),
    });
    customers.push(party.id);
  }
  return { members: members.map((m) => m.id), customers };
}

/** A year of invoices given out of date order, some with their own terms and notes. */
function invoiceItems(w: World): InvoiceItem[] {
  const [m1, m2, m5] = w.members as [number, number, number];
  const [c1, c2, c3] = w.customers as [number, number, number];
  return [
    { memberId: m1, customerId: c1, lines: [TASTING, BASKETS, TRANSPORT], issueDate: on('03-20') },
    { memberId: m2, customerId: c2, lines: [BASKETS], issueDate: on('01-15'), paymentDays: 30, notes: ' Livraison à Martil ' },
    { memberId: m5, customerId: c3, lines: [TRAINING, TASTING], issueDate: on('03-20') },
    { memberId: m1, customerId: c2, lines: [TRANSPORT], issueDate: on('02-01') },
    { memberId: m2, customerId: c1, lines: [TASTING, TRAINING], issueDate: on('06-30'), paymentDays: 0 },
    { memberId: m5, customerId: c1, lines: [BASKETS, TRANSPORT], issueDate: on('01-15') },
  ];
}

/** Payments in the order received: in full, in part twice, and one payment settling two invoices. */
function paymentItems(w: World, ids: number[], ttc: string[]): PaymentItem[] {
  const [c1, c2] = w.customers as [number, number, number];
  const at = (i: number) => ids[i] as number;
  return [
    {
      customerId: c1,
      receivedOn: on('04-10'),
      method: 'transfer',
      amount: '6000.00',
      allocations: [{ documentId: at(0), amount: '6000.00' }],
    },
    {
      customerId: c2,
      receivedOn: on('02-20'),
      method: 'cheque',
      amount: ttc[1] as string,
      reference: 'CHQ 1182',
      allocations: [{ documentId: at(1), amount: ttc[1] as string }],
    },
    {
      customerId: c1,
      receivedOn: on('05-02'),
      method: 'cash',
      amount: '4082.08',
      allocations: [{ documentId: at(0), amount: '4082.08' }],
    },
    {
      customerId: c1,
      receivedOn: on('07-05'),
      method: 'transfer',
      amount: '1000.00',
      allocations: [
        { documentId: at(5), amount: '700.00' },
        { documentId: at(4), amount: '300.00' },
      ],
    },
  ];
}

/** Issues and pays one by one, in date order, as the back office does. */
async function throughSinglePath(db: Kysely<Database>, w: World) {
  const items = invoiceItems(w);
  const order = items
    .map((_, i) => i)
    .sort((a, b) => (items[a]?.issueDate ?? '').localeCompare(items[b]?.issueDate ?? '') || a - b);
  const ids: number[] = [];
  const ttc: string[] = [];
  for (const i of order) {
    const item = items[i] as InvoiceItem;
    const { issueDate, ...draft } = item;
    const created = await createSalesDraft(db, manager, { kind: 'invoice', ...draft });
    const issued = await issueSalesDocument(db, manager, created.id, { issueDate });
    ids[i] = issued.id;
    ttc[i] = issued.totals.ttc;
  }
  for (const payment of paymentItems(w, ids, ttc)) await recordPayment(db, manager, payment);
}

async function throughBatchPath(db: Kysely<Database>, w: World) {
  const issued = await issueInvoices(db, manager, invoiceItems(w));
  await recordPayments(
    db,
    manager,
    paymentItems(
      w,
      issued.map((d) => d.id),
      issued.map((d) => d.totals.ttc),
    ),
  );
  return issued;
}

/** Drops what depends on the clock (…At, …_at) from rows and JSON, recursively. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/(At|_at)$/.test(key))
        .map(([key, v]) => [key, timeless(v)]),
    );
  return value;
}

/** Everything the two paths write that a user relies on. */
async function books(db: Kysely<Database>) {
  const rows = async (query: string) => timeless((await sql.raw(query).execute(db)).rows);
  return {
    documents: await rows('select * from sales_documents order by id'),
    lines: await rows('select * from sales_document_lines order by id'),
    entries: await rows('select * from entries order by id'),
    entryLines: await rows('select * from entry_lines order by id'),
    balances: await rows('select * from account_balances order by 1, 2, 3'),
    payments: await rows('select * from payments order by id'),
    allocations: await rows('select * from payment_allocations order by id'),
    counters: await rows('select * from document_counters order by series, year'),
    // the ledger's own events differ by design: one per entry from post(), one per batch from postMany()
    audit: await rows(
      `select action, entity, entity_id, before, after from audit_log
       where action like 'invoice.%' or action like 'payment.%' order by entity, entity_id::integer, action`,
    ),
  };
}

describeWithDatabase('invoices and payments in batches', (database) => {
  it('writes exactly what issuing and paying one by one writes: documents, numbers, snapshots, entries, payments, audit', async () => {
    const { db, reset } = database();
    await throughSinglePath(db, await setup(db));
    const single = await books(db);
    await reset();
    const issued = await throughBatchPath(db, await setup(db));
    const batch = await books(db);

    expect(batch).toEqual(single);
    // the audit chain and the books' invariants hold after a batch: documents matched by their entries, series gapless
    const report = await verifyDatabase(db);
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
    // and those books are the right ones: DOMAIN 5.1 for the first item, numbered in date order
    expect(issued[0]).toMatchObject({
      number: `FA-${YEAR}-00004`,
      issueDate: on('03-20'),
      dueDate: on('05-19'),
      totals: { ht: '8922.35', vat: '1159.73', ttc: '10082.08' },
      memberShare: '8208.56',
    });
    expect(issued.map((d) => d.number.slice(-2))).toEqual(['04', '01', '05', '03', '06', '02']);
    expect(single.documents).toHaveLength(6);
    expect(single.payments).toHaveLength(4);
    expect(single.audit).toHaveLength(6 + 6 + 4);
  });

  it('refuses a batch with a bad item, naming it and the field, and writes nothing', async () => {
    const { db } = database();
    const w = await setup(db);
    const items = invoiceItems(w);
    const count = async () =>
      (
        await sql<{ n: string }>`select (select count(*) from sales_documents) + (select count(*) from entries)
          + (select count(*) from audit_log) + (select count(*) from document_counters) as n`.execute(db)
      ).rows[0]?.n;
    const before = await count();

    const badVat = items.map((item, i) => (i === 3 ? { ...item, lines: [TASTING, { ...TRANSPORT, vat: '19' }] } : item));
    await expect(issueInvoices(db, manager, badVat)).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ path: 'items.3.lines.1.vat' }],
    });
    // a rate retired on the item's date, an unknown member, a customer's terms exceeded: each named
    await db
      .updateTable('vat_rates')
      .set({ valid_to: on('06-01') })
      .where('code', '=', '10')
      .execute();
    const several = items.map((item, i) =>
      i === 0
        ? { ...item, issueDate: on('07-01') }
        : i === 2
          ? { ...item, memberId: 999_999 }
          : i === 5
            ? { ...item, customerId: w.customers[2] as number, paymentDays: 45 }
            : item,
    );
    const refusal = issueInvoices(db, manager, several);
    await expect(refusal).rejects.toMatchObject({ kind: 'invalid' });
    const paths = (
      (await refusal.catch((e: { errors: Array<{ path: string }> }) => e)) as { errors: Array<{ path: string }> }
    ).errors.map((e) => e.path);
    expect(paths).toEqual(['items.0.lines.1.vat', 'items.2.memberId', 'items.5.paymentDays']);
    await expect(issueInvoices(db, { userId: 0, role: 'accountant', memberId: null }, items)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    // an entrepreneur issues only if the GIE lets them, and only for their own member
    const entrepreneur: Actor = { userId: 0, role: 'entrepreneur', memberId: w.members[0] as number };
    await expect(issueInvoices(db, entrepreneur, items)).rejects.toMatchObject({ kind: 'forbidden' });
    await db.updateTable('gie_settings').set({ entrepreneurs_may_issue: true }).execute();
    const theirs = await issueInvoices(db, entrepreneur, items).catch((e: { errors: Array<{ path: string }> }) => e);
    expect((theirs as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
      'items.1.memberId',
      'items.2.memberId',
      'items.4.memberId',
      'items.5.memberId',
    ]);
    expect(await count()).toBe(before);

    // payments: an overpayment in the batch (counting the batch's own earlier payment) refuses them all
    await db.updateTable('vat_rates').set({ valid_to: null }).where('code', '=', '10').execute();
    const issued = await issueInvoices(db, manager, items);
    const afterIssue = await count();
    const [c1] = w.customers as [number];
    const first = issued[0] as (typeof issued)[number];
    const pay = (amount: string): PaymentItem => ({
      customerId: c1,
      receivedOn: on('04-10'),
      method: 'transfer',
      amount,
      allocations: [{ documentId: first.id, amount }],
    });
    await expect(recordPayments(db, manager, [pay('10000.00'), pay('82.09')])).rejects.toMatchObject({
      kind: 'conflict',
      errors: [{ path: 'items.1.allocations.0.amount', message: 'at most 82.08' }],
    });
    await expect(recordPayments(db, manager, [pay('1.00'), { ...pay('1.00'), receivedOn: on('01-01') }])).rejects.toMatchObject({
      errors: [{ path: 'items.1.receivedOn' }],
    });
    expect(await count()).toBe(afterIssue);
    expect(await recordPayments(db, manager, [pay('10000.00'), pay('82.08')])).toHaveLength(2);
  });

  it('keeps each series gapless and in date order across single issues and batches', async () => {
    const { db } = database();
    const w = await setup(db);
    const items = invoiceItems(w);
    const { issueDate: _date, ...first } = items[1] as InvoiceItem;
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', ...first });
    await issueSalesDocument(db, manager, draft.id, { issueDate: on('01-02') });
    await issueInvoices(db, manager, items);
    await issueInvoices(
      db,
      manager,
      // the same, six months later
      items.map((item) => ({
        ...item,
        issueDate: `${YEAR}-${String(Number(item.issueDate.slice(5, 7)) + 6).padStart(2, '0')}${item.issueDate.slice(7)}`,
      })),
    );
    const numbered = await db
      .selectFrom('sales_documents')
      .select(['number', 'issue_date'])
      .where('status', '=', 'issued')
      .orderBy('number')
      .execute();
    expect(numbered.map((d) => d.number)).toEqual(
      Array.from({ length: 13 }, (_, i) => `FA-${YEAR}-${String(i + 1).padStart(5, '0')}`),
    );
    const dates = numbered.map((d) => d.issue_date);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe(on('01-02'));
    expect(dates.at(-1)).toBe(on('12-30'));
  });
});
