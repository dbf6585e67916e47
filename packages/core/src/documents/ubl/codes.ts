// The code lists UBL wants where our documents hold free text or our own codes: UN/ECE rec 20 units, UNCL 5305 VAT
// categories. Owns those mappings so that the day the DGI publishes its own lists, only this file changes.
import type { VatCode } from '../../invoicing/totals.ts';
import { Dec } from '../../money/index.ts';

/** For quantities whose unit we cannot recognize: "one" (a piece, a service, a lump sum) is what our lines mostly are. */
export const DEFAULT_UNIT_CODE = 'C62';

// Keys are lower case, without accents and dots: units are typed freely by members ("Heures", "m²", "pièce", "kg.").
const UNIT_CODES: Readonly<Record<string, string>> = {
  // one (piece, unit, lump sum)
  u: 'C62',
  un: 'C62',
  unit: 'C62',
  unite: 'C62',
  unites: 'C62',
  piece: 'C62',
  pieces: 'C62',
  pc: 'C62',
  pcs: 'C62',
  forfait: 'C62',
  // hour
  h: 'HUR',
  hr: 'HUR',
  heure: 'HUR',
  heures: 'HUR',
  hour: 'HUR',
  hours: 'HUR',
  // day
  j: 'DAY',
  jour: 'DAY',
  jours: 'DAY',
  day: 'DAY',
  days: 'DAY',
  // month
  mois: 'MON',
  month: 'MON',
  // mass
  kg: 'KGM',
  kilo: 'KGM',
  kilos: 'KGM',
  kilogramme: 'KGM',
  kilogrammes: 'KGM',
  g: 'GRM',
  gramme: 'GRM',
  grammes: 'GRM',
  t: 'TNE',
  tonne: 'TNE',
  tonnes: 'TNE',
  // length, area, volume
  km: 'KMT',
  m: 'MTR',
  metre: 'MTR',
  metres: 'MTR',
  m2: 'MTK',
  'm²': 'MTK',
  m3: 'MTQ',
  'm³': 'MTQ',
  l: 'LTR',
  litre: 'LTR',
  litres: 'LTR',
};

function unitKey(unit: string): string {
  return unit
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.\s]/g, '');
}

/** The UN/ECE recommendation 20 code of a unit as typed on a line; C62 ("one") when it is absent or not obvious. */
export function unitCode(unit: string | null): string {
  if (unit === null) return DEFAULT_UNIT_CODE;
  return UNIT_CODES[unitKey(unit)] ?? DEFAULT_UNIT_CODE;
}

export type TaxCategoryId = 'S' | 'Z' | 'E';

/** UNCL 5305: S for a standard (non-zero) rate, Z for the 0% rate, E for an exemption with its legal basis. */
export function taxCategoryId(vat: VatCode): TaxCategoryId {
  if (vat === 'exempt') return 'E';
  return new Dec(vat).isZero() ? 'Z' : 'S';
}
