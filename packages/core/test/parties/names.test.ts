import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  duplicateReason,
  groupDuplicates,
  keySimilarity,
  levenshtein,
  nameKey,
  nameSimilarity,
  SIMILAR_NAME_THRESHOLD,
} from '../../src/parties/names.ts';

describe('nameKey', () => {
  it('reduces spellings of the same company to one key', () => {
    expect(nameKey('Société Atlas SARL')).toBe('atlas');
    expect(nameKey('ATLAS s.a.r.l.')).toBe('atlas');
    expect(nameKey('Sté ATLAS S.A.')).toBe('atlas');
    expect(nameKey('  Ets.   Atlas  -  Groupe ')).toBe('atlas');
  });

  it('drops accents, punctuation and legal forms but keeps the words that say who it is', () => {
    expect(nameKey('Coopérative Al-Baraka (Chefchaouen)')).toBe('al baraka chefchaouen');
    expect(nameKey("Établissements L'Étoile du Nord & Fils")).toBe('letoile du nord fils');
    expect(nameKey('SARLAU Tétouan Négoce')).toBe('tetouan negoce');
    expect(nameKey('COOP Nour')).toBe('nour');
    expect(nameKey('Cœur de Rif')).toBe('coeur de rif');
  });

  it('folds Arabic legal forms and letter variants', () => {
    expect(nameKey('شركة الأمل')).toBe(nameKey('الامل'));
    expect(nameKey('تعاونية البركة')).toBe('البركه');
    expect(nameKey('تعاونيه البركة')).toBe('البركه');
  });

  it('keeps the legal words of a name made of nothing else, so that it still has a key', () => {
    expect(nameKey('S.A.R.L.')).toBe('sarl');
    expect(nameKey('Groupe SA')).toBe('groupe sa');
    expect(nameKey('...')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (name) => nameKey(nameKey(name)) === nameKey(name)));
  });
});

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', 'abc')).toBe(0);
    expect(levenshtein('البركه', 'البركة')).toBe(1);
  });

  it('gives up beyond max, answering max + 1, and is exact within it', () => {
    expect(levenshtein('kitten', 'sitting', 2)).toBe(3);
    expect(levenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(levenshtein('a', 'abcdef', 2)).toBe(3);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(6), (a, b, max) => {
        const exact = levenshtein(a, b);
        return levenshtein(a, b, max) === (exact > max ? max + 1 : exact);
      }),
    );
  });

  it('is a distance: symmetric, zero only between equals, and within the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = levenshtein(a, b);
        return d === levenshtein(b, a) && (d === 0) === (a === b) && d <= Math.max([...a].length, [...b].length);
      }),
    );
  });
});

describe('similarity', () => {
  it('finds "Coopérative Al Baraka" and "Cooperative Albaraka" alike, though their keys differ', () => {
    expect(nameKey('Coopérative Al Baraka')).not.toBe(nameKey('Cooperative Albaraka'));
    expect(nameSimilarity('Coopérative Al Baraka', 'Cooperative Albaraka')).toBeGreaterThanOrEqual(SIMILAR_NAME_THRESHOLD);
    expect(duplicateReason(nameKey('Coopérative Al Baraka'), nameKey('Cooperative Albaraka'))).toBe('similar-name');
  });

  it('finds the same name in another order or with a typo alike', () => {
    expect(nameSimilarity('Atlas Textile Export', 'Textile Atlas Export')).toBe(1);
    expect(nameSimilarity('Tissage Ouazzani', 'Tisage Ouazani')).toBeGreaterThanOrEqual(SIMILAR_NAME_THRESHOLD);
  });

  it('keeps different companies apart', () => {
    expect(nameSimilarity('Atlas Textile', 'Atlas Tissage')).toBeLessThan(SIMILAR_NAME_THRESHOLD);
    expect(nameSimilarity('Rif Nature', 'Jbala Miel')).toBeLessThan(0.3);
    expect(duplicateReason(nameKey('Atlas Textile'), nameKey('Atlas Tissage'))).toBeUndefined();
    expect(duplicateReason(nameKey('Société Atlas SARL'), nameKey('ATLAS s.a.r.l.'))).toBe('same-name');
  });

  it('is 1 for equal keys, 0 against an empty key, symmetric and between 0 and 1', () => {
    expect(keySimilarity('atlas', 'atlas')).toBe(1);
    expect(keySimilarity('', 'atlas')).toBe(0);
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const s = nameSimilarity(a, b);
        return s === nameSimilarity(b, a) && s >= 0 && s <= 1;
      }),
    );
  });

  it('reports the true score whenever it reaches the floor', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const exact = keySimilarity(nameKey(a), nameKey(b));
        const floored = keySimilarity(nameKey(a), nameKey(b), 0.8);
        return exact >= 0.8 ? floored === exact : floored < 0.8;
      }),
    );
  });
});

describe('groupDuplicates', () => {
  const party = (id: number, name: string) => ({ id, nameKey: nameKey(name) });

  it('groups same keys and similar keys, transitively, and leaves single parties out', () => {
    const groups = groupDuplicates([
      party(1, 'Société Atlas SARL'),
      party(2, 'Rif Nature'),
      party(3, 'ATLAS s.a.r.l.'),
      party(4, 'Coopérative Al Baraka'),
      party(5, 'Cooperative Albaraka'),
      party(6, 'Albarakaa'),
      party(7, 'Jbala Miel'),
    ]);
    expect(groups.map((g) => ({ reason: g.reason, ids: g.parties.map((p) => p.id) }))).toEqual([
      { reason: 'same-name', ids: [1, 3] },
      { reason: 'similar-name', ids: [4, 5, 6] },
    ]);
  });

  it('finds a pair whose first letters differ', () => {
    const groups = groupDuplicates([party(1, 'Boulangerie Tanja'), party(2, 'Poulangerie Tanja')]);
    expect(groups.map((g) => g.parties.map((p) => p.id))).toEqual([[1, 2]]);
  });

  it('compares names that share a word but not their first or last letters', () => {
    const groups = groupDuplicates([party(1, 'Hotel Tanja Bay'), party(2, 'Tanja Bay Hotel')]);
    expect(groups).toHaveLength(1);
  });
});
