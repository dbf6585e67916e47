import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountError, Dec, parseAmount, roundMoney, toAmountString } from '../../src/money/index.ts';
import { anyAmount } from './arbitraries.ts';

function amountError(run: () => unknown): AmountError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AmountError);
    return error as AmountError;
  }
  throw new Error('expected an AmountError, nothing was thrown');
}

describe('parseAmount', () => {
  it('reads canonical decimal strings exactly, beyond what a float could hold', () => {
    expect(parseAmount('1250.00').equals(new Dec('1250'))).toBe(true);
    expect(parseAmount('-0.5').equals(new Dec('-0.5'))).toBe(true);
    expect(parseAmount('42').equals(new Dec(42))).toBe(true);
    expect(toAmountString(parseAmount('999999999999999.99'))).toBe('999999999999999.99');
    expect(parseAmount('0.10').plus(parseAmount('0.20')).equals(parseAmount('0.30'))).toBe(true);
  });

  it('returns Dec instances so that later arithmetic uses the money configuration', () => {
    expect(parseAmount('1.00')).toBeInstanceOf(Dec);
  });

  it('refuses numbers, because floats are not money', () => {
    const error = amountError(() => parseAmount(12.5));
    expect(error.field).toBe('amount');
    expect(error.message).toMatch(
      /^amount: expected a decimal string with at most 2 decimals such as "1250.00", received the number 12.5/,
    );
    amountError(() => parseAmount(0));
  });

  it('refuses a third decimal with a message naming the field, the expectation and the input', () => {
    const error = amountError(() => parseAmount('12.345'));
    expect(error.message).toBe('amount: expected a decimal string with at most 2 decimals such as "1250.00", received "12.345"');
    const priced = amountError(() => parseAmount('1.999', 'unitPrice'));
    expect(priced.field).toBe('unitPrice');
    expect(priced.message.startsWith('unitPrice: ')).toBe(true);
  });

  it.each([
    '',
    ' 5.00',
    '5.00 ',
    '+5.00',
    '1e3',
    '1 250,00',
    '1,250.00',
    '1250,00',
    '.50',
    '5.',
    '12.3.4',
    '--1',
    'abc',
    'NaN',
    'Infinity',
    '０１',
  ])('refuses the non-canonical string %j', (input) => {
    expect(amountError(() => parseAmount(input)).message).toContain(`received ${JSON.stringify(input)}`);
  });

  it.each([null, undefined, true, {}, [], 10n])('refuses %s', (input) => {
    amountError(() => parseAmount(input));
  });

  it('refuses more than 15 integer digits', () => {
    const error = amountError(() => parseAmount('1000000000000000.00'));
    expect(error.message).toContain('at most 15 integer digits');
    expect(error.message).toContain('(16 integer digits)');
    amountError(() => parseAmount('-1000000000000000'));
    expect(toAmountString(parseAmount('000999999999999999.99'))).toBe('999999999999999.99');
  });

  it('accepts another scale for quantities', () => {
    expect(parseAmount('1.125', 'quantity', { scale: 3 }).toString()).toBe('1.125');
    expect(amountError(() => parseAmount('1.1255', 'quantity', { scale: 3 })).message).toBe(
      'quantity: expected a decimal string with at most 3 decimals such as "1250.000", received "1.1255"',
    );
    expect(amountError(() => parseAmount('3.5', 'count', { scale: 0 })).message).toContain('with no decimals such as "1250"');
  });
});

describe('roundMoney', () => {
  it('rounds half up to the centime where binary floats or banker rounding would not', () => {
    expect(toAmountString(roundMoney(new Dec('0.125')))).toBe('0.13');
    expect(toAmountString(roundMoney(new Dec('2.675')))).toBe('2.68');
    expect(toAmountString(roundMoney(new Dec('1.0049999')))).toBe('1.00');
  });

  it('rounds negative halves away from zero, as PostgreSQL round(numeric, 2) does', () => {
    expect(toAmountString(roundMoney(new Dec('-0.005')))).toBe('-0.01');
    expect(toAmountString(roundMoney(new Dec('-2.675')))).toBe('-2.68');
    expect(toAmountString(roundMoney(new Dec('-0.004')))).toBe('0.00');
  });

  it('uses its own rounding even for a Decimal of another configuration', () => {
    const Floor = Decimal.clone({ rounding: Decimal.ROUND_FLOOR });
    expect(toAmountString(roundMoney(new Floor('0.125')))).toBe('0.13');
  });

  it('leaves the global Decimal configuration alone', () => {
    expect(Decimal.precision).toBe(20);
    expect(Dec.precision).toBe(40);
    expect(Dec.rounding).toBe(Decimal.ROUND_HALF_UP);
  });
});

describe('toAmountString', () => {
  it('writes exactly two decimals and never "-0.00"', () => {
    expect(toAmountString(new Dec('10082.08'))).toBe('10082.08');
    expect(toAmountString(new Dec('-0.5'))).toBe('-0.50');
    expect(toAmountString(new Dec('5'))).toBe('5.00');
    expect(toAmountString(new Dec('-0'))).toBe('0.00');
    expect(toAmountString(parseAmount('-0.00'))).toBe('0.00');
    expect(toAmountString(new Dec('1e15'))).toBe('1000000000000000.00');
  });

  it('refuses a value with more than 2 decimals instead of rounding it silently', () => {
    expect(amountError(() => toAmountString(new Dec('1.005'))).message).toContain('call roundMoney first');
    amountError(() => toAmountString(new Dec('NaN')));
  });

  it('round-trips every canonical amount through parseAmount', () => {
    fc.assert(fc.property(anyAmount, (text) => toAmountString(parseAmount(text)) === (text === '-0.00' ? '0.00' : text)));
  });
});

describe('the invoice of DOMAIN 5.1', () => {
  const line = (quantity: string, unitPrice: string, discount = '0') =>
    roundMoney(parseAmount(quantity, 'quantity', { scale: 3 }).times(parseAmount(unitPrice)).times(new Dec(1).minus(discount)));
  const vat = (base: Decimal, rate: string) => roundMoney(base.times(rate));

  const htA = line('2', '1250.00');
  const htB = line('35', '180.00', '0.05');
  const htC = line('1', '437.35');
  const vatA = vat(htA, '0.20');
  const vatB = vat(htB, '0.10');
  const vatC = vat(htC, '0.14');
  const ht = htA.plus(htB).plus(htC);
  const ttc = ht.plus(vatA).plus(vatB).plus(vatC);

  it('computes the lines excluding tax', () => {
    expect([htA, htB, htC].map(toAmountString)).toEqual(['2500.00', '5985.00', '437.35']);
    expect(toAmountString(ht)).toBe('8922.35');
  });

  it('computes VAT per rate, 61.229 rounding half up to 61.23', () => {
    expect(htC.times('0.14').toString()).toBe('61.229');
    expect([vatA, vatB, vatC].map(toAmountString)).toEqual(['500.00', '598.50', '61.23']);
    expect(toAmountString(ttc)).toBe('10082.08');
  });

  it('takes the 8% GIE contribution, 713.788 rounding to 713.79, and leaves 8208.56 to the member', () => {
    const contribution = roundMoney(ht.times('0.08'));
    expect(ht.times('0.08').toString()).toBe('713.788');
    expect(toAmountString(contribution)).toBe('713.79');
    expect(toAmountString(ht.minus(contribution))).toBe('8208.56');
  });
});
