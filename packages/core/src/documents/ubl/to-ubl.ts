// The UBL 2.1 Invoice / CreditNote of an issued document, for the DGI's e-invoicing (clearance) platform.
// Owns the mapping from IssuedDocument to UBL elements and their order, which follows the UBL 2.1 XSD sequences.
import type Decimal from 'decimal.js';
import { invalid } from '../../errors.ts';
import type { DocumentIssuer, DocumentLine, DocumentParty, IssuedDocument } from '../../invoicing/document.ts';
import { type VatBreakdown, vatRate } from '../../invoicing/totals.ts';
import { Dec, parseAmount, roundMoney, toAmountString } from '../../money/index.ts';
import { taxCategoryId, unitCode } from './codes.ts';
import { leaf, node, optionalLeaf, serializeXml, type XmlChild, type XmlElement } from './xml.ts';

const NS_INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const NS_CREDIT_NOTE = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
const NS_CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const NS_CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

/**
 * Our own identifiers, until the DGI publishes the customization and profile of its platform: they tell a reader which
 * rules produced the file (GIE invoicing for the account of a member) and must be replaced by the DGI's, not kept beside.
 */
export const UBL_CUSTOMIZATION_ID = 'urn:gie-ecp:ma:ubl-2.1:facture:1.0';
export const UBL_PROFILE_ID = 'urn:gie-ecp:ma:profil:facturation-pour-compte-de-membre:1.0';

/** UNCL 1001 document types. */
const INVOICE_TYPE_CODE = '380';
const CREDIT_NOTE_TYPE_CODE = '381';
/** UNCL 4461: credit transfer, the way Moroccan B2B invoices are paid to the GIE's RIB. */
const PAYMENT_MEANS_CREDIT_TRANSFER = '30';
/** UNCL 5189: discount. */
const ALLOWANCE_REASON_DISCOUNT = '95';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function date(value: string, path: string): string {
  if (!DATE.test(value)) throw invalid(path, `expected a date as YYYY-MM-DD, received ${JSON.stringify(value)}`);
  return value;
}

/** Amounts go through parseAmount so that "1e3" or "Infinity", which Decimal would accept, never reach the file. */
function money(value: string, path: string): Decimal {
  return parseAmount(value, path);
}

function fixed2(d: Decimal): string {
  return toAmountString(d);
}

/** A unit price may carry more than the centime (0.125 MAD per gram): at least 2 decimals, never rounded away. */
function priceText(value: string, path: string): string {
  const d = parseAmount(value, path, { scale: 6 });
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

function amountLeaf(name: string, amount: string, currency: string): XmlElement {
  return leaf(name, amount, { currencyID: currency });
}

function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((a, v) => a.plus(v), new Dec(0));
}

/**
 * A clearance platform rejects a file whose totals do not add up, and a rejected invoice is one the GIE cannot collect:
 * refusing here names the faulty field while someone can still act on it. These are the sums every UBL validator checks;
 * the per-line rounding is the invoicing module's business and is not re-derived here.
 */
