// The current language of the back office: texts by key, the page's lang/dir, dates and amounts in
// Moroccan conventions, and a controller that re-renders a component when the language changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LOCALES, type Locale } from '../api/types.ts';
import { fr, type MessageKey, type Messages } from './fr.ts';

export type { Locale, MessageKey, Messages };
export { LOCALES };

/**
 * French, the default, comes with the first load; Arabic and English (as heavy again each) are fetched the first
 * time someone switches to them, and the switch happens once they have arrived.
 */
const DICTIONARIES: Partial<Record<Locale, Messages>> = { fr };
const LOADERS: Record<Locale, () => Promise<Messages>> = {
  fr: async () => fr,
  ar: () => import('./ar.ts').then((m) => m.ar),
  en: () => import('./en.ts').then((m) => m.en),
};

/** Intl tags: Moroccan French and Arabic, with Latin digits in Arabic as Moroccan documents use them. */
const INTL_TAGS: Record<Locale, string> = { fr: 'fr-MA', ar: 'ar-MA-u-nu-latn', en: 'en-GB' };
/**
 * Numbers group thousands with a space in French ("10 082,08 MAD", as on the GIE's invoices and in its books);
 * the fr-MA data of browsers groups with a point, so numbers take French from France.
 */
const NUMBER_TAGS: Record<Locale, string> = { fr: 'fr-FR', ar: 'ar-MA-u-nu-latn', en: 'en-GB' };

export const DEFAULT_LOCALE: Locale = 'fr';
const STORAGE_KEY = 'gie-ecp.locale';

export type Direction = 'ltr' | 'rtl';
export type MessageParams = Record<string, string | number>;

const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // storage can be disabled (private mode, policies): the choice is then just not remembered
    return null;
  }
}

let current: Locale = DEFAULT_LOCALE;
/** The last language asked for: a slower download of an earlier choice must not win over it. */
let wanted: Locale = DEFAULT_LOCALE;
const listeners = new Set<() => void>();

export const dirOf = (locale: Locale): Direction => (locale === 'ar' ? 'rtl' : 'ltr');

function applyToDocument(): void {
  document.documentElement.lang = current;
  document.documentElement.dir = dirOf(current);
}
applyToDocument();

async function switchTo(locale: Locale): Promise<void> {
  wanted = locale;
  if (!DICTIONARIES[locale]) {
    try {
      DICTIONARIES[locale] = await LOADERS[locale]();
    } catch (error) {
      // offline, or a new deployment replaced the file: the page stays in its current language
      console.error(`could not load the texts in ${locale}`, error);
      return;
    }
  }
  if (wanted !== locale || current === locale) return;
  current = locale;
  applyToDocument();
  for (const listener of listeners) listener();
}

const stored = storedLocale();
if (stored) void switchTo(stored);

export function currentLocale(): Locale {
  return current;
}

/** Switches the language; `remember` keeps it as this browser's choice, above the user's own setting. */
export function setLocale(locale: Locale, { remember = true }: { remember?: boolean } = {}): void {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // see storedLocale
    }
  }
  void switchTo(locale);
}

/** After sign-in: the user's language applies unless someone chose another one in this browser. */
export function adoptUserLocale(locale: Locale): void {
  if (storedLocale() === null) setLocale(locale, { remember: false });
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The text of a key in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = (DICTIONARIES[current] ?? fr)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function intlTag(locale: Locale = current): string {
  return INTL_TAGS[locale];
}

function numberTag(locale: Locale = current): string {
  return NUMBER_TAGS[locale];
}

/** A date (ISO text or Date) in the current language; `dateStyle: 'long'` unless told otherwise. */
export function formatDate(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(intlTag(), options).format(date);
}

export function formatDateTime(value: string | Date): string {
  return formatDate(value, { dateStyle: 'long', timeStyle: 'short' });
}

/**
 * An amount in dirhams by default. Decimal texts are passed to Intl as they are, so amounts the domain keeps
 * as exact decimals are never rounded through a float. `symbol: false` leaves the currency out, for the columns
 * of a report whose caption says the currency once.
 */
export function formatAmount(
  value: number | `${number}`,
  currency = 'MAD',
  { symbol = true }: { symbol?: boolean } = {},
): string {
  const options: Intl.NumberFormatOptions = symbol
    ? { style: 'currency', currency }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return new Intl.NumberFormat(numberTag(), options).format(value);
}

/** A count with the grouping of the current language ("20 000" in French). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(numberTag()).format(value);
}

/** A decimal given as the API's text ("2.50"), in the current language ("2,5"), never rounded through a float. */
export function formatDecimal(value: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  return new Intl.NumberFormat(numberTag(), { maximumFractionDigits: 4 }).format(value as `${number}`);
}

/** A percentage given as the API's decimal text ("8.50" → "8,5 %"). */
export function formatPercent(value: string): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return new Intl.NumberFormat(numberTag(), { style: 'percent', maximumFractionDigits: 2 }).format(number / 100);
}

/** A calendar date of the API (YYYY-MM-DD) in the current language, read as that day wherever the browser is. */
export function formatDay(value: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, options);
  return formatDate(new Date(`${value}T12:00:00Z`), { ...options, timeZone: 'UTC' });
}

/** Re-renders its host when the language changes; `dir` and `locale` for templates that need them. */
export class LocaleController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  get locale(): Locale {
    return current;
  }

  get dir(): Direction {
    return dirOf(current);
  }

  t(key: MessageKey, params?: MessageParams): string {
    return t(key, params);
  }
}
