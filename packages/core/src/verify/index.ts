// `verify`: re-checks from the stored rows what the books promise — the audit hash chain, balanced posted entries,
// gapless entry and document numbers, issued documents matched by their entries, and the account balances kept per
// month and per year.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Dec } from '../money/index.ts';

export interface VerifyCheck {
  /** Stable name of the check, e.g. `audit-chain`. */
  name: string;
  /** What it looked at, in words a bookkeeper reads. */
  title: string;
  /** How many rows or groups it checked. */
  checked: number;
  /** One sentence per thing found wrong, naming the row. */
  problems: string[];
}

export interface VerifyReport {
  ok: boolean;
  checks: VerifyCheck[];
  /** The last audit event's place and hash: written down elsewhere, it proves later that no tail was cut. */
  auditHead: { seq: string; hash: string } | null;
}

/** How many audit events are read per query: the chain is walked in pages, never loaded whole. */
const AUDIT_PAGE = 2000;
/** Beyond this many, a check's problems are summarised rather than listed. */
const MAX_LISTED = 50;

/** Runs every check; read-only, so it may run on a live database (each check sees its own snapshot). */
export async function verifyDatabase(db: Kysely<Database>): Promise<VerifyReport> {
  const chain = await checkAuditChain(db);
  const checks = [
    chain.check,
    await checkBalancedEntries(db),
    await checkEntryNumbers(db),
    await checkDocumentNumbers(db),
    await checkDocumentCounts(db),
    await checkChargeNoteNumbers(db),
    await checkIssuedDocumentEntries(db),
    await checkKeptBalances(db, MONTHLY),
    await checkKeptBalances(db, YEARLY),
  ].map((c) => ({ ...c, problems: capped(c.problems) }));
  return { ok: checks.every((c) => c.problems.length === 0), checks, auditHead: chain.head };
}

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_LISTED) return problems;
  return [...problems.slice(0, MAX_LISTED), `… and ${problems.length - MAX_LISTED} more`];
}

/** The report as printed by `gie verify`. */
export function formatVerifyReport(report: VerifyReport): string {
  const lines: string[] = [];
  for (const check of report.checks) {
    const mark = check.problems.length === 0 ? 'ok  ' : 'FAIL';
    lines.push(`${mark}  ${check.title} (${check.checked} checked)`);
    for (const problem of check.problems) lines.push(`        - ${problem}`);
  }
  if (report.auditHead) lines.push(`audit chain head: event ${report.auditHead.seq}, ${report.auditHead.hash}`);
  const failed = report.checks.filter((c) => c.problems.length > 0).length;
  lines.push(report.ok ? 'Everything checks out.' : `${failed} check(s) found problems.`);
  return lines.join('\n');
}

/**
 * Walks the chain in order: each event's hash is recomputed here (Node's SHA-256 over the database's canonical text,
 * so the database's own hashing is checked too) and must point at the event before it.
 */
async function checkAuditChain(db: Kysely<Database>) {
  const problems: string[] = [];
  let expectedSeq = 1n;
  let previous: { id: string; hash: string } | null = null;
  let checked = 0;
  let after = 0n;
  for (;;) {
    const { rows } = await sql<{ id: string; chain_seq: string; prev_hash: string | null; hash: string; canonical: string }>`
      select id, chain_seq, prev_hash, hash,
        audit_row_canonical(prev_hash, id, at, actor_user_id, action, entity, entity_id, before, after) as canonical
      from audit_log where chain_seq > ${String(after)} order by chain_seq limit ${AUDIT_PAGE}`.execute(db);
    for (const row of rows) {
      checked++;
      const seq = BigInt(row.chain_seq);
      if (seq !== expectedSeq) {
        problems.push(`audit events ${expectedSeq}..${seq - 1n} of the chain are missing (before event #${row.id})`);
      }
      expectedSeq = seq + 1n;
      const recomputed = createHash('sha256').update(row.canonical, 'utf8').digest('hex');
      if (recomputed !== row.hash) {
        problems.push(`audit event #${row.id} was altered: its content no longer gives its stored hash`);
      }
      if ((row.prev_hash ?? null) !== (previous?.hash ?? null)) {
        problems.push(
          previous
            ? `audit event #${row.id} does not follow event #${previous.id}: its previous hash is not that event's hash`
            : `audit event #${row.id} opens the chain but points at a previous hash`,
        );
      }
      previous = { id: row.id, hash: row.hash };
      after = seq;
    }
    if (rows.length < AUDIT_PAGE) break;
  }
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirst();
  if (previous && (!head || head.hash !== previous.hash || BigInt(head.seq) !== expectedSeq - 1n)) {
    problems.push(`the chain head (${head ? `event ${head.seq}` : 'none'}) is not the last audit event (#${previous.id})`);
  }
  if (!previous && head) problems.push(`the chain head names event ${head.seq} but the audit log is empty`);
  const check: VerifyCheck = { name: 'audit-chain', title: 'audit log hash chain', checked, problems };
  return { check, head: head ? { seq: String(head.seq), hash: head.hash } : null };
}

