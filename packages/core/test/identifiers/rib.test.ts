import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRib, IdentifierError, parseRib, ribKey, ribSchema } from '../../src/identifiers/index.ts';

const FIRST_22 = '0117800000123456789012';
const first22 = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 22, maxLength: 22 });

describe('ribKey', () => {
  it('makes the 24-digit RIB a multiple of 97', () => {
    fc.assert(fc.property(first22, (digits) => BigInt(digits + ribKey(digits)) % 97n === 0n));
  });

  it('always has two characters', () => {
    fc.assert(fc.property(first22, (digits) => /^\d{2}$/.test(ribKey(digits))));
    expect(ribKey('0000000000000000000000')).toBe('97');
  });

  it('computes the key with exact integers beyond 2^53', () => {
    // 0117800000123456789012 × 100 = 11780000012345678901200 ≡ 1 (mod 97).
    expect(ribKey(FIRST_22)).toBe('96');
  });

  it('refuses anything but 22 digits', () => {
    expect(() => ribKey('123')).toThrow(IdentifierError);
  });
});

describe('parseRib', () => {
  const valid = FIRST_22 + ribKey(FIRST_22);

  it('accepts a RIB whose key matches, with or without the spaces of a bank certificate', () => {
    expect(parseRib(valid)).toBe(valid);
    expect(parseRib(` ${formatRib(parseRib(valid))} `)).toBe(valid);
    expect(formatRib(parseRib(valid))).toBe('011 780 0000123456789012 96');
    expect(ribSchema.parse(valid)).toBe(valid);
  });

  it('refuses a wrong key, saying that the key is wrong and which key was expected', () => {
    const wrong = `${FIRST_22}12`;
    const error = (() => {
      try {
        parseRib(wrong);
      } catch (e) {
        return e as IdentifierError;
      }
      throw new Error('a RIB with a wrong key was accepted');
    })();
    expect(error).toBeInstanceOf(IdentifierError);
    expect(error.field).toBe('rib');
    expect(error.message).toBe(
      `rib: wrong key: expected a RIB whose last 2 digits are the key 96 of its first 22 digits, received "${wrong}" (key 12)`,
    );
    expect(ribSchema.safeParse(wrong).error?.issues[0]?.message).toBe(error.message);
  });

  it('refuses every RIB with one digit mistyped', () => {
    fc.assert(
      fc.property(first22, fc.nat({ max: 23 }), fc.integer({ min: 1, max: 9 }), (digits, position, shift) => {
        const rib = digits + ribKey(digits);
        const typo = String((Number(rib[position]) + shift) % 10);
        const mistyped = rib.slice(0, position) + typo + rib.slice(position + 1);
        expect(() => parseRib(mistyped)).toThrow(IdentifierError);
      }),
    );
  });

  it('refuses a wrong length, saying that the length is wrong', () => {
    expect(() => parseRib(valid.slice(0, 23))).toThrow(
      `rib: expected 24 digits (bank 3, city 3, account 16, key 2), received "${valid.slice(0, 23)}" (23 digits)`,
    );
    expect(() => parseRib(`${valid}0`, 'supplier.rib')).toThrow(/^supplier\.rib: expected 24 digits .*\(25 digits\)$/);
    expect(() => parseRib(`${valid.slice(0, 23)}X`)).toThrow('contains "X", which is not a digit');
  });
});
