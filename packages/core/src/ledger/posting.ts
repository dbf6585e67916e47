// Postings as values: what an entry says before the database numbers it, its checks (two lines at least, one side
// per line, to the centime, balanced) and its reversal. Pure: no database, no clock.
import type Decimal from 'decimal.js';
import type { FieldError } from '../errors.ts';
import { Dec, toAmountString } from '../money/index.ts';

export interface PostingLine {
  account: string;
  /** Decimal strings, exactly one of them positive. */
  debit?: string;
  credit?: string;
  label?: string | null;
  /** Analytic dimensions and third party. */
  memberId?: number | null;
  service?: string | null;
  partyId?: number | null;
}

export interface Posting {
  journal: string;
  /** YYYY-MM-DD */
  date: string;
  label: string;
  sourceRef?: string | null;
  lines: PostingLine[];
}

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function amountOf(text: string | undefined): Decimal {
  return text === undefined || text === '' ? new Dec(0) : new Dec(text);
}

/** Every problem of a posting, each naming its field (`lines.2.debit`). Empty when it can be posted. */
export function checkPosting(posting: Posting): FieldError[] {
  const errors: FieldError[] = [];
  if (!posting.journal?.trim()) errors.push({ path: 'journal', message: 'required' });
  if (!DATE.test(posting.date ?? '') || Number.isNaN(Date.parse(posting.date))) {
    errors.push({ path: 'date', message: `expected a date YYYY-MM-DD, received "${posting.date}"` });
  }
  if (!posting.label?.trim()) errors.push({ path: 'label', message: 'required' });
  if (!Array.isArray(posting.lines) || posting.lines.length < 2) {
    errors.push({ path: 'lines', message: `an entry needs at least two lines, received ${posting.lines?.length ?? 0}` });
    return errors;
  }
  let debit = new Dec(0);
  let credit = new Dec(0);
  posting.lines.forEach((line, i) => {
    const at = `lines.${i}`;
    if (!line.account?.trim()) errors.push({ path: `${at}.account`, message: 'required' });
    for (const side of ['debit', 'credit'] as const) {
      const value = line[side];
      if (value !== undefined && value !== '' && !AMOUNT.test(value)) {
        errors.push({
          path: `${at}.${side}`,
          message: `expected an amount such as "1250.00" (at most 2 decimals), received "${value}"`,
        });
      }
    }
    const d = AMOUNT.test(line.debit ?? '') ? amountOf(line.debit) : new Dec(0);
    const c = AMOUNT.test(line.credit ?? '') ? amountOf(line.credit) : new Dec(0);
    if (d.gt(0) === c.gt(0)) {
      errors.push({ path: at, message: 'exactly one of debit and credit must be positive' });
    }
    debit = debit.plus(d);
    credit = credit.plus(c);
  });
  if (errors.length === 0 && !debit.eq(credit)) {
    errors.push({
      path: 'lines',
      message: `the entry does not balance: debit ${toAmountString(debit)} ≠ credit ${toAmountString(credit)}`,
    });
  }
  return errors;
}

/** The totals of a posting. */
export function postingTotals(posting: Posting): { debit: string; credit: string } {
  const sum = (side: 'debit' | 'credit') => posting.lines.reduce((acc, l) => acc.plus(amountOf(l[side])), new Dec(0));
  return { debit: toAmountString(sum('debit')), credit: toAmountString(sum('credit')) };
}

/** The posting that cancels another: same lines, sides swapped. */
export function reversePosting(original: Posting, date: string, label?: string): Posting {
  return {
    journal: original.journal,
    date,
    label: label ?? `Extourne : ${original.label}`,
    sourceRef: original.sourceRef ?? null,
    lines: original.lines.map((line) => {
      const { debit, credit, ...rest } = line;
      return {
        ...rest,
        ...(credit && new Dec(credit).gt(0) ? { debit: credit } : {}),
        ...(debit && new Dec(debit).gt(0) ? { credit: debit } : {}),
      };
    }),
  };
}

/** A stable text of a posting, to recognise the same request sent twice under one idempotency key. */
export function canonicalPosting(posting: Posting): string {
  const norm = (v: string | undefined) => (v === undefined || v === '' ? '0.00' : toAmountString(new Dec(v)));
  return JSON.stringify({
    journal: posting.journal,
    date: posting.date,
    label: posting.label,
    sourceRef: posting.sourceRef ?? null,
    lines: posting.lines.map((l) => ({
      account: l.account,
      debit: norm(l.debit),
      credit: norm(l.credit),
      label: l.label ?? null,
      memberId: l.memberId ?? null,
      service: l.service ?? null,
      partyId: l.partyId ?? null,
    })),
  });
}
