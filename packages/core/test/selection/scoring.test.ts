// The committee's arithmetic on a worked example: five weighted criteria on different scales, three members,
// three applications (one conflict, one incomplete scorer, one tie decided by the heaviest criterion).
import { describe, expect, it } from 'vitest';
import {
  type CriterionScore,
  checkCriteria,
  computeResults,
  defaultQuorum,
  type GridCriterion,
  normalise,
} from '../../src/selection/scoring.ts';

const GRID: GridCriterion[] = [
  { id: 1, position: 1, label: 'Pertinence du projet', weight: '30', scaleMin: 0, scaleMax: 5 },
  { id: 2, position: 2, label: 'Viabilité économique', weight: '25', scaleMin: 0, scaleMax: 10 },
  { id: 3, position: 3, label: 'Impact emploi, femmes et jeunes', weight: '20', scaleMin: 1, scaleMax: 5 },
  { id: 4, position: 4, label: 'Gouvernance coopérative', weight: '15', scaleMin: 0, scaleMax: 5 },
  { id: 5, position: 5, label: 'Besoin en services mutualisés', weight: '10', scaleMin: 0, scaleMax: 3 },
];
const [A, B, C] = [101, 102, 103];
const [X, Y, Z] = [10, 11, 12];

function marks(applicationId: number, userId: number, values: number[]): CriterionScore[] {
  return values.map((value, i) => ({ applicationId, userId, criterionId: i + 1, value: String(value) }));
}

const SCORES: CriterionScore[] = [
  ...marks(X, A, [4, 7, 4, 3, 2]), // 24 + 17.5 + 15 + 9 + 6.6667 = 72.1667
  ...marks(X, B, [5, 8, 5, 4, 3]), // 30 + 20 + 20 + 12 + 10 = 92
  ...marks(Y, A, [2, 3, 2, 2, 1]), // 12 + 7.5 + 5 + 6 + 3.3333 = 33.8333
  ...marks(Y, B, [5, 9, 4, 4, 3]), // 30 + 22.5 + 15 + 12 + 10 = 89.5
  ...marks(Y, C, [3, 6, 3, 3, 2]), // 18 + 15 + 10 + 9 + 6.6667 = 58.6667
  ...marks(Z, A, [5, 7, 3, 5, 3]), // 30 + 17.5 + 10 + 15 + 10 = 82.5
  ...marks(Z, C, [5, 8, 3, 5, 2]), // 30 + 20 + 10 + 15 + 6.6667 = 81.6667
  { applicationId: Z, userId: B, criterionId: 1, value: '1' }, // B left Z unfinished
];

const EXAMPLE = {
  criteria: GRID,
  applications: [
    { id: X, submittedAt: '2026-02-01T09:00:00.000Z' },
    { id: Y, submittedAt: '2026-02-02T09:00:00.000Z' },
    { id: Z, submittedAt: '2026-02-03T09:00:00.000Z' },
  ],
  scores: SCORES,
  committee: [A, B, C],
  conflicts: [{ applicationId: X, userId: C }],
  threshold: '65',
  places: 1,
};

