// A strict reader for the XML the UBL writer produces, so tests assert on parsed values rather than on raw text.
// Owns nothing the product uses: it refuses what the writer never emits (comments, CDATA, DTDs, mixed content).

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** The decoded text of an element without child elements ('' otherwise). */
  text: string;
}

export interface ParsedXml {
  declaration: Record<string, string>;
  root: XmlNode;
}

const NAME = '[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`xml: raw "<" in ${where}`);
  return raw.replace(/&([^;]*);|&/g, (whole, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`xml: bare "&" in ${where}`);
    if (entity in ENTITIES) return ENTITIES[entity]!;
    const hex = /^#x([0-9A-Fa-f]+)$/.exec(entity);
    const dec = /^#(\d+)$/.exec(entity);
    if (hex) return String.fromCodePoint(Number.parseInt(hex[1]!, 16));
    if (dec) return String.fromCodePoint(Number.parseInt(dec[1]!, 10));
    throw new Error(`xml: unknown entity ${whole} in ${where}`);
  });
}

function parseAttributes(source: string, where: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const re = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'gy');
  let rest = source;
  let m: RegExpExecArray | null = re.exec(rest);
  let consumed = 0;
  while (m) {
    const name = m[1]!;
    if (name in attributes) throw new Error(`xml: duplicate attribute ${name} in ${where}`);
    attributes[name] = decode(m[2] ?? m[3] ?? '', `attribute ${name} of ${where}`);
    consumed = re.lastIndex;
    m = re.exec(rest);
  }
  rest = rest.slice(consumed);
  if (rest.trim() !== '') throw new Error(`xml: cannot read attributes ${JSON.stringify(rest)} of ${where}`);
  return attributes;
}

export function parseXml(xml: string): ParsedXml {
  const decl = /^<\?xml((?:\s+[a-z]+\s*=\s*"[^"]*")*)\s*\?>/.exec(xml);
  if (!decl) throw new Error('xml: missing <?xml ...?> declaration at the very start');
  const declaration = parseAttributes(decl[1]!, 'the declaration');
  const tag = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, 'y');
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  let pos = decl[0].length;
  let pendingText = '';
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt === -1 ? xml.length : lt;
    pendingText += xml.slice(pos, textEnd);
    pos = textEnd;
    if (lt === -1) break;
    if (/^<[!?]/.test(xml.slice(lt, lt + 2))) throw new Error(`xml: comments, CDATA, PIs and DTDs are not expected (at ${lt})`);
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`xml: malformed tag at ${lt}: ${JSON.stringify(xml.slice(lt, lt + 40))}`);
    const [whole, closing, name, rawAttributes, selfClosing] = m as unknown as [string, string, string, string, string];
    const parent = stack[stack.length - 1];
    if (closing) {
      if (!parent || parent.name !== name) throw new Error(`xml: </${name}> does not close <${parent?.name ?? '(nothing)'}>`);
      if (parent.children.length > 0) {
        if (pendingText.trim() !== '') throw new Error(`xml: mixed content in <${name}>`);
      } else {
        parent.text = decode(pendingText, `<${name}>`);
      }
      stack.pop();
    } else {
      if (pendingText.trim() !== '') throw new Error(`xml: text ${JSON.stringify(pendingText)} outside a leaf element`);
      if (!parent && root) throw new Error('xml: a second root element');
      const element: XmlNode = { name, attributes: parseAttributes(rawAttributes, `<${name}>`), children: [], text: '' };
      if (parent) parent.children.push(element);
      else root = element;
      if (!selfClosing) stack.push(element);
    }
    pendingText = '';
    pos = lt + whole.length;
  }
  if (stack.length > 0) throw new Error(`xml: <${stack[stack.length - 1]!.name}> is never closed`);
  if (pendingText.trim() !== '') throw new Error('xml: text after the root element');
  if (!root) throw new Error('xml: no root element');
  return { declaration, root };
}

/** The children of `node` named `name` (qualified names as written: "cac:TaxSubtotal"). */
export function all(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The single element at a "/"-separated path under `node`; throws when absent or ambiguous, to keep tests honest. */
export function one(node: XmlNode, path: string): XmlNode {
  let current = node;
  for (const step of path.split('/')) {
    const found = all(current, step);
    if (found.length !== 1)
      throw new Error(`expected one <${step}> under <${current.name}> (path ${path}), found ${found.length}`);
    current = found[0]!;
  }
  return current;
}

export function text(node: XmlNode, path: string): string {
  return one(node, path).text;
}

/** Every element of the tree, depth first, the node itself included. */
export function descendants(node: XmlNode): XmlNode[] {
  return [node, ...node.children.flatMap(descendants)];
}
