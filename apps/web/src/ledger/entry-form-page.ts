// The entry form: a new entry (/ledger/entries/new) or a draft being changed (/ledger/entries/:id/edit).
// Journal, date, label, source reference, then the lines (account with suggestions, label, member and service,
// debit, credit). The balance bar adds the lines in cents (BigInt, never floats): "Enregistrer" posts only a
// balanced entry of two lines or more; a draft can be saved at any time. A new entry carries an Idempotency-Key
// made once per form, so a double click or a retry never posts twice. The API's refusals land on their inputs
// (`lines.2.debit` on the third line's debit).
import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Entry, FiscalYear, Journal, Member, Posting, PostingLine, User } from '../api/types.ts';
import { setFlash } from '../app/flash.ts';
import { type FieldErrors, focusFirstInvalid, problemText, refusalSummary, type Text, textOf, todayIso } from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatAmount, intlTag, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { type AccountChangeEvent, comboboxStyles } from './account-combobox.ts';
import './account-combobox.ts';
import { code, ledgerStyles, loadFiscalYears, loadJournals, newIdempotencyKey, optionText, periodName } from './ledger-ui.ts';
import { fromCents, parseAmountInput } from './money.ts';

type HeadField = 'journal' | 'date' | 'label' | 'sourceRef';
const HEAD_FIELDS: readonly HeadField[] = ['journal', 'date', 'label', 'sourceRef'];
type LineField = 'account' | 'label' | 'memberId' | 'service' | 'debit' | 'credit';
const LINE_FIELDS: readonly LineField[] = ['account', 'label', 'memberId', 'service', 'debit', 'credit'];

const HEAD_MESSAGES: Record<HeadField, MessageKey> = {
  journal: 'ledger.error.journal',
  date: 'ledger.error.date',
  label: 'ledger.error.label',
  sourceRef: 'form.refused',
};
const LINE_MESSAGES: Record<LineField, MessageKey> = {
  account: 'ledger.error.account',
  label: 'form.refused',
  memberId: 'form.refused',
  service: 'ledger.error.service',
  debit: 'ledger.error.amount',
  credit: 'ledger.error.amount',
};

interface LineDraft {
  /** Stable across additions and removals, for ids and Lit's keyed list. */
  key: number;
  account: string;
  accountLabel: string | null;
  label: string;
  memberId: string;
  service: string;
  debit: string;
  credit: string;
}

type LineErrors = Partial<Record<LineField, Text>>;

let nextKey = 1;
const blankLine = (): LineDraft => ({
  key: nextKey++,
  account: '',
  accountLabel: null,
  label: '',
  memberId: '',
  service: '',
  debit: '',
  credit: '',
});

const isBlank = (line: LineDraft): boolean =>
  !line.account.trim() &&
  !line.label.trim() &&
  !line.memberId &&
  !line.service.trim() &&
  !line.debit.trim() &&
  !line.credit.trim();

