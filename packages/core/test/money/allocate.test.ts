import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Allocation,
  AllocationError,
  allocateComposite,
  allocateLargestRemainder,
  Dec,
  toAmountString,
} from '../../src/money/index.ts';
import { allocationTotal, centimesToAmount } from './arbitraries.ts';

const MEMBERS = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'] as const;
const REVENUE = ['48200.00', '125430.50', '0', '17880.00', '61005.25', '9340.75', '22143.50'];
const KM = ['1240', '3880', '610', '0', '2215', '455', '980'];
const M2 = ['40', '25', '0', '60', '0', '15', '35'];

const weightsOf = (values: readonly string[]) => MEMBERS.map((key, i) => ({ key, weight: values[i]! }));
const equal = weightsOf(MEMBERS.map(() => '1'));
const amounts = (allocation: Allocation<string>[]) => allocation.map((part) => toAmountString(part.amount));
const sum = (allocation: Allocation<string>[]) =>
  toAmountString(allocation.reduce((acc, part) => acc.plus(part.amount), new Dec(0)));

function allocationError(run: () => unknown): AllocationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AllocationError);
    return error as AllocationError;
  }
  throw new Error('expected an AllocationError, nothing was thrown');
}

describe('the pooled costs of DOMAIN 5.3', () => {
  const comptabilite = allocateLargestRemainder('36000.00', equal, { label: 'equal shares' });
  const commercialisation = allocateLargestRemainder('18750.00', weightsOf(REVENUE), { label: 'revenue' });
  const transport = allocateLargestRemainder('9999.99', weightsOf(KM), { label: 'km' });
  const local = allocateComposite('24000.00', [
    { share: '0.4', weights: equal, label: 'equal' },
    { share: '0.6', weights: weightsOf(M2), label: 'm²' },
  ]);

  it('splits Comptabilité equally, the 5 leftover centimes going to the lowest keys', () => {
    expect(amounts(comptabilite)).toEqual(['5142.86', '5142.86', '5142.86', '5142.86', '5142.86', '5142.85', '5142.85']);
    expect(comptabilite.map((p) => p.remainderCentimes)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(comptabilite[0]!.exact.toDecimalPlaces(10).toString()).toBe('5142.8571428571');
  });

  it('splits Commercialisation by revenue', () => {
    expect(amounts(commercialisation)).toEqual(['3182.22', '8281.06', '0.00', '1180.46', '4027.63', '616.69', '1461.94']);
  });

  it('splits Transport by km', () => {
    expect(amounts(transport)).toEqual(['1321.96', '4136.46', '650.32', '0.00', '2361.40', '485.07', '1044.78']);
  });

  it('splits Local 40% equally and 60% by m², rounding once', () => {
    expect(amounts(local)).toEqual(['4662.86', '3428.57', '1371.43', '6308.57', '1371.43', '2605.71', '4251.43']);
    expect(local.map((p) => p.key)).toEqual([...MEMBERS]);
  });

  it('gives each member its total and the GIE its grand total', () => {
    const rows = [comptabilite, commercialisation, transport, local];
    const totals = MEMBERS.map((_, i) => toAmountString(rows.reduce((acc, row) => acc.plus(row[i]!.amount), new Dec(0))));
    expect(totals).toEqual(['14309.90', '20988.95', '7164.61', '12631.89', '12903.32', '8850.32', '11901.00']);
    expect(rows.map(sum)).toEqual(['36000.00', '18750.00', '9999.99', '24000.00']);
    expect(toAmountString(totals.reduce((acc, total) => acc.plus(total), new Dec(0)))).toBe('88749.99');
  });
});

describe('allocateLargestRemainder', () => {
  it('breaks ties by the lower key as a string, whatever the input order', () => {
    const split = allocateLargestRemainder('0.02', [
      { key: 'b', weight: '1' },
      { key: 'a', weight: '1' },
      { key: 'c', weight: '1' },
    ]);
    expect(split.map((p) => [p.key, toAmountString(p.amount)])).toEqual([
      ['b', '0.01'],
      ['a', '0.01'],
      ['c', '0.00'],
    ]);
    const byString = allocateLargestRemainder('0.01', [
      { key: 'M9', weight: '1' },
      { key: 'M10', weight: '1' },
    ]);
    expect(amounts(byString)).toEqual(['0.00', '0.01']);
  });

  it('gives the leftover centimes to the largest remainders before the lower keys', () => {
    // Exact shares 0.0333…, 0.0666…: the second remainder is larger although its key is higher.
    const split = allocateLargestRemainder('0.10', [
      { key: 'a', weight: '1' },
      { key: 'b', weight: '2' },
    ]);
    expect(amounts(split)).toEqual(['0.03', '0.07']);
    expect(split.map((p) => p.remainderCentimes)).toEqual([0, 1]);
  });

  it('splits a negative total symmetrically, the parts still adding up to it', () => {
    const weights = [
      { key: 'a', weight: '1' },
      { key: 'b', weight: '1' },
      { key: 'c', weight: '1' },
    ];
    expect(amounts(allocateLargestRemainder('-0.05', weights))).toEqual(['-0.02', '-0.02', '-0.01']);
    expect(amounts(allocateLargestRemainder('0.05', weights))).toEqual(['0.02', '0.02', '0.01']);
    expect(amounts(allocateLargestRemainder('-100.00', [...weights, { key: 'd', weight: '0' }]))).toEqual([
      '-33.34',
      '-33.33',
      '-33.33',
      '0.00',
    ]);
  });

  it('accepts Decimal weights and totals, and weights with many decimals', () => {
    const split = allocateLargestRemainder(new Dec('1.00'), [
      { key: 'x', weight: new Dec('0.333333333333333333333333333333333333333333333') },
      { key: 'y', weight: '0.666666666666666666666666666666666666666666666' },
    ]);
    expect(amounts(split)).toEqual(['0.33', '0.67']);
  });

  it('refuses weights that are all zero', () => {
    const error = allocationError(() =>
      allocateLargestRemainder('100.00', weightsOf(MEMBERS.map(() => '0')), { label: 'revenue' }),
    );
    expect(error.message).toBe('cannot allocate 100.00 by revenue: every weight is zero');
  });

  it('refuses a negative weight, naming its key', () => {
    const error = allocationError(() =>
      allocateLargestRemainder('100.00', [
        { key: 'M01', weight: '3' },
        { key: 'M02', weight: '-1' },
      ]),
    );
    expect(error.message).toContain('"M02"');
    expect(error.message).toContain('negative');
  });

  it('refuses a duplicate key, an empty list, a malformed weight and a total with 3 decimals', () => {
    expect(
      allocationError(() =>
        allocateLargestRemainder('1.00', [
          { key: 'a', weight: '1' },
          { key: 'a', weight: '2' },
        ]),
      ).message,
    ).toContain('"a" appears more than once');
    expect(allocationError(() => allocateLargestRemainder('1.00', [])).message).toContain('no keys');
    expect(allocationError(() => allocateLargestRemainder('1.00', [{ key: 'a', weight: '1e3' }])).message).toContain('"1e3"');
    expect(allocationError(() => allocateLargestRemainder('10.005', equal)).message).toContain('"10.005"');
    allocationError(() => allocateLargestRemainder(new Dec('0.001'), equal));
    allocationError(() => allocateLargestRemainder('ten', equal));
  });
});

describe('allocateComposite', () => {
  it('equals allocateLargestRemainder when there is a single part', () => {
    const single = allocateComposite('18750.00', [{ share: '1', weights: weightsOf(REVENUE) }]);
    expect(amounts(single)).toEqual(amounts(allocateLargestRemainder('18750.00', weightsOf(REVENUE))));
  });

  it('rounds once, where adding two rounded splits would collect a centime per part', () => {
    const twoParts = [
      {
        share: '0.5',
        weights: [
          { key: 'a', weight: '1' },
          { key: 'b', weight: '1' },
        ],
      },
      {
        share: '0.5',
        weights: [
          { key: 'a', weight: '1' },
          { key: 'b', weight: '1' },
        ],
      },
    ];
    // 0.02 / 2 = 0.01 per key exactly; two separate splits of 0.01 would both give their centime to "a".
    expect(amounts(allocateComposite('0.02', twoParts))).toEqual(['0.01', '0.01']);
  });

  it('takes the union of keys, a key absent from a part weighing zero there', () => {
    const split = allocateComposite('100.00', [
      { share: '0.5', weights: [{ key: 'a', weight: '1' }] },
      { share: '0.5', weights: [{ key: 'b', weight: '1' }] },
    ]);
    expect(split.map((p) => [p.key, toAmountString(p.amount)])).toEqual([
      ['a', '50.00'],
      ['b', '50.00'],
    ]);
  });

  it('refuses shares that do not add up to 1', () => {
    const error = allocationError(() =>
      allocateComposite('24000.00', [
        { share: '0.4', weights: equal },
        { share: '0.5', weights: weightsOf(M2) },
      ]),
    );
    expect(error.message).toContain('add up to 0.9');
  });

  it('refuses a part whose weights are all zero, naming it', () => {
    const error = allocationError(() =>
      allocateComposite('24000.00', [
        { share: '0.4', weights: equal },
        { share: '0.6', weights: weightsOf(MEMBERS.map(() => '0')), label: 'm²' },
      ]),
    );
    expect(error.message).toBe('cannot allocate 24000.00 by composite key, part m²: every weight is zero');
  });

  it('refuses an empty list of parts', () => {
    allocationError(() => allocateComposite('1.00', []));
  });
});

const weightText = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 1, max: 6 })).map(([digits, places]) => {
    const text = digits.toString().padStart(places + 1, '0');
    return `${text.slice(0, -places)}.${text.slice(-places)}`;
  }),
  fc.constant('0'),
);
const weightList = fc
  .uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), weight: weightText }), {
    minLength: 1,
    maxLength: 15,
    selector: (w) => w.key,
  })
  .filter((weights) => weights.some((w) => !new Dec(w.weight).isZero()));

