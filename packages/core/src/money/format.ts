// How amounts are written for people in French, Arabic (Moroccan usage, Latin digits) and English, and read back.
// Written by hand rather than with Intl so that invoices print identically whatever ICU data the server ships with.
import type Decimal from 'decimal.js';
import { AmountError, describeReceived, parseAmount, toAmountString } from './decimal.ts';

export type MoneyLocale = 'fr' | 'ar' | 'en';

export interface FormatAmountOptions {
  /** Append the currency (default true); tables with a currency column header leave it off. */
  currency?: boolean;
}

/** U+00A0: keeps "10 082,08 MAD" on one line when a PDF or a browser wraps the text. */
const NBSP = '\u00A0';

interface LocaleStyle {
  group: string;
  decimal: string;
  currency: string;
  /** A sample shown in error messages so the user sees what this locale expects. */
  example: string;
}

const STYLES: Record<MoneyLocale, LocaleStyle> = {
  fr: { group: NBSP, decimal: ',', currency: 'MAD', example: `10${NBSP}082,08 MAD` },
  en: { group: ',', decimal: '.', currency: 'MAD', example: '10,082.08 MAD' },
  ar: { group: '.', decimal: ',', currency: 'د.م.', example: '10.082,08 د.م.' },
};

function styleOf(locale: MoneyLocale): LocaleStyle {
  const style = STYLES[locale];
  if (!style) throw new RangeError(`unknown money locale ${JSON.stringify(locale)}: expected fr, ar or en`);
  return style;
}

/** Writes an amount for display; a string is read with parseAmount so that a malformed one fails loudly, not as "NaN". */
export function formatAmount(amount: Decimal | string, locale: MoneyLocale, options: FormatAmountOptions = {}): string {
  const style = styleOf(locale);
  const canonical = toAmountString(typeof amount === 'string' ? parseAmount(amount) : amount);
  const negative = canonical.startsWith('-');
  const [integer = '', fraction = ''] = (negative ? canonical.slice(1) : canonical).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  const number = `${negative ? '-' : ''}${grouped}${style.decimal}${fraction}`;
  return options.currency === false ? number : `${number}${NBSP}${style.currency}`;
}

/** Directional marks are invisible but come along when Arabic text is copied from a page or a PDF. */
const BIDI_MARKS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
/** Any space a person or a formatter may have used between digit groups. */
const SPACES = /[\s\u00A0\u202F\u2007]/;
const CURRENCIES = ['د.م.', 'MAD'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads an amount typed or pasted in a locale's style (with or without the currency, groups separated by that locale's
 * separator or by any kind of space), or in the canonical form; it is the inverse of formatAmount.
 */
export function parseLocalizedAmount(text: string, locale: MoneyLocale, field = 'amount'): Decimal {
  const style = styleOf(locale);
  const fail = (): never => {
    throw new AmountError(
      field,
      `expected an amount written like "${style.example}" or "10082.08", received ${describeReceived(text)}`,
    );
  };
  if (typeof text !== 'string') return fail();
  let body = text
    .replace(BIDI_MARKS, '')
    .trim()
    .replace(/^\u2212/, '-');
  for (const currency of CURRENCIES) {
    if (body.endsWith(currency)) {
      body = body.slice(0, -currency.length).trimEnd();
      break;
    }
  }
  if (/^-?\d+(\.\d{1,2})?$/.test(body)) return parseAmount(body, field);

  // A group separator must be followed by exactly 3 digits; that is what keeps "1.000" (ar, one thousand) distinct
  // from the canonical "1.00".
  const group = `(?:${escapeRegExp(style.group)}|${SPACES.source})`;
  const localized = new RegExp(`^(-?)(\\d{1,3}(?:${group}\\d{3})+|\\d+)(?:${escapeRegExp(style.decimal)}(\\d{1,2}))?$`);
  const match = localized.exec(body);
  if (!match) return fail();
  const integer = match[2]!;
  const separators = new Set(integer.replace(/\d/g, '').replace(new RegExp(SPACES.source, 'g'), ' '));
  if (separators.size > 1) return fail();
  const digits = integer.replace(/\D/g, '');
  return parseAmount(`${match[1]}${digits}${match[3] === undefined ? '' : `.${match[3]}`}`, field);
}
