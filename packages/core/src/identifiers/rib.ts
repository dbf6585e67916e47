// The Moroccan RIB (relevé d'identité bancaire): 24 digits, bank 3 + city 3 + account 16 + a 2-digit key.
// Owns the key check, which catches most mistyped digits before a transfer order reaches the bank.
import { type DigitsRule, describeInput, IdentifierError, identifierSchema, readDigits } from './digits.ts';

export type Rib = string & { readonly __brand: 'Rib' };

const RIB: DigitsRule = { min: 24, max: 24, expected: '24 digits (bank 3, city 3, account 16, key 2)' };

/**
 * The key of the first 22 digits: 97 − ((digits × 100) mod 97), always two characters. BigInt because 24 digits are far
 * beyond the integers a number holds exactly.
 */
export function ribKey(first22: string): string {
  if (!/^\d{22}$/.test(first22)) {
    throw new IdentifierError('rib', `expected the first 22 digits of a RIB, received ${describeInput(first22)}`);
  }
  const key = 97n - ((BigInt(first22) * 100n) % 97n);
  return key.toString().padStart(2, '0');
}

export function parseRib(input: unknown, field = 'rib'): Rib {
  const digits = readDigits(input, field, RIB);
  const expected = ribKey(digits.slice(0, 22));
  const received = digits.slice(22);
  if (received !== expected) {
    throw new IdentifierError(
      field,
      `wrong key: expected a RIB whose last 2 digits are the key ${expected} of its first 22 digits, received ${describeInput(input)} (key ${received})`,
    );
  }
  return digits as Rib;
}

/** Spaced as on a bank's RIB certificate, easier to compare by eye: "011 780 0000123456789012 34". */
export function formatRib(rib: Rib): string {
  return `${rib.slice(0, 3)} ${rib.slice(3, 6)} ${rib.slice(6, 22)} ${rib.slice(22)}`;
}

export const ribSchema = identifierSchema((v) => parseRib(v));
