// "Position du membre" on a member's page: what the GIE invoiced for the member, collected, kept as contribution,
// the member's share collected, paid out, still owed and available for payout (the API's figures, never summed
// here), the statement of the current year as PDF and CSV, the history of the payouts made to the member (from its
// statement since the first day), and for the manager and the admin a payout dialog (one Idempotency-Key per
// opening, so a double click pays once; the API refuses an amount beyond what is available).
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { type FieldErrors, inputField, problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, intlTag, LocaleController } from '../i18n/localize.ts';
import { invoicingStyles, money } from '../invoicing/invoicing-ui.ts';
import { newIdempotencyKey } from '../ledger/ledger-ui.ts';
import { parseAmountInput } from '../ledger/money.ts';

interface Position {
  invoicedHt: string;
  invoicedTtc: string;
  collected: string;
  contribution: string;
  collectedShare: string;
  pooledCosts: string;
  paidOut: string;
  owedToMember: string;
  availableForPayout: string;
}

type PayoutField = 'paidOn' | 'amount' | 'reference';

/** A payout as the member's statement lists it. */
interface PayoutLine {
  date: string;
  kind: string;
  reference: string;
  paidOut: string;
}

/** The statement over every payout: from before the GIE existed to today. */
const SINCE_EVER = '2000-01-01';

const FIGURES: ReadonlyArray<
  [
    keyof Position,
    (
      | 'inv.position.invoicedHt'
      | 'inv.position.invoicedTtc'
      | 'inv.position.collected'
      | 'inv.position.contribution'
      | 'inv.position.collectedShare'
      | 'inv.position.pooledCosts'
      | 'inv.position.paidOut'
      | 'inv.position.owed'
      | 'inv.position.available'
    ),
  ]
> = [
  ['invoicedHt', 'inv.position.invoicedHt'],
  ['invoicedTtc', 'inv.position.invoicedTtc'],
  ['collected', 'inv.position.collected'],
  ['contribution', 'inv.position.contribution'],
  ['collectedShare', 'inv.position.collectedShare'],
  ['pooledCosts', 'inv.position.pooledCosts'],
  ['paidOut', 'inv.position.paidOut'],
  ['owedToMember', 'inv.position.owed'],
  ['availableForPayout', 'inv.position.available'],
];

/** The decimal separator of the current language, for an amount put in an input. */
const inputAmount = (value: string): string =>
  value.replace('.', new Intl.NumberFormat(intlTag()).formatToParts(0.5).find((p) => p.type === 'decimal')?.value ?? '.');

export class MemberPositionSection extends LitElement {
  static override properties = {
    memberId: { type: Number },
    user: { attribute: false },
    position: { state: true },
    phase: { state: true },
    error: { state: true },
    notice: { state: true },
    payOpen: { state: true },
    busy: { state: true },
    payErrors: { state: true },
    payError: { state: true },
    payouts: { state: true },
    payoutsTotal: { state: true },
  };

  static override styles = [
    sharedStyles,
    invoicingStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem 1rem;
      }
      .figures {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
        gap: 0.75rem 1.5rem;
        margin: 0 0 1rem;
      }
      .figures div {
        margin: 0;
      }
      .figures dt {
        color: var(--gie-muted);
      }
      .figures dd {
        margin: 0;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  declare memberId: number;
  declare user: User | null;
  declare position: Position | null;
  declare phase: 'loading' | 'ready' | 'failed';
  declare error: Text | null;
  declare notice: Text | null;
  declare payOpen: boolean;
  declare busy: boolean;
  declare payErrors: FieldErrors<PayoutField>;
  declare payError: Text | null;
  /** The payouts made to the member, oldest first (null while loading). */
  declare payouts: PayoutLine[] | null;
  declare payoutsTotal: string;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;
  private payKey = newIdempotencyKey();

  constructor() {
    super();
    this.memberId = 0;
    this.user = null;
    this.position = null;
    this.phase = 'loading';
    this.error = null;
    this.notice = null;
    this.payOpen = false;
    this.busy = false;
    this.payErrors = {};
    this.payError = null;
    this.payouts = null;
    this.payoutsTotal = '0.00';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('memberId') && this.memberId > 0) void this.load();
  }

