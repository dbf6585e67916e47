import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, invoiceTotals, memberShare, vatOnPayments } from '../../src/invoicing/index.ts';
import { Dec } from '../../src/money/index.ts';

const EXAMPLE = [
  { quantity: '2', unitPrice: '1250.00', vat: '20' }, // Atelier de dégustation
  { quantity: '35', unitPrice: '180.00', discountPercent: '5', vat: '10' }, // Paniers produits du terroir
  { quantity: '1', unitPrice: '437.35', vat: '14' }, // Transport frigorifique
];

describe('invoice arithmetic (DOMAIN 5.1)', () => {
  it('gives the worked example to the centime', () => {
    expect(invoiceTotals(EXAMPLE)).toEqual({
      lines: ['2500.00', '5985.00', '437.35'],
      vat: [
        { vat: '20', rate: '20', base: '2500.00', amount: '500.00' },
        { vat: '14', rate: '14', base: '437.35', amount: '61.23' },
        { vat: '10', rate: '10', base: '5985.00', amount: '598.50' },
      ],
      totalHt: '8922.35',
      totalVat: '1159.73',
      totalTtc: '10082.08',
    });
    expect(memberShare('8922.35', '8')).toEqual({ contribution: '713.79', memberShare: '8208.56' });
  });

  it('computes VAT per rate on the sum of the lines, not line by line', () => {
    // three lines of 0.05 at 10%: per line 0.005 → 0.01 each (0.03), on the sum 0.015 → 0.02
    const totals = invoiceTotals([1, 2, 3].map(() => ({ quantity: '1', unitPrice: '0.05', vat: '10' })));
    expect(totals.vat).toEqual([{ vat: '10', rate: '10', base: '0.15', amount: '0.02' }]);
  });

  it('keeps Σ lines = HT and Σ VAT by rate = VAT for random invoices', () => {
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 999_999 }).map((q) => new Dec(q).div(1000).toFixed(3)),
      unitPrice: fc.integer({ min: 0, max: 100_000_000 }).map((c) => new Dec(c).div(100).toFixed(2)),
      discountPercent: fc.integer({ min: 0, max: 100 }).map(String),
      vat: fc.constantFrom('20', '14', '10', '7', '0', 'exempt'),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const t = invoiceTotals(lines);
        const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(x), new Dec(0)).toFixed(2);
        expect(sum(t.lines)).toBe(t.totalHt);
        expect(sum(t.vat.map((v) => v.base))).toBe(t.totalHt);
        expect(sum(t.vat.map((v) => v.amount))).toBe(t.totalVat);
        expect(new Dec(t.totalHt).plus(t.totalVat).toFixed(2)).toBe(t.totalTtc);
      }),
    );
  });
});

describe('VAT on receipts (DOMAIN 5.2)', () => {
  const { vat, totalTtc } = invoiceTotals(EXAMPLE);

  it('attributes the worked example to the centime, the last payment taking the remainder', () => {
    expect(vatOnPayments(vat, totalTtc, ['6000.00', '4082.08'])).toEqual([
      {
        byRate: [
          { vat: '20', amount: '297.56' },
          { vat: '14', amount: '36.44' },
          { vat: '10', amount: '356.18' },
        ],
        total: '690.18',
      },
      {
        byRate: [
          { vat: '20', amount: '202.44' },
          { vat: '14', amount: '24.79' },
          { vat: '10', amount: '242.32' },
        ],
        total: '469.55',
      },
    ]);
  });

  it('continues from earlier payments, and refuses more than the TTC', () => {
    const [first] = vatOnPayments(vat, totalTtc, ['6000.00']);
    const already = Object.fromEntries(first?.byRate.map((r) => [r.vat, r.amount]) ?? []);
    expect(vatOnPayments(vat, totalTtc, ['4082.08'], '6000.00', already)[0]?.total).toBe('469.55');
    expect(() => vatOnPayments(vat, totalTtc, ['10082.09'])).toThrow(/exceed/);
  });

  it('always adds up to the invoice VAT once fully paid, whatever the split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 12 }), (weights) => {
        const ttcCents = 1_008_208;
        const total = weights.reduce((a, w) => a + w, 0);
        let left = ttcCents;
        const payments = weights
          .map((w, i) => {
            const cents = i === weights.length - 1 ? left : Math.min(left, Math.max(1, Math.floor((ttcCents * w) / total)));
            left -= cents;
            return new Dec(cents).div(100).toFixed(2);
          })
          .filter((p) => p !== '0.00');
        if (left !== 0) return;
        const parts = vatOnPayments(vat, totalTtc, payments);
        for (const rate of vat) {
          const sum = parts.reduce((a, p) => a.plus(p.byRate.find((r) => r.vat === rate.vat)?.amount ?? 0), new Dec(0));
          expect(sum.toFixed(2)).toBe(rate.amount);
        }
      }),
    );
  });
});

describe('document numbers', () => {
  it('writes the template out', () => {
    expect(formatDocumentNumber('FA-{YYYY}-{SEQ:5}', { year: 2026, month: 3, seq: 42 })).toBe('FA-2026-00042');
    expect(formatDocumentNumber('AV{YY}{MM}-{SEQ:3}', { year: 2026, month: 3, seq: 7 })).toBe('AV2603-007');
    expect(formatDocumentNumber('F-{YYYY}-{SEQ:2}', { year: 2026, month: 1, seq: 123 })).toBe('F-2026-123');
  });
});
