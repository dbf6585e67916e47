// The page design of an issued invoice or credit note as a pdfmake document definition (A4, French, Arabic optional).
// Owns what the PDF shows and where; the mentions follow CGI art. 145 and the GIE's "pour le compte de" invoicing.
import type { Column, Content, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DocumentParty, IssuedDocument } from '../../invoicing/document.ts';
import { amountInWordsFr, formatAmount, invoiceAmountSentenceFr } from '../../money/index.ts';
import { FONT_FAMILY } from './engine.ts';
import { countryName, formatDateFr, formatDecimalFr, formatPriceFr, formatRate, formatRibText, isZero } from './format.ts';
import { LABELS, type Label } from './labels.ts';
import { hasRightToLeft, RTL_FEATURES, visualRuns } from './rtl.ts';

export interface LayoutOptions {
  /** Print the Arabic translation beside each label. */
  arabicLabels?: boolean;
}

const ACCENT = '#1d4e5f';
const INK = '#222222';
const MUTED = '#5f6b70';
const RULE = '#b7c4c9';
const HEADER_FILL = '#e4ecef';
const STRIPE_FILL = '#f6f8f9';

const PAGE_MARGINS: [number, number, number, number] = [40, 52, 40, 54];

type Inline = string | ContentText;

function runsOf(line: string, direction: 'rtl' | 'auto'): Inline[] {
  return visualRuns(line, direction).map((run) =>
    run.rtl ? { text: run.text, noWrap: true, fontFeatures: RTL_FEATURES } : { text: run.text, noWrap: true },
  );
}

/** Arabic as pdfmake inlines, each visual run kept whole: noWrap for pdfmake, features for pdfkit (see rtl.ts). */
function arabic(text: string): Inline[] {
  return runsOf(text, 'rtl');
}

/**
 * Text from the document itself (names, addresses, descriptions, notes). Latin text goes through untouched and wraps as
 * usual; a line holding Arabic (a cooperative's or a customer's Arabic name) is ordered like a label, in the direction
 * of its first letter, and does not wrap.
 */
function data(text: string): string | Inline[] {
  if (!hasRightToLeft(text)) return text;
  return text.split(/\r?\n/).flatMap((line, i) => (i === 0 ? runsOf(line, 'auto') : ['\n', ...runsOf(line, 'auto')]));
}

function amount(value: string): string {
  return formatAmount(value, 'fr', { currency: false });
}

function money(value: string): string {
  return formatAmount(value, 'fr');
}

