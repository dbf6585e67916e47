// Amounts written out in French words, as Moroccan invoices must state their total ("Arrêtée la présente facture à…").
// Owns the traditional spelling rules (et, hyphens, the s of vingts and cents, invariable mille); not the 1990 reform.
import type Decimal from 'decimal.js';
import { AmountError, describeReceived, parseAmount, toAmountString } from './decimal.ts';

const UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/**
 * 1..99. `final` says nothing follows within the numeral, the only case where quatre-vingts takes its s.
 * Numbers are below 1000 here, so `number` arithmetic is on digit groups, never on money.
 */
function belowHundred(n: number, final: boolean): string {
  if (n < 20) return UNITS[n]!;
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  // 70-79 and 90-99 are built on soixante and quatre-vingt plus 10-19.
  if (tens === 7 || tens === 9) {
    const base = tens === 7 ? 'soixante' : 'quatre-vingt';
    const rest = n - (tens === 7 ? 60 : 80);
    return tens === 7 && rest === 11 ? 'soixante et onze' : `${base}-${UNITS[rest]}`;
  }
  if (tens === 8) return unit === 0 ? (final ? 'quatre-vingts' : 'quatre-vingt') : `quatre-vingt-${UNITS[unit]}`;
  if (unit === 0) return TENS[tens]!;
  if (unit === 1) return `${TENS[tens]} et un`;
  return `${TENS[tens]}-${UNITS[unit]}`;
}

/** 1..999; cents takes its s only when multiplied and final, like quatre-vingts. */
function belowThousand(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds === 1) parts.push('cent');
  else if (hundreds > 1) parts.push(`${UNITS[hundreds]} ${rest === 0 && final ? 'cents' : 'cent'}`);
  if (rest > 0) parts.push(belowHundred(rest, final));
  return parts.join(' ');
}

/** Nouns, unlike the adjective mille: they take an s, and vingts/cents before them keep theirs. */
const LARGE_UNITS = [
  { power: 12n, noun: 'billion' },
  { power: 9n, noun: 'milliard' },
  { power: 6n, noun: 'million' },
];

interface Words {
  text: string;
  /** True when the numeral ends with million(s), milliard(s) or billion(s): French then says "de dirhams". */
  endsWithNoun: boolean;
}

function integerInWords(value: bigint): Words {
  if (value === 0n) return { text: 'zéro', endsWithNoun: false };
  const parts: string[] = [];
  let rest = value;
  let endsWithNoun = false;
  for (const { power, noun } of LARGE_UNITS) {
    const unit = 10n ** power;
    const count = rest / unit;
    rest %= unit;
    if (count === 0n) continue;
    parts.push(`${belowThousand(Number(count), true)} ${noun}${count > 1n ? 's' : ''}`);
    endsWithNoun = rest === 0n;
  }
  const thousands = Number(rest / 1000n);
  const units = Number(rest % 1000n);
  // Mille is invariable and never preceded by "un"; vingt and cent lose their s before it ("quatre-vingt mille").
  if (thousands === 1) parts.push('mille');
  else if (thousands > 1) parts.push(`${belowThousand(thousands, false)} mille`);
  if (units > 0) parts.push(belowThousand(units, true));
  return { text: parts.join(' '), endsWithNoun };
}

function toCentimes(amount: Decimal | string): bigint {
  const canonical = toAmountString(typeof amount === 'string' ? parseAmount(amount) : amount);
  if (canonical.startsWith('-')) {
    throw new AmountError(
      'amount',
      `expected a positive or zero amount to write in words, received ${describeReceived(canonical)}`,
    );
  }
  const centimes = BigInt(canonical.replace('.', ''));
  // The same ceiling as parseAmount; it also keeps every count of billions below one thousand.
  if (centimes >= 10n ** 17n) {
    throw new AmountError(
      'amount',
      `expected at most 15 integer digits to write in words, received ${describeReceived(canonical)}`,
    );
  }
  return centimes;
}

/** "dix mille quatre-vingt-deux dirhams et huit centimes"; centimes are left out when there are none. */
export function amountInWordsFr(amount: Decimal | string): string {
  const centimes = toCentimes(amount);
  const dirhams = centimes / 100n;
  const cents = centimes % 100n;
  const words = integerInWords(dirhams);
  // French counts 0 and 1 as singular ("zéro dirham", "un dirham").
  const unit = dirhams > 1n ? 'dirhams' : 'dirham';
  let text = `${words.text} ${words.endsWithNoun ? 'de ' : ''}${unit}`;
  if (cents > 0n) text += ` et ${belowHundred(Number(cents), true)} ${cents > 1n ? 'centimes' : 'centime'}`;
  return text;
}

/** The closing sentence the invoice must carry, with the all-taxes-included total written out. */
export function invoiceAmountSentenceFr(ttc: Decimal | string): string {
  return `Arrêtée la présente facture à la somme de ${amountInWordsFr(ttc)} TTC.`;
}
