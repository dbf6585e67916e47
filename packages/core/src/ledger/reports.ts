// What the accountant reads from the ledger: trial balance, general ledger, journal listing, a member's statement
// and the analytic result per member and per service, with the same filters everywhere. Only posted entries count.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { invalid } from '../errors.ts';
import { Dec, toAmountString } from '../money/index.ts';

export interface ReportFilter {
  /** Inclusive dates, YYYY-MM-DD. */
  from: string;
  to: string;
  journal?: string;
  /** Account range by prefix: 4 to 4 takes every class-4 account. */
  accountFrom?: string;
  accountTo?: string;
  memberId?: number;
  service?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkFilter(filter: ReportFilter): void {
  if (!DATE.test(filter.from) || Number.isNaN(Date.parse(filter.from)))
    throw invalid('from', `expected a date YYYY-MM-DD, received "${filter.from}"`);
  if (!DATE.test(filter.to) || Number.isNaN(Date.parse(filter.to)))
    throw invalid('to', `expected a date YYYY-MM-DD, received "${filter.to}"`);
  if (filter.to < filter.from) throw invalid('to', `ends before from (${filter.from})`);
}

/** Conditions on entry lines `l` joined to entries `e`, for everything but dates. */
function lineConditions(filter: ReportFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`e.status = 'posted'`];
  if (filter.journal) parts.push(sql`e.journal_code = ${filter.journal}`);
  if (filter.accountFrom) parts.push(sql`l.account_code >= ${filter.accountFrom}`);
  if (filter.accountTo) parts.push(sql`(l.account_code <= ${filter.accountTo} or l.account_code like ${`${filter.accountTo}%`})`);
  if (filter.memberId !== undefined) parts.push(sql`l.member_id = ${filter.memberId}`);
  if (filter.service) parts.push(sql`l.service_code = ${filter.service}`);
  return sql.join(parts, sql` and `);
}

export interface TrialBalanceRow {
  account: string;
  label: string;
  /** Signed: debit positive. */
  opening: string;
  debit: string;
  credit: string;
  closing: string;
}

export interface TrialBalance {
  filter: ReportFilter;
  rows: TrialBalanceRow[];
  totals: {
    openingDebit: string;
    openingCredit: string;
    debit: string;
    credit: string;
    closingDebit: string;
    closingCredit: string;
  };
  /** How it was computed: from the per-period balances, or by reading the lines. */
  source: 'balances' | 'lines';
}

/**
 * Where a trial balance is read from: the lines, the months kept at posting, the yearly roll-ups put right by the
 * months of their years outside the range, or one year's roll-up as it is (the range is that whole year).
 */
type Source = 'lines' | 'months' | 'years' | 'year';

/**
 * The start of the fiscal year containing `from` (or `from` itself when no year contains it) and the source that
 * reads the fewest rows. Only whole periods without line filters can be read from the kept balances.
 */
async function plan(db: Kysely<Database>, filter: ReportFilter, fromLines: boolean): Promise<{ start: string; source: Source }> {
  const { from, to } = filter;
  const { rows } = await sql<{ start: string; whole: boolean; months: number; outside: number; years: number }>`
    with start as (
      select coalesce((select starts_on from fiscal_years where starts_on <= ${from} and ends_on >= ${from}),
        ${from}::date) as day
    ), years as (select f.id from fiscal_years f, start where f.starts_on <= ${to} and f.ends_on >= start.day)
    select to_char(start.day, 'YYYY-MM-DD') as start,
      exists (select from periods where starts_on = ${from}) and exists (select from periods where ends_on = ${to}) as whole,
      (select count(*)::int from periods where starts_on >= start.day and ends_on <= ${to}) as months,
      (select count(*)::int from periods where fiscal_year_id in (select id from years)
        and (starts_on < ${from} or ends_on > ${to})) as outside,
      (select count(*)::int from years) as years
    from start`.execute(db);
  const found = rows[0];
  if (!found) throw new Error('trial balance: the plan query returned no row');
  const lineFilters = filter.journal !== undefined || filter.memberId !== undefined || filter.service !== undefined;
  if (fromLines || lineFilters || !found.whole) return { start: found.start, source: 'lines' };
  if (found.years === 1 && found.outside === 0) return { start: found.start, source: 'year' };
  return { start: found.start, source: found.years + found.outside < found.months ? 'years' : 'months' };
}

/**
 * Per account (several rows each, unless the source is one year's roll-up), the opening balance, debit and
 * credit of the report. The opening entry (journal of kind "opening", AN) carries the previous year in: it counts
 * as opening balance, not as a movement, unless the report is about one journal. Amounts keep two decimals.
 */
