// One allocation run (/pooling/runs/:id): its state and ledger entries (links to the entry screen), posting a
// draft, the charge note of each member (PDF), reversing a posted run after a confirmation (a reversal entry, never
// an edit) and running the period again; below, the run's content as the wizard previewed it.
import { html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { takeFlash } from '../app/flash.ts';
import {
  type FieldErrors,
  focusFirstInvalid,
  inputField,
  problemText,
  type Text,
  textareaField,
  textOf,
  todayIso,
} from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, formatDay, formatNumber, LocaleController } from '../i18n/localize.ts';
import { type ConfirmDialog, code, ledgerStyles, newIdempotencyKey } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import { chargeNotePdfHref, postRunPath, runsPath } from './pooling-api.ts';
import type { AllocationRun } from './pooling-types.ts';
import { bare, mayManage, money, periodText, poolingStyles, runStatusBadge } from './pooling-ui.ts';
import { type CallProgress, progressCall } from './progress-call.ts';
import './pooling-ui.ts';
import './run-view.ts';

type Phase = 'loading' | 'ready' | 'not-found' | 'failed';
type Busy = null | 'post' | 'reverse' | 'delete';
type ReverseField = 'date' | 'reason';

export class RunPage extends LitElement {
  static override properties = {
    runId: { type: Number },
    user: { attribute: false },
    run: { state: true },
    phase: { state: true },
    busy: { state: true },
    progress: { state: true },
    error: { state: true },
    notice: { state: true },
    reverseErrors: { state: true },
  };

  static override styles = [sharedStyles, ledgerStyles, poolingStyles];

  declare runId: number;
  declare user: User | null;
  declare run: AllocationRun | null;
  declare phase: Phase;
  declare busy: Busy;
  declare progress: CallProgress | null;
  declare error: Text | null;
  declare notice: Text | null;
  declare reverseErrors: FieldErrors<ReverseField>;

  private readonly i18n = new LocaleController(this);
  private postKey = newIdempotencyKey();
  private reverseKey = newIdempotencyKey();

