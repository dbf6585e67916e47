// The figures of each role's dashboard, read from the database with SQL aggregates: the GIE's (manager, accountant,
// admin), one member's (its entrepreneur sees their own only) and the selection committee's. Amounts are decimal texts.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { today as clock } from '../dates.ts';
import { type ApplicationStatus, type Database, MEMBER_STATUSES, type MemberStatus } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { type AgeingBucket, overdueInvoices } from '../invoicing/overdue.ts';
import { memberPosition } from '../invoicing/payouts.ts';
import { trialBalance } from '../ledger/reports.ts';
import { getMember } from '../members/registry.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { isStaff } from '../selection/access.ts';
import type { Actor } from '../users/actor.ts';
import { cumulative, type DashboardPeriod, dashboardPeriod, onMonths } from './dashboards-period.ts';

export interface DashboardOptions {
  /** The fiscal year shown; the current one by default. */
  year?: number;
  /** The day taken as today (tests fix it). */
  today?: string;
}

/** Treasury accounts whose balance is the cash position: banks and the cash box (CGNC 5141, 5161). */
export const CASH_ACCOUNTS = ['5141', '5161'] as const;

export interface MonthlyRevenue {
  month: string;
  /** Invoiced, credit notes deducted, by issue date. */
  ht: string;
  ttc: string;
  /** Payments received in the month. */
  collected: string;
}

export interface AgeingFigures {
  asOf: string;
  buckets: Record<AgeingBucket, string>;
  total: string;
}

export interface PooledCosts {
  /** The services charged in runs posted (and not reversed) for periods ending in the year, HT. */
  services: Array<{ code: string; name: string; amount: string }>;
  /** Per member, the same amounts by service, in the order of `services`. */
  members: Array<{ memberId: number; code: string | null; byService: string[]; total: string }>;
  total: string;
}

export interface GieDashboard {
  period: DashboardPeriod;
  revenue: MonthlyRevenue[];
  /** HT per month and member: `members` gives the columns of `rows[].amounts`. */
  revenueByMember: {
    members: Array<{ memberId: number; code: string | null; name: string }>;
    rows: Array<{ month: string; amounts: string[] }>;
  };
  /** Per member, for the documents issued in the period: invoiced, collected, still to collect on `asOf`. */
  members: Array<{
    memberId: number;
    code: string | null;
    name: string;
    ht: string;
    ttc: string;
    collected: string;
    outstanding: string;
  }>;
  collection: { ttc: string; collected: string; outstanding: string };
  overdue: AgeingFigures;
  pooledCosts: PooledCosts;
  cash: {
    asOf: string;
    accounts: Array<{ account: string; label: string; balance: string }>;
    total: string;
    /** The balance at the end of each month (on `asOf` for the running month), up to `asOf`. */
    byMonth: Array<{ month: string; balance: string }>;
  };
  membersByStatus: Array<{ status: MemberStatus; count: number }>;
}

const STAFF_READERS = ['admin', 'manager', 'accountant'];

function assertGieReader(actor: Actor): void {
  if (!STAFF_READERS.includes(actor.role)) {
    throw new DomainError('forbidden', `the GIE's dashboard is for the manager and the accountant; you are ${actor.role}`);
  }
}

const signed = (column: RawBuilder<unknown>) => sql`case when d.kind = 'credit_note' then -${column} else ${column} end`;

async function monthlyRevenue(db: Kysely<Database>, period: DashboardPeriod, memberId?: number): Promise<MonthlyRevenue[]> {
  const member = memberId === undefined ? sql`` : sql`and d.member_id = ${memberId}`;
  const { rows: invoiced } = await sql<{ month: string; ht: string; ttc: string }>`
    select to_char(d.issue_date, 'YYYY-MM') as month, sum(${signed(sql`d.total_ht`)}) as ht, sum(${signed(sql`d.total_ttc`)}) as ttc
    from sales_documents d
    where d.status = 'issued' and d.kind in ('invoice', 'credit_note')
      and d.issue_date between ${period.from} and ${period.to} ${member}
    group by 1`.execute(db);
  const { rows: collected } = await sql<{ month: string; amount: string }>`
    select to_char(p.received_on, 'YYYY-MM') as month, sum(a.amount) as amount
    from payment_allocations a
    join payments p on p.id = a.payment_id
    join sales_documents d on d.id = a.document_id
    where p.received_on between ${period.from} and ${period.asOf} ${member}
    group by 1`.execute(db);
  const ht = onMonths(
    period.months,
    invoiced.map((r) => ({ month: r.month, amount: r.ht })),
  );
  const ttc = onMonths(
    period.months,
    invoiced.map((r) => ({ month: r.month, amount: r.ttc })),
  );
  const cash = onMonths(period.months, collected);
  return period.months.map((month, i) => ({
    month,
    ht: ht[i] as string,
    ttc: ttc[i] as string,
    collected: cash[i] as string,
  }));
}

