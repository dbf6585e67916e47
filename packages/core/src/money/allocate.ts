// Splitting an amount between keys (members, cost centres) so that the parts add up to the total to the centime.
// Owns the largest-remainder rule, its tie-break, and the composite split used for mixed keys such as "40% equal + 60% by m²".
import Decimal from 'decimal.js';
import { Dec, describeReceived } from './decimal.ts';

/** A split that cannot be made; the message names the total, the key of allocation and the offending weight. */
export class AllocationError extends Error {
  override name = 'AllocationError';
}

export interface AllocationWeight<K extends string> {
  key: K;
  /** Any non-negative decimal (revenue, km, m², 1 for an equal split); only the proportions matter. */
  weight: Decimal | string;
}

export interface AllocationPart<K extends string> {
  /** Fraction of the total this part distributes, e.g. "0.4"; the shares of all parts sum to exactly 1. */
  share: Decimal | string;
  weights: ReadonlyArray<AllocationWeight<K>>;
  /** Names the part in error messages, e.g. "m²". */
  label?: string;
}

export interface AllocationOptions {
  /** Names the key of allocation in error messages, e.g. "revenue" in "cannot allocate 100.00 by revenue". */
  label?: string;
}

export interface Allocation<K extends string> {
  key: K;
  /** The unrounded share, total × weight / Σ weights, kept to show how the amount was obtained. */
  exact: Decimal;
  amount: Decimal;
  /** 1 when this key received one of the centimes left over after flooring, otherwise 0. */
  remainderCentimes: number;
}

/** A decimal as an integer over a power of ten, so that remainders are compared exactly rather than to 40 digits. */
interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** Reads the digits themselves: any Decimal arithmetic here would round to the configured precision. */
function fractionOf(value: Decimal): Fraction {
  const [integer = '0', decimals = ''] = value.toFixed().split('.');
  return { numerator: BigInt(`${integer}${decimals}`), denominator: 10n ** BigInt(decimals.length) };
}

function readDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value) ? new Dec(value) : undefined;
  if (Decimal.isDecimal(value) && value.isFinite()) return new Dec(value);
  return undefined;
}

function readTotal(total: unknown, label: string): bigint {
  const value = readDecimal(total);
  if (value === undefined || value.decimalPlaces() > 2) {
    throw new AllocationError(
      `cannot allocate ${describeReceived(total)} by ${label}: the total must be an amount with at most 2 decimals such as "1250.00"`,
    );
  }
  const { numerator, denominator } = fractionOf(value);
  return (numerator * 100n) / denominator;
}

