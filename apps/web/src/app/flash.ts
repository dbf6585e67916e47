// One-shot messages that survive a navigation: a form saves, moves to the new record's page, and that page says
// what happened ("Membre créé"). Kept for one path only, read once.
import type { Text } from './forms.ts';

export interface Flash {
  notice?: Text;
  /** Extra data the next page knows how to show (e.g. a party's possible duplicates). */
  data?: unknown;
}

let stored: { path: string; flash: Flash } | null = null;

export function setFlash(path: string, flash: Flash): void {
  stored = { path, flash };
}

/** The message left for this path, removed as it is read. */
export function takeFlash(path: string): Flash | null {
  if (!stored || stored.path !== path) return null;
  const { flash } = stored;
  stored = null;
  return flash;
}