/** Per member: what was invoiced in the period, what of it was collected and what is still due on `asOf`. */
async function collectionByMember(db: Kysely<Database>, period: DashboardPeriod, memberId?: number) {
  const member = memberId === undefined ? sql`` : sql`and d.member_id = ${memberId}`;
  const { rows } = await sql<{
    member_id: number;
    code: string | null;
    name: string;
    ht: string;
    ttc: string;
    collected: string;
  }>`
    select m.id as member_id, m.code, m.legal_name as name,
      sum(${signed(sql`d.total_ht`)}) as ht,
      sum(${signed(sql`d.total_ttc`)}) as ttc,
      coalesce(sum(paid.amount), 0) as collected
    from sales_documents d
    join members m on m.id = d.member_id
    left join lateral (
      select sum(a.amount) as amount from payment_allocations a join payments p on p.id = a.payment_id
      where a.document_id = d.id and p.received_on <= ${period.asOf}
    ) paid on true
    where d.status = 'issued' and d.kind in ('invoice', 'credit_note')
      and d.issue_date between ${period.from} and ${period.to} ${member}
    group by m.id, m.code, m.legal_name
    order by m.code nulls last, m.id`.execute(db);
  // still due = invoices' TTC − the credit notes correcting them − what was paid on them
  const { rows: due } = await sql<{ member_id: number; outstanding: string }>`
    select d.member_id, sum(d.total_ttc - coalesce(credited.amount, 0) - coalesce(paid.amount, 0)) as outstanding
    from sales_documents d
    left join lateral (
      select sum(a.amount) as amount from payment_allocations a join payments p on p.id = a.payment_id
      where a.document_id = d.id and p.received_on <= ${period.asOf}
    ) paid on true
    left join lateral (
      select sum(c.total_ttc) as amount from sales_documents c
      where c.corrects_id = d.id and c.status = 'issued' and c.issue_date <= ${period.asOf}
    ) credited on true
    where d.status = 'issued' and d.kind = 'invoice' and d.issue_date between ${period.from} and ${period.to} ${member}
    group by d.member_id`.execute(db);
  const outstanding = new Map(due.map((r) => [r.member_id, r.outstanding]));
  return rows.map((r) => ({
    memberId: r.member_id,
    code: r.code,
    name: r.name,
    ht: toAmountString(new Dec(r.ht)),
    ttc: toAmountString(new Dec(r.ttc)),
    collected: toAmountString(new Dec(r.collected)),
    outstanding: toAmountString(new Dec(outstanding.get(r.member_id) ?? '0')),
  }));
}

async function pooledCosts(db: Kysely<Database>, period: DashboardPeriod, memberId?: number): Promise<PooledCosts> {
  const member = memberId === undefined ? sql`` : sql`and l.member_id = ${memberId}`;
  const { rows } = await sql<{ service: string; name: string; member_id: number; code: string | null; amount: string }>`
    select s.code as service, s.name, m.id as member_id, m.code, sum(l.amount) as amount
    from pooling_run_lines l
    join pooling_runs r on r.id = l.run_id
    join pooled_services s on s.id = l.service_id
    join members m on m.id = l.member_id
    where r.status = 'posted' and r.period_to between ${period.from} and ${period.to} ${member}
    group by s.code, s.name, m.id, m.code
    order by s.code, m.code`.execute(db);
  const services = [...new Map(rows.map((r) => [r.service, r.name])).entries()].map(([code, name]) => ({ code, name }));
  const members = [...new Map(rows.map((r) => [r.member_id, r.code])).entries()]
    .sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? ''))
    .map(([id, code]) => {
      const byService = services.map((s) =>
        toAmountString(
          rows.filter((r) => r.member_id === id && r.service === s.code).reduce((sum, r) => sum.plus(r.amount), new Dec(0)),
        ),
      );
      return {
        memberId: id,
        code,
        byService,
        total: toAmountString(byService.reduce((sum, a) => sum.plus(a), new Dec(0))),
      };
    });
  return {
    services: services.map((s) => ({
      ...s,
      amount: toAmountString(rows.filter((r) => r.service === s.code).reduce((sum, r) => sum.plus(r.amount), new Dec(0))),
    })),
    members,
    total: toAmountString(rows.reduce((sum, r) => sum.plus(r.amount), new Dec(0))),
  };
}

