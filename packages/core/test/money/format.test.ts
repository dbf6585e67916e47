import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountError, Dec, formatAmount, type MoneyLocale, parseLocalizedAmount, toAmountString } from '../../src/money/index.ts';
import { anyAmount } from './arbitraries.ts';

const NBSP = '\u00A0';
const LOCALES: MoneyLocale[] = ['fr', 'ar', 'en'];

describe('formatAmount', () => {
  it('writes French with no-break spaces between groups and before the currency', () => {
    expect(formatAmount('10082.08', 'fr')).toBe(`10${NBSP}082,08${NBSP}MAD`);
    expect(formatAmount(new Dec('1234567.5'), 'fr')).toBe(`1${NBSP}234${NBSP}567,50${NBSP}MAD`);
    expect(formatAmount('10082.08', 'fr')).not.toMatch(/[ \u202F]/);
  });

  it('writes English with commas and points', () => {
    expect(formatAmount('10082.08', 'en')).toBe(`10,082.08${NBSP}MAD`);
    expect(formatAmount('1000000.00', 'en')).toBe(`1,000,000.00${NBSP}MAD`);
  });

  it('writes Moroccan Arabic usage with Latin digits, points between groups and the dirham sign', () => {
    expect(formatAmount('10082.08', 'ar')).toBe(`10.082,08${NBSP}د.م.`);
    expect(formatAmount('999', 'ar')).toBe(`999,00${NBSP}د.م.`);
  });

  it('puts a leading minus in every locale', () => {
    expect(formatAmount('-1234.50', 'fr')).toBe(`-1${NBSP}234,50${NBSP}MAD`);
    expect(formatAmount('-1234.50', 'en')).toBe(`-1,234.50${NBSP}MAD`);
    expect(formatAmount('-1234.50', 'ar')).toBe(`-1.234,50${NBSP}د.م.`);
    expect(formatAmount('-0.00', 'fr')).toBe(`0,00${NBSP}MAD`);
  });

  it('groups only from the thousands up', () => {
    expect(formatAmount('0.5', 'fr', { currency: false })).toBe('0,50');
    expect(formatAmount('999.99', 'en', { currency: false })).toBe('999.99');
    expect(formatAmount('1000', 'en', { currency: false })).toBe('1,000.00');
    expect(formatAmount('100000', 'fr', { currency: false })).toBe(`100${NBSP}000,00`);
  });

  it('leaves the currency off on request', () => {
    expect(formatAmount('10082.08', 'fr', { currency: false })).toBe(`10${NBSP}082,08`);
    expect(formatAmount('10082.08', 'ar', { currency: false })).toBe('10.082,08');
  });

  it('refuses a malformed amount string rather than printing NaN', () => {
    expect(() => formatAmount('12,50', 'fr')).toThrow(AmountError);
    expect(() => formatAmount(new Dec('1.005'), 'fr')).toThrow(AmountError);
  });
});

describe('parseLocalizedAmount', () => {
  const read = (text: string, locale: MoneyLocale) => toAmountString(parseLocalizedAmount(text, locale));

  it('reads what formatAmount writes, with or without the currency', () => {
    expect(read(`10${NBSP}082,08${NBSP}MAD`, 'fr')).toBe('10082.08');
    expect(read(`10${NBSP}082,08`, 'fr')).toBe('10082.08');
    expect(read('10,082.08 MAD', 'en')).toBe('10082.08');
    expect(read(`10.082,08${NBSP}د.م.`, 'ar')).toBe('10082.08');
  });

  it('accepts ordinary spaces and narrow no-break spaces between groups, and no separator at all', () => {
    expect(read('10 082,08 MAD', 'fr')).toBe('10082.08');
    expect(read('1\u202F234\u202F567,5', 'fr')).toBe('1234567.50');
    expect(read('10082,08', 'fr')).toBe('10082.08');
    expect(read('1 000 000', 'en')).toBe('1000000.00');
    expect(read('-1.234,5 د.م.', 'ar')).toBe('-1234.50');
  });

  it('accepts the canonical form in every locale', () => {
    for (const locale of LOCALES) expect(read('10082.08', locale)).toBe('10082.08');
    expect(read('-0.5', 'ar')).toBe('-0.50');
  });

  it('tells an Arabic thousands point from a canonical decimal point by the number of digits after it', () => {
    expect(read('1.000', 'ar')).toBe('1000.00');
    expect(read('1.00', 'ar')).toBe('1.00');
  });

  it('ignores the direction marks that come along when Arabic text is copied', () => {
    expect(read('\u200F10.082,08\u00A0د.م.\u200F', 'ar')).toBe('10082.08');
  });

  it.each<[string, MoneyLocale]>([
    ['', 'fr'],
    ['abc', 'fr'],
    ['MAD', 'fr'],
    ['10,082.08', 'fr'],
    ['12,345', 'fr'],
    ['1 00,00', 'fr'],
    ['10 082.08 MAD', 'fr'],
    ['1.000 000,00', 'ar'],
    ['10.082.08', 'en'],
    ['1,00,000.00', 'en'],
    ['1 000 000 000 000 000,00', 'fr'],
    ['$10.00', 'en'],
    ['10 EUR', 'en'],
  ])('refuses %j in %s', (text, locale) => {
    expect(() => parseLocalizedAmount(text, locale)).toThrow(AmountError);
  });

  it('names the field, the expected form and what was received', () => {
    expect(() => parseLocalizedAmount('douze', 'fr', 'price')).toThrow(
      `price: expected an amount written like "10${NBSP}082,08 MAD" or "10082.08", received "douze"`,
    );
  });

  it('is the inverse of formatAmount for every 2-decimal amount in every locale', () => {
    fc.assert(
      fc.property(anyAmount, fc.constantFrom(...LOCALES), fc.boolean(), (text, locale, currency) => {
        const expected = text === '-0.00' ? '0.00' : text;
        return read(formatAmount(text, locale, { currency }), locale) === expected;
      }),
    );
  });
});