async function checkBalancedEntries(db: Kysely<Database>): Promise<VerifyCheck> {
  const { rows } = await sql<{ id: number; journal_code: string; number: number; debit: string; credit: string; lines: string }>`
    select e.id, e.journal_code, e.number, coalesce(sum(l.debit), 0) as debit, coalesce(sum(l.credit), 0) as credit,
      count(l.id) as lines
    from entries e left join entry_lines l on l.entry_id = e.id
    where e.status = 'posted'
    group by e.id
    having count(l.id) < 2 or coalesce(sum(l.debit), 0) <> coalesce(sum(l.credit), 0)
      or coalesce(sum(l.debit), 0) = 0`.execute(db);
  const counted = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'posted')
    .executeTakeFirstOrThrow();
  return {
    name: 'balanced-entries',
    title: 'posted entries balanced (debit = credit, at least two lines)',
    checked: Number(counted.n),
    problems: rows.map(
      (r) =>
        `entry #${r.id} (${r.journal_code} no. ${r.number}) is not balanced: debit ${r.debit}, credit ${r.credit}, ${r.lines} line(s)`,
    ),
  };
}

async function checkEntryNumbers(db: Kysely<Database>): Promise<VerifyCheck> {
  const { rows } = await sql<{
    journal_code: string;
    year: string;
    count: string;
    max: number;
    distinct_count: string;
    last: number | null;
  }>`
    select g.journal_code, to_char(y.starts_on, 'YYYY') as year, g.count, g.max, g.distinct_count, c.last_number as last
    from (
      select journal_code, fiscal_year_id, count(*) as count, max(number) as max, count(distinct number) as distinct_count
      from entries where status = 'posted' group by journal_code, fiscal_year_id
    ) g
    join fiscal_years y on y.id = g.fiscal_year_id
    left join journal_counters c on c.journal_code = g.journal_code and c.fiscal_year_id = g.fiscal_year_id
    order by g.journal_code, y.starts_on`.execute(db);
  const problems: string[] = [];
  for (const r of rows) {
    const where = `journal ${r.journal_code}, year ${r.year}`;
    const count = Number(r.count);
    if (Number(r.distinct_count) !== count) problems.push(`${where}: an entry number is used twice`);
    if (r.max !== count) problems.push(`${where}: ${count} posted entries numbered up to ${r.max}: ${r.max - count} missing`);
    if (r.last !== null && r.last !== r.max) {
      problems.push(`${where}: the counter stands at ${r.last} but the last posted entry is no. ${r.max}`);
    }
  }
  return { name: 'entry-numbers', title: 'entry numbers gapless per journal and year', checked: rows.length, problems };
}

/** Counters and numbered rows of a series must agree: n numbers issued, all distinct, ending in 1..n. */
function seriesProblems(
  label: string,
  groups: Array<{ series: string; year: number; numbers: string[]; last: number | null }>,
): string[] {
  const problems: string[] = [];
  for (const g of groups) {
    const where = `${label} ${g.series} ${g.year}`;
    const n = g.numbers.length;
    if (g.last !== n) problems.push(`${where}: ${n} numbered but the counter stands at ${g.last ?? 'nothing'}`);
    const sequence = new Set(g.numbers.map((number) => Number(/(\d+)$/.exec(number)?.[1] ?? Number.NaN)));
    const missing: number[] = [];
    for (let i = 1; i <= Math.max(n, g.last ?? 0); i++) if (!sequence.has(i)) missing.push(i);
    if (missing.length > 0) problems.push(`${where}: sequence number(s) ${missing.slice(0, 10).join(', ')} missing`);
  }
  return problems;
}

