// The split of a service's cost as a member reads it: DOMAIN 5.3 to the centime per key, the explanation lines,
// the tie-break, the composite key, the all-zero error and the fallback; and the properties any split must keep.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { Dec } from '../../src/money/index.ts';
import { type AllocationBasisInput, allocateService, checkKeySpec, keyLabel } from '../../src/pooling/index.ts';
import { allocationTotal } from '../money/arbitraries.ts';

const MEMBERS = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'];
const by = (values: readonly string[]) => Object.fromEntries(MEMBERS.map((code, i) => [code, values[i] ?? '0']));
const EQUAL = by(MEMBERS.map(() => '1'));
const REVENUE = by(['48200.00', '125430.50', '0', '17880.00', '61005.25', '9340.75', '22143.50']);
const KM = by(['1240', '3880', '610', '0', '2215', '455', '980']);
const M2 = by(['40', '25', '0', '60', '0', '15', '35']);

const service = (code: string, cost: string, bases: AllocationBasisInput[]) =>
  allocateService({ service: { code, name: code }, cost, members: MEMBERS, bases });
const simple = (label: string, weights: Record<string, string>) => [{ label, share: '1', weights }];
const amounts = (allocation: ReturnType<typeof allocateService>) => allocation.lines.map((l) => l.amount);

function domainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('DOMAIN 5.3, service by service', () => {
  it('Comptabilité, equal shares: 5 142.86 × 5 and 5 142.85 × 2, each line saying why', () => {
    const split = service('COMPTA', '36000.00', simple('equal shares', EQUAL));
    expect(amounts(split)).toEqual(['5142.86', '5142.86', '5142.86', '5142.86', '5142.86', '5142.85', '5142.85']);
    expect(split.lines[0]?.explanation).toBe('36 000.00 × 1/7, +0.01 remainder');
    expect(split.lines[6]?.explanation).toBe('36 000.00 × 1/7');
    expect(split.lines[0]).toMatchObject({ weight: '1', totalWeight: '7', remainderCentimes: 1 });
    expect(new Dec(split.lines[0]!.exact).toDecimalPlaces(10).toString()).toBe('5142.8571428571');
  });

  it('Commercialisation by revenue', () => {
    const split = service('COMMERCIAL', '18750.00', simple('revenue invoiced', REVENUE));
    expect(amounts(split)).toEqual(['3182.22', '8281.06', '0.00', '1180.46', '4027.63', '616.69', '1461.94']);
    expect(split.lines[2]?.explanation).toBe('18 750.00 × 0/284 000');
    expect(split.lines[1]?.explanation).toMatch(/^18 750.00 × 125 430.5\/284 000/);
  });

  it('Transport by km', () => {
    const split = service('TRANSPORT', '9999.99', simple('usage', KM));
    expect(amounts(split)).toEqual(['1321.96', '4136.46', '650.32', '0.00', '2361.40', '485.07', '1044.78']);
    expect(split.lines[0]?.explanation).toMatch(/^9 999.99 × 1 240\/9 380/);
  });

  it('Local, 40% equal + 60% by m², combining the exact shares and rounding once', () => {
    const split = service('LOCAL', '24000.00', [
      { label: 'equal shares', share: '0.4', weights: EQUAL },
      { label: 'quantity area', share: '0.6', weights: M2 },
    ]);
    expect(amounts(split)).toEqual(['4662.86', '3428.57', '1371.43', '6308.57', '1371.43', '2605.71', '4251.43']);
    expect(split.lines[0]?.explanation).toMatch(/^24 000.00 × \(40% × 1\/7 \+ 60% × 40\/175\)/);
    expect(split.lines[0]?.totalWeight).toBe('1');
  });

  it('gives tied remainders to the lower member code, whatever order the members come in', () => {
    const shuffled = allocateService({
      service: { code: 'COMPTA', name: 'Comptabilité' },
      cost: '36000.00',
      members: [...MEMBERS].reverse(),
      bases: simple('equal shares', EQUAL),
    });
    expect(shuffled.lines.map((l) => [l.memberCode, l.amount])).toEqual(
      MEMBERS.map((code, i) => [code, i < 5 ? '5142.86' : '5142.85']),
    );
  });
});

