// The GIE's own identity and settings, printed on every document and steering invoicing: the manager and the
// admin change them (PATCH /api/gie, only what changed) and the logo; the accountant reads them.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { GieSettings, GieSettingsChanges, User } from '../api/types.ts';
import {
  checkboxField,
  decimalValue,
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstInvalid,
  inputField,
  problemText,
  refusalSummary,
  type Text,
  textareaField,
  textOf,
  textValue,
} from '../app/forms.ts';
import '../app/logo-upload.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDate, formatPercent, LocaleController, type MessageKey } from '../i18n/localize.ts';

type SettingsField = keyof GieSettingsChanges & keyof GieSettings;
type Input = 'text' | 'identifier' | 'email' | 'tel' | 'url' | 'percent' | 'days' | 'template' | 'textarea' | 'checkbox';

interface SettingsDef {
  name: SettingsField;
  input: Input;
  required?: boolean;
  wide?: boolean;
  maxlength?: number;
  hint?: MessageKey;
}

const GROUPS: ReadonlyArray<{ id: string; titleKey: MessageKey; fields: readonly SettingsDef[] }> = [
  {
    id: 'identity',
    titleKey: 'settings.group.identity',
    fields: [
      { name: 'name', input: 'text', required: true, wide: true, maxlength: 200 },
      { name: 'legalForm', input: 'text', required: true, maxlength: 60 },
      { name: 'ice', input: 'identifier', maxlength: 20, hint: 'member.hint.ice' },
      { name: 'ifNumber', input: 'identifier', maxlength: 12, hint: 'member.hint.ifNumber' },
      { name: 'rcNumber', input: 'identifier', maxlength: 30 },
      { name: 'rcCourt', input: 'text', maxlength: 60 },
      { name: 'tpNumber', input: 'identifier', maxlength: 12, hint: 'member.hint.tpNumber' },
      { name: 'cnssNumber', input: 'identifier', maxlength: 12, hint: 'member.hint.cnssNumber' },
    ],
  },
  {
    id: 'contact',
    titleKey: 'settings.group.contact',
    fields: [
      { name: 'address', input: 'text', wide: true, maxlength: 300 },
      { name: 'city', input: 'text', maxlength: 100 },
      { name: 'phone', input: 'tel', maxlength: 40 },
      { name: 'email', input: 'email', maxlength: 254 },
      { name: 'website', input: 'url', maxlength: 200 },
    ],
  },
  {
    id: 'bank',
    titleKey: 'settings.group.bank',
    fields: [
      { name: 'bankName', input: 'text', maxlength: 100 },
      { name: 'rib', input: 'identifier', maxlength: 30, hint: 'member.hint.rib' },
    ],
  },
  {
    id: 'invoicing',
    titleKey: 'settings.group.invoicing',
    fields: [
      { name: 'defaultContributionRate', input: 'percent', required: true, hint: 'settings.hint.defaultContributionRate' },
      { name: 'defaultPaymentDays', input: 'days', required: true, hint: 'settings.hint.defaultPaymentDays' },
      { name: 'invoiceNumberTemplate', input: 'template', required: true, maxlength: 60, hint: 'settings.hint.template' },
      { name: 'creditNoteNumberTemplate', input: 'template', required: true, maxlength: 60, hint: 'settings.hint.template' },
      { name: 'quoteNumberTemplate', input: 'template', required: true, maxlength: 60, hint: 'settings.hint.template' },
      { name: 'entrepreneursMayIssue', input: 'checkbox', wide: true, hint: 'settings.hint.entrepreneursMayIssue' },
      { name: 'invoiceFooter', input: 'textarea', wide: true, maxlength: 1000, hint: 'settings.hint.invoiceFooter' },
    ],
  },
];

const FIELDS: readonly SettingsField[] = GROUPS.flatMap((g) => g.fields.map((f) => f.name));