/** The decimal separator of the current language, to show an API amount ("250.00") as people type it. */
function inputAmount(value: string): string {
  if (!value || /^0+(\.0+)?$/.test(value)) return '';
  const separator = new Intl.NumberFormat(intlTag()).formatToParts(0.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return value.replace('.', separator);
}

export class EntryFormPage extends LitElement {
  static override properties = {
    entryId: { type: Number },
    user: { attribute: false },
    entry: { state: true },
    phase: { state: true },
    journals: { state: true },
    members: { state: true },
    years: { state: true },
    head: { state: true },
    lines: { state: true },
    headErrors: { state: true },
    lineErrors: { state: true },
    linesError: { state: true },
    formError: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    ledgerStyles,
    comboboxStyles,
    css`
      form {
        gap: 1.25rem;
      }
      form > .card {
        margin-block-end: 0;
      }
      .head {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 1rem 1.25rem;
      }
      .head .wide {
        grid-column: span 2;
      }
      @media (max-width: 40rem) {
        .head .wide {
          grid-column: auto;
        }
      }
      .lines-wrap {
        container-type: inline-size;
      }
      .line {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        grid-template-areas:
          'no no'
          'account account'
          'debit credit'
          'label label'
          'member service'
          'remove remove';
        gap: 0.35rem 0.6rem;
        align-items: start;
        padding-block: 0.6rem;
        border-block-end: 1px solid var(--gie-border);
      }
      @container (min-width: 40rem) {
        .line {
          grid-template-columns: 1.75rem minmax(0, 1.5fr) minmax(0, 1.2fr) minmax(0, 0.8fr) minmax(7rem, 9rem) minmax(7rem, 9rem) 2.25rem;
          grid-template-areas:
            'no account account account debit credit remove'
            '. label member service . . .';
        }
      }
      .line-no {
        grid-area: no;
        padding-block-start: 1.55rem;
        color: var(--gie-muted);
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .account-cell {
        grid-area: account;
      }
      .label-cell {
        grid-area: label;
      }
      .member-cell {
        grid-area: member;
      }
      .service-cell {
        grid-area: service;
      }
      .debit-cell {
        grid-area: debit;
      }
      .credit-cell {
        grid-area: credit;
      }
      .line .remove {
        grid-area: remove;
        justify-self: end;
        margin-block-start: 1.35rem;
        min-block-size: 2.25rem;
        padding-inline: 0.6rem;
      }
      .line .field {
        gap: 0.15rem;
      }
      .line label {
        font-weight: 400;
        font-size: 0.85rem;
        color: var(--gie-muted);
      }
      .line .account-cell label {
        font-weight: 600;
        color: var(--gie-text);
      }
      .line input,
      .line select {
        min-block-size: 2.25rem;
        padding-block: 0.25rem;
        padding-inline: 0.45rem;
      }
      .line input.amount-input {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      /* the amount reads left to right (dir=ltr) but lines up with the amount columns of an Arabic table */
      :host(:dir(rtl)) .line input.amount-input {
        text-align: left;
      }
      @container (max-width: 40rem) {
        .line-no {
          padding-block-start: 0;
        }
        .line .remove {
          margin-block-start: 0;
        }
      }
      .add-line {
        margin-block-start: 0.75rem;
      }
      .balance-bar {
        position: sticky;
        inset-block-end: 0;
        z-index: 5;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
        align-items: center;
        padding-block: 0.75rem;
        padding-inline: 1rem;
        border-radius: var(--gie-radius);
        border: 1px solid var(--gie-danger);
        background: var(--gie-danger-soft);
        color: var(--gie-text);
      }
      .balance-bar.balanced {
        border-color: var(--gie-success);
        background: var(--gie-success-soft);
      }
      .balance-bar.empty {
        border-color: var(--gie-border);
        background: #f8fafb;
      }
      .balance-bar dl {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.75rem;
        margin: 0;
      }
      .balance-bar dt {
        font-size: 0.8rem;
        color: var(--gie-muted);
      }
      .balance-bar dd {
        margin: 0;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .balance-bar.unbalanced .difference dd {
        color: var(--gie-danger);
      }
      .balance-bar.balanced .difference dd {
        color: var(--gie-success);
      }
      .balance-state {
        font-weight: 600;
      }
      .submit-bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
      }
    `,
  ];

  /** 0 for a new entry; a draft's id to change it. */
  declare entryId: number;
  declare user: User | null;
  declare entry: Entry | null;
  declare phase: 'loading' | 'ready' | 'not-found' | 'posted' | 'failed';
  declare journals: Journal[];
  declare members: Member[];
  declare years: FiscalYear[];
  declare head: Record<HeadField, string>;
  declare lines: LineDraft[];
  declare headErrors: FieldErrors<HeadField>;
  /** By line key. */
  declare lineErrors: Record<number, LineErrors>;
  declare linesError: Text | null;
  declare formError: Text | null;
  declare busy: 'post' | 'draft' | null;

  private readonly i18n = new LocaleController(this);
  /** One key per form: every retry of this form's POST carries it. */
  private idempotencyKey = newIdempotencyKey();
  private loadId = 0;

  constructor() {
    super();
    this.entryId = 0;
    this.user = null;
    this.entry = null;
    this.phase = 'loading';
    this.journals = [];
    this.members = [];
    this.years = [];
    this.head = { journal: '', date: todayIso(), label: '', sourceRef: '' };
    this.lines = [blankLine(), blankLine()];
    this.headErrors = {};
    this.lineErrors = {};
    this.linesError = null;
    this.formError = null;
    this.busy = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('entryId')) void this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    this.phase = 'loading';
    this.formError = null;
    this.idempotencyKey = newIdempotencyKey();
    try {
      const [journals, members, entry] = await Promise.all([
        loadJournals(),
        call(api.members.$get({ query: { pageSize: '200', sort: 'code' } })).then((page) => page.items),
        this.entryId > 0 ? call(api.ledger.entries[':id'].$get({ param: { id: String(this.entryId) } })) : null,
      ]);
      if (id !== this.loadId) return;
      this.journals = journals.filter((j) => j.active || j.code === entry?.journal);
      this.members = members;
      this.entry = entry;
      if (entry) {
        this.head = { journal: entry.journal, date: entry.date, label: entry.label, sourceRef: entry.sourceRef ?? '' };
        this.lines = entry.lines.map((l) => ({
          key: nextKey++,
          account: l.account,
          accountLabel: l.accountLabel,
          label: l.label ?? '',
          memberId: l.memberId === null ? '' : String(l.memberId),
          service: l.service ?? '',
          debit: inputAmount(l.debit),
          credit: inputAmount(l.credit),
        }));
        if (this.lines.length < 2) this.lines = [...this.lines, blankLine()];
        this.phase = entry.status === 'draft' ? 'ready' : 'posted';
      } else {
        const preferred = this.journals.find((j) => j.code === 'OD') ?? this.journals[0];
        this.head = { journal: preferred?.code ?? '', date: todayIso(), label: '', sourceRef: '' };
        this.lines = [blankLine(), blankLine()];
        this.phase = 'ready';
      }
    } catch (error) {
      if (id !== this.loadId) return;
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.formError = problemText(error);
        this.phase = 'failed';
      }
      return;
    }
    try {
      // only to warn about a date in a locked or closed period: the form works without it
      this.years = await loadFiscalYears();
    } catch {
      this.years = [];
    }
  }

  /** Totals in cents of the lines as typed; amounts that cannot be read are counted apart. */
  private get totals() {
    let debit = 0n;
    let credit = 0n;
    let unreadable = 0;
    let filled = 0;
    for (const line of this.lines) {
      if (isBlank(line)) continue;
      filled++;
      for (const side of ['debit', 'credit'] as const) {
        const read = parseAmountInput(line[side]);
        if (read.kind === 'ok') {
          if (side === 'debit') debit += read.cents;
          else credit += read.cents;
        } else if (read.kind === 'invalid') {
          unreadable++;
        }
      }
    }
    const difference = debit - credit;
    const balanced = difference === 0n && debit > 0n && unreadable === 0;
    return { debit, credit, difference, unreadable, filled, balanced, postable: balanced && filled >= 2 };
  }

  override render() {
    const { t } = this.i18n;
    const editing = this.entryId > 0;
    const crumbs = html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
      <ol>
        <li><a href="/ledger">${t('nav.ledger')}</a></li>
        <li><a href="/ledger/entries">${t('ledger.tab.entries')}</a></li>
        ${
          editing && this.entry
            ? html`<li><a href="/ledger/entries/${this.entry.id}">${code(this.entry.reference)}</a></li>`
            : nothing
        }
        <li><span aria-current="page">${t(editing ? 'nav.ledgerEntryEdit' : 'nav.ledgerEntryNew')}</span></li>
      </ol>
    </nav>`;
    const tabs = html`<gie-ledger-tabs current=${editing ? 'ledgerEntryEdit' : 'ledgerEntryNew'} .userRole=${this.user?.role}></gie-ledger-tabs>`;
    if (this.phase === 'loading') {
      return html`${tabs}${crumbs}
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('ledger.form.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`${tabs}${crumbs}
        <section data-testid="entry-not-found">
          <h1>${t('ledger.entry.notFound')}</h1>
          <p><a href="/ledger/entries">${t('ledger.entries.back')}</a></p>
        </section>`;
    }
    if (this.phase === 'failed') {
      return html`${tabs}${crumbs}
        <div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    if (this.phase === 'posted' && this.entry) {
      return html`${tabs}${crumbs}
        <h1>${t('nav.ledgerEntryEdit')}</h1>
        <p class="alert" data-testid="entry-not-editable">${t('ledger.form.notDraft', { reference: this.entry.reference })}</p>
        <p><a href="/ledger/entries/${this.entry.id}">${t('ledger.form.backToEntry')}</a></p>`;
    }
    return html`${tabs}${crumbs}
      <h1>${editing && this.entry ? t('ledger.form.editTitle', { reference: this.entry.reference }) : t('ledger.form.newTitle')}</h1>
      <p class="lead">${t('ledger.form.intro')}</p>
      <div role="alert" data-testid="entry-form-alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
      <form
        novalidate
        data-testid="entry-form"
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          void this.save('post');
        }}
        @keydown=${this.preventImplicitSubmit}
      >
        <p class="hint">${t('form.requiredLegend')}</p>
        ${this.renderHead()} ${this.renderLines()} ${this.renderBalance()} ${this.renderSubmit()}
      </form>`;
  }

  private renderHead() {
    const { t } = this.i18n;
    const errors = this.headErrors;
    const period = this.periodOf(this.head.date);
    const periodWarning =
      period && period.state !== 'open'
        ? t(`ledger.form.periodWarning.${period.state}`, { period: periodName(period.startsOn) })
        : '';
    const noPeriod = this.years.length > 0 && this.head.date && !period ? t('ledger.form.noPeriod') : '';
    const dateHint = periodWarning || noPeriod;
    return html`<fieldset class="card">
      <legend>${t('ledger.form.head')}</legend>
      <div class="head">
        <div class="field">
          <label for="entry-journal">${t('ledger.field.journal')}<span class="required" aria-hidden="true"> *</span></label>
          <select
            id="entry-journal"
            data-testid="entry-journal"
            required
            aria-invalid=${errors.journal ? 'true' : 'false'}
            aria-describedby=${errors.journal ? 'entry-journal-error' : nothing}
            @change=${(e: Event) => this.setHead('journal', (e.target as HTMLSelectElement).value)}
          >
            ${this.journals.map(
              (j) =>
                html`<option value=${j.code} ?selected=${j.code === this.head.journal}>${optionText(j.code, j.label)}</option>`,
            )}
          </select>
          ${errors.journal ? html`<p class="field-error" id="entry-journal-error">${textOf(errors.journal)}</p>` : nothing}
        </div>
        <div class="field">
          <label for="entry-date">${t('ledger.field.date')}<span class="required" aria-hidden="true"> *</span></label>
          <input
            id="entry-date"
            type="date"
            data-testid="entry-date"
            required
            aria-invalid=${errors.date ? 'true' : 'false'}
            aria-describedby=${[errors.date ? 'entry-date-error' : '', dateHint ? 'entry-date-hint' : ''].filter(Boolean).join(' ') || nothing}
            .value=${this.head.date}
            @input=${(e: Event) => this.setHead('date', (e.target as HTMLInputElement).value)}
          />
          ${dateHint ? html`<p class="hint warning" id="entry-date-hint" data-testid="entry-date-warning">${dateHint}</p>` : nothing}
          ${errors.date ? html`<p class="field-error" id="entry-date-error">${textOf(errors.date)}</p>` : nothing}
        </div>
        <div class="field wide">
          <label for="entry-label">${t('ledger.field.label')}<span class="required" aria-hidden="true"> *</span></label>
          <input
            id="entry-label"
            type="text"
            dir="auto"
            maxlength="300"
            required
            data-testid="entry-label"
            aria-invalid=${errors.label ? 'true' : 'false'}
            aria-describedby=${errors.label ? 'entry-label-error' : nothing}
            .value=${this.head.label}
            @input=${(e: Event) => this.setHead('label', (e.target as HTMLInputElement).value)}
          />
          ${errors.label ? html`<p class="field-error" id="entry-label-error">${textOf(errors.label)}</p>` : nothing}
        </div>
        <div class="field">
          <label for="entry-sourceRef">${t('ledger.field.sourceRef')}</label>
          <input
            id="entry-sourceRef"
            type="text"
            dir="ltr"
            maxlength="100"
            data-testid="entry-source-ref"
            aria-invalid=${errors.sourceRef ? 'true' : 'false'}
            aria-describedby=${errors.sourceRef ? 'entry-sourceRef-error entry-sourceRef-hint' : 'entry-sourceRef-hint'}
            .value=${this.head.sourceRef}
            @input=${(e: Event) => this.setHead('sourceRef', (e.target as HTMLInputElement).value)}
          />
          <p class="hint" id="entry-sourceRef-hint">${t('ledger.field.sourceRefHint')}</p>
          ${errors.sourceRef ? html`<p class="field-error" id="entry-sourceRef-error">${textOf(errors.sourceRef)}</p>` : nothing}
        </div>
      </div>
    </fieldset>`;
  }

  private renderLines() {
    const { t } = this.i18n;
    return html`<fieldset class="card" aria-describedby="balance-status${this.linesError ? ' lines-error' : ''}">
      <legend id="lines-title">${t('ledger.form.lines')}</legend>
      <div class="lines-wrap">
        ${repeat(
          this.lines,
          (line) => line.key,
          (line, index) => this.renderLine(line, index),
        )}
      </div>
      <button type="button" class="secondary small add-line" data-testid="line-add" @click=${this.addLine}>
        <span aria-hidden="true">+</span> ${t('ledger.form.addLine')}
      </button>
    </fieldset>`;
  }

  private renderLine(line: LineDraft, index: number) {
    const { t } = this.i18n;
    const errors = this.lineErrors[line.key] ?? {};
    const n = index + 1;
    const id = (field: LineField) => `line-${line.key}-${field}`;
    const testid = (field: LineField) => `line-${index}-${field}`;
    const described = (field: LineField) => (errors[field] ? `${id(field)}-error` : nothing);
    const error = (field: LineField) =>
      errors[field] ? html`<p class="field-error" id="${id(field)}-error">${textOf(errors[field])}</p>` : nothing;
    const amountInput = (side: 'debit' | 'credit') => html`<div class="field ${side}-cell">
      <label for=${id(side)}>${t(`ledger.col.${side}`)}<span class="visually-hidden"> (${t('ledger.form.lineN', { n })})</span></label>
      <input
        id=${id(side)}
        class="amount-input"
        type="text"
        inputmode="decimal"
        dir="ltr"
        autocomplete="off"
        data-testid=${testid(side)}
        aria-invalid=${errors[side] ? 'true' : 'false'}
        aria-describedby=${described(side)}
        .value=${line[side]}
        @input=${(e: Event) => this.setLine(line.key, side, (e.target as HTMLInputElement).value)}
        @blur=${() => this.tidyAmount(line.key, side)}
      />
      ${error(side)}
    </div>`;
    return html`<div class="line" role="group" aria-label=${t('ledger.form.lineN', { n })} data-line=${index}>
      <span class="line-no" aria-hidden="true">${n}</span>
      <div class="account-cell">
        <gie-account-combobox
          .inputId=${id('account')}
          .label=${t('ledger.col.account')}
          .labelSuffix=${` (${t('ledger.form.lineN', { n })})`}
          .value=${line.account}
          .accountLabel=${line.accountLabel}
          .error=${errors.account}
          .testid=${testid('account')}
          @account-change=${(e: AccountChangeEvent) => this.setAccount(line.key, e.code, e.label)}
        ></gie-account-combobox>
      </div>
      <div class="field label-cell">
        <label for=${id('label')}>${t('ledger.col.lineLabel')}<span class="visually-hidden"> (${t('ledger.form.lineN', { n })})</span></label>
        <input
          id=${id('label')}
          type="text"
          dir="auto"
          maxlength="300"
          data-testid=${testid('label')}
          placeholder=${this.head.label}
          aria-invalid=${errors.label ? 'true' : 'false'}
          aria-describedby=${described('label')}
          .value=${line.label}
          @input=${(e: Event) => this.setLine(line.key, 'label', (e.target as HTMLInputElement).value)}
        />
        ${error('label')}
      </div>
      <div class="field member-cell">
        <label for=${id('memberId')}>${t('ledger.col.member')}<span class="visually-hidden"> (${t('ledger.form.lineN', { n })})</span></label>
        <select
          id=${id('memberId')}
          data-testid=${testid('memberId')}
          aria-invalid=${errors.memberId ? 'true' : 'false'}
          aria-describedby=${described('memberId')}
          @change=${(e: Event) => this.setLine(line.key, 'memberId', (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${line.memberId === ''}>${t('ledger.form.noMember')}</option>
          ${this.members.map(
            (m) =>
              html`<option value=${String(m.id)} ?selected=${String(m.id) === line.memberId}>${optionText(m.code, m.legalName)}</option>`,
          )}
        </select>
        ${error('memberId')}
      </div>
      <div class="field service-cell">
        <label for=${id('service')}>${t('ledger.col.service')}<span class="visually-hidden"> (${t('ledger.form.lineN', { n })})</span></label>
        <input
          id=${id('service')}
          type="text"
          dir="ltr"
          maxlength="40"
          autocomplete="off"
          data-testid=${testid('service')}
          aria-invalid=${errors.service ? 'true' : 'false'}
          aria-describedby=${described('service')}
          .value=${line.service}
          @input=${(e: Event) => this.setLine(line.key, 'service', (e.target as HTMLInputElement).value)}
        />
        ${error('service')}
      </div>
      ${amountInput('debit')} ${amountInput('credit')}
      <button
        type="button"
        class="danger small remove"
        data-testid="line-${index}-remove"
        aria-label=${t('ledger.form.removeLine', { n })}
        title=${t('ledger.form.removeLine', { n })}
        ?disabled=${this.lines.length <= 1}
        @click=${() => this.removeLine(line.key)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>`;
  }

  private renderBalance() {
    const { t } = this.i18n;
    const totals = this.totals;
    const empty = totals.debit === 0n && totals.credit === 0n && totals.unreadable === 0;
    const absDifference = totals.difference < 0n ? -totals.difference : totals.difference;
    const state = empty
      ? t('ledger.balance.empty')
      : totals.unreadable > 0
        ? t('ledger.balance.unreadable', { count: totals.unreadable })
        : totals.balanced
          ? totals.filled >= 2
            ? t('ledger.balance.balanced')
            : t('ledger.balance.twoLines')
          : t(totals.difference > 0n ? 'ledger.balance.moreDebit' : 'ledger.balance.moreCredit');
    return html`<div
      class="balance-bar ${empty ? 'empty' : totals.balanced ? 'balanced' : 'unbalanced'}"
      data-testid="balance-bar"
      data-balanced=${totals.balanced ? 'true' : 'false'}
    >
      <dl>
        <div>
          <dt>${t('ledger.balance.debit')}</dt>
          <dd data-testid="balance-debit">${formatAmount(fromCents(totals.debit))}</dd>
        </div>
        <div>
          <dt>${t('ledger.balance.credit')}</dt>
          <dd data-testid="balance-credit">${formatAmount(fromCents(totals.credit))}</dd>
        </div>
        <div class="difference">
          <dt>${t('ledger.balance.difference')}</dt>
          <dd data-testid="balance-difference">${formatAmount(fromCents(absDifference))}</dd>
        </div>
      </dl>
      <p class="balance-state" id="balance-status" role="status" data-testid="balance-status">
        <span aria-hidden="true">${totals.balanced ? '✓' : empty ? '' : '≠'}</span> ${state}
      </p>
      ${
        this.linesError
          ? html`<p class="field-error" id="lines-error" tabindex="-1" data-testid="lines-error">${textOf(this.linesError)}</p>`
          : nothing
      }
    </div>`;
  }

  private renderSubmit() {
    const { t } = this.i18n;
    const { postable } = this.totals;
    const busy = this.busy;
    const back = this.entry ? `/ledger/entries/${this.entry.id}` : '/ledger/entries';
    return html`<div class="submit-bar">
        <button
          type="submit"
          data-testid="entry-post"
          aria-describedby="post-hint"
          aria-busy=${busy === 'post' ? 'true' : 'false'}
          ?disabled=${!postable || busy !== null}
        >
          ${busy === 'post' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
          ${t(busy === 'post' ? 'ledger.form.posting' : 'ledger.form.post')}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="entry-save-draft"
          aria-busy=${busy === 'draft' ? 'true' : 'false'}
          ?disabled=${busy !== null}
          @click=${() => this.save('draft')}
        >
          ${busy === 'draft' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
          ${t(busy === 'draft' ? 'form.saving' : 'ledger.form.saveDraft')}
        </button>
        <a class="button secondary" href=${back}>${t('form.cancel')}</a>
      </div>
      <p class="hint" id="post-hint">${t(postable ? 'ledger.form.postHint' : 'ledger.form.postDisabledHint')}</p>`;
  }

  private periodOf(date: string) {
    for (const year of this.years) {
      const period = year.periods.find((p) => p.startsOn <= date && date <= p.endsOn);
      if (period) return period;
    }
    return undefined;
  }

  /** Enter in an input does not post the entry: posting is a deliberate click (or Enter on the button). */
  private preventImplicitSubmit(event: KeyboardEvent): void {
    const target = event.composedPath()[0];
    if (event.key === 'Enter' && target instanceof HTMLInputElement) event.preventDefault();
  }

  private setHead(field: HeadField, value: string): void {
    this.head = { ...this.head, [field]: value };
    if (this.headErrors[field]) {
      const { [field]: _cleared, ...rest } = this.headErrors;
      this.headErrors = rest;
    }
  }

  private setLine(key: number, field: Exclude<LineField, 'account'>, value: string): void {
    this.lines = this.lines.map((line) => (line.key === key ? { ...line, [field]: value } : line));
    this.clearLineError(key, field);
    if (field === 'debit' || field === 'credit') this.linesError = null;
  }

  private setAccount(key: number, account: string, label: string | null): void {
    this.lines = this.lines.map((line) => (line.key === key ? { ...line, account, accountLabel: label } : line));
    this.clearLineError(key, 'account');
  }

  private clearLineError(key: number, field: LineField): void {
    const errors = this.lineErrors[key];
    if (!errors?.[field]) return;
    const { [field]: _cleared, ...rest } = errors;
    this.lineErrors = { ...this.lineErrors, [key]: rest };
  }

  /** After leaving an amount, it is written back the way the language writes it ("250" → "250,00"). */
  private tidyAmount(key: number, side: 'debit' | 'credit'): void {
    const line = this.lines.find((l) => l.key === key);
    if (!line) return;
    const read = parseAmountInput(line[side]);
    if (read.kind === 'ok') this.setLine(key, side, inputAmount(read.value) || (read.cents === 0n ? line[side] : ''));
  }

  private async addLine(): Promise<void> {
    const line = blankLine();
    this.lines = [...this.lines, line];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#line-${line.key}-account`)?.focus();
  }

  private async removeLine(key: number): Promise<void> {
    const index = this.lines.findIndex((l) => l.key === key);
    this.lines = this.lines.filter((l) => l.key !== key);
    const { [key]: _removed, ...rest } = this.lineErrors;
    this.lineErrors = rest;
    await this.updateComplete;
    const next = this.lines[Math.min(index, this.lines.length - 1)];
    const target = next ? `#line-${next.key}-account` : '[data-testid="line-add"]';
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  /** The posting to send, and for each of its lines the form line it came from (to place the API's errors). */
  private buildPosting(): {
    posting: Posting;
    rows: number[];
    headErrors: FieldErrors<HeadField>;
    lineErrors: Record<number, LineErrors>;
  } {
    const headErrors: FieldErrors<HeadField> = {};
    const lineErrors: Record<number, LineErrors> = {};
    const head = this.head;
    if (!head.journal) headErrors.journal = { key: 'form.required' };
    if (!head.date) headErrors.date = { key: 'form.required' };
    if (!head.label.trim()) headErrors.label = { key: 'form.required' };
    const lines: PostingLine[] = [];
    const rows: number[] = [];
    for (const line of this.lines) {
      if (isBlank(line)) continue;
      const errors: LineErrors = {};
      const account = line.account.trim();
      if (!account) errors.account = { key: 'form.required' };
      const posted: PostingLine = { account: /^\d/.test(account) ? account.toUpperCase() : account };
      for (const side of ['debit', 'credit'] as const) {
        const read = parseAmountInput(line[side]);
        if (read.kind === 'invalid') errors[side] = { key: 'ledger.error.amount' };
        else if (read.kind === 'ok' && read.cents > 0n) posted[side] = read.value;
      }
      if (line.label.trim()) posted.label = line.label.trim();
      if (line.memberId) posted.memberId = Number(line.memberId);
      if (line.service.trim()) posted.service = line.service.trim().toUpperCase();
      if (Object.keys(errors).length > 0) lineErrors[line.key] = errors;
      lines.push(posted);
      rows.push(line.key);
    }
    const posting: Posting = {
      journal: head.journal,
      date: head.date,
      label: head.label.trim(),
      sourceRef: head.sourceRef.trim() || null,
      lines,
    };
    return { posting, rows, headErrors, lineErrors };
  }

  private async save(mode: 'post' | 'draft'): Promise<void> {
    if (this.busy) return;
    if (mode === 'post' && !this.totals.postable) return;
    const { posting, rows, headErrors, lineErrors } = this.buildPosting();
    const count = Object.keys(headErrors).length + Object.values(lineErrors).reduce((n, e) => n + Object.keys(e).length, 0);
    if (count > 0 || posting.lines.length === 0) {
      const linesError: Text | null = posting.lines.length === 0 ? { key: 'ledger.error.noLines' } : null;
      return this.refuse(headErrors, lineErrors, linesError, []);
    }
    this.busy = mode;
    this.headErrors = {};
    this.lineErrors = {};
    this.linesError = null;
    this.formError = null;
    try {
      let entry: Entry;
      if (this.entry) {
        entry = await call(api.ledger.entries[':id'].$put({ param: { id: String(this.entry.id) }, json: posting }));
        this.entry = entry;
      } else {
        entry = await call(
          api.ledger.entries.$post({
            header: { 'idempotency-key': this.idempotencyKey },
            json: { ...posting, draft: mode === 'draft' },
          }),
        );
        // a draft may be saved under this key: from now on the form changes that draft, never creates another
        if (entry.status === 'draft') this.entry = entry;
      }
      if (mode === 'post' && entry.status === 'draft') {
        entry = await call(api.ledger.entries[':id'].post.$post({ param: { id: String(entry.id) } }));
      }
      setFlash(`/ledger/entries/${entry.id}`, {
        notice:
          entry.status === 'posted'
            ? { key: 'ledger.entry.postedNotice', params: { reference: entry.reference } }
            : { key: 'ledger.entry.draftNotice', params: { reference: entry.reference } },
      });
      navigate(`/ledger/entries/${entry.id}`);
    } catch (error) {
      await this.apiRefused(error, rows);
    } finally {
      this.busy = null;
    }
  }

  private async apiRefused(error: unknown, rows: readonly number[]): Promise<void> {
    if (!(error instanceof ApiProblem) || error.status === 0 || error.status === 403) {
      this.formError = problemText(error);
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
        if (key === undefined) {
          other.push({ raw: `${problem.path}: ${problem.message}` });
          continue;
        }
        // `lines.2` alone: the line has both sides or none; said on its debit
        const at: LineField = field && (LINE_FIELDS as readonly string[]).includes(field) ? (field as LineField) : 'debit';
        const errors = lineErrors[key] ?? {};
        lineErrors[key] = errors;
        errors[at] ??= { key: field ? LINE_MESSAGES[at] : 'ledger.error.oneSide', detail: problem.message };
      } else if (first === 'lines') {
        linesError ??= { key: 'ledger.error.lines', detail: problem.message };
      } else if (first && (HEAD_FIELDS as readonly string[]).includes(first)) {
        const at = first as HeadField;
        headErrors[at] ??= { key: HEAD_MESSAGES[at], detail: problem.message };
      } else {
        other.push({ raw: `${problem.path}: ${problem.message}` });
      }
    }
    if (error.errors.length === 0 || error.status === 409) {
      // a refusal of the books themselves (a locked period, a posted entry): the server's words, on the date when
      // it is about the period (the API names the date; older answers only said so in the text)
      const dateError = error.errors.find((e) => e.path === 'date');
      const detail = dateError?.message ?? error.detail ?? error.title;
      if (dateError || /period/i.test(detail)) headErrors.date = { key: 'ledger.error.period', detail };
      this.formError = { key: 'ledger.error.refused', params: { detail } };
      this.headErrors = headErrors;
      await focusFirstInvalid(this);
      return;
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

customElements.define('gie-entry-form-page', EntryFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-entry-form-page': EntryFormPage;
  }
}
