// The demo a newcomer opens (`gie seed --demo`, the README's run command): a year of trading made through the core,
// whose books, documents, VAT return and dashboard agree with each other, checked here by plain SQL sums.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { today } from '../../src/dates.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { Dec } from '../../src/money/decimal.ts';
import { gieDashboard } from '../../src/reporting/dashboards.ts';
import { vatReturn } from '../../src/reporting/vat-return.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';

const manager: Actor = { userId: 0, role: 'manager', memberId: null };

/** The schedule written out: an invoice on the 6th and the 19th of every month of the year up to today. */
function expectedInvoiceCount(on: string): number {
  const month = Number(on.slice(5, 7));
  const day = Number(on.slice(8, 10));
  return 2 * (month - 1) + (day >= 19 ? 2 : day >= 6 ? 1 : 0);
}

describeWithDatabase('the demo year of trading', (database) => {
  it('issues real invoices and payments whose books, VAT return and dashboard agree', async () => {
    const { db } = database();
    expect(await seedDemo(db, { ledger: true, activity: true })).toBe(true);
    const now = today();
    const year = now.slice(0, 4);

    const invoices = await db
      .selectFrom('sales_documents')
      .select(['id', 'number', 'entry_id', 'total_ht', 'total_ttc'])
      .where('kind', '=', 'invoice')
      .where('status', '=', 'issued')
      .orderBy('number')
      .execute();
    expect(invoices).toHaveLength(expectedInvoiceCount(now));
    // numbered from the database's series, without a gap, each with its entry
    invoices.forEach((invoice, i) => {
      expect(invoice.number).toBe(`FA-${year}-${String(i + 1).padStart(5, '0')}`);
      expect(invoice.entry_id).not.toBeNull();
    });

    // every entry balanced, and 3421 (customers) equals what the invoices still owe
    const unbalanced = await sql<{ n: string }>`
      select count(*)::text as n from (
        select entry_id from entry_lines group by entry_id having sum(debit) <> sum(credit)
      ) u`.execute(db);
    expect(unbalanced.rows[0]?.n).toBe('0');
    const customers = await sql<{ balance: string }>`
      select coalesce(sum(debit - credit), 0)::text as balance from entry_lines where account_code = '3421'`.execute(db);
    const owed = await sql<{ owed: string }>`
      select (
        coalesce((select sum(total_ttc) from sales_documents where kind = 'invoice' and status = 'issued'), 0)
        - coalesce((select sum(total_ttc) from sales_documents where kind = 'credit_note' and status = 'issued'), 0)
        - coalesce((select sum(amount) from payments), 0)
      )::text as owed`.execute(db);
    expect(new Dec(customers.rows[0]?.balance ?? 'NaN').eq(owed.rows[0]?.owed ?? 'NaN')).toBe(true);

    // the VAT return of each month collects the VAT of that month's payments, to the centime
    for (let m = 1; m <= Number(now.slice(5, 7)); m++) {
      const month = `${year}-${String(m).padStart(2, '0')}`;
      const ret = await vatReturn(db, manager, month);
      const paidVat = await sql<{ vat: string }>`
        select coalesce(sum((v ->> 'amount')::numeric), 0)::text as vat
        from payments p
        join payment_allocations a on a.payment_id = p.id
        cross join lateral jsonb_array_elements(a.vat) v
        where p.received_on >= ${`${month}-01`}::date and p.received_on < (${`${month}-01`}::date + interval '1 month')`.execute(
        db,
      );
      expect(new Dec(ret.collected.total).eq(paidVat.rows[0]?.vat ?? 'NaN'), month).toBe(true);
    }

    // the dashboard's revenue of the year is the invoices' HT less the credit notes'
    const dashboard = await gieDashboard(db, manager, { year: Number(year), today: now });
    const dashboardHt = dashboard.revenue.reduce((sum, m) => sum.plus(m.ht), new Dec(0));
    const creditedHt = await sql<{ ht: string }>`
      select coalesce(sum(total_ht), 0)::text as ht from sales_documents where kind = 'credit_note' and status = 'issued'`.execute(
      db,
    );
    const invoicedHt = invoices.reduce((sum, i) => sum.plus(i.total_ht), new Dec(0));
    expect(dashboardHt.eq(invoicedHt.minus(creditedHt.rows[0]?.ht ?? 'NaN'))).toBe(true);
  });

  it('leaves the worked examples alone when the activity is not asked for', async () => {
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const documents = await db.selectFrom('sales_documents').select('id').execute();
    expect(documents).toHaveLength(0);
    const worked = await db.selectFrom('entries').select('id').where('source_ref', 'like', 'FA-%').execute();
    expect(worked).toHaveLength(3);
  });
});
