// Text search that behaves the same on PGlite and PostgreSQL whatever their locale: lower case, accents folded
// ("Cooperative" finds "Coopérative"), and LIKE patterns with the user's % and _ taken literally.
import { type RawBuilder, sql } from 'kysely';

/** Accented letters PostgreSQL's lower() may leave alone (C locale), each with its plain lower-case letter. */
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿžźżÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚÌÍÎÏĪĮÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰŲÝŸŽŹŻ';
const PLAIN = Array.from(ACCENTED, (ch) =>
  ch
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace('ø', 'o'),
).join('');

/** A column (or `table.column`) folded for searching. */
export function foldedColumn(reference: string): RawBuilder<string> {
  return sql<string>`translate(lower(${sql.ref(reference)}), ${ACCENTED}, ${PLAIN})`;
}

/** The search text folded the same way. */
export function foldSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** `%text%` with LIKE's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** `text%` with LIKE's own wildcards escaped. */
export function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
