// Tests of toUbl: the DOMAIN 5.1 invoice and a credit note read back from their XML, element order, escaping, refusals,
// and a property over random invoices. XSD validation itself runs in CI (write-samples.ts + xmllint), not here.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toUbl, UBL_CUSTOMIZATION_ID, UBL_PROFILE_ID, unitCode } from '../../../src/documents/ubl/index.ts';
import { DomainError } from '../../../src/errors.ts';
import type { IssuedDocument } from '../../../src/invoicing/document.ts';
import { Dec } from '../../../src/money/index.ts';
import {
  buildDocument,
  creditNote,
  DOMAIN_5_1_LINES,
  domain51Invoice,
  EXEMPT_BASIS,
  GIE,
  invoiceWithExemptLine,
  type SampleLine,
  sampleFiles,
  writeSamples,
} from './samples.ts';
import { all, descendants, one, parseXml, text, type XmlNode } from './xml-tree.ts';

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

function parse(doc: IssuedDocument): XmlNode {
  return parseXml(toUbl(doc)).root;
}

const sum = (values: readonly string[]) => values.reduce((a, v) => a.plus(v), new Dec(0)).toFixed(2);
const lineTag = (root: XmlNode) => (root.name === 'Invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine');
const taxSubtotals = (root: XmlNode) => all(one(root, 'cac:TaxTotal'), 'cac:TaxSubtotal');

