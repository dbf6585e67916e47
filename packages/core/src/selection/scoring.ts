// The committee's arithmetic: weighted scores out of 100, means across members, spread and disagreement,
// ranking with its tie rule, the threshold line and the places. Pure functions over plain data, no database.
import { Dec } from '../money/index.ts';

export interface GridCriterion {
  id: number;
  label: string;
  /** Percent of the total; the weights of a grid add up to 100. */
  weight: string;
  scaleMin: number;
  scaleMax: number;
  /** Order in the grid, for display and for the tie rule between equal weights. */
  position: number;
}

export interface CriterionScore {
  applicationId: number;
  userId: number;
  criterionId: number;
  value: string;
}

export interface ScoredApplication {
  id: number;
  /** ISO timestamp of submission: the last tie-break. */
  submittedAt: string;
}

export interface ScoringInput {
  criteria: readonly GridCriterion[];
  applications: readonly ScoredApplication[];
  scores: readonly CriterionScore[];
  /** Users on the committee (every one of them is expected to score each application they have no conflict with). */
  committee: readonly number[];
  conflicts: ReadonlyArray<{ applicationId: number; userId: number }>;
  /** Admission threshold on the 0..100 basis. */
  threshold: string;
  places: number;
  /** Points of the 0..100 basis between the lowest and highest member on one criterion that flag a disagreement. */
  disagreementSpread?: string;
}

export interface MemberResult {
  userId: number;
  /** The member's weighted score out of 100, 2 decimals. */
  score: string;
}

export interface CriterionSpread {
  criterionId: number;
  /** Mean, lowest, highest and population standard deviation of the members' marks, on the 0..100 basis. */
  mean: string;
  min: string;
  max: string;
  stddev: string;
  disagreement: boolean;
}

export type Suggestion = 'admitted' | 'waiting' | 'rejected';

export interface ApplicationResult {
  applicationId: number;
  /** Members whose complete scoring counts. */
  members: MemberResult[];
  /** Members with a declared conflict: they abstain and their marks never count. */
  abstentions: number[];
  /** Committee members with no conflict who did not score every criterion: their partial marks do not count. */
  missing: number[];
  /** Mean of the members' weighted scores, 2 decimals; null when nobody scored it completely. */
  mean: string | null;
  criteria: CriterionSpread[];
  disagreement: boolean;
  /** 1 for the best; null when unscored. */
  rank: number | null;
  /** True when its mean equals another application's and the tie rule decided the order. */
  tied: boolean;
  aboveThreshold: boolean;
  withinPlaces: boolean;
  /** What the grid suggests; the committee decides. */
  suggestion: Suggestion | null;
}

/** Default for `disagreementSpread`: half of the scale between the lowest and the highest mark of one criterion. */
export const DEFAULT_DISAGREEMENT_SPREAD = '50';

const HUNDRED = new Dec(100);
const round2 = (value: Dec): Dec => value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
const text2 = (value: Dec): string => round2(value).toFixed(2);

/** A mark on its criterion's own scale, brought to the 0..100 basis: min → 0, max → 100. */
export function normalise(value: string, criterion: GridCriterion): Dec {
  return new Dec(value)
    .minus(criterion.scaleMin)
    .times(HUNDRED)
    .div(criterion.scaleMax - criterion.scaleMin);
}

/** One member's weighted score of one application, out of 100, exact (round it for display). */
export function weightedScore(criteria: readonly GridCriterion[], marks: ReadonlyMap<number, string>): Dec {
  let total = new Dec(0);
  for (const criterion of criteria) {
    const mark = marks.get(criterion.id);
    if (mark === undefined) throw new Error(`no mark for criterion ${criterion.id}`);
    total = total.plus(normalise(mark, criterion).times(criterion.weight).div(HUNDRED));
  }
  return total;
}

/** Problems with a grid's criteria, each naming its field: weights add up to 100, scales go upward. */
export function checkCriteria(
  criteria: ReadonlyArray<{ label: string; weight: string; scaleMin: number; scaleMax: number }>,
  field = 'criteria',
): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  if (criteria.length === 0) errors.push({ path: field, message: 'a grid needs at least one criterion' });
  let sum = new Dec(0);
  criteria.forEach((c, i) => {
    if (!c.label.trim()) errors.push({ path: `${field}.${i}.label`, message: 'required' });
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(c.weight) || new Dec(c.weight).lte(0) || new Dec(c.weight).gt(100)) {
      errors.push({ path: `${field}.${i}.weight`, message: `expected a weight above 0 and up to 100, received "${c.weight}"` });
    } else {
      sum = sum.plus(c.weight);
    }
    if (!Number.isInteger(c.scaleMin) || c.scaleMin < 0) {
      errors.push({ path: `${field}.${i}.scaleMin`, message: `expected a whole number from 0, received ${c.scaleMin}` });
    }
    if (!Number.isInteger(c.scaleMax) || c.scaleMax <= c.scaleMin || c.scaleMax > 100) {
      errors.push({
        path: `${field}.${i}.scaleMax`,
        message: `expected a whole number above scaleMin (${c.scaleMin}) and up to 100, received ${c.scaleMax}`,
      });
    }
  });
  if (errors.length === 0 && !sum.eq(100)) {
    errors.push({ path: field, message: `the weights add up to ${sum.toString()}, expected 100` });
  }
  return errors;
}

