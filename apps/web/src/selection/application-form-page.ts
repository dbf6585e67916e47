// An application entered by the GIE's staff (/selection/calls/:id/applications/new): the candidate cooperative's
// identity (a candidate member with the same ICE is reused, otherwise one is created), its project and its needs
// in pooled services. Once saved, the application's page takes the attachments and the eligibility check.
import { html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { setFlash } from '../app/flash.ts';
import { focusFirstInvalid, problemText, type Text, textOf } from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { applicationFields, candidateFrom, errorsByPath, needsFrom } from './candidate-fields.ts';
import type { SelectionCall } from './selection-types.ts';
import { breadcrumb, selectionStyles } from './selection-ui.ts';

export class SelectionApplicationFormPage extends LitElement {
  static override properties = {
    callId: { type: Number },
    selCall: { state: true },
    busy: { state: true },
    errors: { state: true },
    formError: { state: true },
  };

  static override styles = [sharedStyles, selectionStyles];

  declare callId: number;
  declare selCall: SelectionCall | null;
  declare busy: boolean;
  declare errors: Record<string, Text>;
  declare formError: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.callId = 0;
    this.selCall = null;
    this.busy = false;
    this.errors = {};
    this.formError = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('callId')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.selCall = await call(api.selection.calls[':id'].$get({ param: { id: String(this.callId) } }));
    } catch (error) {
      this.formError = problemText(error);
    }
  }

  override render() {
    const { t } = this.i18n;
    const c = this.selCall;
    return html`${breadcrumb([
      ...(c ? [{ href: `/selection/calls/${c.id}`, label: html`<bdi>${c.title}</bdi>` }] : []),
      { label: t('nav.selectionApplicationNew') },
    ])}
      <h1>${t('nav.selectionApplicationNew')}</h1>
      <p class="lead">${c ? t('sel.applicationForm.lead', { title: c.title }) : nothing}</p>
      <p class="hint">${t('form.requiredLegend')}</p>
      <div role="alert">${this.formError ? html`<p class="alert" data-testid="application-form-alert">${textOf(this.formError)}</p>` : nothing}</div>
      <form novalidate data-testid="application-form" @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'}>
        ${applicationFields(this.errors)}
        <div class="actions">
          <button type="submit" data-testid="application-save" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('sel.applicationForm.save')}
          </button>
          <a class="button secondary" href="/selection/calls/${this.callId}">${t('form.cancel')}</a>
        </div>
      </form>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const body = {
      candidate: candidateFrom(data),
      project: String(data.get('project') ?? '').trim(),
      needs: needsFrom(data),
      needsNote: String(data.get('needsNote') ?? '').trim() || null,
    };
    const errors: Record<string, Text> = {};
    if (!body.candidate.legalName) errors['candidate.legalName'] = { key: 'member.error.legalName' };
    if (!body.project) errors.project = { key: 'sel.applicationForm.projectRequired' };
    this.errors = errors;
    this.formError = null;
    if (Object.keys(errors).length > 0) {
      this.formError = { key: 'form.summary', params: { count: Object.keys(errors).length } };
      void focusFirstInvalid(this);
      return;
    }
    this.busy = true;
    try {
      const created = await call(
        api.selection.calls[':id'].applications.$post({ param: { id: String(this.callId) }, json: body }),
      );
      setFlash(`/selection/applications/${created.id}`, { notice: { key: 'sel.applicationForm.created' } });
      navigate(`/selection/applications/${created.id}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        this.errors = errorsByPath(error.errors);
        this.formError = { key: 'form.summary', params: { count: error.errors.length } };
        void focusFirstInvalid(this);
      } else {
        this.formError =
          error instanceof ApiProblem && error.status === 409 ? { raw: error.detail ?? error.title } : problemText(error);
      }
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('gie-selection-application-form-page', SelectionApplicationFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-application-form-page': SelectionApplicationFormPage;
  }
}
