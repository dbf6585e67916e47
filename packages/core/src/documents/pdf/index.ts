// Issued invoices and credit notes as PDF files: the public entry of the PDF renderer.
// Owns the promise that a document renders to the same bytes every time; layout.ts owns the design, engine.ts pdfmake.
import type { IssuedDocument } from '../../invoicing/document.ts';
import { renderDefinition } from './engine.ts';
import { documentDefinition, type LayoutOptions } from './layout.ts';

export type RenderPdfOptions = LayoutOptions;
export { documentDefinition } from './layout.ts';
export { visualRuns } from './rtl.ts';

/**
 * The PDF of an issued document, A4 in French, with the Arabic of each label beside it when `arabicLabels` is set.
 * Rendering the same document again gives identical bytes: dates and file ID come from the document, never the clock.
 */
export function renderDocumentPdf(doc: IssuedDocument, options: RenderPdfOptions = {}): Promise<Uint8Array> {
  return renderDefinition(documentDefinition(doc, options));
}
