// A call for applications (/selection/calls/:id): its facts, grid and eligibility checklist, its committee, and
// its applications. The manager edits the call until scoring starts, seats the committee (one president) and
// enters applications; a committee member sees the eligible applications with how far their own scoring has
// gone or their declared conflict; the president closes scoring (after a confirmation: it cannot be undone),
// which opens the results to the whole committee.
import { html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { takeFlash } from '../app/flash.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { currentPath } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, formatDay, formatNumber, LocaleController } from '../i18n/localize.ts';
import type { ConfirmDialog } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import './committee-editor.ts';
import type { ScoringProgress, SelectionApplicationSummary, SelectionCall } from './selection-types.ts';
import {
  applicationStatusBadge,
  breadcrumb,
  type CommitteeRole,
  callStatusBadge,
  committeeRoleLabel,
  decisionBadge,
  isSelectionStaff,
  score,
  selectionStyles,
} from './selection-ui.ts';

export class SelectionCallPage extends LitElement {
  static override properties = {
    callId: { type: Number },
    user: { attribute: false },
    selCall: { state: true },
    applications: { state: true },
    progress: { state: true },
    phase: { state: true },
    notice: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [sharedStyles, selectionStyles];

  declare callId: number;
  declare user: User | null;
  declare selCall: SelectionCall | null;
  declare applications: SelectionApplicationSummary[];
  /** Who has finished scoring: counts only, never marks. */
  declare progress: ScoringProgress[];
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare notice: Text | null;
  declare error: Text | null;
  declare busy: boolean;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.callId = 0;
    this.user = null;
    this.selCall = null;
    this.applications = [];
    this.progress = [];
    this.phase = 'loading';
    this.notice = null;
    this.error = null;
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('callId')) {
      this.notice = takeFlash(currentPath())?.notice ?? null;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    if (this.selCall?.id !== this.callId) this.phase = 'loading';
    const param = { id: String(this.callId) };
    try {
      const [selCall, applications, progress] = await Promise.all([
        call(api.selection.calls[':id'].$get({ param })),
        call(api.selection.calls[':id'].applications.$get({ param })),
        call(api.selection.calls[':id'].progress.$get({ param })),
      ]);
      this.selCall = selCall;
      this.applications = applications;
      this.progress = progress;
      this.phase = 'ready';
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.error = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  override render() {
    const { t } = this.i18n;
    if (this.phase === 'loading') {
      return html`${breadcrumb([{ label: t('nav.selectionCall') }])}
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('sel.call.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`${breadcrumb([{ label: t('nav.selectionCall') }])}
        <section data-testid="call-not-found">
          <h1>${t('sel.call.notFound')}</h1>
          <p class="alert">${t('sel.call.notFoundBody')}</p>
          <p><a href="/selection">${t('nav.selection')}</a></p>
        </section>`;
    }
    const c = this.selCall;
    if (this.phase === 'failed' || !c) {
      return html`${breadcrumb([{ label: t('nav.selectionCall') }])}
        <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const staff = isSelectionStaff(this.user?.role);
    return html`<gie-confirm-dialog></gie-confirm-dialog>
      ${breadcrumb([{ label: html`<bdi>${c.title}</bdi>` }])}
      <div class="page-head">
        <div>
          <div class="title">
            <h1 data-testid="call-title"><bdi>${c.title}</bdi></h1>
            ${callStatusBadge(c.status)}
          </div>
          ${c.myRole ? html`<p class="lead" data-testid="call-my-role">${t('sel.call.mySeat', { role: committeeRoleLabel(c.myRole) })}</p>` : nothing}
        </div>
        ${this.renderActions(c, staff)}
      </div>
      <gie-call-tabs .callId=${c.id} current="selectionCall"></gie-call-tabs>
      <div role="status" data-testid="call-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="call-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderScoringState(c)} ${this.renderApplications(c, staff)} ${this.renderProgress(c)} ${this.renderFacts(c)}
      <section class="card" aria-labelledby="committee-title">
        <h2 id="committee-title">${t('sel.committee.title')}</h2>
        <gie-committee-editor
          .selCall=${c}
          .editable=${staff && !c.scoringClosedAt}
          @committee-changed=${(e: CustomEvent<SelectionCall>) => {
            this.selCall = e.detail;
            this.notice = { key: 'sel.committee.saved' };
          }}
        ></gie-committee-editor>
      </section>`;
  }

  private renderActions(c: SelectionCall, staff: boolean) {
    const { t } = this.i18n;
    const buttons = [];
    if (staff) {
      buttons.push(
        html`<a class="button secondary" href="/selection/calls/${c.id}/edit" data-testid="call-edit">${t('sel.call.edit')}</a>`,
      );
      if (!c.scoringClosedAt) {
        buttons.push(
          html`<a class="button" href="/selection/calls/${c.id}/applications/new" data-testid="application-new">${t('nav.selectionApplicationNew')}</a>`,
        );
      }
    }
    if (c.myRole === 'president' && !c.scoringClosedAt) {
      buttons.push(html`<button
        type="button"
        data-testid="close-scoring"
        aria-busy=${this.busy ? 'true' : 'false'}
        ?disabled=${this.busy}
        @click=${this.closeScoring}
      >
        ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('sel.scoring.closing')}` : t('sel.scoring.close')}
      </button>`);
    }
    if (buttons.length === 0) return nothing;
    return html`<div class="actions" role="group" aria-label=${t('sel.call.actions')}>${buttons}</div>`;
  }

  private renderScoringState(c: SelectionCall) {
    const { t } = this.i18n;
    if (c.scoringClosedAt) {
      return html`<p class="notice" data-testid="scoring-closed">
        ${t('sel.scoring.closedOn', { date: formatDateTime(c.scoringClosedAt) })}
        <a href="/selection/calls/${c.id}/results">${t('sel.tab.results')}</a>
      </p>`;
    }
    if (c.myRole) return html`<p class="hint" data-testid="scoring-hidden">${t('sel.scoring.hiddenUntilClosed')}</p>`;
    return nothing;
  }

  private renderFacts(c: SelectionCall) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="facts-title">
      <h2 id="facts-title">${t('sel.call.facts')}</h2>
      ${c.description ? html`<p class="pre" data-testid="call-description"><bdi>${c.description}</bdi></p>` : nothing}
      <dl class="facts">
        <dt>${t('sel.call.period')}</dt>
        <dd>${formatDay(c.opensOn)} – ${formatDay(c.closesOn)}</dd>
        <dt>${t('sel.call.threshold')}</dt>
        <dd data-testid="call-threshold">${score(c.threshold)} / 100</dd>
        <dt>${t('sel.call.places')}</dt>
        <dd data-testid="call-places">${formatNumber(c.places)}</dd>
        <dt>${t('sel.call.quorum')}</dt>
        <dd data-testid="call-quorum">
          ${formatNumber(c.effectiveQuorum)} ${c.quorum === null ? html`<span class="hint">${t('sel.call.quorumDefault')}</span>` : nothing}
        </dd>
        <dt>${t('sel.call.publicForm')}</dt>
        <dd>
          ${
            c.acceptingApplications
              ? html`<a href="/candidature/${c.id}" data-testid="call-public-link">${location.origin}/candidature/${c.id}</a>`
              : t('sel.call.publicClosed')
          }
        </dd>
      </dl>
      <div class="grid-2">
        <div>
          <h3>${t('sel.call.grid')}</h3>
          ${
            c.criteria.length === 0
              ? html`<p class="empty">${t('sel.call.noGrid')}</p>`
              : html`<table data-testid="call-criteria">
                <thead>
                  <tr>
                    <th scope="col">${t('sel.criterion.label')}</th>
                    <th scope="col" class="num">${t('sel.criterion.weight')}</th>
                    <th scope="col" class="num">${t('sel.criterion.scale')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${c.criteria.map(
                    (cr) => html`<tr>
                      <th scope="row"><bdi>${cr.label}</bdi></th>
                      <td class="num">${score(cr.weight)} %</td>
                      <td class="num"><span class="ltr">${cr.scaleMin} – ${cr.scaleMax}</span></td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
          }
        </div>
        <div>
          <h3>${t('sel.call.eligibility')}</h3>
          ${
            c.eligibilityItems.length === 0
              ? html`<p class="empty">${t('sel.call.noEligibility')}</p>`
              : html`<ol data-testid="call-eligibility-items">
                ${c.eligibilityItems.map((item) => html`<li><bdi>${item}</bdi></li>`)}
              </ol>`
          }
        </div>
      </div>
    </section>`;
  }

  private renderApplications(c: SelectionCall, staff: boolean) {
    const { t } = this.i18n;
    const apps = this.applications;
    return html`<section class="card" aria-labelledby="applications-title">
      <h2 id="applications-title">${t('sel.applications.title')}</h2>
      ${
        apps.length === 0
          ? html`<p class="empty" data-testid="applications-empty">${t(staff ? 'sel.applications.empty' : 'sel.applications.emptyCommittee')}</p>`
          : html`<div class="table-wrap">
            <table data-testid="applications-table">
              <thead>
                <tr>
                  <th scope="col">${t('sel.application.candidate')}</th>
                  <th scope="col">${t('sel.application.submittedAt')}</th>
                  <th scope="col">${t('sel.application.status')}</th>
                  ${c.myRole ? html`<th scope="col">${t('sel.application.myScoring')}</th>` : nothing}
                  ${staff ? html`<th scope="col" class="num">${t('sel.application.attachments')}</th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${apps.map(
                  (a) => html`<tr data-testid="application-row" data-id=${a.id} data-status=${a.status}>
                    <th scope="row">
                      <a href="/selection/applications/${a.id}" data-testid="application-link"><bdi>${a.candidateName}</bdi></a>
                      ${a.source === 'public' ? html`<span class="hint">${t('sel.application.sourcePublic')}</span>` : nothing}
                    </th>
                    <td class="nowrap">${formatDay(a.submittedAt.slice(0, 10), { dateStyle: 'medium' })}</td>
                    <td>${applicationStatusBadge(a.status)} ${decisionBadge(a.decision)}</td>
                    ${c.myRole ? html`<td data-testid="application-my-scoring">${this.myScoring(a)}</td>` : nothing}
                    ${staff ? html`<td class="num">${formatNumber(a.attachmentCount)}</td>` : nothing}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
    </section>`;
  }

  private renderProgress(c: SelectionCall) {
    const { t } = this.i18n;
    if (this.progress.length === 0 || this.applications.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="progress-title">
      <h2 id="progress-title">${t('sel.progress.title')}</h2>
      <p class="hint">${t(c.scoringClosedAt ? 'sel.progress.closed' : 'sel.progress.hint')}</p>
      <table data-testid="scoring-progress">
        <thead>
          <tr>
            <th scope="col">${t('sel.committee.user')}</th>
            <th scope="col" class="num">${t('sel.progress.complete')}</th>
            <th scope="col" class="num">${t('sel.progress.conflicts')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.progress.map(
            (p) => html`<tr data-user=${p.userId}>
              <th scope="row"><bdi>${p.displayName}</bdi> <span class="hint">${committeeRoleLabel(p.role as CommitteeRole)}</span></th>
              <td class="num">${formatNumber(p.complete)} / ${formatNumber(p.expected)}</td>
              <td class="num">${formatNumber(p.conflicts)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private myScoring(a: SelectionApplicationSummary) {
    const { t } = this.i18n;
    if (a.myConflict) return html`<span class="badge abstention">${t('sel.conflict.abstention')}</span>`;
    if (a.criteriaCount > 0 && a.myMarks >= a.criteriaCount)
      return html`<span class="badge app-decided">${t('sel.scoring.mineDone')}</span>`;
    if (!['eligible', 'scored'].includes(a.status)) return html`<span class="muted">—</span>`;
    return html`<span class="muted">${t('sel.scoring.mineProgress', { done: a.myMarks, total: a.criteriaCount })}</span>`;
  }

  private async closeScoring(): Promise<void> {
    const { t } = this.i18n;
    const c = this.selCall;
    if (!c) return;
    const dialog = this.renderRoot.querySelector<ConfirmDialog>('gie-confirm-dialog');
    const ok = await dialog?.ask({
      title: t('sel.scoring.closeTitle'),
      body: t('sel.scoring.closeBody', { title: c.title }),
      warning: t('sel.scoring.closeWarning'),
      confirmLabel: t('sel.scoring.close'),
    });
    if (!ok) return;
    this.busy = true;
    this.error = null;
    try {
      const closed = await call(api.selection.calls[':id']['close-scoring'].$post({ param: { id: String(c.id) } }));
      this.notice = { key: 'sel.scoring.closedNotice', params: { count: closed.scored } };
      await this.load();
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status === 409 ? { raw: error.detail ?? error.title } : problemText(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('gie-selection-call-page', SelectionCallPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-call-page': SelectionCallPage;
  }
}
