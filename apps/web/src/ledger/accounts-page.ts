// The chart of accounts (CGNC): search, class filter, balances; sub-accounts added under a parent, renamed,
// deactivated and reactivated (never deleted). Below, the posting scheme (which account plays which role for the
// other capabilities), which the accountant may repoint, and the journals with "add a bank journal".
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Account, Journal, PostingAccount, User } from '../api/types.ts';
import {
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstInvalid,
  inputField,
  problemText,
  refusalSummary,
  type Text,
  textOf,
} from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatNumber, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { type AccountChangeEvent, comboboxStyles, forgetAccountSuggestions } from './account-combobox.ts';
import './account-combobox.ts';
import { balance, type ConfirmDialog, code, ledgerStyles, loadJournals, refusal } from './ledger-ui.ts';

const CLASSES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
type AccountClass = (typeof CLASSES)[number];
type NewAccountField = 'parentCode' | 'code' | 'label';
type JournalField = 'code' | 'label' | 'accountCode';

/** Known roles of the posting scheme, described in each language; an unknown one keeps the API's description. */
const ROLE_DESCRIPTIONS: Record<string, MessageKey> = {
  'members.current_account': 'ledger.role.members.current_account',
  'pooling.cost_transfer': 'ledger.role.pooling.cost_transfer',
  'purchases.payable': 'ledger.role.purchases.payable',
  'purchases.vat': 'ledger.role.purchases.vat',
  'sales.goods': 'ledger.role.sales.goods',
  'sales.member_share': 'ledger.role.sales.member_share',
  'sales.receivable': 'ledger.role.sales.receivable',
  'sales.services': 'ledger.role.sales.services',
  'sales.vat': 'ledger.role.sales.vat',
  'treasury.bank': 'ledger.role.treasury.bank',
  'treasury.cash': 'ledger.role.treasury.cash',
  'year_end.loss_transfer': 'ledger.role.year_end.loss_transfer',
  'year_end.profit_transfer': 'ledger.role.year_end.profit_transfer',
  'year_end.result': 'ledger.role.year_end.result',
  'year_end.retained_earnings': 'ledger.role.year_end.retained_earnings',
};

/** How deep an account sits in the chart: 6131 under 613 under 61; a member's 4464-M01 under 4464. */
const depthOf = (accountCode: string): number => {
  const digits = accountCode.split('-')[0] ?? accountCode;
  return Math.min(accountCode.includes('-') ? digits.length + 1 : digits.length, 6) - 1;
};

