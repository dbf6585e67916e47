// The PDF of an issued invoice or credit note, read back with poppler: the CGI art. 145 mentions, pages, Arabic labels.
// Also owns the byte-stability promise, checked within one process and against a fresh one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDefinition } from '../../../src/documents/pdf/engine.ts';
import { documentDefinition, renderDocumentPdf } from '../../../src/documents/pdf/index.ts';
import type { IssuedDocument } from '../../../src/invoicing/document.ts';
import {
  EXAMPLE_LINES,
  EXAMPLE_RIB,
  exampleInvoice,
  firstPagePng,
  flatten,
  normalise,
  pdfPages,
  popplerAvailable,
  withTotals,
} from './support.ts';

const poppler = popplerAvailable();
const here = dirname(fileURLToPath(import.meta.url));

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function longInvoice(count: number): IssuedDocument {
  const lines = Array.from({ length: count }, (_, i) => {
    const base = EXAMPLE_LINES[i % EXAMPLE_LINES.length]!;
    return { ...base, description: `${base.description} — lot ${i + 1}` };
  });
  return exampleInvoice({ number: 'FA-2026-00042', ...withTotals(lines) });
}

function creditNote(): IssuedDocument {
  return exampleInvoice({
    kind: 'credit_note',
    number: 'AV-2026-00001',
    issueDate: '2026-02-03',
    dueDate: null,
    corrects: { number: 'FA-2026-00001', issueDate: '2026-01-15' },
  });
}