describe('toUbl: the DOMAIN 5.1 invoice', () => {
  const xml = toUbl(domain51Invoice());
  const { declaration, root } = parseXml(xml);

  it('is a UBL 2.1 Invoice in UTF-8 with the UBL namespaces', () => {
    expect(declaration).toEqual({ version: '1.0', encoding: 'UTF-8' });
    expect(root.name).toBe('Invoice');
    expect(root.attributes).toEqual({ xmlns: NS.invoice, 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc });
    expect(text(root, 'cbc:UBLVersionID')).toBe('2.1');
    expect(text(root, 'cbc:CustomizationID')).toBe(UBL_CUSTOMIZATION_ID);
    expect(text(root, 'cbc:ProfileID')).toBe(UBL_PROFILE_ID);
  });

  it('writes the header elements in the XSD sequence of InvoiceType', () => {
    expect(root.children.map((c) => c.name)).toEqual([
      'cbc:UBLVersionID',
      'cbc:CustomizationID',
      'cbc:ProfileID',
      'cbc:ID',
      'cbc:IssueDate',
      'cbc:DueDate',
      'cbc:InvoiceTypeCode',
      'cbc:Note',
      'cbc:DocumentCurrencyCode',
      'cac:AccountingSupplierParty',
      'cac:AccountingCustomerParty',
      'cac:PaymentMeans',
      'cac:PaymentTerms',
      'cac:TaxTotal',
      'cac:LegalMonetaryTotal',
      'cac:InvoiceLine',
      'cac:InvoiceLine',
      'cac:InvoiceLine',
    ]);
  });

  it('carries the number, dates, type, currency and the "pour le compte de" note', () => {
    expect(text(root, 'cbc:ID')).toBe('FA-2026-00001');
    expect(text(root, 'cbc:IssueDate')).toBe('2026-03-16');
    expect(text(root, 'cbc:DueDate')).toBe('2026-05-15');
    expect(text(root, 'cbc:InvoiceTypeCode')).toBe('380');
    expect(text(root, 'cbc:DocumentCurrencyCode')).toBe('MAD');
    expect(text(root, 'cbc:Note')).toBe('Pour le compte de Coopérative Al Baraka des produits du terroir (M01)');
  });

  it('gives the totals of DOMAIN 5.1', () => {
    expect(text(root, 'cac:TaxTotal/cbc:TaxAmount')).toBe('1159.73');
    const totals = one(root, 'cac:LegalMonetaryTotal');
    expect(totals.children.map((c) => [c.name, c.text])).toEqual([
      ['cbc:LineExtensionAmount', '8922.35'],
      ['cbc:TaxExclusiveAmount', '8922.35'],
      ['cbc:TaxInclusiveAmount', '10082.08'],
      ['cbc:PayableAmount', '10082.08'],
    ]);
  });

  it('has one tax subtotal per rate, adding up to the tax amount', () => {
    const subtotals = taxSubtotals(root).map((s) => ({
      category: text(s, 'cac:TaxCategory/cbc:ID'),
      percent: text(s, 'cac:TaxCategory/cbc:Percent'),
      base: text(s, 'cbc:TaxableAmount'),
      vat: text(s, 'cbc:TaxAmount'),
      scheme: text(s, 'cac:TaxCategory/cac:TaxScheme/cbc:ID'),
    }));
    expect(subtotals).toEqual([
      { category: 'S', percent: '20', base: '2500.00', vat: '500.00', scheme: 'VAT' },
      { category: 'S', percent: '14', base: '437.35', vat: '61.23', scheme: 'VAT' },
      { category: 'S', percent: '10', base: '5985.00', vat: '598.50', scheme: 'VAT' },
    ]);
    expect(sum(subtotals.map((s) => s.vat))).toBe(text(root, 'cac:TaxTotal/cbc:TaxAmount'));
    expect(sum(subtotals.map((s) => s.base))).toBe(text(root, 'cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount'));
  });

  it('writes every amount in MAD with 2 decimals', () => {
    const amounts = descendants(root).filter((n) => 'currencyID' in n.attributes);
    // tax total 1 + 3 subtotals × 2, monetary total 4, lines 3 × (amount, price), the discount's amount and base
    expect(amounts).toHaveLength(19);
    for (const a of amounts) {
      expect(a.attributes.currencyID, a.name).toBe('MAD');
      expect(a.text, a.name).toMatch(/^-?\d+\.\d{2}$/);
    }
  });

  it('writes the lines, their amounts adding up to LineExtensionAmount', () => {
    const lines = all(root, 'cac:InvoiceLine');
    expect(lines.map((l) => text(l, 'cbc:ID'))).toEqual(['1', '2', '3']);
    expect(lines.map((l) => text(l, 'cbc:LineExtensionAmount'))).toEqual(['2500.00', '5985.00', '437.35']);
    expect(sum(lines.map((l) => text(l, 'cbc:LineExtensionAmount')))).toBe(
      text(root, 'cac:LegalMonetaryTotal/cbc:LineExtensionAmount'),
    );
    expect(lines.map((l) => text(l, 'cac:Item/cbc:Name'))).toEqual(DOMAIN_5_1_LINES.map((l) => l.description));
    expect(lines.map((l) => text(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:Percent'))).toEqual(['20', '10', '14']);
    const second = lines[1]!;
    expect(second.children.map((c) => c.name)).toEqual([
      'cbc:ID',
      'cbc:InvoicedQuantity',
      'cbc:LineExtensionAmount',
      'cac:AllowanceCharge',
      'cac:Item',
      'cac:Price',
    ]);
    expect(one(second, 'cbc:InvoicedQuantity')).toMatchObject({ text: '35', attributes: { unitCode: 'C62' } });
    expect(text(second, 'cac:Price/cbc:PriceAmount')).toBe('180.00');
    expect(one(second, 'cac:Price/cbc:BaseQuantity')).toMatchObject({ text: '1', attributes: { unitCode: 'C62' } });
  });

  it('writes the 5% discount as a line allowance whose base minus amount is the line amount', () => {
    const [first, second, third] = all(root, 'cac:InvoiceLine');
    expect(all(first!, 'cac:AllowanceCharge')).toHaveLength(0);
    expect(all(third!, 'cac:AllowanceCharge')).toHaveLength(0);
    const allowance = one(second!, 'cac:AllowanceCharge');
    expect(text(allowance, 'cbc:ChargeIndicator')).toBe('false');
    expect(text(allowance, 'cbc:MultiplierFactorNumeric')).toBe('5');
    expect(text(allowance, 'cbc:BaseAmount')).toBe('6300.00');
    expect(text(allowance, 'cbc:Amount')).toBe('315.00');
    expect(new Dec('6300.00').minus('315.00').toFixed(2)).toBe(text(second!, 'cbc:LineExtensionAmount'));
  });

  it('identifies the GIE by ICE, IF, TP and RC, with its address, VAT scheme and bank account', () => {
    const gie = one(root, 'cac:AccountingSupplierParty/cac:Party');
    expect(all(gie, 'cac:PartyIdentification').map((p) => [one(p, 'cbc:ID').attributes.schemeID, text(p, 'cbc:ID')])).toEqual([
      ['ICE', '003456789000012'],
      ['IF', '52341234'],
      ['TP', '50612345'],
    ]);
    expect(text(gie, 'cac:PartyName/cbc:Name')).toBe('GIE-ECP Tanger-Tétouan');
    expect(text(gie, 'cac:PostalAddress/cbc:StreetName')).toBe('12, avenue Mohammed V');
    expect(text(gie, 'cac:PostalAddress/cbc:CityName')).toBe('Tanger');
    expect(text(gie, 'cac:PostalAddress/cbc:PostalZone')).toBe('90000');
    expect(text(gie, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode')).toBe('MA');
    expect(one(gie, 'cac:PartyTaxScheme/cbc:CompanyID')).toMatchObject({
      text: '003456789000012',
      attributes: { schemeID: 'ICE' },
    });
    expect(text(gie, 'cac:PartyTaxScheme/cac:TaxScheme/cbc:ID')).toBe('VAT');
    expect(text(gie, 'cac:PartyLegalEntity/cbc:RegistrationName')).toBe('GIE-ECP Tanger-Tétouan');
    expect(one(gie, 'cac:PartyLegalEntity/cbc:CompanyID')).toMatchObject({ text: '98765', attributes: { schemeID: 'RC' } });
    expect(text(gie, 'cac:PartyLegalEntity/cac:CorporateRegistrationScheme/cac:JurisdictionRegionAddress/cbc:CityName')).toBe(
      'Tanger',
    );

    const means = one(root, 'cac:PaymentMeans');
    expect(text(means, 'cbc:PaymentMeansCode')).toBe('30');
    expect(text(means, 'cac:PayeeFinancialAccount/cbc:ID')).toBe(GIE.rib);
    expect(text(means, 'cac:PayeeFinancialAccount/cbc:ID')).toMatch(/^\d{24}$/);
    expect(text(means, 'cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:Name')).toBe('Banque Populaire');
    expect(text(root, 'cac:PaymentTerms/cbc:Note')).toBe('60 jours fin de facture');
  });

  it('identifies the customer by its ICE', () => {
    const customer = one(root, 'cac:AccountingCustomerParty/cac:Party');
    expect(one(customer, 'cac:PartyIdentification/cbc:ID')).toMatchObject({
      text: '001525856000067',
      attributes: { schemeID: 'ICE' },
    });
    expect(text(customer, 'cac:PartyTaxScheme/cbc:CompanyID')).toBe('001525856000067');
    expect(text(customer, 'cac:PartyLegalEntity/cbc:RegistrationName')).toBe('Hôtel Dar Tétouan SARL');
  });

  it('writes a customer without ICE without identification nor tax scheme', () => {
    const customer = one(
      parse(
        buildDocument(DOMAIN_5_1_LINES, {
          customer: { name: 'M. Karim Benali', address: null, city: null, country: 'MA', ice: null },
        }),
      ),
      'cac:AccountingCustomerParty/cac:Party',
    );
    expect(customer.children.map((c) => c.name)).toEqual(['cac:PartyName', 'cac:PostalAddress', 'cac:PartyLegalEntity']);
  });
});

describe('toUbl: escaping', () => {
  it('round-trips a customer name full of markup characters', () => {
    const name = `Café & Thé "L'Oasis" <Tanger>`;
    const xml = toUbl(invoiceWithExemptLine());
    expect(xml).toContain('Café &amp; Thé "L\'Oasis" &lt;Tanger&gt;');
    expect(xml).not.toContain('<Tanger>');
    const customer = one(parseXml(xml).root, 'cac:AccountingCustomerParty/cac:Party');
    expect(text(customer, 'cac:PartyName/cbc:Name')).toBe(name);
    expect(text(customer, 'cac:PartyLegalEntity/cbc:RegistrationName')).toBe(name);
  });

  it('round-trips descriptions, notes and member names as typed', () => {
    const doc = buildDocument(
      [{ description: 'Lot "A&B" <export> ]]> — العربية', quantity: '1', unit: null, unitPrice: '10.00', vat: '20' }],
      { notes: 'Ligne 1\r\nLigne 2' },
    );
    doc.member = { ...doc.member, name: 'Coop <Tafraout> & fils' };
    const root = parse(doc);
    expect(text(root, 'cac:InvoiceLine/cac:Item/cbc:Name')).toBe('Lot "A&B" <export> ]]> — العربية');
    expect(all(root, 'cbc:Note').map((n) => n.text)).toEqual([
      'Pour le compte de Coop <Tafraout> & fils (M01)',
      'Ligne 1\r\nLigne 2',
    ]);
  });
});

describe('toUbl: exempt and zero-rated lines', () => {
  const root = parse(invoiceWithExemptLine());

  it('puts an exempt subtotal in category E with the legal basis, the others in S', () => {
    const subtotals = taxSubtotals(root);
    expect(subtotals.map((s) => text(s, 'cac:TaxCategory/cbc:ID'))).toEqual(['S', 'S', 'E']);
    const exempt = subtotals[2]!;
    expect(text(exempt, 'cbc:TaxableAmount')).toBe('700.00');
    expect(text(exempt, 'cbc:TaxAmount')).toBe('0.00');
    expect(text(exempt, 'cac:TaxCategory/cbc:Percent')).toBe('0');
    expect(text(exempt, 'cac:TaxCategory/cbc:TaxExemptionReason')).toBe(EXEMPT_BASIS);
    const line = all(root, 'cac:InvoiceLine')[1]!;
    expect(text(line, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID')).toBe('E');
    expect(text(line, 'cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReason')).toBe(EXEMPT_BASIS);
  });

  it('puts the 0% rate in category Z, apart from the exempt lines', () => {
    const doc = buildDocument([
      { description: 'Export', quantity: '1', unit: null, unitPrice: '100.00', vat: '0' },
      { description: 'Pain', quantity: '1', unit: null, unitPrice: '5.00', vat: 'exempt', exemptionBasis: EXEMPT_BASIS },
    ]);
    const subtotals = taxSubtotals(parse(doc));
    expect(subtotals.map((s) => [text(s, 'cac:TaxCategory/cbc:ID'), text(s, 'cbc:TaxableAmount')])).toEqual([
      ['Z', '100.00'],
      ['E', '5.00'],
    ]);
    expect(all(one(subtotals[0]!, 'cac:TaxCategory'), 'cbc:TaxExemptionReason')).toHaveLength(0);
  });

  it('maps units to UN/ECE rec 20 codes where obvious, C62 otherwise', () => {
    const lines = all(root, 'cac:InvoiceLine');
    expect(lines.map((l) => one(l, 'cbc:InvoicedQuantity').attributes.unitCode)).toEqual(['HUR', 'C62', 'C62', 'KMT']);
    expect(text(lines[3]!, 'cbc:InvoicedQuantity')).toBe('12.5');
    const cases: [string | null, string][] = [
      ['Heure', 'HUR'],
      ['h', 'HUR'],
      ['jours', 'DAY'],
      ['Kg.', 'KGM'],
      ['km', 'KMT'],
      ['m²', 'MTK'],
      ['M2', 'MTK'],
      ['Pièce', 'C62'],
      ['unité', 'C62'],
      ['panier', 'C62'],
      [null, 'C62'],
    ];
    for (const [unit, code] of cases) expect(unitCode(unit), String(unit)).toBe(code);
  });
});

describe('toUbl: credit note', () => {
  const root = parse(creditNote());

  it('is a UBL 2.1 CreditNote of type 381, in the XSD sequence of CreditNoteType', () => {
    expect(root.name).toBe('CreditNote');
    expect(root.attributes).toEqual({ xmlns: NS.creditNote, 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc });
    expect(text(root, 'cbc:CreditNoteTypeCode')).toBe('381');
    expect(text(root, 'cbc:ID')).toBe('AV-2026-00001');
    expect(root.children.map((c) => c.name)).toEqual([
      'cbc:UBLVersionID',
      'cbc:CustomizationID',
      'cbc:ProfileID',
      'cbc:ID',
      'cbc:IssueDate',
      'cbc:CreditNoteTypeCode',
      'cbc:Note',
      'cbc:DocumentCurrencyCode',
      'cac:BillingReference',
      'cac:AccountingSupplierParty',
      'cac:AccountingCustomerParty',
      'cac:PaymentMeans',
      'cac:PaymentTerms',
      'cac:TaxTotal',
      'cac:LegalMonetaryTotal',
      'cac:CreditNoteLine',
      'cac:CreditNoteLine',
    ]);
  });

  it('references the invoice it corrects', () => {
    const ref = one(root, 'cac:BillingReference/cac:InvoiceDocumentReference');
    expect(text(ref, 'cbc:ID')).toBe('FA-2026-00002');
    expect(text(ref, 'cbc:IssueDate')).toBe('2026-03-16');
  });

  it('puts the due date in PaymentMeans, without the GIE account the refund does not go to', () => {
    const means = one(root, 'cac:PaymentMeans');
    expect(text(means, 'cbc:PaymentDueDate')).toBe('2026-04-30');
    expect(all(means, 'cac:PayeeFinancialAccount')).toHaveLength(0);
    expect(all(parse({ ...creditNote(), dueDate: null }), 'cac:PaymentMeans')).toHaveLength(0);
  });

  it('writes credited quantities, the discount and the totals', () => {
    const lines = all(root, 'cac:CreditNoteLine');
    expect(one(lines[0]!, 'cbc:CreditedQuantity')).toMatchObject({ text: '2', attributes: { unitCode: 'HUR' } });
    expect(text(lines[0]!, 'cac:AllowanceCharge/cbc:Amount')).toBe('90.00');
    expect(text(lines[0]!, 'cbc:LineExtensionAmount')).toBe('810.00');
    expect(text(lines[1]!, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID')).toBe('E');
    expect(text(root, 'cac:TaxTotal/cbc:TaxAmount')).toBe('162.00');
    expect(text(root, 'cac:LegalMonetaryTotal/cbc:PayableAmount')).toBe('1147.00');
  });
});

describe('toUbl: refusals', () => {
  const expectInvalid = (doc: IssuedDocument, path: string) => {
    try {
      toUbl(doc);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe('invalid');
      expect((e as DomainError).errors[0]?.path).toBe(path);
      return;
    }
    throw new Error(`expected toUbl to refuse (${path})`);
  };

  it('refuses totals that do not add up, naming the field', () => {
    expectInvalid({ ...domain51Invoice(), totalHt: '8922.36' }, 'totalHt');
    expectInvalid({ ...domain51Invoice(), totalVat: '1159.72' }, 'totalVat');
    expectInvalid({ ...domain51Invoice(), totalTtc: '10082.09' }, 'totalTtc');
    const doc = domain51Invoice();
    expectInvalid({ ...doc, vat: doc.vat.map((v, i) => (i === 0 ? { ...v, base: '2499.99' } : v)) }, 'vat.0.base');
    expectInvalid({ ...doc, vat: doc.vat.slice(1) }, 'lines.0.vat');
  });

  it('refuses an exempt line without legal basis, a credit note without invoice, a document without lines, a bad date', () => {
    const doc = invoiceWithExemptLine();
    expectInvalid({ ...doc, lines: doc.lines.map((l) => ({ ...l, exemptionBasis: null })) }, 'lines.1.exemptionBasis');
    expectInvalid({ ...creditNote(), corrects: null }, 'corrects');
    expectInvalid({ ...domain51Invoice(), issueDate: '16/03/2026' }, 'issueDate');
    expectInvalid(buildDocument([]), 'lines');
  });

  it('refuses amounts that are not decimal strings', () => {
    expect(() => toUbl({ ...domain51Invoice(), totalHt: '8.92235e3' })).toThrow(/totalHt/);
  });
});

describe('toUbl: sample files', () => {
  it('writes the samples as UTF-8 without BOM, byte for byte the XML toUbl returns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ubl-samples-'));
    try {
      const paths = writeSamples(dir);
      const expected = sampleFiles();
      expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(Object.keys(expected));
      for (const [name, xml] of Object.entries(expected)) {
        const bytes = readFileSync(join(dir, name));
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('<?xml');
        expect(bytes.equals(Buffer.from(xml, 'utf8'))).toBe(true);
        expect(bytes.toString('utf8')).toContain('Tétouan');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('toUbl: property over random invoices and credit notes', () => {
  const line: fc.Arbitrary<SampleLine> = fc.record({
    description: fc.string({ maxLength: 30 }),
    quantity: fc.integer({ min: 1, max: 999_999 }).map((q) => new Dec(q).div(1000).toFixed(3)),
    unit: fc.constantFrom(null, 'h', 'kg', 'pièce', 'jour', 'm²', 'km', 'caisse'),
    unitPrice: fc.bigInt({ min: 0n, max: 100_000_000n }).map((c) => new Dec(c.toString()).div(100).toFixed(2)),
    discountPercent: fc.constantFrom('0', '0', '5', '12.5', '100'),
    vat: fc.constantFrom('20', '14', '10', '7', '0', 'exempt'),
    exemptionBasis: fc.constant(EXEMPT_BASIS),
  });

  it('keeps TaxAmount = Σ subtotals, LineExtension = Σ lines and Payable = LineExtension + Tax', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), fc.constantFrom('invoice', 'credit_note'), (lines, kind) => {
        const doc = buildDocument(lines, { kind: kind as IssuedDocument['kind'] });
        const root = parse(doc);
        const subtotals = taxSubtotals(root);
        const total = one(root, 'cac:LegalMonetaryTotal');
        expect(subtotals).toHaveLength(new Set(lines.map((l) => l.vat)).size);
        expect(sum(subtotals.map((s) => text(s, 'cbc:TaxAmount')))).toBe(text(root, 'cac:TaxTotal/cbc:TaxAmount'));
        expect(sum(subtotals.map((s) => text(s, 'cbc:TaxableAmount')))).toBe(text(total, 'cbc:TaxExclusiveAmount'));
        expect(sum(all(root, lineTag(root)).map((l) => text(l, 'cbc:LineExtensionAmount')))).toBe(
          text(total, 'cbc:LineExtensionAmount'),
        );
        expect(new Dec(text(total, 'cbc:LineExtensionAmount')).plus(text(root, 'cac:TaxTotal/cbc:TaxAmount')).toFixed(2)).toBe(
          text(total, 'cbc:PayableAmount'),
        );
        expect(text(total, 'cbc:PayableAmount')).toBe(doc.totalTtc);
        for (const l of all(root, lineTag(root))) {
          const allowance = all(l, 'cac:AllowanceCharge')[0];
          if (allowance) {
            expect(new Dec(text(allowance, 'cbc:BaseAmount')).minus(text(allowance, 'cbc:Amount')).toFixed(2)).toBe(
              text(l, 'cbc:LineExtensionAmount'),
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
