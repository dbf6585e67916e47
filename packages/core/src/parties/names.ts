// Party names reduced for duplicate detection: the `name_key` stored with each party, and how alike two names are.
// Pure functions: the same key is computed for the API, the import and the duplicates review.

/**
 * Words that say what legal form a party has, not who it is: "Société Atlas SARL" and "Atlas" are the same
 * customer. Written as people type them; they go through the same normalisation as names below.
 */
const LEGAL_FORM_WORDS = [
  'sarl',
  'sarlau',
  'sa',
  'sas',
  'snc',
  'ste',
  'société',
  'societe',
  'cooperative',
  'coopérative',
  'coop',
  'ets',
  'etablissements',
  'établissements',
  'group',
  'groupe',
  'شركة',
  'تعاونية',
];

/** Two names at least this similar (0 to 1) are reported as probable duplicates. */
export const SIMILAR_NAME_THRESHOLD = 0.8;

/** Lower case, no accents, no punctuation, one space between words; Arabic letter variants folded. */
function foldText(text: string): string {
  return (
    text
      // every combining mark goes: Latin accents, Arabic short vowels and the hamza NFD splits off its alef
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      // Arabic: hamza-carrying alefs, taa marbuta and alef maqsura are spelt either way on documents
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ة/g, 'ه')
      .replace(/ى/g, 'ي')
      .replace(/ـ/g, '')
      // dots and apostrophes join ("s.a.r.l." is "sarl", "M'diq" is "mdiq"); other punctuation separates words
      .replace(/[.'’‘`´]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

const LEGAL_FORMS = new Set(LEGAL_FORM_WORDS.map(foldText));

/**
 * The key two spellings of the same name share: "Société Atlas SARL" and "ATLAS s.a.r.l." both give "atlas".
 * A name made only of legal-form words keeps them, so that it still has a key.
 */
export function nameKey(name: string): string {
  const words = foldText(name).split(' ').filter(Boolean);
  const kept = words.filter((w) => !LEGAL_FORMS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/**
 * Edit distance (insertions, deletions, substitutions) between two texts, by code point. With `max`, gives up as
 * soon as the distance is known to exceed it and answers `max + 1`: comparing many names stays cheap.
 */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  let current = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  const distance = previous[t.length] ?? 0;
  return distance > max ? max + 1 : distance;
}

/** Shared words over all words: word order and an extra or missing word weigh little. */
function tokenJaccard(a: string, b: string): number {
  const left = new Set(a.split(' ').filter(Boolean));
  const right = new Set(b.split(' ').filter(Boolean));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

/**
 * How alike two name keys are, from 0 to 1: the better of word-set overlap (Jaccard) and edit distance over the key
 * without spaces, so that both "atlas textile" / "textile atlas" and "al baraka" / "albaraka" come out alike.
 * With `floor`, a result below it may be lower than the truth: it saves computing distances nobody will use.
 */
export function keySimilarity(a: string, b: string, floor = 0): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const jaccard = tokenJaccard(a, b);
  const left = a.replace(/ /g, '');
  const right = b.replace(/ /g, '');
  const longest = Math.max(Array.from(left).length, Array.from(right).length);
  if (longest === 0) return jaccard;
  // only distances that could beat the word overlap are worth computing in full
  const max = Math.floor(longest * (1 - Math.max(jaccard, floor)));
  const distance = levenshtein(left, right, max);
  return Math.max(jaccard, distance > max ? 0 : 1 - distance / longest);
}

/** How alike two names are, from 0 to 1, once reduced to their keys. */
export function nameSimilarity(a: string, b: string): number {
  return keySimilarity(nameKey(a), nameKey(b));
}

export type DuplicateReason = 'same-name' | 'similar-name';

/** Why `candidate` looks like `key`, or undefined if it does not. */
export function duplicateReason(key: string, candidate: string, threshold = SIMILAR_NAME_THRESHOLD): DuplicateReason | undefined {
  if (!key || !candidate) return undefined;
  if (key === candidate) return 'same-name';
  return keySimilarity(key, candidate, threshold) >= threshold ? 'similar-name' : undefined;
}

/** What groupDuplicates needs of a party. */
export interface Keyed {
  id: number;
  nameKey: string;
}

/** Keys to compare a name under: its long words and the start and end of its letters, so that a typo in one still meets. */
function blocksOf(key: string): string[] {
  const compact = key.replace(/ /g, '');
  const blocks = key
    .split(' ')
    .filter((w) => w.length >= 3)
    .map((w) => `w:${w}`);
  if (compact.length > 0) blocks.push(`p:${compact.slice(0, 3)}`, `s:${compact.slice(-3)}`);
  return blocks;
}

/** Blocks larger than this are too common a word to say anything ("maroc"); the other blocks still compare their names. */
const MAX_BLOCK = 2000;

/**
 * Groups of probable duplicates: parties linked by an equal key or a similarity at or above `threshold`, closed
 * transitively (A ~ B and B ~ C put A, B and C together, for a person to sort out). Groups of one are left out.
 */
export function groupDuplicates<T extends Keyed>(
  parties: readonly T[],
  threshold = SIMILAR_NAME_THRESHOLD,
): Array<{ reason: DuplicateReason; parties: T[] }> {
  const parent = parties.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    while (parent[i] !== root) {
      const next = parent[i] ?? root;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };

  const blocks = new Map<string, number[]>();
  parties.forEach((party, index) => {
    if (!party.nameKey) return;
    for (const block of [`k:${party.nameKey}`, ...blocksOf(party.nameKey)]) {
      const members = blocks.get(block) ?? [];
      members.push(index);
      blocks.set(block, members);
    }
  });
  const compared = new Set<string>();
  for (const [block, members] of blocks) {
    if (block.startsWith('k:')) {
      for (const index of members.slice(1)) union(members[0] ?? index, index);
      continue;
    }
    if (members.length > MAX_BLOCK) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x] ?? 0;
        const j = members[y] ?? 0;
        const a = parties[i]?.nameKey ?? '';
        const b = parties[j]?.nameKey ?? '';
        if (a === b || find(i) === find(j)) continue;
        const pair = `${i},${j}`;
        if (compared.has(pair)) continue;
        compared.add(pair);
        if (keySimilarity(a, b, threshold) >= threshold) union(i, j);
      }
    }
  }

  const groups = new Map<number, T[]>();
  parties.forEach((party, index) => {
    const root = find(index);
    const group = groups.get(root) ?? [];
    group.push(party);
    groups.set(root, group);
  });
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({
      reason: group.every((p) => p.nameKey === group[0]?.nameKey) ? ('same-name' as const) : ('similar-name' as const),
      parties: group,
    }));
}