describe('keys that cannot split', () => {
  it('refuses all-zero weights with an error naming the service and the key', () => {
    const error = domainError(() => service('TRANSPORT', '500.00', simple('usage', by([]))));
    expect(error.kind).toBe('invalid');
    expect(error.errors[0]?.path).toBe('services.TRANSPORT');
    expect(error.message).toMatch(/TRANSPORT.*by usage: every member's weight is zero, and the key has no fallback/);
  });

  it("falls back to the key's fallback, and says so on each line", () => {
    const split = service('TRANSPORT', '700.00', [
      { label: 'usage', share: '1', weights: by([]), fallback: { label: 'equal shares', weights: EQUAL } },
    ]);
    expect(amounts(split)).toEqual(MEMBERS.map(() => '100.00'));
    expect(split.lines[0]?.explanation).toBe('700.00 × 1/7 (equal shares, as no member has any usage)');
    expect(split.bases[0]).toMatchObject({ label: 'equal shares', fallbackFrom: 'usage' });
  });

  it('refuses a service nobody subscribes to', () => {
    const error = domainError(() =>
      allocateService({ service: { code: 'X', name: 'X' }, cost: '1.00', members: [], bases: simple('equal shares', {}) }),
    );
    expect(error.message).toMatch(/no member is subscribed/);
  });
});

describe('checking a key', () => {
  it('names each wrong field of a key', () => {
    expect(checkKeySpec({ kind: 'quantity' }).map((e) => e.path)).toEqual(['key.quantity']);
    expect(
      checkKeySpec({
        kind: 'composite',
        components: [
          { kind: 'equal', share: '0.4' },
          { kind: 'quantity', quantity: 'area', share: '0.5' },
        ],
      }),
    ).toEqual([{ path: 'key.components', message: 'the shares must add up to 1, they add up to 0.9' }]);
    expect(checkKeySpec({ kind: 'fixed', weights: [{ memberId: 1, weight: '-1' }] }).map((e) => e.path)).toEqual([
      'key.weights.0.weight',
    ]);
    expect(checkKeySpec({ kind: 'equal', fallback: 'fixed' as never }).map((e) => e.path)).toEqual(['key.fallback']);
  });

  it('reads a key in words', () => {
    expect(
      keyLabel({
        kind: 'composite',
        components: [
          { kind: 'equal', share: '0.4' },
          { kind: 'quantity', quantity: 'area', share: '0.6' },
        ],
      }),
    ).toBe('40% equal shares + 60% quantity area');
  });
});

describe('properties of any split', () => {
  const weights = fc
    .array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 })
    .filter((w) => w.some((x) => x > 0n));
  const codes = (n: number) => Array.from({ length: n }, (_, i) => `M${String(i + 1).padStart(3, '0')}`);
  const split = (cost: string, values: bigint[], members = codes(values.length)) =>
    allocateService({
      service: { code: 'S', name: 'S' },
      cost,
      members,
      bases: [
        { label: 'w', share: '1', weights: Object.fromEntries(codes(values.length).map((c, i) => [c, values[i]!.toString()])) },
      ],
    });

  it('adds up to the cost exactly, and no part is negative', () => {
    fc.assert(
      fc.property(allocationTotal, weights, (cost, values) => {
        const lines = split(cost, values).lines;
        expect(lines.reduce((acc, l) => acc.plus(l.amount), new Dec(0)).eq(cost)).toBe(true);
        expect(lines.every((l) => !new Dec(l.amount).isNegative())).toBe(true);
      }),
    );
  });

  it("does not change any member's amount when the members come in another order", () => {
    fc.assert(
      fc.property(allocationTotal, weights, fc.integer(), (cost, values, seed) => {
        const members = codes(values.length);
        const shuffled = [...members].sort((a, b) => ((a.charCodeAt(3) * 31 + seed) % 7) - ((b.charCodeAt(3) * 31 + seed) % 7));
        const a = Object.fromEntries(split(cost, values, members).lines.map((l) => [l.memberCode, l.amount]));
        const b = Object.fromEntries(split(cost, values, shuffled).lines.map((l) => [l.memberCode, l.amount]));
        expect(b).toEqual(a);
      }),
    );
  });

  it('changes nothing when every weight is scaled by the same factor', () => {
    fc.assert(
      fc.property(allocationTotal, weights, fc.bigInt({ min: 2n, max: 1000n }), (cost, values, factor) => {
        expect(
          amounts(
            split(
              cost,
              values.map((v) => v * factor),
            ),
          ),
        ).toEqual(amounts(split(cost, values)));
      }),
    );
  });

  it('charges nothing to a member whose weight is zero', () => {
    fc.assert(
      fc.property(allocationTotal, weights, (cost, values) => {
        const withZero = [...values, 0n];
        const lines = split(cost, withZero).lines;
        expect(lines.at(-1)?.amount).toBe('0.00');
      }),
    );
  });
});
