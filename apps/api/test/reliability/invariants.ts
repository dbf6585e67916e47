// The books' invariants after a crash, checked straight in the database: balanced entries, gapless number series,
// no document without its posted entry nor entry without its document, an audit event for every change, and every
// change a client saw acknowledged still there, as acknowledged. (To be folded into `gie verify`.)
import { type Database, verifyDatabase } from '@gie-ecp/core';
import { type Kysely, sql } from 'kysely';

/** What clients were told succeeded: the durability check looks for each of these. */
export interface Acknowledged {
  /** Issued document id → its number. */
  invoices: Map<number, string>;
  /** Payment id → amount. */
  payments: Map<number, string>;
  /** Payout id → amount. */
  payouts: Map<number, string>;
  /** Manual entry id → reference (journal-year-number). */
  entries: Map<number, string>;
  /** Posted run id → its entry id. */
  runsPosted: Map<number, number>;
  /** Reversed run id → its reversal entry id. */
  runsReversed: Map<number, number>;
}

export function noneAcknowledged(): Acknowledged {
  return {
    invoices: new Map(),
    payments: new Map(),
    payouts: new Map(),
    entries: new Map(),
    runsPosted: new Map(),
    runsReversed: new Map(),
  };
}

export function acknowledgedCount(ack: Acknowledged): number {
  return Object.values(ack).reduce((n, m: Map<unknown, unknown>) => n + m.size, 0);
}

/** Label of the entries a load generator posts by hand: the only entries that need no business document. */
export const MANUAL_LABEL = 'Charge test';