const MESSAGES: Partial<Record<SettingsField, MessageKey>> = {
  name: 'settings.error.name',
  ice: 'member.error.ice',
  ifNumber: 'member.error.ifNumber',
  tpNumber: 'member.error.tpNumber',
  cnssNumber: 'member.error.cnssNumber',
  rib: 'member.error.rib',
  defaultContributionRate: 'member.error.contributionRate',
  defaultPaymentDays: 'settings.error.defaultPaymentDays',
  invoiceNumberTemplate: 'settings.error.template',
  creditNoteNumberTemplate: 'settings.error.template',
  quoteNumberTemplate: 'settings.error.template',
};

const EDITORS = new Set(['admin', 'manager']);

export class SettingsPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    settings: { state: true },
    phase: { state: true },
    busy: { state: true },
    errors: { state: true },
    formError: { state: true },
    notice: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      form {
        gap: 1.25rem;
      }
      .groups {
        display: grid;
        gap: 1.25rem;
      }
      .read-only h2 {
        font-size: 1.05rem;
      }
    `,
  ];

  declare user: User | null;
  declare settings: GieSettings | null;
  declare phase: 'loading' | 'ready' | 'failed';
  declare busy: boolean;
  declare errors: FieldErrors<SettingsField>;
  declare formError: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.settings = null;
    this.phase = 'loading';
    this.busy = false;
    this.errors = {};
    this.formError = null;
    this.notice = null;
  }

  private get editable(): boolean {
    return this.user !== null && EDITORS.has(this.user.role);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.phase = 'loading';
    this.formError = null;
    try {
      this.settings = await call(api.gie.$get());
      this.phase = 'ready';
    } catch (error) {
      this.formError = problemText(error);
      this.phase = 'failed';
    }
  }

  override render() {
    const { t } = this.i18n;
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('settings.loading')}</p>`;
    }
    if (this.phase === 'failed' || !this.settings) {
      return html`<div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const s = this.settings;
    return html`<h1>${t('settings.title')}</h1>
      <p class="lead">${t(this.editable ? 'settings.intro' : 'settings.introReadOnly')}</p>
      <div role="status" data-testid="settings-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="settings-alert">
        ${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}
      </div>
      <section class="card" aria-labelledby="gie-logo-title">
        <h2 id="gie-logo-title">${t('settings.logo')}</h2>
        <gie-logo-upload
          endpoint="/api/gie/logo"
          .hasLogo=${s.hasLogo}
          .version=${s.updatedAt}
          .name=${s.name}
          .canEdit=${this.editable}
          @logo-changed=${this.load}
        ></gie-logo-upload>
      </section>
      ${this.editable ? this.renderForm(s) : this.renderReadOnly(s)}
      <p class="hint">${t('settings.updatedAt', { date: formatDate(s.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>`;
  }

  private renderReadOnly(s: GieSettings) {
    const { t } = this.i18n;
    return html`<div class="groups read-only" data-testid="settings-read-only">
      ${GROUPS.map(
        (group) => html`<section class="card" aria-labelledby="settings-${group.id}">
          <h2 id="settings-${group.id}">${t(group.titleKey)}</h2>
          <dl class="facts">
            ${group.fields.map((f) => html`<dt>${t(`settings.field.${f.name}`)}</dt><dd>${this.shown(s, f)}</dd>`)}
          </dl>
        </section>`,
      )}
    </div>`;
  }

  private shown(s: GieSettings, f: SettingsDef): TemplateResult | string {
    const { t } = this.i18n;
    const value = s[f.name];
    if (value === null || value === '') return html`<span class="hint">${t('member.none')}</span>`;
    if (f.input === 'checkbox') return t(value ? 'settings.yes' : 'settings.no');
    if (f.input === 'percent') return formatPercent(String(value));
    if (f.input === 'days') return t('settings.days', { count: String(value) });
    if (['identifier', 'email', 'tel', 'url', 'template'].includes(f.input))
      return html`<span class="ltr">${String(value)}</span>`;
    return html`<bdi>${String(value)}</bdi>`;
  }

  private renderForm(s: GieSettings) {
    const { t } = this.i18n;
    return html`<form novalidate @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'} data-testid="settings-form">
      <p class="hint">${t('form.requiredLegend')}</p>
      ${GROUPS.map(
        (group) => html`<fieldset class="card">
          <legend>${t(group.titleKey)}</legend>
          <div class="grid">${group.fields.map((f) => this.renderField(s, f))}</div>
        </fieldset>`,
      )}
      <div class="actions">
        <button type="submit" data-testid="settings-submit" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(this.busy ? 'form.saving' : 'settings.save')}
        </button>
      </div>
    </form>`;
  }

  private renderField(s: GieSettings, f: SettingsDef) {
    const { t } = this.i18n;
    const id = `settings-${f.name}`;
    const value = s[f.name];
    const common = {
      id,
      name: f.name,
      label: t(`settings.field.${f.name}`),
      error: this.errors[f.name],
      testid: id,
      required: f.required ?? false,
      ...(f.hint ? { hint: t(f.hint) } : {}),
      ...(f.maxlength ? { maxlength: f.maxlength } : {}),
    };
    const text = value === null ? '' : String(value);
    let control: TemplateResult;
    switch (f.input) {
      case 'checkbox':
        control = checkboxField({
          id,
          name: f.name,
          label: t(`settings.field.${f.name}`),
          checked: Boolean(value),
          error: this.errors[f.name],
          testid: id,
          ...(f.hint ? { hint: t(f.hint) } : {}),
        });
        break;
      case 'textarea':
        control = textareaField({ ...common, value: text, rows: 3 });
        break;
      case 'days':
        control = inputField({ ...common, value: text, type: 'number', min: '0', max: '60', step: '1', dir: 'ltr' });
        break;
      case 'percent':
        control = inputField({ ...common, value: text, inputmode: 'decimal', dir: 'ltr' });
        break;
      case 'email':
        control = inputField({ ...common, value: text, type: 'email' });
        break;
      case 'tel':
        control = inputField({ ...common, value: text, type: 'tel', dir: 'ltr' });
        break;
      case 'url':
        control = inputField({ ...common, value: text, type: 'url', dir: 'ltr' });
        break;
      case 'identifier':
      case 'template':
        control = inputField({ ...common, value: text, dir: 'ltr', autocomplete: 'off' });
        break;
      default:
        control = inputField({ ...common, value: text });
    }
    return f.wide ? html`<div class="wide">${control}</div>` : control;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const current = this.settings;
    if (!current || this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const changes: Record<string, string | number | boolean | null> = {};
    const errors: FieldErrors<SettingsField> = {};
    for (const group of GROUPS) {
      for (const f of group.fields) {
        let value: string | number | boolean | null;
        if (f.input === 'checkbox') value = data.get(f.name) !== null;
        else if (f.input === 'days') {
          const input = form.querySelector<HTMLInputElement>(`#settings-${f.name}`);
          const text = textValue(data, f.name);
          if (input?.validity.badInput || text === null) {
            errors[f.name] = { key: input?.validity.badInput ? 'member.error.count' : 'form.required' };
            continue;
          }
          value = Number(text);
        } else if (f.input === 'percent') value = decimalValue(data, f.name);
        else value = textValue(data, f.name);
        if (f.required && value === null) {
          errors[f.name] = { key: 'form.required' };
          continue;
        }
        if (value !== current[f.name]) changes[f.name] = value;
      }
    }
    if (Object.keys(errors).length > 0) return this.refuse(errors, []);
    this.notice = null;
    if (Object.keys(changes).length === 0) {
      this.notice = { key: 'member.unchanged' };
      return;
    }
    this.busy = true;
    this.errors = {};
    this.formError = null;
    try {
      this.settings = await call(api.gie.$patch({ json: changes as GieSettingsChanges }));
      this.notice = { key: 'settings.saved' };
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = fieldErrorsFrom(error, FIELDS, { messages: MESSAGES });
        return this.refuse(fields, other);
      }
      this.formError = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async refuse(errors: FieldErrors<SettingsField>, other: Text[]): Promise<void> {
    this.errors = errors;
    this.formError = refusalSummary(Object.keys(errors).length, other);
    await focusFirstInvalid(this);
  }
}

customElements.define('gie-settings-page', SettingsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-settings-page': SettingsPage;
  }
}
