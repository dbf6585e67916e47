import { describe, expect, it } from 'vitest';
import { CellError } from '../../src/imports/csv.ts';
import { type MatchCandidate, matchKey, parseBankAmount, suggestMatches } from '../../src/invoicing/bank-suggest.ts';

const payment = (id: number, amount: string, date: string, extra: Partial<MatchCandidate> = {}): MatchCandidate => ({
  kind: 'payment',
  id,
  date,
  amount,
  reference: null,
  numbers: [],
  partyId: 1,
  partyName: 'Hôtel Dar Tétouan SARL',
  ...extra,
});

describe('reading bank amounts', () => {
  it.each([
    ['1 234,56', '1234.56'],
    ['1\u00A0234,56', '1234.56'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['-350.00', '-350.00'],
    ['+12,5', '12.50'],
    ['1.234.567,00', '1234567.00'],
    ['6000', '6000.00'],
    ['10 082,08 MAD', '10082.08'],
  ])('reads %s as %s', (text, amount) => {
    expect(parseBankAmount(text)).toBe(amount);
  });

  it.each(['abc', '12,345,6', '1.2.3', '--5', '1.234.5', '12.3456'])('refuses %s, quoting the text received', (text) => {
    expect(() => parseBankAmount(text)).toThrow(CellError);
    expect(() => parseBankAmount(text)).toThrow(`"${text}"`);
  });

  it.each(['1,234', '12.345'])('refuses %s as ambiguous (thousands or decimals)', (text) => {
    expect(() => parseBankAmount(text)).toThrow(/ambiguous/);
  });
});

describe('ranking match suggestions', () => {
  const line = { valueDate: '2026-04-10', label: 'VIR RECU HOTEL DAR TETOUAN FA 2026 00007', reference: null, amount: '6000.00' };

  it('offers only candidates of the same amount and direction', () => {
    const payout: MatchCandidate = { ...payment(9, '6000.00', '2026-04-10'), kind: 'payout' };
    const result = suggestMatches(line, [payment(1, '5999.99', '2026-04-10'), payout, payment(2, '6000.00', '2026-01-01')]);
    expect(result.map((s) => s.id)).toEqual([2]);
    // a debit line is matched by payouts only
    const debit = suggestMatches({ ...line, amount: '-6000.00' }, [payment(2, '6000.00', '2026-04-10'), payout]);
    expect(debit.map((s) => [s.kind, s.id])).toEqual([['payout', 9]]);
  });

  it('puts the payment whose invoice number is in the label before a nearer one', () => {
    const near = payment(1, '6000.00', '2026-04-10', { numbers: ['FA-2026-00003'], partyName: 'Autre client' });
    const named = payment(2, '6000.00', '2026-03-01', { numbers: ['FA-2026-00007'], partyName: 'Autre client' });
    const result = suggestMatches(line, [near, named]);
    expect(result.map((s) => s.id)).toEqual([2, 1]);
    expect(result[0]?.reasons).toEqual(['number']);
    expect(result[1]?.days).toBe(0);
  });

  it('finds the transfer reference in the bank reference column, the name in the label, then ranks by date', () => {
    const byReference = payment(3, '6000.00', '2026-04-30', { reference: 'VIR-88123', partyName: 'X' });
    const byName = payment(4, '6000.00', '2026-04-30');
    const nearest = payment(5, '6000.00', '2026-04-09', { partyName: 'Y' });
    const farther = payment(6, '6000.00', '2026-04-01', { partyName: 'Z' });
    const result = suggestMatches({ ...line, reference: 'VIR88123' }, [farther, nearest, byName, byReference]);
    expect(result.map((s) => s.id)).toEqual([3, 4, 5, 6]);
    expect(result.map((s) => s.reasons)).toEqual([['reference'], ['name'], [], []]);
  });

  it('ignores references too short to mean anything and breaks ties by id', () => {
    const a = payment(8, '6000.00', '2026-04-12', { reference: '00', partyName: 'A' });
    const b = payment(7, '6000.00', '2026-04-08', { reference: '20', partyName: 'B' });
    const result = suggestMatches(line, [a, b]);
    expect(result.map((s) => [s.id, s.reasons.length])).toEqual([
      [7, 0],
      [8, 0],
    ]);
  });

  it('keeps at most the limit asked', () => {
    const many = Array.from({ length: 9 }, (_, i) => payment(i + 1, '6000.00', '2026-04-10'));
    expect(suggestMatches(line, many, 3)).toHaveLength(3);
  });

  it('compares references without case, accents or punctuation', () => {
    expect(matchKey('Réf. fa-2026/00007')).toBe('REFFA202600007');
  });
});