/** The street lines of an address, then the postal code and city, then the country (customers abroad exist). */
function addressLines(party: DocumentParty): string[] {
  const lines = (party.address ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const city = [party.postalCode, party.city].filter((part) => part).join(' ');
  if (city) lines.push(city);
  lines.push(countryName(party.country));
  return lines;
}

function rcText(party: DocumentParty): string | null {
  if (!party.rcNumber) return null;
  return party.rcCourt ? `${party.rcNumber} (${party.rcCourt})` : party.rcNumber;
}

class DocumentLayout {
  private readonly doc: IssuedDocument;
  private readonly withArabic: boolean;

  constructor(doc: IssuedDocument, options: LayoutOptions) {
    this.doc = doc;
    this.withArabic = options.arabicLabels === true;
  }

  /** "Total TTC" or "Total TTC / المجموع مع احتساب الرسوم". */
  private label(label: Label): Inline[] {
    return this.withArabic ? [label.fr, ' / ', ...arabic(label.ar)] : [label.fr];
  }

  /** A table header: the Arabic goes under the French, as the columns are too narrow for both on one line. */
  private headerCell(label: Label, alignment: 'left' | 'right' | 'center'): TableCell {
    const stack: Content[] = [{ text: label.fr, bold: true }];
    if (this.withArabic) stack.push({ text: arabic(label.ar), fontSize: 7, color: MUTED });
    return { stack, alignment, style: 'tableHeader' };
  }

  private get kindLabel(): Label {
    if (this.doc.kind === 'quote') return LABELS.quote;
    return this.doc.kind === 'credit_note' ? LABELS.creditNote : LABELS.invoice;
  }

  /** "FACTURE N° FA-2026-00001". */
  private get title(): string {
    if (!this.doc.number) return `${this.kindLabel.fr} — ${LABELS.preview.fr}`;
    return `${this.kindLabel.fr} ${LABELS.number.fr} ${this.doc.number}`;
  }

  definition(): TDocumentDefinitions {
    const doc = this.doc;
    const creation = new Date(`${doc.issueDate}T00:00:00Z`);
    const images: Record<string, string> = {};
    if (doc.issuer.logo) {
      images.logo = `data:${doc.issuer.logo.mediaType};base64,${Buffer.from(doc.issuer.logo.bytes).toString('base64')}`;
    }
    return {
      pageSize: 'A4',
      pageMargins: PAGE_MARGINS,
      language: 'fr-MA',
      info: {
        title: this.title,
        author: doc.issuer.name,
        subject: `${this.title} — ${LABELS.onBehalfOf.fr} ${doc.member.name} (${doc.member.code})`,
        keywords: doc.number,
        creator: 'gie-ecp',
        producer: 'gie-ecp (pdfmake)',
        // Both dates come from the document so that rendering it again gives the same bytes; pdfkit derives the
        // file ID from these fields too. An invalid issue date falls back to the epoch rather than to "now".
        creationDate: Number.isNaN(creation.getTime()) ? new Date(0) : creation,
        modDate: Number.isNaN(creation.getTime()) ? new Date(0) : creation,
      },
      images,
      // a preview says so across every page, so that it is never taken for the issued document
      ...(doc.preview
        ? { watermark: { text: `${LABELS.preview.fr} — NON ÉMIS`, color: ACCENT, opacity: 0.12, bold: true, fontSize: 54 } }
        : {}),
      defaultStyle: { font: FONT_FAMILY, fontSize: 8.5, lineHeight: 0.9, color: INK },
      styles: {
        issuerName: { fontSize: 13, bold: true, color: ACCENT },
        title: { fontSize: 14, bold: true, color: '#ffffff' },
        boxTitle: { fontSize: 7.5, bold: true, color: MUTED },
        tableHeader: { fontSize: 8, color: ACCENT },
        small: { fontSize: 7.5, color: MUTED },
      },
      header: (currentPage) => this.pageHeader(currentPage),
      footer: (currentPage, pageCount) => this.pageFooter(currentPage, pageCount),
      content: [this.headerBlock(), ...this.partiesBlock(), this.linesTable(), this.summaryBlock(), this.closingBlock()],
    };
  }

  /** Page 2 on: the issuer and the document number, so that a loose page still says what it belongs to. */
  private pageHeader(currentPage: number): Content {
    if (currentPage === 1) return '';
    return {
      margin: [PAGE_MARGINS[0], 22, PAGE_MARGINS[2], 0],
      stack: [
        {
          columns: [
            { text: data(this.doc.issuer.name), bold: true, color: ACCENT },
            {
              width: 'auto',
              text: [`${this.title} (${LABELS.continued.fr})`, ...(this.withArabic ? [' / ', ...arabic(this.kindLabel.ar)] : [])],
              alignment: 'right',
              bold: true,
            },
          ],
        },
        this.rule(),
      ],
    };
  }

  private pageFooter(currentPage: number, pageCount: number): Content {
    const doc = this.doc;
    const identity = doc.footer ?? `${doc.issuer.name} — ${doc.issuer.legalForm}`;
    const page: Content[] = [{ text: `${LABELS.page.fr} ${currentPage} / ${pageCount}`, bold: true }];
    if (this.withArabic) page.push({ text: arabic(`${LABELS.page.ar} ${currentPage} من ${pageCount}`) });
    return {
      margin: [PAGE_MARGINS[0], 12, PAGE_MARGINS[2], 0],
      stack: [
        this.rule(),
        {
          margin: [0, 3, 0, 0],
          columns: [
            { width: '*', text: data(identity), style: 'small' },
            { width: 90, stack: page, alignment: 'right', fontSize: 8, color: MUTED },
          ],
        },
      ],
    };
  }

  private rule(): Content {
    const width = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];
    return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.5, lineColor: RULE }] };
  }

  /** The issuer with its legal identifiers on the left, the title on the right: what a reader looks for first. */
  private headerBlock(): Content {
    const { issuer } = this.doc;
    const left: Content[] = [];
    if (issuer.logo) left.push({ image: 'logo', fit: [150, 56], margin: [0, 0, 0, 6] });
    left.push({ text: data(issuer.name), style: 'issuerName' });
    left.push({ text: data(issuer.legalForm), color: MUTED, margin: [0, 0, 0, 3] });
    for (const line of addressLines(issuer)) left.push({ text: data(line) });
    const contact = [
      issuer.phone ? `${LABELS.phone.fr} ${issuer.phone}` : null,
      issuer.email ?? null,
      issuer.website ?? null,
    ].filter((part): part is string => part !== null);
    if (contact.length > 0) left.push({ text: contact.join(' · ') });
    left.push({ stack: this.identifiers(issuer), margin: [0, 4, 0, 0] });

    return {
      columns: [
        { width: '*', stack: left },
        { width: 236, stack: [this.titleBox()] },
      ],
      columnGap: 18,
    };
  }

  /** ICE, IF, RC with its court, TP and CNSS, each when the party has it. */
  private identifiers(party: DocumentParty): Content[] {
    const entries: [Label, string | null | undefined][] = [
      [LABELS.ice, party.ice],
      [LABELS.ifNumber, party.ifNumber],
      [LABELS.rc, rcText(party)],
      [LABELS.tp, party.tpNumber],
      [LABELS.cnss, party.cnssNumber],
    ];
    const present = entries.filter((entry): entry is [Label, string] => Boolean(entry[1]));
    if (this.withArabic) {
      return present.map(([label, value]) => ({ text: [...this.label(label), ' : ', { text: value, bold: true }] }));
    }
    // Two per line keeps the header short in French; "ICE : …" alone first, as it is the one customers look for.
    const [first, ...rest] = present.map(([label, value]): Inline[] => [`${label.fr} : `, { text: value, bold: true }]);
    const lines: Content[] = first ? [{ text: first }] : [];
    for (let i = 0; i < rest.length; i += 2) {
      lines.push({ text: [...(rest[i] ?? []), ...(rest[i + 1] ? ['    ', ...(rest[i + 1] ?? [])] : [])] });
    }
    return lines;
  }

  private titleBox(): Content {
    const doc = this.doc;
    const stack: Content[] = [{ text: this.title, style: 'title' }];
    if (this.withArabic) {
      stack.push({
        text: arabic(`${this.kindLabel.ar} ${LABELS.number.ar} ${doc.number}`),
        style: 'title',
        fontSize: 12,
        alignment: 'right',
      });
    }
    return {
      table: { widths: ['*'], body: [[{ stack, fillColor: ACCENT, margin: [6, 4, 6, 4] }]] },
      layout: 'noBorders',
    };
  }

  private metaRows(): TableCell[][] {
    const doc = this.doc;
    const rows: [Label, string][] = [[LABELS.issueDate, formatDateFr(doc.issueDate)]];
    if (doc.dueDate) rows.push([LABELS.dueDate, formatDateFr(doc.dueDate)]);
    rows.push([LABELS.paymentTerms, doc.paymentTerms]);
    const body: TableCell[][] = rows.map(([label, value]) => [
      { text: [...this.label(label), ' :'], color: MUTED },
      { text: data(value), bold: true },
    ]);
    if (doc.corrects) {
      body.push([
        {
          colSpan: 2,
          text: [
            ...this.label(LABELS.correctedInvoice),
            ' ',
            { text: `${LABELS.number.fr} ${doc.corrects.number}`, bold: true },
            ' du ',
            { text: formatDateFr(doc.corrects.issueDate), bold: true },
          ],
        },
        '',
      ]);
    }
    return body;
  }

  /**
   * Dates and terms on the left, the customer in a box on the right where a window envelope shows it, then the member
   * the GIE invoices for across the page: that mention must read as one sentence.
   */
  private partiesBlock(): Content[] {
    const { member, customer } = this.doc;
    const customerStack: Content[] = [
      { text: this.label(LABELS.customer), style: 'boxTitle', margin: [0, 0, 0, 2] },
      { text: data(customer.name), bold: true, fontSize: 10 },
      ...addressLines(customer).map((line): Content => ({ text: data(line) })),
      { stack: this.identifiers(customer), margin: [0, 3, 0, 0] },
    ];
    if (customer.email || customer.phone) {
      customerStack.push({ text: [customer.phone, customer.email].filter(Boolean).join(' · '), style: 'small' });
    }

    const onBehalf: Inline[] = [
      { text: [...this.label(LABELS.onBehalfOf), ' : '], bold: true },
      { text: [{ text: data(member.name) }, ` (${member.code})`], bold: true, color: ACCENT },
    ];
    if (member.activity) onBehalf.push(' — ', { text: data(member.activity) });

    return [
      {
        margin: [0, 14, 0, 0],
        columns: [
          { width: '*', table: { widths: ['auto', '*'], body: this.metaRows() }, layout: 'noBorders' },
          {
            width: 236,
            table: { widths: ['*'], body: [[{ stack: customerStack, margin: [6, 4, 6, 5] }]] },
            layout: {
              hLineWidth: () => 0.8,
              vLineWidth: () => 0.8,
              hLineColor: () => RULE,
              vLineColor: () => RULE,
            },
          },
        ],
        columnGap: 18,
      },
      {
        margin: [0, 12, 0, 12],
        table: {
          widths: ['*'],
          body: [
            [
              {
                fillColor: STRIPE_FILL,
                margin: [6, 4, 6, 4],
                stack: [
                  { text: onBehalf, fontSize: 9.5 },
                  {
                    text: `${this.doc.issuer.name} émet ce document en son nom, pour le compte de son membre.`,
                    style: 'small',
                  },
                ],
              },
            ],
          ],
        },
        layout: {
          hLineWidth: () => 0,
          vLineWidth: (i) => (i === 0 ? 2 : 0),
          vLineColor: () => ACCENT,
        },
      },
    ];
  }

  private linesTable(): Content {
    const header: TableCell[] = [
      this.headerCell(LABELS.description, 'left'),
      this.headerCell(LABELS.quantity, 'right'),
      this.headerCell(LABELS.unit, 'center'),
      this.headerCell(LABELS.unitPrice, 'right'),
      this.headerCell(LABELS.discount, 'right'),
      this.headerCell(LABELS.vatPercent, 'center'),
      this.headerCell(LABELS.amountHt, 'right'),
    ];
    const rows = this.doc.lines.map((line): TableCell[] => {
      const description: Content[] = [{ text: data(line.description) }];
      if (line.vat === 'exempt') {
        const basis = line.exemptionBasis ? ` — ${line.exemptionBasis}` : '';
        description.push({ text: `${LABELS.exempt.fr}${basis}`, style: 'small' });
      }
      return [
        { stack: description },
        { text: formatDecimalFr(line.quantity), alignment: 'right' },
        { text: data(line.unit ?? ''), alignment: 'center' },
        { text: formatPriceFr(line.unitPrice), alignment: 'right' },
        { text: isZero(line.discountPercent) ? '' : formatDecimalFr(line.discountPercent), alignment: 'right' },
        { text: line.vat === 'exempt' ? LABELS.exempt.fr : formatDecimalFr(line.vat), alignment: 'center' },
        { text: amount(line.amount), alignment: 'right' },
      ];
    });
    return {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ['*', 36, 38, 58, 38, 40, 66],
        body: [header, ...rows],
      },
      layout: {
        hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
        vLineWidth: () => 0,
        hLineColor: (i) => (i <= 1 ? ACCENT : RULE),
        fillColor: (rowIndex) => (rowIndex === 0 ? HEADER_FILL : rowIndex % 2 === 0 ? STRIPE_FILL : null),
        paddingLeft: () => 4,
        paddingRight: () => 4,
        paddingTop: () => 3,
        paddingBottom: () => 2,
      },
    };
  }

  /** The VAT by rate on the left, the totals on the right; kept together on one page. */
  private summaryBlock(): Content {
    const doc = this.doc;
    const vatRows = doc.vat.map((row): TableCell[] => {
      const rate: Content[] = [];
      if (row.vat === 'exempt') {
        rate.push({ text: this.label(LABELS.exempt) });
        const bases = [...new Set(doc.lines.filter((l) => l.vat === 'exempt').map((l) => l.exemptionBasis))].filter(
          (basis): basis is string => Boolean(basis),
        );
        if (bases.length > 0) rate.push({ text: bases.join(' ; '), style: 'small' });
      } else {
        rate.push({ text: formatRate(row.rate) });
      }
      return [{ stack: rate }, { text: amount(row.base), alignment: 'right' }, { text: amount(row.amount), alignment: 'right' }];
    });
    const vatTable: Content = {
      stack: [
        { text: this.label(LABELS.vatSummary), style: 'boxTitle', margin: [0, 0, 0, 2] },
        {
          table: {
            headerRows: 1,
            widths: ['*', 70, 60],
            body: [
              [
                this.headerCell(LABELS.rate, 'left'),
                this.headerCell(LABELS.baseHt, 'right'),
                this.headerCell(LABELS.vat, 'right'),
              ],
              ...vatRows,
            ],
          },
          layout: {
            hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.6 : 0.3),
            vLineWidth: () => 0,
            hLineColor: () => RULE,
            fillColor: (rowIndex) => (rowIndex === 0 ? HEADER_FILL : null),
          },
        },
      ],
    };

    const total = (label: Label, value: string, strong = false): TableCell[] => [
      { text: this.label(label), bold: strong, color: strong ? '#ffffff' : INK, fillColor: strong ? ACCENT : undefined },
      {
        text: money(value),
        alignment: 'right',
        bold: true,
        color: strong ? '#ffffff' : INK,
        fillColor: strong ? ACCENT : undefined,
        noWrap: true,
      },
    ];
    const totals: Content = {
      margin: [0, this.withArabic ? 11 : 10, 0, 0],
      table: {
        widths: ['*', 'auto'],
        body: [
          total(LABELS.totalHt, doc.totalHt),
          total(LABELS.totalVat, doc.totalVat),
          total(LABELS.totalTtc, doc.totalTtc, true),
        ],
      },
      layout: {
        hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : 0.3),
        vLineWidth: () => 0,
        hLineColor: () => RULE,
        paddingTop: () => 3,
        paddingBottom: () => 2,
      },
    };

    return {
      unbreakable: true,
      margin: [0, 12, 0, 0],
      stack: [
        {
          columns: [
            { width: '*', stack: [vatTable] },
            { width: this.withArabic ? 250 : 200, stack: [totals] },
          ],
          columnGap: 18,
        },
        { text: this.amountSentence(), bold: true, margin: [0, 10, 0, 0] },
      ],
    };
  }

  /** The total in words; a credit note's total may be stored negative, its words are those of the amount credited. */
  private amountSentence(): string {
    const ttc = this.doc.totalTtc.replace(/^-/, '');
    if (this.doc.kind === 'credit_note') return `Arrêté le présent avoir à la somme de ${amountInWordsFr(ttc)} TTC.`;
    if (this.doc.kind === 'quote') return `Arrêté le présent devis à la somme de ${amountInWordsFr(ttc)} TTC.`;
    return invoiceAmountSentenceFr(ttc);
  }

  private closingBlock(): Content {
    const { issuer, notes } = this.doc;
    const columns: Column[] = [];
    if (issuer.bankName || issuer.rib) {
      const bank: Content[] = [{ text: this.label(LABELS.bankDetails), style: 'boxTitle', margin: [0, 0, 0, 2] }];
      if (issuer.bankName) bank.push({ text: [...this.label(LABELS.bank), ' : ', { text: data(issuer.bankName), bold: true }] });
      if (issuer.rib) bank.push({ text: [...this.label(LABELS.rib), ' : ', { text: formatRibText(issuer.rib), bold: true }] });
      columns.push({
        width: '*',
        table: { widths: ['*'], body: [[{ stack: bank, margin: [4, 3, 4, 4] }]] },
        layout: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: () => RULE, vLineColor: () => RULE },
      });
    }
    if (notes) {
      columns.push({
        width: '*',
        stack: [
          { text: this.label(LABELS.notes), style: 'boxTitle', margin: [0, 0, 0, 2] },
          ...notes.split(/\r?\n/).map((line): Content => ({ text: data(line) })),
        ],
      });
    }
    if (columns.length === 0) return '';
    return { unbreakable: true, margin: [0, 14, 0, 0], columns, columnGap: 18 };
  }
}

/** The pdfmake definition of an issued document; pure, so that the same document always gives the same definition. */
export function documentDefinition(doc: IssuedDocument, options: LayoutOptions = {}): TDocumentDefinitions {
  return new DocumentLayout(doc, options).definition();
}
