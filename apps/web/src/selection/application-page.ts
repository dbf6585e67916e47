// An application (/selection/applications/:id): the dossier (candidate, project, needs in pooled services,
// eligibility answers, attachments) side by side with what the reader does with it. A committee member scores
// each criterion within its scale with a comment, or declares a conflict of interest (then the application shows
// "abstention" and no marks); the others' marks appear only once the president has closed scoring. The manager
// records the eligibility checklist, adds attachments, admits a decided candidate, assigns its sponsor and
// follows it up, and hands rejected or waiting-list candidates their letter.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, apiFetch, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { setFlash, takeFlash } from '../app/flash.ts';
import { focusFirstInvalid, problemText, type Text, textOf } from '../app/forms.ts';
import { currentPath } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, formatDay, formatNumber, LocaleController } from '../i18n/localize.ts';
import type { ConfirmDialog } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import './sponsorship-panel.ts';
import type { SelectionApplication } from './selection-types.ts';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_TYPES,
  type AttachmentKind,
  applicationStatusBadge,
  attachmentKindLabel,
  breadcrumb,
  committeeRoleLabel,
  decisionBadge,
  isSelectionStaff,
  MAX_ATTACHMENT_BYTES,
  needLabel,
  score,
  selectionStyles,
} from './selection-ui.ts';

type Busy = 'score' | 'conflict' | 'eligibility' | 'upload' | 'admit' | null;

interface MarkDraft {
  value: string;
  comment: string;
}

export class SelectionApplicationPage extends LitElement {
  static override properties = {
    applicationId: { type: Number },
    user: { attribute: false },
    app: { state: true },
    phase: { state: true },
    notice: { state: true },
    error: { state: true },
    busy: { state: true },
    drafts: { state: true },
    markErrors: { state: true },
    conflictError: { state: true },
    uploadError: { state: true },
    eligibilityError: { state: true },
    preview: { state: true },
    eligibilityItems: { state: true },
  };

  static override styles = [
    sharedStyles,
    selectionStyles,
    css`
      .side-by-side {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 1.25rem;
        align-items: start;
      }
      .side-by-side.alone {
        grid-template-columns: minmax(0, 1fr);
      }
      @media (max-width: 64rem) {
        .side-by-side {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .criterion {
        border-block-end: 1px solid var(--gie-border);
        padding-block: 0.75rem;
        display: grid;
        gap: 0.5rem;
      }
      .criterion .head {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .criterion .mark {
        display: grid;
        grid-template-columns: 8rem minmax(0, 1fr);
        gap: 0.75rem;
        align-items: start;
      }
      .preview img {
        max-inline-size: 100%;
        border: 1px solid var(--gie-border);
      }
      .preview iframe {
        inline-size: 100%;
        block-size: 36rem;
        border: 1px solid var(--gie-border);
      }
      td.mark {
        vertical-align: top;
      }
      td.mark .num {
        font-weight: 600;
      }
      .comment {
        display: block;
        max-inline-size: 22rem;
      }
      .answer {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: 0.3rem 0.75rem;
        align-items: start;
        padding-block: 0.5rem;
        border-block-end: 1px solid var(--gie-border);
      }
    `,
  ];

