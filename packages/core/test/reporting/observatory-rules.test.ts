// The small-cell rule on plain facts: groups of one or two members hidden from the observatory, the next smallest
// hidden too when only one would be, nothing hidden from the staff, and a member counted where it has any figure.
import { describe, expect, it } from 'vitest';
import { groupRows, indicatorRow, type MemberFacts } from '../../src/reporting/index.ts';

let next = 1;
const fact = (province: string | null, extra: Partial<MemberFacts> = {}): MemberFacts => ({
  memberId: next++,
  code: `M${next}`,
  name: `Membre ${next}`,
  province,
  sector: null,
  area: null,
  inGie: true,
  people: 10,
  women: 4,
  youth: 3,
  jobs: 2,
  revenue: '100.00',
  pooled: '10.00',
  contribution: '8.00',
  admissions: 0,
  ...extra,
});

const byProvince = (facts: MemberFacts[], restricted: boolean) => groupRows(facts, (f) => f.province, restricted);

describe('small-cell rule', () => {
  it('hides a group of two and, so that the total cannot give it back, the next smallest group', () => {
    const facts = [
      ...Array.from({ length: 5 }, () => fact('tanger')),
      ...Array.from({ length: 3 }, () => fact('tetouan')),
      ...Array.from({ length: 4 }, () => fact('larache')),
      fact('chefchaouen'),
      fact('chefchaouen'),
    ];
    const rows = byProvince(facts, true);
    const shown = Object.fromEntries(rows.map((r) => [r.code, r.suppressed]));
    expect(shown).toEqual({ chefchaouen: true, larache: false, tanger: false, tetouan: true });
    expect(rows.find((r) => r.code === 'tetouan')).toEqual({
      code: 'tetouan',
      population: null,
      figures: null,
      suppressed: true,
    });
    // the staff see every group, with the hand-summed figures
    const staff = byProvince(facts, false);
    expect(staff.every((r) => !r.suppressed)).toBe(true);
    expect(staff.find((r) => r.code === 'chefchaouen')?.figures).toEqual({
      members: 2,
      people: 20,
      women: 8,
      youth: 6,
      jobs: 4,
      revenue: '200.00',
      pooled: '20.00',
      contribution: '16.00',
      admissions: 0,
    });
  });

  it('hides no second group when two or more are already hidden, and hides the total of a small selection', () => {
    const facts = [fact('a'), fact('b'), fact('c'), fact('c'), fact('c')];
    expect(byProvince(facts, true).map((r) => r.suppressed)).toEqual([true, true, false]);
    expect(indicatorRow(null, [fact('a'), fact('a')], true)).toMatchObject({ suppressed: true, figures: null });
    expect(indicatorRow(null, [fact('a'), fact('a'), fact('a')], true)).toMatchObject({ suppressed: false, population: 3 });
  });

  it('counts a withdrawn member that still has figures, but not one with nothing in the period', () => {
    const gone = { inGie: false, people: 50 };
    const withFigures = fact('x', gone);
    const empty = fact('x', { ...gone, revenue: '0.00', pooled: '0.00', contribution: '0.00' });
    const row = indicatorRow('x', [fact('x'), fact('x'), withFigures, empty], true);
    expect(row.population).toBe(3);
    // members and people count the members in the GIE at the end of the period; money counts everyone's
    expect(row.figures).toMatchObject({ members: 2, people: 20, revenue: '300.00' });
    expect(indicatorRow('x', [fact('x'), fact('x'), empty], true).suppressed).toBe(true);
  });
});