const isCashAccount = (code: string) => CASH_ACCOUNTS.some((prefix) => code.startsWith(prefix));

async function cashPosition(db: Kysely<Database>, period: DashboardPeriod): Promise<GieDashboard['cash']> {
  const balance = await trialBalance(db, {
    from: period.from,
    to: period.asOf,
    accountFrom: CASH_ACCOUNTS[0],
    accountTo: CASH_ACCOUNTS[CASH_ACCOUNTS.length - 1],
  });
  const accounts = balance.rows
    .filter((r) => isCashAccount(r.account))
    .map((r) => ({ account: r.account, label: r.label, balance: r.closing }));
  const { rows } = await sql<{ month: string; amount: string }>`
    select to_char(e.entry_date, 'YYYY-MM') as month, sum(l.debit - l.credit) as amount
    from entry_lines l join entries e on e.id = l.entry_id
    where e.status = 'posted' and e.entry_date between ${period.from} and ${period.asOf}
      and (${sql.join(
        CASH_ACCOUNTS.map((a) => sql`l.account_code like ${`${a}%`}`),
        sql` or `,
      )})
    group by 1`.execute(db);
  const months = period.months.filter((m) => `${m}-01` <= period.asOf);
  const balances = cumulative(onMonths(months, rows));
  return {
    asOf: period.asOf,
    accounts,
    total: toAmountString(accounts.reduce((sum, a) => sum.plus(a.balance), new Dec(0))),
    byMonth: months.map((month, i) => ({ month, balance: balances[i] as string })),
  };
}

function ageing(overdue: { asOf: string; buckets: Record<AgeingBucket, string>; total: string }): AgeingFigures {
  return { asOf: overdue.asOf, buckets: overdue.buckets, total: overdue.total };
}

/** The GIE's dashboard: revenue, collection, overdue ageing, pooled costs, cash and members, for one fiscal year. */
export async function gieDashboard(db: Kysely<Database>, actor: Actor, options: DashboardOptions = {}): Promise<GieDashboard> {
  assertGieReader(actor);
  const period = await dashboardPeriod(db, options.year, options.today ?? clock());
  const revenue = await monthlyRevenue(db, period);
  const { rows: perMember } = await sql<{ month: string; member_id: number; code: string | null; name: string; ht: string }>`
    select to_char(d.issue_date, 'YYYY-MM') as month, m.id as member_id, m.code, m.legal_name as name,
      sum(${signed(sql`d.total_ht`)}) as ht
    from sales_documents d join members m on m.id = d.member_id
    where d.status = 'issued' and d.kind in ('invoice', 'credit_note') and d.issue_date between ${period.from} and ${period.to}
    group by 1, m.id, m.code, m.legal_name
    order by m.code nulls last, m.id`.execute(db);
  const columns = [
    ...new Map(perMember.map((r) => [r.member_id, { memberId: r.member_id, code: r.code, name: r.name }])).values(),
  ];
  // one row per month and member from the query: found by key, not by a scan per cell
  const htByMonthAndMember = new Map(perMember.map((r) => [`${r.month} ${r.member_id}`, r.ht]));
  const members = await collectionByMember(db, period);
  const sum = (key: 'ttc' | 'collected' | 'outstanding') => toAmountString(members.reduce((s, m) => s.plus(m[key]), new Dec(0)));
  const statuses = await db
    .selectFrom('members')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('status')
    .execute();
  return {
    period,
    revenue,
    revenueByMember: {
      members: columns,
      rows: period.months.map((month) => ({
        month,
        amounts: columns.map((c) => toAmountString(new Dec(htByMonthAndMember.get(`${month} ${c.memberId}`) ?? '0'))),
      })),
    },
    members,
    collection: { ttc: sum('ttc'), collected: sum('collected'), outstanding: sum('outstanding') },
    overdue: ageing(await overdueInvoices(db, actor, period.asOf)),
    pooledCosts: await pooledCosts(db, period),
    cash: await cashPosition(db, period),
    membersByStatus: MEMBER_STATUSES.map((status) => ({
      status,
      count: Number(statuses.find((s) => s.status === status)?.count ?? 0),
    })),
  };
}