/** The invariants' violations, one sentence each; an empty list means the books are whole. */
export async function violations(
  db: Kysely<Database>,
  ack: Acknowledged,
  options: { seededEntriesUpTo: number },
): Promise<string[]> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const found: string[] = [];
      const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(trx)).rows;

      // every posted entry balances, with two lines at least
      for (const r of await rows<{ id: number; debit: string; credit: string; n: string }>(sql`
        select e.id, coalesce(sum(l.debit), 0) as debit, coalesce(sum(l.credit), 0) as credit, count(l.id) as n
        from entries e left join entry_lines l on l.entry_id = e.id where e.status = 'posted'
        group by e.id having coalesce(sum(l.debit), 0) <> coalesce(sum(l.credit), 0) or count(l.id) < 2`))
        found.push(`entry ${r.id} does not balance: debit ${r.debit}, credit ${r.credit}, ${r.n} lines`);

      // the stored balances, per month and per year, are the sums of the posted lines, and so is their part
      // posted through the opening journal
      for (const [table, key, what] of [
        ['account_balances', 'period_id', 'period'],
        ['account_year_balances', 'fiscal_year_id', 'fiscal year'],
      ] as const) {
        for (const r of await rows<{ account_code: string; key: number }>(sql`
          with lines as (
            select l.account_code, e.${sql.ref(key)} as key, sum(l.debit) as debit, sum(l.credit) as credit,
              coalesce(sum(l.debit) filter (where j.kind = 'opening'), 0) as opening_debit,
              coalesce(sum(l.credit) filter (where j.kind = 'opening'), 0) as opening_credit
            from entry_lines l join entries e on e.id = l.entry_id join journals j on j.code = e.journal_code
            where e.status = 'posted' group by 1, 2)
          select coalesce(b.account_code, l.account_code) as account_code, coalesce(b.${sql.ref(key)}, l.key) as key
          from ${sql.table(table)} b full join lines l on l.account_code = b.account_code and l.key = b.${sql.ref(key)}
          where coalesce(b.debit, 0) <> coalesce(l.debit, 0) or coalesce(b.credit, 0) <> coalesce(l.credit, 0)
            or coalesce(b.opening_debit, 0) <> coalesce(l.opening_debit, 0)
            or coalesce(b.opening_credit, 0) <> coalesce(l.opening_credit, 0)`))
          found.push(`the balance of ${r.account_code} in ${what} ${r.key} is not the sum of its lines`);
      }

      // entry numbers: 1..n per journal and year, n the counter
      for (const r of await rows<{
        journal_code: string;
        fiscal_year_id: number;
        n: string;
        top: number;
        last: number | null;
      }>(sql`
        select e.journal_code, e.fiscal_year_id, count(*) as n, max(e.number) as top, c.last_number as last
        from entries e left join journal_counters c on c.journal_code = e.journal_code and c.fiscal_year_id = e.fiscal_year_id
        where e.status = 'posted' group by e.journal_code, e.fiscal_year_id, c.last_number
        having count(*) <> max(e.number) or count(distinct e.number) <> count(*) or min(e.number) <> 1
          or c.last_number is distinct from max(e.number)`))
        found.push(
          `journal ${r.journal_code} (year ${r.fiscal_year_id}) numbers are not 1..${r.n}: highest ${r.top}, counter ${r.last}`,
        );

      // document numbers (invoices, credit notes, quotes): 1..n per series and year, n the counter
      for (const r of await rows<{ series: string; year: number; n: string; top: number; last: number | null }>(sql`
        with numbered as (
          select d.kind as series, substring(d.number from '(\\d{4})') :: int as year,
            substring(d.number from '(\\d+)$') :: int as seq
          from sales_documents d where d.number is not null)
        select n.series, n.year, count(*) as n, max(n.seq) as top, c.last_number as last
        from numbered n left join document_counters c on c.series = n.series and c.year = n.year
        group by n.series, n.year, c.last_number
        having count(*) <> max(n.seq) or count(distinct n.seq) <> count(*) or c.last_number is distinct from max(n.seq)`))
        found.push(`${r.series} numbers of ${r.year} are not 1..${r.n}: highest ${r.top}, counter ${r.last}`);

      // charge notes: 1..n per year
      for (const r of await rows<{ year: number; n: string; top: number; last: number | null }>(sql`
        with numbered as (
          select substring(n.number from '(\\d{4})') :: int as year, substring(n.number from '(\\d+)$') :: int as seq
          from pooling_charge_notes n)
        select n.year, count(*) as n, max(n.seq) as top, c.last_number as last
        from numbered n left join pooling_note_counters c on c.year = n.year group by n.year, c.last_number
        having count(*) <> max(n.seq) or count(distinct n.seq) <> count(*) or c.last_number is distinct from max(n.seq)`))
        found.push(`charge notes of ${r.year} are not 1..${r.n}: highest ${r.top}, counter ${r.last}`);

      // no document without its posted entry
      const unposted = (table: string, column: string, where = 'true') =>
        rows<{ id: number }>(sql`
          select t.id from ${sql.raw(table)} t left join entries e on e.id = t.${sql.raw(column)}
          where ${sql.raw(where)} and (e.id is null or e.status <> 'posted')`);
      for (const r of await unposted('sales_documents', 'entry_id', `t.number is not null and t.kind <> 'quote'`))
        found.push(`issued document ${r.id} has no posted entry`);
      for (const r of await unposted('payments', 'entry_id')) found.push(`payment ${r.id} has no posted entry`);
      for (const r of await unposted('payouts', 'entry_id')) found.push(`payout ${r.id} has no posted entry`);
      for (const r of await unposted('pooling_runs', 'entry_id', `t.status in ('posted', 'reversed')`))
        found.push(`allocation run ${r.id} has no posted entry`);
      for (const r of await unposted('pooling_runs', 'reversal_entry_id', `t.status = 'reversed'`))
        found.push(`reversed allocation run ${r.id} has no posted reversal entry`);
      for (const r of await rows<{ id: number }>(sql`
        select n.id from pooling_charge_notes n join pooling_runs r on r.id = n.run_id where r.status = 'draft'`))
        found.push(`charge note ${r.id} belongs to a run that was never posted`);

      // no entry without its document (the seed's entries and the manual ones excepted)
      for (const r of await rows<{ id: number; label: string }>(sql`
        select e.id, e.label from entries e where e.id > ${options.seededEntriesUpTo} and e.label not like ${`${MANUAL_LABEL}%`}
          and not exists (select from sales_documents d where d.entry_id = e.id)
          and not exists (select from payments p where p.entry_id = e.id)
          and not exists (select from payouts p where p.entry_id = e.id)
          and not exists (select from pooling_runs r where r.entry_id = e.id or r.reversal_entry_id = e.id)`))
        found.push(`entry ${r.id} ("${r.label}") belongs to no document`);

      // every change has its audit event, and every audit event its change
      for (const r of await rows<{ id: number }>(sql`
        select e.id from entries e where e.id > ${options.seededEntriesUpTo} and e.status = 'posted'
          and not exists (select from audit_log a where a.entity = 'entry' and a.entity_id = e.id::text)`))
        found.push(`entry ${r.id} has no audit event`);
      for (const r of await rows<{ id: number }>(sql`
        select p.id from payments p
        where not exists (select from audit_log a where a.action = 'payment.record' and a.entity_id = p.id::text)`))
        found.push(`payment ${r.id} has no audit event`);
      for (const r of await rows<{ id: number }>(sql`
        select r.id from pooling_runs r where r.status in ('posted', 'reversed')
          and not exists (select from audit_log a where a.action = 'pooling_run.post' and a.entity_id = r.id::text)`))
        found.push(`allocation run ${r.id} has no audit event of its posting`);
      for (const r of await rows<{ entity: string; entity_id: string }>(sql`
        select a.entity, a.entity_id from audit_log a
        where (a.action = 'entry.post' and not exists (select from entries e where e.id::text = a.entity_id))
          or (a.action = 'payment.record' and not exists (select from payments p where p.id::text = a.entity_id))`))
        found.push(`audit event on ${r.entity} ${r.entity_id}, which does not exist`);

      // durability: what a client saw succeed is there, as it was told
      const byId = async (table: string, ids: number[], columns: string) =>
        ids.length === 0
          ? new Map<number, Record<string, unknown>>()
          : new Map(
              (
                await rows<Record<string, unknown> & { id: number }>(
                  sql`select id, ${sql.raw(columns)} from ${sql.raw(table)} where id in (${sql.join(ids)})`,
                )
              ).map((r) => [r.id, r]),
            );
      const invoices = await byId('sales_documents', [...ack.invoices.keys()], 'number');
      for (const [id, number] of ack.invoices)
        if (invoices.get(id)?.number !== number) found.push(`acknowledged invoice ${number} (id ${id}) is lost`);
      const payments = await byId('payments', [...ack.payments.keys()], 'amount');
      for (const [id, amount] of ack.payments)
        if (payments.get(id)?.amount !== amount) found.push(`acknowledged payment ${id} of ${amount} is lost`);
      const payouts = await byId('payouts', [...ack.payouts.keys()], 'amount');
      for (const [id, amount] of ack.payouts)
        if (payouts.get(id)?.amount !== amount) found.push(`acknowledged payout ${id} of ${amount} is lost`);
      const entries = await byId(
        'entries',
        [...ack.entries.keys()],
        `journal_code || '-' || (select substring(f.starts_on::text from 1 for 4) from fiscal_years f where f.id = fiscal_year_id) || '-' || lpad(number::text, 5, '0') as reference`,
      );
      for (const [id, reference] of ack.entries)
        if (entries.get(id)?.reference !== reference) found.push(`acknowledged entry ${reference} (id ${id}) is lost`);
      const runs = await byId(
        'pooling_runs',
        [...ack.runsPosted.keys(), ...ack.runsReversed.keys()],
        'status, entry_id, reversal_entry_id',
      );
      for (const [id, entryId] of ack.runsPosted) {
        const run = runs.get(id);
        if (!run || !['posted', 'reversed'].includes(String(run.status)) || run.entry_id !== entryId)
          found.push(`acknowledged posting of allocation run ${id} is lost`);
      }
      for (const [id, entryId] of ack.runsReversed) {
        const run = runs.get(id);
        if (run?.status !== 'reversed' || run.reversal_entry_id !== entryId)
          found.push(`acknowledged reversal of allocation run ${id} is lost`);
      }
      // and what `gie verify` checks, the audit log's hash chain first, in the same snapshot
      const report = await verifyDatabase(trx);
      for (const check of report.checks) for (const problem of check.problems) found.push(`verify, ${check.name}: ${problem}`);
      return found;
    });
}

/** The highest entry id: entries up to it were there before the load (the demo's, posted in bulk). */
export async function lastEntryId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
