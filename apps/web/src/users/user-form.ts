// The admin's form to create a user: name, e-mail, role (with the member for an entrepreneur), initial
// password and language. The API validates; its field errors come back onto the fields they concern.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { LOCALES, type Locale, type Member, type NewUser, ROLES, type Role, type User } from '../api/types.ts';
import { type FieldErrors, focusFirstInvalid, inputField, problemText, selectField, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { type UserField, userFieldErrors } from './user-errors.ts';

/** Fired with the new user once the API created it. */
export class UserCreatedEvent extends Event {
  constructor(readonly user: User) {
    super('user-created', { bubbles: true, composed: true });
  }
}

export class UserForm extends LitElement {
  static override properties = {
    members: { attribute: false },
    role: { state: true },
    memberId: { state: true },
    locale: { state: true },
    busy: { state: true },
    errors: { state: true },
    formError: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
        gap: 1rem 1.25rem;
      }
      .actions {
        display: flex;
        justify-content: flex-start;
      }
    `,
  ];

  declare members: readonly Member[];
  declare role: Role;
  declare memberId: string;
  declare locale: Locale;
  declare busy: boolean;
  declare errors: FieldErrors<UserField>;
  declare formError: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.members = [];
    this.busy = false;
    this.errors = {};
    this.formError = null;
    this.reset();
  }

  private reset(): void {
    this.role = 'accountant';
    this.memberId = '';
    this.locale = 'fr';
  }

  override render() {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="user-form-title">
      <h2 id="user-form-title">${t('users.form.title')}</h2>
      <div role="alert" aria-live="assertive" data-testid="user-form-alert">
        ${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}
      </div>
      <form novalidate @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'} data-testid="user-form">
        <div class="grid">
          ${inputField({
            id: 'new-displayName',
            label: t('users.form.displayName'),
            autocomplete: 'off',
            required: true,
            error: this.errors.displayName,
            testid: 'user-displayName',
          })}
          ${inputField({
            id: 'new-email',
            label: t('users.form.email'),
            type: 'email',
            autocomplete: 'off',
            required: true,
            error: this.errors.email,
            testid: 'user-email',
          })}
          ${selectField({
            id: 'new-role',
            label: t('users.form.role'),
            value: this.role,
            options: ROLES.map((role) => ({ value: role, label: t(`role.${role}`) })),
            error: this.errors.role,
            testid: 'user-role',
            onChange: (value) => {
              this.role = value as Role;
            },
          })}
          ${
            this.role === 'entrepreneur'
              ? selectField({
                  id: 'new-memberId',
                  label: t('users.form.member'),
                  hint: t('users.form.memberHint'),
                  value: this.memberId,
                  options: [
                    { value: '', label: t('users.form.chooseMember') },
                    ...this.members.map((m) => ({ value: String(m.id), label: `${m.code} — ${m.legalName}` })),
                  ],
                  error: this.errors.memberId,
                  testid: 'user-member',
                  onChange: (value) => {
                    this.memberId = value;
                  },
                })
              : nothing
          }
          ${inputField({
            id: 'new-password',
            label: t('users.form.password'),
            type: 'password',
            autocomplete: 'new-password',
            required: true,
            hint: t('users.form.passwordHint'),
            error: this.errors.password,
            testid: 'user-password',
          })}
          ${selectField({
            id: 'new-locale',
            label: t('users.form.locale'),
            value: this.locale,
            options: LOCALES.map((locale) => ({ value: locale, label: t(`locale.${locale}`) })),
            error: this.errors.locale,
            testid: 'user-locale',
            onChange: (value) => {
              this.locale = value as Locale;
            },
          })}
        </div>
        <div class="actions">
          <button type="submit" data-testid="user-submit" aria-busy=${this.busy ? 'true' : 'false'}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('users.form.submitting')}` : t('users.form.submit')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#new-${id}`)?.value ?? '';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const input: NewUser = {
      displayName: this.value('displayName').trim(),
      email: this.value('email').trim(),
      role: this.role,
      password: this.value('password'),
      locale: this.locale,
      ...(this.role === 'entrepreneur' && this.memberId ? { memberId: Number(this.memberId) } : {}),
    };
    // only what the API cannot tell better: empty fields; formats and lengths are the API's to judge
    const errors: FieldErrors<UserField> = {};
    if (!input.displayName) errors.displayName = { key: 'form.required' };
    if (!input.email) errors.email = { key: 'form.required' };
    if (this.role === 'entrepreneur' && !this.memberId) errors.memberId = { key: 'users.error.memberRequired' };
    if (!input.password) errors.password = { key: 'form.required' };
    if (Object.keys(errors).length > 0) return this.refuse(errors, []);

    this.errors = {};
    this.formError = null;
    this.busy = true;
    try {
      const user = await call(api.users.$post({ json: input }));
      this.renderRoot.querySelector('form')?.reset();
      this.reset();
      this.dispatchEvent(new UserCreatedEvent(user));
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = userFieldErrors(error);
        return this.refuse(fields, other);
      }
      this.formError = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async refuse(errors: FieldErrors<UserField>, other: Text[]): Promise<void> {
    this.errors = errors;
    const count = Object.keys(errors).length;
    const summary: Text = { key: 'form.summary', params: { count: count + other.length } };
    this.formError = other.length > 0 ? { raw: [textOf(summary), ...other.map(textOf)].join(' ') } : summary;
    await focusFirstInvalid(this);
  }
}

customElements.define('gie-user-form', UserForm);

declare global {
  interface HTMLElementTagNameMap {
    'gie-user-form': UserForm;
  }
}
