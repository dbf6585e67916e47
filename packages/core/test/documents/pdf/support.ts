// The DOMAIN 5.1 worked example as an issued document, and the poppler tools the PDF tests read their output with.
// Shared by the PDF tests so that every test looks at the same invoice the domain documents describe.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { ribKey } from '../../../src/identifiers/index.ts';
import type { DocumentLine, IssuedDocument } from '../../../src/invoicing/document.ts';
import { type InvoiceLineInput, invoiceTotals } from '../../../src/invoicing/totals.ts';

const RIB_FIRST_22 = '1016401234567890123456';
export const EXAMPLE_RIB = `${RIB_FIRST_22}${ribKey(RIB_FIRST_22)}`;

type LineInput = Omit<DocumentLine, 'amount' | 'discountPercent' | 'exemptionBasis'> & {
  discountPercent?: string;
  exemptionBasis?: string | null;
};

/** Lines with their amounts and the document's VAT and totals computed the way issuing computes them. */
export function withTotals(lines: LineInput[]): Pick<IssuedDocument, 'lines' | 'vat' | 'totalHt' | 'totalVat' | 'totalTtc'> {
  const inputs: InvoiceLineInput[] = lines.map((l) => ({
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent ?? '0',
    vat: l.vat,
  }));
  const totals = invoiceTotals(inputs);
  return {
    lines: lines.map((l, i) => ({
      ...l,
      discountPercent: l.discountPercent ?? '0',
      exemptionBasis: l.exemptionBasis ?? null,
      amount: totals.lines[i]!,
    })),
    vat: totals.vat,
    totalHt: totals.totalHt,
    totalVat: totals.totalVat,
    totalTtc: totals.totalTtc,
  };
}

export const EXAMPLE_LINES: LineInput[] = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', unit: 'séance', unitPrice: '1250.00', vat: '20' },
  {
    description: 'Paniers produits du terroir',
    quantity: '35',
    unit: 'panier',
    unitPrice: '180.00',
    discountPercent: '5',
    vat: '10',
  },
  { description: 'Transport frigorifique', quantity: '1', unit: 'forfait', unitPrice: '437.35', vat: '14' },
];

/** DOMAIN 5.1: the GIE invoices the hotel for its member M01; HT 8 922,35, TVA 1 159,73, TTC 10 082,08. */
export function exampleInvoice(overrides: Partial<IssuedDocument> = {}): IssuedDocument {
  return {
    kind: 'invoice',
    number: 'FA-2026-00001',
    issueDate: '2026-01-15',
    dueDate: '2026-03-31',
    currency: 'MAD',
    issuer: {
      name: 'GIE-ECP Tanger-Tétouan',
      legalForm: "Groupement d'intérêt économique",
      address: '12, avenue Mohammed V\nImmeuble Al Andalous, 3e étage',
      city: 'Tanger',
      postalCode: '90000',
      country: 'MA',
      ice: '003456789000012',
      ifNumber: '52341234',
      rcNumber: '98765',
      rcCourt: 'Tanger',
      tpNumber: '50612345',
      cnssNumber: '8123456',
      email: 'contact@gie-ecp-tt.ma',
      phone: '+212 539 00 00 00',
      bankName: 'Banque Populaire',
      rib: EXAMPLE_RIB,
      logo: { bytes: logoPng(), mediaType: 'image/png' },
    },
    customer: {
      name: 'Hôtel Dar Tétouan SARL',
      address: '45, avenue Hassan II',
      city: 'Tétouan',
      postalCode: '93000',
      country: 'MA',
      ice: '001525856000067',
      ifNumber: '40123456',
    },
    member: { code: 'M01', name: 'Coopérative Al Baraka des produits du terroir', activity: 'Produits du terroir' },
    ...withTotals(EXAMPLE_LINES),
    paymentTerms: '60 jours fin de facture',
    corrects: null,
    notes: 'Merci de rappeler le numéro de facture sur votre virement.',
    footer: 'GIE-ECP Tanger-Tétouan — 12, avenue Mohammed V, 90000 Tanger — contact@gie-ecp-tt.ma',
    ...overrides,
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A small RGB logo (a teal band with an olive square) made here, so the tests ship no binary fixture. */
export function logoPng(width = 96, height = 32): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const square = x >= 6 && x < 30 && y >= 4 && y < 28;
      const [r, g, b] = square ? [128, 140, 40] : y < 4 || y >= 28 ? [255, 255, 255] : [29, 78, 95];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

export const PDFTOTEXT = '/usr/bin/pdftotext';
export const PDFTOPPM = '/usr/bin/pdftoppm';

/** Whether the poppler tests run; CI sets REQUIRE_PDFTOTEXT=1 so that a missing poppler fails instead of skipping. */
export function popplerAvailable(): boolean {
  if (existsSync(PDFTOTEXT)) return true;
  if (process.env.REQUIRE_PDFTOTEXT === '1') {
    throw new Error(`REQUIRE_PDFTOTEXT=1 but ${PDFTOTEXT} is missing: apt-get install poppler-utils`);
  }
  console.warn(`NO PDFTOTEXT at ${PDFTOTEXT}: the PDF text tests are SKIPPED (apt-get install poppler-utils)`);
  return false;
}

function withTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'gie-pdf-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of each page as `pdftotext -layout` gives it, or with `raw` in the order it is drawn (which keeps
 * rotated text such as a watermark in one piece).
 */
export function pdfPages(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): string[] {
  return withTempDir((dir) => {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync(PDFTOTEXT, [`-${mode}`, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text.split('\f').slice(0, -1);
  });
}

/** pdftotext gives groups of digits separated by normal or no-break spaces, and columns by runs of spaces. */
export function normalise(text: string): string {
  return text.replace(/[\u00A0\u202F\u2007]/g, ' ');
}

/** The same text on one line, for sentences that wrap. */
export function flatten(text: string): string {
  return normalise(text).replace(/\s+/g, ' ');
}

/** Page 1 as a PNG, for a person (or a test run with PDF_PREVIEW_DIR set) to look at. */
export function firstPagePng(pdf: Uint8Array, dpi = 60): Uint8Array {
  return withTempDir((dir) => {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    execFileSync(PDFTOPPM, ['-png', '-r', String(dpi), '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const png = readdirSync(dir).find((name) => name.endsWith('.png'));
    if (!png) throw new Error('pdftoppm wrote no page');
    return readFileSync(join(dir, png));
  });
}
