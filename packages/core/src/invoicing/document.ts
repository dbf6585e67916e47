// An issued invoice or credit note as a document: everything its PDF and its UBL file show, frozen at issue.
// Renderers read only this, so that a document regenerated later is the same document. Quotes and drafts take the
// same shape to be previewed, computed from their rows each time.
import type { VatBreakdown, VatCode } from './totals.ts';

export interface DocumentParty {
  name: string;
  /** Street and number, on one or more lines. */
  address: string | null;
  city: string | null;
  postalCode?: string | null;
  /** ISO 3166 two letters, MA for Morocco. */
  country: string;
  ice: string | null;
  ifNumber?: string | null;
  rcNumber?: string | null;
  rcCourt?: string | null;
  tpNumber?: string | null;
  cnssNumber?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface DocumentIssuer extends DocumentParty {
  legalForm: string;
  bankName: string | null;
  rib: string | null;
  website?: string | null;
  logo: { bytes: Uint8Array; mediaType: 'image/png' | 'image/jpeg' } | null;
}

export interface DocumentLine {
  description: string;
  /** Up to 3 decimals. */
  quantity: string;
  unit: string | null;
  unitPrice: string;
  discountPercent: string;
  vat: VatCode;
  /** The legal basis of an exemption (vat "exempt"), e.g. "Art. 91-I-A du CGI". */
  exemptionBasis: string | null;
  /** HT of the line, rounded. */
  amount: string;
}

export interface IssuedDocument {
  kind: 'invoice' | 'credit_note' | 'quote';
  /** FA-2026-00001, AV-2026-00001, DV-2026-00001; empty on the preview of a draft. */
  number: string;
  /** A draft's preview: marked as such on every page, and never handed to a customer as the document. */
  preview?: true;
  issueDate: string;
  dueDate: string | null;
  currency: 'MAD';
  issuer: DocumentIssuer;
  customer: DocumentParty;
  /** The member for whose account the GIE invoices ("pour le compte de"). */
  member: { code: string; name: string; activity: string | null };
  lines: DocumentLine[];
  vat: VatBreakdown[];
  totalHt: string;
  totalVat: string;
  totalTtc: string;
  /** "60 jours fin de facture", or the agreed terms. */
  paymentTerms: string;
  /** For a credit note: the invoice it corrects. */
  corrects: { number: string; issueDate: string } | null;
  notes: string | null;
  footer: string | null;
}
