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

/** The first day of the fiscal year containing `date` (or the date itself when no year contains it). */
async function yearStart(db: Kysely<Database>, date: string): Promise<string> {
  const row = await db
    .selectFrom('fiscal_years')
    .select('starts_on')
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .executeTakeFirst();
  return row?.starts_on ?? date;
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
 * Balance générale: per account, the opening balance (since the start of the fiscal year), the movements of the
 * range and the closing balance. Whole periods without line filters are read from the per-period balances kept at
 * posting, so the cost does not grow with the number of lines.
 */
export async function trialBalance(db: Kysely<Database>, filter: ReportFilter): Promise<TrialBalance> {
  checkFilter(filter);
  const start = await yearStart(db, filter.from);
  const wholePeriods =
    !filter.journal &&
    filter.memberId === undefined &&
    !filter.service &&
    (await db.selectFrom('periods').select('id').where('starts_on', '=', filter.from).executeTakeFirst()) !== undefined &&
    (await db.selectFrom('periods').select('id').where('ends_on', '=', filter.to).executeTakeFirst()) !== undefined;

  const accountRange: RawBuilder<unknown>[] = [sql`true`];
  if (filter.accountFrom) accountRange.push(sql`a.code >= ${filter.accountFrom}`);
  if (filter.accountTo) accountRange.push(sql`(a.code <= ${filter.accountTo} or a.code like ${`${filter.accountTo}%`})`);

  // The opening entry (journal of kind "opening", AN) carries the previous year in: it is read as opening balance,
  // not as a movement, unless the report is about one journal.
  const anAsOpening = !filter.journal;
  const isOpening = anAsOpening ? sql`j.kind = 'opening'` : sql`false`;
  const { rows } = wholePeriods
    ? await sql<{ account: string; label: string; opening: string; debit: string; credit: string }>`
        with moved as (
          select b.account_code,
            coalesce(sum(b.debit - b.credit) filter (where p.starts_on < ${filter.from}), 0) as opening,
            coalesce(sum(b.debit) filter (where p.starts_on >= ${filter.from}), 0) as debit,
            coalesce(sum(b.credit) filter (where p.starts_on >= ${filter.from}), 0) as credit
          from account_balances b join periods p on p.id = b.period_id
          where p.starts_on >= ${start} and p.ends_on <= ${filter.to}
          group by b.account_code
        ), carried as (
          select l.account_code, sum(l.debit) as debit, sum(l.credit) as credit
          from entry_lines l join entries e on e.id = l.entry_id join journals j on j.code = e.journal_code
          where e.status = 'posted' and ${isOpening} and e.entry_date >= ${filter.from} and e.entry_date <= ${filter.to}
          group by l.account_code
        )
        select a.code as account, a.label,
          m.opening + coalesce(c.debit - c.credit, 0) as opening,
          m.debit - coalesce(c.debit, 0) as debit,
          m.credit - coalesce(c.credit, 0) as credit
        from moved m
        join accounts a on a.code = m.account_code
        left join carried c on c.account_code = m.account_code
        where ${sql.join(accountRange, sql` and `)}
        order by a.code`.execute(db)
    : await sql<{ account: string; label: string; opening: string; debit: string; credit: string }>`
        select a.code as account, a.label,
          coalesce(sum(l.debit - l.credit) filter (where e.entry_date < ${filter.from} or ${isOpening}), 0) as opening,
          coalesce(sum(l.debit) filter (where e.entry_date >= ${filter.from} and not ${isOpening}), 0) as debit,
          coalesce(sum(l.credit) filter (where e.entry_date >= ${filter.from} and not ${isOpening}), 0) as credit
        from entry_lines l
        join entries e on e.id = l.entry_id
        join journals j on j.code = e.journal_code
        join accounts a on a.code = l.account_code
        where e.entry_date >= ${start} and e.entry_date <= ${filter.to} and ${lineConditions(filter)}
        group by a.code, a.label
        order by a.code`.execute(db);

  const totals = {
    openingDebit: new Dec(0),
    openingCredit: new Dec(0),
    debit: new Dec(0),
    credit: new Dec(0),
    closingDebit: new Dec(0),
    closingCredit: new Dec(0),
  };
  const result: TrialBalanceRow[] = [];
  for (const r of rows) {
    const opening = new Dec(r.opening);
    const closing = opening.plus(r.debit).minus(r.credit);
    if (opening.eq(0) && new Dec(r.debit).eq(0) && new Dec(r.credit).eq(0)) continue;
    result.push({
      account: r.account,
      label: r.label,
      opening: toAmountString(opening),
      debit: toAmountString(new Dec(r.debit)),
      credit: toAmountString(new Dec(r.credit)),
      closing: toAmountString(closing),
    });
    if (opening.gt(0)) totals.openingDebit = totals.openingDebit.plus(opening);
    else totals.openingCredit = totals.openingCredit.plus(opening.neg());
    totals.debit = totals.debit.plus(r.debit);
    totals.credit = totals.credit.plus(r.credit);
    if (closing.gt(0)) totals.closingDebit = totals.closingDebit.plus(closing);
    else totals.closingCredit = totals.closingCredit.plus(closing.neg());
  }
  return {
    filter,
    rows: result,
    totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, toAmountString(v)])) as TrialBalance['totals'],
    source: wholePeriods ? 'balances' : 'lines',
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