  declare applicationId: number;
  declare user: User | null;
  declare app: SelectionApplication | null;
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare notice: Text | null;
  declare error: Text | null;
  declare busy: Busy;
  /** The reader's marks as typed, by criterion id. */
  declare drafts: Record<number, MarkDraft>;
  declare markErrors: Record<string, Text>;
  declare conflictError: Text | null;
  declare uploadError: Text | null;
  declare eligibilityError: Text | null;
  /** The attachment shown beside the grid (images inline; PDFs open in a new tab). */
  declare preview: number | null;
  /** The call's eligibility checklist, for the staff's check. */
  declare eligibilityItems: string[];

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.applicationId = 0;
    this.user = null;
    this.app = null;
    this.phase = 'loading';
    this.notice = null;
    this.error = null;
    this.busy = null;
    this.drafts = {};
    this.markErrors = {};
    this.conflictError = null;
    this.uploadError = null;
    this.eligibilityError = null;
    this.preview = null;
    this.eligibilityItems = [];
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('applicationId')) {
      this.notice = takeFlash(currentPath())?.notice ?? null;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    if (this.app?.id !== this.applicationId) this.phase = 'loading';
    try {
      const app = await call(api.selection.applications[':id'].$get({ param: { id: String(this.applicationId) } }));
      this.app = app;
      const drafts: Record<number, MarkDraft> = {};
      for (const criterion of app.criteria) {
        const mark = app.myMarks.find((m) => m.criterionId === criterion.id);
        drafts[criterion.id] = { value: mark?.value ?? '', comment: mark?.comment ?? '' };
      }
      this.drafts = drafts;
      if (isSelectionStaff(this.user?.role)) {
        // the checklist the staff answer is the call's
        const selCall = await call(api.selection.calls[':id'].$get({ param: { id: String(app.callId) } }));
        this.eligibilityItems = selCall.eligibilityItems;
      }
      this.phase = 'ready';
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.error = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  private get base(): string {
    return `/api/selection/applications/${this.applicationId}`;
  }

  override render() {
    const { t } = this.i18n;
    if (this.phase === 'loading') {
      return html`${breadcrumb([{ label: t('nav.selectionApplication') }])}
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('sel.application.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`${breadcrumb([{ label: t('nav.selectionApplication') }])}
        <section data-testid="application-not-found">
          <h1>${t('sel.application.notFound')}</h1>
          <p class="alert">${t('sel.application.notFoundBody')}</p>
        </section>`;
    }
    const a = this.app;
    if (this.phase === 'failed' || !a) {
      return html`${breadcrumb([{ label: t('nav.selectionApplication') }])}
        <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const staff = isSelectionStaff(this.user?.role);
    // beside the dossier: what this reader does with it (score, check eligibility) and the conflicts on record
    const panel = [
      a.myRole ? this.renderScoring(a) : nothing,
      staff ? this.renderEligibility(a) : nothing,
      this.renderConflicts(a),
    ].filter((part) => part !== nothing);
    return html`<gie-confirm-dialog></gie-confirm-dialog>
      ${breadcrumb([{ href: `/selection/calls/${a.callId}`, label: html`<bdi>${a.callTitle}</bdi>` }, { label: html`<bdi>${a.candidate.legalName}</bdi>` }])}
      <div class="page-head">
        <div>
          <div class="title">
            <h1 data-testid="application-title"><bdi>${a.candidate.legalName}</bdi></h1>
            <span data-testid="application-status">${applicationStatusBadge(a.status)}</span>
            ${a.decision ? html`<span data-testid="application-decision">${decisionBadge(a.decision.decision)}</span>` : nothing}
            ${a.myConflict ? html`<span class="badge abstention" data-testid="application-abstention">${t('sel.conflict.abstention')}</span>` : nothing}
          </div>
          <p class="lead">
            ${t('sel.application.lead', { date: formatDay(a.submittedAt.slice(0, 10)) })}
            ${a.source === 'public' ? t('sel.application.sourcePublic') : t('sel.application.sourceStaff')}
          </p>
        </div>
        ${this.renderActions(a, staff)}
      </div>
      <div role="status" data-testid="application-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="application-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="side-by-side ${panel.length === 0 ? 'alone' : ''}">
        <div data-testid="dossier">${this.renderDossier(a)} ${this.renderAttachments(a, staff)}</div>
        ${panel.length > 0 ? html`<div data-testid="work-panel">${panel}</div>` : nothing}
      </div>
      ${this.renderOthersMarks(a)}
      ${staff && a.decision?.decision === 'admitted' && a.admittedAt ? html`<gie-sponsorship-panel .application=${a}></gie-sponsorship-panel>` : nothing}`;
  }

  private renderActions(a: SelectionApplication, staff: boolean) {
    const { t } = this.i18n;
    const buttons = [];
    if (staff && a.decision?.decision === 'admitted' && !a.admittedAt) {
      buttons.push(html`<button type="button" data-testid="application-admit" aria-busy=${this.busy === 'admit' ? 'true' : 'false'} ?disabled=${this.busy !== null} @click=${this.admit}>
        ${this.busy === 'admit' ? html`<span class="spinner" aria-hidden="true"></span>${t('sel.admission.admitting')}` : t('sel.admission.admit')}
      </button>`);
    }
    if (a.admittedAt) {
      buttons.push(
        html`<a class="button secondary" href="/members/${a.candidate.id}" data-testid="application-member">${t('sel.admission.memberPage')}</a>`,
      );
    }
    // the letter goes to candidates not admitted: waiting list or rejected (once decided), or found ineligible
    if (staff && ((a.decision && a.decision.decision !== 'admitted') || a.status === 'ineligible')) {
      buttons.push(html`<a class="button secondary" href="${this.base}/letter" target="_blank" rel="noopener" data-testid="application-letter"
        >${t('sel.letter.open')}<span class="visually-hidden"> ${t('inv.newTab')}</span></a
      >`);
    }
    if (buttons.length === 0) return nothing;
    return html`<div class="actions" role="group" aria-label=${t('sel.application.actions')}>${buttons}</div>`;
  }

  private renderDossier(a: SelectionApplication) {
    const { t } = this.i18n;
    const c = a.candidate;
    return html`<section class="card" aria-labelledby="dossier-title">
      <h2 id="dossier-title">${t('sel.application.dossier')}</h2>
      <dl class="facts" data-testid="candidate-facts">
        <dt>${t('sel.candidate.legalName')}</dt>
        <dd><bdi>${c.legalName}</bdi></dd>
        ${c.ice ? html`<dt>ICE</dt><dd><span class="ltr num">${c.ice}</span></dd>` : nothing}
        ${c.registrationNumber ? html`<dt>${t('sel.candidate.registration')}</dt><dd><span class="ltr">${c.registrationNumber}</span></dd>` : nothing}
        ${c.address || c.commune ? html`<dt>${t('sel.candidate.address')}</dt><dd><bdi>${[c.address, c.commune].filter(Boolean).join(', ')}</bdi></dd>` : nothing}
        ${c.peopleCount !== null ? html`<dt>${t('sel.candidate.people')}</dt><dd>${formatNumber(c.peopleCount)}${c.womenCount !== null ? html` · ${t('sel.candidate.women', { count: formatNumber(c.womenCount) })}` : nothing}${c.youthCount !== null ? html` · ${t('sel.candidate.youth', { count: formatNumber(c.youthCount) })}` : nothing}</dd>` : nothing}
        ${c.activities ? html`<dt>${t('sel.candidate.activities')}</dt><dd><bdi>${c.activities}</bdi></dd>` : nothing}
        ${c.contactName || c.contactEmail || c.contactPhone ? html`<dt>${t('sel.candidate.contact')}</dt><dd><bdi>${[c.contactName, c.contactEmail, c.contactPhone].filter(Boolean).join(' · ')}</bdi></dd>` : nothing}
      </dl>
      <h3>${t('sel.application.project')}</h3>
      <p class="pre" data-testid="application-project"><bdi>${a.project}</bdi></p>
      <h3>${t('sel.application.needs')}</h3>
      ${
        a.needs.length === 0
          ? html`<p class="empty">—</p>`
          : html`<ul data-testid="application-needs">${a.needs.map((n) => html`<li>${needLabel(n)}</li>`)}</ul>`
      }
      ${a.needsNote ? html`<p class="pre"><bdi>${a.needsNote}</bdi></p>` : nothing}
      ${
        a.eligibility
          ? html`<h3>${t('sel.eligibility.title')}</h3>
            <ul class="plain" data-testid="eligibility-answers">
              ${a.eligibility.answers.map(
                (ans) => html`<li>
                  <span class="badge ${ans.met ? 'app-decided' : 'app-ineligible'}">${t(ans.met ? 'sel.eligibility.met' : 'sel.eligibility.notMet')}</span>
                  <bdi>${ans.item}</bdi>${ans.note ? html` — <span class="hint"><bdi>${ans.note}</bdi></span>` : nothing}
                </li>`,
              )}
            </ul>
            ${a.eligibility.note ? html`<p class="hint"><bdi>${a.eligibility.note}</bdi></p>` : nothing}`
          : nothing
      }
      ${
        a.decision
          ? html`<h3>${t('sel.results.decision')}</h3>
            <p data-testid="decision-reasons">${decisionBadge(a.decision.decision)} <bdi class="pre">${a.decision.reasons}</bdi></p>`
          : nothing
      }
    </section>`;
  }

  private renderAttachments(a: SelectionApplication, staff: boolean) {
    const { t } = this.i18n;
    const previewed = a.attachments.find((f) => f.id === this.preview);
    return html`<section class="card" aria-labelledby="attachments-title">
      <h2 id="attachments-title">${t('sel.attachments.title')}</h2>
      ${
        a.attachments.length === 0
          ? html`<p class="empty" data-testid="attachments-empty">${t('sel.attachments.empty')}</p>`
          : html`<ul class="plain" data-testid="attachments-list">
            ${a.attachments.map(
              (f) => html`<li data-testid="attachment" data-id=${f.id}>
                <strong>${attachmentKindLabel(f.kind as AttachmentKind)}</strong> —
                <a href="${this.base}/attachments/${f.id}" target="_blank" rel="noopener" data-testid="attachment-open"
                  ><bdi>${f.filename}</bdi><span class="visually-hidden"> ${t('inv.newTab')}</span></a
                >
                <span class="hint">(${t('sel.attachments.size', { size: formatNumber(Math.ceil(f.size / 1024)) })})</span>
                ${
                  f.mediaType.startsWith('image/') || f.mediaType === 'application/pdf'
                    ? html`<button type="button" class="secondary small" data-testid="attachment-preview" aria-pressed=${this.preview === f.id ? 'true' : 'false'} @click=${() => (this.preview = this.preview === f.id ? null : f.id)}>
                      ${t('sel.attachments.preview')}
                    </button>`
                    : nothing
                }
              </li>`,
            )}
          </ul>`
      }
      ${
        previewed
          ? html`<figure class="preview">${
              previewed.mediaType === 'application/pdf'
                ? html`<iframe src="${this.base}/attachments/${previewed.id}" title=${previewed.filename} data-testid="attachment-frame"></iframe>`
                : html`<img src="${this.base}/attachments/${previewed.id}" alt=${previewed.filename} />`
            }<figcaption><bdi>${previewed.filename}</bdi></figcaption></figure>`
          : nothing
      }
      ${staff && a.status !== 'decided' ? this.renderUpload() : nothing}
    </section>`;
  }

  private renderUpload() {
    const { t } = this.i18n;
    return html`<form novalidate data-testid="attachment-form" @submit=${this.upload} aria-busy=${this.busy === 'upload' ? 'true' : 'false'}>
      <h3>${t('sel.attachments.add')}</h3>
      <div class="grid-2">
        <div class="field">
          <label for="attachment-kind">${t('sel.attachments.kind')}</label>
          <select id="attachment-kind" name="kind" data-testid="attachment-kind">
            ${ATTACHMENT_KINDS.map((k) => html`<option value=${k}>${attachmentKindLabel(k)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="attachment-file">${t('sel.attachments.file')}</label>
          <input
            id="attachment-file"
            name="file"
            type="file"
            accept=${ATTACHMENT_TYPES.join(',')}
            data-testid="attachment-file"
            aria-invalid=${this.uploadError ? 'true' : 'false'}
            aria-describedby="attachment-hint${this.uploadError ? ' attachment-error' : ''}"
          />
          <p class="hint" id="attachment-hint">${t('sel.attachments.hint')}</p>
          ${this.uploadError ? html`<p class="field-error" id="attachment-error" data-testid="attachment-error">${textOf(this.uploadError)}</p>` : nothing}
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="secondary" data-testid="attachment-upload" ?disabled=${this.busy !== null}>
          ${this.busy === 'upload' ? html`<span class="spinner" aria-hidden="true"></span>${t('sel.attachments.uploading')}` : t('sel.attachments.upload')}
        </button>
      </div>
    </form>`;
  }

  private renderScoring(a: SelectionApplication) {
    const { t } = this.i18n;
    const closed = a.status === 'scored' || a.status === 'decided';
    if (a.myConflict) {
      return html`<section class="card" aria-labelledby="scoring-title" data-testid="scoring-abstention">
        <h2 id="scoring-title">${t('sel.scoring.grid')}</h2>
        <p class="warning">${t('sel.conflict.abstainBody')}</p>
      </section>`;
    }
    return html`<section class="card" aria-labelledby="scoring-title">
      <h2 id="scoring-title">${t('sel.scoring.grid')}</h2>
      <p class="hint">${t(closed ? 'sel.scoring.final' : 'sel.scoring.independent', { role: a.myRole ? committeeRoleLabel(a.myRole) : '' })}</p>
      <form novalidate data-testid="scoring-form" @submit=${this.saveMarks} aria-busy=${this.busy === 'score' ? 'true' : 'false'}>
        ${a.criteria.map((c, i) => {
          const draft = this.drafts[c.id] ?? { value: '', comment: '' };
          const valueError = this.markErrors[`scores.${i}.value`];
          const commentError = this.markErrors[`scores.${i}.comment`];
          return html`<div class="criterion" role="group" aria-labelledby="criterion-${c.id}-label" data-testid="score-criterion" data-criterion=${c.id}>
            <div class="head">
              <strong id="criterion-${c.id}-label"><bdi>${c.label}</bdi></strong>
              <span class="hint">${t('sel.scoring.weightScale', { weight: c.weight, min: c.scaleMin, max: c.scaleMax })}</span>
            </div>
            ${c.description ? html`<p class="hint"><bdi>${c.description}</bdi></p>` : nothing}
            <div class="mark">
              <div class="field">
                <label for="mark-${c.id}">${t('sel.scoring.mark')}</label>
                <input
                  id="mark-${c.id}"
                  type="number"
                  dir="ltr"
                  inputmode="decimal"
                  min=${c.scaleMin}
                  max=${c.scaleMax}
                  step="any"
                  data-testid="mark-${i}"
                  .value=${draft.value}
                  ?disabled=${closed}
                  aria-invalid=${valueError ? 'true' : 'false'}
                  aria-describedby="mark-${c.id}-scale${valueError ? ` mark-${c.id}-error` : ''}"
                  @input=${(e: Event) => this.setDraft(c.id, { value: (e.target as HTMLInputElement).value })}
                />
                <p class="hint" id="mark-${c.id}-scale">${t('sel.scoring.scale', { min: c.scaleMin, max: c.scaleMax })}</p>
                ${valueError ? html`<p class="field-error" id="mark-${c.id}-error">${textOf(valueError)}</p>` : nothing}
              </div>
              <div class="field">
                <label for="comment-${c.id}">${t('sel.scoring.comment')}</label>
                <textarea
                  id="comment-${c.id}"
                  rows="2"
                  dir="auto"
                  maxlength="2000"
                  data-testid="comment-${i}"
                  .value=${draft.comment}
                  ?disabled=${closed}
                  aria-invalid=${commentError ? 'true' : 'false'}
                  @input=${(e: Event) => this.setDraft(c.id, { comment: (e.target as HTMLTextAreaElement).value })}
                ></textarea>
                ${commentError ? html`<p class="field-error">${textOf(commentError)}</p>` : nothing}
              </div>
            </div>
          </div>`;
        })}
        ${
          closed
            ? nothing
            : html`<div class="actions">
              <button type="submit" data-testid="scoring-save" aria-busy=${this.busy === 'score' ? 'true' : 'false'} ?disabled=${this.busy !== null}>
                ${this.busy === 'score' ? html`<span class="spinner" aria-hidden="true"></span>${t('sel.scoring.saving')}` : t('sel.scoring.save')}
              </button>
              <button type="button" class="secondary" data-testid="conflict-declare" ?disabled=${this.busy !== null} @click=${this.openConflict}>
                ${t('sel.conflict.declare')}
              </button>
            </div>`
        }
      </form>
      ${this.renderConflictDialog()}
    </section>`;
  }

  private renderConflictDialog() {
    const { t } = this.i18n;
    return html`<dialog id="conflict-dialog" aria-labelledby="conflict-title" data-testid="conflict-dialog">
      <form novalidate @submit=${this.declareConflict}>
        <h2 id="conflict-title">${t('sel.conflict.declare')}</h2>
        <p>${t('sel.conflict.dialogBody')}</p>
        <p class="warning">${t('sel.conflict.dialogWarning')}</p>
        <div class="field">
          <label for="conflict-reason">${t('sel.conflict.reason')}<span class="required" aria-hidden="true"> *</span></label>
          <textarea
            id="conflict-reason"
            name="reason"
            rows="3"
            dir="auto"
            maxlength="2000"
            required
            data-testid="conflict-reason"
            aria-invalid=${this.conflictError ? 'true' : 'false'}
            aria-describedby=${this.conflictError ? 'conflict-error' : ''}
          ></textarea>
          ${this.conflictError ? html`<p class="field-error" id="conflict-error">${textOf(this.conflictError)}</p>` : nothing}
        </div>
        <div class="actions">
          <button type="submit" data-testid="conflict-confirm" ?disabled=${this.busy !== null}>
            ${this.busy === 'conflict' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('sel.conflict.confirm')}
          </button>
          <button type="button" class="secondary" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#conflict-dialog')?.close()}>
            ${t('form.cancel')}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  private renderEligibility(a: SelectionApplication) {
    const { t } = this.i18n;
    if (!['submitted', 'eligible', 'ineligible'].includes(a.status)) return nothing;
    const items = this.eligibilityItems;
    const previous = a.eligibility?.answers ?? [];
    return html`<section class="card" aria-labelledby="eligibility-title">
      <h2 id="eligibility-title">${t('sel.eligibility.check')}</h2>
      <p class="hint">${t('sel.eligibility.hint')}</p>
      <div role="alert">${this.eligibilityError ? html`<p class="alert">${textOf(this.eligibilityError)}</p>` : nothing}</div>
      <form novalidate data-testid="eligibility-form" @submit=${this.saveEligibility}>
        ${items.map(
          (item, i) => html`<div class="answer">
            <input type="checkbox" id="met-${i}" name="met-${i}" data-testid="eligibility-met-${i}" .checked=${previous[i]?.met ?? false} />
            <label for="met-${i}"><bdi>${item}</bdi></label>
            <span></span>
            <input
              id="note-${i}"
              name="note-${i}"
              dir="auto"
              maxlength="500"
              aria-label=${t('sel.eligibility.noteFor', { item })}
              placeholder=${t('sel.eligibility.note')}
              .value=${previous[i]?.note ?? ''}
            />
          </div>`,
        )}
        <div class="field">
          <label for="eligibility-note">${t('sel.eligibility.overallNote')}</label>
          <textarea id="eligibility-note" name="note" rows="2" dir="auto" maxlength="2000" .value=${a.eligibility?.note ?? ''}></textarea>
        </div>
        <div class="actions">
          <button type="submit" data-testid="eligibility-save" ?disabled=${this.busy !== null}>
            ${this.busy === 'eligibility' ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('sel.eligibility.save')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private renderConflicts(a: SelectionApplication) {
    const { t } = this.i18n;
    if (a.conflicts.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">${t('sel.conflict.declared')}</h2>
      <ul class="plain" data-testid="conflicts-list">
        ${a.conflicts.map(
          (c) => html`<li data-testid="conflict" data-user=${c.userId}>
            <span class="badge abstention">${t('sel.conflict.abstention')}</span> <bdi>${c.displayName}</bdi> —
            <bdi>${c.reason}</bdi> <span class="hint">${formatDateTime(c.declaredAt)}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderOthersMarks(a: SelectionApplication) {
    const { t } = this.i18n;
    if (!a.myRole && !isSelectionStaff(this.user?.role)) return nothing;
    if (a.marks === null) {
      const key = a.hidden === 'conflict' ? 'sel.marks.hiddenConflict' : 'sel.marks.hiddenOpen';
      return html`<p class="hint" data-testid="marks-hidden" data-reason=${a.hidden ?? ''}>${t(key)}</p>`;
    }
    if (a.marks.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="marks-title">
      <h2 id="marks-title">${t('sel.marks.title')}</h2>
      <div class="table-wrap">
        <table data-testid="marks-table">
          <thead>
            <tr>
              <th scope="col">${t('sel.criterion.label')}</th>
              ${a.marks.map((m) => html`<th scope="col"><bdi>${m.displayName}</bdi></th>`)}
            </tr>
          </thead>
          <tbody>
            ${a.criteria.map(
              (c) => html`<tr>
                <th scope="row"><bdi>${c.label}</bdi></th>
                ${a.marks!.map((m) => {
                  const mark = m.marks.find((x) => x.criterionId === c.id);
                  return html`<td class="mark">
                    ${score(mark?.value)}${mark?.comment ? html`<span class="hint comment"><bdi>${mark.comment}</bdi></span>` : nothing}
                  </td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private setDraft(criterionId: number, patch: Partial<MarkDraft>): void {
    const current = this.drafts[criterionId] ?? { value: '', comment: '' };
    this.drafts = { ...this.drafts, [criterionId]: { ...current, ...patch } };
  }

  private async saveMarks(event: Event): Promise<void> {
    event.preventDefault();
    const a = this.app;
    if (!a || this.busy) return;
    const scores = a.criteria
      .map((c) => ({
        criterionId: c.id,
        value: (this.drafts[c.id]?.value ?? '').trim().replace(',', '.'),
        comment: this.drafts[c.id]?.comment.trim() || null,
      }))
      .filter((m) => m.value !== '');
    if (scores.length === 0) {
      this.markErrors = { 'scores.0.value': { key: 'sel.scoring.nothing' } };
      void focusFirstInvalid(this);
      return;
    }
    this.busy = 'score';
    this.markErrors = {};
    this.error = null;
    try {
      await call(api.selection.applications[':id'].scores.$put({ param: { id: String(a.id) }, json: { scores } }));
      this.notice = { key: 'sel.scoring.saved', params: { count: scores.length, total: a.criteria.length } };
      await this.load();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        // the API numbers the marks it was sent; put each error back on its criterion's row
        const errors: Record<string, Text> = {};
        for (const fe of error.errors) {
          const match = /^scores\.(\d+)\.(\w+)/.exec(fe.path);
          const sent = match ? scores[Number(match[1])] : undefined;
          const row = sent ? a.criteria.findIndex((c) => c.id === sent.criterionId) : -1;
          if (match && row >= 0) errors[`scores.${row}.${match[2]}`] = { raw: fe.message };
        }
        this.markErrors = errors;
        this.error = { key: 'form.summary', params: { count: error.errors.length } };
        void focusFirstInvalid(this);
      } else {
        this.error =
          error instanceof ApiProblem && [403, 409].includes(error.status)
            ? { raw: error.detail ?? error.title }
            : problemText(error);
      }
    } finally {
      this.busy = null;
    }
  }

  private openConflict(): void {
    this.conflictError = null;
    this.renderRoot.querySelector<HTMLDialogElement>('#conflict-dialog')?.showModal();
  }

  private async declareConflict(event: Event): Promise<void> {
    event.preventDefault();
    const a = this.app;
    if (!a || this.busy) return;
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) {
      this.conflictError = { key: 'sel.conflict.reasonRequired' };
      void focusFirstInvalid(this);
      return;
    }
    this.busy = 'conflict';
    try {
      await call(api.selection.applications[':id'].conflict.$post({ param: { id: String(a.id) }, json: { reason } }));
      this.renderRoot.querySelector<HTMLDialogElement>('#conflict-dialog')?.close();
      this.notice = { key: 'sel.conflict.recorded' };
      await this.load();
    } catch (error) {
      this.conflictError =
        error instanceof ApiProblem ? { raw: error.errors[0]?.message ?? error.detail ?? error.title } : problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private async saveEligibility(event: Event): Promise<void> {
    event.preventDefault();
    const a = this.app;
    if (!a || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const answers = this.eligibilityItems.map((_, i) => ({
      met: data.get(`met-${i}`) === 'on',
      note: String(data.get(`note-${i}`) ?? '').trim() || null,
    }));
    this.busy = 'eligibility';
    this.eligibilityError = null;
    try {
      const saved = await call(
        api.selection.applications[':id'].eligibility.$post({
          param: { id: String(a.id) },
          json: { answers, note: String(data.get('note') ?? '').trim() || null },
        }),
      );
      this.notice = { key: saved.status === 'eligible' ? 'sel.eligibility.eligible' : 'sel.eligibility.ineligible' };
      await this.load();
    } catch (error) {
      this.eligibilityError =
        error instanceof ApiProblem && error.status !== 0 ? { raw: error.detail ?? error.title } : problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private async upload(event: Event): Promise<void> {
    event.preventDefault();
    const a = this.app;
    if (!a || this.busy) return;
    const form = event.target as HTMLFormElement;
    const input = form.querySelector<HTMLInputElement>('input[type="file"]');
    const kind = (form.querySelector<HTMLSelectElement>('select[name="kind"]')?.value ?? 'other') as AttachmentKind;
    const file = input?.files?.[0];
    this.uploadError = null;
    if (!file) this.uploadError = { key: 'sel.attachments.choose' };
    else if (file.size > MAX_ATTACHMENT_BYTES)
      this.uploadError = { key: 'sel.attachments.tooBig', params: { size: formatNumber(Math.ceil(file.size / 1024)) } };
    else if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type))
      this.uploadError = { key: 'sel.attachments.wrongType' };
    if (this.uploadError || !file) {
      void focusFirstInvalid(this);
      return;
    }
    this.busy = 'upload';
    try {
      const query = new URLSearchParams({ kind, filename: file.name });
      const response = await apiFetch(`${this.base}/attachments?${query}`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': file.type || 'application/octet-stream' },
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { detail?: string; errors?: Array<{ message: string }> } | null;
        this.uploadError = { raw: body?.errors?.[0]?.message ?? body?.detail ?? response.statusText };
        void focusFirstInvalid(this);
        return;
      }
      form.reset();
      this.notice = { key: 'sel.attachments.added', params: { name: file.name } };
      await this.load();
    } catch (error) {
      this.uploadError = problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private async admit(): Promise<void> {
    const { t } = this.i18n;
    const a = this.app;
    if (!a) return;
    const ok = await this.confirm?.ask({
      title: t('sel.admission.confirmTitle'),
      body: t('sel.admission.confirmBody', { name: a.candidate.legalName }),
      confirmLabel: t('sel.admission.admit'),
    });
    if (!ok) return;
    this.busy = 'admit';
    this.error = null;
    try {
      const admitted = await call(api.selection.applications[':id'].admit.$post({ param: { id: String(a.id) }, json: {} }));
      setFlash(currentPath(), { notice: { key: 'sel.admission.done', params: { code: admitted.member.code ?? '' } } });
      this.notice = { key: 'sel.admission.done', params: { code: admitted.member.code ?? '' } };
      await this.load();
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status === 409 ? { raw: error.detail ?? error.title } : problemText(error);
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('gie-selection-application-page', SelectionApplicationPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-application-page': SelectionApplicationPage;
  }
}
