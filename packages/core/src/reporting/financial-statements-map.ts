// Where each CGNC account lands in the bilan and the CPC: one table of data, read by the statements and printed in
// docs/accounting.md, so that an accountant can check (and change) the mapping without reading the code.

export type Statement = 'bilan' | 'cpc';

export interface Mass {
  /** Stable key: bilan masses start with A (actif) or P (passif), CPC masses are the Roman numerals of the form. */
  key: string;
  statement: Statement;
  /** Actif, passif, produits or charges: which side the mass adds to. */
  side: 'actif' | 'passif' | 'produits' | 'charges';
  label: string;
  /** Account prefixes that land here; the longest prefix matching an account wins across the whole table. */
  prefixes: readonly string[];
  /** Sub-rows by rubric: the first 2 (bilan) or 3 (CPC) digits of the account. */
  rubricDigits: 2 | 3;
}

/**
 * Actif and charges read the debit balance, passif and produits the credit balance, so that a contra account
 * (amortissements 28, provisions 29/39/59) comes out negative in its mass and an overdrawn account (a member's 4464
 * owing the GIE) negative on the passif.
 */
export const STATEMENT_MAP: readonly Mass[] = [
  { key: 'A1', statement: 'bilan', side: 'actif', label: 'Actif immobilisé', prefixes: ['2'], rubricDigits: 2 },
  { key: 'A2', statement: 'bilan', side: 'actif', label: 'Actif circulant (hors trésorerie)', prefixes: ['3'], rubricDigits: 2 },
  { key: 'A3', statement: 'bilan', side: 'actif', label: 'Trésorerie - actif', prefixes: ['5'], rubricDigits: 2 },
  { key: 'P1', statement: 'bilan', side: 'passif', label: 'Financement permanent', prefixes: ['1'], rubricDigits: 2 },
  {
    key: 'P2',
    statement: 'bilan',
    side: 'passif',
    label: 'Passif circulant (hors trésorerie)',
    prefixes: ['4'],
    rubricDigits: 2,
  },
  { key: 'P3', statement: 'bilan', side: 'passif', label: 'Trésorerie - passif', prefixes: ['55'], rubricDigits: 2 },
  { key: 'I', statement: 'cpc', side: 'produits', label: "Produits d'exploitation", prefixes: ['71', '7'], rubricDigits: 3 },
  { key: 'II', statement: 'cpc', side: 'charges', label: "Charges d'exploitation", prefixes: ['61', '6'], rubricDigits: 3 },
  { key: 'IV', statement: 'cpc', side: 'produits', label: 'Produits financiers', prefixes: ['73'], rubricDigits: 3 },
  { key: 'V', statement: 'cpc', side: 'charges', label: 'Charges financières', prefixes: ['63'], rubricDigits: 3 },
  { key: 'VIII', statement: 'cpc', side: 'produits', label: 'Produits non courants', prefixes: ['75'], rubricDigits: 3 },
  { key: 'IX', statement: 'cpc', side: 'charges', label: 'Charges non courantes', prefixes: ['65'], rubricDigits: 3 },
  { key: 'XII', statement: 'cpc', side: 'charges', label: 'Impôts sur les résultats', prefixes: ['67'], rubricDigits: 3 },
];

/** The CPC's intermediate results, in the order of the form: each is a sum of masses (+) and results minus masses. */
export const CPC_RESULTS: ReadonlyArray<{ key: string; label: string; plus: readonly string[]; minus: readonly string[] }> = [
  { key: 'III', label: "Résultat d'exploitation (I - II)", plus: ['I'], minus: ['II'] },
  { key: 'VI', label: 'Résultat financier (IV - V)', plus: ['IV'], minus: ['V'] },
  { key: 'VII', label: 'Résultat courant (III + VI)', plus: ['I', 'IV'], minus: ['II', 'V'] },
  { key: 'X', label: 'Résultat non courant (VIII - IX)', plus: ['VIII'], minus: ['IX'] },
  { key: 'XI', label: 'Résultat avant impôts (VII + X)', plus: ['I', 'IV', 'VIII'], minus: ['II', 'V', 'IX'] },
  { key: 'XIII', label: 'Résultat net (XI - XII)', plus: ['I', 'IV', 'VIII'], minus: ['II', 'V', 'IX', 'XII'] },
];

/** The row of the year's result on the passif (financement permanent), from classes 6 and 7. */
export const RESULT_ROW = { mass: 'P1', rubric: '119', label: "Résultat net de l'exercice" } as const;

/** The mass an account lands in: the longest matching prefix; null for an account of no statement (classes 8, 0). */
export function massOf(account: string): Mass | null {
  let best: Mass | null = null;
  let length = 0;
  for (const mass of STATEMENT_MAP) {
    for (const prefix of mass.prefixes) {
      if (account.startsWith(prefix) && prefix.length > length) {
        best = mass;
        length = prefix.length;
      }
    }
  }
  return best;
}