function amounts(filter: ReportFilter, start: string, source: Source): RawBuilder<unknown> {
  const { from, to } = filter;
  const roll = sql`
    select y.account_code, y.opening_debit - y.opening_credit as opening,
      y.debit - y.opening_debit as debit, y.credit - y.opening_credit as credit
    from account_year_balances y join fiscal_years f on f.id = y.fiscal_year_id
    where f.starts_on <= ${to} and f.ends_on >= ${start}`;
  if (source === 'year') return roll;
  if (source === 'years') {
    // each year's roll-up counts whole as the range, then the months outside the range are put right
    return sql`${roll}
      union all
      select b.account_code,
        case when p.starts_on < ${from} then (b.debit - b.opening_debit) - (b.credit - b.opening_credit)
          else b.opening_credit - b.opening_debit end,
        b.opening_debit - b.debit, b.opening_credit - b.credit
      from account_balances b join periods p on p.id = b.period_id join fiscal_years f on f.id = p.fiscal_year_id
      where f.starts_on <= ${to} and f.ends_on >= ${start} and (p.starts_on < ${from} or p.ends_on > ${to})`;
  }
  if (source === 'months') {
    return sql`
      select b.account_code,
        case when p.starts_on < ${from} then b.debit - b.credit else b.opening_debit - b.opening_credit end as opening,
        case when p.starts_on < ${from} then 0.00 else b.debit - b.opening_debit end as debit,
        case when p.starts_on < ${from} then 0.00 else b.credit - b.opening_credit end as credit
      from account_balances b join periods p on p.id = b.period_id
      where p.starts_on >= ${start} and p.ends_on <= ${to}`;
  }
  const opening = sql`(e.entry_date < ${from} or ${filter.journal ? sql`false` : sql`j.kind = 'opening'`})`;
  return sql`
    select l.account_code,
      case when ${opening} then l.debit - l.credit else 0.00 end as opening,
      case when ${opening} then 0.00 else l.debit end as debit,
      case when ${opening} then 0.00 else l.credit end as credit
    from entry_lines l join entries e on e.id = l.entry_id join journals j on j.code = e.journal_code
    where e.entry_date >= ${start} and e.entry_date <= ${to} and ${lineConditions(filter)}`;
}

/**
 * Balance générale: per account, the opening balance (since the start of the fiscal year), the movements of the
 * range and the closing balance. Whole periods without line filters are read from the balances kept at posting,
 * so the cost does not grow with the number of lines; the sums and totals are made in SQL. `fromLines` reads the
 * lines whatever the filter: what the kept balances are checked against.
 */
export async function trialBalance(
  db: Kysely<Database>,
  filter: ReportFilter,
  options: { fromLines?: boolean } = {},
): Promise<TrialBalance> {
  checkFilter(filter);
  const { start, source } = await plan(db, filter, options.fromLines ?? false);
  const accountRange: RawBuilder<unknown>[] = [sql`true`];
  if (filter.accountFrom) accountRange.push(sql`a.code >= ${filter.accountFrom}`);
  if (filter.accountTo) accountRange.push(sql`(a.code <= ${filter.accountTo} or a.code like ${`${filter.accountTo}%`})`);
  const perAccount =
    source === 'year'
      ? amounts(filter, start, source)
      : sql`select m.account_code, sum(m.opening) as opening, sum(m.debit) as debit, sum(m.credit) as credit
          from (${amounts(filter, start, source)}) m group by m.account_code`;
  // one row per account with a balance or a movement, then the totals (account null) with the opening and closing
  // balances split into their debit and credit sides
  const { rows } = await sql<{
    account: string | null;
    label: string;
    opening: string;
    debit: string;
    credit: string;
    closing: string;
    opening_debit: string;
    opening_credit: string;
    closing_debit: string;
    closing_credit: string;
  }>`
    with shown as (
      select a.code, a.label, t.opening, t.debit, t.credit, t.opening + t.debit - t.credit as closing
      from (${perAccount}) t join accounts a on a.code = t.account_code
      where (t.opening <> 0 or t.debit <> 0 or t.credit <> 0) and ${sql.join(accountRange, sql` and `)}
    )
    select code as account, label, sum(opening) as opening, coalesce(sum(debit), 0.00) as debit,
      coalesce(sum(credit), 0.00) as credit, sum(closing) as closing,
      coalesce(sum(greatest(opening, 0.00)), 0.00) as opening_debit, coalesce(sum(greatest(-opening, 0.00)), 0.00) as opening_credit,
      coalesce(sum(greatest(closing, 0.00)), 0.00) as closing_debit, coalesce(sum(greatest(-closing, 0.00)), 0.00) as closing_credit
    from shown
    group by grouping sets ((code, label), ())
    order by code nulls last`.execute(db);
  const total = rows.pop();
  if (!total || total.account !== null) throw new Error('trial balance: the totals row is missing');
  return {
    filter,
    rows: rows.map((r) => ({
      account: r.account as string,
      label: r.label,
      opening: r.opening,
      debit: r.debit,
      credit: r.credit,
      closing: r.closing,
    })),
    totals: {
      openingDebit: total.opening_debit,
      openingCredit: total.opening_credit,
      debit: total.debit,
      credit: total.credit,
      closingDebit: total.closing_debit,
      closingCredit: total.closing_credit,
    },
    source: source === 'lines' ? 'lines' : 'balances',
  };
}

