// The ledger reports as CSV files, with the same columns the screens show.
import { type CsvColumn, toCsv } from '../documents/csv.ts';
import type {
  AnalyticRow,
  GeneralLedgerAccount,
  JournalEntryListing,
  LedgerLine,
  TrialBalance,
  TrialBalanceRow,
} from './reports.ts';

const amount = (header: string, value: (r: any) => string) => ({ header, value, numeric: true });

export function trialBalanceCsv(balance: TrialBalance): string {
  const columns: CsvColumn<TrialBalanceRow>[] = [
    { header: 'compte', value: (r) => r.account },
    { header: 'libelle', value: (r) => r.label },
    amount('solde_ouverture', (r) => r.opening),
    amount('debit', (r) => r.debit),
    amount('credit', (r) => r.credit),
    amount('solde_cloture', (r) => r.closing),
  ];
  return toCsv(columns, balance.rows);
}

export function generalLedgerCsv(accounts: GeneralLedgerAccount[]): string {
  const columns: CsvColumn<LedgerLine>[] = [
    { header: 'compte', value: (r) => r.account },
    { header: 'date', value: (r) => r.date },
    { header: 'numero', value: (r) => r.reference },
    { header: 'journal', value: (r) => r.journal },
    { header: 'libelle', value: (r) => r.label },
    amount('debit', (r) => r.debit),
    amount('credit', (r) => r.credit),
    amount('solde', (r) => r.balance),
  ];
  return toCsv(
    columns,
    accounts.flatMap((a) => a.lines),
  );
}

export function journalCsv(entries: JournalEntryListing[]): string {
  type Row = JournalEntryListing['lines'][number] & { reference: string; date: string };
  const columns: CsvColumn<Row>[] = [
    { header: 'numero', value: (r) => r.reference },
    { header: 'date', value: (r) => r.date },
    { header: 'compte', value: (r) => r.account },
    { header: 'libelle', value: (r) => r.label },
    amount('debit', (r) => r.debit),
    amount('credit', (r) => r.credit),
  ];
  return toCsv(
    columns,
    entries.flatMap((e) => e.lines.map((l) => ({ ...l, reference: e.reference, date: e.date }))),
  );
}

export function analyticCsv(rows: AnalyticRow[], by: 'member' | 'service'): string {
  const columns: CsvColumn<AnalyticRow>[] = [
    { header: by === 'member' ? 'membre' : 'service', value: (r) => (by === 'member' ? r.memberCode : r.service) },
    amount('produits', (r) => r.products),
    amount('charges', (r) => r.charges),
    amount('resultat', (r) => r.result),
  ];
  return toCsv(columns, rows);
}
