// A small XML writer: elements with attributes and either text or child elements, serialized with a UTF-8 declaration.
// Owns escaping: the UBL module never builds markup from strings itself, so no field of a document can inject markup.

/** An element holds either text or child elements: UBL has no mixed content, and refusing it keeps the writer small. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly content: string | readonly XmlElement[];
}

/** What a builder accepts as a child: absent optional elements are written as null/undefined/false and dropped. */
export type XmlChild = XmlElement | null | undefined | false;

type Attributes = Readonly<Record<string, string | null | undefined>>;

// Names come from our own code, never from data; checking them still turns a typo into an error instead of broken XML.
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

function checkedName(name: string): string {
  if (!NAME.test(name)) throw new Error(`xml: invalid element or attribute name ${JSON.stringify(name)}`);
  return name;
}

function checkedAttributes(attributes: Attributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) out[checkedName(key)] = value;
  }
  return out;
}

/** An element with text content (the text may be empty). */
export function leaf(name: string, text: string, attributes: Attributes = {}): XmlElement {
  return { name: checkedName(name), attributes: checkedAttributes(attributes), content: text };
}

/** A text element only when there is text: optional fields of a party (IF, TP, e-mail…) are often null or blank. */
export function optionalLeaf(name: string, text: string | null | undefined, attributes: Attributes = {}): XmlElement | null {
  return text === null || text === undefined || text.trim() === '' ? null : leaf(name, text.trim(), attributes);
}

/** An element with child elements; null/undefined/false children are left out. */
export function node(name: string, children: readonly XmlChild[], attributes: Attributes = {}): XmlElement {
  const kept = children.filter((c): c is XmlElement => c !== null && c !== undefined && c !== false);
  return { name: checkedName(name), attributes: checkedAttributes(attributes), content: kept };
}

/**
 * Characters XML 1.0 cannot carry at all, not even as references (control characters pasted from a spreadsheet, lone
 * surrogates). They become U+FFFD so that the loss is visible in the document rather than silent or fatal at issue.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `>` is escaped too, so that "]]>" in a description cannot appear literally; CR as a reference survives parsing. */
export function escapeText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;');
}

/** Attribute values are whitespace-normalized by parsers, so tab and line breaks travel as references. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
}

function write(element: XmlElement, indent: string, out: string[]): void {
  const attributes = Object.entries(element.attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  if (typeof element.content === 'string') {
    out.push(`${open}>${escapeText(element.content)}</${element.name}>`);
  } else if (element.content.length === 0) {
    out.push(`${open}/>`);
  } else {
    out.push(`${open}>`);
    for (const child of element.content) write(child, `${indent}  `, out);
    out.push(`${indent}</${element.name}>`);
  }
}

/**
 * The whole document. Indentation only goes between elements, never inside text, so it changes no value; it keeps the
 * file readable for whoever has to compare it with the PDF.
 */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', out);
  return `${out.join('\n')}\n`;
}
