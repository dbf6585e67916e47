// The shared machinery of numeric identifiers: the error type, input normalisation and the digits-only check.
// Owns the wording of identifier errors, so that parse functions and zod schemas report the same message.
import { z } from 'zod';

/** An identifier that fails its check; `field` says which input was wrong, for forms and API error bodies. */
export class IdentifierError extends Error {
  override name = 'IdentifierError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

export function describeInput(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  if (typeof input === 'number' || typeof input === 'bigint') return `the number ${String(input)}`;
  if (input === null) return 'null';
  if (input === undefined) return 'nothing';
  return Array.isArray(input) ? 'an array' : `a ${typeof input}`;
}

export interface DigitsRule {
  min: number;
  max: number;
  /** How the rule reads in a message, e.g. "15 digits" or "6 to 8 digits". */
  expected: string;
}

/**
 * Identifiers are copied from paper documents with spaces between groups; those are dropped. Numbers are refused: a
 * JSON number has already lost the leading zeros that are part of these identifiers.
 */
export function readDigits(input: unknown, field: string, rule: DigitsRule): string {
  const fail = (detail: string): never => {
    throw new IdentifierError(field, `expected ${rule.expected}, received ${describeInput(input)}${detail}`);
  };
  if (typeof input !== 'string') return fail(typeof input === 'number' ? ' (send it as a string to keep leading zeros)' : '');
  const compact = input.trim().replace(/\s+/g, '');
  const stray = /\D/u.exec(compact);
  if (stray) return fail(` (contains ${JSON.stringify(stray[0])}, which is not a digit)`);
  if (compact.length < rule.min || compact.length > rule.max) {
    return fail(` (${compact.length} digit${compact.length === 1 ? '' : 's'})`);
  }
  return compact;
}

function messageOf(parse: (input: unknown) => unknown, input: unknown): string {
  try {
    parse(input);
  } catch (error) {
    if (error instanceof IdentifierError) return error.message;
    throw error;
  }
  return `expected a string, received ${describeInput(input)}`;
}

/**
 * A zod schema for API bodies that runs `parse` itself, so the message a client reads is the one the domain throws,
 * also when the value is not a string. Zod puts the property path beside it; `field` stays the identifier's own name.
 */
export function identifierSchema<T extends string>(parse: (input: unknown) => T) {
  return z.string({ error: (issue) => messageOf(parse, issue.input) }).transform((value, ctx): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof IdentifierError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
  });
}
