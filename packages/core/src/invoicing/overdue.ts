// Unpaid invoices past their due date, by age (0-30, 31-60, 61-90, more than 90 days late), as the manager
// follows them up; an entrepreneur sees their member's only.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Dec, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';

export type AgeingBucket = '0-30' | '31-60' | '61-90' | '90+';

export interface OverdueInvoice {
  id: number;
  number: string;
  memberId: number;
  customerId: number;
  customerName: string;
  issueDate: string;
  dueDate: string;
  daysLate: number;
  bucket: AgeingBucket;
  totalTtc: string;
  due: string;
}

export function ageingBucket(daysLate: number): AgeingBucket {
  if (daysLate <= 30) return '0-30';
  if (daysLate <= 60) return '31-60';
  if (daysLate <= 90) return '61-90';
  return '90+';
}

/** Invoices still owing something after their due date, as of `asOf` (today by default). */
export async function overdueInvoices(db: Kysely<Database>, actor: Actor, asOf = new Date().toISOString().slice(0, 10)) {
  const member = actor.role === 'entrepreneur' ? sql`and d.member_id = ${actor.memberId ?? -1}` : sql``;
  const { rows } = await sql<{
    id: number;
    number: string;
    member_id: number;
    customer_id: number;
    name: string;
    issue_date: string;
    due_date: string;
    days_late: number;
    total_ttc: string;
    due: string;
  }>`
    select d.id, d.number, d.member_id, d.customer_id, p.name, d.issue_date, d.due_date,
      (${asOf}::date - d.due_date) as days_late, d.total_ttc,
      d.total_ttc
        - coalesce((select sum(c.total_ttc) from sales_documents c where c.corrects_id = d.id and c.status = 'issued'), 0)
        - coalesce((select sum(a.amount) from payment_allocations a where a.document_id = d.id), 0) as due
    from sales_documents d join parties p on p.id = d.customer_id
    where d.kind = 'invoice' and d.status = 'issued' and d.due_date < ${asOf}::date ${member}
    order by d.due_date, d.id`.execute(db);
  const items: OverdueInvoice[] = rows
    .filter((r) => new Dec(r.due).gt(0))
    .map((r) => ({
      id: r.id,
      number: r.number,
      memberId: r.member_id,
      customerId: r.customer_id,
      customerName: r.name,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      daysLate: Number(r.days_late),
      bucket: ageingBucket(Number(r.days_late)),
      totalTtc: toAmountString(new Dec(r.total_ttc)),
      due: toAmountString(new Dec(r.due)),
    }));
  const buckets: Record<AgeingBucket, string> = { '0-30': '0.00', '31-60': '0.00', '61-90': '0.00', '90+': '0.00' };
  for (const item of items) buckets[item.bucket] = toAmountString(new Dec(buckets[item.bucket]).plus(item.due));
  return { asOf, items, buckets, total: toAmountString(items.reduce((s, i) => s.plus(i.due), new Dec(0))) };
}