export interface MemberDashboard {
  period: DashboardPeriod;
  member: { id: number; code: string | null; name: string };
  revenue: MonthlyRevenue[];
  collection: { ht: string; ttc: string; collected: string; outstanding: string };
  /** The member's position with the GIE today (what the GIE owes it, what can be paid out). */
  balance: {
    owedToMember: string;
    availableForPayout: string;
    collectedShare: string;
    paidOut: string;
  };
  pooledCosts: { services: Array<{ code: string; name: string; amount: string }>; total: string };
  overdue: AgeingFigures & {
    customers: Array<{ customerId: number; name: string; invoices: number; due: string; oldestDaysLate: number }>;
  };
}

/**
 * One member's dashboard. An entrepreneur reaches only their own member (another is "not found", as everywhere);
 * the committee has no business with a member's money.
 */
export async function memberDashboard(
  db: Kysely<Database>,
  actor: Actor,
  memberId: number,
  options: DashboardOptions = {},
): Promise<MemberDashboard> {
  if (actor.role !== 'entrepreneur') assertGieReader(actor);
  const member = await getMember(db, actor, memberId);
  const period = await dashboardPeriod(db, options.year, options.today ?? clock());
  const [row] = await collectionByMember(db, period, memberId);
  const position = await memberPosition(db, actor, memberId);
  const pooled = await pooledCosts(db, period, memberId);
  const overdue = await overdueInvoices(db, actor, period.asOf);
  const items = overdue.items.filter((i) => i.memberId === memberId);
  const customers = new Map<number, { customerId: number; name: string; invoices: number; due: Dec; oldestDaysLate: number }>();
  for (const item of items) {
    const c = customers.get(item.customerId) ?? {
      customerId: item.customerId,
      name: item.customerName,
      invoices: 0,
      due: new Dec(0),
      oldestDaysLate: 0,
    };
    c.invoices += 1;
    c.due = c.due.plus(item.due);
    c.oldestDaysLate = Math.max(c.oldestDaysLate, item.daysLate);
    customers.set(item.customerId, c);
  }
  const buckets: Record<AgeingBucket, string> = { '0-30': '0.00', '31-60': '0.00', '61-90': '0.00', '90+': '0.00' };
  for (const item of items) buckets[item.bucket] = toAmountString(new Dec(buckets[item.bucket]).plus(item.due));
  return {
    period,
    member: { id: member.id, code: member.code, name: member.legalName },
    revenue: await monthlyRevenue(db, period, memberId),
    collection: {
      ht: row?.ht ?? '0.00',
      ttc: row?.ttc ?? '0.00',
      collected: row?.collected ?? '0.00',
      outstanding: row?.outstanding ?? '0.00',
    },
    balance: {
      owedToMember: position.owedToMember,
      availableForPayout: position.availableForPayout,
      collectedShare: position.collectedShare,
      paidOut: position.paidOut,
    },
    pooledCosts: { services: pooled.services, total: pooled.total },
    overdue: {
      asOf: overdue.asOf,
      buckets,
      total: toAmountString(items.reduce((s, i) => s.plus(i.due), new Dec(0))),
      customers: [...customers.values()]
        .sort((a, b) => b.due.comparedTo(a.due) || a.name.localeCompare(b.name))
        .map((c) => ({ ...c, due: toAmountString(c.due) })),
    },
  };
}

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['submitted', 'eligible', 'ineligible', 'scored', 'decided'];
/** What a committee member may see of a call's applications: those found eligible, as in the selection screens. */
const COMMITTEE_VISIBLE: readonly ApplicationStatus[] = ['eligible', 'scored', 'decided'];

