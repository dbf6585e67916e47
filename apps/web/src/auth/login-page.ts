// The sign-in form: e-mail and password, the API's refusals in words (wrong credentials, too many tries),
// and the keyboard on the field to fix. Signing in updates the session store; the shell takes it from there.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../api/client.ts';
import { type FieldErrors, focusFirstInvalid, inputField, problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { lastSessionEnd, signIn } from './session.ts';

type LoginField = 'email' | 'password';

export class LoginPage extends LitElement {
  static override properties = {
    busy: { state: true },
    errors: { state: true },
    formError: { state: true },
    credentialsRefused: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        max-inline-size: 26rem;
        margin-inline: auto;
        padding-block: 3rem;
      }
      .card {
        padding: 2rem;
      }
      button[type='submit'] {
        inline-size: 100%;
        margin-block-start: 0.5rem;
      }
      .info {
        color: var(--gie-muted);
        border-inline-start: 3px solid var(--gie-primary);
        padding-inline-start: 0.75rem;
      }
    `,
  ];

  declare busy: boolean;
  declare errors: FieldErrors<LoginField>;
  declare formError: Text | null;
  /** After a 401 both fields are marked, explained once by the alert. */
  declare credentialsRefused: boolean;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.busy = false;
    this.errors = {};
    this.formError = null;
    this.credentialsRefused = false;
  }

  override render() {
    const { t } = this.i18n;
    const ended = lastSessionEnd() === 'expired';
    return html`<section class="card" aria-labelledby="login-title">
      <h1 id="login-title">${t('login.title')}</h1>
      <p class="lead">${t('login.intro')}</p>
      ${ended && !this.formError ? html`<p class="info" role="status">${t('app.sessionEnded')}</p>` : nothing}
      <div id="login-alert" role="alert" aria-live="assertive">
        ${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}
      </div>
      <form novalidate @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'}>
        ${inputField({
          id: 'email',
          label: t('login.email'),
          type: 'email',
          autocomplete: 'username',
          required: true,
          error: this.errors.email,
          invalid: this.credentialsRefused,
          describedBy: this.credentialsRefused ? 'login-alert' : undefined,
          testid: 'login-email',
        })}
        ${inputField({
          id: 'password',
          label: t('login.password'),
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          error: this.errors.password,
          invalid: this.credentialsRefused,
          describedBy: this.credentialsRefused ? 'login-alert' : undefined,
          testid: 'login-password',
        })}
        <button type="submit" data-testid="login-submit" aria-busy=${this.busy ? 'true' : 'false'}>
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('login.submitting')}` : t('login.submit')}
        </button>
      </form>
    </section>`;
  }

  private input(id: LoginField): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const email = this.input('email').value.trim();
    const password = this.input('password').value;
    const errors: FieldErrors<LoginField> = {};
    if (!email) errors.email = { key: 'login.error.email' };
    if (!password) errors.password = { key: 'login.error.password' };
    this.errors = errors;
    this.credentialsRefused = false;
    if (Object.keys(errors).length > 0) {
      this.formError = { key: 'form.summary', params: { count: Object.keys(errors).length } };
      await focusFirstInvalid(this);
      return;
    }
    this.formError = null;
    this.busy = true;
    try {
      await signIn(email, password);
      // the shell replaces this page with the home page
    } catch (error) {
      this.busy = false;
      this.showFailure(error);
      await focusFirstInvalid(this);
    }
  }

  private showFailure(error: unknown): void {
    if (!(error instanceof ApiProblem)) {
      this.formError = problemText(error);
      return;
    }
    if (error.status === 401) {
      // which of the two was wrong is deliberately not said: both fields are marked
      this.credentialsRefused = true;
      this.formError = { key: 'login.error.credentials' };
      return;
    }
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 15 * 60) / 60));
      this.formError = { key: 'login.error.rateLimited', params: { minutes } };
      return;
    }
    if (error.status === 400 && error.errors.length > 0) {
      const errors: FieldErrors<LoginField> = {};
      for (const field of ['email', 'password'] as const) {
        const problem = error.fieldError(field);
        if (problem) errors[field] = { key: field === 'email' ? 'login.error.email' : 'login.error.password' };
      }
      this.errors = errors;
      this.formError = { key: 'form.summary', params: { count: Object.keys(errors).length } };
      return;
    }
    this.formError = problemText(error);
  }
}

customElements.define('gie-login-page', LoginPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-login-page': LoginPage;
  }
}