function checkConsistency(doc: IssuedDocument): void {
  if (doc.lines.length === 0) throw invalid('lines', 'a UBL invoice or credit note needs at least one line');
  const lineAmounts = doc.lines.map((l, i) => money(l.amount, `lines.${i}.amount`));
  const totalHt = money(doc.totalHt, 'totalHt');
  const totalVat = money(doc.totalVat, 'totalVat');
  const totalTtc = money(doc.totalTtc, 'totalTtc');
  if (!sum(lineAmounts).eq(totalHt)) {
    throw invalid('totalHt', `expected the sum of the lines ${fixed2(sum(lineAmounts))}, received ${doc.totalHt}`);
  }
  const codes = new Set(doc.vat.map((v) => v.vat));
  if (codes.size !== doc.vat.length) throw invalid('vat', 'expected one VAT breakdown per rate, received a rate twice');
  doc.lines.forEach((line, i) => {
    if (!codes.has(line.vat)) throw invalid(`lines.${i}.vat`, `rate ${line.vat} has no entry in the VAT breakdown`);
    if (line.vat === 'exempt' && !line.exemptionBasis?.trim()) {
      throw invalid(`lines.${i}.exemptionBasis`, 'an exempt line must state the legal basis of its exemption');
    }
  });
  doc.vat.forEach((v, i) => {
    const base = sum(lineAmounts.filter((_, j) => doc.lines[j]?.vat === v.vat));
    if (!money(v.base, `vat.${i}.base`).eq(base)) {
      throw invalid(`vat.${i}.base`, `expected the sum of the lines at ${v.vat}, ${fixed2(base)}, received ${v.base}`);
    }
  });
  const vatSum = sum(doc.vat.map((v, i) => money(v.amount, `vat.${i}.amount`)));
  if (!vatSum.eq(totalVat)) throw invalid('totalVat', `expected the sum by rate ${fixed2(vatSum)}, received ${doc.totalVat}`);
  if (!totalHt.plus(totalVat).eq(totalTtc)) {
    throw invalid('totalTtc', `expected HT + VAT = ${fixed2(totalHt.plus(totalVat))}, received ${doc.totalTtc}`);
  }
  if (doc.kind === 'credit_note') {
    // A UBL CreditNote says "credit" by its type: its amounts are positive, a negative one would credit the customer twice.
    if (totalTtc.isNegative()) throw invalid('totalTtc', 'a credit note carries positive amounts in UBL');
    if (doc.corrects === null) throw invalid('corrects', 'a credit note must reference the invoice it corrects');
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Parties

function addressLines(address: string | null): string[] {
  return (address ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function postalAddress(p: DocumentParty): XmlElement {
  const [street, additional, ...rest] = addressLines(p.address);
  return node('cac:PostalAddress', [
    optionalLeaf('cbc:StreetName', street),
    optionalLeaf('cbc:AdditionalStreetName', additional),
    optionalLeaf('cbc:CityName', p.city),
    optionalLeaf('cbc:PostalZone', p.postalCode),
    ...rest.map((line) => node('cac:AddressLine', [leaf('cbc:Line', line)])),
    node('cac:Country', [leaf('cbc:IdentificationCode', p.country.trim().toUpperCase())]),
  ]);
}

function taxScheme(): XmlElement {
  return node('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]);
}

/**
 * ICE, IF and TP as PartyIdentification, each named by its schemeID, ICE first (the identifier the DGI matches parties
 * on). RC goes to PartyLegalEntity/CompanyID because it is the legal registration, and only there can its court travel
 * with it: an RC number is unique only within the court that keeps the register.
 */
function party(p: DocumentParty, issuer: DocumentIssuer | null): XmlElement {
  const ice = p.ice?.trim();
  const court = p.rcCourt?.trim();
  const contact = [optionalLeaf('cbc:Telephone', p.phone), optionalLeaf('cbc:ElectronicMail', p.email)];
  return node('cac:Party', [
    optionalLeaf('cbc:WebsiteURI', issuer?.website),
    ...(
      [
        ['ICE', p.ice],
        ['IF', p.ifNumber],
        ['TP', p.tpNumber],
      ] as const
    ).map(([scheme, id]) => {
      const idLeaf = optionalLeaf('cbc:ID', id, { schemeID: scheme });
      return idLeaf && node('cac:PartyIdentification', [idLeaf]);
    }),
    node('cac:PartyName', [leaf('cbc:Name', p.name)]),
    postalAddress(p),
    ice ? node('cac:PartyTaxScheme', [leaf('cbc:CompanyID', ice, { schemeID: 'ICE' }), taxScheme()]) : null,
    node('cac:PartyLegalEntity', [
      leaf('cbc:RegistrationName', p.name),
      optionalLeaf('cbc:CompanyID', p.rcNumber, { schemeID: 'RC' }),
      optionalLeaf('cbc:CompanyLegalForm', issuer?.legalForm),
      p.rcNumber?.trim() && court
        ? node('cac:CorporateRegistrationScheme', [
            leaf('cbc:Name', 'Registre du commerce'),
            node('cac:JurisdictionRegionAddress', [leaf('cbc:CityName', court)]),
          ])
        : null,
    ]),
    contact.some((c) => c !== null) && node('cac:Contact', contact),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------------
// Payment

function paymentMeans(doc: IssuedDocument): XmlElement | null {
  if (doc.kind === 'credit_note') {
    // The refund goes to the customer's account, which we do not hold: the GIE's RIB would point the wrong way.
    if (doc.dueDate === null) return null;
    return node('cac:PaymentMeans', [
      leaf('cbc:PaymentMeansCode', PAYMENT_MEANS_CREDIT_TRANSFER),
      leaf('cbc:PaymentDueDate', date(doc.dueDate, 'dueDate')),
    ]);
  }
  const rib = doc.issuer.rib?.replace(/\s+/g, '');
  if (!rib) return null;
  const bank = doc.issuer.bankName?.trim();
  return node('cac:PaymentMeans', [
    leaf('cbc:PaymentMeansCode', PAYMENT_MEANS_CREDIT_TRANSFER),
    // the invoice number as the transfer's reference is what lets the GIE match the receipt to the invoice
    leaf('cbc:PaymentID', doc.number),
    node('cac:PayeeFinancialAccount', [
      leaf('cbc:ID', rib),
      optionalLeaf('cbc:Name', doc.issuer.name),
      bank ? node('cac:FinancialInstitutionBranch', [leaf('cbc:Name', bank)]) : null,
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------------
// Tax and totals

function percentText(vat: string): string {
  return vatRate(vat).toFixed();
}

/** The distinct legal bases of the exempt lines, in line order: one subtotal groups every exempt line. */
function exemptionReasons(lines: readonly DocumentLine[]): string[] {
  return [...new Set(lines.filter((l) => l.vat === 'exempt').map((l) => l.exemptionBasis?.trim() ?? ''))].filter((r) => r !== '');
}

function taxCategory(name: 'cac:TaxCategory' | 'cac:ClassifiedTaxCategory', vat: string, reasons: readonly string[]): XmlElement {
  const id = taxCategoryId(vat);
  return node(name, [
    leaf('cbc:ID', id),
    leaf('cbc:Percent', percentText(vat)),
    ...(id === 'E' ? reasons.map((r) => leaf('cbc:TaxExemptionReason', r)) : []),
    taxScheme(),
  ]);
}

function taxTotal(doc: IssuedDocument): XmlElement {
  const reasons = exemptionReasons(doc.lines);
  return node('cac:TaxTotal', [
    amountLeaf('cbc:TaxAmount', fixed2(money(doc.totalVat, 'totalVat')), doc.currency),
    ...doc.vat.map((v: VatBreakdown, i) =>
      node('cac:TaxSubtotal', [
        amountLeaf('cbc:TaxableAmount', fixed2(money(v.base, `vat.${i}.base`)), doc.currency),
        amountLeaf('cbc:TaxAmount', fixed2(money(v.amount, `vat.${i}.amount`)), doc.currency),
        taxCategory('cac:TaxCategory', v.vat, reasons),
      ]),
    ),
  ]);
}

function legalMonetaryTotal(doc: IssuedDocument): XmlElement {
  const ht = fixed2(money(doc.totalHt, 'totalHt'));
  const ttc = fixed2(money(doc.totalTtc, 'totalTtc'));
  return node('cac:LegalMonetaryTotal', [
    amountLeaf('cbc:LineExtensionAmount', ht, doc.currency),
    amountLeaf('cbc:TaxExclusiveAmount', ht, doc.currency),
    amountLeaf('cbc:TaxInclusiveAmount', ttc, doc.currency),
    amountLeaf('cbc:PayableAmount', ttc, doc.currency),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------------
// Lines

/**
 * The discount as a line allowance. Its amount is what the gross (quantity × price, to the centime) loses to reach the
 * line's HT, so that BaseAmount − Amount = LineExtensionAmount holds exactly whatever way the line was rounded.
 * MultiplierFactorNumeric is the percentage (5 for 5%), as EN 16931 reads it, not UBL's own 0.05.
 */
function discount(line: DocumentLine, i: number, currency: string): XmlElement | null {
  const percent = parseAmount(line.discountPercent, `lines.${i}.discountPercent`, { scale: 6 });
  if (!percent.gt(0)) return null;
  const gross = roundMoney(
    parseAmount(line.quantity, `lines.${i}.quantity`, { scale: 6 }).times(
      parseAmount(line.unitPrice, `lines.${i}.unitPrice`, { scale: 6 }),
    ),
  );
  const allowance = gross.minus(money(line.amount, `lines.${i}.amount`));
  return node('cac:AllowanceCharge', [
    leaf('cbc:ChargeIndicator', 'false'),
    leaf('cbc:AllowanceChargeReasonCode', ALLOWANCE_REASON_DISCOUNT),
    leaf('cbc:AllowanceChargeReason', 'Remise'),
    leaf('cbc:MultiplierFactorNumeric', percent.toFixed()),
    amountLeaf('cbc:Amount', fixed2(allowance), currency),
    amountLeaf('cbc:BaseAmount', fixed2(gross), currency),
  ]);
}

function documentLine(doc: IssuedDocument, line: DocumentLine, i: number): XmlElement {
  const credit = doc.kind === 'credit_note';
  const unit = unitCode(line.unit);
  const quantity = parseAmount(line.quantity, `lines.${i}.quantity`, { scale: 6 }).toFixed();
  const children: XmlChild[] = [
    leaf('cbc:ID', String(i + 1)),
    leaf(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', quantity, { unitCode: unit }),
    amountLeaf('cbc:LineExtensionAmount', fixed2(money(line.amount, `lines.${i}.amount`)), doc.currency),
    discount(line, i, doc.currency),
    node('cac:Item', [
      leaf('cbc:Name', line.description),
      taxCategory('cac:ClassifiedTaxCategory', line.vat, line.exemptionBasis?.trim() ? [line.exemptionBasis.trim()] : []),
    ]),
    node('cac:Price', [
      amountLeaf('cbc:PriceAmount', priceText(line.unitPrice, `lines.${i}.unitPrice`), doc.currency),
      leaf('cbc:BaseQuantity', '1', { unitCode: unit }),
    ]),
  ];
  return node(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', children);
}

// ---------------------------------------------------------------------------------------------------------------------
// Document

/**
 * The UBL 2.1 XML (UTF-8, with its declaration) of an issued invoice (Invoice, type 380) or credit note (CreditNote,
 * type 381, referencing the corrected invoice). Throws a DomainError 'invalid' naming the field when the document's
 * totals do not add up or a mandatory mention (exemption basis, corrected invoice) is missing.
 */
export function toUbl(doc: IssuedDocument): string {
  // UBL carries invoices and credit notes that exist: a quote or a draft's preview is not one
  if (doc.kind === 'quote' || doc.preview)
    throw new Error(`a UBL file is made of an issued invoice or credit note, not a ${doc.preview ? 'preview' : 'quote'}`);
  checkConsistency(doc);
  const credit = doc.kind === 'credit_note';
  const notes = [`Pour le compte de ${doc.member.name} (${doc.member.code})`, doc.notes?.trim()].filter((n): n is string => !!n);
  const billingReference =
    doc.corrects &&
    node('cac:BillingReference', [
      node('cac:InvoiceDocumentReference', [
        leaf('cbc:ID', doc.corrects.number),
        leaf('cbc:IssueDate', date(doc.corrects.issueDate, 'corrects.issueDate')),
      ]),
    ]);
  // the order below is the XSD sequence of InvoiceType / CreditNoteType; the two differ around DueDate and the type code
  const root = node(
    credit ? 'CreditNote' : 'Invoice',
    [
      leaf('cbc:UBLVersionID', '2.1'),
      leaf('cbc:CustomizationID', UBL_CUSTOMIZATION_ID),
      leaf('cbc:ProfileID', UBL_PROFILE_ID),
      leaf('cbc:ID', doc.number),
      leaf('cbc:IssueDate', date(doc.issueDate, 'issueDate')),
      !credit && doc.dueDate !== null && leaf('cbc:DueDate', date(doc.dueDate, 'dueDate')),
      credit ? leaf('cbc:CreditNoteTypeCode', CREDIT_NOTE_TYPE_CODE) : leaf('cbc:InvoiceTypeCode', INVOICE_TYPE_CODE),
      ...notes.map((n) => leaf('cbc:Note', n)),
      leaf('cbc:DocumentCurrencyCode', doc.currency),
      billingReference,
      node('cac:AccountingSupplierParty', [party(doc.issuer, doc.issuer)]),
      node('cac:AccountingCustomerParty', [party(doc.customer, null)]),
      paymentMeans(doc),
      doc.paymentTerms.trim() !== '' && node('cac:PaymentTerms', [leaf('cbc:Note', doc.paymentTerms.trim())]),
      taxTotal(doc),
      legalMonetaryTotal(doc),
      ...doc.lines.map((line, i) => documentLine(doc, line, i)),
    ],
    { xmlns: credit ? NS_CREDIT_NOTE : NS_INVOICE, 'xmlns:cac': NS_CAC, 'xmlns:cbc': NS_CBC },
  );
  return serializeXml(root);
}