export interface CommitteeDashboard {
  period: DashboardPeriod;
  /** Open calls, and closed ones whose applications are not all decided. */
  callsInProgress: Array<{
    id: number;
    title: string;
    status: 'draft' | 'open' | 'closed';
    opensOn: string;
    closesOn: string;
    applications: number;
    decided: number;
  }>;
  /** The applications of the calls running in the period (open at some time in it). */
  applicationsByStatus: Array<{ status: ApplicationStatus; count: number }>;
  decisions: { admitted: number; waiting: number; rejected: number };
  /** Members admitted, per month of the period. */
  admissions: Array<{ month: string; count: number }>;
}

/** The committee's dashboard: staff see every call, a committee user the calls they sit on. */
export async function committeeDashboard(
  db: Kysely<Database>,
  actor: Actor,
  options: DashboardOptions = {},
): Promise<CommitteeDashboard> {
  if (!isStaff(actor) && actor.role !== 'committee') {
    throw new DomainError('forbidden', `the committee's dashboard is for the committee and the manager; you are ${actor.role}`);
  }
  const period = await dashboardPeriod(db, options.year, options.today ?? clock());
  const seat = isStaff(actor)
    ? sql`true`
    : sql`c.id in (select call_id from selection_committee_members where user_id = ${actor.userId})`;
  const visible = isStaff(actor) ? APPLICATION_STATUSES : COMMITTEE_VISIBLE;
  const { rows: calls } = await sql<{
    id: number;
    title: string;
    status: 'draft' | 'open' | 'closed';
    opens_on: string;
    closes_on: string;
    applications: string;
    decided: string;
    undecided: string;
  }>`
    select c.id, c.title, c.status, c.opens_on, c.closes_on,
      count(a.id) as applications,
      count(a.id) filter (where a.status = 'decided') as decided,
      count(a.id) filter (where a.status in ('eligible', 'scored')) as undecided
    from selection_calls c
    left join selection_applications a on a.call_id = c.id and a.status in (${sql.join(visible.map((s) => sql`${s}`))})
    where ${seat} and c.status <> 'draft'
    group by c.id
    order by c.closes_on, c.id`.execute(db);
  const { rows: statuses } = await sql<{ status: ApplicationStatus; count: string }>`
    select a.status, count(*) as count
    from selection_applications a join selection_calls c on c.id = a.call_id
    where ${seat} and c.opens_on <= ${period.to} and c.closes_on >= ${period.from}
      and a.status in (${sql.join(visible.map((s) => sql`${s}`))})
    group by a.status`.execute(db);
  const { rows: decisions } = await sql<{ decision: 'admitted' | 'waiting' | 'rejected'; count: string }>`
    select a.decision, count(*) as count
    from selection_applications a join selection_calls c on c.id = a.call_id
    where ${seat} and c.opens_on <= ${period.to} and c.closes_on >= ${period.from}
      and a.status = 'decided' and a.decision is not null
    group by a.decision`.execute(db);
  const { rows: admitted } = await sql<{ month: string; count: string }>`
    select to_char(h.effective_on, 'YYYY-MM') as month, count(*) as count
    from member_status_history h
    where h.to_status = 'admitted' and h.effective_on between ${period.from} and ${period.to}
    group by 1`.execute(db);
  const decided = (decision: string) => Number(decisions.find((r) => r.decision === decision)?.count ?? 0);
  return {
    period,
    callsInProgress: calls
      .filter((c) => c.status === 'open' || Number(c.undecided) > 0)
      .map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        opensOn: c.opens_on,
        closesOn: c.closes_on,
        applications: Number(c.applications),
        decided: Number(c.decided),
      })),
    applicationsByStatus: visible.map((status) => ({
      status,
      count: Number(statuses.find((r) => r.status === status)?.count ?? 0),
    })),
    decisions: {
      admitted: decided('admitted'),
      waiting: decided('waiting'),
      rejected: decided('rejected'),
    },
    admissions: period.months.map((month) => ({
      month,
      count: Number(admitted.find((r) => r.month === month)?.count ?? 0),
    })),
  };
}
