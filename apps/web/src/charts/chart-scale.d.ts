/** How the values read: amounts in dirhams (2 decimals) or counts. */
export type ValueKind = 'amount' | 'count';
/**
 * Values in hundredths, for geometry only: lengths on the screen come from them, every figure shown comes from
 * the API's text. A value that is not a decimal draws nothing.
 */
export declare const hundredths: (value: string) => bigint;
/** The top of the axis: a round number (1, 2, 2.5 or 5 × 10ⁿ hundredths) at or above `max`. */
export declare function niceCeiling(max: bigint): bigint;
/** The span of an axis: from the lowest total (zero or below) to the highest (zero or above), rounded outwards. */
export interface Scale {
  min: bigint;
  max: bigint;
}
export declare function scaleOf(lows: readonly bigint[], highs: readonly bigint[], kind?: ValueKind): Scale;
/** Where `value` (in hundredths) falls on a length `span` drawn from min to max, in thousandths of precision. */
export declare function position(value: bigint, scale: Scale, span: number): number;
/** Four equal steps between the ends of the axis, in hundredths (the axis labels). */
export declare function ticks(scale: Scale, count?: number): bigint[];
/**
 * Which category labels to write when they would overlap: every `step`-th one, so that the longest (about 6.5
 * pixels a character at 12 pixels) keeps some room.
 */
export declare function labelStep(band: number, labels: readonly string[]): number;
