// The entrepreneurs of a member: the people who act for it. Everyone who sees the member sees the list; the GIE's
// staff add one (with a sign-in when they give a password) and deactivate one (which ends their sign-in too).
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { type Entrepreneur, LOCALES, type Locale, type NewEntrepreneur } from '../api/types.ts';
import {
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstInvalid,
  inputField,
  problemText,
  refusalSummary,
  selectField,
  type Text,
  textOf,
  textValue,
} from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDate, LocaleController } from '../i18n/localize.ts';

const FIELDS = ['firstName', 'lastName', 'cin', 'phone', 'email', 'password', 'locale'] as const;
type EntrepreneurField = (typeof FIELDS)[number];

export class MemberEntrepreneurs extends LitElement {
  static override properties = {
    memberId: { type: Number },
    canEdit: { type: Boolean },
    items: { state: true },
    error: { state: true },
    notice: { state: true },
    formOpen: { state: true },
    busy: { state: true },
    busyRows: { state: true },
    errors: { state: true },
    formError: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      tr.inactive td,
      tr.inactive th {
        color: var(--gie-muted);
      }
      .since {
        display: block;
        font-weight: 400;
      }
      .ltr-cell {
        direction: ltr;
        unicode-bidi: isolate;
      }
      form {
        margin-block-start: 1rem;
        padding-block-start: 1rem;
        border-block-start: 1px solid var(--gie-border);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem 1rem;
      }
    `,
  ];

  declare memberId: number;
  declare canEdit: boolean;
  declare items: Entrepreneur[] | null;
  declare error: Text | null;
  declare notice: Text | null;
  declare formOpen: boolean;
  declare busy: boolean;
  declare busyRows: ReadonlySet<number>;
  declare errors: FieldErrors<EntrepreneurField>;
  declare formError: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.memberId = 0;
    this.canEdit = false;
    this.items = null;
    this.error = null;
    this.notice = null;
    this.formOpen = false;
    this.busy = false;
    this.busyRows = new Set();
    this.errors = {};
    this.formError = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('memberId') && this.memberId > 0) void this.load();
  }

  private async load(): Promise<void> {
    this.items = null;
    this.error = null;
    try {
      this.items = (await call(api.members[':id'].entrepreneurs.$get({ param: { id: String(this.memberId) } }))).items;
    } catch (error) {
      this.error = problemText(error);
      this.items = [];
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="entrepreneurs-title" data-testid="entrepreneurs">
      <div class="head">
        <h2 id="entrepreneurs-title">${t('entrepreneurs.title')}</h2>
        ${
          this.canEdit && !this.formOpen
            ? html`<button type="button" class="secondary small" data-testid="entrepreneur-add" @click=${this.openForm}>
              ${t('entrepreneurs.add')}
            </button>`
            : nothing
        }
      </div>
      <div role="status">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderList()} ${this.canEdit && this.formOpen ? this.renderForm() : nothing}
    </section>`;
  }

