// Type parsing shared by both engines, so that a row reads the same from PGlite and from PostgreSQL.
// numeric and int8 stay strings (money goes straight into Decimal), dates stay ISO strings.

/** PostgreSQL type OIDs whose text form we parse ourselves. */
export const PG_OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

const identity = (value: string): string => value;

/**
 * Turns PostgreSQL's text form of a timestamp into an ISO 8601 string.
 * The session time zone is UTC on both engines, so `+00` is the usual suffix.
 */
export function toIsoTimestamp(text: string): string {
  const match = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!match) return text; // infinity, BC dates: leave PostgreSQL's words as they are
  const [, date, time, fraction = '.000', offset] = match;
  const local = `${date}T${time}${fraction.padEnd(4, '0')}`;
  if (offset === undefined || /^\+00(:?00)?$/.test(offset)) return `${local}Z`;
  return new Date(`${local}${offset.length === 3 ? `${offset}:00` : offset}`).toISOString();
}

/** Parsers by OID: numeric and int8 as strings, date as YYYY-MM-DD, timestamps as ISO strings. */
export const typeParsers: Record<number, (value: string) => unknown> = {
  [PG_OID.int8]: identity,
  [PG_OID.numeric]: identity,
  [PG_OID.date]: identity,
  [PG_OID.timestamp]: toIsoTimestamp,
  [PG_OID.timestamptz]: toIsoTimestamp,
};
