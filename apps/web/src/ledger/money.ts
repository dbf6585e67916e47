// Amounts of the ledger as the API gives them: decimal strings ("10082.08", "-3600.00"). Never read into a JS
// number: sums are made in cents as BigInt, so 0.1 + 0.2 is 0.30 here as in the books.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** The cents of an API decimal ("-12.5" → -1250n); null when the text is not a decimal or has more than 2 decimals. */
export function toCents(value: string): bigint | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, minus, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > 2) return null;
  const cents = BigInt(whole!) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  return minus ? -cents : cents;
}

/** Cents back to the API's text: 125050n → "1250.50", -1n → "-0.01". */
export function fromCents(cents: bigint): `${number}` {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return (negative ? `-${text}` : text) as `${number}`;
}

/** An API decimal as the type formatAmount takes, unchanged (it formats decimal texts without a float). */
export const decimal = (value: string): `${number}` => value as `${number}`;

export const isZero = (value: string): boolean => toCents(value) === 0n;
export const isNegative = (value: string): boolean => (toCents(value) ?? 0n) < 0n;

/** The absolute value of an API decimal, as text. */
export function absolute(value: string): `${number}` {
  return decimal(value.trim().replace(/^-/, ''));
}

/** Whether two API decimals are the same amount ("250" and "250.00" are). */
export function sameAmount(a: string, b: string): boolean {
  const x = toCents(a);
  return x !== null && x === toCents(b);
}

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

export type AmountInput = { kind: 'empty' } | { kind: 'invalid' } | { kind: 'ok'; cents: bigint; value: `${number}` };

/**
 * What a person typed in an amount field, read the way they write it: "1 250,50" (French), "1,250.50" (English),
 * "١٢٥٠٫٥٠" (Arabic digits and separator). The last comma or point is the decimal separator, the others group
 * thousands. Positive, at most 2 decimals and 13 digits, as the API accepts.
 */
export function parseAmountInput(text: string): AmountInput {
  let s = text
    .replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/\u066B/g, '.')
    .replace(/[\s\u00A0\u202F\u066C']/g, '');
  if (s === '') return { kind: 'empty' };
  const last = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (last >= 0) s = `${s.slice(0, last).replace(/[.,]/g, '')}.${s.slice(last + 1)}`;
  if (s.startsWith('.')) s = `0${s}`;
  if (!/^\d{1,13}(\.\d{0,2})?$/.test(s)) return { kind: 'invalid' };
  const cents = toCents(s.endsWith('.') ? s.slice(0, -1) : s);
  if (cents === null) return { kind: 'invalid' };
  return { kind: 'ok', cents, value: fromCents(cents) };
}
