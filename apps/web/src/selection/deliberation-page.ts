// The deliberation of a call (/selection/calls/:id/deliberation), once the president has closed scoring: a session
// with its date, place and attendance, the quorum it needs and whether it is reached, one decision per scored
// application (admitted, waiting list, rejected) with its reasons and the votes if a vote was held, then the
// minutes (procès-verbal) issued as a PDF, which lock the session. The president or the rapporteur records it;
// the rest of the committee and the manager read it.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { focusFirstInvalid, problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, formatDay, formatNumber, LocaleController } from '../i18n/localize.ts';
import type { ConfirmDialog } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import type { SelectionCall, SelectionResults, SelectionSession } from './selection-types.ts';
import {
  breadcrumb,
  committeeRoleLabel,
  DECISIONS,
  type Decision,
  decisionBadge,
  decisionLabel,
  score,
  selectionStyles,
} from './selection-ui.ts';

type Busy = 'open' | 'attendance' | 'decision' | 'minutes' | null;

export class SelectionDeliberationPage extends LitElement {
  static override properties = {
    callId: { type: Number },
    user: { attribute: false },
    selCall: { state: true },
    sessions: { state: true },
    results: { state: true },
    present: { state: true },
    phase: { state: true },
    notice: { state: true },
    error: { state: true },
    busy: { state: true },
    decisionErrors: { state: true },
    votesFor: { state: true },
  };

  static override styles = [
    sharedStyles,
    selectionStyles,
    css`
      .decision-form {
        display: grid;
        gap: 0.6rem;
        padding-block: 0.75rem;
      }
      .quorum {
        font-weight: 700;
      }
      .quorum.ok {
        color: var(--gie-success);
      }
      .quorum.off {
        color: var(--gie-danger);
      }
    `,
  ];