describe('renderDocumentPdf: byte stability', () => {
  it('gives identical bytes for the same document, with fixed dates and file ID', async () => {
    const first = await renderDocumentPdf(exampleInvoice());
    const second = await renderDocumentPdf(exampleInvoice());
    expect(Buffer.from(first).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256(second)).toBe(sha256(first));

    const arabic = await renderDocumentPdf(exampleInvoice(), { arabicLabels: true });
    expect(sha256(await renderDocumentPdf(exampleInvoice(), { arabicLabels: true }))).toBe(sha256(arabic));
    expect(sha256(arabic)).not.toBe(sha256(first));

    // pdfkit writes the info dates as objects of their own: every date in the file is the issue date.
    const dates = Buffer.from(first)
      .toString('latin1')
      .match(/\(D:\d{14}Z\)/g);
    expect(dates).toEqual(['(D:20260115000000Z)', '(D:20260115000000Z)']);
  });

  it('gives another file ID to another document', async () => {
    const id = (pdf: Uint8Array) => /\/ID \[<([0-9a-f]+)>/.exec(Buffer.from(pdf).toString('latin1'))?.[1];
    const invoice = id(await renderDocumentPdf(exampleInvoice()));
    const other = id(await renderDocumentPdf(exampleInvoice({ number: 'FA-2026-00002' })));
    expect(invoice).toMatch(/^[0-9a-f]{32}$/);
    expect(other).not.toBe(invoice);
  });

  it('gives the same bytes in a fresh process, whatever its clock and time zone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gie-pdf-'));
    try {
      const script = join(dir, 'render.mts');
      const output = join(dir, 'out.pdf');
      const url = (path: string) => JSON.stringify(new URL(`file://${join(here, path)}`).href);
      writeFileSync(
        script,
        [
          `import { writeFileSync } from 'node:fs';`,
          `import { renderDocumentPdf } from ${url('../../../src/documents/pdf/index.ts')};`,
          `import { exampleInvoice } from ${url('support.ts')};`,
          `writeFileSync(${JSON.stringify(output)}, await renderDocumentPdf(exampleInvoice()));`,
        ].join('\n'),
      );
      execFileSync(process.execPath, ['--import', 'tsx', script], {
        cwd: join(here, '../../..'),
        env: { ...process.env, TZ: 'Pacific/Kiritimati' },
      });
      expect(sha256(readFileSync(output))).toBe(sha256(await renderDocumentPdf(exampleInvoice())));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('renderDocumentPdf: resource policies', () => {
  it('refuses local files other than its fonts and any URL', async () => {
    const definition = documentDefinition(exampleInvoice());
    await expect(renderDefinition({ ...definition, images: { logo: '/etc/hostname' } })).rejects.toThrow(
      /Access to local file denied/,
    );
    await expect(renderDefinition({ ...definition, images: { logo: 'http://127.0.0.1:9/logo.png' } })).rejects.toThrow(
      /Access to URL denied/,
    );
  });
});

describe.skipIf(!poppler)('renderDocumentPdf: what pdftotext reads (DOMAIN 5.1)', () => {
  it('carries every mention CGI art. 145 requires', async () => {
    const pages = pdfPages(await renderDocumentPdf(exampleInvoice()));
    expect(pages).toHaveLength(1);
    const text = normalise(pages[0]!);
    const flat = flatten(pages[0]!);

    // The issuer and its identifiers
    for (const mention of [
      'GIE-ECP Tanger-Tétouan',
      "Groupement d'intérêt économique",
      '12, avenue Mohammed V',
      '90000 Tanger',
      'ICE : 003456789000012',
      'IF : 52341234',
      'RC : 98765 (Tanger)',
      'TP : 50612345',
      'CNSS : 8123456',
    ]) {
      expect(text).toContain(mention);
    }
    // The customer
    for (const mention of ['Hôtel Dar Tétouan SARL', '45, avenue Hassan II', '93000 Tétouan', 'ICE : 001525856000067']) {
      expect(text).toContain(mention);
    }
    expect(text).toContain('IF : 40123456');
    // Number, dates, terms
    expect(text).toContain('FACTURE N° FA-2026-00001');
    expect(text).toMatch(/Date d'émission :\s+15\/01\/2026/);
    expect(text).toMatch(/Date d'échéance :\s+31\/03\/2026/);
    expect(text).toContain('60 jours fin de facture');
    // The member the GIE invoices for
    expect(flat).toContain('Pour le compte de : Coopérative Al Baraka des produits du terroir (M01) — Produits du terroir');
    // The lines: description, quantity, unit, unit price, discount, VAT, amount on one row each
    expect(text).toMatch(/Désignation\s+Qté\s+Unité\s+P\.U\. HT\s+Remise %\s+TVA %\s+Montant HT/);
    expect(text).toMatch(/Atelier de dégustation \(prestation\)\s+2\s+séance\s+1 250,00\s+20\s+2 500,00/);
    expect(text).toMatch(/Paniers produits du terroir\s+35\s+panier\s+180,00\s+5\s+10\s+5 985,00/);
    expect(text).toMatch(/Transport frigorifique\s+1\s+forfait\s+437,35\s+14\s+437,35/);
    // VAT by rate, highest first
    expect(text).toMatch(/Taux\s+Base HT\s+TVA/);
    expect(text).toMatch(/20 %\s+2 500,00\s+500,00/);
    expect(text).toMatch(/14 %\s+437,35\s+61,23/);
    expect(text).toMatch(/10 %\s+5 985,00\s+598,50/);
    expect(text.indexOf('20 %')).toBeLessThan(text.indexOf('14 %'));
    expect(text.indexOf('14 %')).toBeLessThan(text.indexOf('10 %'));
    // Totals
    expect(text).toMatch(/Total HT\s+8 922,35 MAD/);
    expect(text).toMatch(/TVA\s+1 159,73 MAD/);
    expect(text).toMatch(/Total TTC\s+10 082,08 MAD/);
    expect(flat).toContain('Arrêtée la présente facture à la somme de dix mille quatre-vingt-deux dirhams et huit centimes TTC.');
    // Payment
    expect(text).toContain('Banque : Banque Populaire');
    expect(text).toContain(
      `RIB : ${EXAMPLE_RIB.slice(0, 3)} ${EXAMPLE_RIB.slice(3, 6)} ${EXAMPLE_RIB.slice(6, 22)} ${EXAMPLE_RIB.slice(22)}`,
    );
    expect(text).toContain('Merci de rappeler le numéro de facture sur votre virement.');
    expect(text).toContain('GIE-ECP Tanger-Tétouan — 12, avenue Mohammed V, 90000 Tanger');
    expect(text).toContain('Page 1 / 1');
    // Nothing in Arabic unless asked
    expect(text).not.toMatch(/[\u0600-\u06FF]/);
  });

  it('repeats the column headers, the page count and (from page 2) the number on every page of a long invoice', async () => {
    const pages = pdfPages(await renderDocumentPdf(longInvoice(80))).map(normalise);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} / ${pages.length}`);
      if (i > 0) expect(page, `page ${i + 1}`).toContain('FACTURE N° FA-2026-00042 (suite)');
    });
    // Every page that carries lines has the column headers above them.
    const withLines = pages.filter((page) => /lot \d+/.test(page));
    expect(withLines.length).toBeGreaterThanOrEqual(2);
    for (const page of withLines) expect(page).toMatch(/Désignation\s+Qté\s+Unité\s+P\.U\. HT\s+Remise %\s+TVA %\s+Montant HT/);
    // All 80 lines, each once, and the totals once at the end.
    const all = pages.join('\n');
    for (let n = 1; n <= 80; n++) expect(all.match(new RegExp(`lot ${n}\\b`, 'g')), `lot ${n}`).toHaveLength(1);
    expect(all.match(/Total TTC/g)).toHaveLength(1);
    expect(pages.at(-1)).toContain('Total TTC');
  });

  it('titles a credit note AVOIR and names the invoice it corrects', async () => {
    const [page] = pdfPages(await renderDocumentPdf(creditNote()));
    const text = normalise(page!);
    expect(text).toContain('AVOIR N° AV-2026-00001');
    expect(text).not.toContain('FACTURE');
    expect(text).toContain('Avoir sur la facture N° FA-2026-00001 du 15/01/2026');
    expect(text).toMatch(/Date d'émission :\s+03\/02\/2026/);
    expect(text).not.toContain("Date d'échéance");
    expect(flatten(page!)).toContain(
      'Arrêté le présent avoir à la somme de dix mille quatre-vingt-deux dirhams et huit centimes TTC.',
    );
  });

  it('titles a quote DEVIS with its own number and words, and marks a draft preview on every page without a number', async () => {
    const quote = normalise(
      pdfPages(await renderDocumentPdf(exampleInvoice({ kind: 'quote', number: 'DV-2026-00004', dueDate: null })))[0]!,
    );
    expect(quote).toContain('DEVIS N° DV-2026-00004');
    expect(quote).not.toContain('FACTURE');
    expect(flatten(quote)).toContain('Arrêté le présent devis à la somme de dix mille quatre-vingt-deux dirhams');

    const previewPdf = await renderDocumentPdf(exampleInvoice({ number: '', preview: true }));
    const preview = pdfPages(previewPdf);
    expect(normalise(preview[0]!)).toContain('FACTURE — APERÇU');
    expect(normalise(preview[0]!)).not.toContain('FA-2026-00001');
    // the watermark is drawn last, one rotated letter at a time
    for (const page of pdfPages(previewPdf, 'raw')) expect(page.replace(/\s+/g, '')).toMatch(/APERÇU—NONÉMIS$/);
    // the figures are those the issued invoice will carry
    expect(normalise(preview[0]!)).toContain('10 082,08');
    const issued = normalise(pdfPages(await renderDocumentPdf(exampleInvoice()))[0]!);
    expect(issued).not.toContain('APERÇU');
  });

  it('shows an exempt line as Exonéré with its legal basis, in the lines and in the VAT table', async () => {
    const doc = exampleInvoice({
      ...withTotals([
        ...EXAMPLE_LINES,
        {
          description: 'Formation des adhérents',
          quantity: '1',
          unit: 'jour',
          unitPrice: '1500.00',
          vat: 'exempt',
          exemptionBasis: 'Art. 91-I-A du CGI',
        },
      ]),
    });
    const text = normalise(pdfPages(await renderDocumentPdf(doc))[0]!);
    expect(text).toMatch(/Formation des adhérents\s+1\s+jour\s+1 500,00\s+Exonéré\s+1 500,00/);
    expect(text).toMatch(/Exonéré\s+1 500,00\s+0,00/);
    expect(text.match(/Art\. 91-I-A du CGI/g)?.length).toBe(2);
    expect(text).toMatch(/Total HT\s+10 422,35 MAD/);
    expect(text).toMatch(/Total TTC\s+11 582,08 MAD/);
  });

  it('writes the Arabic labels so that pdftotext reads them in logical order', async () => {
    const pages = pdfPages(await renderDocumentPdf(longInvoice(80), { arabicLabels: true }));
    const first = normalise(pages[0]!);
    // pdftotext rebuilds the logical order of right-to-left text from the glyph positions (and wraps it in
    // embedding marks): a word it prints as written here was drawn right to left with its letters joined.
    const unmarked = first.replace(/[\u202A-\u202E\u200E\u200F]/g, '');
    for (const word of ['فاتورة', 'الزبون', 'لحساب', 'البيان', 'الكمية', 'الوحدة', 'المبلغ', 'تاريخ الإصدار']) {
      expect(unmarked).toContain(word);
    }
    expect(unmarked).toContain('FA-2026-00042 فاتورة رقم');
    expect(unmarked).toContain('Client / الزبون');
    // The French is all still there beside it.
    expect(first).toContain('FACTURE N° FA-2026-00042');
    expect(first).toContain('Page 1 / ');
    const all = normalise(pages.join('\n')).replace(/[\u202A-\u202E\u200E\u200F]/g, '');
    expect(all).toMatch(/Total TTC \/\s+المجموع مع احتساب الرسوم\s+\d/);
    expect(all).toContain('المعلومات البنكية');
  });

  it('orders Arabic names and descriptions from the document the same way, without the labels option', async () => {
    const doc = exampleInvoice({
      customer: { ...exampleInvoice().customer, name: 'فندق دار تطوان', address: 'شارع الحسن الثاني رقم 45' },
      member: { code: 'M01', name: 'تعاونية البركة', activity: 'منتجات محلية' },
    });
    const text = normalise(pdfPages(await renderDocumentPdf(doc))[0]!).replace(/[\u202A-\u202E\u200E\u200F]/g, '');
    expect(text).toContain('فندق دار تطوان');
    // pdftotext prints a number at the left end of a right-to-left line first, where a correct rendering draws it.
    expect(text).toContain('45 شارع الحسن الثاني رقم');
    expect(text).toContain('تعاونية البركة');
    expect(text).toContain('منتجات محلية');
    expect(text).toContain('ICE : 001525856000067');
  });

  it('draws page 1 as a PNG for a person to check (kept when PDF_PREVIEW_DIR is set)', async () => {
    const previews = process.env.PDF_PREVIEW_DIR;
    for (const [name, pdf] of [
      ['invoice', await renderDocumentPdf(exampleInvoice())],
      ['invoice-ar', await renderDocumentPdf(exampleInvoice(), { arabicLabels: true })],
      ['credit-note', await renderDocumentPdf(creditNote())],
    ] as const) {
      const png = firstPagePng(pdf);
      expect(Buffer.from(png).subarray(1, 4).toString('latin1')).toBe('PNG');
      // A4 at 60 dpi: 595.28 × 841.89 pt → 497 × 702 pixels.
      expect(Buffer.from(png).readUInt32BE(16)).toBe(497);
      expect(Buffer.from(png).readUInt32BE(20)).toBe(702);
      if (previews) {
        mkdirSync(previews, { recursive: true });
        writeFileSync(join(previews, `${name}.png`), png);
      }
    }
  });
});
