// The arithmetic of the charts, apart from the DOM: values in hundredths, the axis and its steps, where a value
// falls on a length, which labels fit. Figures shown always come from the API's texts; these only place them.
import { toCents } from '../ledger/money.ts';

/** How the values read: amounts in dirhams (2 decimals) or counts. */
export type ValueKind = 'amount' | 'count';

/**
 * Values in hundredths, for geometry only: lengths on the screen come from them, every figure shown comes from
 * the API's text. A value that is not a decimal draws nothing.
 */
export const hundredths = (value: string): bigint => toCents(value) ?? 0n;

/** The top of the axis: a round number (1, 2, 2.5 or 5 × 10ⁿ hundredths) at or above `max`. */
export function niceCeiling(max: bigint): bigint {
  if (max <= 0n) return 0n;
  let magnitude = 1n;
  while (magnitude * 10n <= max) magnitude *= 10n;
  for (const step of [1n, 2n, 5n, 10n]) {
    // 2.5 × magnitude sits between 2 and 5
    if (step === 5n && (magnitude * 25n) / 10n >= max) return (magnitude * 25n) / 10n;
    if (magnitude * step >= max) return magnitude * step;
  }
  return magnitude * 10n;
}

/** The span of an axis: from the lowest total (zero or below) to the highest (zero or above), rounded outwards. */
export interface Scale {
  min: bigint;
  max: bigint;
}

export function scaleOf(lows: readonly bigint[], highs: readonly bigint[], kind: ValueKind = 'amount'): Scale {
  let low = 0n;
  let high = 0n;
  for (const v of lows) if (v < low) low = v;
  for (const v of highs) if (v > high) high = v;
  if (kind === 'count') {
    // four steps of whole numbers: the top is the next multiple of 4
    const whole = (v: bigint) => ((v + 399n) / 400n) * 400n;
    return { min: -whole(-low), max: high === 0n && low === 0n ? 400n : whole(high) };
  }
  const max = niceCeiling(high);
  const min = -niceCeiling(-low);
  // nothing to draw: an axis of 0 to 4 rather than steps of a quarter of a dirham
  return max === 0n && min === 0n ? { min: 0n, max: 400n } : { min, max };
}

/** Where `value` (in hundredths) falls on a length `span` drawn from min to max, in thousandths of precision. */
export function position(value: bigint, scale: Scale, span: number): number {
  const range = scale.max - scale.min;
  if (range <= 0n) return 0;
  return (Number(((value - scale.min) * 1000n) / range) / 1000) * span;
}

/** Four equal steps between the ends of the axis, in hundredths (the axis labels). */
export function ticks(scale: Scale, count = 4): bigint[] {
  const range = scale.max - scale.min;
  return Array.from({ length: count + 1 }, (_, i) => scale.min + (range * BigInt(i)) / BigInt(count));
}

/**
 * Which category labels to write when they would overlap: every `step`-th one, so that the longest (about 6.5
 * pixels a character at 12 pixels) keeps some room.
 */
export function labelStep(band: number, labels: readonly string[]): number {
  const longest = labels.reduce((n, l) => Math.max(n, l.length), 0);
  return Math.max(1, Math.ceil((longest * 6.5 + 8) / band));
}
