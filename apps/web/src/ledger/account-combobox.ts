// An account input with suggestions from the chart (`/api/ledger/accounts?search=`): the ARIA 1.2 combobox
// pattern (input + listbox, aria-activedescendant), driven by the keyboard (↓ ↑ Enter Escape) or the mouse.
// It renders in the light DOM of its host, so that its label, hint and error share the host form's tree:
// `aria-describedby`, `aria-activedescendant` and "focus the first invalid field" all work across it.
import { css, html, LitElement, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { api, call } from '../api/client.ts';
import type { Account } from '../api/types.ts';
import { type Text, textOf } from '../app/forms.ts';
import { LocaleController } from '../i18n/localize.ts';

const MAX_OPTIONS = 12;
const cache = new Map<string, Promise<Account[]>>();

/** Active accounts matching a code prefix or a word of their label, cached for the session of the page. */
function searchAccounts(search: string, accountClass: number | undefined): Promise<Account[]> {
  const key = `${accountClass ?? ''}|${search.toLowerCase()}`;
  let found = cache.get(key);
  if (!found) {
    const query: Record<string, string> = { search };
    if (accountClass) query.accountClass = String(accountClass);
    found = call(api.ledger.accounts.$get({ query })).then((answer) => answer.items);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

/** After an account is added or renamed, suggestions are read again. */
export function forgetAccountSuggestions(): void {
  cache.clear();
}

export class AccountChangeEvent extends Event {
  constructor(
    readonly code: string,
    /** The account's label when it was chosen from the suggestions (or typed exactly), else null. */
    readonly label: string | null,
  ) {
    super('account-change', { bubbles: true, composed: true });
  }
}

/** Styles for the hosts (the combobox has no shadow root of its own). */
export const comboboxStyles = css`
  .combobox {
    position: relative;
  }
  .combobox [role='listbox'] {
    position: absolute;
    z-index: 20;
    inset-inline-start: 0;
    inset-block-start: 100%;
    min-inline-size: 100%;
    inline-size: max-content;
    max-inline-size: min(32rem, 90vw);
    max-block-size: 18rem;
    overflow-y: auto;
    margin: 0.15rem 0 0;
    padding: 0.25rem 0;
    list-style: none;
    background: var(--gie-surface);
    border: 1px solid var(--gie-border);
    border-radius: var(--gie-radius);
    box-shadow: 0 8px 24px rgb(16 24 40 / 0.18);
  }
  .combobox [role='option'] {
    display: flex;
    gap: 0.6rem;
    padding-block: 0.4rem;
    padding-inline: 0.75rem;
    cursor: pointer;
    font-weight: 400;
  }
  .combobox [role='option'] .option-code {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    direction: ltr;
    unicode-bidi: isolate;
    min-inline-size: 5.5rem;
  }
  .combobox [role='option'][aria-selected='true'],
  .combobox [role='option']:hover {
    background: var(--gie-primary-soft);
    color: var(--gie-primary-hover);
  }
  .combobox [role='option'][aria-selected='true'] {
    outline: 2px solid var(--gie-primary);
    outline-offset: -2px;
  }
  .combobox .account-name {
    color: var(--gie-muted);
    font-size: 0.85rem;
    margin: 0;
    min-block-size: 1.1rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .combobox .searching {
    padding-block: 0.4rem;
    padding-inline: 0.75rem;
    color: var(--gie-muted);
  }
`;

export class AccountCombobox extends LitElement {
  static override properties = {
    inputId: { type: String },
    label: { type: String },
    labelHidden: { type: Boolean },
    labelSuffix: { type: String },
    value: { type: String },
    accountLabel: { type: String },
    accountClass: { type: Number },
    required: { type: Boolean },
    hint: { type: String },
    error: { attribute: false },
    testid: { type: String },
    options: { state: true },
    open: { state: true },
    active: { state: true },
    searching: { state: true },
  };

  declare inputId: string;
  declare label: string;
  /** For lines of a grid whose columns are titled once: the label is read by screen readers only. */
  declare labelHidden: boolean;
  /** Read by screen readers only, after the label: " (ligne 2)" in a grid of lines. */
  declare labelSuffix: string;
  declare value: string;
  /** The name of the chosen account, shown under the input. */
  declare accountLabel: string | null;
  /** Only accounts of this CGNC class (5 for a bank journal). */
  declare accountClass: number | undefined;
  declare required: boolean;
  declare hint: string;
  declare error: Text | undefined;
  declare testid: string;
  declare options: Account[];
  declare open: boolean;
  declare active: number;
  declare searching: boolean;

  private readonly i18n = new LocaleController(this);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private requestId = 0;

  constructor() {
    super();
    this.inputId = 'account';
    this.label = '';
    this.labelHidden = false;
    this.labelSuffix = '';
    this.value = '';
    this.accountLabel = null;
    this.accountClass = undefined;
    this.required = false;
    this.hint = '';
    this.error = undefined;
    this.testid = '';
    this.options = [];
    this.open = false;
    this.active = -1;
    this.searching = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private get listId(): string {
    return `${this.inputId}-listbox`;
  }

  private optionId(index: number): string {
    return `${this.inputId}-option-${index}`;
  }

  override render() {
    const { t } = this.i18n;
    const id = this.inputId;
    const expanded = this.open && (this.options.length > 0 || this.searching);
    const describedBy = [this.error ? `${id}-error` : '', `${id}-name`, this.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    return html`<div class="field combobox">
      <label for=${id} class=${this.labelHidden ? 'visually-hidden' : ''}
        >${this.label}${this.labelSuffix ? html`<span class="visually-hidden">${this.labelSuffix}</span>` : nothing}${
          this.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing
        }</label
      >
      <input
        id=${id}
        type="text"
        role="combobox"
        dir="ltr"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls=${this.listId}
        aria-activedescendant=${ifDefined(expanded && this.active >= 0 ? this.optionId(this.active) : undefined)}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${describedBy}
        ?required=${this.required}
        data-testid=${ifDefined(this.testid || undefined)}
        .value=${this.value}
        @input=${this.typed}
        @keydown=${this.keydown}
        @focus=${this.focused}
        @blur=${this.blurred}
      />
      <ul role="listbox" id=${this.listId} aria-label=${t('ledger.combobox.list', { label: `${this.label}${this.labelSuffix}` })} ?hidden=${!expanded}>
        ${
          this.searching && this.options.length === 0
            ? html`<li class="searching" role="presentation">${t('ledger.combobox.searching')}</li>`
            : this.options.map(
                (account, index) => html`<li
                  role="option"
                  id=${this.optionId(index)}
                  aria-selected=${index === this.active ? 'true' : 'false'}
                  data-code=${account.code}
                  @mousedown=${(event: Event) => event.preventDefault()}
                  @click=${() => this.choose(account)}
                >
                  <span class="option-code">${account.code}</span><bdi>${account.label}</bdi>
                </li>`,
              )
        }
      </ul>
      <p class="account-name" id="${id}-name" data-testid=${ifDefined(this.testid ? `${this.testid}-name` : undefined)}>
        ${this.accountLabel ? html`<bdi>${this.accountLabel}</bdi>` : nothing}
      </p>
      ${this.hint ? html`<p class="hint" id="${id}-hint">${this.hint}</p>` : nothing}
      ${this.error ? html`<p class="field-error" id="${id}-error">${textOf(this.error)}</p>` : nothing}
      <span class="visually-hidden" role="status">${this.announcement()}</span>
    </div>`;
  }

  private announcement(): string {
    const { t } = this.i18n;
    if (!this.open || this.searching) return '';
    if (this.options.length === 0) return this.value.trim() ? t('ledger.combobox.none') : '';
    return t('ledger.combobox.count', { count: this.options.length });
  }

  private typed(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.value = text;
    this.accountLabel = null;
    this.dispatchEvent(new AccountChangeEvent(text.trim(), null));
    clearTimeout(this.timer);
    if (!text.trim()) {
      this.open = false;
      this.options = [];
      return;
    }
    this.searching = true;
    this.open = true;
    this.timer = setTimeout(() => void this.search(text.trim()), 180);
  }

  private async search(text: string): Promise<void> {
    const id = ++this.requestId;
    try {
      const found = await searchAccounts(text, this.accountClass);
      if (id !== this.requestId) return;
      this.options = found.slice(0, MAX_OPTIONS);
      this.active = -1;
      // typed exactly: the name shows without choosing
      const exact = found.find((a) => a.code === text.toUpperCase());
      if (exact && this.value.trim().toUpperCase() === exact.code) this.accountLabel = exact.label;
    } catch {
      if (id === this.requestId) this.options = [];
    } finally {
      if (id === this.requestId) this.searching = false;
    }
  }

  private focused(): void {
    if (this.options.length > 0 && this.value.trim() && !this.accountLabel) this.open = true;
  }

  private blurred(): void {
    this.open = false;
    this.active = -1;
  }

  private keydown(event: KeyboardEvent): void {
    const count = this.options.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open) {
          if (this.value.trim() && count === 0) {
            this.searching = true;
            void this.search(this.value.trim());
          }
          this.open = true;
          this.active = count > 0 ? 0 : -1;
        } else if (count > 0) {
          this.active = (this.active + 1) % count;
        }
        this.scrollActive();
        break;
      case 'ArrowUp':
        if (!this.open || count === 0) return;
        event.preventDefault();
        this.active = this.active <= 0 ? count - 1 : this.active - 1;
        this.scrollActive();
        break;
      case 'Enter': {
        if (!this.open || count === 0) return;
        const typed = this.value.trim().toUpperCase();
        const chosen = this.active >= 0 ? this.options[this.active] : this.options.find((a) => a.code === typed);
        event.preventDefault();
        if (chosen) this.choose(chosen);
        else this.open = false;
        break;
      }
      case 'Escape':
        if (!this.open) return;
        // the listbox closes; a dialog around it stays open
        event.preventDefault();
        event.stopPropagation();
        this.open = false;
        this.active = -1;
        break;
      case 'Tab':
        this.open = false;
        break;
      default:
    }
  }

  private async scrollActive(): Promise<void> {
    await this.updateComplete;
    if (this.active >= 0) this.querySelector(`#${CSS.escape(this.optionId(this.active))}`)?.scrollIntoView({ block: 'nearest' });
  }

  private choose(account: Account): void {
    this.value = account.code;
    this.accountLabel = account.label;
    this.open = false;
    this.active = -1;
    this.dispatchEvent(new AccountChangeEvent(account.code, account.label));
  }
}

customElements.define('gie-account-combobox', AccountCombobox);

declare global {
  interface HTMLElementTagNameMap {
    'gie-account-combobox': AccountCombobox;
  }
}
