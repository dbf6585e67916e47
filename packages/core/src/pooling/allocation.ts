// The split of one service's cost between its members, with the line a member reads to understand its share:
// exact share, rounded amount (largest remainder, ties to the lower member code) and a one-line explanation.
// Pure: weights come in as data; money/allocate.ts does the arithmetic.
import type Decimal from 'decimal.js';
import { DomainError } from '../errors.ts';
import { AllocationError, allocateComposite, allocateLargestRemainder, Dec, toAmountString } from '../money/index.ts';
import { percent } from './keys.ts';

export interface AllocationBasisInput {
  /** "usage", "quantity area"... */
  label: string;
  /** Fraction of the cost, "1" for a simple key. */
  share: string;
  /** Weight per member code; a member left out weighs zero. */
  weights: Record<string, string>;
  /** Used in place of `weights` when these are all zero. */
  fallback?: { label: string; weights: Record<string, string> } | null;
}

export interface ServiceAllocationInput {
  service: { code: string; name: string };
  /** The cost pool, an amount to the centime (may be negative after adjustments). */
  cost: string;
  /** Members subscribed, by code. */
  members: readonly string[];
  bases: readonly AllocationBasisInput[];
}

export interface ServiceAllocationLine {
  memberCode: string;
  /** The member's weight and the total, for a simple key; for a composite key, its combined fraction over 1. */
  weight: string;
  totalWeight: string;
  exact: string;
  amount: string;
  remainderCentimes: number;
  explanation: string;
}

export interface ServiceAllocation {
  serviceCode: string;
  cost: string;
  /** Bases actually used: a fallback replaces a basis whose weights are all zero. */
  bases: Array<{ label: string; share: string; totalWeight: string; fallbackFrom: string | null }>;
  lines: ServiceAllocationLine[];
}

const SPACE = ' ';

/** "36000.00" → "36 000.00", as the explanation lines show amounts and weights. */
export function groupDigits(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!match) return value;
  return `${match[1]}${(match[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, SPACE)}${match[3] ?? ''}`;
}

function plain(value: Decimal | string): string {
  const d = new Dec(value);
  return d.isZero() ? '0' : d.toFixed();
}

function sumOf(weights: Record<string, string>, members: readonly string[]): Decimal {
  return members.reduce((acc, code) => acc.plus(weights[code] ?? '0'), new Dec(0));
}

/**
 * Splits a service's cost by its key. A basis whose weights are all zero uses the key's fallback, and without one
 * the split is refused with an error that names the service and the key, never a division by zero.
 */
export function allocateService(input: ServiceAllocationInput): ServiceAllocation {
  const { service, members } = input;
  const path = `services.${service.code}`;
  const fail = (message: string) => new DomainError('invalid', `${path}: ${message}`, [{ path, message }]);
  if (members.length === 0) throw fail(`cannot allocate ${service.code} (${service.name}): no member is subscribed`);
  const sorted = [...members].sort();
  const bases = input.bases.map((basis) => {
    const total = sumOf(basis.weights, sorted);
    if (!total.isZero()) return { label: basis.label, share: basis.share, weights: basis.weights, total, fallbackFrom: null };
    const fallback = basis.fallback;
    const fallbackTotal = fallback ? sumOf(fallback.weights, sorted) : new Dec(0);
    if (!fallback || fallbackTotal.isZero()) {
      throw fail(
        `cannot allocate ${groupDigits(input.cost)} of ${service.code} (${service.name}) by ${basis.label}: every member's weight is zero` +
          (fallback ? `, and so are they by its fallback ${fallback.label}` : ', and the key has no fallback'),
      );
    }
    return {
      label: fallback.label,
      share: basis.share,
      weights: fallback.weights,
      total: fallbackTotal,
      fallbackFrom: basis.label,
    };
  });
  // each basis's weights and texts written once, not once per member's line
  const written = bases.map((b) => {
    const weights = sorted.map((key) => ({ key, weight: plain(b.weights[key] ?? '0') }));
    const total = plain(b.total);
    return {
      weights,
      weightOf: new Map(weights.map((w) => [w.key, w.weight])),
      total,
      totalText: groupDigits(total),
      fallback: b.fallbackFrom ? ` (${b.label}, as no member has any ${b.fallbackFrom})` : '',
    };
  });
  let parts: ReturnType<typeof allocateLargestRemainder<string>>;
  try {
    parts =
      bases.length === 1
        ? allocateLargestRemainder(input.cost, written[0]!.weights, { label: bases[0]!.label })
        : allocateComposite(
            input.cost,
            bases.map((b, i) => ({ share: b.share, weights: written[i]!.weights, label: b.label })),
            { label: bases.map((b) => `${percent(b.share)} ${b.label}`).join(' + ') },
          );
  } catch (error) {
    if (error instanceof AllocationError) throw fail(`${service.code} (${service.name}): ${error.message}`);
    throw error;
  }
  const costText = groupDigits(toAmountString(new Dec(input.cost)));
  const negative = new Dec(input.cost).isNegative();
  const lines = parts.map((part) => {
    const fractions = bases.map((b, i) => ({
      share: b.share,
      weight: written[i]!.weightOf.get(part.key) ?? '0',
      total: written[i]!.total,
      totalText: written[i]!.totalText,
      fallback: written[i]!.fallback,
    }));
    const simple = fractions.length === 1;
    const basisText = simple
      ? `${groupDigits(fractions[0]!.weight)}/${fractions[0]!.totalText}${fractions[0]!.fallback}`
      : `(${fractions.map((f) => `${percent(f.share)} × ${groupDigits(f.weight)}/${f.totalText}${f.fallback}`).join(' + ')})`;
    const remainder = part.remainderCentimes > 0 ? `, ${negative ? '−' : '+'}0.01 remainder` : '';
    const combined = simple
      ? { weight: fractions[0]!.weight, total: fractions[0]!.total }
      : {
          weight: plain(
            bases.reduce((acc, b) => acc.plus(new Dec(b.share).times(b.weights[part.key] ?? '0').div(b.total)), new Dec(0)),
          ),
          total: '1',
        };
    return {
      memberCode: part.key,
      weight: combined.weight,
      totalWeight: combined.total,
      exact: plain(part.exact),
      amount: toAmountString(part.amount),
      remainderCentimes: part.remainderCentimes,
      explanation: `${costText} × ${basisText}${remainder}`,
    };
  });
  return {
    serviceCode: service.code,
    cost: toAmountString(new Dec(input.cost)),
    bases: bases.map((b) => ({ label: b.label, share: b.share, totalWeight: plain(b.total), fallbackFrom: b.fallbackFrom })),
    lines,
  };
}
