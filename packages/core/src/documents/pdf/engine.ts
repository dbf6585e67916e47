// The PDF engine: one private pdfmake instance per process, its Amiri fonts read once, and its resource policies.
// Owns the only place where document definitions become bytes; layout lives in layout.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/** The family name documents use; private so that no other pdfmake user's fonts can be picked by mistake. */
export const FONT_FAMILY = 'GieAmiri';

/** What this module uses of pdfmake's server instance; @types/pdfmake describes only the module-level functions. */
interface PdfMakeInstance {
  virtualfs: VirtualFs;
  setFonts(fonts: Record<string, { normal: string; bold: string }>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> };
}

/** The interface pdfmake expects of its virtual file system (fonts, and URLs it downloaded, which we forbid). */
interface VirtualFs {
  existsSync(path: string): boolean;
  readFileSync(path: string): Buffer;
  writeFileSync(path: string, content: Buffer): void;
}

/**
 * Amiri is a Naskh typeface with a full Latin set, so French and Arabic share one font and one line height; the npm
 * package ships the TTF files, which fontkit reads and shapes.
 */
function fontPaths(): { normal: string; bold: string } {
  const require = createRequire(import.meta.url);
  return {
    normal: require.resolve('@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf'),
    bold: require.resolve('@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf'),
  };
}

function memoryFs(files: Map<string, Buffer>): VirtualFs {
  return {
    existsSync: (path) => files.has(path),
    readFileSync: (path) => {
      const file = files.get(path);
      if (!file) throw new Error(`no file ${path} in the PDF engine's memory`);
      return file;
    },
    writeFileSync: () => {
      throw new Error('the PDF engine downloads nothing');
    },
  };
}

/** What this module uses of fontkit: its format registry, which pdfkit's font factory consults for every font. */
interface Fontkit {
  create(buffer: Uint8Array): object;
  registerFormat(format: unknown): void;
}

/**
 * The bytes of each font, or a stand-in for them when fontkit can keep one parsed font for the whole process.
 *
 * pdfkit parses a font for every document, and shaping with Amiri's large OpenType tables makes that parse and its
 * per-font caches most of a render's time. A stand-in is a short buffer that no built-in fontkit format claims; the
 * format registered here claims it and answers with the font parsed once (a class constructor may return another
 * object). Without that hook (another pdfkit layout) the real bytes are handed over and each document parses them.
 */
function fontSources(files: Map<string, Buffer>): Map<string, Buffer> {
  let fontkit: Fontkit;
  try {
    const fromPdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
    fontkit = createRequire(fromPdfmake.resolve('pdfkit'))('fontkit') as Fontkit;
  } catch {
    return files;
  }
  const registry = sharedFontRegistry(fontkit);
  const sources = new Map<string, Buffer>();
  for (const [path, bytes] of files) {
    const token = `${SHARED_FONT_MAGIC}${path}`;
    if (!registry.has(token)) registry.set(token, fontkit.create(bytes));
    sources.set(path, Buffer.from(token, 'utf8'));
  }
  return sources;
}

const SHARED_FONT_MAGIC = 'gie-ecp shared font:';
const REGISTRY_KEY = Symbol.for('gie-ecp.pdf.shared-fonts');

/** One registry per fontkit module, kept on it, so that this module evaluated twice (test runners) registers once. */
function sharedFontRegistry(fontkit: Fontkit): Map<string, object> {
  const holder = fontkit as Fontkit & { [REGISTRY_KEY]?: Map<string, object> };
  const existing = holder[REGISTRY_KEY];
  if (existing) return existing;
  const registry = new Map<string, object>();
  const tokenOf = (buffer: Uint8Array): string | null => {
    const head = Buffer.from(buffer.buffer, buffer.byteOffset, Math.min(buffer.byteLength, 512)).toString('utf8');
    return head.startsWith(SHARED_FONT_MAGIC) ? head : null;
  };
  class SharedFont {
    static probe(buffer: Uint8Array): boolean {
      const token = tokenOf(buffer);
      return token !== null && registry.has(token);
    }
    constructor(stream: { buffer: Uint8Array }) {
      const token = tokenOf(stream.buffer);
      const font = token === null ? undefined : registry.get(token);
      if (!font) throw new Error('unknown shared font');
      // biome-ignore lint/correctness/noConstructorReturn: fontkit builds fonts with `new format(stream)`
      return font;
    }
  }
  fontkit.registerFormat(SharedFont);
  Object.defineProperty(fontkit, REGISTRY_KEY, { value: registry });
  return registry;
}

/**
 * pdfmake's default export is a process-wide singleton whose fonts and policies any other module may change (a bare
 * benchmark document, another report); an instance of the same class keeps ours apart and leaves theirs alone.
 */
function createEngine(): PdfMakeInstance {
  const Engine = Object.getPrototypeOf(pdfmake).constructor as new () => PdfMakeInstance;
  const engine = new Engine();
  const paths = fontPaths();
  const shipped = new Set([paths.normal, paths.bold]);
  // Read once: every document then takes the fonts from memory instead of the disk.
  const files = new Map([...shipped].map((path) => [path, readFileSync(path)]));
  engine.virtualfs = memoryFs(fontSources(files));
  engine.setFonts({ [FONT_FAMILY]: paths });
  // An invoice never needs the network, and the only files it may read are the fonts shipped with it: a logo comes
  // as bytes, so a path or URL smuggled into a document definition fails instead of leaking a file or a request.
  engine.setUrlAccessPolicy(() => false);
  engine.setLocalAccessPolicy((path) => shipped.has(path));
  return engine;
}

let engine: PdfMakeInstance | null = null;

/** Lays out and writes a document definition; the first call pays for reading the fonts. */
export async function renderDefinition(definition: TDocumentDefinitions): Promise<Uint8Array> {
  engine ??= createEngine();
  const buffer = await engine.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
