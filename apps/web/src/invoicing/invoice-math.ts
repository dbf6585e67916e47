// The arithmetic of an invoice as the API makes it, for the live totals of the form: each line's HT is
// quantity × unit price × (1 − discount), rounded HALF_UP to the centime; the VAT of a rate is computed on the sum of
// that rate's lines, HALF_UP. Everything is exact: quantities in thousandths, prices in cents, discounts in
// hundredths of a percent, all BigInt (never a JS float). The server's totals remain the reference once saved.
import { parseAmountInput } from '../ledger/money.ts';

export const VAT_CODES = ['20', '14', '10', '7', '0', 'exempt'] as const;
export type VatCode = (typeof VAT_CODES)[number];

/**
 * The percentage of each VAT code in hundredths of a percent, as the dated rate table gives it
 * (`GET /api/invoicing/vat-rates`): code → rate ("20", "0"). The form passes the table in force; a code the table
 * does not give counts at its nominal percentage until the API refuses it ('exempt' is 0).
 */
export type VatRateTable = Readonly<Record<string, string>>;

function rateBp(vat: VatCode, rates?: VatRateTable): bigint {
  const fromTable = rates?.[vat];
  const read = parseDecimal(fromTable ?? (vat === 'exempt' ? '0' : vat), 2, 3);
  return read.kind === 'ok' ? read.units : 0n;
}

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** What a person typed, with Latin digits, no grouping spaces, and a point as decimal separator. */
function normalise(text: string): string {
  let s = text
    .replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/\u066B/g, '.')
    .replace(/[\s\u00A0\u202F\u066C']/g, '');
  const last = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (last >= 0) s = `${s.slice(0, last).replace(/[.,]/g, '')}.${s.slice(last + 1)}`;
  if (s.startsWith('.')) s = `0${s}`;
  if (s.endsWith('.')) s = s.slice(0, -1);
  return s;
}

export type Parsed = { kind: 'empty' } | { kind: 'invalid' } | { kind: 'ok'; units: bigint; value: string };

/**
 * A non-negative decimal with at most `decimals` decimals and `digits` whole digits: its value in units of
 * 10^-decimals, and the text the API reads ("1.5"). French "1,5" and Arabic digits are read too.
 */
export function parseDecimal(text: string, decimals: number, digits: number): Parsed {
  const s = normalise(text);
  if (s === '') return { kind: 'empty' };
  const pattern = new RegExp(`^(\\d{1,${digits}})(?:\\.(\\d{1,${decimals}}))?$`);
  const match = pattern.exec(s);
  if (!match) return { kind: 'invalid' };
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  const units = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  const value = fraction ? `${BigInt(whole).toString()}.${fraction}` : BigInt(whole).toString();
  return { kind: 'ok', units, value };
}

/** A quantity: at most 3 decimals. */
export const parseQuantity = (text: string): Parsed => parseDecimal(text, 3, 10);

/** A discount: a percentage from 0 to 100, at most 2 decimals (units are hundredths of a percent). */
export function parseDiscount(text: string): Parsed {
  const read = parseDecimal(text, 2, 3);
  if (read.kind === 'ok' && read.units > 10000n) return { kind: 'invalid' };
  return read;
}

/** An amount: at most 2 decimals (units are cents). */
export function parsePrice(text: string): Parsed {
  const read = parseAmountInput(text);
  if (read.kind !== 'ok') return read;
  return { kind: 'ok', units: read.cents, value: read.value };
}

/** numerator / denominator rounded HALF_UP (away from zero on a half), both exact. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** HT of a line in cents: quantity (thousandths) × price (cents) × (100 % − discount (hundredths of %)), HALF_UP. */
export function lineHtCents(quantity: bigint, priceCents: bigint, discountBp: bigint): bigint {
  return divideHalfUp(quantity * priceCents * (10000n - discountBp), 1000n * 10000n);
}

/** The VAT of a base in cents at a code, HALF_UP, at the rate the table gives that code. */
export function vatCents(baseCents: bigint, vat: VatCode, rates?: VatRateTable): bigint {
  return divideHalfUp(baseCents * rateBp(vat, rates), 10000n);
}

export interface LineInput {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  vat: VatCode;
}

export interface RateTotal {
  vat: VatCode;
  base: bigint;
  amount: bigint;
}

export interface Totals {
  /** By line, in the order given: the HT in cents, or null when a figure cannot be read yet. */
  lines: Array<bigint | null>;
  byRate: RateTotal[];
  ht: bigint;
  vat: bigint;
  ttc: bigint;
  /** Lines left out because a figure is missing or unreadable. */
  incomplete: number;
}

/** The totals of lines as typed: what can be read is counted, the rest is reported as incomplete. */
export function computeTotals(lines: readonly LineInput[], rates?: VatRateTable): Totals {
  const bases = new Map<VatCode, bigint>();
  const htByLine: Array<bigint | null> = [];
  let incomplete = 0;
  for (const line of lines) {
    const quantity = parseQuantity(line.quantity);
    const price = parsePrice(line.unitPrice);
    const discount = parseDiscount(line.discountPercent);
    if (quantity.kind !== 'ok' || price.kind !== 'ok' || discount.kind === 'invalid') {
      htByLine.push(null);
      incomplete++;
      continue;
    }
    const ht = lineHtCents(quantity.units, price.units, discount.kind === 'ok' ? discount.units : 0n);
    htByLine.push(ht);
    bases.set(line.vat, (bases.get(line.vat) ?? 0n) + ht);
  }
  const byRate: RateTotal[] = VAT_CODES.filter((code) => bases.has(code)).map((code) => {
    const base = bases.get(code)!;
    return { vat: code, base, amount: vatCents(base, code, rates) };
  });
  const ht = byRate.reduce((sum, r) => sum + r.base, 0n);
  const vat = byRate.reduce((sum, r) => sum + r.amount, 0n);
  return { lines: htByLine, byRate, ht, vat, ttc: ht + vat, incomplete };
}
