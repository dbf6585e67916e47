// Creating a pooled service (/pooling/services/new, with its first key and the date it applies from) or changing
// one (/pooling/services/:id/edit): name, description, unit of usage, expense accounts, re-invoicing with VAT,
// the members taking part (all, or a list), active. Its key changes by dated versions on the service's page.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Member, User } from '../api/types.ts';
import { setFlash } from '../app/flash.ts';
import {
  checkboxField,
  decimalValue,
  type FieldErrors,
  focusFirstInvalid,
  inputField,
  problemText,
  refusalSummary,
  selectField,
  type Text,
  textareaField,
  textOf,
  textValue,
  todayIso,
} from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import type { KeyEditor } from './key-editor.ts';
import './key-editor.ts';
import { loadMembers } from './pooling-api.ts';
import type { PooledService, ServiceInput } from './pooling-types.ts';
import { poolingStyles, UNITS, unitLabel } from './pooling-ui.ts';
import './pooling-ui.ts';

const FIELDS = ['code', 'name', 'description', 'unit', 'expenseAccounts', 'vatRate', 'memberIds', 'validFrom'] as const;
type Field = (typeof FIELDS)[number];

export class ServiceFormPage extends LitElement {
  static override properties = {
    serviceId: { type: Number },
    user: { attribute: false },
    service: { state: true },
    members: { state: true },
    reinvoice: { state: true },
    subscription: { state: true },
    chosen: { state: true },
    errors: { state: true },
    keyErrors: { state: true },
    alert: { state: true },
    saving: { state: true },
  };

  static override styles = [
    sharedStyles,
    poolingStyles,
    css`
      .members {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
        gap: 0.25rem 1rem;
      }
    `,
  ];

