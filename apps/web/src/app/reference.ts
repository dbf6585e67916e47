// The reference lists (provinces, sectors) every member screen uses: read once per session from the API, named in
// the current language. A failed read is not cached, so the next screen tries again.
import { api, call } from '../api/client.ts';
import type { Reference } from '../api/types.ts';
import { currentLocale } from '../i18n/localize.ts';

let pending: Promise<Reference> | null = null;

export function loadReference(): Promise<Reference> {
  if (!pending) {
    pending = call(api.reference.$get()).catch((error: unknown) => {
      pending = null;
      throw error;
    });
  }
  return pending;
}

interface Named {
  code: string;
  nameFr: string;
  nameAr: string;
  nameEn: string;
}

/** A reference entry's name in the current language. */
export function nameOf(entry: Named): string {
  const locale = currentLocale();
  return locale === 'ar' ? entry.nameAr : locale === 'en' ? entry.nameEn : entry.nameFr;
}

/** The name of a code in a list, or the code itself when the list does not know it (or is not loaded). */
export function nameOfCode(list: readonly Named[] | undefined, code: string | null): string | null {
  if (code === null) return null;
  const entry = list?.find((e) => e.code === code);
  return entry ? nameOf(entry) : code;
}

/** Options for a select, sorted by their name in the current language. */
export function optionsOf(list: readonly Named[]): Array<{ value: string; label: string }> {
  const collator = new Intl.Collator(currentLocale());
  return list.map((e) => ({ value: e.code, label: nameOf(e) })).sort((a, b) => collator.compare(a.label, b.label));
}
