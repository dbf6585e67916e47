// The bank reconciliation screens: the statements imported (/invoicing/bank), the import of a statement with the
// shared CSV import and its dry run (/invoicing/bank/import), and one statement (/invoicing/bank/:id) whose lines
// are matched in one click with a suggested payment or payout, or become the payment of open invoices; its totals
// say what is matched and what is left, and which payments booked on the bank no statement shows yet.
import { css, html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import '../app/csv-import.ts';
import type { ImportColumnHelp } from '../app/csv-import.ts';
import '../app/pager.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import type { PageChangeEvent } from '../app/pager.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatNumber, intlTag, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { fromCents, parseAmountInput, toCents } from '../ledger/money.ts';
import '../ledger/ledger-ui.ts';
import type { ConfirmDialog } from '../ledger/ledger-ui.ts';
import { invoicingStyles, money } from './invoicing-ui.ts';

const day = (value: string) => formatDay(value, { dateStyle: 'medium' });
/** A name put into a translated sentence keeps its own direction (Latin names in an Arabic sentence). */
const isolate = (text: string) => `\u2068${text}\u2069`;

// The statements --------------------------------------------------------------------------------------------------

type StatementPage = Awaited<ReturnType<typeof loadStatements>>;
const loadStatements = (page: number, pageSize: number) =>
  call(api.invoicing['bank-statements'].$get({ query: { page: String(page), pageSize: String(pageSize) } }));

export class BankPage extends LitElement {
  static override properties = {
    result: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, invoicingStyles];

  declare result: StatementPage | null;
  declare loading: boolean;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.result = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(1, 50);
  }

  private async load(page: number, pageSize: number): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.result = await loadStatements(page, pageSize);
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const { t } = this.i18n;
    const r = this.result;
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/invoicing">${t('nav.invoicing')}</a></li>
          <li><span aria-current="page">${t('nav.invoicingBank')}</span></li>
        </ol>
      </nav>
      <div class="page-head">
        <div>
          <h1 tabindex="-1">${t('nav.invoicingBank')}</h1>
          <p class="lead">${t('bank.lead')}</p>
        </div>
        <div class="actions">
          <a class="button" href="/invoicing/bank/import" data-testid="bank-import">${t('bank.import')}</a>
          <a class="button secondary" href="/invoicing/payments" data-testid="bank-to-payments">${t('nav.invoicingPayments')}</a>
        </div>
      </div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="table-state" role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('bank.loading')}</p>` : nothing}
      </div>
      ${
        !r
          ? nothing
          : r.items.length === 0
            ? html`<p class="empty" data-testid="bank-empty">${t('bank.empty')}</p>`
            : html`<div class="table-wrap">
                  <table data-testid="bank-statements">
                    <caption class="visually-hidden">${t('bank.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">${t('bank.col.name')}</th>
                        <th scope="col">${t('bank.col.journal')}</th>
                        <th scope="col">${t('bank.col.period')}</th>
                        <th scope="col" class="amount">${t('bank.col.lines')}</th>
                        <th scope="col" class="amount">${t('bank.col.matched')}</th>
                        <th scope="col" class="amount">${t('bank.col.total')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${r.items.map(
                        (s) => html`<tr data-testid="bank-statement-row">
                          <th scope="row"><a href="/invoicing/bank/${s.id}" data-testid="bank-statement-link"><bdi>${s.name}</bdi></a></th>
                          <td class="ltr">${s.journal}</td>
                          <td class="nowrap">${t('bank.period', { from: day(s.periodStart), to: day(s.periodEnd) })}</td>
                          <td class="amount">${formatNumber(s.lines)}</td>
                          <td class="amount">${formatNumber(s.matchedLines)}</td>
                          <td class="amount">${money(s.total)}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                <gie-pager
                  .page=${r.page}
                  .pageSize=${r.pageSize}
                  .total=${r.total}
                  .busy=${this.loading}
                  label=${t('bank.pager')}
                  @page-change=${(e: PageChangeEvent) => void this.load(e.page, e.pageSize)}
                ></gie-pager>`
      }`;
  }
}

// The import ------------------------------------------------------------------------------------------------------

export const BANK_TEMPLATE_HEADERS = ['Date de valeur', 'Libellé', 'Référence', 'Débit', 'Crédit'] as const;

export const BANK_IMPORT_COLUMNS: readonly ImportColumnHelp[] = [
  { fr: 'Date de valeur (ou Date)', en: 'Value date (or Date)', required: true },
  { fr: 'Libellé', en: 'Label', required: true },
  { fr: 'Référence', en: 'Reference' },
  { fr: 'Montant (+ crédit, − débit)', en: 'Amount (+ credit, − debit)' },
  { fr: 'Débit (montant sorti)', en: 'Debit (money out)' },
  { fr: 'Crédit (montant reçu)', en: 'Credit (money in)' },
];

export class BankImportPage extends LitElement {
  static override styles = sharedStyles;

  private readonly i18n = new LocaleController(this);

  override render() {
    const { t } = this.i18n;
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/invoicing">${t('nav.invoicing')}</a></li>
          <li><a href="/invoicing/bank">${t('nav.invoicingBank')}</a></li>
          <li><span aria-current="page">${t('nav.invoicingBankImport')}</span></li>
        </ol>
      </nav>
      <h1 tabindex="-1">${t('nav.invoicingBankImport')}</h1>
      <p class="lead">${t('bank.importLead')}</p>
      <gie-csv-import
        endpoint="/api/invoicing/bank-statements/import"
        .templateHeaders=${BANK_TEMPLATE_HEADERS}
        templateFile="modele-releve-bancaire.csv"
        .columns=${BANK_IMPORT_COLUMNS}
        .createdKey=${'bank.imported'}
        listHref="/invoicing/bank"
        .listLabelKey=${'bank.backToList'}
      ></gie-csv-import>`;
  }
}

// One statement ---------------------------------------------------------------------------------------------------

type Statement = Awaited<ReturnType<typeof loadStatement>>;
type Line = Statement['lines'][number];
type Suggestion = Line['suggestions'][number];
type OpenInvoice = Awaited<ReturnType<typeof loadOpenInvoices>>[number];

const loadStatement = (id: number) => call(api.invoicing['bank-statements'][':id'].$get({ param: { id: String(id) } }));
const loadOpenInvoices = async (search: string) =>
  (await call(api.invoicing['open-invoices'].$get({ query: search.trim() ? { search: search.trim() } : {} }))).items;

/** The decimal separator of the current language, for an amount put in an input. */
const inputAmount = (value: string): string =>
  value.replace('.', new Intl.NumberFormat(intlTag()).formatToParts(0.5).find((p) => p.type === 'decimal')?.value ?? '.');

type Busy = { lineId: number; action: string } | null;

export class BankStatementPage extends LitElement {
  static override properties = {
    statementId: { type: Number },
    statement: { state: true },
    phase: { state: true },
    busy: { state: true },
    error: { state: true },
    notice: { state: true },
    payLine: { state: true },
    openInvoices: { state: true },
    searching: { state: true },
    allocations: { state: true },
    payError: { state: true },
  };

  static override styles = [
    sharedStyles,
    invoicingStyles,
    css`
      .suggestions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
      }
      .suggestions button {
        font-size: 0.9rem;
        padding-block: 0.25rem;
        min-block-size: 2rem;
      }
      .why {
        color: var(--gie-muted);
        font-size: 0.85rem;
      }
      .reference {
        display: block;
        color: var(--gie-muted);
        font-size: 0.85rem;
      }
      tr.matched td {
        background: var(--gie-success-soft);
      }
      dialog {
        inline-size: min(46rem, 95vw);
        max-inline-size: 95vw;
      }
      dialog .num,
      bdi.num,
      td.nowrap,
      .nowrap {
        white-space: nowrap;
      }
      dialog input[type='text'] {
        inline-size: 8rem;
      }
    `,
  ];

  /** The statement shown (the route's id). */
  declare statementId: number;
  declare statement: Statement | null;
  declare phase: 'loading' | 'ready' | 'failed';
  declare busy: Busy;
  declare error: Text | null;
  declare notice: Text | null;
  /** The credit line whose payment the dialog records. */
  declare payLine: Line | null;
  declare openInvoices: OpenInvoice[];
  declare searching: boolean;
  /** Invoice id → amount typed, for the invoices ticked in the dialog. */
  declare allocations: Map<number, string>;
  declare payError: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.statementId = 0;
    this.statement = null;
    this.phase = 'loading';
    this.busy = null;
    this.error = null;
    this.notice = null;
    this.payLine = null;
    this.openInvoices = [];
    this.searching = false;
    this.allocations = new Map();
    this.payError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get confirmDialog(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  private async load(): Promise<void> {
    if (!this.statement) this.phase = 'loading';
    try {
      this.statement = await loadStatement(this.statementId);
      this.phase = 'ready';
    } catch (error) {
      this.error = problemText(error);
      this.phase = 'failed';
    }
  }

  /** Runs one action of a line with its button busy, then reads the statement again (matches and totals). */
  private async act(line: Line, action: string, work: () => Promise<Text>): Promise<void> {
    if (this.busy) return;
    this.busy = { lineId: line.id, action };
    this.error = null;
    this.notice = null;
    try {
      this.notice = await work();
      await this.load();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private match(line: Line, s: Suggestion): Promise<void> {
    return this.act(line, `match-${s.kind}-${s.id}`, async () => {
      const json = s.kind === 'payout' ? { payoutId: s.id } : { paymentId: s.id };
      await call(api.invoicing['bank-lines'][':id'].match.$post({ param: { id: String(line.id) }, json }));
      return { key: 'bank.matchedDone', params: { line: line.lineNo } };
    });
  }

  private async unmatch(line: Line): Promise<void> {
    const { t } = this.i18n;
    const yes = await this.confirmDialog?.ask({
      title: t('bank.unmatch'),
      body: t('bank.unmatchConfirm', { line: line.lineNo }),
      confirmLabel: t('bank.unmatch'),
      danger: true,
    });
    if (!yes) return;
    await this.act(line, 'unmatch', async () => {
      await call(api.invoicing['bank-lines'][':id'].unmatch.$post({ param: { id: String(line.id) } }));
      return { key: 'bank.unmatchedDone', params: { line: line.lineNo } };
    });
  }

  private recordPayment(line: Line, customerId: number, allocations: Array<{ documentId: number; amount: string }>) {
    return call(
      api.invoicing['bank-lines'][':id'].payment.$post({ param: { id: String(line.id) }, json: { customerId, allocations } }),
    );
  }

  /** One click: the open invoice that owes exactly the line's amount is paid by it. */
  private payInvoice(line: Line, s: Suggestion): Promise<void> {
    return this.act(line, `pay-${s.id}`, async () => {
      await this.recordPayment(line, s.partyId, [{ documentId: s.id, amount: line.amount }]);
      return { key: 'bank.paidDone', params: { amount: money(line.amount), line: line.lineNo } };
    });
  }

  override render() {
    const { t } = this.i18n;
    const s = this.statement;
    return html`<gie-confirm-dialog></gie-confirm-dialog>
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/invoicing">${t('nav.invoicing')}</a></li>
          <li><a href="/invoicing/bank">${t('nav.invoicingBank')}</a></li>
          <li><span aria-current="page">${s ? html`<bdi>${s.name}</bdi>` : t('nav.invoicingBankStatement')}</span></li>
        </ol>
      </nav>
      <div class="page-head">
        <div>
          <h1 tabindex="-1" data-testid="statement-title">${s ? html`<bdi>${s.name}</bdi>` : t('nav.invoicingBankStatement')}</h1>
          ${
            s
              ? html`<p class="lead">
                <span class="ltr">${s.journal}</span> · ${t('bank.period', { from: day(s.periodStart), to: day(s.periodEnd) })}
              </p>`
              : nothing
          }
        </div>
      </div>
      <div role="alert" data-testid="statement-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div role="status" data-testid="statement-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      ${
        this.phase === 'loading'
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('bank.loading')}</p>`
          : this.phase === 'failed' || !s
            ? html`<button type="button" @click=${this.load}>${t('app.retry')}</button>`
            : html`${this.renderSummary(s)} ${this.renderLines(s)} ${this.renderUnseen(s)}`
      }
      ${this.renderPayDialog()}`;
  }

  private renderSummary(s: Statement) {
    const { t } = this.i18n;
    const m = s.summary;
    return html`<section class="card" aria-labelledby="summary-title" data-testid="statement-summary">
      <h2 id="summary-title">${t('bank.summary')}</h2>
      <dl class="totals">
        <dt>${t('bank.sum.credits')}</dt>
        <dd data-testid="sum-credits">${money(m.credits)}</dd>
        <dt>${t('bank.sum.debits')}</dt>
        <dd data-testid="sum-debits">${money(m.debits)}</dd>
        <dt>${t('bank.sum.total')}</dt>
        <dd data-testid="sum-total">${money(m.total)}</dd>
        <dt>${t('bank.sum.matched', { count: formatNumber(m.matchedLines) })}</dt>
        <dd data-testid="sum-matched">${money(m.matchedTotal)}</dd>
        <dt class="grand">${t('bank.sum.unmatched', { count: formatNumber(m.unmatchedLines) })}</dt>
        <dd class="grand" data-testid="sum-unmatched">${money(m.unmatchedTotal)}</dd>
      </dl>
      ${
        m.balanced === null
          ? nothing
          : html`<p class=${m.balanced ? 'notice' : 'alert'} data-testid="sum-balanced">
            ${t(m.balanced ? 'bank.sum.balanced' : 'bank.sum.unbalanced')}
          </p>`
      }
    </section>`;
  }

  private renderLines(s: Statement) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="lines-title">
      <h2 id="lines-title">${t('bank.lines')}</h2>
      <div class="table-wrap" aria-busy=${this.busy ? 'true' : 'false'}>
        <table data-testid="statement-lines">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">${t('bank.col.date')}</th>
              <th scope="col">${t('bank.col.label')}</th>
              <th scope="col" class="amount">${t('bank.col.amount')}</th>
              <th scope="col">${t('bank.col.match')}</th>
            </tr>
          </thead>
          <tbody>
            ${s.lines.map(
              (line) => html`<tr
                data-testid="bank-line"
                data-line=${line.lineNo}
                data-matched=${line.match ? 'true' : 'false'}
                class=${line.match ? 'matched' : ''}
              >
                <td>${line.lineNo}</td>
                <td class="nowrap">${day(line.valueDate)}</td>
                <td>
                  <bdi>${line.label}</bdi>${line.reference ? html`<span class="reference ltr">${line.reference}</span>` : nothing}
                </td>
                <td class="amount">${money(line.amount)}</td>
                <td>${line.match ? this.renderMatch(line) : this.renderChoices(line)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private spinnerFor(line: Line, action: string) {
    return this.busy?.lineId === line.id && this.busy.action === action
      ? html`<span class="spinner" aria-hidden="true"></span>`
      : nothing;
  }

  private renderMatch(line: Line) {
    const { t } = this.i18n;
    const m = line.match;
    if (!m) return nothing;
    return html`<div class="suggestions">
      <span data-testid="line-match"
        >${t('bank.matchedWith', { kind: t(`bank.kind.${m.kind}` as MessageKey), id: m.id, party: isolate(m.partyName) })}
        ${m.numbers.length > 0 ? html`(<bdi dir="ltr" class="num">${m.numbers.join(', ')}</bdi>)` : nothing}</span
      >
      <button
        type="button"
        class="secondary"
        data-testid="line-unmatch"
        ?disabled=${this.busy !== null}
        aria-busy=${this.busy?.lineId === line.id ? 'true' : 'false'}
        @click=${() => this.unmatch(line)}
      >
        ${this.spinnerFor(line, 'unmatch')}${t('bank.unmatch')}
      </button>
    </div>`;
  }

  private reasons(s: Suggestion): string {
    const { t } = this.i18n;
    return [...s.reasons.map((r) => t(`bank.reason.${r}` as MessageKey)), t('bank.days', { count: s.days })].join(' · ');
  }

  private renderChoices(line: Line) {
    const { t } = this.i18n;
    const credit = (toCents(line.amount) ?? 0n) > 0n;
    const none = line.suggestions.length === 0 && line.invoices.length === 0;
    return html`<div class="suggestions">
      ${line.suggestions.map(
        (s) => html`<button
          type="button"
          data-testid="line-suggestion"
          data-kind=${s.kind}
          data-id=${s.id}
          ?disabled=${this.busy !== null}
          @click=${() => this.match(line, s)}
        >
          ${this.spinnerFor(line, `match-${s.kind}-${s.id}`)}${t('bank.match')} :
          ${t('bank.matchedWith', { kind: t(`bank.kind.${s.kind}` as MessageKey), id: s.id, party: isolate(s.partyName) })}
          <span class="why">${this.reasons(s)}</span>
        </button>`,
      )}
      ${line.invoices.map(
        (s) => html`<button
          type="button"
          class="secondary"
          data-testid="line-pay-invoice"
          data-id=${s.id}
          ?disabled=${this.busy !== null}
          @click=${() => this.payInvoice(line, s)}
        >
          ${this.spinnerFor(line, `pay-${s.id}`)}${t('bank.payInvoice', { number: s.numbers[0] ?? '' })} —
          <bdi>${s.partyName}</bdi>
          <span class="why">${this.reasons(s)}</span>
        </button>`,
      )}
      ${
        credit
          ? html`<button
            type="button"
            class="secondary"
            data-testid="line-record-payment"
            ?disabled=${this.busy !== null}
            @click=${() => this.openPay(line)}
          >
            ${t('bank.recordPayment')}
          </button>`
          : nothing
      }
      ${none && !credit ? html`<span class="empty">${t('bank.noSuggestion')}</span>` : nothing}
    </div>`;
  }

  private renderUnseen(s: Statement) {
    const { t } = this.i18n;
    const m = s.summary;
    return html`<section class="card" aria-labelledby="unseen-title" data-testid="statement-unseen">
      <h2 id="unseen-title">${t('bank.unseen')}</h2>
      ${
        m.unseen.length === 0
          ? html`<p class="empty">${t('bank.unseenNone')}</p>`
          : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t('payreg.col.date')}</th>
                  <th scope="col">${t('bank.col.match')}</th>
                  <th scope="col">${t('payreg.col.reference')}</th>
                  <th scope="col" class="amount">${t('bank.col.amount')}</th>
                </tr>
              </thead>
              <tbody>
                ${m.unseen.map(
                  (u) => html`<tr data-testid="unseen-row">
                    <td class="nowrap">${day(u.date)}</td>
                    <td>${t('bank.matchedWith', { kind: t(`bank.kind.${u.kind}` as MessageKey), id: u.id, party: isolate(u.partyName) })}</td>
                    <td><bdi>${u.reference ?? '—'}</bdi></td>
                    <td class="amount">${money(u.amount)}</td>
                  </tr>`,
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colspan="3">${t('bank.unseenTotal')}</th>
                  <td class="amount">${money(m.unseenTotal)}</td>
                </tr>
              </tfoot>
            </table>
          </div>`
      }
    </section>`;
  }

  // the payment dialog --------------------------------------------------------------------------------------------

  private async openPay(line: Line): Promise<void> {
    this.payLine = line;
    this.allocations = new Map();
    this.payError = null;
    this.openInvoices = [];
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#bank-pay-dialog');
    if (dialog && !dialog.open) dialog.showModal();
    await this.search('');
  }

  private closePay(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#bank-pay-dialog')?.close();
  }

  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  private async search(text: string): Promise<void> {
    this.searching = true;
    try {
      this.openInvoices = await loadOpenInvoices(text);
    } catch (error) {
      this.payError = problemText(error);
    } finally {
      this.searching = false;
    }
  }

  private allocated(): bigint {
    let sum = 0n;
    for (const value of this.allocations.values()) {
      const parsed = parseAmountInput(value);
      if (parsed.kind === 'ok') sum += parsed.cents;
    }
    return sum;
  }

  private toggle(invoice: OpenInvoice, on: boolean): void {
    const next = new Map(this.allocations);
    if (on) {
      const left = (toCents(this.payLine?.amount ?? '0') ?? 0n) - this.allocated();
      const due = toCents(invoice.due) ?? 0n;
      next.set(invoice.id, inputAmount(fromCents(left > 0n && left < due ? left : due)));
    } else {
      next.delete(invoice.id);
    }
    this.allocations = next;
  }

  private async submitPay(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const line = this.payLine;
    if (!line || this.busy) return;
    const chosen = this.openInvoices.filter((i) => this.allocations.has(i.id));
    if (chosen.length === 0) {
      this.payError = { key: 'bank.pay.choose' };
      return;
    }
    const allocations: Array<{ documentId: number; amount: string }> = [];
    for (const invoice of chosen) {
      const parsed = parseAmountInput(this.allocations.get(invoice.id) ?? '');
      if (parsed.kind !== 'ok') {
        this.payError = { key: 'bank.pay.badAmount', params: { number: invoice.number } };
        return;
      }
      allocations.push({ documentId: invoice.id, amount: parsed.value });
    }
    this.busy = { lineId: line.id, action: 'pay-dialog' };
    this.payError = null;
    this.notice = null;
    try {
      await this.recordPayment(line, chosen[0]?.customerId ?? 0, allocations);
      this.notice = { key: 'bank.paidDone', params: { amount: money(line.amount), line: line.lineNo } };
      this.closePay();
      await this.load();
    } catch (error) {
      this.payError = problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private renderPayDialog() {
    const { t } = this.i18n;
    const line = this.payLine;
    const busy = this.busy?.action === 'pay-dialog';
    return html`<dialog
      id="bank-pay-dialog"
      aria-labelledby="bank-pay-title"
      data-testid="bank-pay-dialog"
      @close=${() => {
        this.payLine = null;
      }}
    >
      ${
        line
          ? html`<h2 id="bank-pay-title">${t('bank.pay.title', { line: line.lineNo })}</h2>
            <p>${t('bank.pay.intro', { date: day(line.valueDate), amount: money(line.amount) })}</p>
            <form novalidate data-testid="bank-pay-form" aria-busy=${busy ? 'true' : 'false'} @submit=${this.submitPay}>
              <div class="field">
                <label for="bank-pay-search">${t('bank.pay.search')}</label>
                <input
                  id="bank-pay-search"
                  type="search"
                  dir="auto"
                  maxlength="100"
                  data-testid="bank-pay-search"
                  @input=${(e: Event) => {
                    const text = (e.target as HTMLInputElement).value;
                    clearTimeout(this.searchTimer);
                    this.searchTimer = setTimeout(() => void this.search(text), 250);
                  }}
                />
              </div>
              <div role="status">
                ${this.searching ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('bank.pay.loading')}</p>` : nothing}
              </div>
              ${
                this.openInvoices.length === 0 && !this.searching
                  ? html`<p class="empty">${t('bank.pay.none')}</p>`
                  : html`<div class="table-wrap">
                    <table data-testid="bank-pay-invoices">
                      <thead>
                        <tr>
                          <th scope="col">${t('bank.pay.col.invoice')}</th>
                          <th scope="col">${t('bank.pay.col.customer')}</th>
                          <th scope="col" class="amount">${t('bank.pay.col.due')}</th>
                          <th scope="col">${t('bank.pay.col.amount')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${this.openInvoices.map((i) => {
                          const on = this.allocations.has(i.id);
                          return html`<tr data-testid="bank-pay-invoice" data-number=${i.number}>
                            <th scope="row">
                              <label class="nowrap">
                                <input
                                  type="checkbox"
                                  data-testid="bank-pay-check"
                                  .checked=${on}
                                  @change=${(e: Event) => this.toggle(i, (e.target as HTMLInputElement).checked)}
                                />
                                <span class="ltr num">${i.number}</span>
                              </label>
                            </th>
                            <td><bdi>${i.customerName}</bdi></td>
                            <td class="amount">${money(i.due)}</td>
                            <td>
                              ${
                                on
                                  ? html`<input
                                    type="text"
                                    inputmode="decimal"
                                    dir="ltr"
                                    aria-label=${`${t('bank.pay.col.amount')} ${i.number}`}
                                    data-testid="bank-pay-amount"
                                    .value=${this.allocations.get(i.id) ?? ''}
                                    @input=${(e: Event) => {
                                      this.allocations = new Map(this.allocations).set(
                                        i.id,
                                        (e.target as HTMLInputElement).value,
                                      );
                                    }}
                                  />`
                                  : nothing
                              }
                            </td>
                          </tr>`;
                        })}
                      </tbody>
                    </table>
                  </div>`
              }
              <p data-testid="bank-pay-allocated">
                ${t('bank.pay.allocated', { allocated: money(fromCents(this.allocated())), amount: money(line.amount) })}
              </p>
              <div role="alert">${this.payError ? html`<p class="alert">${textOf(this.payError)}</p>` : nothing}</div>
              <div class="actions">
                <button type="submit" data-testid="bank-pay-submit" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}>
                  ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(busy ? 'bank.pay.saving' : 'bank.pay.submit')}
                </button>
                <button type="button" class="secondary" ?disabled=${busy} @click=${this.closePay}>${t('form.cancel')}</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }
}

customElements.define('gie-bank-page', BankPage);
customElements.define('gie-bank-import-page', BankImportPage);
customElements.define('gie-bank-statement-page', BankStatementPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-bank-page': BankPage;
    'gie-bank-import-page': BankImportPage;
    'gie-bank-statement-page': BankStatementPage;
  }
}
