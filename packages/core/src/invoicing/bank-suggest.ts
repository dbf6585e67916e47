// The pure rules of bank reconciliation: reading an amount as banks write it, and ranking what a bank line may be
// the movement of (a payment, a payout, an open invoice) by reference found in its label and by date proximity.
import { CellError } from '../imports/csv.ts';
import { Dec, toAmountString } from '../money/index.ts';

/**
 * An amount as a bank statement or a spreadsheet writes it: "1 234,56", "1.234,56", "1,234.56", "-350.00", "+12,5".
 * The last separator followed by one or two digits is the decimal one; the others group thousands.
 * Returns the canonical signed amount ("-1234.56"); throws CellError when the text is not an amount.
 */
export function parseBankAmount(text: string): string {
  const compact = text.replace(/[\s\u00A0\u202F']/g, '').replace(/(MAD|DH|DHS)$/i, '');
  const match = /^([+-]?)(\d[\d.,]*)$/.exec(compact);
  const fail = () => new CellError(`expected an amount such as 1 234,56 or -1234.56 (at most 2 decimals), received "${text}"`);
  if (!match) throw fail();
  const sign = match[1] === '-' ? '-' : '';
  const digits = match[2] ?? '';
  const decimal = /([.,])(\d{1,2})$/.exec(digits);
  const integerPart = decimal ? digits.slice(0, decimal.index) : digits;
  // grouping separators: only between groups of three digits, and never the decimal separator itself
  const grouping = /^\d{1,3}(([.,])\d{3})?(\2\d{3})*$/.exec(integerPart);
  if (!/^\d+$/.test(integerPart) && (!grouping || grouping[2] === decimal?.[1])) throw fail();
  // "1.234" or "1,234" alone: thousands in one language, decimals in the other
  if (!decimal && /^\d{1,3}[.,]\d{3}$/.test(integerPart))
    throw new CellError(`ambiguous amount "${text}": write 1234 or 1 234,00`);
  const whole = integerPart.replace(/[.,]/g, '');
  if (whole.replace(/^0+(?=\d)/, '').length > 13) throw fail();
  const value = new Dec(`${sign}${whole}.${decimal?.[2] ?? '0'}`);
  return toAmountString(value);
}

/** A bank line as the ranking needs it. */
export interface BankLineFacts {
  valueDate: string;
  label: string;
  reference: string | null;
  /** Signed: + money in, − money out. */
  amount: string;
}

/** Something the line may be the movement of. Amounts are positive. */
export interface MatchCandidate {
  kind: 'payment' | 'payout' | 'invoice';
  id: number;
  date: string;
  amount: string;
  /** The payment's or payout's own reference (a transfer number). */
  reference: string | null;
  /** Invoice numbers it concerns (the invoices a payment settles, or the invoice itself). */
  numbers: string[];
  /** The customer, or the member for a payout. */
  partyId: number;
  partyName: string;
}

export type MatchReason = 'reference' | 'number' | 'name';

export interface MatchSuggestion extends MatchCandidate {
  /** Days between the value date and the candidate's date. */
  days: number;
  reasons: MatchReason[];
  score: number;
}

/** Letters and digits only, upper case, accents folded: "FA-2026-00001" and "VIR FA 2026 00001" meet. */
export function matchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** Short references ("12") would be found in any label: four characters at least count as a clue. */
const MIN_KEY = 4;

function daysBetween(a: string, b: string): number {
  return Math.round(Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/** Words of a name that say nothing about who it is. */
const LEGAL_WORDS = new Set([
  'SARL',
  'SARLAU',
  'SA',
  'SAS',
  'STE',
  'SOCIETE',
  'COOPERATIVE',
  'COOP',
  'GIE',
  'ETS',
  'LES',
  'DES',
  'DU',
  'DE',
  'LA',
  'LE',
]);

/** The name is in the label when its telling words are: all of them, or at least two of a longer name. */
function nameFound(haystack: string, name: string): boolean {
  const words = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length >= 3 && !LEGAL_WORDS.has(w));
  if (words.length === 0) return false;
  const hits = words.filter((w) => haystack.includes(w)).length;
  return hits === words.length || hits >= 2;
}

/** Whether a candidate can be this line's movement at all: the amount agrees and the direction fits its kind. */
export function amountAgrees(line: Pick<BankLineFacts, 'amount'>, candidate: Pick<MatchCandidate, 'kind' | 'amount'>): boolean {
  const amount = new Dec(line.amount);
  if (candidate.kind === 'payout') return amount.isNegative() && amount.negated().eq(candidate.amount);
  return amount.gt(0) && amount.eq(candidate.amount);
}

/**
 * The candidates of the same amount and direction, best first: a reference or an invoice number found in the label
 * or the bank's reference weighs most, the party's name next, then the nearest date; ties by id.
 */
export function suggestMatches(line: BankLineFacts, candidates: readonly MatchCandidate[], limit = 5): MatchSuggestion[] {
  const haystack = matchKey(`${line.label} ${line.reference ?? ''}`);
  const found = (text: string | null) => {
    const key = text ? matchKey(text) : '';
    return key.length >= MIN_KEY && haystack.includes(key);
  };
  return candidates
    .filter((c) => amountAgrees(line, c))
    .map((c): MatchSuggestion => {
      const reasons: MatchReason[] = [];
      if (found(c.reference)) reasons.push('reference');
      if (c.numbers.some(found)) reasons.push('number');
      if (nameFound(haystack, c.partyName)) reasons.push('name');
      const days = daysBetween(line.valueDate, c.date);
      const score =
        (reasons.includes('reference') ? 100 : 0) +
        (reasons.includes('number') ? 100 : 0) +
        (reasons.includes('name') ? 30 : 0) -
        Math.min(days, 90) / 3;
      return { ...c, days, reasons, score: Math.round(score * 100) / 100 };
    })
    .sort((a, b) => b.score - a.score || a.days - b.days || a.id - b.id)
    .slice(0, limit);
}
