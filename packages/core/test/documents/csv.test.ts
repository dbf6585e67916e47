// CSV cells a spreadsheet would run as formulas (CSV injection) get a leading apostrophe; numbers stay numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/documents/csv.ts';

describe('CSV formula neutralisation', () => {
  it('neutralises text cells starting with = + - @ tab or CR', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+33 6 12')).toBe("'+33 6 12");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('Coopérative = avenir')).toBe('Coopérative = avenir');
  });

  it('leaves plain signed numbers as numbers, in text and amount columns alike', () => {
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-12,50')).toBe('-12,50');
    expect(csvCell('-12.50', true)).toBe('-12.50');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('-12.50e3')).toBe("'-12.50e3");
    expect(csvCell('-1-1')).toBe("'-1-1");
  });

  it('never lets any text start a cell with a formula character, whatever it is', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('=', '+', '-', '@', '\t', '\r'), (rest, start) => {
        const text = start + rest;
        const cell = csvCell(text).replace(/^"/, '');
        const plainNumber = /^-?\d+(?:[.,]\d+)?$/.test(text);
        expect(plainNumber || cell.startsWith("'")).toBe(true);
      }),
    );
  });

  it('neutralises an export row written by toCsv, header included', () => {
    const csv = toCsv([{ header: '=label', value: (r: { label: string }) => r.label }], [{ label: '@evil' }]);
    expect(csv).toBe("\uFEFF'=label\r\n'@evil\r\n");
  });
});
