// Usage of the pooled services (/pooling/usage): the records per member and service (quantity, date, note),
// filtered and paged; the manager records one here or imports a spreadsheet (CSV) from /pooling/usage/import.
import { html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Member, User } from '../api/types.ts';
import {
  type FieldErrors,
  focusFirstInvalid,
  inputField,
  problemText,
  selectField,
  type Text,
  textOf,
  todayIso,
} from '../app/forms.ts';
import type { PageChangeEvent } from '../app/pager.ts';
import '../app/pager.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatDecimal, LocaleController } from '../i18n/localize.ts';
import { code } from '../ledger/ledger-ui.ts';
import { loadMembers, loadServices } from './pooling-api.ts';
import type { PooledService, UsagePage, UsageQuery } from './pooling-types.ts';
import { mayManage, poolingStyles, unitLabel } from './pooling-ui.ts';
import './pooling-ui.ts';

type UsageField = 'serviceId' | 'memberId' | 'usedOn' | 'quantity' | 'note';
const USAGE_FIELDS: readonly UsageField[] = ['serviceId', 'memberId', 'usedOn', 'quantity', 'note'];

export class UsagePageElement extends LitElement {
  static override properties = {
    user: { attribute: false },
    services: { state: true },
    members: { state: true },
    filter: { state: true },
    result: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
    errors: { state: true },
    saving: { state: true },
  };

  static override styles = [sharedStyles, poolingStyles];

  declare user: User | null;
  declare services: PooledService[];
  declare members: Member[];
  declare filter: { serviceId: string; memberId: string; from: string; to: string; page: number; pageSize: number };
  declare result: UsagePage | null;
  declare loading: boolean;
  declare error: Text | null;
  declare notice: Text | null;
  declare errors: FieldErrors<UsageField>;
  declare saving: boolean;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;

  constructor() {
    super();
    this.user = null;
    this.services = [];
    this.members = [];
    this.filter = { serviceId: '', memberId: '', from: '', to: '', page: 1, pageSize: 25 };
    this.result = null;
    this.loading = false;
    this.error = null;
    this.notice = null;
    this.errors = {};
    this.saving = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void Promise.all([loadServices(), loadMembers()])
      .then(([services, members]) => {
        this.services = services;
        this.members = members;
      })
      .catch((error: unknown) => {
        this.error = problemText(error);
      });
    void this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    this.loading = true;
    const f = this.filter;
    const query: UsageQuery = { page: String(f.page), pageSize: String(f.pageSize) };
    if (f.serviceId) query.serviceId = f.serviceId;
    if (f.memberId) query.memberId = f.memberId;
    if (f.from) query.from = f.from;
    if (f.to) query.to = f.to;
    try {
      const result = await call(api.pooling.usage.$get({ query }));
      if (id === this.loadId) this.result = result;
    } catch (error) {
      if (id === this.loadId) this.error = problemText(error);
    } finally {
      if (id === this.loadId) this.loading = false;
    }
  }

  private change(patch: Partial<UsagePageElement['filter']>): void {
    this.filter = { ...this.filter, page: 1, ...patch };
    void this.load();
  }