describe('selection scoring', () => {
  it('brings each mark to the 0..100 basis of its own scale', () => {
    expect(normalise('4', GRID[0]!).toString()).toBe('80');
    expect(normalise('3', GRID[2]!).toString()).toBe('50'); // scale 1..5: 3 is halfway
    expect(normalise('2', GRID[4]!).toFixed(4)).toBe('66.6667');
  });

  it('computes weighted scores per member, means, spreads, ranking with its tie rule, threshold and places', () => {
    const results = computeResults(EXAMPLE);
    expect(results.map((r) => [r.applicationId, r.rank, r.mean, r.suggestion])).toEqual([
      [Z, 1, '82.08', 'admitted'],
      [X, 2, '82.08', 'waiting'],
      [Y, 3, '60.67', 'rejected'],
    ]);
    const [z, x, y] = results;
    // X: C declared a conflict and abstains; A and B count
    expect(x?.members).toEqual([
      { userId: A, score: '72.17' },
      { userId: B, score: '92.00' },
    ]);
    expect(x?.abstentions).toEqual([C]);
    expect(x?.missing).toEqual([]);
    // Z: B marked one criterion only, so B's marks do not count and B is listed as missing
    expect(z?.members).toEqual([
      { userId: A, score: '82.50' },
      { userId: C, score: '81.67' },
    ]);
    expect(z?.missing).toEqual([B]);
    // equal means (82.08): Z first because its mean on the heaviest criterion (30 %) is 100 against 90
    expect(z?.tied).toBe(true);
    expect(x?.tied).toBe(true);
    expect(z?.criteria[0]?.mean).toBe('100.00');
    expect(x?.criteria[0]?.mean).toBe('90.00');
    expect(y?.tied).toBe(false);
    // Y: members disagree strongly (40 against 100 on relevance, 30 against 90 on viability)
    expect(y?.criteria[0]).toEqual({
      criterionId: 1,
      mean: '66.67',
      min: '40.00',
      max: '100.00',
      stddev: '24.94',
      disagreement: true,
    });
    expect(y?.criteria[1]?.disagreement).toBe(true);
    expect(y?.criteria[2]).toMatchObject({ min: '25.00', max: '75.00', disagreement: true });
    expect(y?.disagreement).toBe(true);
    expect(x?.disagreement).toBe(false);
    expect(z?.disagreement).toBe(false);
    expect(results.map((r) => [r.aboveThreshold, r.withinPlaces])).toEqual([
      [true, true],
      [true, false],
      [false, false],
    ]);
  });

  it('orders identical results by earlier submission, then by the lower application number', () => {
    const same = [...marks(1, A, [3, 5, 3, 3, 2]), ...marks(2, A, [3, 5, 3, 3, 2]), ...marks(3, A, [3, 5, 3, 3, 2])];
    const results = computeResults({
      ...EXAMPLE,
      committee: [A],
      conflicts: [],
      scores: same,
      applications: [
        { id: 1, submittedAt: '2026-02-02T00:00:00.000Z' },
        { id: 2, submittedAt: '2026-02-01T00:00:00.000Z' },
        { id: 3, submittedAt: '2026-02-02T00:00:00.000Z' },
      ],
      places: 2,
      threshold: '0',
    });
    expect(results.map((r) => r.applicationId)).toEqual([2, 1, 3]);
    expect(results.map((r) => r.suggestion)).toEqual(['admitted', 'admitted', 'waiting']);
  });

  it('leaves an application nobody scored completely unranked', () => {
    const results = computeResults({ ...EXAMPLE, scores: SCORES.filter((s) => s.applicationId !== Y) });
    const y = results.find((r) => r.applicationId === Y);
    expect(y).toMatchObject({ mean: null, rank: null, suggestion: null, missing: [A, B, C], criteria: [] });
    expect(results.at(-1)?.applicationId).toBe(Y);
  });

  it('checks a grid: weights add up to 100, scales go upward', () => {
    expect(checkCriteria(GRID)).toEqual([]);
    expect(
      checkCriteria([
        { label: 'A', weight: '60', scaleMin: 0, scaleMax: 5 },
        { label: 'B', weight: '30', scaleMin: 0, scaleMax: 5 },
      ]),
    ).toEqual([{ path: 'criteria', message: 'the weights add up to 90, expected 100' }]);
    expect(checkCriteria([{ label: ' ', weight: '100', scaleMin: 3, scaleMax: 3 }]).map((e) => e.path)).toEqual([
      'criteria.0.label',
      'criteria.0.scaleMax',
    ]);
    expect(checkCriteria([])).toEqual([{ path: 'criteria', message: 'a grid needs at least one criterion' }]);
  });

  it('sets the default quorum at half of the committee plus one', () => {
    expect([1, 2, 3, 4, 5, 6].map(defaultQuorum)).toEqual([1, 2, 2, 3, 3, 4]);
  });
});
