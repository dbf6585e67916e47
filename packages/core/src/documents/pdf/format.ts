// How the values of a document other than amounts are written on its PDF: dates, quantities, rates, countries, RIB.
// String work only, never Number or Intl, so that a document prints the same bytes on any machine and ICU version.
import { formatRib, type Rib } from '../../identifiers/index.ts';
import { formatAmount } from '../../money/index.ts';

const NBSP = '\u00A0';

/** 2026-01-15 → 15/01/2026; anything else is printed as stored rather than hidden. */
export function formatDateFr(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** A decimal string in French style without useless zeros: "35" → "35", "1.500" → "1,5", "1250.5" → "1 250,5". */
export function formatDecimalFr(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const integer = (match[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  return `${match[1]}${integer}${fraction ? `,${fraction}` : ''}`;
}

/**
 * A unit price: through formatAmount like every amount when it is to the centime; a price agreed to the millime keeps
 * its decimals, as rounding it here would print a price that does not give the line's amount.
 */
export function formatPriceFr(price: string): string {
  if (/^-?\d+(\.\d{1,2})?$/.test(price.trim())) return formatAmount(price.trim(), 'fr', { currency: false });
  const match = /^(-?)(\d+)\.(\d+)$/.exec(price.trim());
  if (!match) return price;
  const integer = (match[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const fraction = (match[3] ?? '').replace(/0+$/, '').padEnd(2, '0');
  return `${match[1]}${integer},${fraction}`;
}

/** True for "0", "0.00" and the like: a discount of zero is left blank rather than printed. */
export function isZero(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value.trim());
}

/** The VAT rate of a line or of a breakdown row, "20" → "20 %". */
export function formatRate(rate: string): string {
  return `${formatDecimalFr(rate)}${NBSP}%`;
}

const COUNTRIES: Record<string, string> = {
  MA: 'Maroc',
  FR: 'France',
  ES: 'Espagne',
  PT: 'Portugal',
  BE: 'Belgique',
  NL: 'Pays-Bas',
  DE: 'Allemagne',
  IT: 'Italie',
  CH: 'Suisse',
  GB: 'Royaume-Uni',
  US: 'États-Unis',
  CA: 'Canada',
  DZ: 'Algérie',
  TN: 'Tunisie',
  MR: 'Mauritanie',
  SN: 'Sénégal',
  CI: "Côte d'Ivoire",
  AE: 'Émirats arabes unis',
  SA: 'Arabie saoudite',
  QA: 'Qatar',
};

/** The French name of the usual trading partners; other ISO codes are printed as they are. */
export function countryName(code: string): string {
  return COUNTRIES[code.toUpperCase()] ?? code;
}

/** Grouped as on a bank's RIB certificate when it is the 24 digits expected; printed as stored otherwise. */
export function formatRibText(rib: string): string {
  const digits = rib.replace(/\s/g, '');
  return /^\d{24}$/.test(digits) ? formatRib(digits as Rib) : rib;
}