  override render() {
    const { t } = this.i18n;
    const manager = mayManage(this.user?.role);
    const serviceOptions = [
      { value: '', label: t('pool.all') },
      ...this.services.map((s) => ({ value: String(s.id), label: `${s.code} — ${s.name}` })),
    ];
    const memberOptions = [
      { value: '', label: t('pool.all') },
      ...this.members.map((m) => ({ value: String(m.id), label: `${m.code ?? ''} ${m.legalName}`.trim() })),
    ];
    return html`<gie-pooling-tabs current="poolingUsage" .userRole=${this.user?.role}></gie-pooling-tabs>
      <div class="page-head">
        <div>
          <h1>${t('nav.poolingUsage')}</h1>
          <p class="lead">${t('pool.usage.lead')}</p>
        </div>
        ${manager ? html`<div class="actions"><a class="button secondary" href="/pooling/usage/import" data-testid="usage-import">${t('nav.poolingUsageImport')}</a></div>` : nothing}
      </div>
      <div role="status" data-testid="usage-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${manager ? this.renderForm() : nothing}
      <div class="card toolbar" role="search">
        ${selectField({ id: 'filter-service', label: t('pool.col.service'), value: this.filter.serviceId, options: serviceOptions, onChange: (serviceId) => this.change({ serviceId }) })}
        ${selectField({ id: 'filter-member', label: t('pool.col.member'), value: this.filter.memberId, options: memberOptions, onChange: (memberId) => this.change({ memberId }) })}
      </div>
      <div class="table-state" role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>` : nothing}
      </div>
      ${this.renderTable()}`;
  }

  private renderForm() {
    const { t } = this.i18n;
    const e = this.errors;
    return html`<section class="card" aria-labelledby="usage-form-title">
      <h2 id="usage-form-title">${t('pool.usage.add')}</h2>
      <form novalidate data-testid="usage-form" @submit=${this.submit}>
        <div class="inline-form">
          ${selectField({
            id: 'usage-service',
            name: 'serviceId',
            label: t('pool.col.service'),
            required: true,
            value: '',
            options: [
              { value: '', label: t('form.none') },
              ...this.services.map((s) => ({ value: String(s.id), label: `${s.code} — ${s.name} (${unitLabel(s.unit)})` })),
            ],
            error: e.serviceId,
            testid: 'usage-service',
          })}
          ${selectField({
            id: 'usage-member',
            name: 'memberId',
            label: t('pool.col.member'),
            required: true,
            value: '',
            options: [
              { value: '', label: t('form.none') },
              ...this.members.map((m) => ({ value: String(m.id), label: `${m.code ?? ''} ${m.legalName}`.trim() })),
            ],
            error: e.memberId,
            testid: 'usage-member',
          })}
          ${inputField({ id: 'usage-date', name: 'usedOn', label: t('pool.col.date'), type: 'date', required: true, value: todayIso(), error: e.usedOn, testid: 'usage-date' })}
          ${inputField({ id: 'usage-quantity', name: 'quantity', label: t('pool.col.quantity'), required: true, inputmode: 'decimal', dir: 'ltr', error: e.quantity, testid: 'usage-quantity' })}
          ${inputField({ id: 'usage-note', name: 'note', label: t('pool.usage.note'), maxlength: 500, error: e.note, testid: 'usage-note' })}
          <div class="actions">
            <button type="submit" data-testid="usage-submit" aria-busy=${this.saving ? 'true' : 'false'} ?disabled=${this.saving}>
              ${this.saving ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('pool.usage.submit')}
            </button>
          </div>
        </div>
      </form>
    </section>`;
  }

  private renderTable() {
    const { t } = this.i18n;
    const result = this.result;
    if (!result) return nothing;
    if (result.items.length === 0) return html`<p class="empty" data-testid="usage-empty">${t('pool.usage.empty')}</p>`;
    return html`<div class="table-wrap" aria-busy=${this.loading ? 'true' : 'false'}>
        <table data-testid="usage-table">
          <caption class="visually-hidden">${t('nav.poolingUsage')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('pool.col.date')}</th>
              <th scope="col">${t('pool.col.service')}</th>
              <th scope="col">${t('pool.col.member')}</th>
              <th scope="col" class="amount">${t('pool.col.quantity')}</th>
              <th scope="col">${t('pool.usage.note')}</th>
            </tr>
          </thead>
          <tbody>
            ${result.items.map(
              (u) => html`<tr data-testid="usage-row">
                <td class="nowrap">${formatDay(u.usedOn, { dateStyle: 'medium' })}</td>
                <td>${code(u.serviceCode)}</td>
                <td>${u.memberCode ? code(u.memberCode) : `#${u.memberId}`}</td>
                <td class="amount">${formatDecimal(u.quantity)} ${unitLabel(u.unit)}</td>
                <td><bdi>${u.note ?? ''}</bdi></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <gie-pager
        .page=${result.page}
        .pageSize=${result.pageSize}
        .total=${result.total}
        .busy=${this.loading}
        @page-change=${(e: PageChangeEvent) => {
          this.filter = { ...this.filter, page: e.page, pageSize: e.pageSize };
          void this.load();
        }}
      ></gie-pager>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const errors: FieldErrors<UsageField> = {};
    const serviceId = Number(data.get('serviceId'));
    const memberId = Number(data.get('memberId'));
    const usedOn = String(data.get('usedOn') ?? '');
    const quantity = String(data.get('quantity') ?? '')
      .trim()
      .replace(/[\s\u00A0\u202F]/g, '')
      .replace(',', '.');
    const note = String(data.get('note') ?? '').trim();
    if (!serviceId) errors.serviceId = { key: 'form.required' };
    if (!memberId) errors.memberId = { key: 'form.required' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(usedOn)) errors.usedOn = { key: 'pool.error.date' };
    if (!/^\d{1,11}(\.\d{1,3})?$/.test(quantity) || Number(quantity) === 0) errors.quantity = { key: 'pool.error.quantity' };
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      await focusFirstInvalid(this);
      return;
    }
    this.saving = true;
    this.notice = null;
    try {
      await call(api.pooling.usage.$post({ json: { serviceId, memberId, usedOn, quantity, note: note || null } }));
      form.reset();
      this.notice = { key: 'pool.usage.done' };
      await this.load();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const found: FieldErrors<UsageField> = {};
        for (const p of error.errors) {
          const field = p.path.split('.')[0] as UsageField;
          if (USAGE_FIELDS.includes(field)) found[field] ??= { key: 'form.refused', detail: p.message };
        }
        this.errors = found;
        if (Object.keys(found).length === 0) this.error = problemText(error);
        await focusFirstInvalid(this);
      } else {
        this.error = problemText(error);
      }
    } finally {
      this.saving = false;
    }
  }
}

customElements.define('gie-usage-page', UsagePageElement);

declare global {
  interface HTMLElementTagNameMap {
    'gie-usage-page': UsagePageElement;
  }
}