function centimesToString(centimes: bigint): string {
  const sign = centimes < 0n ? '-' : '';
  const digits = (centimes < 0n ? -centimes : centimes).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Powers of ten only, so the largest is also the least common multiple. */
function largestPowerOfTen(fractions: ReadonlyArray<Fraction>): bigint {
  let largest = 1n;
  for (const { denominator } of fractions) if (denominator > largest) largest = denominator;
  return largest;
}

/** Validates one list of weights and scales it to integers with the same proportions, over their sum. */
function readWeights<K extends string>(
  weights: ReadonlyArray<AllocationWeight<K>>,
  context: string,
): { keys: K[]; numerators: bigint[]; sum: bigint } {
  if (!Array.isArray(weights) || weights.length === 0) throw new AllocationError(`${context}: there are no keys to allocate to`);
  const seen = new Set<string>();
  const keys: K[] = [];
  const fractions: Fraction[] = [];
  for (const { key, weight } of weights) {
    if (seen.has(key)) throw new AllocationError(`${context}: the key ${JSON.stringify(key)} appears more than once`);
    seen.add(key);
    const value = readDecimal(weight);
    if (value === undefined) {
      throw new AllocationError(
        `${context}: the weight of ${JSON.stringify(key)} must be a decimal such as "12.5", received ${describeReceived(weight)}`,
      );
    }
    if (value.isNegative() && !value.isZero()) {
      throw new AllocationError(`${context}: the weight of ${JSON.stringify(key)} is negative (${value.toString()})`);
    }
    keys.push(key);
    fractions.push(fractionOf(value.abs()));
  }
  const scale = largestPowerOfTen(fractions);
  const numerators = fractions.map((f) => f.numerator * (scale / f.denominator));
  const sum = numerators.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new AllocationError(`${context}: every weight is zero`);
  return { keys, numerators, sum };
}

/**
 * Floors every exact share (numerators over one common denominator, in centimes) and hands the centimes left over, one
 * each, to the largest remainders. Ties go to the lower key so that the result never depends on the order rows came in.
 */
function largestRemainder<K extends string>(
  totalCentimes: bigint,
  keys: K[],
  numerators: bigint[],
  denominator: bigint,
): Allocation<K>[] {
  // A negative total is split as its opposite then negated, so every part keeps the total's sign and the rule stays symmetric.
  const sign = totalCentimes < 0n ? -1n : 1n;
  const magnitude = totalCentimes * sign;
  const floors = numerators.map((n) => (magnitude * n) / denominator);
  const remainders = numerators.map((n) => (magnitude * n) % denominator);
  let leftover = magnitude - floors.reduce((a, b) => a + b, 0n);
  const order = keys
    .map((_, index) => index)
    .sort((a, b) => {
      const ra = remainders[a]!;
      const rb = remainders[b]!;
      if (ra !== rb) return ra > rb ? -1 : 1;
      return keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0;
    });
  const extra = keys.map(() => 0);
  for (const index of order) {
    if (leftover === 0n) break;
    extra[index] = 1;
    leftover -= 1n;
  }
  const exactDenominator = new Dec(denominator.toString()).times(100);
  return keys.map((key, index) => {
    const centimes = (floors[index]! + BigInt(extra[index]!)) * sign;
    const exact = new Dec((magnitude * numerators[index]!).toString()).div(exactDenominator).times(sign.toString());
    return {
      key,
      exact: exact.isZero() ? new Dec(0) : exact,
      amount: new Dec(centimesToString(centimes)),
      remainderCentimes: extra[index]!,
    };
  });
}

/**
 * Splits `total` in proportion to `weights` by the largest-remainder method: the amounts always add up to the total
 * exactly, each differs from its exact share by less than one centime, and the result is in the order of `weights`.
 */
export function allocateLargestRemainder<K extends string>(
  total: Decimal | string,
  weights: ReadonlyArray<AllocationWeight<K>>,
  options: AllocationOptions = {},
): Allocation<K>[] {
  const label = options.label ?? 'weight';
  const totalCentimes = readTotal(total, label);
  const context = `cannot allocate ${centimesToString(totalCentimes)} by ${label}`;
  const { keys, numerators, sum } = readWeights(weights, context);
  return largestRemainder(totalCentimes, keys, numerators, sum);
}

/**
 * Splits `total` between several keys of allocation at once (e.g. 40% equally and 60% by m²): the exact shares of
 * every part are added up per key before one single rounding, so a key never collects a rounding centime per part.
 * Keys may differ between parts; a key absent from a part has weight zero there. The result follows first appearance.
 */
export function allocateComposite<K extends string>(
  total: Decimal | string,
  parts: ReadonlyArray<AllocationPart<K>>,
  options: AllocationOptions = {},
): Allocation<K>[] {
  const label = options.label ?? 'composite key';
  const totalCentimes = readTotal(total, label);
  const context = `cannot allocate ${centimesToString(totalCentimes)} by ${label}`;
  if (!Array.isArray(parts) || parts.length === 0) throw new AllocationError(`${context}: there are no parts`);

  const keys: K[] = [];
  const indexOf = new Map<string, number>();
  const readParts = parts.map((part, partIndex) => {
    const partContext = `${context}, part ${part.label ?? String(partIndex + 1)}`;
    const share = readDecimal(part.share);
    if (share === undefined || share.isNegative()) {
      throw new AllocationError(
        `${partContext}: the share must be a non-negative fraction such as "0.4", received ${describeReceived(part.share)}`,
      );
    }
    const { keys: partKeys, numerators, sum } = readWeights<K>(part.weights, partContext);
    for (const key of partKeys) {
      if (!indexOf.has(key)) {
        indexOf.set(key, keys.length);
        keys.push(key);
      }
    }
    return { share: fractionOf(share), partKeys, numerators, sum };
  });

  const shareScale = largestPowerOfTen(readParts.map((p) => p.share));
  const shareSum = readParts.reduce((acc, p) => acc + p.share.numerator * (shareScale / p.share.denominator), 0n);
  if (shareSum !== shareScale) {
    const written = new Dec(shareSum.toString()).div(shareScale.toString()).toFixed();
    throw new AllocationError(`${context}: the shares must add up to 1, they add up to ${written}`);
  }

  // Σ_i share_i × w_ij / S_i over one common denominator, the product of every part's (share denominator × S_i).
  const denominator = readParts.reduce((acc, p) => acc * p.share.denominator * p.sum, 1n);
  const numerators = keys.map(() => 0n);
  for (const p of readParts) {
    const factor = (p.share.numerator * denominator) / (p.share.denominator * p.sum);
    p.partKeys.forEach((key, j) => {
      const index = indexOf.get(key)!;
      numerators[index] = numerators[index]! + factor * p.numerators[j]!;
    });
  }
  return largestRemainder(totalCentimes, keys, numerators, denominator);
}