  private renderList() {
    const { t } = this.i18n;
    const items = this.items;
    if (items === null) {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('entrepreneurs.loading')}</p>`;
    }
    if (items.length === 0) return html`<p class="hint">${t('entrepreneurs.empty')}</p>`;
    return html`<div class="table-wrap">
      <table data-testid="entrepreneurs-table">
        <caption class="visually-hidden">
          ${t('entrepreneurs.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('entrepreneurs.col.name')}</th>
            <th scope="col">${t('entrepreneurs.field.cin')}</th>
            <th scope="col">${t('entrepreneurs.field.phone')}</th>
            <th scope="col">${t('entrepreneurs.field.email')}</th>
            <th scope="col">${t('entrepreneurs.col.signIn')}</th>
            <th scope="col">${t('entrepreneurs.col.status')}</th>
            ${this.canEdit ? html`<th scope="col"><span class="visually-hidden">${t('entrepreneurs.col.actions')}</span></th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${items.map((e) => this.renderRow(e))}
        </tbody>
      </table>
    </div>`;
  }

  private renderRow(e: Entrepreneur) {
    const { t } = this.i18n;
    const name = `${e.firstName} ${e.lastName}`;
    const busy = this.busyRows.has(e.id);
    return html`<tr class=${e.active ? '' : 'inactive'}>
      <th scope="row">
        <bdi>${name}</bdi>
        <span class="hint since">${t('entrepreneurs.since', { date: formatDate(e.createdAt, { dateStyle: 'medium' }) })}</span>
      </th>
      <td class="ltr-cell">${e.cin ?? '—'}</td>
      <td class="ltr-cell">${e.phone ?? '—'}</td>
      <td class="ltr-cell">${e.email ?? '—'}</td>
      <td>${t(e.userId === null ? 'entrepreneurs.noSignIn' : 'entrepreneurs.hasSignIn')}</td>
      <td>
        <span class="badge ${e.active ? '' : 'off'}">${t(e.active ? 'entrepreneurs.active' : 'entrepreneurs.inactive')}</span>
      </td>
      ${
        this.canEdit
          ? html`<td>
            ${
              e.active
                ? html`<button
                  type="button"
                  class="small danger"
                  data-testid="entrepreneur-deactivate"
                  aria-label=${t('entrepreneurs.deactivateOf', { name })}
                  aria-busy=${busy ? 'true' : 'false'}
                  ?disabled=${busy}
                  @click=${() => this.deactivate(e)}
                >
                  ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('entrepreneurs.deactivate')}
                </button>`
                : nothing
            }
          </td>`
          : nothing
      }
    </tr>`;
  }

  private renderForm() {
    const { t } = this.i18n;
    const field = (name: Exclude<EntrepreneurField, 'locale'>, extra: Partial<Parameters<typeof inputField>[0]> = {}) =>
      inputField({
        id: `entrepreneur-${name}`,
        name,
        label: t(`entrepreneurs.field.${name}`),
        error: this.errors[name],
        testid: `entrepreneur-${name}`,
        autocomplete: 'off',
        ...extra,
      });
    return html`<form novalidate @submit=${this.submit} aria-labelledby="entrepreneur-form-title" data-testid="entrepreneur-form">
      <h3 id="entrepreneur-form-title">${t('entrepreneurs.formTitle')}</h3>
      <div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
      <div class="grid">
        ${field('firstName', { required: true, maxlength: 80 })} ${field('lastName', { required: true, maxlength: 80 })}
        ${field('cin', { dir: 'ltr', maxlength: 10, hint: t('entrepreneurs.cinHint') })}
        ${field('phone', { type: 'tel', dir: 'ltr', maxlength: 40 })} ${field('email', { type: 'email', maxlength: 254 })}
        ${field('password', { type: 'password', autocomplete: 'new-password', hint: t('entrepreneurs.passwordHint') })}
        ${selectField({
          id: 'entrepreneur-locale',
          name: 'locale',
          label: t('users.form.locale'),
          value: 'fr',
          options: LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`) })),
          error: this.errors.locale,
        })}
      </div>
      <div class="actions">
        <button type="submit" data-testid="entrepreneur-submit" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('entrepreneurs.submit')}
        </button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.closeForm}>${t('form.cancel')}</button>
      </div>
    </form>`;
  }

  private async openForm(): Promise<void> {
    this.formOpen = true;
    this.notice = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#entrepreneur-firstName')?.focus();
  }

  private closeForm(): void {
    this.formOpen = false;
    this.errors = {};
    this.formError = null;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const password = (data.get('password') as string | null) ?? '';
    const input: NewEntrepreneur = {
      firstName: textValue(data, 'firstName') ?? '',
      lastName: textValue(data, 'lastName') ?? '',
      cin: textValue(data, 'cin')?.toUpperCase() ?? null,
      phone: textValue(data, 'phone'),
      email: textValue(data, 'email'),
      locale: (textValue(data, 'locale') ?? 'fr') as Locale,
      ...(password ? { password } : {}),
    };
    const errors: FieldErrors<EntrepreneurField> = {};
    if (!input.firstName) errors.firstName = { key: 'form.required' };
    if (!input.lastName) errors.lastName = { key: 'form.required' };
    if (Object.keys(errors).length > 0) return this.refuse(errors, []);

    this.busy = true;
    this.errors = {};
    this.formError = null;
    try {
      const created = await call(api.members[':id'].entrepreneurs.$post({ param: { id: String(this.memberId) }, json: input }));
      this.items = [...(this.items ?? []), created].sort(
        (a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName),
      );
      this.formOpen = false;
      this.notice = { key: 'entrepreneurs.added', params: { name: `${created.firstName} ${created.lastName}` } };
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = fieldErrorsFrom(error, FIELDS, {
          messages: {
            cin: 'entrepreneurs.error.cin',
            email: 'entrepreneurs.error.email',
            password: 'users.error.password',
          },
          conflicts: { email: 'users.error.emailTaken', cin: 'entrepreneurs.error.cinTaken' },
        });
        return this.refuse(fields, other);
      }
      this.formError = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async refuse(errors: FieldErrors<EntrepreneurField>, other: Text[]): Promise<void> {
    this.errors = errors;
    this.formError = refusalSummary(Object.keys(errors).length, other);
    await focusFirstInvalid(this);
  }

  private async deactivate(e: Entrepreneur): Promise<void> {
    this.busyRows = new Set(this.busyRows).add(e.id);
    this.error = null;
    this.notice = null;
    try {
      const updated = await call(
        api.members[':id'].entrepreneurs[':entrepreneurId'].deactivate.$post({
          param: { id: String(this.memberId), entrepreneurId: String(e.id) },
        }),
      );
      this.items = (this.items ?? []).map((item) => (item.id === updated.id ? updated : item));
      this.notice = { key: 'entrepreneurs.deactivated', params: { name: `${e.firstName} ${e.lastName}` } };
    } catch (error) {
      this.error = problemText(error);
    } finally {
      const busy = new Set(this.busyRows);
      busy.delete(e.id);
      this.busyRows = busy;
    }
  }
}

customElements.define('gie-member-entrepreneurs', MemberEntrepreneurs);

declare global {
  interface HTMLElementTagNameMap {
    'gie-member-entrepreneurs': MemberEntrepreneurs;
  }
}