export interface LedgerLine {
  entryId: number;
  reference: string;
  date: string;
  journal: string;
  account: string;
  label: string;
  debit: string;
  credit: string;
  /** Running balance of the account, debit positive, from its opening balance. */
  balance: string;
  memberId: number | null;
  service: string | null;
  partyId: number | null;
}

export interface GeneralLedgerAccount {
  account: string;
  label: string;
  opening: string;
  lines: LedgerLine[];
  closing: string;
}

const REFERENCE = sql<string>`e.journal_code || '-' || to_char(fy.starts_on, 'YYYY') || '-' || lpad(e.number::text, 5, '0')`;

async function ledgerLines(db: Kysely<Database>, filter: ReportFilter, from: string) {
  const notOpening = filter.journal ? sql`true` : sql`j.kind <> 'opening'`;
  const { rows } = await sql<{
    entry_id: number;
    reference: string;
    entry_date: string;
    journal_code: string;
    account_code: string;
    account_label: string;
    label: string;
    debit: string;
    credit: string;
    running: string;
    member_id: number | null;
    service_code: string | null;
    party_id: number | null;
  }>`
    select e.id as entry_id, ${REFERENCE} as reference, e.entry_date, e.journal_code, l.account_code,
      a.label as account_label, coalesce(l.label, e.label) as label, l.debit, l.credit,
      sum(l.debit - l.credit) over (partition by l.account_code order by e.entry_date, e.journal_code, e.number, l.line_no) as running,
      l.member_id, l.service_code, l.party_id
    from entry_lines l
    join entries e on e.id = l.entry_id
    join fiscal_years fy on fy.id = e.fiscal_year_id
    join journals j on j.code = e.journal_code
    join accounts a on a.code = l.account_code
    where e.entry_date >= ${from} and e.entry_date <= ${filter.to} and ${lineConditions(filter)} and ${notOpening}
    order by l.account_code, e.entry_date, e.journal_code, e.number, l.line_no`.execute(db);
  return rows;
}

/** Grand livre: every line of every account in the range, with the running balance from the opening. */
export async function generalLedger(db: Kysely<Database>, filter: ReportFilter): Promise<GeneralLedgerAccount[]> {
  const balance = await trialBalance(db, filter);
  const lines = await ledgerLines(db, filter, filter.from);
  return balance.rows.map((row) => {
    const opening = new Dec(row.opening);
    return {
      account: row.account,
      label: row.label,
      opening: row.opening,
      closing: row.closing,
      lines: lines
        .filter((l) => l.account_code === row.account)
        .map((l) => ({
          entryId: l.entry_id,
          reference: l.reference,
          date: l.entry_date,
          journal: l.journal_code,
          account: l.account_code,
          label: l.label,
          debit: toAmountString(new Dec(l.debit)),
          credit: toAmountString(new Dec(l.credit)),
          balance: toAmountString(opening.plus(l.running)),
          memberId: l.member_id,
          service: l.service_code,
          partyId: l.party_id,
        })),
    };
  });
}

export interface JournalEntryListing {
  entryId: number;
  reference: string;
  date: string;
  label: string;
  sourceRef: string | null;
  reversesEntryId: number | null;
  lines: Array<{
    account: string;
    label: string;
    debit: string;
    credit: string;
    memberId: number | null;
    service: string | null;
  }>;
  debit: string;
  credit: string;
}

