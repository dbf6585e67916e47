// A quote, invoice or credit note (/invoicing/:id): header, customer and member, lines, VAT by rate, totals, and once
// issued the GIE's contribution and the member's share. Actions by state and role: a draft is edited, submitted
// to the GIE (an entrepreneur when the GIE validates) or issued (the manager, or an entrepreneur when the GIE lets
// them) after a confirmation that the number is final; one Idempotency-Key per confirmation, so a double click
// issues once. The manager may instead send a submitted draft back with a reason, which the entrepreneur then reads
// on the draft. An issued document opens as PDF (French, or bilingual), downloads as UBL, is sent to the customer as a
// PDF link (document-links.ts), is corrected by a credit note, and the manager or the accountant records its
// customer's payments (the VAT each payment makes due shown).
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { type Member, PAYMENT_METHODS, type Party, type PaymentResult, type SalesDocument, type User } from '../api/types.ts';
import { setFlash, takeFlash } from '../app/flash.ts';
import {
  type FieldErrors,
  inputField,
  problemText,
  selectField,
  type Text,
  textareaField,
  textOf,
  todayIso,
} from '../app/forms.ts';
import { currentPath, navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatPercent, intlTag, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { type ConfirmDialog, newIdempotencyKey } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import { fromCents, parseAmountInput, toCents } from '../ledger/money.ts';
import './document-links.ts';
import {
  invoicingStyles,
  kindLabel,
  mayRecordPayments,
  mayWrite,
  money,
  settlementBadge,
  statusBadge,
  vatLabel,
} from './invoicing-ui.ts';

type PayField = 'receivedOn' | 'method' | 'amount' | 'reference';
type Busy = 'submit' | 'issue' | 'creditNote' | 'pay' | 'send' | 'accepted' | 'refused' | 'convert' | 'return' | null;

/** The law 69-21 fines of an issued invoice, as the API answers them. */
interface LateFines {
  asOf: string;
  total: string;
  fines: Array<{ amount: string; dueDate: string; paidOn: string; months: number; rate: string; fine: string }>;
}

/** The decimal separator of the current language, for an amount put in an input. */
const inputAmount = (value: string): string =>
  value.replace('.', new Intl.NumberFormat(intlTag()).formatToParts(0.5).find((p) => p.type === 'decimal')?.value ?? '.');

export class DocumentPage extends LitElement {
  static override properties = {
    documentId: { type: Number },
    user: { attribute: false },
    doc: { state: true },
    customer: { state: true },
    member: { state: true },
    mayIssueAsEntrepreneur: { state: true },
    phase: { state: true },
    notice: { state: true },
    error: { state: true },
    busy: { state: true },
    payOpen: { state: true },
    payErrors: { state: true },
    payError: { state: true },
    payResult: { state: true },
    fines: { state: true },
    finesError: { state: true },
    returnOpen: { state: true },
    returnError: { state: true },
  };

  static override styles = [
    sharedStyles,
    invoicingStyles,
    css`
      .parties {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 1rem;
      }
      .parties h2 {
        font-size: 1rem;
        margin: 0 0 0.25rem;
      }
      .parties p {
        margin: 0;
      }
      .sums {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        gap: 1rem;
        align-items: start;
      }
      .vat-result {
        margin-block-start: 0.5rem;
      }
    `,
  ];

  declare documentId: number;
  declare user: User | null;
  declare doc: SalesDocument | null;
  declare customer: Party | null;
  declare member: Member | null;
  declare mayIssueAsEntrepreneur: boolean;
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare notice: Text | null;
  declare error: Text | null;
  declare busy: Busy;
  declare payOpen: boolean;
  declare payErrors: FieldErrors<PayField>;
  declare payError: Text | null;
  declare payResult: PaymentResult | null;
  declare fines: LateFines | null;
  declare finesError: Text | null;
  declare returnOpen: boolean;
  declare returnError: Text | null;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;
  private payKey = newIdempotencyKey();

  constructor() {
    super();
    this.documentId = 0;
    this.user = null;
    this.doc = null;
    this.customer = null;
    this.member = null;
    this.mayIssueAsEntrepreneur = false;
    this.phase = 'loading';
    this.notice = null;
    this.error = null;
    this.busy = null;
    this.payOpen = false;
    this.payErrors = {};
    this.payError = null;
    this.payResult = null;
    this.fines = null;
    this.finesError = null;
    this.returnOpen = false;
    this.returnError = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('documentId')) {
      const flash = takeFlash(currentPath());
      this.notice = flash?.notice ?? null;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    if (!this.doc || this.doc.id !== this.documentId) {
      this.phase = 'loading';
      this.fines = null;
      this.finesError = null;
    }
    this.error = null;
    try {
      const doc = await call(api.invoicing.documents[':id'].$get({ param: { id: String(this.documentId) } }));
      if (id !== this.loadId) return;
      this.doc = doc;
      this.phase = 'ready';
      void this.loadFines(doc, id);
      const [customer, member, gie] = await Promise.all([
        call(api.parties[':id'].$get({ param: { id: String(doc.customerId) } })).catch(() => null),
        call(api.members[':id'].$get({ param: { id: String(doc.memberId) } })).catch(() => null),
        this.user?.role === 'entrepreneur' ? call(api.gie.$get()).catch(() => null) : null,
      ]);
      if (id !== this.loadId) return;
      this.customer = customer;
      this.member = member;
      this.mayIssueAsEntrepreneur = gie?.entrepreneursMayIssue ?? false;
    } catch (error) {
      if (id !== this.loadId) return;
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.error = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  /** The late fines of an issued invoice as of today; nothing for any other document. */
  private async loadFines(doc: SalesDocument, id: number): Promise<void> {
    if (doc.kind !== 'invoice' || !doc.number) {
      this.fines = null;
      this.finesError = null;
      return;
    }
    try {
      const fines = await call(
        api.invoicing.documents[':id']['late-fines'].$get({ param: { id: String(doc.id) }, query: { asOf: todayIso() } }),
      );
      if (id !== this.loadId) return;
      this.fines = fines;
      this.finesError = null;
    } catch (error) {
      if (id !== this.loadId) return;
      this.fines = null;
      this.finesError = problemText(error);
    }
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  override render() {
    const { t } = this.i18n;
    const crumbs = (current: unknown) => html`<gie-confirm-dialog></gie-confirm-dialog>
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/invoicing">${t('nav.invoicing')}</a></li>
          <li><span aria-current="page">${current}</span></li>
        </ol>
      </nav>`;
    if (this.phase === 'loading') {
      return html`${crumbs(t('nav.invoicingDocument'))}
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('inv.doc.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`${crumbs(t('nav.invoicingDocument'))}
        <section data-testid="document-not-found">
          <h1>${t('inv.doc.notFound')}</h1>
          <p class="alert">${t('inv.doc.notFoundBody')}</p>
          <p><a href="/invoicing">${t('inv.doc.back')}</a></p>
        </section>`;
    }
    const d = this.doc;
    if (this.phase === 'failed' || !d) {
      return html`${crumbs(t('nav.invoicingDocument'))}
        <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const title = d.number
      ? html`${kindLabel(d.kind)} <span class="ltr num" data-testid="document-number">${d.number}</span>`
      : t('inv.doc.draftTitle', { kind: kindLabel(d.kind) });
    const memberName = this.member ? `${this.member.code ?? ''} ${this.member.legalName}`.trim() : `#${d.memberId}`;
    const crumb = d.number
      ? html`${kindLabel(d.kind)} <span class="ltr num">${d.number}</span>`
      : t('inv.doc.draftTitle', { kind: kindLabel(d.kind) });
    return html`${crumbs(crumb)}
      <div class="page-head">
        <div>
          <div class="title">
            <h1 data-testid="document-title" tabindex="-1">${title}</h1>
            <span data-testid="document-status">${statusBadge(d.status)}</span>${settlementBadge(d.settlement)}
          </div>
          <p class="lead">${t('inv.doc.forAccountOf', { member: memberName })}</p>
        </div>
        ${this.renderActions(d)}
      </div>
      <div role="status" data-testid="document-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="document-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${d.status === 'submitted' ? html`<p class="notice" data-testid="document-waiting">${t('inv.doc.waiting')}</p>` : nothing}
      ${
        d.status === 'draft' && d.returnReason
          ? html`<p class="alert" data-testid="document-returned">
              ${t('inv.return.shown', { date: d.returnedAt ? formatDay(d.returnedAt.slice(0, 10)) : '—', reason: '' })}<bdi
                >${d.returnReason}</bdi
              >
            </p>`
          : nothing
      }
      ${this.renderHeader(d, memberName)} ${this.renderLines(d)} ${this.renderSums(d)} ${this.renderFines(d)}
      ${
        d.status === 'issued' && d.kind !== 'quote'
          ? html`<gie-document-links .doc=${d} .user=${this.user}></gie-document-links>`
          : nothing
      }
      ${this.renderPayDialog(d)} ${this.renderReturnDialog(d)}`;
  }

  private mayIssue(d: SalesDocument): boolean {
    const role = this.user?.role;
    if (d.kind === 'quote' || !['draft', 'submitted'].includes(d.status)) return false;
    if (role === 'manager' || role === 'admin') return true;
    return role === 'entrepreneur' && this.mayIssueAsEntrepreneur && d.status === 'draft';
  }

  private renderActions(d: SalesDocument) {
    const { t } = this.i18n;
    const role = this.user?.role;
    const busy = this.busy;
    const spinner = (which: Busy) => (busy === which ? html`<span class="spinner" aria-hidden="true"></span>` : nothing);
    const buttons = [];
    if (d.status === 'draft' && mayWrite(role)) {
      buttons.push(
        html`<a class="button secondary" href="/invoicing/${d.id}/edit" data-testid="document-edit">${t('inv.action.edit')}</a>`,
      );
      if (role === 'entrepreneur' && !this.mayIssueAsEntrepreneur) {
        buttons.push(html`<button type="button" data-testid="document-submit" aria-busy=${busy === 'submit' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${this.submitDraft}>
          ${spinner('submit')}${t(busy === 'submit' ? 'inv.action.submitting' : 'inv.action.submit')}
        </button>`);
      }
    }
    if (d.kind === 'quote' && mayWrite(role)) {
      if (d.status === 'draft') {
        buttons.push(html`<button type="button" data-testid="quote-send" aria-busy=${busy === 'send' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${this.sendQuote}>
          ${spinner('send')}${t(busy === 'send' ? 'inv.action.sending' : 'inv.action.send')}
        </button>`);
      }
      if (d.status === 'sent') {
        buttons.push(html`<button type="button" data-testid="quote-accept" aria-busy=${busy === 'accepted' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${() => this.answerQuote('accepted')}>
            ${spinner('accepted')}${t('inv.action.accept')}
          </button>
          <button type="button" class="secondary" data-testid="quote-refuse" aria-busy=${busy === 'refused' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${() => this.answerQuote('refused')}>
            ${spinner('refused')}${t('inv.action.refuse')}
          </button>`);
      }
      if (d.status === 'accepted') {
        buttons.push(html`<button type="button" data-testid="quote-convert" aria-busy=${busy === 'convert' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${this.convertQuote}>
          ${spinner('convert')}${t(busy === 'convert' ? 'inv.action.converting' : 'inv.action.convert')}
        </button>`);
      }
    }
    if (this.mayIssue(d)) {
      buttons.push(html`<button type="button" data-testid="document-issue" aria-busy=${busy === 'issue' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${this.issue}>
        ${spinner('issue')}${t(busy === 'issue' ? 'inv.action.issuing' : 'inv.action.issue')}
      </button>`);
    }
    if (d.status === 'submitted' && (role === 'manager' || role === 'admin')) {
      buttons.push(html`<button type="button" class="secondary" data-testid="document-return" aria-busy=${busy === 'return' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${this.openReturn}>
        ${spinner('return')}${t(busy === 'return' ? 'inv.action.returning' : 'inv.action.return')}
      </button>`);
    }
    if (d.number && d.kind !== 'quote') {
      const base = `/api/invoicing/documents/${d.id}`;
      buttons.push(html`<a class="button secondary" href="${base}/pdf" target="_blank" rel="noopener" data-testid="document-pdf"
          >${t('inv.action.pdf')}<span class="visually-hidden"> ${t('inv.newTab')}</span></a
        >
        <a class="button secondary" href="${base}/pdf?arabic=true" target="_blank" rel="noopener" data-testid="document-pdf-arabic"
          >${t('inv.action.pdfArabic')}<span class="visually-hidden"> ${t('inv.newTab')}</span></a
        >
        <a class="button secondary" href="${base}/ubl" download="${d.number}.xml" data-testid="document-ubl">${t('inv.action.ubl')}</a>`);
      if (d.kind === 'invoice' && mayWrite(role)) {
        buttons.push(html`<button type="button" class="secondary" data-testid="document-credit-note" aria-busy=${busy === 'creditNote' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${this.creditNote}>
          ${spinner('creditNote')}${t(busy === 'creditNote' ? 'inv.action.creatingCreditNote' : 'inv.action.creditNote')}
        </button>`);
      }
      if (d.kind === 'invoice' && mayRecordPayments(role)) {
        buttons.push(html`<button type="button" data-testid="document-payment" ?disabled=${busy !== null} @click=${this.openPay}>
          ${t('inv.action.payment')}
        </button>`);
      }
    }
    if (buttons.length === 0) return nothing;
    return html`<div class="actions" role="group" aria-label=${t('inv.doc.actions')}>${buttons}</div>`;
  }

  private renderHeader(d: SalesDocument, memberName: string) {
    const { t } = this.i18n;
    const c = this.customer;
    return html`<section class="card parties">
      <div data-testid="document-customer">
        <h2>${t('inv.doc.customer')}</h2>
        <p><bdi>${c?.name ?? `#${d.customerId}`}</bdi></p>
        ${c?.ice ? html`<p class="hint">${t('inv.doc.ice', { ice: c.ice })}</p>` : nothing}
        ${c?.address || c?.city ? html`<p class="hint"><bdi>${[c.address, c.postalCode, c.city].filter(Boolean).join(', ')}</bdi></p>` : nothing}
      </div>
      <div data-testid="document-member">
        <h2>${t('inv.doc.member')}</h2>
        <p><bdi>${memberName}</bdi></p>
      </div>
      <dl class="facts">
        <dt>${t('inv.doc.issueDate')}</dt>
        <dd data-testid="document-issue-date">${d.issueDate ? formatDay(d.issueDate) : '—'}</dd>
        <dt>${t('inv.doc.dueDate')}</dt>
        <dd>${d.dueDate ? formatDay(d.dueDate) : '—'}</dd>
        <dt>${t('inv.doc.paymentDays')}</dt>
        <dd>${t('inv.doc.days', { count: d.paymentDays })}</dd>
        ${d.correctsId !== null ? html`<dt>${t('inv.doc.corrects')}</dt><dd><a href="/invoicing/${d.correctsId}">${d.correctsNumber ?? `#${d.correctsId}`}</a></dd>` : nothing}
        ${d.notes ? html`<dt>${t('inv.doc.notes')}</dt><dd><bdi>${d.notes}</bdi></dd>` : nothing}
      </dl>
    </section>`;
  }

  private renderLines(d: SalesDocument) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="lines-title">
      <h2 id="lines-title">${t('inv.doc.lines')}</h2>
      <div class="table-wrap">
        <table data-testid="document-lines">
          <thead>
            <tr>
              <th scope="col">${t('inv.line.description')}</th>
              <th scope="col" class="amount">${t('inv.line.quantity')}</th>
              <th scope="col">${t('inv.line.unit')}</th>
              <th scope="col" class="amount">${t('inv.line.unitPrice')}</th>
              <th scope="col" class="amount">${t('inv.line.discount')}</th>
              <th scope="col">${t('inv.line.vat')}</th>
              <th scope="col" class="amount">${t('inv.line.ht')}</th>
            </tr>
          </thead>
          <tbody>
            ${d.lines.map(
              (l) => html`<tr>
                <th scope="row">
                  <bdi>${l.description}</bdi>
                  <span class="hint">${t(`inv.revenue.${l.revenue}` as MessageKey)}${l.exemptionBasis ? html` — <bdi>${l.exemptionBasis}</bdi>` : nothing}</span>
                </th>
                <td class="amount"><span class="num">${l.quantity}</span></td>
                <td><bdi>${l.unit ?? ''}</bdi></td>
                <td class="amount">${money(l.unitPrice)}</td>
                <td class="amount">${toCents(l.discountPercent) ? formatPercent(l.discountPercent) : '—'}</td>
                <td>${vatLabel(l.vat)}</td>
                <td class="amount">${money(l.amount)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderSums(d: SalesDocument) {
    const { t } = this.i18n;
    return html`<div class="sums">
      <section class="card" aria-labelledby="vat-title">
        <h2 id="vat-title">${t('inv.doc.vatByRate')}</h2>
        <table data-testid="document-vat">
          <thead>
            <tr>
              <th scope="col">${t('inv.doc.rate')}</th>
              <th scope="col" class="amount">${t('inv.doc.base')}</th>
              <th scope="col" class="amount">${t('inv.doc.vatAmount')}</th>
            </tr>
          </thead>
          <tbody>
            ${d.totals.byRate.map(
              (r) => html`<tr data-vat=${r.vat}>
                <th scope="row">${vatLabel(r.vat)}</th>
                <td class="amount">${money(r.base)}</td>
                <td class="amount">${money(r.amount)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="doc-totals-title">
        <h2 id="doc-totals-title">${t('inv.totals.server')}</h2>
        <dl class="totals">
          <dt>${t('inv.totals.ht')}</dt>
          <dd data-testid="document-ht">${money(d.totals.ht)}</dd>
          <dt>${t('inv.totals.vat')}</dt>
          <dd data-testid="document-vat-total">${money(d.totals.vat)}</dd>
          <dt class="grand">${t('inv.totals.ttc')}</dt>
          <dd class="grand" data-testid="document-ttc">${money(d.totals.ttc)}</dd>
          ${
            d.contribution !== null && d.memberShare !== null
              ? html`<dt>${t('inv.doc.contribution', { rate: d.contributionRate ? formatPercent(d.contributionRate) : '—' })}</dt>
                  <dd data-testid="document-contribution">${money(d.contribution)}</dd>
                  <dt>${t('inv.doc.memberShare')}</dt>
                  <dd data-testid="document-member-share">${money(d.memberShare)}</dd>`
              : nothing
          }
        </dl>
      </section>
    </div>`;
  }

  /** What the invoice still owes: the server's figure (payments and credit notes included). */
  private owed(d: SalesDocument): bigint {
    const left = toCents(d.due ?? d.totals.ttc) ?? 0n;
    return left > 0n ? left : 0n;
  }

  private renderPayDialog(d: SalesDocument) {
    const { t } = this.i18n;
    if (!mayRecordPayments(this.user?.role) || d.kind !== 'invoice' || !d.number) return nothing;
    const busy = this.busy === 'pay';
    const result = this.payResult;
    return html`<dialog id="pay-dialog" aria-labelledby="pay-title" data-testid="pay-dialog" @close=${() => {
      this.payOpen = false;
    }}>
      <h2 id="pay-title">${t('inv.pay.title')}</h2>
      ${
        result
          ? html`<div data-testid="pay-result">
              <p class="notice" role="status">${t('inv.pay.done', { amount: money(result.amount), number: d.number })}</p>
              ${result.allocations.map(
                (a) => html`<table class="vat-result" data-testid="pay-vat">
                  <caption>${t('inv.pay.vatTitle')} — <span class="ltr num">${a.number}</span></caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('inv.doc.rate')}</th>
                      <th scope="col" class="amount">${t('inv.doc.vatAmount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${a.vat.map(
                      (v) => html`<tr data-vat=${v.vat}>
                        <th scope="row">${vatLabel(v.vat)}</th>
                        <td class="amount" data-testid="pay-vat-${v.vat}">${money(v.amount)}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`,
              )}
              <div class="actions">
                <button type="button" data-testid="pay-close" @click=${this.closePay}>${t('inv.pay.close')}</button>
              </div>
            </div>`
          : this.payOpen
            ? html`<p>${t('inv.pay.intro', { customer: this.customer?.name ?? `#${d.customerId}`, number: d.number })}</p>
              <div role="alert">${this.payError ? html`<p class="alert">${textOf(this.payError)}</p>` : nothing}</div>
              <form novalidate data-testid="pay-form" aria-busy=${busy ? 'true' : 'false'} @submit=${this.submitPay}>
                ${inputField({
                  id: 'pay-receivedOn',
                  name: 'receivedOn',
                  label: t('inv.pay.receivedOn'),
                  type: 'date',
                  required: true,
                  max: todayIso(),
                  value: todayIso(),
                  error: this.payErrors.receivedOn,
                  testid: 'pay-receivedOn',
                })}
                ${selectField({
                  id: 'pay-method',
                  name: 'method',
                  label: t('inv.pay.method'),
                  required: true,
                  value: 'transfer',
                  options: PAYMENT_METHODS.map((m) => ({ value: m, label: t(`inv.method.${m}` as MessageKey) })),
                  error: this.payErrors.method,
                  testid: 'pay-method',
                })}
                ${inputField({
                  id: 'pay-amount',
                  name: 'amount',
                  label: t('inv.pay.amount'),
                  inputmode: 'decimal',
                  dir: 'ltr',
                  required: true,
                  value: inputAmount(fromCents(this.owed(d))),
                  hint: t('inv.pay.amountHint', { amount: money(fromCents(this.owed(d))) }),
                  error: this.payErrors.amount,
                  testid: 'pay-amount',
                })}
                ${inputField({
                  id: 'pay-reference',
                  name: 'reference',
                  label: t('inv.pay.reference'),
                  maxlength: 100,
                  dir: 'auto',
                  error: this.payErrors.reference,
                  testid: 'pay-reference',
                })}
                <div class="actions">
                  <button type="submit" data-testid="pay-submit" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}>
                    ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(busy ? 'inv.pay.saving' : 'inv.pay.submit')}
                  </button>
                  <button type="button" class="secondary" ?disabled=${busy} @click=${this.closePay}>${t('form.cancel')}</button>
                </div>
              </form>`
            : nothing
      }
    </dialog>`;
  }

  private async openPay(): Promise<void> {
    this.payOpen = true;
    this.payResult = null;
    this.payErrors = {};
    this.payError = null;
    this.payKey = newIdempotencyKey();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#pay-dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('#pay-amount')?.focus();
  }

  private closePay(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#pay-dialog')?.close();
    this.payOpen = false;
    this.payResult = null;
    this.renderRoot.querySelector<HTMLElement>('[data-testid="document-payment"]')?.focus();
  }

  private async submitPay(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const d = this.doc;
    if (!d || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const receivedOn = String(data.get('receivedOn') ?? '').trim();
    const method = String(data.get('method') ?? 'transfer') as (typeof PAYMENT_METHODS)[number];
    const amount = parseAmountInput(String(data.get('amount') ?? ''));
    const reference = String(data.get('reference') ?? '').trim() || null;
    const errors: FieldErrors<PayField> = {};
    if (!receivedOn) errors.receivedOn = { key: 'inv.error.required' };
    if (amount.kind !== 'ok' || amount.cents === 0n) errors.amount = { key: 'inv.error.amount' };
    if (Object.keys(errors).length > 0 || amount.kind !== 'ok') {
      this.payErrors = errors;
      this.payError = { key: 'form.summary', params: { count: Object.keys(errors).length } };
      await this.focusPayError();
      return;
    }
    this.busy = 'pay';
    this.payErrors = {};
    this.payError = null;
    try {
      const result = await call(
        api.invoicing.payments.$post({
          header: { 'idempotency-key': this.payKey },
          json: {
            customerId: d.customerId,
            receivedOn,
            method,
            amount: amount.value,
            reference,
            allocations: [{ documentId: d.id, amount: amount.value }],
          },
        }),
      );
      this.payKey = newIdempotencyKey();
      this.payResult = result;
      // the document's paid and due figures come from the server: read them again
      void this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="pay-close"]')?.focus();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const found: FieldErrors<PayField> = {};
        const other: string[] = [];
        for (const e of error.errors) {
          const head = e.path.split('.')[0];
          // the amount of the payment and of its allocation to this invoice are the same field here
          if (head === 'amount' || head === 'allocations') found.amount ??= { key: 'inv.pay.error.amount', detail: e.message };
          else if (head === 'receivedOn' || head === 'method' || head === 'reference')
            found[head] ??= { key: 'form.refused', detail: e.message };
          else other.push(`${e.path}: ${e.message}`);
        }
        this.payErrors = found;
        this.payError = { key: 'inv.error.refused', params: { detail: error.detail ?? error.title } };
        // a new try is a new payment; the refused key answered nothing
        this.payKey = newIdempotencyKey();
        await this.focusPayError();
      } else {
        this.payError = problemText(error);
      }
    } finally {
      this.busy = null;
    }
  }

  private async focusPayError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#pay-dialog [aria-invalid="true"]')?.focus();
  }

  private async submitDraft(): Promise<void> {
    const { t } = this.i18n;
    await this.act(
      'submit',
      async (d) => {
        this.doc = await call(api.invoicing.documents[':id'].submit.$post({ param: { id: String(d.id) } }));
        this.notice = { key: 'inv.submit.done' };
      },
      { title: t('inv.submit.title'), body: t('inv.submit.body'), confirmLabel: t('inv.action.submit') },
    );
  }

  private async issue(): Promise<void> {
    const { t } = this.i18n;
    await this.act(
      'issue',
      async (d) => {
        // one key per confirmation: a double click or a retry of this confirmation issues once
        const issued = await call(
          api.invoicing.documents[':id'].issue.$post({
            param: { id: String(d.id) },
            header: { 'idempotency-key': newIdempotencyKey() },
            json: {},
          }),
        );
        this.doc = issued;
        void this.loadFines(issued, this.loadId);
        this.notice = { key: 'inv.issue.done', params: { number: issued.number ?? '' } };
        await this.focusTitle();
      },
      {
        title: t('inv.issue.title'),
        body: t('inv.issue.body'),
        warning: t('inv.issue.warning'),
        confirmLabel: t('inv.action.issue'),
      },
    );
  }

  private async sendQuote(): Promise<void> {
    const { t } = this.i18n;
    await this.act(
      'send',
      async (d) => {
        const sent = await call(api.invoicing.documents[':id'].send.$post({ param: { id: String(d.id) } }));
        this.doc = sent;
        this.notice = { key: 'inv.send.done', params: { number: sent.number ?? '' } };
        await this.focusTitle();
      },
      { title: t('inv.send.title'), body: t('inv.send.body'), confirmLabel: t('inv.action.send') },
    );
  }

  private async answerQuote(answer: 'accepted' | 'refused'): Promise<void> {
    await this.act(answer, async (d) => {
      this.doc = await call(api.invoicing.documents[':id'].answer.$post({ param: { id: String(d.id) }, json: { answer } }));
      this.notice = { key: answer === 'accepted' ? 'inv.answer.accepted' : 'inv.answer.refused' };
    });
  }

  private async convertQuote(): Promise<void> {
    await this.act('convert', async (d) => {
      const invoice = await call(api.invoicing.documents[':id'].convert.$post({ param: { id: String(d.id) } }));
      setFlash(`/invoicing/${invoice.id}`, { notice: { key: 'inv.convert.done', params: { number: d.number ?? '' } } });
      navigate(`/invoicing/${invoice.id}`);
    });
  }

  private renderFines(d: SalesDocument) {
    const { t } = this.i18n;
    if (d.kind !== 'invoice' || !d.number) return nothing;
    const f = this.fines;
    let body: unknown;
    if (this.finesError) body = html`<p class="alert" role="alert">${textOf(this.finesError)}</p>`;
    else if (!f)
      body = html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('inv.fines.loading')}</p>`;
    else if (f.fines.length === 0) body = html`<p class="empty" data-testid="late-fines-none">${t('inv.fines.none')}</p>`;
    else {
      body = html`<div class="table-wrap">
        <table data-testid="late-fines-table">
          <caption>${t('inv.fines.asOf', { date: formatDay(f.asOf) })}</caption>
          <thead>
            <tr>
              <th scope="col" class="amount">${t('inv.fines.amount')}</th>
              <th scope="col">${t('inv.fines.dueDate')}</th>
              <th scope="col">${t('inv.fines.paidOn')}</th>
              <th scope="col" class="amount">${t('inv.fines.months')}</th>
              <th scope="col" class="amount">${t('inv.fines.rate')}</th>
              <th scope="col" class="amount">${t('inv.fines.fine')}</th>
            </tr>
          </thead>
          <tbody>
            ${f.fines.map(
              (l) => html`<tr data-testid="late-fine">
                <td class="amount">${money(l.amount)}</td>
                <td>${formatDay(l.dueDate)}</td>
                <td>${formatDay(l.paidOn)}</td>
                <td class="amount"><span class="num">${l.months}</span></td>
                <td class="amount">${formatPercent(l.rate)}</td>
                <td class="amount">${money(l.fine)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="5">${t('inv.fines.total')}</th>
              <td class="amount" data-testid="late-fines-total">${money(f.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>`;
    }
    return html`<section class="card" aria-labelledby="fines-title" data-testid="late-fines">
      <h2 id="fines-title">${t('inv.fines.title')}</h2>
      ${body}
    </section>`;
  }

  private renderReturnDialog(d: SalesDocument) {
    const { t } = this.i18n;
    if (d.status !== 'submitted') return nothing;
    const busy = this.busy === 'return';
    return html`<dialog id="return-dialog" aria-labelledby="return-title" data-testid="return-dialog" @close=${() => {
      this.returnOpen = false;
    }}>
      <h2 id="return-title">${t('inv.return.title')}</h2>
      ${
        this.returnOpen
          ? html`<p>${t('inv.return.intro')}</p>
            <form novalidate data-testid="return-form" aria-busy=${busy ? 'true' : 'false'} @submit=${this.submitReturn}>
              ${textareaField({
                id: 'return-reason',
                name: 'reason',
                label: t('inv.return.reason'),
                required: true,
                maxlength: 1000,
                rows: 3,
                error: this.returnError ?? undefined,
                testid: 'return-reason',
              })}
              <div class="actions">
                <button type="submit" data-testid="return-submit" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}>
                  ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(busy ? 'inv.action.returning' : 'inv.return.submit')}
                </button>
                <button type="button" class="secondary" ?disabled=${busy} @click=${this.closeReturn}>${t('form.cancel')}</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  private async openReturn(): Promise<void> {
    this.returnOpen = true;
    this.returnError = null;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#return-dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('#return-reason')?.focus();
  }

  private closeReturn(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#return-dialog')?.close();
    this.returnOpen = false;
  }

  private async submitReturn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) {
      this.returnError = { key: 'inv.error.reason' };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#return-reason')?.focus();
      return;
    }
    await this.act('return', async (d) => {
      try {
        this.doc = await call(api.invoicing.documents[':id'].return.$post({ param: { id: String(d.id) }, json: { reason } }));
      } catch (error) {
        this.returnError =
          error instanceof ApiProblem && error.errors.length > 0
            ? { key: 'inv.error.reason', detail: error.errors[0]?.message ?? '' }
            : null;
        throw error;
      }
      this.closeReturn();
      this.notice = { key: 'inv.return.done' };
      await this.focusTitle();
    });
  }

  private async creditNote(): Promise<void> {
    const { t } = this.i18n;
    await this.act(
      'creditNote',
      async (d) => {
        const note = await call(api.invoicing.documents[':id']['credit-note'].$post({ param: { id: String(d.id) }, json: {} }));
        setFlash(`/invoicing/${note.id}/edit`, { notice: { key: 'inv.creditNote.done' } });
        navigate(`/invoicing/${note.id}/edit`);
      },
      { title: t('inv.creditNote.title'), body: t('inv.creditNote.body'), confirmLabel: t('inv.action.creditNote') },
    );
  }

  /**
   * One action on the document: asks first when told what to ask, shows it busy, and puts a refusal on screen.
   * Every button of the page goes through here, so none can run twice at once.
   */
  private async act(
    busy: Exclude<Busy, null>,
    work: (d: SalesDocument) => Promise<void>,
    ask?: Parameters<ConfirmDialog['ask']>[0],
  ): Promise<void> {
    const d = this.doc;
    if (!d || this.busy) return;
    if (ask && !(await this.confirm?.ask(ask))) return;
    this.busy = busy;
    this.error = null;
    try {
      await work(d);
    } catch (error) {
      this.error = this.refusal(error);
    } finally {
      this.busy = null;
    }
  }

  private async focusTitle(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-testid="document-title"]')?.focus();
  }

  private refusal(error: unknown): Text {
    if (error instanceof ApiProblem && [400, 409, 422].includes(error.status)) {
      return { key: 'inv.error.refused', params: { detail: error.detail ?? error.title } };
    }
    return problemText(error);
  }
}

customElements.define('gie-document-page', DocumentPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-document-page': DocumentPage;
  }
}
