// The pure rules of the statements, without a database: which payments are late and what stays unpaid, and the
// figures of a VAT worksheet from its lines.
import { describe, expect, it } from 'vitest';
import { type DelayDocument, delayLines, parsePeriod, summariseVat, type VatLine } from '../../src/reporting/index.ts';

const RATES = [{ validFrom: '2025-03-01', policyRate: '2.25', monthlyIncrement: '0.85' }];
const Q2 = parsePeriod('2026-Q2');

const doc = (payments: DelayDocument['payments'], owedTotal = '1000.00'): DelayDocument => ({
  side: 'supplier',
  documentId: 1,
  number: 'B-1',
  party: 'Fournisseur',
  partyIce: null,
  issueDate: '2026-03-01',
  dueDate: '2026-04-30',
  totalTtc: '1000.00',
  owedTotal,
  payments,
});

describe('payment delays of a document', () => {
  it('counts a payment on its due date as on time, and one the next day as one day and one month late', () => {
    expect(delayLines(doc([{ date: '2026-04-30', amount: '1000.00' }]), Q2, RATES)).toEqual([]);
    expect(delayLines(doc([{ date: '2026-05-01', amount: '1000.00' }]), Q2, RATES)).toEqual([
      expect.objectContaining({ status: 'paid_late', daysLate: 1, months: 1, rate: '2.25', fine: '22.50' }),
    ]);
  });

  it('lists what is unpaid at the quarter end, net of credit notes, and leaves payments of other quarters out', () => {
    // 300.00 paid on 15 March, before the due date; 200.00 credited; 500.00 left at 30 June
    const lines = delayLines(doc([{ date: '2026-03-15', amount: '300.00' }], '800.00'), Q2, RATES);
    expect(lines).toEqual([expect.objectContaining({ status: 'unpaid', amount: '500.00', daysLate: 61, months: 2 })]);
    // 30 May is one month, 30 June is not past two: 2.25 + 0.85 = 3.10 % of 500.00
    expect(lines[0]?.fine).toBe('15.50');
    // paid in July: late in Q3, still unpaid at the end of Q2
    const july = doc([{ date: '2026-07-02', amount: '1000.00' }]);
    expect(delayLines(july, Q2, RATES).map((l) => l.status)).toEqual(['unpaid']);
    expect(delayLines(july, parsePeriod('2026-Q3'), RATES).map((l) => [l.status, l.daysLate])).toEqual([['paid_late', 63]]);
  });
});

describe('VAT worksheet figures', () => {
  const line = (side: VatLine['side'], vat: string, base: string, amount: string): VatLine => ({
    side,
    date: '2026-04-10',
    paymentId: 1,
    reference: null,
    documentId: 1,
    documentNumber: 'X',
    party: 'P',
    paid: '0.00',
    vat,
    rate: vat === 'exempt' ? '0' : vat,
    base,
    amount,
  });

  it('sums by rate, highest rate first, and gives a credit when more is recoverable than collected', () => {
    const ret = summariseVat(parsePeriod('2026-04'), [
      line('collected', '10', '100.00', '10.00'),
      line('collected', '20', '100.00', '20.00'),
      line('collected', '20', '50.00', '10.00'),
      line('collected', 'exempt', '70.00', '0.00'),
      line('deductible', '20', '300.00', '60.00'),
    ]);
    expect(ret.collected.byRate.map((r) => [r.vat, r.base, r.amount, r.lines])).toEqual([
      ['20', '150.00', '30.00', 2],
      ['10', '100.00', '10.00', 1],
      ['exempt', '70.00', '0.00', 1],
    ]);
    expect([ret.collected.total, ret.deductible.total, ret.due, ret.credit]).toEqual(['40.00', '60.00', '0.00', '20.00']);
  });
});