describe('allocation properties', () => {
  it('adds up to the total exactly', () => {
    fc.assert(
      fc.property(allocationTotal, weightList, (total, weights) => sum(allocateLargestRemainder(total, weights)) === total),
    );
  });

  it('keeps every part within one centime of its exact share, and adds at most one centime to each', () => {
    fc.assert(
      fc.property(allocationTotal, weightList, (total, weights) => {
        const weightSum = weights.reduce((acc, w) => acc.plus(w.weight), new Dec(0));
        return allocateLargestRemainder(total, weights).every((part, i) => {
          const exact = new Dec(total).times(weights[i]!.weight).div(weightSum);
          return part.amount.minus(exact).abs().lessThan('0.01') && part.exact.minus(exact).abs().lessThan('1e-20');
        });
      }),
    );
  });

  it('does not depend on the order of the input', () => {
    const shuffled = weightList.chain((weights) =>
      fc.tuple(fc.constant(weights), fc.shuffledSubarray(weights, { minLength: weights.length, maxLength: weights.length })),
    );
    fc.assert(
      fc.property(allocationTotal, shuffled, (total, [weights, reordered]) => {
        const byKey = (split: Allocation<string>[]) =>
          Object.fromEntries(split.map((p) => [p.key, toAmountString(p.amount)] as const));
        expect(byKey(allocateLargestRemainder(total, reordered))).toEqual(byKey(allocateLargestRemainder(total, weights)));
      }),
    );
  });

  it('mirrors positive totals for negative ones', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 14n }), weightList, (centimes, weights) => {
        const positive = allocateLargestRemainder(centimesToAmount(centimes), weights);
        const negative = allocateLargestRemainder(centimesToAmount(-centimes), weights);
        return negative.every((part, i) => part.amount.equals(positive[i]!.amount.negated()));
      }),
    );
  });

  it('adds up to the total for composite splits too', () => {
    const parts = fc.tuple(weightList, weightList, fc.integer({ min: 0, max: 100 }));
    fc.assert(
      fc.property(allocationTotal, parts, (total, [first, second, percent]) => {
        const share = new Dec(percent).div(100);
        const split = allocateComposite(total, [
          { share, weights: first },
          { share: new Dec(1).minus(share), weights: second },
        ]);
        return sum(split) === total && split.every((p) => p.remainderCentimes === 0 || p.remainderCentimes === 1);
      }),
    );
  });
});
