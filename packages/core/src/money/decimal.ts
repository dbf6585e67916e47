// The one Decimal configuration money is computed with, and the strict boundary between strings and amounts.
// Owns parseAmount, roundMoney and toAmountString: every amount enters and leaves the domain through here.
import Decimal from 'decimal.js';

/**
 * A private clone so that no other library (or test) changing the global Decimal settings can change how money rounds.
 * 40 significant digits keep intermediate products of 15-digit amounts by fractions exact before the final rounding.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** A value that is not a valid amount; `field` says which input was wrong, for forms and API error bodies. */
export class AmountError extends Error {
  override name = 'AmountError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

export interface ParseAmountOptions {
  /** Maximum number of decimals accepted (default 2, the centime). Quantities may need 3 or more. */
  scale?: number;
}

/** Beyond 15 integer digits a NUMERIC(17,2) column overflows; refusing here gives the user a message instead of a 500. */
const MAX_INTEGER_DIGITS = 15;
const CANONICAL = /^-?(\d+)(?:\.(\d+))?$/;

/** Describes what was received without ever coercing it, so that the message shows exactly what the caller sent. */
export function describeReceived(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  if (typeof input === 'number' || typeof input === 'bigint') return `the number ${String(input)}`;
  if (input === null) return 'null';
  if (input === undefined) return 'nothing';
  if (Array.isArray(input)) return 'an array';
  if (Decimal.isDecimal(input)) return `the Decimal ${input.toString()}`;
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

function exampleFor(scale: number): string {
  return scale === 0 ? '1250' : `1250.${'0'.repeat(scale)}`;
}

function expectation(scale: number): string {
  const decimals = scale === 0 ? 'no decimals' : `at most ${scale} decimal${scale === 1 ? '' : 's'}`;
  return `expected a decimal string with ${decimals} such as "${exampleFor(scale)}"`;
}

/**
 * Reads an amount from outside (form field, JSON body, CSV cell). Only strings are accepted: a JSON number has already
 * been through a binary float, so "0.1 + 0.2" bugs would be invisible by the time it arrives here.
 */
export function parseAmount(input: unknown, field = 'amount', options: ParseAmountOptions = {}): Decimal {
  const scale = options.scale ?? 2;
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`parseAmount: scale must be a non-negative integer`);
  if (typeof input !== 'string') {
    const hint = typeof input === 'number' ? ' (numbers are refused because floats are not money: send a string)' : '';
    throw new AmountError(field, `${expectation(scale)}, received ${describeReceived(input)}${hint}`);
  }
  const match = CANONICAL.exec(input);
  const decimals = match?.[2]?.length ?? 0;
  if (!match || decimals > scale) throw new AmountError(field, `${expectation(scale)}, received ${describeReceived(input)}`);
  const integerDigits = match[1]!.replace(/^0+(?=\d)/, '').length;
  if (integerDigits > MAX_INTEGER_DIGITS) {
    throw new AmountError(
      field,
      `expected at most ${MAX_INTEGER_DIGITS} integer digits (up to 999 999 999 999 999.99), received ${describeReceived(input)} (${integerDigits} integer digits)`,
    );
  }
  return new Dec(input);
}

/** Brings a Decimal from any clone (or the global Decimal) into Dec, so later operations use Dec's precision and rounding. */
export function toDec(d: Decimal): Decimal {
  return d instanceof Dec ? d : new Dec(d);
}

/** Drops the sign of zero, which decimal.js keeps and which would otherwise surface as "-0.00". */
function unsignedZero(d: Decimal): Decimal {
  return d.isZero() ? new Dec(0) : d;
}

/** HALF_UP to the centime, away from zero for negatives (-0.005 → -0.01), as PostgreSQL's round(numeric, 2) does. */
export function roundMoney(d: Decimal): Decimal {
  return unsignedZero(toDec(d).toDecimalPlaces(2, Dec.ROUND_HALF_UP));
}

/**
 * The canonical text of an amount (what the database and the API exchange). It refuses rather than rounds a value with
 * more than 2 decimals: a silent rounding here would hide a missing roundMoney upstream.
 */
export function toAmountString(d: Decimal): string {
  if (!Decimal.isDecimal(d) || !d.isFinite())
    throw new AmountError('amount', `expected a finite Decimal, received ${describeReceived(d)}`);
  if (d.decimalPlaces() > 2) {
    throw new AmountError('amount', `expected at most 2 decimals (call roundMoney first), received ${d.toString()}`);
  }
  return unsignedZero(toDec(d)).toFixed(2);
}
