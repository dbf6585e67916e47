// The sample documents of the UBL tests (the DOMAIN 5.1 invoice, an invoice with exempt and 7% lines, a credit note),
// and the files CI validates against the OASIS schemas. Totals always come from invoiceTotals, never typed by hand.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toUbl } from '../../../src/documents/ubl/index.ts';
import { ribKey } from '../../../src/identifiers/index.ts';
import type { DocumentIssuer, DocumentParty, IssuedDocument } from '../../../src/invoicing/document.ts';
import { invoiceTotals } from '../../../src/invoicing/totals.ts';

export interface SampleLine {
  description: string;
  quantity: string;
  unit: string | null;
  unitPrice: string;
  discountPercent?: string;
  vat: string;
  exemptionBasis?: string;
}

const RIB_FIRST_22 = '1016400000123456789012';

export const GIE: DocumentIssuer = {
  name: 'GIE-ECP Tanger-Tétouan',
  legalForm: "Groupement d'intérêt économique",
  address: '12, avenue Mohammed V\nImmeuble Al Amal, 3e étage',
  city: 'Tanger',
  postalCode: '90000',
  country: 'MA',
  ice: '003456789000012',
  ifNumber: '52341234',
  rcNumber: '98765',
  rcCourt: 'Tanger',
  tpNumber: '50612345',
  cnssNumber: null,
  email: 'contact@gie-ecp-tanger.ma',
  phone: '+212 539 00 00 00',
  website: 'https://gie-ecp-tanger.ma',
  bankName: 'Banque Populaire',
  rib: RIB_FIRST_22 + ribKey(RIB_FIRST_22),
  logo: null,
};

export const HOTEL: DocumentParty = {
  name: 'Hôtel Dar Tétouan SARL',
  address: '5, rue de la Médina',
  city: 'Tétouan',
  postalCode: '93000',
  country: 'MA',
  ice: '001525856000067',
};

export const MEMBER = { code: 'M01', name: 'Coopérative Al Baraka des produits du terroir', activity: 'Produits du terroir' };

/** The worked example of DOMAIN 5.1: HT 8922.35, VAT 1159.73, TTC 10082.08. */
export const DOMAIN_5_1_LINES: SampleLine[] = [
  { description: 'Atelier de dégustation', quantity: '2', unit: 'forfait', unitPrice: '1250.00', vat: '20' },
  {
    description: 'Paniers produits du terroir',
    quantity: '35',
    unit: 'panier',
    unitPrice: '180.00',
    discountPercent: '5',
    vat: '10',
  },
  { description: 'Transport frigorifique', quantity: '1', unit: null, unitPrice: '437.35', vat: '14' },
];

export const EXEMPT_BASIS = 'Art. 91-I-A-1° du CGI';

export interface DocumentOptions {
  kind?: IssuedDocument['kind'];
  number?: string;
  customer?: DocumentParty;
  dueDate?: string | null;
  corrects?: IssuedDocument['corrects'];
  notes?: string | null;
}

/** An issued document as the invoicing module freezes it, with every total computed by invoiceTotals. */
export function buildDocument(lines: readonly SampleLine[], options: DocumentOptions = {}): IssuedDocument {
  const kind = options.kind ?? 'invoice';
  const totals = invoiceTotals(lines);
  return {
    kind,
    number: options.number ?? (kind === 'invoice' ? 'FA-2026-00001' : 'AV-2026-00001'),
    issueDate: kind === 'invoice' ? '2026-03-16' : '2026-04-02',
    dueDate: options.dueDate === undefined ? (kind === 'invoice' ? '2026-05-15' : null) : options.dueDate,
    currency: 'MAD',
    issuer: GIE,
    customer: options.customer ?? HOTEL,
    member: MEMBER,
    lines: lines.map((l, i) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent ?? '0',
      vat: l.vat,
      exemptionBasis: l.exemptionBasis ?? null,
      amount: totals.lines[i]!,
    })),
    vat: totals.vat,
    totalHt: totals.totalHt,
    totalVat: totals.totalVat,
    totalTtc: totals.totalTtc,
    paymentTerms: '60 jours fin de facture',
    corrects: options.corrects ?? (kind === 'credit_note' ? { number: 'FA-2026-00002', issueDate: '2026-03-16' } : null),
    notes: options.notes ?? null,
    footer: 'GIE-ECP Tanger-Tétouan — ICE 003456789000012',
  };
}

export const domain51Invoice = (): IssuedDocument => buildDocument(DOMAIN_5_1_LINES);

/** Discounted, 7% and exempt lines, for a customer whose name needs every XML escape. */
export const invoiceWithExemptLine = (): IssuedDocument =>
  buildDocument(
    [
      { description: 'Heures de conseil', quantity: '10', unit: 'heures', unitPrice: '450.00', discountPercent: '10', vat: '20' },
      {
        description: 'Pain traditionnel & msemen',
        quantity: '200',
        unit: 'pièce',
        unitPrice: '3.50',
        vat: 'exempt',
        exemptionBasis: EXEMPT_BASIS,
      },
      { description: 'Eau minérale <1,5 L>', quantity: '48', unit: 'u', unitPrice: '6.25', vat: '7' },
      { description: 'Livraison', quantity: '12.5', unit: 'km', unitPrice: '4.80', vat: '20' },
    ],
    {
      number: 'FA-2026-00002',
      customer: { ...HOTEL, name: `Café & Thé "L'Oasis" <Tanger>`, ice: '002233445000078', address: null, postalCode: null },
      notes: 'Livraison au restaurant, porte arrière',
    },
  );

/** A partial credit of FA-2026-00002: hours with their discount, and bread returned. */
export const creditNote = (): IssuedDocument =>
  buildDocument(
    [
      { description: 'Heures de conseil', quantity: '2', unit: 'heures', unitPrice: '450.00', discountPercent: '10', vat: '20' },
      {
        description: 'Pain traditionnel & msemen',
        quantity: '50',
        unit: 'pièce',
        unitPrice: '3.50',
        vat: 'exempt',
        exemptionBasis: EXEMPT_BASIS,
      },
    ],
    { kind: 'credit_note', dueDate: '2026-04-30' },
  );

/** File names tell CI which schema validates each: invoice*.xml → Invoice, credit-note*.xml → CreditNote. */
export function sampleFiles(): Record<string, string> {
  return {
    'invoice-domain-5-1.xml': toUbl(domain51Invoice()),
    'invoice-exempt.xml': toUbl(invoiceWithExemptLine()),
    'credit-note.xml': toUbl(creditNote()),
  };
}

export function writeSamples(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(sampleFiles()).map(([name, xml]) => {
    const path = join(dir, name);
    writeFileSync(path, xml, 'utf8');
    return path;
  });
}