/**
 * Results of a call. A member's marks count for an application when the member has no conflict on it and marked
 * every criterion. The mean is the plain mean of those members' weighted scores.
 *
 * Tie rule (documented in docs/architecture.md): applications are ranked by their mean rounded to 2 decimals, the
 * figure the minutes print; equal means are ordered by the mean on the heaviest criterion (then the next heaviest;
 * equal weights in grid order), then by earlier submission, then by the lower application number.
 */
export function computeResults(input: ScoringInput): ApplicationResult[] {
  const spreadLimit = new Dec(input.disagreementSpread ?? DEFAULT_DISAGREEMENT_SPREAD);
  const criteria = [...input.criteria].sort((a, b) => a.position - b.position);
  const conflicted = new Set(input.conflicts.map((c) => `${c.applicationId}:${c.userId}`));
  const marksOf = new Map<string, Map<number, string>>();
  for (const score of input.scores) {
    const key = `${score.applicationId}:${score.userId}`;
    const marks = marksOf.get(key) ?? new Map<number, string>();
    marksOf.set(key, marks);
    marks.set(score.criterionId, score.value);
  }
  const criterionIds = new Set(criteria.map((c) => c.id));
  const scorers = [...new Set([...input.committee, ...input.scores.map((s) => s.userId)])].sort((a, b) => a - b);

  const results = input.applications.map((application) => {
    const members: Array<{ userId: number; score: Dec; marks: Map<number, string> }> = [];
    const abstentions: number[] = [];
    const missing: number[] = [];
    for (const userId of scorers) {
      const key = `${application.id}:${userId}`;
      if (conflicted.has(key)) {
        abstentions.push(userId);
        continue;
      }
      const marks = marksOf.get(key);
      const complete = marks !== undefined && [...criterionIds].every((id) => marks.has(id));
      if (complete) members.push({ userId, score: weightedScore(criteria, marks), marks });
      else if (input.committee.includes(userId)) missing.push(userId);
    }
    const spreads = criteria.map((criterion): CriterionSpread & { exactMean: Dec } => {
      const values = members.map((m) => normalise(m.marks.get(criterion.id) as string, criterion));
      if (values.length === 0) {
        return { criterionId: criterion.id, mean: '', min: '', max: '', stddev: '', disagreement: false, exactMean: new Dec(-1) };
      }
      const mean = values.reduce((a, b) => a.plus(b), new Dec(0)).div(values.length);
      const variance = values.reduce((a, v) => a.plus(v.minus(mean).pow(2)), new Dec(0)).div(values.length);
      const min = Dec.min(...values);
      const max = Dec.max(...values);
      return {
        criterionId: criterion.id,
        mean: text2(mean),
        min: text2(min),
        max: text2(max),
        stddev: text2(variance.sqrt()),
        disagreement: max.minus(min).gte(spreadLimit),
        exactMean: round2(mean),
      };
    });
    const mean = members.length === 0 ? null : round2(members.reduce((a, m) => a.plus(m.score), new Dec(0)).div(members.length));
    return { application, members, abstentions, missing, mean, spreads };
  });

  // heaviest criteria first for the tie rule; equal weights keep the grid's order
  const tieOrder = criteria
    .map((c, index) => ({ index, weight: new Dec(c.weight), position: c.position }))
    .sort((a, b) => b.weight.comparedTo(a.weight) || a.position - b.position);
  const ranked = results
    .filter((r) => r.mean !== null)
    .sort((a, b) => {
      const byMean = (b.mean as Dec).comparedTo(a.mean as Dec);
      if (byMean !== 0) return byMean;
      for (const { index } of tieOrder) {
        const none = new Dec(-1);
        const diff = (b.spreads[index]?.exactMean ?? none).comparedTo(a.spreads[index]?.exactMean ?? none);
        if (diff !== 0) return diff;
      }
      if (a.application.submittedAt !== b.application.submittedAt) {
        return a.application.submittedAt < b.application.submittedAt ? -1 : 1;
      }
      return a.application.id - b.application.id;
    });
  const rankOf = new Map(ranked.map((r, i) => [r.application.id, i + 1]));
  const threshold = new Dec(input.threshold);
  const aboveCount = ranked.filter((r) => (r.mean as Dec).gte(threshold)).length;

  const out = results.map((r): ApplicationResult => {
    const rank = rankOf.get(r.application.id) ?? null;
    const above = r.mean?.gte(threshold) === true;
    const within = above && rank !== null && rank <= Math.min(input.places, aboveCount);
    const tied = r.mean !== null && ranked.some((o) => o !== r && (o.mean as Dec).eq(r.mean as Dec));
    const spreadView = r.spreads.map(({ exactMean: _omit, ...rest }) => rest);
    return {
      applicationId: r.application.id,
      members: r.members.map((m) => ({ userId: m.userId, score: text2(m.score) })),
      abstentions: r.abstentions,
      missing: r.missing,
      mean: r.mean === null ? null : r.mean.toFixed(2),
      criteria: r.members.length === 0 ? [] : spreadView,
      disagreement: spreadView.some((s) => s.disagreement),
      rank,
      tied,
      aboveThreshold: above,
      withinPlaces: within,
      suggestion: r.mean === null ? null : within ? 'admitted' : above ? 'waiting' : 'rejected',
    };
  });
  return out.sort(
    (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.applicationId - b.applicationId,
  );
}

/** The quorum of a committee when the call sets none: half of its members, plus one (3 of 4, 3 of 5). */
export function defaultQuorum(committeeSize: number): number {
  return Math.floor(committeeSize / 2) + 1;
}
