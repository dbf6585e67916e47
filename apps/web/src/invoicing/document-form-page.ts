// The draft form of a quote or an invoice: a new one (/invoicing/new?kind=invoice|quote) or a draft being changed
// (/invoicing/:id/edit, credit notes included). Member (fixed for an entrepreneur: their own), customer found by
// search, payment terms, notes, then the lines (description, quantity, unit, unit price, discount, VAT, the legal
// basis of an exemption, goods or services) and the live totals: each line HALF_UP to the centime, VAT per rate on
// the sum of its lines, in BigInt cents as the API computes them. The VAT choices are the rates in force today from
// the dated rate table (`GET /api/invoicing/vat-rates?on=`), never a list of the browser's own; a draft's rate that
// has left the table stays shown, marked, until changed. After saving, the document's page shows the server's
// totals. The API's refusals land on their inputs (`lines.2.quantity` on the third line's quantity).
import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Member, Party, SalesDocument, SalesDraft, SalesLineInput, User } from '../api/types.ts';
import { setFlash } from '../app/flash.ts';
import {
  type FieldErrors,
  inputField,
  problemText,
  refusalSummary,
  type Text,
  textareaField,
  textOf,
  todayIso,
} from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatAmount, formatDay, formatPercent, intlTag, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { fromCents } from '../ledger/money.ts';
import {
  computeTotals,
  parseDecimal,
  parseDiscount,
  parsePrice,
  parseQuantity,
  type VatCode,
  type VatRateTable,
} from './invoice-math.ts';
import { invoicingStyles, isStaff, isVatCode, kindLabel, vatLabel } from './invoicing-ui.ts';

type HeadField = 'memberId' | 'customerId' | 'paymentDays' | 'notes';
const HEAD_FIELDS: readonly HeadField[] = ['memberId', 'customerId', 'paymentDays', 'notes'];
type LineField = 'description' | 'quantity' | 'unit' | 'unitPrice' | 'discountPercent' | 'vat' | 'exemptionBasis' | 'revenue';
const LINE_FIELDS: readonly LineField[] = [
  'description',
  'quantity',
  'unit',
  'unitPrice',
  'discountPercent',
  'vat',
  'exemptionBasis',
  'revenue',
];
const LINE_MESSAGES: Record<LineField, MessageKey> = {
  description: 'inv.error.required',
  quantity: 'inv.error.quantity',
  unit: 'form.refused',
  unitPrice: 'inv.error.amount',
  discountPercent: 'inv.error.discount',
  vat: 'form.refused',
  exemptionBasis: 'inv.error.exemption',
  revenue: 'form.refused',
};

interface LineDraft {
  key: number;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  vat: VatCode;
  exemptionBasis: string;
  revenue: 'services' | 'goods';
}
type LineErrors = Partial<Record<LineField, Text>>;

/** A rate of the dated table in force, as the API answers it. */
interface VatRate {
  code: string;
  rate: string;
  label: string;
}

let nextKey = 1;
const blankLine = (vat: VatCode = '20'): LineDraft => ({
  key: nextKey++,
  description: '',
  quantity: '1',
  unit: '',
  unitPrice: '',
  discountPercent: '',
  vat,
  exemptionBasis: '',
  revenue: 'services',
});

const isBlank = (l: LineDraft): boolean => !l.description.trim() && !l.unitPrice.trim();

