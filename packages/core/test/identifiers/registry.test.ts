import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cnssNumberSchema,
  IdentifierError,
  iceSchema,
  identifiantFiscalSchema,
  parseCnssNumber,
  parseIce,
  parseIdentifiantFiscal,
  parseRcNumber,
  parseTpNumber,
  rcNumberSchema,
  tpNumberSchema,
} from '../../src/identifiers/index.ts';

function identifierError(run: () => unknown): IdentifierError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(IdentifierError);
    return error as IdentifierError;
  }
  throw new Error('expected an IdentifierError, nothing was thrown');
}

const CASES = [
  {
    name: 'ICE',
    field: 'ice',
    parse: parseIce,
    schema: iceSchema,
    valid: ['001525698000084', '000000000000000'],
    invalid: ['00152569800008', '0015256980000845', ''],
    expected: '15 digits',
  },
  {
    name: 'IF',
    field: 'if',
    parse: parseIdentifiantFiscal,
    schema: identifiantFiscalSchema,
    valid: ['123456', '1234567', '40123456'],
    invalid: ['12345', '123456789'],
    expected: '6 to 8 digits',
  },
  {
    name: 'RC',
    field: 'rc',
    parse: parseRcNumber,
    schema: rcNumberSchema,
    valid: ['1', '45231', '1234567'],
    invalid: ['', '12345678'],
    expected: '1 to 7 digits',
  },
  {
    name: 'TP',
    field: 'tp',
    parse: parseTpNumber,
    schema: tpNumberSchema,
    valid: ['25781234'],
    invalid: ['2578123', '257812345'],
    expected: '8 digits',
  },
  {
    name: 'CNSS',
    field: 'cnss',
    parse: parseCnssNumber,
    schema: cnssNumberSchema,
    valid: ['1234567', '12345678', '123456789'],
    invalid: ['123456', '1234567890'],
    expected: '7 to 9 digits',
  },
] as const;

describe.each(CASES)('$name', ({ field, parse, schema, valid, invalid, expected }) => {
  it.each(valid)('accepts %j', (value) => {
    expect(parse(value)).toBe(value);
    expect(schema.parse(value)).toBe(value);
  });

  it('trims and removes the spaces people type between groups', () => {
    const value = valid[valid.length - 1]!;
    const spaced = ` ${value.slice(0, 3)} ${value.slice(3)}\u00A0`;
    expect(parse(spaced)).toBe(value);
  });

  it.each(invalid)('refuses %j, naming the field, the rule and the length received', (value) => {
    const error = identifierError(() => parse(value));
    expect(error.field).toBe(field);
    expect(error.message).toBe(
      `${field}: expected ${expected}, received ${JSON.stringify(value)} (${value.length} digit${value.length === 1 ? '' : 's'})`,
    );
  });

  it('refuses letters and punctuation', () => {
    const value = `${valid[0]!.slice(0, -1)}A`;
    expect(identifierError(() => parse(value)).message).toContain('contains "A", which is not a digit');
    identifierError(() => parse(`${valid[0]!.slice(0, -1)}-`));
  });

  it('refuses numbers, which would have lost leading zeros', () => {
    expect(identifierError(() => parse(1234567)).message).toMatch(
      new RegExp(`^${field}: expected ${expected}, received the number 1234567`),
    );
    identifierError(() => parse(null));
  });

  it('uses the field name it is given', () => {
    const error = identifierError(() => parse('x', `supplier.${field}`));
    expect(error.field).toBe(`supplier.${field}`);
    expect(error.message.startsWith(`supplier.${field}: expected ${expected}`)).toBe(true);
  });

  it('gives the zod schema the same message as the parse function', () => {
    const body = z.object({ value: schema });
    for (const input of [invalid[0], 'A', 42]) {
      const result = body.safeParse({ value: input });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
        [['value'], identifierError(() => parse(input)).message],
      ]);
    }
  });
});

describe('ICE message', () => {
  it('reads as the brief requires', () => {
    expect(() => parseIce('00123')).toThrow('ice: expected 15 digits, received "00123" (5 digits)');
  });
});