  private get mayPayOut(): boolean {
    return this.user?.role === 'manager' || this.user?.role === 'admin';
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    if (!this.position) this.phase = 'loading';
    this.error = null;
    try {
      const position = await call(api.invoicing.members[':id'].position.$get({ param: { id: String(this.memberId) } }));
      if (id !== this.loadId) return;
      this.position = position;
      this.phase = 'ready';
      void this.loadPayouts(id);
    } catch (error) {
      if (id !== this.loadId) return;
      this.error = problemText(error);
      this.phase = 'failed';
    }
  }

  private async loadPayouts(id: number): Promise<void> {
    try {
      const statement = (await call(
        api.invoicing.members[':id'].statement.$get({
          param: { id: String(this.memberId) },
          query: { from: SINCE_EVER, to: todayIso(), format: 'json' },
        }),
      )) as unknown as { lines: PayoutLine[]; totals: { paidOut: string } };
      if (id !== this.loadId) return;
      this.payouts = statement.lines.filter((l) => l.kind === 'payout');
      this.payoutsTotal = statement.totals.paidOut;
    } catch {
      if (id === this.loadId) this.payouts = [];
    }
  }

  private renderPayouts() {
    const { t } = this.i18n;
    const list = this.payouts;
    return html`<section aria-labelledby="member-payouts-title" data-testid="member-payouts">
      <h3 id="member-payouts-title">${t('inv.payouts.title')}</h3>
      ${
        list === null
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('inv.payouts.loading')}</p>`
          : list.length === 0
            ? html`<p class="empty" data-testid="member-payouts-empty">${t('inv.payouts.none')}</p>`
            : html`<div class="table-wrap">
                <table data-testid="member-payouts-table">
                  <caption class="visually-hidden">${t('inv.payouts.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('inv.payouts.date')}</th>
                      <th scope="col">${t('inv.payouts.reference')}</th>
                      <th scope="col" class="amount">${t('inv.payouts.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.map(
                      (p) => html`<tr data-testid="member-payout">
                        <td class="nowrap">${formatDay(p.date, { dateStyle: 'medium' })}</td>
                        <td><bdi>${p.reference}</bdi></td>
                        <td class="amount" data-testid="member-payout-amount">${money(p.paidOut)}</td>
                      </tr>`,
                    )}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colspan="2">${t('inv.payouts.total')}</th>
                      <td class="amount" data-testid="member-payouts-total">${money(this.payoutsTotal)}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>`
      }
    </section>`;
  }

  override render() {
    const { t } = this.i18n;
    const year = todayIso().slice(0, 4);
    const range = { from: `${year}-01-01`, to: `${year}-12-31` };
    const base = `/api/invoicing/members/${this.memberId}/statement`;
    const p = this.position;
    return html`<section class="card" aria-labelledby="member-position-title" data-testid="member-position">
      <div class="head">
        <h2 id="member-position-title">${t('inv.position.title')}</h2>
        <div class="actions">
          <a href="${base}?${new URLSearchParams({ ...range, format: 'pdf' })}" target="_blank" rel="noopener" data-testid="member-position-pdf"
            >${t('inv.position.pdf')}<span class="visually-hidden"> ${t('inv.newTab')}</span></a
          >
          <a href="${base}?${new URLSearchParams({ ...range, format: 'csv' })}" download data-testid="member-position-csv"
            >${t('inv.position.csv')}</a
          >
          ${
            this.mayPayOut && p
              ? html`<button type="button" data-testid="payout-open" @click=${this.openPay}>${t('inv.payout.open')}</button>`
              : nothing
          }
        </div>
      </div>
      <div role="status" data-testid="member-position-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      ${
        this.phase === 'loading'
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('inv.position.loading')}</p>`
          : this.phase === 'failed' || !p
            ? html`<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
                <button type="button" class="secondary" @click=${this.load}>${t('app.retry')}</button>`
            : html`<dl class="figures">
                ${FIGURES.map(
                  ([field, label]) => html`<div>
                    <dt>${t(label)}</dt>
                    <dd data-testid="position-${field}">${money(p[field])}</dd>
                  </div>`,
                )}
              </dl>
              ${this.renderPayouts()}`
      }
      ${this.renderDialog()}
    </section>`;
  }

  private renderDialog() {
    const { t } = this.i18n;
    const p = this.position;
    if (!this.mayPayOut || !p) return nothing;
    const busy = this.busy;
    return html`<dialog id="payout-dialog" aria-labelledby="payout-title" data-testid="payout-dialog" @close=${() => {
      this.payOpen = false;
    }}>
      <h2 id="payout-title">${t('inv.payout.open')}</h2>
      ${
        this.payOpen
          ? html`<p>${t('inv.payout.intro', { amount: money(p.availableForPayout) })}</p>
            <div role="alert">${this.payError ? html`<p class="alert">${textOf(this.payError)}</p>` : nothing}</div>
            <form novalidate data-testid="payout-form" aria-busy=${busy ? 'true' : 'false'} @submit=${this.submitPay}>
              ${inputField({
                id: 'payout-paidOn',
                name: 'paidOn',
                label: t('inv.payout.paidOn'),
                type: 'date',
                required: true,
                max: todayIso(),
                value: todayIso(),
                error: this.payErrors.paidOn,
                testid: 'payout-paidOn',
              })}
              ${inputField({
                id: 'payout-amount',
                name: 'amount',
                label: t('inv.payout.amount'),
                inputmode: 'decimal',
                dir: 'ltr',
                required: true,
                value: inputAmount(p.availableForPayout),
                hint: t('inv.payout.amountHint', { amount: money(p.availableForPayout) }),
                error: this.payErrors.amount,
                testid: 'payout-amount',
              })}
              ${inputField({
                id: 'payout-reference',
                name: 'reference',
                label: t('inv.payout.reference'),
                maxlength: 100,
                dir: 'auto',
                error: this.payErrors.reference,
                testid: 'payout-reference',
              })}
              <div class="actions">
                <button type="submit" data-testid="payout-submit" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}>
                  ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(busy ? 'inv.payout.saving' : 'inv.payout.submit')}
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
    this.payErrors = {};
    this.payError = null;
    // one key per opening of the dialog: a double click or a retry of this payout pays once
    this.payKey = newIdempotencyKey();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#payout-dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('#payout-amount')?.focus();
  }

  private closePay(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#payout-dialog')?.close();
    this.payOpen = false;
    this.renderRoot.querySelector<HTMLElement>('[data-testid="payout-open"]')?.focus();
  }

  private async submitPay(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const paidOn = String(data.get('paidOn') ?? '').trim();
    const amount = parseAmountInput(String(data.get('amount') ?? ''));
    const reference = String(data.get('reference') ?? '').trim() || null;
    const errors: FieldErrors<PayoutField> = {};
    if (!paidOn) errors.paidOn = { key: 'inv.error.required' };
    if (amount.kind !== 'ok' || amount.cents === 0n) errors.amount = { key: 'inv.error.amount' };
    if (Object.keys(errors).length > 0 || amount.kind !== 'ok') {
      this.payErrors = errors;
      this.payError = { key: 'form.summary', params: { count: Object.keys(errors).length } };
      await this.focusError();
      return;
    }
    this.busy = true;
    this.payErrors = {};
    this.payError = null;
    try {
      const result = await call(
        api.invoicing.payouts.$post({
          header: { 'idempotency-key': this.payKey },
          json: { memberId: this.memberId, paidOn, amount: amount.value, reference },
        }),
      );
      this.notice = { key: 'inv.payout.done', params: { amount: money(result.amount) } };
      this.closePay();
      void this.load();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const found: FieldErrors<PayoutField> = {};
        for (const e of error.errors) {
          const head = e.path.split('.')[0];
          if (head === 'amount') found.amount ??= { key: 'inv.payout.error.amount', detail: e.message };
          else if (head === 'paidOn' || head === 'reference') found[head] ??= { key: 'form.refused', detail: e.message };
        }
        this.payErrors = found;
        this.payError = { key: 'inv.error.refused', params: { detail: error.detail ?? error.title } };
        // the refused key paid nothing: a new try is a new payout
        this.payKey = newIdempotencyKey();
        await this.focusError();
      } else {
        this.payError = problemText(error);
      }
    } finally {
      this.busy = false;
    }
  }

  private async focusError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#payout-dialog [aria-invalid="true"]')?.focus();
  }
}

customElements.define('gie-member-position', MemberPositionSection);

declare global {
  interface HTMLElementTagNameMap {
    'gie-member-position': MemberPositionSection;
  }
}
