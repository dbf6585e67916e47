// Per-member quantities (/pooling/quantities) that keys read, such as the area in m² each member occupies: dated
// values (the one in force at a run's end applies), grouped by quantity; the manager records a value from a date.
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
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatDecimal, LocaleController } from '../i18n/localize.ts';
import { code } from '../ledger/ledger-ui.ts';
import { loadMembers } from './pooling-api.ts';
import type { MemberQuantity } from './pooling-types.ts';
import { mayManage, poolingStyles } from './pooling-ui.ts';
import './pooling-ui.ts';

type QuantityField = 'memberId' | 'name' | 'validFrom' | 'quantity';
const QUANTITY_FIELDS: readonly QuantityField[] = ['memberId', 'name', 'validFrom', 'quantity'];

export class QuantitiesPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    quantities: { state: true },
    members: { state: true },
    error: { state: true },
    notice: { state: true },
    errors: { state: true },
    saving: { state: true },
  };

  static override styles = [sharedStyles, poolingStyles];

  declare user: User | null;
  declare quantities: MemberQuantity[] | null;
  declare members: Member[];
  declare error: Text | null;
  declare notice: Text | null;
  declare errors: FieldErrors<QuantityField>;
  declare saving: boolean;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.quantities = null;
    this.members = [];
    this.error = null;
    this.notice = null;
    this.errors = {};
    this.saving = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadMembers()
      .then((m) => {
        this.members = m;
      })
      .catch(() => {});
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.quantities = (await call(api.pooling.quantities.$get({ query: {} }))).items;
    } catch (error) {
      this.error = problemText(error);
    }
  }

  override render() {
    const { t } = this.i18n;
    const names = [...new Set((this.quantities ?? []).map((q) => q.name))];
    return html`<gie-pooling-tabs current="poolingQuantities" .userRole=${this.user?.role}></gie-pooling-tabs>
      <h1>${t('nav.poolingQuantities')}</h1>
      <p class="lead">${t('pool.quantities.lead')}</p>
      <div role="status" data-testid="quantities-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${mayManage(this.user?.role) ? this.renderForm(names) : nothing}
      ${
        this.quantities === null
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`
          : this.quantities.length === 0
            ? html`<p class="empty">${t('pool.quantities.empty')}</p>`
            : names.map((name) =>
                this.renderName(
                  name,
                  this.quantities!.filter((q) => q.name === name),
                ),
              )
      }`;
  }

  private renderName(name: string, rows: MemberQuantity[]) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="quantity-${name}">
      <h2 id="quantity-${name}">${code(name)}</h2>
      <div class="table-wrap">
        <table data-testid="quantities-table" data-name=${name}>
          <thead>
            <tr>
              <th scope="col">${t('pool.col.member')}</th>
              <th scope="col">${t('pool.key.validFrom')}</th>
              <th scope="col" class="amount">${t('pool.col.quantity')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (q) => html`<tr data-testid="quantity-row" data-member=${q.memberCode ?? ''}>
                <th scope="row">${q.memberCode ? code(q.memberCode) : `#${q.memberId}`}</th>
                <td>${formatDay(q.validFrom, { dateStyle: 'medium' })}</td>
                <td class="amount">${formatDecimal(q.quantity)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderForm(names: string[]) {
    const { t } = this.i18n;
    const e = this.errors;
    return html`<section class="card" aria-labelledby="quantity-form-title">
      <h2 id="quantity-form-title">${t('pool.quantities.add')}</h2>
      <form novalidate data-testid="quantity-form" @submit=${this.submit}>
        <div class="inline-form">
          ${selectField({
            id: 'quantity-member',
            name: 'memberId',
            label: t('pool.col.member'),
            required: true,
            value: '',
            options: [
              { value: '', label: t('form.none') },
              ...this.members.map((m) => ({ value: String(m.id), label: `${m.code ?? ''} ${m.legalName}`.trim() })),
            ],
            error: e.memberId,
            testid: 'quantity-member',
          })}
          ${inputField({ id: 'quantity-name', name: 'name', label: t('pool.key.quantityName'), required: true, dir: 'ltr', value: names[0] ?? 'area', hint: t('pool.quantities.nameHint'), error: e.name, testid: 'quantity-name' })}
          ${inputField({ id: 'quantity-from', name: 'validFrom', label: t('pool.key.validFrom'), type: 'date', required: true, value: todayIso(), error: e.validFrom, testid: 'quantity-from' })}
          ${inputField({ id: 'quantity-value', name: 'quantity', label: t('pool.col.quantity'), required: true, inputmode: 'decimal', dir: 'ltr', error: e.quantity, testid: 'quantity-value' })}
          <div class="actions">
            <button type="submit" data-testid="quantity-submit" aria-busy=${this.saving ? 'true' : 'false'} ?disabled=${this.saving}>
              ${this.saving ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('pool.quantities.submit')}
            </button>
          </div>
        </div>
      </form>
    </section>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = {
      memberId: Number(data.get('memberId')),
      name: String(data.get('name') ?? '').trim(),
      validFrom: String(data.get('validFrom') ?? ''),
      quantity: String(data.get('quantity') ?? '')
        .trim()
        .replace(/[\s\u00A0\u202F]/g, '')
        .replace(',', '.'),
    };
    const errors: FieldErrors<QuantityField> = {};
    if (!body.memberId) errors.memberId = { key: 'form.required' };
    if (!body.name) errors.name = { key: 'form.required' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(body.validFrom)) errors.validFrom = { key: 'pool.error.date' };
    if (!/^\d{1,11}(\.\d{1,3})?$/.test(body.quantity)) errors.quantity = { key: 'pool.error.quantity' };
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      await focusFirstInvalid(this);
      return;
    }
    this.saving = true;
    this.notice = null;
    try {
      await call(api.pooling.quantities.$post({ json: body }));
      this.notice = { key: 'pool.quantities.done' };
      (form.querySelector('[name="quantity"]') as HTMLInputElement).value = '';
      await this.load();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const found: FieldErrors<QuantityField> = {};
        for (const p of error.errors) {
          const field = p.path.split('.')[0] as QuantityField;
          if (QUANTITY_FIELDS.includes(field)) found[field] ??= { key: 'form.refused', detail: p.message };
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

customElements.define('gie-quantities-page', QuantitiesPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-quantities-page': QuantitiesPage;
  }
}
