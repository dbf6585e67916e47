// The chart kit's arithmetic, without a browser: the axis rounds up to a readable number, lengths follow the
// values (below zero too), counts get whole-number steps, and crowded labels are thinned.
import { describe, expect, it } from 'vitest';
import { labelStep, niceCeiling, position, scaleOf, ticks } from '../src/charts/chart-scale.ts';

describe('chart kit', () => {
  it('rounds the top of the axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    // hundredths: 1 000.00 stays, 1 200.00 → 2 000.00, 2 100.00 → 2 500.00, 3 000.00 → 5 000.00, 63 750.00 → 100 000.00
    expect(niceCeiling(100000n)).toBe(100000n);
    expect(niceCeiling(120000n)).toBe(200000n);
    expect(niceCeiling(210000n)).toBe(250000n);
    expect(niceCeiling(300000n)).toBe(500000n);
    expect(niceCeiling(6375000n)).toBe(10000000n);
    expect(niceCeiling(0n)).toBe(0n);
  });

  it('spans negative balances and places values along a length', () => {
    // a cash line from −63 750.00 to 12 000.00: −100 000 to 20 000
    const scale = scaleOf([-6375000n, 1200000n], [-6375000n, 1200000n]);
    expect(scale).toEqual({ min: -10000000n, max: 2000000n });
    // zero sits at 100 000 / 120 000 of a 240-pixel axis: 200 pixels
    expect(position(0n, scale, 240)).toBeCloseTo(200, 0);
    expect(position(-10000000n, scale, 240)).toBe(0);
    expect(position(2000000n, scale, 240)).toBe(240);
    expect(ticks(scale)).toEqual([-10000000n, -7000000n, -4000000n, -1000000n, 2000000n]);
  });

  it('gives counts whole steps, and an empty chart an axis from 0 to 4', () => {
    expect(scaleOf([0n], [300n], 'count')).toEqual({ min: 0n, max: 400n });
    expect(ticks(scaleOf([0n], [500n], 'count'))).toEqual([0n, 200n, 400n, 600n, 800n]);
    expect(scaleOf([0n], [0n])).toEqual({ min: 0n, max: 400n });
  });

  it('writes every label when there is room, every second or third when not', () => {
    // "janv." is 5 characters: 5 × 6.5 + 8 = 40.5 pixels
    expect(labelStep(50, ['janv.', 'févr.'])).toBe(1);
    expect(labelStep(21, ['janv.', 'févr.'])).toBe(2);
    expect(labelStep(14, ['janv.', 'févr.'])).toBe(3);
  });
});