  declare callId: number;
  declare user: User | null;
  declare selCall: SelectionCall | null;
  declare sessions: SelectionSession[];
  declare results: SelectionResults | null;
  /** Attendance as ticked, by user id. */
  declare present: Record<number, boolean>;
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare notice: Text | null;
  declare error: Text | null;
  declare busy: Busy;
  /** Field errors of the decision forms, by application id then field. */
  declare decisionErrors: Record<string, Text>;
  /** Applications whose form records a vote. */
  declare votesFor: Record<number, boolean>;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.callId = 0;
    this.user = null;
    this.selCall = null;
    this.sessions = [];
    this.results = null;
    this.present = {};
    this.phase = 'loading';
    this.notice = null;
    this.error = null;
    this.busy = null;
    this.decisionErrors = {};
    this.votesFor = {};
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('callId')) void this.load();
  }

  private async load(): Promise<void> {
    if (this.selCall?.id !== this.callId) this.phase = 'loading';
    const param = { id: String(this.callId) };
    try {
      const selCall = await call(api.selection.calls[':id'].$get({ param }));
      this.selCall = selCall;
      if (selCall.scoringClosedAt) {
        const [sessions, results] = await Promise.all([
          call(api.selection.calls[':id'].sessions.$get({ param })),
          call(api.selection.calls[':id'].results.$get({ param })),
        ]);
        this.sessions = sessions;
        this.results = results;
      }
      const open = this.openSession;
      const present: Record<number, boolean> = {};
      for (const seat of selCall.committee)
        present[seat.userId] = open?.attendance.find((a) => a.userId === seat.userId)?.present ?? false;
      this.present = present;
      this.phase = 'ready';
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.error = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  /** The session still open (its minutes not issued), if any. */
  private get openSession(): SelectionSession | undefined {
    return this.sessions.find((s) => !s.locked);
  }

  /** Scored applications still waiting for a decision. */
  private get undecided(): number {
    return (this.results?.rows ?? []).filter((row) => row.decision === null).length;
  }

  private get presiding(): boolean {
    const role = this.selCall?.myRole;
    return role === 'president' || role === 'rapporteur';
  }

  private get presentCount(): number {
    return Object.values(this.present).filter(Boolean).length;
  }

  override render() {
    const { t } = this.i18n;
    const c = this.selCall;
    const head = html`<gie-confirm-dialog></gie-confirm-dialog>
      ${breadcrumb([...(c ? [{ href: `/selection/calls/${c.id}`, label: html`<bdi>${c.title}</bdi>` }] : []), { label: t('nav.selectionDeliberation') }])}
      <h1>${t('nav.selectionDeliberation')}${c ? html` — <bdi>${c.title}</bdi>` : nothing}</h1>
      <gie-call-tabs .callId=${this.callId} current="selectionDeliberation"></gie-call-tabs>`;
    if (this.phase === 'loading') {
      return html`${head}<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('sel.deliberation.loading')}</p>`;
    }
    if (this.phase === 'not-found') return html`${head}<p class="alert">${t('sel.call.notFoundBody')}</p>`;
    if (this.phase === 'failed' || !c) {
      return html`${head}<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    if (!c.scoringClosedAt)
      return html`${head}<p class="notice" data-testid="deliberation-not-closed">${t('sel.deliberation.notClosed')}</p>`;
    const open = this.openSession;
    return html`${head}
      <div role="status" data-testid="deliberation-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="deliberation-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${
        open
          ? this.renderSession(c, open)
          : this.undecided === 0
            ? html`<p class="notice" data-testid="all-decided">${t('sel.deliberation.allDecided')}</p>`
            : this.presiding
              ? this.renderOpenForm(c)
              : html`<p class="hint" data-testid="no-open-session">${t('sel.deliberation.noOpen')}</p>`
      }
      ${this.renderIssued()}`;
  }

  private renderAttendance(c: SelectionCall, editable: boolean) {
    const { t } = this.i18n;
    const required = this.openSession?.quorumRequired ?? c.effectiveQuorum;
    const present = this.presentCount;
    return html`<fieldset data-testid="attendance">
      <legend>${t('sel.deliberation.attendance')}</legend>
      <ul class="plain">
        ${c.committee.map(
          (seat) => html`<li class="checkbox-row">
            <input
              type="checkbox"
              id="present-${seat.userId}"
              data-testid="present-${seat.userId}"
              .checked=${this.present[seat.userId] ?? false}
              ?disabled=${!editable}
              @change=${(e: Event) => (this.present = { ...this.present, [seat.userId]: (e.target as HTMLInputElement).checked })}
            />
            <label for="present-${seat.userId}"><bdi>${seat.displayName}</bdi> — ${committeeRoleLabel(seat.role)}</label>
          </li>`,
        )}
      </ul>
      <p class="quorum ${present >= required ? 'ok' : 'off'}" role="status" aria-live="polite" data-testid="quorum" data-reached=${present >= required ? 'true' : 'false'}>
        ${t(present >= required ? 'sel.deliberation.quorumReached' : 'sel.deliberation.quorumMissing', {
          present: formatNumber(present),
          required: formatNumber(required),
          size: formatNumber(c.committee.length),
        })}
      </p>
    </fieldset>`;
  }

  private renderOpenForm(c: SelectionCall) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="open-title">
      <h2 id="open-title">${t('sel.deliberation.openTitle')}</h2>
      <form novalidate data-testid="session-form" @submit=${this.openNew}>
        <div class="grid-2">
          <div class="field">
            <label for="session-heldOn">${t('sel.deliberation.heldOn')}</label>
            <input id="session-heldOn" name="heldOn" type="date" max=${todayIso()} .value=${todayIso()} data-testid="session-heldOn" />
          </div>
          <div class="field">
            <label for="session-place">${t('sel.deliberation.place')}</label>
            <input id="session-place" name="place" dir="auto" maxlength="200" data-testid="session-place" />
          </div>
        </div>
        ${this.renderAttendance(c, true)}
        <div class="actions">
          <button type="submit" data-testid="session-open" ?disabled=${this.busy !== null}>
            ${this.busy === 'open' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('sel.deliberation.open')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private renderSession(c: SelectionCall, s: SelectionSession) {
    const { t } = this.i18n;
    const editable = this.presiding && !s.locked;
    const ranked = [...(this.results?.rows ?? [])].sort(
      (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.applicationId - b.applicationId,
    );
    return html`<section class="card" aria-labelledby="session-title" data-testid="session" data-id=${s.id}>
        <h2 id="session-title">${t('sel.deliberation.session', { date: formatDay(s.heldOn) })}${s.place ? html` — <bdi>${s.place}</bdi>` : nothing}</h2>
        ${this.renderAttendance(c, editable)}
        ${
          editable
            ? html`<div class="actions">
              <button type="button" class="secondary" data-testid="attendance-save" ?disabled=${this.busy !== null} @click=${() => this.saveAttendance(s)}>
                ${this.busy === 'attendance' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('sel.deliberation.saveAttendance')}
              </button>
            </div>`
            : nothing
        }
        <p class="hint" data-testid="session-quorum-recorded">
          ${t('sel.deliberation.recorded', { present: formatNumber(s.present), required: formatNumber(s.quorumRequired) })}
        </p>
      </section>
      <section class="card" aria-labelledby="decisions-title">
        <h2 id="decisions-title">${t('sel.deliberation.decisions')}</h2>
        ${ranked.length === 0 ? html`<p class="empty">${t('sel.deliberation.nothingToDecide')}</p>` : nothing}
        ${ranked.map((row) => {
          const decided = s.decisions.find((d) => d.applicationId === row.applicationId);
          return html`<article class="card" data-testid="decision-item" data-application=${row.applicationId}>
            <h3>
              ${row.rank !== null ? html`<span class="num">${formatNumber(row.rank)}.</span>` : nothing} <bdi>${row.candidateName}</bdi>
              — ${score(row.mean)} / 100
              ${row.suggestion ? html`<span class="hint">${t('sel.deliberation.suggested', { decision: decisionLabel(row.suggestion as Decision) })}</span>` : nothing}
            </h3>
            ${
              decided
                ? html`<p data-testid="decision-recorded">
                    ${decisionBadge(decided.decision)} <bdi class="pre">${decided.reasons}</bdi>
                    ${decided.votes ? html`<span class="hint">${t('sel.deliberation.votesRecorded', { for: decided.votes.for, against: decided.votes.against, abstain: decided.votes.abstain })}</span>` : nothing}
                    ${decided.abstentions.length > 0 ? html`<span class="hint">${t('sel.deliberation.abstaining', { names: decided.abstentions.map((a) => a.displayName).join(', ') })}</span>` : nothing}
                  </p>`
                : row.decision
                  ? html`<p>${decisionBadge(row.decision as Decision)} <span class="hint">${t('sel.deliberation.decidedEarlier')}</span></p>`
                  : editable
                    ? this.renderDecisionForm(row.applicationId)
                    : html`<p class="hint">${t('sel.deliberation.pending')}</p>`
            }
          </article>`;
        })}
        ${
          editable
            ? html`<div class="actions">
              <button type="button" data-testid="minutes-issue" ?disabled=${this.busy !== null} aria-busy=${this.busy === 'minutes' ? 'true' : 'false'} @click=${() => this.issueMinutes(s)}>
                ${this.busy === 'minutes' ? html`<span class="spinner" aria-hidden="true"></span>${t('sel.minutes.issuing')}` : t('sel.minutes.issue')}
              </button>
            </div>`
            : nothing
        }
      </section>`;
  }

  private renderDecisionForm(applicationId: number) {
    const { t } = this.i18n;
    const id = (field: string) => `decision-${applicationId}-${field}`;
    const err = (field: string) => this.decisionErrors[`${applicationId}.${field}`];
    const vote = this.votesFor[applicationId] ?? false;
    return html`<form novalidate class="decision-form" data-testid="decision-form" @submit=${(e: Event) => this.recordDecision(e, applicationId)}>
      <div class="field">
        <label for=${id('decision')}>${t('sel.results.decision')}</label>
        <select id=${id('decision')} name="decision" data-testid="decision-select" aria-invalid=${err('decision') ? 'true' : 'false'}>
          ${DECISIONS.map((d) => html`<option value=${d}>${decisionLabel(d)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for=${id('reasons')}>${t('sel.deliberation.reasons')}<span class="required" aria-hidden="true"> *</span></label>
        <textarea
          id=${id('reasons')}
          name="reasons"
          rows="2"
          dir="auto"
          maxlength="4000"
          required
          data-testid="decision-reasons"
          aria-invalid=${err('reasons') ? 'true' : 'false'}
          aria-describedby=${err('reasons') ? id('reasons-error') : ''}
        ></textarea>
        ${err('reasons') ? html`<p class="field-error" id=${id('reasons-error')}>${textOf(err('reasons')!)}</p>` : nothing}
      </div>
      <div class="checkbox-row">
        <input
          type="checkbox"
          id=${id('vote')}
          data-testid="decision-vote"
          .checked=${vote}
          @change=${(e: Event) => (this.votesFor = { ...this.votesFor, [applicationId]: (e.target as HTMLInputElement).checked })}
        />
        <label for=${id('vote')}>${t('sel.deliberation.voteHeld')}</label>
      </div>
      ${
        vote
          ? html`<fieldset class="row">
            <legend>${t('sel.deliberation.votes')}</legend>
            ${(['for', 'against', 'abstain'] as const).map(
              (k) => html`<div class="field">
                <label for=${id(k)}>${t(`sel.deliberation.vote.${k}`)}</label>
                <input id=${id(k)} name=${k} type="number" min="0" dir="ltr" data-testid="decision-votes-${k}" aria-invalid=${err('votes') ? 'true' : 'false'} />
              </div>`,
            )}
            ${err('votes') ? html`<p class="field-error">${textOf(err('votes')!)}</p>` : nothing}
          </fieldset>`
          : nothing
      }
      ${err('form') ? html`<p class="field-error">${textOf(err('form')!)}</p>` : nothing}
      <div class="actions">
        <button type="submit" data-testid="decision-save" ?disabled=${this.busy !== null}>
          ${this.busy === 'decision' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('sel.deliberation.record')}
        </button>
      </div>
    </form>`;
  }

  private renderIssued() {
    const { t } = this.i18n;
    const issued = this.sessions.filter((s) => s.locked);
    if (issued.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="minutes-title">
      <h2 id="minutes-title">${t('sel.minutes.title')}</h2>
      <ul class="plain" data-testid="minutes-list">
        ${issued.map(
          (s) => html`<li data-testid="minutes" data-session=${s.id}>
            ${t('sel.deliberation.session', { date: formatDay(s.heldOn) })} —
            ${t('sel.minutes.issuedAt', { date: formatDateTime(s.minutesIssuedAt ?? '') })}
            <a class="button secondary small" href="/api/selection/sessions/${s.id}/minutes" target="_blank" rel="noopener" data-testid="minutes-pdf"
              >${t('sel.minutes.pdf')}<span class="visually-hidden"> ${t('inv.newTab')}</span></a
            >
            <ul>
              ${s.decisions.map((d) => html`<li>${decisionBadge(d.decision)} <bdi>${d.candidateName}</bdi></li>`)}
            </ul>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private attendanceList() {
    return (this.selCall?.committee ?? []).map((seat) => ({ userId: seat.userId, present: this.present[seat.userId] ?? false }));
  }

  private async openNew(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = 'open';
    this.error = null;
    try {
      await call(
        api.selection.calls[':id'].sessions.$post({
          param: { id: String(this.callId) },
          json: {
            heldOn: String(data.get('heldOn') ?? ''),
            place: String(data.get('place') ?? '').trim() || null,
            attendance: this.attendanceList(),
          },
        }),
      );
      this.notice = { key: 'sel.deliberation.opened' };
      await this.load();
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status !== 0
          ? { raw: error.errors[0]?.message ?? error.detail ?? error.title }
          : problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private async saveAttendance(s: SelectionSession): Promise<void> {
    this.busy = 'attendance';
    this.error = null;
    try {
      await call(
        api.selection.sessions[':id'].attendance.$put({
          param: { id: String(s.id) },
          json: { attendance: this.attendanceList() },
        }),
      );
      this.notice = { key: 'sel.deliberation.attendanceSaved' };
      await this.load();
    } catch (error) {
      this.error = error instanceof ApiProblem && error.status !== 0 ? { raw: error.detail ?? error.title } : problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private async recordDecision(event: Event, applicationId: number): Promise<void> {
    event.preventDefault();
    const s = this.openSession;
    if (!s || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const reasons = String(data.get('reasons') ?? '').trim();
    const errors: Record<string, Text> = {};
    if (!reasons) errors[`${applicationId}.reasons`] = { key: 'sel.deliberation.reasonsRequired' };
    const vote = this.votesFor[applicationId] ?? false;
    const count = (name: string) => Number(String(data.get(name) ?? '').trim() || 'NaN');
    const votes = vote ? { for: count('for'), against: count('against'), abstain: count('abstain') } : null;
    if (votes && Object.values(votes).some((n) => !Number.isInteger(n) || n < 0)) {
      errors[`${applicationId}.votes`] = { key: 'sel.deliberation.votesInvalid' };
    }
    this.decisionErrors = errors;
    if (Object.keys(errors).length > 0) {
      void focusFirstInvalid(this);
      return;
    }
    this.busy = 'decision';
    try {
      await call(
        api.selection.sessions[':id'].decisions.$post({
          param: { id: String(s.id) },
          json: { applicationId, decision: String(data.get('decision')) as Decision, reasons, votes },
        }),
      );
      this.notice = { key: 'sel.deliberation.decisionSaved' };
      await this.load();
    } catch (error) {
      if (error instanceof ApiProblem && error.status !== 0) {
        const fieldErrors: Record<string, Text> = {};
        for (const fe of error.errors) {
          // the decision's own fields get their message; anything else (the quorum) is said under the form
          const head = fe.path.split('.')[0] ?? '';
          const field = ['decision', 'reasons', 'votes'].includes(head) ? head : 'form';
          fieldErrors[`${applicationId}.${field}`] ??= { raw: field === 'form' ? (error.detail ?? fe.message) : fe.message };
        }
        if (error.errors.length === 0) fieldErrors[`${applicationId}.form`] = { raw: error.detail ?? error.title };
        this.decisionErrors = fieldErrors;
        void focusFirstInvalid(this);
      } else this.error = problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private async issueMinutes(s: SelectionSession): Promise<void> {
    const { t } = this.i18n;
    const ok = await this.renderRoot.querySelector<ConfirmDialog>('gie-confirm-dialog')?.ask({
      title: t('sel.minutes.confirmTitle'),
      body: t('sel.minutes.confirmBody', { count: s.decisions.length }),
      warning: t('sel.minutes.confirmWarning'),
      confirmLabel: t('sel.minutes.issue'),
    });
    if (!ok) return;
    this.busy = 'minutes';
    this.error = null;
    try {
      await call(api.selection.sessions[':id'].minutes.$post({ param: { id: String(s.id) } }));
      this.notice = { key: 'sel.minutes.issued' };
      await this.load();
    } catch (error) {
      this.error = error instanceof ApiProblem && error.status !== 0 ? { raw: error.detail ?? error.title } : problemText(error);
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('gie-selection-deliberation-page', SelectionDeliberationPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-deliberation-page': SelectionDeliberationPage;
  }
}