  /** 0 for a new service. */
  declare serviceId: number;
  declare user: User | null;
  declare service: PooledService | null;
  declare members: Member[];
  declare reinvoice: boolean;
  declare subscription: 'all' | 'list';
  declare chosen: Set<number>;
  declare errors: FieldErrors<Field>;
  declare keyErrors: Array<{ path: string; message: string }>;
  declare alert: Text | null;
  declare saving: boolean;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.serviceId = 0;
    this.user = null;
    this.service = null;
    this.members = [];
    this.reinvoice = false;
    this.subscription = 'all';
    this.chosen = new Set();
    this.errors = {};
    this.keyErrors = [];
    this.alert = null;
    this.saving = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.members = await loadMembers();
      if (this.serviceId) {
        const s = await call(api.pooling.services[':id'].$get({ param: { id: String(this.serviceId) } }));
        this.service = s;
        this.reinvoice = s.reinvoiceVat;
        this.subscription = s.subscription;
        this.chosen = new Set(s.memberIds);
      }
    } catch (error) {
      this.alert = problemText(error);
    }
  }

  override render() {
    const { t } = this.i18n;
    const editing = this.serviceId > 0;
    const s = this.service;
    if (editing && !s) {
      return html`<div role="alert">${this.alert ? html`<p class="alert">${textOf(this.alert)}</p>` : nothing}</div>
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    }
    const e = this.errors;
    return html`<gie-pooling-tabs current=${editing ? 'poolingServiceEdit' : 'poolingServiceNew'} .userRole=${this.user?.role}></gie-pooling-tabs>
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/pooling">${t('pool.services.title')}</a></li>
          ${s ? html`<li><a href="/pooling/services/${s.id}"><bdi>${s.name}</bdi></a></li>` : nothing}
          <li><span aria-current="page">${t(editing ? 'nav.poolingServiceEdit' : 'nav.poolingServiceNew')}</span></li>
        </ol>
      </nav>
      <h1>${t(editing ? 'nav.poolingServiceEdit' : 'nav.poolingServiceNew')}</h1>
      <p class="hint">${t('form.requiredLegend')}</p>
      <div role="alert" data-testid="service-alert">${this.alert ? html`<p class="alert">${textOf(this.alert)}</p>` : nothing}</div>
      <form novalidate class="card" data-testid="service-form" @submit=${this.submit}>
        <div class="grid">
          ${
            editing
              ? nothing
              : inputField({
                  id: 'code',
                  label: t('pool.service.code'),
                  required: true,
                  dir: 'ltr',
                  maxlength: 20,
                  hint: t('pool.service.codeHint'),
                  error: e.code,
                  testid: 'service-code',
                })
          }
          ${inputField({ id: 'name', label: t('pool.service.name'), required: true, maxlength: 120, value: s?.name ?? '', error: e.name, testid: 'service-name' })}
          ${selectField({
            id: 'unit',
            label: t('pool.service.unit'),
            required: true,
            value: s?.unit ?? 'units',
            options: UNITS.map((u) => ({ value: u, label: unitLabel(u) })),
            error: e.unit,
            testid: 'service-unit',
          })}
          ${inputField({
            id: 'expenseAccounts',
            label: t('pool.service.accounts'),
            dir: 'ltr',
            value: s?.expenseAccounts.join(', ') ?? '',
            hint: t('pool.service.accountsHint'),
            error: e.expenseAccounts,
            testid: 'service-accounts',
          })}
        </div>
        ${textareaField({ id: 'description', label: t('pool.service.description'), rows: 2, maxlength: 1000, value: s?.description ?? '', error: e.description, testid: 'service-description' })}
        ${checkboxField({
          id: 'reinvoiceVat',
          label: t('pool.service.reinvoice'),
          checked: this.reinvoice,
          hint: t('pool.service.reinvoiceHint'),
          testid: 'service-reinvoice',
          onChange: (checked) => {
            this.reinvoice = checked;
          },
        })}
        ${
          this.reinvoice
            ? inputField({
                id: 'vatRate',
                label: t('pool.service.vatRate'),
                required: true,
                inputmode: 'decimal',
                dir: 'ltr',
                value: s?.vatRate ?? '20',
                error: e.vatRate,
                testid: 'service-vat-rate',
              })
            : nothing
        }
        ${this.renderSubscription()}
        ${editing ? checkboxField({ id: 'active', label: t('pool.service.active'), checked: s?.active ?? true, testid: 'service-active' }) : nothing}
        ${
          editing
            ? nothing
            : html`<fieldset>
              <legend>${t('pool.service.firstKey')}</legend>
              ${inputField({ id: 'validFrom', label: t('pool.key.validFrom'), type: 'date', required: true, value: `${todayIso().slice(0, 4)}-01-01`, error: e.validFrom, testid: 'service-valid-from' })}
              <gie-key-editor .members=${this.members} .errors=${this.keyErrors} idPrefix="service-key"></gie-key-editor>
            </fieldset>`
        }
        <div class="actions">
          <button type="submit" data-testid="service-submit" aria-busy=${this.saving ? 'true' : 'false'} ?disabled=${this.saving}>
            ${this.saving ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('pool.service.save')}
          </button>
          <a class="button secondary" href=${s ? `/pooling/services/${s.id}` : '/pooling'}>${t('form.cancel')}</a>
        </div>
      </form>`;
  }

  private renderSubscription() {
    const { t } = this.i18n;
    return html`<fieldset data-testid="service-subscription">
      <legend>${t('pool.service.subscription')}</legend>
      ${['all', 'list'].map(
        (value) => html`<div class="checkbox-row">
          <input
            type="radio"
            id="subscription-${value}"
            name="subscription"
            value=${value}
            .checked=${this.subscription === value}
            @change=${() => {
              this.subscription = value as 'all' | 'list';
            }}
          />
          <label for="subscription-${value}">${t(value === 'all' ? 'pool.subscription.all' : 'pool.subscription.list')}</label>
        </div>`,
      )}
      ${
        this.subscription === 'list'
          ? html`<div class="members" role="group" aria-label=${t('pool.service.members')}>
            ${this.members.map(
              (m) => html`<div class="checkbox-row">
                <input
                  type="checkbox"
                  id="member-${m.id}"
                  data-testid="service-member"
                  .checked=${this.chosen.has(m.id)}
                  @change=${(e: Event) => {
                    const next = new Set(this.chosen);
                    if ((e.target as HTMLInputElement).checked) next.add(m.id);
                    else next.delete(m.id);
                    this.chosen = next;
                  }}
                />
                <label for="member-${m.id}"><span class="ltr">${m.code}</span> <bdi>${m.legalName}</bdi></label>
              </div>`,
            )}
          </div>`
          : nothing
      }
      ${this.errors.memberIds ? html`<p class="field-error">${textOf(this.errors.memberIds)}</p>` : nothing}
    </fieldset>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const data = new FormData(event.target as HTMLFormElement);
    const editing = this.serviceId > 0;
    const accounts = (textValue(data, 'expenseAccounts') ?? '').split(/[\s,;]+/).filter(Boolean);
    const common = {
      name: textValue(data, 'name') ?? '',
      description: textValue(data, 'description'),
      unit: String(data.get('unit') ?? '') as ServiceInput['unit'],
      expenseAccounts: accounts,
      reinvoiceVat: this.reinvoice,
      vatRate: this.reinvoice ? decimalValue(data, 'vatRate') : null,
      subscription: this.subscription,
      memberIds: this.subscription === 'list' ? [...this.chosen] : [],
    };
    const editor = this.renderRoot.querySelector<KeyEditor>('gie-key-editor');
    this.saving = true;
    this.alert = null;
    this.errors = {};
    this.keyErrors = [];
    try {
      const saved = editing
        ? await call(
            api.pooling.services[':id'].$patch({
              param: { id: String(this.serviceId) },
              json: { ...common, active: data.get('active') === 'on' },
            }),
          )
        : await call(
            api.pooling.services.$post({
              json: {
                ...common,
                code: (textValue(data, 'code') ?? '').toUpperCase(),
                key: { ...(editor?.value ?? { kind: 'equal' }), validFrom: String(data.get('validFrom') ?? '') },
              },
            }),
          );
      setFlash(`/pooling/services/${saved.id}`, { notice: { key: editing ? 'pool.service.saved' : 'pool.service.created' } });
      navigate(`/pooling/services/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const fields: FieldErrors<Field> = {};
        const keyErrors: Array<{ path: string; message: string }> = [];
        const other: Text[] = [];
        for (const problem of error.errors) {
          if (problem.path.startsWith('key.')) {
            const path = problem.path.slice(4);
            if (path === 'validFrom') fields.validFrom = { key: 'form.refused', detail: problem.message };
            else keyErrors.push({ path, message: problem.message });
            continue;
          }
          const head = problem.path.split('.')[0] as Field;
          if ((FIELDS as readonly string[]).includes(head)) fields[head] ??= { key: 'form.refused', detail: problem.message };
          else other.push({ raw: `${problem.path}: ${problem.message}` });
        }
        this.errors = fields;
        this.keyErrors = keyErrors;
        this.alert = refusalSummary(Object.keys(fields).length + keyErrors.length, other);
        await focusFirstInvalid(this);
      } else {
        this.alert = problemText(error);
      }
    } finally {
      this.saving = false;
    }
  }
}

customElements.define('gie-service-form-page', ServiceFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-service-form-page': ServiceFormPage;
  }
}