async function checkDocumentNumbers(db: Kysely<Database>): Promise<VerifyCheck> {
  const { rows } = await sql<{ series: string; year: number; numbers: string[]; last: number | null }>`
    select g.series, g.year, g.numbers, c.last_number as last
    from (
      select kind as series, extract(year from issue_date)::int as year, array_agg(number order by number) as numbers
      from sales_documents where kind in ('invoice', 'credit_note') and number is not null group by kind, year
    ) g
    left join document_counters c on c.series = g.series and c.year = g.year
    union all
    select c.series, c.year, array[]::text[], c.last_number
    from document_counters c
    where c.series in ('invoice', 'credit_note') and not exists (
      select 1 from sales_documents d
      where d.kind = c.series and d.number is not null and extract(year from d.issue_date)::int = c.year)
    order by 1, 2`.execute(db);
  return {
    name: 'document-numbers',
    title: 'invoice and credit note numbers gapless per year',
    checked: rows.length,
    problems: seriesProblems('series', rows),
  };
}

/** The counts of documents the database keeps per member, kind and status equal the documents. */
async function checkDocumentCounts(db: Kysely<Database>): Promise<VerifyCheck> {
  const { rows } = await sql<{ member_id: number; kind: string; status: string; kept: string; found: string }>`
    select coalesce(k.member_id, d.member_id) as member_id, coalesce(k.kind, d.kind) as kind,
      coalesce(k.status, d.status) as status, coalesce(k.documents, 0) as kept, coalesce(d.documents, 0) as found
    from sales_document_counts k
    full join (
      select member_id, kind, status, count(*) as documents from sales_documents group by member_id, kind, status
    ) d on d.member_id = k.member_id and d.kind = k.kind and d.status = k.status
    order by 1, 2, 3`.execute(db);
  return {
    name: 'document-counts',
    title: 'kept counts of sales documents equal the documents',
    checked: rows.length,
    problems: rows
      .filter((r) => String(r.kept) !== String(r.found))
      .map((r) => `member ${r.member_id}: ${r.found} ${r.kind} documents ${r.status}, the kept count says ${r.kept}`),
  };
}

async function checkChargeNoteNumbers(db: Kysely<Database>): Promise<VerifyCheck> {
  const { rows } = await sql<{ series: string; year: number; numbers: string[]; last: number | null }>`
    select 'charge notes' as series, coalesce(g.year, c.year) as year, coalesce(g.numbers, array[]::text[]) as numbers,
      c.last_number as last
    from (
      select extract(year from issue_date)::int as year, array_agg(number order by number) as numbers
      from pooling_charge_notes group by year
    ) g
    full join pooling_note_counters c on c.year = g.year
    order by 2`.execute(db);
  return {
    name: 'charge-note-numbers',
    title: 'charge note numbers gapless per year',
    checked: rows.length,
    problems: seriesProblems('series', rows),
  };
}

/** Each issued invoice or credit note has its posted entry, whose receivable and member lines carry its amounts. */
async function checkIssuedDocumentEntries(db: Kysely<Database>): Promise<VerifyCheck> {
  const { rows } = await sql<{
    id: number;
    kind: string;
    number: string | null;
    entry_id: number | null;
    entry_status: string | null;
    total_ttc: string;
    member_share: string | null;
    receivable: string | null;
    member_line: string | null;
  }>`
    select d.id, d.kind, d.number, d.entry_id, e.status as entry_status, d.total_ttc, d.member_share,
      (select sum(case when d.kind = 'invoice' then l.debit - l.credit else l.credit - l.debit end)
         from entry_lines l where l.entry_id = d.entry_id
           and l.account_code = (select account_code from posting_accounts where role = 'sales.receivable')) as receivable,
      (select sum(case when d.kind = 'invoice' then l.credit - l.debit else l.debit - l.credit end)
         from entry_lines l join accounts a on a.code = l.account_code
         where l.entry_id = d.entry_id and a.member_id = d.member_id) as member_line
    from sales_documents d left join entries e on e.id = d.entry_id
    where d.kind in ('invoice', 'credit_note') and d.number is not null
    order by d.id`.execute(db);
  const problems: string[] = [];
  const same = (a: string | null, b: string | null) => a !== null && b !== null && new Dec(a).eq(b);
  for (const r of rows) {
    const name = `${r.kind === 'invoice' ? 'invoice' : 'credit note'} ${r.number}`;
    if (r.entry_id === null || r.entry_status !== 'posted') {
      problems.push(`${name} has no posted entry`);
      continue;
    }
    if (!same(r.receivable, r.total_ttc)) {
      problems.push(
        `${name}: its entry #${r.entry_id} puts ${r.receivable ?? 'nothing'} on the customer, the document says ${r.total_ttc}`,
      );
    }
    const share = r.member_share ?? '0';
    if (!same(r.member_line ?? '0', share)) {
      problems.push(
        `${name}: its entry #${r.entry_id} gives the member ${r.member_line ?? 'nothing'}, the document says ${share}`,
      );
    }
  }
  return { name: 'issued-documents', title: 'issued documents match their entries', checked: rows.length, problems };
}

