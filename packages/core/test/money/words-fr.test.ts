import { describe, expect, it } from 'vitest';
import { AmountError, amountInWordsFr, Dec, invoiceAmountSentenceFr } from '../../src/money/index.ts';

describe('amountInWordsFr', () => {
  it.each([
    ['0.00', 'zéro dirham'],
    ['0.01', 'zéro dirham et un centime'],
    ['0.71', 'zéro dirham et soixante et onze centimes'],
    ['1', 'un dirham'],
    ['1.01', 'un dirham et un centime'],
    ['1.50', 'un dirham et cinquante centimes'],
    ['2', 'deux dirhams'],
    ['16', 'seize dirhams'],
    ['17', 'dix-sept dirhams'],
    ['21', 'vingt et un dirhams'],
    ['22', 'vingt-deux dirhams'],
    ['31', 'trente et un dirhams'],
    ['61', 'soixante et un dirhams'],
    ['70', 'soixante-dix dirhams'],
    ['71', 'soixante et onze dirhams'],
    ['72', 'soixante-douze dirhams'],
    ['77', 'soixante-dix-sept dirhams'],
    ['80', 'quatre-vingts dirhams'],
    ['81', 'quatre-vingt-un dirhams'],
    ['90', 'quatre-vingt-dix dirhams'],
    ['91', 'quatre-vingt-onze dirhams'],
    ['99', 'quatre-vingt-dix-neuf dirhams'],
    ['100', 'cent dirhams'],
    ['101', 'cent un dirhams'],
    ['180', 'cent quatre-vingts dirhams'],
    ['200', 'deux cents dirhams'],
    ['201', 'deux cent un dirhams'],
    ['280', 'deux cent quatre-vingts dirhams'],
    ['1000', 'mille dirhams'],
    ['1001', 'mille un dirhams'],
    ['1080', 'mille quatre-vingts dirhams'],
    ['2000', 'deux mille dirhams'],
    ['21000', 'vingt et un mille dirhams'],
    ['80000', 'quatre-vingt mille dirhams'],
    ['81000', 'quatre-vingt-un mille dirhams'],
    ['200000', 'deux cent mille dirhams'],
    ['300200', 'trois cent mille deux cents dirhams'],
    ['10082.08', 'dix mille quatre-vingt-deux dirhams et huit centimes'],
    ['1000000', 'un million de dirhams'],
    ['1000001', 'un million un dirhams'],
    ['2000000', 'deux millions de dirhams'],
    ['2500000', 'deux millions cinq cent mille dirhams'],
    ['80000000', 'quatre-vingts millions de dirhams'],
    ['200000000', 'deux cents millions de dirhams'],
    ['1000000000', 'un milliard de dirhams'],
    ['1200000000', 'un milliard deux cents millions de dirhams'],
    ['1000000000.80', 'un milliard de dirhams et quatre-vingts centimes'],
    ['2000000000.50', 'deux milliards de dirhams et cinquante centimes'],
    ['1000000000000', 'un billion de dirhams'],
  ])('writes %s as "%s"', (amount, words) => {
    expect(amountInWordsFr(amount)).toBe(words);
  });

  it('accepts a Decimal', () => {
    expect(amountInWordsFr(new Dec('21.21'))).toBe('vingt et un dirhams et vingt et un centimes');
  });

  it('refuses negative amounts and amounts finer than the centime', () => {
    expect(() => amountInWordsFr('-1.00')).toThrow(AmountError);
    expect(() => amountInWordsFr(new Dec('-0.01'))).toThrow(AmountError);
    expect(() => amountInWordsFr('1.005')).toThrow(AmountError);
    expect(() => amountInWordsFr(new Dec('1e15'))).toThrow(AmountError);
  });
});

describe('invoiceAmountSentenceFr', () => {
  it('states the all-taxes-included total of the invoice in words', () => {
    expect(invoiceAmountSentenceFr('10082.08')).toBe(
      'Arrêtée la présente facture à la somme de dix mille quatre-vingt-deux dirhams et huit centimes TTC.',
    );
  });
});
