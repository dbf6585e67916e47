// The allocation run wizard (/pooling/runs/new): choose the period (this or last quarter in one click) and the
// services, preview every member's share with the chart and the comparison with the previous period, then approve
// and post (a draft, then the posting with an Idempotency-Key, progress shown) and land on the run with its
// charge notes. `?from=&to=&services=` prefills it, for a re-run after a reversal.
import { css, html, LitElement, nothing } from 'lit';
import type { User } from '../api/types.ts';
import { setFlash } from '../app/flash.ts';
import { focusFirstInvalid, inputField, problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatNumber, LocaleController } from '../i18n/localize.ts';
import { type ConfirmDialog, code, newIdempotencyKey } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import { loadServices, postRunPath, previewRunPath, runsPath } from './pooling-api.ts';
import type { AllocationRun, PooledService, RunComputation } from './pooling-types.ts';
import { money, type Period, periodText, poolingStyles, quarterName, quarterOf } from './pooling-ui.ts';
import { type CallProgress, progressCall } from './progress-call.ts';
import './pooling-ui.ts';
import './run-view.ts';

type Busy = null | 'preview' | 'draft' | 'post';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RunNewPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    services: { state: true },
    from: { state: true },
    to: { state: true },
    chosen: { state: true },
    preview: { state: true },
    busy: { state: true },
    progress: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
  };

  static override styles = [
    sharedStyles,
    poolingStyles,
    css`
      .quick {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-block-end: 1rem;
      }
      .period {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
      }
      .period .field {
        flex: 0 1 12rem;
      }
      fieldset.services {
        display: grid;
        gap: 0.35rem;
      }
      .progress {
        display: grid;
        gap: 0.35rem;
        margin-block: 0.75rem;
      }
      ol.steps {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
        color: var(--gie-muted);
      }
      ol.steps [aria-current='step'] {
        color: var(--gie-primary);
        font-weight: 700;
      }
    `,
  ];

  declare user: User | null;
  declare services: PooledService[];
  declare from: string;
  declare to: string;
  declare chosen: Set<number>;
  declare preview: RunComputation | null;
  declare busy: Busy;
  declare progress: CallProgress | null;
  declare error: Text | null;
  declare fieldErrors: Partial<Record<'from' | 'to' | 'serviceIds', Text>>;

  private readonly i18n = new LocaleController(this);
  /** The draft made by a first "approve" whose posting failed: a retry posts it rather than making another. */
  private draftId: number | null = null;
  private postKey = newIdempotencyKey();

  constructor() {
    super();
    this.user = null;
    this.services = [];
    const last = quarterOf(todayIso(), -1);
    this.from = last.from;
    this.to = last.to;
    this.chosen = new Set();
    this.preview = null;
    this.busy = null;
    this.progress = null;
    this.error = null;
    this.fieldErrors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const params = new URLSearchParams(location.search);
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (DATE.test(from) && DATE.test(to)) {
      this.from = from;
      this.to = to;
    }
    const wanted = (params.get('services') ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    void this.load(wanted);
  }

  private async load(wanted: number[]): Promise<void> {
    try {
      this.services = (await loadServices()).filter((s) => s.active || wanted.includes(s.id));
      this.chosen = new Set(wanted.length > 0 ? wanted : this.services.map((s) => s.id));
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  override render() {
    const { t } = this.i18n;
    const step = this.preview ? 2 : 1;
    return html`<gie-confirm-dialog></gie-confirm-dialog>
      <gie-pooling-tabs current="poolingRunNew" .userRole=${this.user?.role}></gie-pooling-tabs>
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/pooling/runs">${t('nav.poolingRuns')}</a></li>
          <li><span aria-current="page">${t('nav.poolingRunNew')}</span></li>
        </ol>
      </nav>
      <h1 tabindex="-1" id="wizard-title">${t('pool.wizard.title')}</h1>
      <p class="lead">${t('pool.wizard.lead')}</p>
      <ol class="steps" data-testid="wizard-steps">
        <li aria-current=${step === 1 ? 'step' : 'false'}>${t('pool.wizard.step1')}</li>
        <li aria-current=${step === 2 ? 'step' : 'false'}>${t('pool.wizard.step2')}</li>
        <li>${t('pool.wizard.step3')}</li>
      </ol>
      <div role="alert" data-testid="wizard-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderChoice()} ${this.renderProgress()} ${this.preview ? this.renderPreview(this.preview) : nothing}`;
  }

  private renderChoice() {
    const { t } = this.i18n;
    const today = todayIso();
    const quick: Array<{ id: string; period: Period }> = [
      { id: 'this-quarter', period: quarterOf(today) },
      { id: 'last-quarter', period: quarterOf(today, -1) },
    ];
    const locked = this.busy !== null;
    return html`<form class="card" novalidate data-testid="wizard-form" @submit=${this.runPreview}>
      <fieldset>
        <legend>${t('pool.wizard.period')}</legend>
        <div class="quick" role="group" aria-label=${t('pool.wizard.quick')}>
          ${quick.map(
            (q) => html`<button
              type="button"
              class="secondary small"
              data-testid="quick-${q.id}"
              aria-pressed=${this.from === q.period.from && this.to === q.period.to ? 'true' : 'false'}
              ?disabled=${locked}
              @click=${() => this.setPeriod(q.period)}
            >
              ${t(q.id === 'this-quarter' ? 'pool.wizard.thisQuarter' : 'pool.wizard.lastQuarter')} (${quarterName(q.period)})
            </button>`,
          )}
        </div>
        <div class="period">
          ${inputField({ id: 'from', label: t('pool.wizard.from'), type: 'date', required: true, value: this.from, error: this.fieldErrors.from, testid: 'wizard-from' })}
          ${inputField({ id: 'to', label: t('pool.wizard.to'), type: 'date', required: true, value: this.to, error: this.fieldErrors.to, testid: 'wizard-to' })}
        </div>
      </fieldset>
      <fieldset class="services" data-testid="wizard-services" aria-invalid=${this.fieldErrors.serviceIds ? 'true' : 'false'}>
        <legend>${t('pool.wizard.services')}</legend>
        ${
          this.services.length === 0
            ? html`<p class="empty">${t('pool.services.empty')}</p>`
            : this.services.map(
                (s) => html`<div class="checkbox-row">
                  <input
                    type="checkbox"
                    id="service-${s.id}"
                    data-testid="wizard-service"
                    data-code=${s.code}
                    .checked=${this.chosen.has(s.id)}
                    ?disabled=${locked}
                    @change=${(e: Event) => this.toggle(s.id, (e.target as HTMLInputElement).checked)}
                  />
                  <label for="service-${s.id}">${code(s.code)} <bdi>${s.name}</bdi>
                    ${s.currentKey ? html`<span class="hint" lang="en" dir="ltr">(${s.currentKey.label})</span>` : nothing}</label
                  >
                </div>`,
              )
        }
        ${this.fieldErrors.serviceIds ? html`<p class="field-error">${textOf(this.fieldErrors.serviceIds)}</p>` : nothing}
      </fieldset>
      <div class="actions">
        <button type="submit" data-testid="wizard-preview" aria-busy=${this.busy === 'preview' ? 'true' : 'false'} ?disabled=${locked}>
          ${this.busy === 'preview' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('pool.wizard.preview')}
        </button>
      </div>
    </form>`;
  }

  private renderProgress() {
    if (this.busy === null) return nothing;
    const { t } = this.i18n;
    const label = t(
      this.busy === 'preview' ? 'pool.wizard.computing' : this.busy === 'draft' ? 'pool.wizard.saving' : 'pool.wizard.posting',
    );
    const p = this.progress;
    return html`<div class="progress card" role="status" data-testid="wizard-progress">
      <label for="wizard-progress-bar">${label}</label>
      ${
        p && p.total > 0
          ? html`<progress id="wizard-progress-bar" max=${p.total} .value=${p.done}></progress>
            <span class="hint">${formatNumber(p.done)} / ${formatNumber(p.total)}</span>`
          : html`<progress id="wizard-progress-bar"></progress>`
      }
    </div>`;
  }

  private renderPreview(preview: RunComputation) {
    const { t } = this.i18n;
    const blocked = preview.problems.length > 0 || preview.services.length === 0;
    return html`<section aria-labelledby="preview-title" data-testid="wizard-preview-result">
      <h2 id="preview-title" tabindex="-1">${t('pool.wizard.previewTitle', { period: periodText(preview.from, preview.to) })}</h2>
      <gie-run-view .run=${preview} .memberLinks=${true}></gie-run-view>
      <div class="card">
        <p>${t('pool.wizard.approveHint', { total: money(preview.totals.total), count: formatNumber(preview.totals.byMember.length) })}</p>
        ${blocked ? html`<p class="alert" data-testid="wizard-blocked">${t('pool.wizard.blocked')}</p>` : nothing}
        <div class="actions">
          <button
            type="button"
            data-testid="wizard-post"
            aria-busy=${this.busy === 'post' || this.busy === 'draft' ? 'true' : 'false'}
            ?disabled=${blocked || this.busy !== null}
            @click=${() => this.approve(true)}
          >
            ${this.busy === 'post' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('pool.wizard.approvePost')}
          </button>
          <button type="button" class="secondary" data-testid="wizard-draft" ?disabled=${blocked || this.busy !== null} @click=${() => this.approve(false)}>
            ${t('pool.wizard.saveDraft')}
          </button>
        </div>
      </div>
    </section>`;
  }

  private setPeriod(period: Period): void {
    this.from = period.from;
    this.to = period.to;
    this.preview = null;
    this.draftId = null;
  }

  private toggle(id: number, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = next;
    this.preview = null;
    this.draftId = null;
  }

  private readPeriod(): boolean {
    const form = this.renderRoot.querySelector<HTMLFormElement>('[data-testid="wizard-form"]');
    const data = form ? new FormData(form) : null;
    this.from = String(data?.get('from') ?? this.from);
    this.to = String(data?.get('to') ?? this.to);
    const errors: typeof this.fieldErrors = {};
    if (!DATE.test(this.from)) errors.from = { key: 'pool.error.date' };
    if (!DATE.test(this.to)) errors.to = { key: 'pool.error.date' };
    else if (DATE.test(this.from) && this.to < this.from) errors.to = { key: 'pool.error.periodOrder' };
    if (this.chosen.size === 0) errors.serviceIds = { key: 'pool.error.noService' };
    this.fieldErrors = errors;
    return Object.keys(errors).length === 0;
  }

  private get input() {
    return { from: this.from, to: this.to, serviceIds: [...this.chosen] };
  }

  private async runPreview(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.error = null;
    if (!this.readPeriod()) {
      await focusFirstInvalid(this);
      return;
    }
    this.busy = 'preview';
    this.progress = null;
    this.preview = null;
    this.draftId = null;
    try {
      this.preview = await progressCall<RunComputation>(previewRunPath(), {
        body: this.input,
        onProgress: (p) => {
          this.progress = p;
        },
      });
      this.postKey = newIdempotencyKey();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#preview-title')?.focus();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = null;
      this.progress = null;
    }
  }

  private async approve(post: boolean): Promise<void> {
    const preview = this.preview;
    if (!preview || this.busy) return;
    const { t } = this.i18n;
    if (post) {
      const ok = await this.confirm?.ask({
        title: t('pool.wizard.confirmTitle'),
        body: t('pool.wizard.confirmBody', {
          total: money(preview.totals.amount),
          count: formatNumber(preview.totals.byMember.length),
          period: periodText(preview.from, preview.to),
        }),
        warning: t('pool.wizard.confirmWarning'),
        confirmLabel: t('pool.wizard.approvePost'),
      });
      if (!ok) return;
    }
    this.error = null;
    try {
      if (this.draftId === null) {
        this.busy = 'draft';
        this.progress = null;
        const draft = await progressCall<AllocationRun>(runsPath(), {
          body: this.input,
          onProgress: (p) => {
            this.progress = p;
          },
        });
        this.draftId = draft.id;
      }
      const id = this.draftId;
      if (!post) {
        setFlash(`/pooling/runs/${id}`, { notice: { key: 'pool.run.draftSaved' } });
        navigate(`/pooling/runs/${id}`);
        return;
      }
      this.busy = 'post';
      this.progress = null;
      const posted = await progressCall<AllocationRun>(postRunPath(id), {
        body: {},
        headers: { 'idempotency-key': this.postKey },
        onProgress: (p) => {
          this.progress = p;
        },
      });
      setFlash(`/pooling/runs/${posted.id}`, {
        notice: {
          key: 'pool.run.posted',
          params: { count: formatNumber(posted.chargeNotes.length), reference: posted.entryReference ?? '' },
        },
      });
      navigate(`/pooling/runs/${posted.id}`);
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = null;
      this.progress = null;
    }
  }
}

customElements.define('gie-run-new-page', RunNewPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-run-new-page': RunNewPage;
  }
}