/** An API decimal ("1250.00") as people type it in the current language ("1250,00"). */
function inputDecimal(value: string): string {
  if (!value || /^0+(\.0+)?$/.test(value)) return '';
  const separator = new Intl.NumberFormat(intlTag()).formatToParts(0.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return value.replace('.', separator);
}

export class DocumentFormPage extends LitElement {
  static override properties = {
    documentId: { type: Number },
    newKind: { type: String },
    user: { attribute: false },
    doc: { state: true },
    phase: { state: true },
    members: { state: true },
    customers: { state: true },
    customerSearch: { state: true },
    searching: { state: true },
    head: { state: true },
    lines: { state: true },
    headErrors: { state: true },
    lineErrors: { state: true },
    linesError: { state: true },
    formError: { state: true },
    busy: { state: true },
    vatRates: { state: true },
    vatPhase: { state: true },
  };

  static override styles = [
    sharedStyles,
    invoicingStyles,
    css`
      form {
        gap: 1.25rem;
      }
      form > .card {
        margin-block-end: 0;
      }
      .head {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 1rem 1.25rem;
      }
      .customer {
        display: grid;
        gap: 0.5rem;
      }
      .line {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
        gap: 0.4rem 0.6rem;
        align-items: end;
        padding-block: 0.75rem;
        border-block-end: 1px solid var(--gie-border);
      }
      .line .description {
        grid-column: 1 / -1;
      }
      .line .exemption {
        grid-column: span 2;
      }
      .line label {
        font-weight: 400;
        font-size: 0.85rem;
        color: var(--gie-muted);
      }
      .line input,
      .line select {
        min-block-size: 2.25rem;
        padding-block: 0.25rem;
      }
      .line input.num-input {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      :host(:dir(rtl)) .line input.num-input {
        text-align: left;
      }
      .line-ht {
        display: flex;
        flex-direction: column;
        gap: 0.15rem;
      }
      .line-ht output {
        font-weight: 600;
        font-variant-numeric: tabular-nums;
        min-block-size: 2.25rem;
        display: flex;
        align-items: center;
        justify-content: end;
      }
      .line-no {
        grid-column: 1 / -1;
        font-weight: 600;
        color: var(--gie-muted);
        display: flex;
        justify-content: space-between;
        align-items: center;
      }
      .totals-box {
        position: sticky;
        inset-block-end: 0;
        z-index: 5;
        background: #f8fafb;
        border: 1px solid var(--gie-border);
        border-radius: var(--gie-radius);
        padding: 0.75rem 1rem;
      }
      .totals-box h2 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
      .submit-bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
      }
    `,
  ];

  /** 0 for a new document; a draft's id to change it. */
  declare documentId: number;
  declare newKind: 'invoice' | 'quote';
  declare user: User | null;
  declare doc: SalesDocument | null;
  declare phase: 'loading' | 'ready' | 'not-found' | 'not-draft' | 'failed';
  declare members: Member[];
  declare customers: Party[];
  declare customerSearch: string;
  declare searching: boolean;
  declare head: Record<HeadField, string>;
  declare lines: LineDraft[];
  declare headErrors: FieldErrors<HeadField>;
  declare lineErrors: Record<number, LineErrors>;
  declare linesError: Text | null;
  declare formError: Text | null;
  declare busy: boolean;
  /** The rates in force on `vatDate`, highest first; empty until loaded. */
  declare vatRates: VatRate[];
  declare vatPhase: 'loading' | 'ready' | 'failed';

  /** The day whose rates the form offers: today, the day a draft issued now would take. */
  private readonly vatDate = todayIso();
  private readonly i18n = new LocaleController(this);
  private loadId = 0;
  private searchId = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** The customer of an existing draft (the API does not let a draft change customer). */
  private fixedCustomer: Party | null = null;

  constructor() {
    super();
    this.documentId = 0;
    this.newKind = 'invoice';
    this.user = null;
    this.doc = null;
    this.phase = 'loading';
    this.members = [];
    this.customers = [];
    this.customerSearch = '';
    this.searching = false;
    this.head = { memberId: '', customerId: '', paymentDays: '', notes: '' };
    this.lines = [blankLine()];
    this.headErrors = {};
    this.lineErrors = {};
    this.linesError = null;
    this.formError = null;
    this.busy = false;
    this.vatRates = [];
    this.vatPhase = 'loading';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadVatRates();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('documentId') || changed.has('newKind')) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    this.phase = 'loading';
    this.formError = null;
    this.headErrors = {};
    this.lineErrors = {};
    this.linesError = null;
    try {
      const [members, doc] = await Promise.all([
        call(api.members.$get({ query: { pageSize: '200', sort: 'code' } })).then((p) => p.items),
        this.documentId > 0 ? call(api.invoicing.documents[':id'].$get({ param: { id: String(this.documentId) } })) : null,
      ]);
      if (id !== this.loadId) return;
      this.members = members;
      this.doc = doc;
      this.fixedCustomer = null;
      if (doc) {
        if (doc.status !== 'draft') {
          this.phase = 'not-draft';
          return;
        }
        this.fixedCustomer = await call(api.parties[':id'].$get({ param: { id: String(doc.customerId) } })).catch(() => null);
        if (id !== this.loadId) return;
        this.head = {
          memberId: String(doc.memberId),
          customerId: String(doc.customerId),
          paymentDays: String(doc.paymentDays),
          notes: doc.notes ?? '',
        };
        this.lines = doc.lines.map((l) => ({
          key: nextKey++,
          description: l.description,
          quantity: inputDecimal(l.quantity) || '0',
          unit: l.unit ?? '',
          unitPrice: inputDecimal(l.unitPrice),
          discountPercent: inputDecimal(l.discountPercent),
          vat: isVatCode(l.vat) ? l.vat : '20',
          exemptionBasis: l.exemptionBasis ?? '',
          revenue: l.revenue,
        }));
        if (this.lines.length === 0) this.lines = [blankLine(this.defaultVat)];
      } else {
        const own = this.user?.role === 'entrepreneur' ? this.user.memberId : null;
        this.head = { memberId: own !== null ? String(own) : '', customerId: '', paymentDays: '', notes: '' };
        this.lines = [blankLine(this.defaultVat)];
        this.customerSearch = '';
        void this.searchCustomers();
      }
      this.phase = 'ready';
    } catch (error) {
      if (id !== this.loadId) return;
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.formError = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  private async loadVatRates(): Promise<void> {
    this.vatPhase = 'loading';
    try {
      const { items } = await call(api.invoicing['vat-rates'].$get({ query: { on: this.vatDate } }));
      this.vatRates = items.filter((r) => isVatCode(r.code));
      this.vatPhase = 'ready';
      // a new line takes the standard rate when the table has it, else the first rate in force
      const standard = this.defaultVat;
      this.lines = this.lines.map((l) => (isBlank(l) && !this.rateInForce(l.vat) ? { ...l, vat: standard } : l));
    } catch {
      this.vatPhase = 'failed';
    }
  }

  private get defaultVat(): VatCode {
    const codes = this.vatRates.map((r) => r.code).filter(isVatCode);
    return codes.includes('20') ? '20' : (codes[0] ?? '20');
  }

  private rateInForce(code: string): VatRate | undefined {
    return this.vatRates.find((r) => r.code === code);
  }

  /** code → rate of the table, for the live totals. */
  private get rateTable(): VatRateTable {
    return Object.fromEntries(this.vatRates.map((r) => [r.code, r.rate]));
  }

  /** A rate as people read it: "Exonéré" for an exemption, else the table's percentage in the current language. */
  private rateLabel(code: string): string {
    const rate = this.rateInForce(code);
    if (code === 'exempt') return vatLabel('exempt');
    return rate ? formatPercent(rate.rate) : vatLabel(code);
  }

  private async searchCustomers(): Promise<void> {
    const id = ++this.searchId;
    this.searching = true;
    try {
      const search = this.customerSearch.trim();
      const page = await call(api.parties.$get({ query: { role: 'customer', pageSize: '50', ...(search ? { search } : {}) } }));
      if (id !== this.searchId) return;
      this.customers = page.items.filter((p) => p.active);
      // one match: chosen, so that typing a name is enough
      const only = this.customers.length === 1 ? this.customers[0] : undefined;
      if (only && search) this.setHead('customerId', String(only.id));
    } catch {
      if (id === this.searchId) this.customers = [];
    } finally {
      if (id === this.searchId) this.searching = false;
    }
  }

  private get totals() {
    return computeTotals(
      this.lines.filter((l) => !isBlank(l)),
      this.rateTable,
    );
  }

  private get kind(): SalesDocument['kind'] {
    return this.doc?.kind ?? this.newKind;
  }

  override render() {
    const { t } = this.i18n;
    const editing = this.documentId > 0;
    const title = editing
      ? t('inv.form.editTitle', { kind: kindLabel(this.kind) })
      : t(this.kind === 'quote' ? 'inv.form.newQuote' : 'inv.form.newInvoice');
    const crumbs = html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
      <ol>
        <li><a href="/invoicing">${t('nav.invoicing')}</a></li>
        ${editing ? html`<li><a href="/invoicing/${this.documentId}">${t('nav.invoicingDocument')}</a></li>` : nothing}
        <li><span aria-current="page">${title}</span></li>
      </ol>
    </nav>`;
    if (this.phase === 'loading') {
      return html`${crumbs}<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('inv.form.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`${crumbs}<section data-testid="document-not-found">
          <h1>${t('inv.doc.notFound')}</h1>
          <p class="alert">${t('inv.doc.notFoundBody')}</p>
          <p><a href="/invoicing">${t('inv.doc.back')}</a></p>
        </section>`;
    }
    if (this.phase === 'failed') {
      return html`${crumbs}<div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    if (this.phase === 'not-draft') {
      return html`${crumbs}<h1>${title}</h1>
        <p class="alert" data-testid="document-not-editable">${t('inv.form.notDraft')}</p>
        <p><a href="/invoicing/${this.documentId}">${t('inv.form.backToDocument')}</a></p>`;
    }
    return html`${crumbs}
      <h1>${title}</h1>
      <p class="lead">${t('inv.form.intro')}</p>
      <div role="alert" data-testid="document-form-alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
      <form
        novalidate
        data-testid="document-form"
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          void this.save();
        }}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter' && e.composedPath()[0] instanceof HTMLInputElement) e.preventDefault();
        }}
      >
        <fieldset class="card">
          <legend>${t('inv.form.head')}</legend>
          <div class="head">${this.renderMember()} ${this.renderCustomer()}
            ${inputField({
              id: 'doc-paymentDays',
              label: t('inv.form.paymentDays'),
              type: 'number',
              inputmode: 'numeric',
              min: '0',
              max: '120',
              step: '1',
              dir: 'ltr',
              hint: t('inv.form.paymentDaysHint'),
              error: this.headErrors.paymentDays,
              testid: 'doc-paymentDays',
              value: this.head.paymentDays,
            })}
          </div>
          <div @input=${(e: Event) => this.setHead('notes', (e.target as HTMLTextAreaElement).value)}>
            ${textareaField({
              id: 'doc-notes',
              label: t('inv.form.notes'),
              maxlength: 2000,
              rows: 2,
              error: this.headErrors.notes,
              testid: 'doc-notes',
              value: this.head.notes,
            })}
          </div>
        </fieldset>
        <fieldset class="card">
          <legend>${t('inv.form.lines')}</legend>
          ${this.renderVatState()}
          ${repeat(
            this.lines,
            (l) => l.key,
            (l, i) => this.renderLine(l, i),
          )}
          <button type="button" class="secondary" data-testid="line-add" @click=${this.addLine}>+ ${t('inv.form.addLine')}</button>
          ${this.linesError ? html`<p class="field-error" id="lines-error" tabindex="-1" data-testid="lines-error">${textOf(this.linesError)}</p>` : nothing}
        </fieldset>
        ${this.renderTotals()}
        <div class="submit-bar">
          <button type="submit" data-testid="document-save" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
            ${t(this.busy ? 'inv.form.saving' : 'inv.form.save')}
          </button>
          <a class="button secondary" href=${editing ? `/invoicing/${this.documentId}` : '/invoicing'}>${t('form.cancel')}</a>
        </div>
      </form>`;
  }

  private memberLabel(m: Member): string {
    return `${m.code ?? ''} ${m.legalName}`.trim();
  }

  private renderMember() {
    const { t } = this.i18n;
    const fixed = this.documentId > 0 || !isStaff(this.user?.role);
    if (fixed) {
      const member = this.members.find((m) => String(m.id) === this.head.memberId);
      return html`<div class="field">
        <span class="label"><strong>${t('inv.form.member')}</strong></span>
        <p data-testid="doc-member-fixed"><bdi>${member ? this.memberLabel(member) : this.head.memberId}</bdi></p>
        ${this.headErrors.memberId ? html`<p class="field-error">${textOf(this.headErrors.memberId)}</p>` : nothing}
      </div>`;
    }
    const error = this.headErrors.memberId;
    return html`<div class="field">
      <label for="doc-member">${t('inv.form.member')}<span class="required" aria-hidden="true"> *</span></label>
      <select
        id="doc-member"
        data-testid="doc-member"
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'doc-member-error' : nothing}
        @change=${(e: Event) => this.setHead('memberId', (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${this.head.memberId === ''}>${t('inv.form.memberChoose')}</option>
        ${this.members.map(
          (m) =>
            html`<option value=${String(m.id)} ?selected=${String(m.id) === this.head.memberId}>${this.memberLabel(m)}</option>`,
        )}
      </select>
      ${error ? html`<p class="field-error" id="doc-member-error">${textOf(error)}</p>` : nothing}
    </div>`;
  }

  private renderCustomer() {
    const { t } = this.i18n;
    if (this.documentId > 0) {
      return html`<div class="field">
        <span class="label"><strong>${t('inv.form.customer')}</strong></span>
        <p data-testid="doc-customer-fixed"><bdi>${this.fixedCustomer?.name ?? `#${this.head.customerId}`}</bdi></p>
      </div>`;
    }
    const error = this.headErrors.customerId;
    const options = this.customers;
    const chosen = options.some((c) => String(c.id) === this.head.customerId);
    return html`<div class="customer">
      <div class="field">
        <label for="doc-customer-search">${t('inv.form.customerSearch')}</label>
        <input
          id="doc-customer-search"
          type="search"
          dir="auto"
          autocomplete="off"
          data-testid="doc-customer-search"
          aria-describedby="doc-customer-search-hint"
          aria-controls="doc-customer"
          .value=${this.customerSearch}
          @input=${(e: Event) => {
            this.customerSearch = (e.target as HTMLInputElement).value;
            clearTimeout(this.searchTimer);
            this.searchTimer = setTimeout(() => void this.searchCustomers(), 250);
          }}
        />
        <p class="hint" id="doc-customer-search-hint">${t('inv.form.customerSearchHint')}</p>
      </div>
      <div class="field">
        <label for="doc-customer">${t('inv.form.customer')}<span class="required" aria-hidden="true"> *</span></label>
        <select
          id="doc-customer"
          data-testid="doc-customer"
          required
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'doc-customer-error doc-customer-status' : 'doc-customer-status'}
          aria-busy=${this.searching ? 'true' : 'false'}
          @change=${(e: Event) => this.setHead('customerId', (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!chosen}>${t('inv.form.customerChoose')}</option>
          ${options.map(
            (c) =>
              html`<option value=${String(c.id)} ?selected=${String(c.id) === this.head.customerId}>
                ${[c.name, c.ice, c.city].filter(Boolean).join(' — ')}
              </option>`,
          )}
        </select>
        <p class="hint" id="doc-customer-status" role="status">
          ${this.searching ? t('inv.form.customerSearching') : options.length === 0 ? t('inv.form.customerNone') : nothing}
        </p>
        ${error ? html`<p class="field-error" id="doc-customer-error">${textOf(error)}</p>` : nothing}
        <p><a href="/parties/new" data-testid="doc-customer-new">${t('inv.form.newCustomer')}</a></p>
      </div>
    </div>`;
  }

  private renderLine(line: LineDraft, index: number) {
    const { t } = this.i18n;
    const n = index + 1;
    const errors = this.lineErrors[line.key] ?? {};
    const id = (f: string) => `line-${line.key}-${f}`;
    const testid = (f: string) => `line-${index}-${f}`;
    const which = html`<span class="visually-hidden"> (${t('inv.form.lineN', { n })})</span>`;
    const error = (f: LineField) =>
      errors[f] ? html`<p class="field-error" id=${`${id(f)}-error`}>${textOf(errors[f])}</p>` : nothing;
    const described = (f: LineField) => (errors[f] ? `${id(f)}-error` : nothing);
    const text = (f: 'description' | 'unit' | 'exemptionBasis', label: string, cls: string, max: number, hint?: string) =>
      html`<div class="field ${cls}">
        <label for=${id(f)}>${label}${which}</label>
        <input
          id=${id(f)}
          type="text"
          dir="auto"
          maxlength=${max}
          data-testid=${testid(f)}
          aria-invalid=${errors[f] ? 'true' : 'false'}
          aria-describedby=${[errors[f] ? `${id(f)}-error` : '', hint ? `${id(f)}-hint` : ''].join(' ').trim() || nothing}
          .value=${line[f]}
          @input=${(e: Event) => this.setLine(line.key, f, (e.target as HTMLInputElement).value)}
        />
        ${hint ? html`<p class="hint" id=${`${id(f)}-hint`}>${hint}</p>` : nothing} ${error(f)}
      </div>`;
    const number = (f: 'quantity' | 'unitPrice' | 'discountPercent', label: string) =>
      html`<div class="field">
        <label for=${id(f)}>${label}${which}</label>
        <input
          id=${id(f)}
          class="num-input"
          type="text"
          dir="ltr"
          inputmode="decimal"
          autocomplete="off"
          data-testid=${testid(f)}
          aria-invalid=${errors[f] ? 'true' : 'false'}
          aria-describedby=${described(f)}
          .value=${line[f]}
          @input=${(e: Event) => this.setLine(line.key, f, (e.target as HTMLInputElement).value)}
        />
        ${error(f)}
      </div>`;
    const ht = this.totals.lines[this.lines.filter((l) => !isBlank(l)).indexOf(line)];
    return html`<div class="line" data-testid="line-${index}" role="group" aria-labelledby=${id('no')}>
      <div class="line-no">
        <span id=${id('no')}>${t('inv.form.lineN', { n })}</span>
        <button
          type="button"
          class="danger small"
          data-testid=${testid('remove')}
          aria-label=${t('inv.form.removeLine', { n })}
          title=${t('inv.form.removeLine', { n })}
          ?disabled=${this.lines.length <= 1}
          @click=${() => this.removeLine(line.key)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      ${text('description', t('inv.line.description'), 'description', 500)} ${number('quantity', t('inv.line.quantity'))}
      ${text('unit', t('inv.line.unit'), '', 30)} ${number('unitPrice', t('inv.line.unitPrice'))}
      ${number('discountPercent', t('inv.line.discount'))}
      <div class="field">
        <label for=${id('vat')}>${t('inv.line.vat')}${which}</label>
        <select
          id=${id('vat')}
          data-testid=${testid('vat')}
          aria-invalid=${errors.vat ? 'true' : 'false'}
          aria-describedby=${described('vat')}
          aria-busy=${this.vatPhase === 'loading' ? 'true' : 'false'}
          @change=${(e: Event) => this.setLine(line.key, 'vat', (e.target as HTMLSelectElement).value)}
        >
          ${this.vatRates.map(
            (r) =>
              html`<option value=${r.code} data-rate=${r.rate} ?selected=${r.code === line.vat}>${this.rateLabel(r.code)}</option>`,
          )}
          ${
            this.rateInForce(line.vat)
              ? nothing
              : html`<option value=${line.vat} selected>
                  ${this.vatPhase === 'ready' ? t('inv.form.vatNotInForce', { rate: vatLabel(line.vat) }) : vatLabel(line.vat)}
                </option>`
          }
        </select>
        ${error('vat')}
      </div>
      <div class="field">
        <label for=${id('revenue')}>${t('inv.line.revenue')}${which}</label>
        <select
          id=${id('revenue')}
          data-testid=${testid('revenue')}
          @change=${(e: Event) => this.setLine(line.key, 'revenue', (e.target as HTMLSelectElement).value)}
        >
          <option value="services" ?selected=${line.revenue === 'services'}>${t('inv.revenue.services')}</option>
          <option value="goods" ?selected=${line.revenue === 'goods'}>${t('inv.revenue.goods')}</option>
        </select>
      </div>
      ${line.vat === 'exempt' ? text('exemptionBasis', t('inv.line.exemptionBasis'), 'exemption', 200, t('inv.form.exemptHint')) : nothing}
      <div class="line-ht">
        <label for=${id('ht')}>${t('inv.line.ht')}${which}</label>
        <output id=${id('ht')} data-testid=${testid('ht')}>${ht === undefined || ht === null ? '—' : formatAmount(fromCents(ht))}</output>
      </div>
    </div>`;
  }

  private renderVatState() {
    const { t } = this.i18n;
    if (this.vatPhase === 'loading') {
      return html`<p class="loading" role="status" data-testid="vat-rates-loading">
        <span class="spinner" aria-hidden="true"></span>${t('inv.form.vatLoading')}
      </p>`;
    }
    if (this.vatPhase === 'failed') {
      return html`<div role="alert" data-testid="vat-rates-failed">
        <p class="alert">${t('inv.form.vatFailed')}</p>
        <button type="button" class="secondary" @click=${this.loadVatRates}>${t('app.retry')}</button>
      </div>`;
    }
    return html`<p class="hint" data-testid="vat-rates-date">${t('inv.form.vatRatesOn', { date: formatDay(this.vatDate) })}</p>`;
  }

  private renderTotals() {
    const { t } = this.i18n;
    const totals = this.totals;
    return html`<section class="totals-box" aria-labelledby="totals-title" data-testid="totals">
      <h2 id="totals-title">${t('inv.totals.title')}</h2>
      <dl class="totals" aria-live="polite">
        <dt>${t('inv.totals.ht')}</dt>
        <dd data-testid="totals-ht">${formatAmount(fromCents(totals.ht))}</dd>
        ${totals.byRate.map(
          (r) => html`<dt>${t('inv.totals.vatAt', { rate: vatLabel(r.vat) })}</dt>
            <dd data-testid="totals-vat-${r.vat}">${formatAmount(fromCents(r.amount))}</dd>`,
        )}
        <dt>${t('inv.totals.vat')}</dt>
        <dd data-testid="totals-vat">${formatAmount(fromCents(totals.vat))}</dd>
        <dt class="grand">${t('inv.totals.ttc')}</dt>
        <dd class="grand" data-testid="totals-ttc">${formatAmount(fromCents(totals.ttc))}</dd>
      </dl>
      ${totals.incomplete > 0 ? html`<p class="hint" data-testid="totals-incomplete">${t('inv.totals.incomplete', { count: totals.incomplete })}</p>` : nothing}
    </section>`;
  }

  private setHead(field: HeadField, value: string): void {
    this.head = { ...this.head, [field]: value };
    if (this.headErrors[field]) {
      const { [field]: _cleared, ...rest } = this.headErrors;
      this.headErrors = rest;
    }
  }

  private setLine(key: number, field: LineField, value: string): void {
    this.lines = this.lines.map((l) => (l.key === key ? { ...l, [field]: value } : l));
    const errors = this.lineErrors[key];
    if (errors?.[field]) {
      const { [field]: _cleared, ...rest } = errors;
      this.lineErrors = { ...this.lineErrors, [key]: rest };
    }
    this.linesError = null;
  }

  private async addLine(): Promise<void> {
    const line = blankLine(this.defaultVat);
    this.lines = [...this.lines, line];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#line-${line.key}-description`)?.focus();
  }

  private async removeLine(key: number): Promise<void> {
    const index = this.lines.findIndex((l) => l.key === key);
    this.lines = this.lines.filter((l) => l.key !== key);
    const { [key]: _removed, ...rest } = this.lineErrors;
    this.lineErrors = rest;
    await this.updateComplete;
    const next = this.lines[Math.min(index, this.lines.length - 1)];
    this.renderRoot.querySelector<HTMLElement>(next ? `#line-${next.key}-description` : '[data-testid="line-add"]')?.focus();
  }

  /** The lines to send, each with the key of the form line it came from, and what the form itself refuses. */
  private build() {
    const headErrors: FieldErrors<HeadField> = {};
    const lineErrors: Record<number, LineErrors> = {};
    if (!this.head.memberId) headErrors.memberId = { key: 'inv.error.required' };
    if (!this.head.customerId) headErrors.customerId = { key: 'inv.error.required' };
    const daysInput = this.renderRoot.querySelector<HTMLInputElement>('#doc-paymentDays');
    const daysText = (daysInput?.value ?? this.head.paymentDays).trim();
    const days = daysText === '' ? null : parseDecimal(daysText, 0, 3);
    if (days && (days.kind !== 'ok' || days.units > 120n)) headErrors.paymentDays = { key: 'inv.error.paymentDays' };
    const lines: SalesLineInput[] = [];
    const rows: number[] = [];
    for (const line of this.lines) {
      if (isBlank(line)) continue;
      const errors: LineErrors = {};
      if (!line.description.trim()) errors.description = { key: 'inv.error.required' };
      const quantity = parseQuantity(line.quantity);
      if (quantity.kind !== 'ok' || quantity.units === 0n) errors.quantity = { key: 'inv.error.quantity' };
      const price = parsePrice(line.unitPrice);
      if (price.kind !== 'ok') errors.unitPrice = { key: 'inv.error.amount' };
      const discount = parseDiscount(line.discountPercent);
      if (discount.kind === 'invalid') errors.discountPercent = { key: 'inv.error.discount' };
      if (line.vat === 'exempt' && !line.exemptionBasis.trim()) errors.exemptionBasis = { key: 'inv.error.exemption' };
      if (Object.keys(errors).length > 0) lineErrors[line.key] = errors;
      const sent: SalesLineInput = {
        description: line.description.trim(),
        quantity: quantity.kind === 'ok' ? quantity.value : line.quantity,
        unit: line.unit.trim() || null,
        unitPrice: price.kind === 'ok' ? price.value : line.unitPrice,
        vat: line.vat,
        revenue: line.revenue,
      };
      if (discount.kind === 'ok') sent.discountPercent = discount.value;
      if (line.vat === 'exempt') sent.exemptionBasis = line.exemptionBasis.trim();
      lines.push(sent);
      rows.push(line.key);
    }
    return { lines, rows, headErrors, lineErrors, paymentDays: days?.kind === 'ok' ? Number(days.units) : undefined };
  }

  private async save(): Promise<void> {
    if (this.busy) return;
    const { lines, rows, headErrors, lineErrors, paymentDays } = this.build();
    const linesError: Text | null = lines.length === 0 ? { key: 'inv.error.noLines' } : null;
    if (Object.keys(headErrors).length > 0 || Object.keys(lineErrors).length > 0 || linesError) {
      return this.refuse(headErrors, lineErrors, linesError, []);
    }
    this.busy = true;
    this.formError = null;
    this.headErrors = {};
    this.lineErrors = {};
    this.linesError = null;
    const notes = this.head.notes.trim() || null;
    try {
      let doc: SalesDocument;
      if (this.doc) {
        doc = await call(
          api.invoicing.documents[':id'].$put({
            param: { id: String(this.doc.id) },
            json: { lines, notes, ...(paymentDays !== undefined ? { paymentDays } : {}) },
          }),
        );
      } else {
        const draft: SalesDraft = {
          kind: this.newKind,
          memberId: Number(this.head.memberId),
          customerId: Number(this.head.customerId),
          notes,
          lines,
          ...(paymentDays !== undefined ? { paymentDays } : {}),
        };
        doc = await call(api.invoicing.documents.$post({ json: draft }));
      }
      setFlash(`/invoicing/${doc.id}`, { notice: { key: 'inv.saved' } });
      navigate(`/invoicing/${doc.id}`);
    } catch (error) {
      await this.apiRefused(error, rows);
    } finally {
      this.busy = false;
    }
  }

  private async apiRefused(error: unknown, rows: readonly number[]): Promise<void> {
    if (!(error instanceof ApiProblem) || error.status === 0 || error.status === 403 || error.errors.length === 0) {
      this.formError =
        error instanceof ApiProblem && (error.status === 400 || error.status === 409 || error.status === 422)
          ? { key: 'inv.error.refused', params: { detail: error.detail ?? error.title } }
          : problemText(error);
      return;
    }
    const headErrors: FieldErrors<HeadField> = {};
    const lineErrors: Record<number, LineErrors> = {};
    let linesError: Text | null = null;
    const other: Text[] = [];
    for (const problem of error.errors) {
      const [first, index, field] = problem.path.split('.');
      if (first === 'lines' && index !== undefined && /^\d+$/.test(index)) {
        const key = rows[Number(index)];
        const at = field && (LINE_FIELDS as readonly string[]).includes(field) ? (field as LineField) : 'description';
        if (key === undefined) {
          other.push({ raw: `${problem.path}: ${problem.message}` });
          continue;
        }
        const errors = lineErrors[key] ?? {};
        lineErrors[key] = errors;
        errors[at] ??= { key: LINE_MESSAGES[at], detail: problem.message };
      } else if (first === 'lines') {
        linesError ??= { key: 'form.refused', detail: problem.message };
      } else if (first && (HEAD_FIELDS as readonly string[]).includes(first)) {
        const at = first as HeadField;
        headErrors[at] ??= { key: 'form.refused', detail: problem.message };
      } else {
        other.push({ raw: `${problem.path}: ${problem.message}` });
      }
    }
    await this.refuse(headErrors, lineErrors, linesError, other);
  }

  private async refuse(
    headErrors: FieldErrors<HeadField>,
    lineErrors: Record<number, LineErrors>,
    linesError: Text | null,
    other: Text[],
  ): Promise<void> {
    this.headErrors = headErrors;
    this.lineErrors = lineErrors;
    this.linesError = linesError;
    const count =
      Object.keys(headErrors).length +
      Object.values(lineErrors).reduce((n, e) => n + Object.keys(e).length, 0) +
      (linesError ? 1 : 0);
    this.formError = refusalSummary(count, other);
    await this.updateComplete;
    const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else this.renderRoot.querySelector<HTMLElement>('#lines-error')?.focus();
  }
}

customElements.define('gie-document-form-page', DocumentFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-document-form-page': DocumentFormPage;
  }
}
