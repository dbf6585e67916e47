import { describe, expect, it } from 'vitest';
import { latePaymentFine } from '../../src/invoicing/late-fine.ts';

const RATES = [
  { validFrom: '2023-03-01', policyRate: '3.00', monthlyIncrement: '0.85' },
  { validFrom: '2024-06-01', policyRate: '2.75', monthlyIncrement: '0.85' },
  { validFrom: '2024-12-01', policyRate: '2.50', monthlyIncrement: '0.85' },
  { validFrom: '2025-03-01', policyRate: '2.25', monthlyIncrement: '0.85' },
];

describe('late-payment fine (law 69-21)', () => {
  it('is nothing when paid on or before the due date', () => {
    expect(latePaymentFine('10082.08', '2026-05-19', '2026-05-19', RATES)).toMatchObject({ months: 0, fine: '0.00' });
  });

  it('takes the policy rate of the month the delay starts for the first month', () => {
    // due 2026-05-19, paid 2026-06-10: first month late, 2.25 %
    expect(latePaymentFine('10082.08', '2026-05-19', '2026-06-10', RATES)).toMatchObject({
      months: 1,
      rate: '2.25',
      fine: '226.85',
    });
    // a delay that started in December 2024 keeps the 2.50 % of then
    expect(latePaymentFine('1000.00', '2024-12-10', '2025-01-05', RATES)).toMatchObject({
      months: 1,
      rate: '2.50',
      fine: '25.00',
    });
    // and one that started before June 2024, 3 %
    expect(latePaymentFine('1000.00', '2024-05-20', '2024-06-10', RATES)).toMatchObject({ rate: '3.00', fine: '30.00' });
  });

  it('adds 0.85 % for each further month or part of a month', () => {
    // exactly one month late is still the first month; one day more starts the second
    expect(latePaymentFine('1000.00', '2026-01-31', '2026-02-28', RATES)).toMatchObject({ months: 1, rate: '2.25' });
    expect(latePaymentFine('1000.00', '2026-01-31', '2026-03-01', RATES)).toMatchObject({
      months: 2,
      rate: '3.10',
      fine: '31.00',
    });
    expect(latePaymentFine('1000.00', '2026-01-15', '2026-06-16', RATES)).toMatchObject({
      months: 6,
      rate: '6.50',
      fine: '65.00',
    });
  });

  it('refuses a delay that no configured rate covers', () => {
    expect(() => latePaymentFine('1000.00', '2020-01-01', '2020-03-01', RATES)).toThrow(/no late-payment rate/);
  });
});
