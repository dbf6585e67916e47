// The weights a key gives each member for a period, read from where they live: usage records, revenue invoiced
// through the GIE (posted sales lines of the ledger), the member record (people, jobs), fixed weights, quantities.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Dec } from '../money/index.ts';
import type { KeyBasis } from './keys.ts';

export interface WeightContext {
  serviceId: number;
  members: ReadonlyArray<{ id: number; code: string }>;
  from: string;
  to: string;
}

const plain = (value: string | number | null | undefined) => {
  const d = new Dec(value ?? 0);
  return d.isZero() ? '0' : d.toFixed();
};

/** Weight per member code for one basis of a key; members without any weigh "0". */
export async function basisWeights(
  db: Kysely<Database>,
  basis: KeyBasis,
  context: WeightContext,
): Promise<Record<string, string>> {
  const { members, from, to } = context;
  const ids = members.map((m) => m.id);
  const codeOf = new Map(members.map((m) => [m.id, m.code]));
  const result: Record<string, string> = Object.fromEntries(members.map((m) => [m.code, '0']));
  if (ids.length === 0) return result;
  const put = (memberId: number, value: string | number | null) => {
    const code = codeOf.get(memberId);
    if (code !== undefined) result[code] = plain(value);
  };
  switch (basis.kind) {
    case 'equal':
      for (const m of members) result[m.code] = '1';
      break;
    case 'usage': {
      const rows = await db
        .selectFrom('pooling_usage')
        .select(['member_id', sql<string>`sum(quantity)`.as('total')])
        .where('service_id', '=', context.serviceId)
        .where('member_id', 'in', ids)
        .where('used_on', '>=', from)
        .where('used_on', '<=', to)
        .groupBy('member_id')
        .execute();
      for (const r of rows) put(r.member_id, r.total);
      break;
    }
    case 'revenue': {
      // revenue HT invoiced through the GIE: the posted sales lines tagged with the member (credit notes net it)
      const { rows } = await sql<{ member_id: number; total: string }>`
        select l.member_id, sum(l.credit - l.debit) as total
        from entry_lines l join entries e on e.id = l.entry_id
        where e.status = 'posted' and e.entry_date between ${from} and ${to}
          and l.account_code in (select account_code from posting_accounts where role in ('sales.services', 'sales.goods'))
          and l.member_id in (${sql.join(ids)})
        group by l.member_id`.execute(db);
      for (const r of rows) put(r.member_id, new Dec(r.total).isNegative() ? '0' : r.total);
      break;
    }
    case 'headcount': {
      const rows = await db.selectFrom('members').select(['id', 'people_count', 'jobs_count']).where('id', 'in', ids).execute();
      for (const r of rows) put(r.id, basis.headcount === 'jobs' ? r.jobs_count : r.people_count);
      break;
    }
    case 'fixed':
      for (const w of basis.weights ?? []) put(w.memberId, w.weight);
      break;
    case 'quantity': {
      const { rows } = await sql<{ member_id: number; quantity: string }>`
        select distinct on (member_id) member_id, quantity from pooling_member_quantities
        where name = ${basis.quantity ?? ''} and valid_from <= ${to} and member_id in (${sql.join(ids)})
        order by member_id, valid_from desc`.execute(db);
      for (const r of rows) put(r.member_id, r.quantity);
      break;
    }
  }
  return result;
}