/** A table of balances kept by posting, per account and period or per account and fiscal year. */
interface KeptBalances {
  table: 'account_balances' | 'account_year_balances';
  /** The column of `entries` the table's rows are kept by. */
  key: 'period_id' | 'fiscal_year_id';
  name: string;
  title: string;
  /** How a key is named in a problem: `period #3`. */
  keyName: string;
}

const MONTHLY: KeptBalances = {
  table: 'account_balances',
  key: 'period_id',
  name: 'account-balances',
  title: 'account balances equal their posted lines',
  keyName: 'period',
};
const YEARLY: KeptBalances = {
  table: 'account_year_balances',
  key: 'fiscal_year_id',
  name: 'account-year-balances',
  title: 'yearly account balances equal their posted lines',
  keyName: 'fiscal year',
};

/**
 * The balances kept by posting must equal the posted lines, account by account and period (or year) by period:
 * debit and credit, and the part of them posted through the opening journal (AN).
 */
async function checkKeptBalances(db: Kysely<Database>, kept: KeptBalances): Promise<VerifyCheck> {
  const key = sql.ref(kept.key);
  const { rows } = await sql<{
    account_code: string;
    key: number;
    kept: [string, string, string, string] | null;
    lines: [string, string, string, string] | null;
  }>`
    with lines as (
      select l.account_code, e.${key} as key, sum(l.debit) as debit, sum(l.credit) as credit,
        coalesce(sum(l.debit) filter (where j.kind = 'opening'), 0) as opening_debit,
        coalesce(sum(l.credit) filter (where j.kind = 'opening'), 0) as opening_credit
      from entry_lines l join entries e on e.id = l.entry_id join journals j on j.code = e.journal_code
      where e.status = 'posted' group by l.account_code, e.${key}
    )
    select coalesce(b.account_code, l.account_code) as account_code, coalesce(b.${key}, l.key) as key,
      case when b.account_code is not null
        then array[b.debit, b.credit, b.opening_debit, b.opening_credit]::text[] end as kept,
      case when l.account_code is not null
        then array[l.debit, l.credit, l.opening_debit, l.opening_credit]::text[] end as lines
    from ${sql.table(kept.table)} b full join lines l on l.account_code = b.account_code and l.key = b.${key}
    order by 1, 2`.execute(db);
  const problems: string[] = [];
  const zero = ['0', '0', '0', '0'];
  const words = ([debit, credit, openingDebit, openingCredit]: string[]) =>
    `${debit} / ${credit}${new Dec(openingDebit ?? 0).eq(0) && new Dec(openingCredit ?? 0).eq(0) ? '' : ` (opening journal ${openingDebit} / ${openingCredit})`}`;
  for (const r of rows) {
    const stored = r.kept ?? zero;
    const summed = r.lines ?? zero;
    if (stored.some((amount, i) => !new Dec(amount).eq(summed[i] ?? 0))) {
      problems.push(
        `account ${r.account_code}, ${kept.keyName} #${r.key}: kept balance ${words(stored)} but the posted lines sum to ${words(summed)}`,
      );
    }
  }
  return { name: kept.name, title: kept.title, checked: rows.length, problems };
}
