// Tests of the UBL module's XML writer: escaping of text and attributes, characters XML cannot carry, layout.
// Owns the writer's guarantees; the UBL content itself is tested in ubl.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, leaf, node, optionalLeaf, serializeXml } from '../../../src/documents/ubl/xml.ts';
import { parseXml, text } from './xml-tree.ts';

describe('XML writer', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(escapeText(`Café & Thé "L'Oasis" <Tanger> ]]>`)).toBe(`Café &amp; Thé "L'Oasis" &lt;Tanger&gt; ]]&gt;`);
    expect(escapeAttribute(`a"b'c<d>&e\tf\ng\rh`)).toBe('a&quot;b&apos;c&lt;d&gt;&amp;e&#x9;f&#xA;g&#xD;h');
  });

  it('replaces characters XML 1.0 cannot carry with U+FFFD, keeps the rest (astral characters included)', () => {
    expect(escapeText('a\u0000b\u0007c\uFFFFd\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(escapeText('tab\tline\nemoji 🍵 ⵜⴰⵎⴰⵣⵉⵖⵜ العربية')).toBe('tab\tline\nemoji 🍵 ⵜⴰⵎⴰⵣⵉⵖⵜ العربية');
  });

  it('drops absent optional children and blank optional leaves', () => {
    const root = node('r', [null, undefined, false, optionalLeaf('a', null), optionalLeaf('b', '  '), optionalLeaf('c', ' x ')]);
    expect(serializeXml(root)).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<r>\n  <c>x</c>\n</r>\n');
    expect(serializeXml(node('empty', []))).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<empty/>\n');
  });

  it('refuses element and attribute names that are not XML names', () => {
    expect(() => leaf('bad name', 'x')).toThrow(/invalid element or attribute name/);
    expect(() => leaf('ok', 'x', { 'a"b': 'y' })).toThrow(/invalid element or attribute name/);
  });

  it('round-trips any text and attribute value through a parser', () => {
    // every string whose characters XML can carry comes back unchanged (CR included, thanks to &#xD;)
    const xmlChar = fc
      .string({ unit: 'binary', maxLength: 40 })
      .map((s) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
    fc.assert(
      fc.property(xmlChar, xmlChar, (t, a) => {
        const parsed = parseXml(serializeXml(node('root', [leaf('v', t, { attr: a })])));
        expect(text(parsed.root, 'v')).toBe(t);
        expect(parsed.root.children[0]?.attributes.attr).toBe(a);
      }),
    );
  });
});
