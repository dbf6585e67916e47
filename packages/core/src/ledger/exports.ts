// The ledger as other tools read it: the accounting CSV (one line per entry line, with analytic columns) that
// accounting software imports, and an hledger journal whose `hledger bal` agrees with our trial balance.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type CsvColumn, toCsv } from '../documents/csv.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { checkFilter, type ReportFilter } from './reports.ts';

interface ExportLine {
  entry_id: number;
  journal_code: string;
  entry_date: string;
  reference: string;
  account_code: string;
  account_label: string;
  party_name: string | null;
  entry_label: string;
  label: string | null;
  debit: string;
  credit: string;
  member_code: string | null;
  service_code: string | null;
  source_ref: string | null;
}

async function exportLines(db: Kysely<Database>, filter: ReportFilter): Promise<ExportLine[]> {
  checkFilter(filter);
  const conditions = [sql`e.status = 'posted'`, sql`e.entry_date >= ${filter.from}`, sql`e.entry_date <= ${filter.to}`];
  if (filter.journal) conditions.push(sql`e.journal_code = ${filter.journal}`);
  if (filter.memberId !== undefined) conditions.push(sql`l.member_id = ${filter.memberId}`);
  if (filter.service) conditions.push(sql`l.service_code = ${filter.service}`);
  if (filter.accountFrom) conditions.push(sql`l.account_code >= ${filter.accountFrom}`);
  if (filter.accountTo)
    conditions.push(sql`(l.account_code <= ${filter.accountTo} or l.account_code like ${`${filter.accountTo}%`})`);
  const { rows } = await sql<ExportLine>`
    select e.id as entry_id, e.journal_code, e.entry_date,
      e.journal_code || '-' || to_char(fy.starts_on, 'YYYY') || '-' || lpad(e.number::text, 5, '0') as reference,
      l.account_code, a.label as account_label, p.name as party_name, e.label as entry_label, l.label,
      l.debit, l.credit, m.code as member_code, l.service_code, e.source_ref
    from entry_lines l
    join entries e on e.id = l.entry_id
    join fiscal_years fy on fy.id = e.fiscal_year_id
    join accounts a on a.code = l.account_code
    left join parties p on p.id = l.party_id
    left join members m on m.id = l.member_id
    where ${sql.join(conditions, sql` and `)}
    order by e.entry_date, e.journal_code, e.number, l.line_no`.execute(db);
  return rows;
}

const ACCOUNTING_COLUMNS: ReadonlyArray<CsvColumn<ExportLine>> = [
  { header: 'journal', value: (r) => r.journal_code },
  { header: 'date', value: (r) => r.entry_date },
  { header: 'numero', value: (r) => r.reference },
  { header: 'compte', value: (r) => r.account_code },
  { header: 'libelle_compte', value: (r) => r.account_label },
  { header: 'tiers', value: (r) => r.party_name },
  { header: 'libelle', value: (r) => r.label ?? r.entry_label },
  { header: 'debit', value: (r) => toAmountString(new Dec(r.debit)), numeric: true },
  { header: 'credit', value: (r) => toAmountString(new Dec(r.credit)), numeric: true },
  { header: 'membre', value: (r) => r.member_code },
  { header: 'service', value: (r) => r.service_code },
  { header: 'piece', value: (r) => r.source_ref },
];

/** One line per entry line: journal, date, number, account, third party, label, debit, credit, member, service. */
export async function accountingCsv(db: Kysely<Database>, filter: ReportFilter): Promise<string> {
  return toCsv(ACCOUNTING_COLUMNS, await exportLines(db, filter));
}

/** hledger's description and comment text: one line, no semicolons that would start a comment. */
const hledgerText = (text: string) =>
  text
    .replace(/[\r\n]+/g, ' ')
    .replace(/;/g, ',')
    .trim();

/**
 * The posted entries as an hledger journal, accounts by their CGNC code, amounts in MAD. `hledger bal` on it
 * prints, per account, the same balance as our trial balance over the same range.
 */
export async function hledgerJournal(db: Kysely<Database>, filter: ReportFilter): Promise<string> {
  const lines = await exportLines(db, filter);
  const out: string[] = [`; gie-ecp ledger export ${filter.from} to ${filter.to}`, 'commodity 1,000.00 MAD', ''];
  let current: number | null = null;
  for (const line of lines) {
    if (line.entry_id !== current) {
      if (current !== null) out.push('');
      current = line.entry_id;
      out.push(`${line.entry_date} * (${line.reference}) ${hledgerText(line.entry_label)}`);
    }
    const amount = new Dec(line.debit).minus(line.credit);
    const comment = [line.member_code && `member:${line.member_code}`, line.service_code && `service:${line.service_code}`]
      .filter(Boolean)
      .join(', ');
    out.push(`    ${line.account_code}  ${toAmountString(amount)} MAD${comment ? `  ; ${comment}` : ''}`);
  }
  out.push('');
  return out.join('\n');
}