  constructor() {
    super();
    this.runId = 0;
    this.user = null;
    this.run = null;
    this.phase = 'loading';
    this.busy = null;
    this.progress = null;
    this.error = null;
    this.notice = null;
    this.reverseErrors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.notice = takeFlash(location.pathname)?.notice ?? null;
    void this.load();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('runId') && changed.get('runId') !== undefined) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.runId) return;
    this.phase = this.run?.id === this.runId ? 'ready' : 'loading';
    try {
      this.run = await call(api.pooling.runs[':id'].$get({ param: { id: String(this.runId) } }));
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

  override render() {
    const { t } = this.i18n;
    const head = html`<gie-confirm-dialog></gie-confirm-dialog>
      <gie-pooling-tabs current="poolingRun" .userRole=${this.user?.role}></gie-pooling-tabs>
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/pooling/runs">${t('nav.poolingRuns')}</a></li>
          <li><span aria-current="page">${t('pool.run.title', { id: this.runId })}</span></li>
        </ol>
      </nav>`;
    if (this.phase === 'loading') {
      return html`${head}<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('pool.run.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`${head}<section data-testid="run-not-found">
          <h1>${t('pool.run.notFound')}</h1>
          <p><a href="/pooling/runs">${t('pool.run.back')}</a></p>
        </section>`;
    }
    const run = this.run;
    if (this.phase === 'failed' || !run) {
      return html`${head}<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    return html`${head}
      <div class="page-head">
        <div>
          <h1 tabindex="-1" id="run-title" data-testid="run-title">
            ${t('pool.run.title', { id: run.id })} <span data-testid="run-status">${runStatusBadge(run.status)}</span>
          </h1>
          <p class="lead">${periodText(run.from, run.to)}</p>
        </div>
        ${this.renderActions(run)}
      </div>
      <div role="status" data-testid="run-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="run-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderProgress()} ${this.renderFacts(run)} ${this.renderNotes(run)}
      <gie-run-view .run=${run} .memberLinks=${true}></gie-run-view>
      ${this.renderReverseDialog()}`;
  }

  private renderActions(run: AllocationRun) {
    const { t } = this.i18n;
    if (!mayManage(this.user?.role)) return nothing;
    const buttons = [];
    if (run.status === 'draft') {
      buttons.push(html`<button type="button" data-testid="run-post" aria-busy=${this.busy === 'post' ? 'true' : 'false'} ?disabled=${this.busy !== null} @click=${this.post}>
          ${this.busy === 'post' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('pool.wizard.approvePost')}
        </button>
        <button type="button" class="secondary danger" data-testid="run-delete" ?disabled=${this.busy !== null} @click=${this.deleteDraft}>
          ${t('pool.run.delete')}
        </button>`);
    }
    if (run.status === 'posted') {
      buttons.push(html`<button type="button" class="danger" data-testid="run-reverse" ?disabled=${this.busy !== null} @click=${this.openReverse}>
        ${t('pool.run.reverse')}
      </button>`);
    }
    if (run.status === 'reversed') {
      const services = run.services.map((s) => s.serviceId).join(',');
      buttons.push(html`<a class="button" data-testid="run-again" href="/pooling/runs/new?from=${run.from}&to=${run.to}&services=${services}"
        >${t('pool.run.again')}</a
      >`);
    }
    return buttons.length > 0
      ? html`<div class="actions" role="group" aria-label=${t('pool.run.actions')}>${buttons}</div>`
      : nothing;
  }

  private renderProgress() {
    if (this.busy !== 'post') return nothing;
    const { t } = this.i18n;
    const p = this.progress;
    return html`<div class="card" role="status" data-testid="run-progress">
      <label for="run-progress-bar">${t('pool.wizard.posting')}</label>
      ${
        p && p.total > 0
          ? html`<progress id="run-progress-bar" max=${p.total} .value=${p.done}></progress>
            <span class="hint">${formatNumber(p.done)} / ${formatNumber(p.total)}</span>`
          : html`<progress id="run-progress-bar"></progress>`
      }
    </div>`;
  }

  private renderFacts(run: AllocationRun) {
    const { t } = this.i18n;
    return html`<section class="card">
      <dl class="facts">
        <dt>${t('pool.run.createdAt')}</dt>
        <dd>${formatDateTime(run.createdAt)}</dd>
        ${
          run.entryId
            ? html`<dt>${t('pool.run.entry')}</dt>
              <dd>
                <a href="/ledger/entries/${run.entryId}" data-testid="run-entry"
                  >${run.entryReference ? code(run.entryReference) : `#${run.entryId}`}</a
                >
                ${run.postingDate ? html`<span class="hint">· ${formatDay(run.postingDate)}</span>` : nothing}
              </dd>`
            : nothing
        }
        ${
          run.reversalEntryId
            ? html`<dt>${t('pool.run.reversalEntry')}</dt>
              <dd>
                <a href="/ledger/entries/${run.reversalEntryId}" data-testid="run-reversal-entry">#${run.reversalEntryId}</a>
                ${run.reversalReason ? html`<span class="hint">· <bdi>${run.reversalReason}</bdi></span>` : nothing}
              </dd>`
            : nothing
        }
      </dl>
    </section>`;
  }

  private renderNotes(run: AllocationRun) {
    const { t } = this.i18n;
    if (run.chargeNotes.length === 0) return nothing;
    const memberOf = (id: number) => run.totals.byMember.find((m) => m.memberId === id);
    return html`<section class="card" aria-labelledby="notes-title">
      <h2 id="notes-title">${t('pool.notes.title')}</h2>
      ${run.status === 'reversed' ? html`<p class="hint">${t('pool.notes.reversedHint')}</p>` : nothing}
      <div class="table-wrap">
        <table data-testid="run-notes">
          <caption class="visually-hidden">${t('pool.notes.title')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('pool.col.number')}</th>
              <th scope="col">${t('pool.col.member')}</th>
              <th scope="col" class="amount">${t('pool.col.totalTtc')}</th>
              <th scope="col">${t('pool.col.pdf')}</th>
            </tr>
          </thead>
          <tbody>
            ${run.chargeNotes.map((n) => {
              const m = memberOf(n.memberId);
              return html`<tr data-testid="run-note" data-member=${m?.memberCode ?? ''}>
                <th scope="row">${code(n.number)}</th>
                <td>${m ? html`${code(m.memberCode)} <bdi>${m.memberName}</bdi>` : `#${n.memberId}`}</td>
                <td class="amount">${bare(n.totalTtc)}</td>
                <td>
                  <a href=${chargeNotePdfHref(n.id)} target="_blank" rel="noopener" data-testid="run-note-pdf"
                    >${t('pool.notes.pdf')}<span class="visually-hidden"> ${n.number} ${t('inv.newTab')}</span></a
                  >
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderReverseDialog() {
    const { t } = this.i18n;
    const run = this.run;
    return html`<dialog id="reverse-dialog" aria-labelledby="reverse-title" data-testid="reverse-dialog">
      <form novalidate @submit=${this.reverse}>
        <h2 id="reverse-title">${t('pool.reverse.title')}</h2>
        <p>${t('pool.reverse.body', { total: run ? money(run.totals.amount) : '' })}</p>
        ${inputField({ id: 'reverse-date', name: 'date', label: t('pool.reverse.date'), type: 'date', required: true, value: todayIso(), error: this.reverseErrors.date, testid: 'reverse-date' })}
        ${textareaField({ id: 'reverse-reason', name: 'reason', label: t('pool.reverse.reason'), required: true, rows: 2, maxlength: 500, error: this.reverseErrors.reason, testid: 'reverse-reason' })}
        <div class="actions">
          <button type="submit" class="danger" data-testid="reverse-submit" aria-busy=${this.busy === 'reverse' ? 'true' : 'false'} ?disabled=${this.busy !== null}>
            ${this.busy === 'reverse' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('pool.run.reverse')}
          </button>
          <button type="button" class="secondary" @click=${() => this.dialog?.close()}>${t('form.cancel')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('#reverse-dialog');
  }

  private openReverse(): void {
    this.reverseErrors = {};
    this.reverseKey = newIdempotencyKey();
    this.dialog?.showModal();
  }

  private async post(): Promise<void> {
    const run = this.run;
    if (!run || this.busy) return;
    const { t } = this.i18n;
    const ok = await this.confirm?.ask({
      title: t('pool.wizard.confirmTitle'),
      body: t('pool.wizard.confirmBody', {
        total: money(run.totals.amount),
        count: formatNumber(run.totals.byMember.length),
        period: periodText(run.from, run.to),
      }),
      warning: t('pool.wizard.confirmWarning'),
      confirmLabel: t('pool.wizard.approvePost'),
    });
    if (!ok) return;
    this.busy = 'post';
    this.error = null;
    this.notice = null;
    try {
      this.run = await progressCall<AllocationRun>(postRunPath(run.id), {
        body: {},
        headers: { 'idempotency-key': this.postKey },
        onProgress: (p) => {
          this.progress = p;
        },
      });
      this.notice = {
        key: 'pool.run.posted',
        params: { count: formatNumber(this.run.chargeNotes.length), reference: this.run.entryReference ?? '' },
      };
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = null;
      this.progress = null;
    }
  }

  private async deleteDraft(): Promise<void> {
    const run = this.run;
    if (!run || this.busy) return;
    const { t } = this.i18n;
    const ok = await this.confirm?.ask({
      title: t('pool.run.deleteTitle'),
      body: t('pool.run.deleteBody'),
      confirmLabel: t('pool.run.delete'),
      danger: true,
    });
    if (!ok) return;
    this.busy = 'delete';
    try {
      await call(api.pooling.runs[':id'].$delete({ param: { id: String(run.id) } }));
      navigate('/pooling/runs');
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private async reverse(event: Event): Promise<void> {
    event.preventDefault();
    const run = this.run;
    if (!run || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const date = String(data.get('date') ?? '').trim();
    const reason = String(data.get('reason') ?? '').trim();
    const errors: FieldErrors<ReverseField> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = { key: 'pool.error.date' };
    if (!reason) errors.reason = { key: 'form.required' };
    this.reverseErrors = errors;
    if (Object.keys(errors).length > 0) {
      await focusFirstInvalid(this);
      return;
    }
    this.busy = 'reverse';
    this.error = null;
    try {
      this.run = await progressCall<AllocationRun>(`${runsPath()}/${run.id}/reverse`, {
        body: { date, reason },
        headers: { 'idempotency-key': this.reverseKey },
      });
      this.dialog?.close();
      this.notice = { key: 'pool.run.reversed' };
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const found: FieldErrors<ReverseField> = {};
        for (const e of error.errors) {
          const field = e.path.split('.').at(-1);
          if (field === 'date' || field === 'reason') found[field] = { key: 'form.refused', detail: e.message };
        }
        this.reverseErrors = found;
        if (Object.keys(found).length > 0) {
          await focusFirstInvalid(this);
          return;
        }
      }
      this.dialog?.close();
      this.error = problemText(error);
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('gie-run-page', RunPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-run-page': RunPage;
  }
}