/** The journal as it was written: entries in number order with their lines. */
export async function journalListing(db: Kysely<Database>, filter: ReportFilter): Promise<JournalEntryListing[]> {
  checkFilter(filter);
  const { rows } = await sql<{
    entry_id: number;
    reference: string;
    entry_date: string;
    entry_label: string;
    source_ref: string | null;
    reverses_entry_id: number | null;
    account_code: string;
    label: string | null;
    debit: string;
    credit: string;
    member_id: number | null;
    service_code: string | null;
  }>`
    select e.id as entry_id, ${REFERENCE} as reference, e.entry_date, e.label as entry_label, e.source_ref,
      e.reverses_entry_id, l.account_code, l.label, l.debit, l.credit, l.member_id, l.service_code
    from entries e
    join fiscal_years fy on fy.id = e.fiscal_year_id
    join entry_lines l on l.entry_id = e.id
    where e.entry_date >= ${filter.from} and e.entry_date <= ${filter.to} and ${lineConditions(filter)}
    order by e.journal_code, fy.starts_on, e.number, l.line_no`.execute(db);
  const entries = new Map<number, JournalEntryListing>();
  for (const r of rows) {
    let entry = entries.get(r.entry_id);
    if (!entry) {
      entry = {
        entryId: r.entry_id,
        reference: r.reference,
        date: r.entry_date,
        label: r.entry_label,
        sourceRef: r.source_ref,
        reversesEntryId: r.reverses_entry_id,
        lines: [],
        debit: '0.00',
        credit: '0.00',
      };
      entries.set(r.entry_id, entry);
    }
    entry.lines.push({
      account: r.account_code,
      label: r.label ?? r.entry_label,
      debit: toAmountString(new Dec(r.debit)),
      credit: toAmountString(new Dec(r.credit)),
      memberId: r.member_id,
      service: r.service_code,
    });
    entry.debit = toAmountString(new Dec(entry.debit).plus(r.debit));
    entry.credit = toAmountString(new Dec(entry.credit).plus(r.credit));
  }
  return [...entries.values()];
}

/** A member's statement: the lines of its own account, with the running balance (credit positive: owed to it). */
export async function memberStatement(
  db: Kysely<Database>,
  memberId: number,
  filter: Omit<ReportFilter, 'memberId' | 'accountFrom' | 'accountTo'>,
) {
  const account = await db.selectFrom('accounts').select(['code', 'label']).where('member_id', '=', memberId).executeTakeFirst();
  if (!account) return { account: null, opening: '0.00', lines: [], closing: '0.00' };
  const [ledger] = await generalLedger(db, { ...filter, accountFrom: account.code, accountTo: account.code });
  const flip = (v: string) => toAmountString(new Dec(v).neg());
  if (!ledger) return { account: account.code, opening: '0.00', lines: [], closing: '0.00' };
  return {
    account: account.code,
    opening: flip(ledger.opening),
    lines: ledger.lines.map((l) => ({ ...l, balance: flip(l.balance) })),
    closing: flip(ledger.closing),
  };
}

export interface AnalyticRow {
  memberId: number | null;
  memberCode: string | null;
  service: string | null;
  /** Class 7 minus class 6 on the lines carrying the dimension. */
  products: string;
  charges: string;
  result: string;
}

/** The result (products − charges) of the lines tagged with a member, a pooled service, or both. */
export async function analyticResult(
  db: Kysely<Database>,
  filter: ReportFilter,
  by: 'member' | 'service',
): Promise<AnalyticRow[]> {
  checkFilter(filter);
  const key = by === 'member' ? sql`l.member_id` : sql`l.service_code`;
  const { rows } = await sql<{
    member_id: number | null;
    member_code: string | null;
    service_code: string | null;
    products: string;
    charges: string;
  }>`
    select ${by === 'member' ? sql`l.member_id, m.code as member_code, null::text as service_code` : sql`null::int as member_id, null::text as member_code, l.service_code`},
      coalesce(sum(l.credit - l.debit) filter (where l.account_code like '7%'), 0) as products,
      coalesce(sum(l.debit - l.credit) filter (where l.account_code like '6%'), 0) as charges
    from entry_lines l
    join entries e on e.id = l.entry_id
    left join members m on m.id = l.member_id
    where e.entry_date >= ${filter.from} and e.entry_date <= ${filter.to} and ${lineConditions(filter)} and ${key} is not null
    group by ${by === 'member' ? sql`l.member_id, m.code` : sql`l.service_code`}
    order by ${by === 'member' ? sql`m.code` : sql`l.service_code`}`.execute(db);
  return rows.map((r) => ({
    memberId: r.member_id,
    memberCode: r.member_code,
    service: r.service_code,
    products: toAmountString(new Dec(r.products)),
    charges: toAmountString(new Dec(r.charges)),
    result: toAmountString(new Dec(r.products).minus(r.charges)),
  }));
}
