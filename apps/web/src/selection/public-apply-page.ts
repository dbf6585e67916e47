// The public application form of an open call (/candidature/:id), reached without signing in: what the call asks
// (eligibility checklist, the criteria and their weights, the closing date), the candidate cooperative's identity,
// project and needs, and up to three attachments (PDF, PNG or JPEG, 1 MB each). The API limits tries per address
// and refuses a filled-in honeypot field; its answers are said here.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { focusFirstInvalid, problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatNumber, LocaleController } from '../i18n/localize.ts';
import { applicationFields, candidateFrom, errorsByPath, needsFrom } from './candidate-fields.ts';
import type { PublicCall } from './selection-types.ts';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_TYPES,
  type AttachmentKind,
  attachmentKindLabel,
  MAX_ATTACHMENT_BYTES,
  score,
  selectionStyles,
} from './selection-ui.ts';

const MAX_FILES = 3;
/** All files of the public form together, so that the request stays under the API's body limit once in base64. */
const MAX_PUBLIC_BYTES = 700_000;

/** A file's bytes as base64, the way the JSON body of the public form carries them. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class PublicApplyPage extends LitElement {
  static override properties = {
    callId: { type: Number },
    publicCall: { state: true },
    phase: { state: true },
    busy: { state: true },
    errors: { state: true },
    formError: { state: true },
    sent: { state: true },
  };

  static override styles = [
    sharedStyles,
    selectionStyles,
    css`
      :host {
        max-inline-size: 56rem;
        margin-inline: auto;
      }
      .website {
        position: absolute;
        inset-inline-start: -10000px;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
      }
    `,
  ];

  declare callId: number;
  declare publicCall: PublicCall | null;
  declare phase: 'loading' | 'ready' | 'closed' | 'failed';
  declare busy: boolean;
  declare errors: Record<string, Text>;
  declare formError: Text | null;
  declare sent: { id: number } | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.callId = 0;
    this.publicCall = null;
    this.phase = 'loading';
    this.busy = false;
    this.errors = {};
    this.formError = null;
    this.sent = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('callId')) void this.load();
  }

  private async load(): Promise<void> {
    this.phase = 'loading';
    try {
      const calls = await call(api.public.calls.$get());
      this.publicCall = calls.find((c) => c.id === this.callId) ?? null;
      this.phase = this.publicCall ? 'ready' : 'closed';
    } catch (error) {
      this.formError = problemText(error);
      this.phase = 'failed';
    }
  }

  override render() {
    const { t } = this.i18n;
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    }
    if (this.phase === 'closed') {
      return html`<section class="card" data-testid="public-closed">
        <h1>${t('sel.public.closedTitle')}</h1>
        <p>${t('sel.public.closedBody')}</p>
      </section>`;
    }
    const c = this.publicCall;
    if (this.phase === 'failed' || !c) {
      return html`<div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    if (this.sent) {
      return html`<section class="card" data-testid="public-sent" role="status">
        <h1>${t('sel.public.sentTitle')}</h1>
        <p>${t('sel.public.sentBody', { title: c.title, number: this.sent.id })}</p>
      </section>`;
    }
    return html`<p class="hint">${t('sel.public.kicker')}</p>
      <h1 data-testid="public-title"><bdi>${c.title}</bdi></h1>
      <p class="lead">${t('sel.public.dates', { closes: formatDay(c.closesOn), places: formatNumber(c.places) })}</p>
      <section class="card">
        ${c.description ? html`<p class="pre"><bdi>${c.description}</bdi></p>` : nothing}
        <div class="grid-2">
          <div>
            <h2>${t('sel.call.eligibility')}</h2>
            <ol>${c.eligibilityItems.map((item) => html`<li><bdi>${item}</bdi></li>`)}</ol>
          </div>
          <div>
            <h2>${t('sel.public.criteria')}</h2>
            <ul>${c.criteria.map((cr) => html`<li><bdi>${cr.label}</bdi> — ${score(cr.weight)} %</li>`)}</ul>
          </div>
        </div>
      </section>
      <p class="hint">${t('form.requiredLegend')}</p>
      <div role="alert">${this.formError ? html`<p class="alert" data-testid="public-alert">${textOf(this.formError)}</p>` : nothing}</div>
      <form novalidate data-testid="public-form" @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'}>
        ${applicationFields(this.errors, { contactRequired: true })}
        <fieldset>
          <legend>${t('sel.attachments.title')}</legend>
          <p class="hint">${t('sel.public.attachmentsHint', { count: MAX_FILES })}</p>
          ${Array.from({ length: MAX_FILES }, (_, i) => this.renderFile(i))}
        </fieldset>
        <div class="website" aria-hidden="true">
          <label for="website">Website</label>
          <input id="website" name="website" tabindex="-1" autocomplete="off" />
        </div>
        <div class="actions">
          <button type="submit" data-testid="public-submit" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('sel.public.sending')}` : t('sel.public.send')}
          </button>
        </div>
      </form>`;
  }

  private renderFile(i: number): TemplateResult {
    const { t } = this.i18n;
    const error = this.errors[`attachments.${i}.content`] ?? this.errors[`attachments.${i}`];
    return html`<div class="grid-2">
      <div class="field">
        <label for="file-${i}-kind">${t('sel.attachments.kind')} ${i + 1}</label>
        <select id="file-${i}-kind" name="file-${i}-kind">
          ${ATTACHMENT_KINDS.map((k, j) => html`<option value=${k} ?selected=${j === Math.min(i, 2)}>${attachmentKindLabel(k)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="file-${i}">${t('sel.attachments.file')} ${i + 1}</label>
        <input
          id="file-${i}"
          name="file-${i}"
          type="file"
          accept=${ATTACHMENT_TYPES.join(',')}
          data-testid="public-file-${i}"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `file-${i}-error` : ''}
        />
        ${error ? html`<p class="field-error" id="file-${i}-error">${textOf(error)}</p>` : nothing}
      </div>
    </div>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const errors: Record<string, Text> = {};
    const files: Array<{ kind: AttachmentKind; file: File }> = [];
    for (let i = 0; i < MAX_FILES; i++) {
      const file = form.querySelector<HTMLInputElement>(`#file-${i}`)?.files?.[0];
      if (!file) continue;
      if (file.size > MAX_ATTACHMENT_BYTES)
        errors[`attachments.${i}`] = {
          key: 'sel.attachments.tooBig',
          params: { size: formatNumber(Math.ceil(file.size / 1024)) },
        };
      else if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type))
        errors[`attachments.${i}`] = { key: 'sel.attachments.wrongType' };
      files.push({ kind: String(data.get(`file-${i}-kind`)) as AttachmentKind, file });
    }
    // the files travel in the JSON body as base64 (a third larger), and the API takes 1 MiB per request
    const total = files.reduce((sum, f) => sum + f.file.size, 0);
    if (total > MAX_PUBLIC_BYTES)
      errors['attachments.0'] = { key: 'sel.public.filesTooBig', params: { size: formatNumber(Math.ceil(total / 1024)) } };
    const candidate = candidateFrom(data);
    const project = String(data.get('project') ?? '').trim();
    if (!candidate.legalName) errors['candidate.legalName'] = { key: 'member.error.legalName' };
    if (!candidate.contactEmail) errors['candidate.contactEmail'] = { key: 'sel.public.emailRequired' };
    if (!project) errors.project = { key: 'sel.applicationForm.projectRequired' };
    this.errors = errors;
    this.formError = null;
    if (Object.keys(errors).length > 0) {
      this.formError = { key: 'form.summary', params: { count: Object.keys(errors).length } };
      void focusFirstInvalid(this);
      return;
    }
    this.busy = true;
    try {
      const attachments = await Promise.all(
        files.map(async ({ kind, file }) => ({ kind, filename: file.name, content: await base64Of(file) })),
      );
      const sent = await call(
        api.public.calls[':id'].applications.$post({
          param: { id: String(this.callId) },
          json: {
            candidate,
            project,
            needs: needsFrom(data),
            needsNote: String(data.get('needsNote') ?? '').trim() || null,
            attachments,
            website: String(data.get('website') ?? ''),
          },
        }),
      );
      this.sent = { id: sent.id };
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 429) {
        this.formError = {
          key: 'sel.public.rateLimited',
          params: { minutes: Math.ceil((error.retryAfterSeconds ?? 3600) / 60) },
        };
      } else if (error instanceof ApiProblem && error.errors.length > 0) {
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

customElements.define('gie-public-apply-page', PublicApplyPage);

/** The public screens, shown outside the signed-in shell: a call's application form. */
export function publicView(path: string): TemplateResult | null {
  const match = /^\/candidature\/([1-9]\d{0,9})$/.exec(path);
  if (!match) return null;
  return html`<gie-public-apply-page .callId=${Number(match[1])}></gie-public-apply-page>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'gie-public-apply-page': PublicApplyPage;
  }
}