export class AccountsPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    accounts: { state: true },
    search: { state: true },
    accountClass: { state: true },
    includeInactive: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
    parent: { state: true },
    newCode: { state: true },
    newErrors: { state: true },
    newError: { state: true },
    renaming: { state: true },
    renameError: { state: true },
    renameFieldError: { state: true },
    scheme: { state: true },
    schemeDraft: { state: true },
    schemeErrors: { state: true },
    journals: { state: true },
    bankAccount: { state: true },
    journalErrors: { state: true },
    journalError: { state: true },
  };

  static override styles = [
    sharedStyles,
    ledgerStyles,
    comboboxStyles,
    css`
      td.label {
        padding-inline-start: calc(0.75rem + var(--depth, 0) * 0.9rem);
      }
      /* the chart is long: it scrolls in its own frame, its header staying in view */
      .chart-scroll {
        max-block-size: min(36rem, 70vh);
        overflow: auto;
        border: 1px solid var(--gie-border);
        border-radius: var(--gie-radius);
      }
      .chart-scroll thead th {
        position: sticky;
        inset-block-start: 0;
        z-index: 1;
      }
      tr.inactive td {
        color: var(--gie-muted);
      }
      .row-actions {
        display: flex;
        gap: 0.4rem;
        white-space: nowrap;
      }
      #accounts-table-body td,
      #accounts-table-body th {
        padding-block: 0.35rem;
      }
      td.scheme-cell {
        min-inline-size: 17rem;
      }
      h3.sub-title {
        margin-block-start: 1.5rem;
      }
      .add-form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
        gap: 1rem 1.25rem;
        align-items: start;
      }
      .add-form .actions {
        align-self: end;
        padding-block-end: 1.4rem;
      }
      .scheme-account {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
      }
      .scheme-account gie-account-combobox {
        flex: 1 1 7rem;
        min-inline-size: 0;
      }
      .scheme-account button {
        flex: none;
        margin-block-start: 0.25rem;
      }
      td.role {
        white-space: nowrap;
      }
      .checkbox-row {
        min-block-size: 2.5rem;
      }
    `,
  ];

  declare user: User | null;
  declare accounts: Account[] | null;
  declare search: string;
  declare accountClass: AccountClass | null;
  declare includeInactive: boolean;
  declare loading: boolean;
  declare error: Text | null;
  declare notice: Text | null;
  declare busy: string | null;
  declare parent: { code: string; label: string | null };
  declare newCode: string;
  declare newErrors: FieldErrors<NewAccountField>;
  declare newError: Text | null;
  declare renaming: Account | null;
  declare renameError: Text | null;
  declare renameFieldError: Text | null;
  declare scheme: PostingAccount[];
  /** The account typed for each role, before it is saved. */
  declare schemeDraft: Record<string, string>;
  declare schemeErrors: Record<string, Text>;
  declare journals: Journal[];
  declare bankAccount: string;
  declare journalErrors: FieldErrors<JournalField>;
  declare journalError: Text | null;

  private readonly i18n = new LocaleController(this);
  private requestId = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.user = null;
    this.accounts = null;
    this.search = '';
    this.accountClass = null;
    this.includeInactive = false;
    this.loading = false;
    this.error = null;
    this.notice = null;
    this.busy = null;
    this.parent = { code: '', label: null };
    this.newCode = '';
    this.newErrors = {};
    this.newError = null;
    this.renaming = null;
    this.renameError = null;
    this.renameFieldError = null;
    this.scheme = [];
    this.schemeDraft = {};
    this.schemeErrors = {};
    this.journals = [];
    this.bankAccount = '';
    this.journalErrors = {};
    this.journalError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.loadScheme();
    void this.loadJournalList();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  /** The posting scheme is the accountant's to change. */
  private get schemeEditable(): boolean {
    return this.user?.role === 'accountant';
  }

  private async load(): Promise<void> {
    const id = ++this.requestId;
    const query: Record<string, string> = {};
    if (this.search.trim()) query.search = this.search.trim();
    if (this.accountClass) query.accountClass = String(this.accountClass);
    if (this.includeInactive) query.includeInactive = 'true';
    this.loading = true;
    try {
      const { items } = await call(api.ledger.accounts.$get({ query }));
      if (id !== this.requestId) return;
      this.accounts = items;
    } catch (error) {
      if (id !== this.requestId) return;
      this.error = problemText(error);
    } finally {
      if (id === this.requestId) this.loading = false;
    }
  }

  private async loadScheme(): Promise<void> {
    try {
      this.scheme = (await call(api.ledger['posting-accounts'].$get())).items;
      this.schemeDraft = Object.fromEntries(this.scheme.map((r) => [r.role, r.accountCode]));
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private async loadJournalList(fresh = false): Promise<void> {
    try {
      this.journals = await loadJournals({ fresh });
    } catch (error) {
      this.error = problemText(error);
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-ledger-tabs current="ledgerAccounts" .userRole=${this.user?.role}></gie-ledger-tabs>
      <gie-confirm-dialog></gie-confirm-dialog>
      <h1>${t('ledger.accounts.title')}</h1>
      <p class="lead">${t('ledger.accounts.intro')}</p>
      <div role="status" data-testid="accounts-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="accounts-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderFilters()} ${this.renderChart()} ${this.renderAddAccount()} ${this.renderScheme()} ${this.renderJournals()}
      ${this.renderRenameDialog()}`;
  }

  private renderFilters() {
    const { t } = this.i18n;
    return html`<form class="card toolbar" role="search" aria-label=${t('ledger.accounts.filters')} @submit=${this.submitSearch}>
      <div class="field wide">
        <label for="accounts-search">${t('ledger.accounts.search')}</label>
        <input
          id="accounts-search"
          type="search"
          autocomplete="off"
          dir="auto"
          data-testid="accounts-search"
          aria-describedby="accounts-search-hint"
          .value=${this.search}
          @input=${this.typeSearch}
        />
        <p class="hint" id="accounts-search-hint">${t('ledger.accounts.searchHint')}</p>
      </div>
      <div class="field">
        <label for="accounts-class">${t('ledger.accounts.class')}</label>
        <select
          id="accounts-class"
          data-testid="accounts-class"
          @change=${(e: Event) => {
            const value = Number((e.target as HTMLSelectElement).value);
            this.accountClass = (CLASSES as readonly number[]).includes(value) ? (value as AccountClass) : null;
            void this.load();
          }}
        >
          <option value="" ?selected=${this.accountClass === null}>${t('ledger.accounts.allClasses')}</option>
          ${CLASSES.map((c) => html`<option value=${c} ?selected=${this.accountClass === c}>${c} — ${t(`ledger.class.${c}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <span class="visually-hidden" aria-hidden="true">&nbsp;</span>
        <div class="checkbox-row">
          <input
            type="checkbox"
            id="accounts-inactive"
            data-testid="accounts-inactive"
            .checked=${this.includeInactive}
            @change=${(e: Event) => {
              this.includeInactive = (e.target as HTMLInputElement).checked;
              void this.load();
            }}
          />
          <label for="accounts-inactive">${t('ledger.accounts.includeInactive')}</label>
        </div>
      </div>
    </form>`;
  }

  private renderChart() {
    const { t } = this.i18n;
    const accounts = this.accounts;
    if (!accounts) {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('ledger.accounts.loading')}</p>`;
    }
    return html`<section class="card" aria-labelledby="chart-title" aria-busy=${this.loading ? 'true' : 'false'}>
      <h2 id="chart-title">${t('ledger.accounts.chart')}</h2>
      <div class="table-state" role="status">
        ${
          this.loading
            ? html`<span class="loading"><span class="spinner" aria-hidden="true"></span>${t('ledger.accounts.loading')}</span>`
            : html`<span class="hint" data-testid="accounts-count">${t('ledger.accounts.count', { count: formatNumber(accounts.length) })}</span>`
        }
      </div>
      ${
        accounts.length === 0
          ? html`<p data-testid="accounts-empty">${t('ledger.accounts.empty')}</p>`
          : html`<div class="table-wrap chart-scroll" tabindex="0" role="region" aria-labelledby="chart-title">
            <table data-testid="accounts-table">
              <caption class="visually-hidden">
                ${t('ledger.accounts.chart')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('ledger.col.code')}</th>
                  <th scope="col">${t('ledger.col.accountLabel')}</th>
                  <th scope="col">${t('ledger.accounts.class')}</th>
                  <th scope="col" class="amount">${t('ledger.col.balance')}</th>
                  <th scope="col">${t('ledger.col.active')}</th>
                  <th scope="col">${t('ledger.col.actions')}</th>
                </tr>
              </thead>
              <tbody id="accounts-table-body">
                ${accounts.map((a) => this.renderAccount(a))}
              </tbody>
            </table>
          </div>`
      }
    </section>`;
  }

  private renderAccount(a: Account) {
    const { t } = this.i18n;
    const busy = this.busy !== null;
    return html`<tr class=${a.active ? '' : 'inactive'} data-account=${a.code}>
      <th scope="row" class="code">${code(a.code)}</th>
      <td class="label" style="--depth: ${depthOf(a.code)}"><bdi>${a.label}</bdi></td>
      <td><span title=${t(`ledger.class.${a.accountClass as AccountClass}`)}>${a.accountClass}</span></td>
      <td class="amount" data-col="balance">${balance(a.balance)}</td>
      <td>
        <span class="badge ${a.active ? 'state-open' : 'off'}">${t(a.active ? 'ledger.accounts.active' : 'ledger.accounts.inactive')}</span>
      </td>
      <td>
        <span class="row-actions">
          <button
            type="button"
            class="secondary small"
            data-testid="account-rename"
            aria-label=${t('ledger.accounts.renameOf', { code: a.code })}
            ?disabled=${busy}
            @click=${() => this.openRename(a)}
          >
            ${t('ledger.accounts.rename')}
          </button>
          <button
            type="button"
            class="small ${a.active ? 'danger' : 'secondary'}"
            data-testid="account-toggle"
            aria-label=${t(a.active ? 'ledger.accounts.deactivateOf' : 'ledger.accounts.reactivateOf', { code: a.code })}
            ?disabled=${busy}
            @click=${() => this.toggle(a)}
          >
            ${t(a.active ? 'ledger.accounts.deactivate' : 'ledger.accounts.reactivate')}
          </button>
        </span>
      </td>
    </tr>`;
  }

  private renderAddAccount() {
    const { t } = this.i18n;
    const working = this.busy === 'add';
    return html`<section class="card" aria-labelledby="add-account-title">
      <h2 id="add-account-title">${t('ledger.accounts.add')}</h2>
      <p class="hint">${t('ledger.accounts.addIntro')}</p>
      <div role="alert">${this.newError ? html`<p class="alert">${textOf(this.newError)}</p>` : nothing}</div>
      <form novalidate class="add-form" data-testid="account-add-form" @submit=${this.addAccount}>
        <gie-account-combobox
          .inputId=${'new-account-parent'}
          .label=${t('ledger.accounts.parent')}
          .value=${this.parent.code}
          .accountLabel=${this.parent.label}
          .required=${true}
          .error=${this.newErrors.parentCode}
          .testid=${'account-parent'}
          @account-change=${(e: AccountChangeEvent) => {
            const chosen = e.label !== null;
            this.parent = { code: e.code, label: e.label };
            // a sub-account's code starts with its parent's: the code is started for the person
            if (chosen && !this.newCode.startsWith(e.code)) this.newCode = e.code;
          }}
        ></gie-account-combobox>
        <div
          @input=${(e: Event) => {
            this.newCode = (e.target as HTMLInputElement).value;
          }}
        >
          ${inputField({
            id: 'new-account-code',
            name: 'code',
            label: t('ledger.col.code'),
            dir: 'ltr',
            maxlength: 30,
            required: true,
            value: this.newCode,
            hint: t('ledger.accounts.codeHint'),
            error: this.newErrors.code,
            testid: 'account-code',
          })}
        </div>
        ${inputField({
          id: 'new-account-label',
          name: 'label',
          label: t('ledger.col.accountLabel'),
          maxlength: 200,
          required: true,
          error: this.newErrors.label,
          testid: 'account-label',
        })}
        <div class="actions">
          <button type="submit" data-testid="account-add" aria-busy=${working ? 'true' : 'false'} ?disabled=${this.busy !== null}>
            ${working ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.accounts.addSubmit')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private renderScheme() {
    const { t } = this.i18n;
    const editable = this.schemeEditable;
    return html`<section class="card" aria-labelledby="scheme-title">
      <h2 id="scheme-title">${t('ledger.scheme.title')}</h2>
      <p class="hint">${t(editable ? 'ledger.scheme.intro' : 'ledger.scheme.introReadOnly')}</p>
      ${
        this.scheme.length === 0
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`
          : html`<div class="table-wrap">
            <table data-testid="scheme-table">
              <caption class="visually-hidden">
                ${t('ledger.scheme.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('ledger.scheme.role')}</th>
                  <th scope="col">${t('ledger.scheme.description')}</th>
                  <th scope="col">${t('ledger.col.account')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.scheme.map((row) => this.renderSchemeRow(row, editable))}
              </tbody>
            </table>
          </div>`
      }
    </section>`;
  }

  private renderSchemeRow(row: PostingAccount, editable: boolean) {
    const { t } = this.i18n;
    const known = ROLE_DESCRIPTIONS[row.role];
    const draft = this.schemeDraft[row.role] ?? row.accountCode;
    const changed = draft.trim() !== row.accountCode;
    const working = this.busy === `role-${row.role}`;
    const inputId = `scheme-${row.role.replace(/[^a-z0-9]/gi, '-')}`;
    return html`<tr data-role=${row.role}>
      <th scope="row" class="role">${code(row.role)}</th>
      <td>${known ? t(known) : html`<span lang="en">${row.description}</span>`}</td>
      <td class="scheme-cell">
        ${
          editable
            ? html`<div class="scheme-account">
              <gie-account-combobox
                .inputId=${inputId}
                .label=${t('ledger.scheme.accountOf', { role: row.role })}
                .labelHidden=${true}
                .value=${draft}
                .error=${this.schemeErrors[row.role]}
                .testid=${`scheme-account-${row.role}`}
                @account-change=${(e: AccountChangeEvent) => {
                  this.schemeDraft = { ...this.schemeDraft, [row.role]: e.code };
                }}
              ></gie-account-combobox>
              <button
                type="button"
                class="small"
                data-testid="scheme-save"
                aria-label=${t('ledger.scheme.saveOf', { role: row.role })}
                aria-busy=${working ? 'true' : 'false'}
                ?disabled=${!changed || this.busy !== null}
                @click=${() => this.saveRole(row)}
              >
                ${working ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.scheme.save')}
              </button>
            </div>`
            : code(row.accountCode)
        }
      </td>
    </tr>`;
  }

  private renderJournals() {
    const { t } = this.i18n;
    const working = this.busy === 'journal';
    return html`<section class="card" aria-labelledby="journals-title">
      <h2 id="journals-title">${t('ledger.journals.title')}</h2>
      <div class="table-wrap">
        <table data-testid="journals-table">
          <caption class="visually-hidden">
            ${t('ledger.journals.title')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('ledger.col.code')}</th>
              <th scope="col">${t('ledger.col.accountLabel')}</th>
              <th scope="col">${t('ledger.journals.kind')}</th>
              <th scope="col">${t('ledger.journals.account')}</th>
              <th scope="col">${t('ledger.col.active')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.journals.map(
              (j) => html`<tr data-journal=${j.code}>
                <th scope="row">${code(j.code)}</th>
                <td><bdi>${j.label}</bdi></td>
                <td>${t(`ledger.journalKind.${j.kind}`)}</td>
                <td>${j.accountCode ? code(j.accountCode) : html`<span class="empty">—</span>`}</td>
                <td>
                  <span class="badge ${j.active ? 'state-open' : 'off'}">${t(j.active ? 'ledger.accounts.active' : 'ledger.accounts.inactive')}</span>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h3 id="bank-journal-title" class="sub-title">${t('ledger.journals.addBank')}</h3>
      <p class="hint">${t('ledger.journals.addBankIntro')}</p>
      <div role="alert">${this.journalError ? html`<p class="alert">${textOf(this.journalError)}</p>` : nothing}</div>
      <form novalidate class="add-form" aria-labelledby="bank-journal-title" data-testid="journal-add-form" @submit=${this.addJournal}>
        ${inputField({
          id: 'journal-code',
          name: 'code',
          label: t('ledger.col.code'),
          dir: 'ltr',
          maxlength: 8,
          required: true,
          hint: t('ledger.journals.codeHint'),
          error: this.journalErrors.code,
          testid: 'journal-code',
        })}
        ${inputField({
          id: 'journal-label',
          name: 'label',
          label: t('ledger.col.accountLabel'),
          maxlength: 100,
          required: true,
          hint: t('ledger.journals.labelHint'),
          error: this.journalErrors.label,
          testid: 'journal-label',
        })}
        <gie-account-combobox
          .inputId=${'journal-account'}
          .label=${t('ledger.journals.account')}
          .value=${this.bankAccount}
          .accountClass=${5}
          .required=${true}
          .hint=${t('ledger.journals.accountHint')}
          .error=${this.journalErrors.accountCode}
          .testid=${'journal-account'}
          @account-change=${(e: AccountChangeEvent) => {
            this.bankAccount = e.code;
          }}
        ></gie-account-combobox>
        <div class="actions">
          <button type="submit" data-testid="journal-add" aria-busy=${working ? 'true' : 'false'} ?disabled=${this.busy !== null}>
            ${working ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.journals.addSubmit')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private renderRenameDialog() {
    const { t } = this.i18n;
    const a = this.renaming;
    const working = this.busy === 'rename';
    return html`<dialog
      id="rename-dialog"
      aria-labelledby="rename-title"
      data-testid="rename-dialog"
      @close=${() => {
        this.renaming = null;
      }}
    >
      ${
        a
          ? html`<form novalidate @submit=${this.rename}>
            <h2 id="rename-title">${t('ledger.accounts.renameTitle', { code: a.code })}</h2>
            <div role="alert">${this.renameError ? html`<p class="alert">${textOf(this.renameError)}</p>` : nothing}</div>
            ${inputField({
              id: 'rename-label',
              name: 'label',
              label: t('ledger.col.accountLabel'),
              maxlength: 200,
              required: true,
              value: a.label,
              error: this.renameFieldError ?? undefined,
              testid: 'rename-label',
            })}
            <div class="actions">
              <button type="submit" data-testid="rename-confirm" aria-busy=${working ? 'true' : 'false'} ?disabled=${working}>
                ${working ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.accounts.renameSubmit')}
              </button>
              <button type="button" class="secondary" ?disabled=${working} @click=${this.closeRename}>${t('form.cancel')}</button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  private typeSearch(event: Event): void {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.load(), 300);
  }

  private submitSearch(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.searchTimer);
    void this.load();
  }

  private async addAccount(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const parentCode = this.parent.code.trim();
    const accountCode = String(data.get('code') ?? '')
      .trim()
      .toUpperCase();
    const label = String(data.get('label') ?? '').trim();
    const errors: FieldErrors<NewAccountField> = {};
    if (!parentCode) errors.parentCode = { key: 'form.required' };
    if (!accountCode) errors.code = { key: 'form.required' };
    if (!label) errors.label = { key: 'form.required' };
    if (Object.keys(errors).length > 0) {
      this.newErrors = errors;
      this.newError = refusalSummary(Object.keys(errors).length, []);
      await focusFirstInvalid(this);
      return;
    }
    this.busy = 'add';
    this.newErrors = {};
    this.newError = null;
    this.notice = null;
    this.error = null;
    try {
      const created = await call(api.ledger.accounts.$post({ json: { code: accountCode, label, parentCode } }));
      forgetAccountSuggestions();
      this.notice = { key: 'ledger.accounts.added', params: { code: created.code, label: created.label } };
      this.parent = { code: '', label: null };
      this.newCode = '';
      form.reset();
      await this.load();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = fieldErrorsFrom(error, ['parentCode', 'code', 'label'] as const, {
          messages: { code: 'ledger.accounts.codeRefused', parentCode: 'ledger.error.account' },
          conflicts: { code: 'ledger.accounts.codeTaken' },
        });
        this.newErrors = fields;
        this.newError = refusalSummary(Object.keys(fields).length, other);
        await focusFirstInvalid(this);
      } else {
        this.newError = refusal(error);
      }
    } finally {
      this.busy = null;
    }
  }

  private async openRename(account: Account): Promise<void> {
    this.renaming = account;
    this.renameError = null;
    this.renameFieldError = null;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#rename-dialog');
    if (dialog && !dialog.open) dialog.showModal();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#rename-label');
    input?.focus();
    input?.select();
  }

  private closeRename(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#rename-dialog')?.close();
    this.renaming = null;
  }

  private async rename(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const account = this.renaming;
    if (!account || this.busy) return;
    const label = String(new FormData(event.target as HTMLFormElement).get('label') ?? '').trim();
    if (!label) {
      this.renameFieldError = { key: 'form.required' };
      this.renameError = refusalSummary(1, []);
      await focusFirstInvalid(this);
      return;
    }
    this.busy = 'rename';
    this.renameError = null;
    this.renameFieldError = null;
    this.error = null;
    try {
      const updated = await call(api.ledger.accounts[':code'].$patch({ param: { code: account.code }, json: { label } }));
      forgetAccountSuggestions();
      this.closeRename();
      this.notice = { key: 'ledger.accounts.renamed', params: { code: updated.code, label: updated.label } };
      this.accounts = this.accounts?.map((a) => (a.code === updated.code ? updated : a)) ?? null;
    } catch (error) {
      this.renameError = refusal(error);
    } finally {
      this.busy = null;
    }
  }

  private async toggle(account: Account): Promise<void> {
    const { t } = this.i18n;
    if (this.busy) return;
    if (account.active) {
      const ok = await this.confirm?.ask({
        title: t('ledger.accounts.deactivateTitle', { code: account.code }),
        body: t('ledger.accounts.deactivateBody', { code: account.code, label: account.label }),
        confirmLabel: t('ledger.accounts.deactivate'),
        danger: true,
      });
      if (!ok) return;
    }
    this.busy = `toggle-${account.code}`;
    this.error = null;
    this.notice = null;
    try {
      const updated = await call(
        api.ledger.accounts[':code'].$patch({ param: { code: account.code }, json: { active: !account.active } }),
      );
      forgetAccountSuggestions();
      this.notice = {
        key: updated.active ? 'ledger.accounts.reactivated' : 'ledger.accounts.deactivated',
        params: { code: updated.code },
      };
      await this.load();
    } catch (error) {
      this.error = refusal(error);
    } finally {
      this.busy = null;
    }
  }

  private async saveRole(row: PostingAccount): Promise<void> {
    if (this.busy) return;
    const accountCode = (this.schemeDraft[row.role] ?? '').trim();
    const { [row.role]: _cleared, ...rest } = this.schemeErrors;
    this.schemeErrors = rest;
    if (!accountCode) {
      this.schemeErrors = { ...rest, [row.role]: { key: 'form.required' } };
      await focusFirstInvalid(this);
      return;
    }
    this.busy = `role-${row.role}`;
    this.notice = null;
    this.error = null;
    try {
      const saved = await call(
        api.ledger['posting-accounts'][':role'].$put({ param: { role: row.role }, json: { accountCode } }),
      );
      this.scheme = this.scheme.map((r) => (r.role === saved.role ? saved : r));
      this.schemeDraft = { ...this.schemeDraft, [saved.role]: saved.accountCode };
      this.notice = { key: 'ledger.scheme.saved', params: { role: saved.role, code: saved.accountCode } };
    } catch (error) {
      const field = error instanceof ApiProblem ? error.errors.find((e) => e.path === 'accountCode') : undefined;
      this.schemeErrors = {
        ...this.schemeErrors,
        [row.role]: field ? { key: 'ledger.scheme.accountRefused', detail: field.message } : refusal(error),
      };
      await focusFirstInvalid(this);
    } finally {
      this.busy = null;
    }
  }

  private async addJournal(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const journalCode = String(data.get('code') ?? '')
      .trim()
      .toUpperCase();
    const label = String(data.get('label') ?? '').trim();
    const accountCode = this.bankAccount.trim();
    const errors: FieldErrors<JournalField> = {};
    if (!journalCode) errors.code = { key: 'form.required' };
    if (!label) errors.label = { key: 'form.required' };
    if (!accountCode) errors.accountCode = { key: 'form.required' };
    if (Object.keys(errors).length > 0) {
      this.journalErrors = errors;
      this.journalError = refusalSummary(Object.keys(errors).length, []);
      await focusFirstInvalid(this);
      return;
    }
    this.busy = 'journal';
    this.journalErrors = {};
    this.journalError = null;
    this.notice = null;
    this.error = null;
    try {
      const journal = await call(api.ledger.journals.$post({ json: { code: journalCode, label, kind: 'bank', accountCode } }));
      this.notice = { key: 'ledger.journals.added', params: { code: journal.code } };
      this.bankAccount = '';
      form.reset();
      await this.loadJournalList(true);
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = fieldErrorsFrom(error, ['code', 'label', 'accountCode'] as const, {
          messages: { code: 'ledger.journals.codeRefused', accountCode: 'ledger.journals.accountRefused' },
          conflicts: { code: 'ledger.journals.codeTaken' },
        });
        this.journalErrors = fields;
        this.journalError = refusalSummary(Object.keys(fields).length, other);
        await focusFirstInvalid(this);
      } else {
        this.journalError = refusal(error);
      }
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('gie-accounts-page', AccountsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-accounts-page': AccountsPage;
  }
}
