// Keys of allocation as values: their kinds, their parameters, how they read in a sentence, and their checks.
// Pure: the weights themselves come from weights.ts, the split from allocation.ts.
import type { FieldError } from '../errors.ts';
import { Dec } from '../money/index.ts';

export const BASIC_KEY_KINDS = ['equal', 'usage', 'revenue', 'headcount', 'fixed', 'quantity'] as const;
export type BasicKeyKind = (typeof BASIC_KEY_KINDS)[number];
export const KEY_KINDS = [...BASIC_KEY_KINDS, 'composite'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];
/** Kinds a key may fall back to when all its weights are zero: those that need no parameter of their own. */
export const FALLBACK_KINDS = ['equal', 'usage', 'revenue', 'headcount'] as const;
export type FallbackKind = (typeof FALLBACK_KINDS)[number];
export const HEADCOUNT_SOURCES = ['people', 'jobs'] as const;
export type HeadcountSource = (typeof HEADCOUNT_SOURCES)[number];

/** One basis of weights: a whole key, or a component of a composite key. */
export interface KeyBasis {
  kind: BasicKeyKind;
  /** quantity: the name of the per-member quantity (e.g. "area"). */
  quantity?: string | null;
  /** headcount: the member's people (default) or jobs. */
  headcount?: HeadcountSource | null;
  /** fixed: weight per member id. */
  weights?: Array<{ memberId: number; weight: string }> | null;
}

export interface KeyComponent extends KeyBasis {
  /** Fraction of the cost this component splits, "0.4"; the components' shares add up to exactly 1. */
  share: string;
}

export interface KeySpec extends Omit<KeyBasis, 'kind'> {
  kind: KeyKind;
  components?: KeyComponent[] | null;
  fallback?: FallbackKind | null;
}

const QUANTITY_NAME = /^[a-z][a-z0-9_]{1,30}$/;
const WEIGHT = /^\d{1,12}(\.\d{1,6})?$/;
const SHARE = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

function checkBasis(basis: KeyBasis, at: string, errors: FieldError[]): void {
  if (!(BASIC_KEY_KINDS as readonly string[]).includes(basis.kind)) {
    errors.push({ path: `${at}kind`, message: `expected one of ${BASIC_KEY_KINDS.join(', ')}, received "${basis.kind}"` });
    return;
  }
  if (basis.kind === 'quantity' && !QUANTITY_NAME.test(basis.quantity ?? '')) {
    errors.push({
      path: `${at}quantity`,
      message: `a key by quantity names the quantity, such as "area" (lower case), received "${basis.quantity ?? ''}"`,
    });
  }
  if (basis.kind === 'headcount' && basis.headcount && !(HEADCOUNT_SOURCES as readonly string[]).includes(basis.headcount)) {
    errors.push({ path: `${at}headcount`, message: `expected people or jobs, received "${basis.headcount}"` });
  }
  if (basis.kind === 'fixed') {
    const weights = basis.weights ?? [];
    if (weights.length === 0) errors.push({ path: `${at}weights`, message: 'a key by fixed weights lists at least one member' });
    const seen = new Set<number>();
    weights.forEach((w, i) => {
      if (!WEIGHT.test(w.weight ?? '')) {
        errors.push({
          path: `${at}weights.${i}.weight`,
          message: `expected a non-negative decimal such as "2.5", received "${w.weight}"`,
        });
      }
      if (seen.has(w.memberId))
        errors.push({ path: `${at}weights.${i}.memberId`, message: `member ${w.memberId} appears twice` });
      seen.add(w.memberId);
    });
  }
}

/** Every problem of a key, each naming its field; empty when the key can be used. */
export function checkKeySpec(spec: KeySpec, prefix = 'key'): FieldError[] {
  const errors: FieldError[] = [];
  const at = prefix ? `${prefix}.` : '';
  if (spec.kind === 'composite') {
    const components = spec.components ?? [];
    if (components.length < 2) {
      errors.push({ path: `${at}components`, message: 'a composite key combines at least two components' });
      return errors;
    }
    let total = new Dec(0);
    components.forEach((component, i) => {
      checkBasis(component, `${at}components.${i}.`, errors);
      if (!SHARE.test(component.share ?? '')) {
        errors.push({
          path: `${at}components.${i}.share`,
          message: `expected a fraction from 0 to 1 such as "0.4", received "${component.share}"`,
        });
      } else {
        total = total.plus(component.share);
      }
    });
    if (errors.length === 0 && !total.eq(1)) {
      errors.push({ path: `${at}components`, message: `the shares must add up to 1, they add up to ${total.toString()}` });
    }
  } else {
    checkBasis({ ...spec, kind: spec.kind }, at, errors);
  }
  if (spec.fallback && !(FALLBACK_KINDS as readonly string[]).includes(spec.fallback)) {
    errors.push({ path: `${at}fallback`, message: `expected one of ${FALLBACK_KINDS.join(', ')}, received "${spec.fallback}"` });
  }
  return errors;
}

const KIND_LABEL: Record<BasicKeyKind, string> = {
  equal: 'equal shares',
  usage: 'usage',
  revenue: 'revenue invoiced',
  headcount: 'headcount',
  fixed: 'fixed weights',
  quantity: 'quantity',
};

/** How a basis reads in an explanation or an error: "usage", "quantity area", "headcount (jobs)". */
export function basisLabel(basis: KeyBasis): string {
  if (basis.kind === 'quantity') return `quantity ${basis.quantity ?? ''}`.trim();
  if (basis.kind === 'headcount') return `headcount (${basis.headcount ?? 'people'})`;
  return KIND_LABEL[basis.kind];
}

/** How a whole key reads: "40% equal shares + 60% quantity area". */
export function keyLabel(spec: KeySpec): string {
  if (spec.kind !== 'composite') return basisLabel({ ...spec, kind: spec.kind });
  return (spec.components ?? []).map((c) => `${percent(c.share)} ${basisLabel(c)}`).join(' + ');
}

/** "0.4" → "40%". */
export function percent(share: string): string {
  return `${new Dec(share).times(100).toDecimalPlaces(4).toString()}%`;
}

/** The bases a key needs weights for: itself, or each of its components. */
export function keyBases(spec: KeySpec): Array<KeyBasis & { share: string }> {
  if (spec.kind === 'composite') return (spec.components ?? []).map((c) => ({ ...c }));
  return [{ ...spec, kind: spec.kind, share: '1' }];
}
