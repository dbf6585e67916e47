// The ledger's home (/ledger): the fiscal years with their twelve periods (open, locked, closed; drafts and posted
// entries), locking, unlocking (the admin only) and closing a period, opening a fiscal year, and the year-closing
// checklist with the final "Clôturer l'exercice".
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { ChecklistItem, FiscalYear, Period, PeriodState, User } from '../api/types.ts';
import { type FieldErrors, focusFirstInvalid, problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatNumber, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { type ConfirmDialog, ledgerStyles, loadFiscalYears, periodName, refusal, yearName } from './ledger-ui.ts';
import './ledger-ui.ts';

const CHECKLIST_ITEMS: Record<string, { label: MessageKey; todo: MessageKey }> = {
  year_open: { label: 'ledger.checklist.year_open', todo: 'ledger.checklist.year_open.todo' },
  no_drafts: { label: 'ledger.checklist.no_drafts', todo: 'ledger.checklist.no_drafts.todo' },
  balanced: { label: 'ledger.checklist.balanced', todo: 'ledger.checklist.balanced.todo' },
  members_reconciled: { label: 'ledger.checklist.members_reconciled', todo: 'ledger.checklist.members_reconciled.todo' },
  next_year_open: { label: 'ledger.checklist.next_year_open', todo: 'ledger.checklist.next_year_open.todo' },
  result_allocated: { label: 'ledger.checklist.result_allocated', todo: 'ledger.checklist.result_allocated.todo' },
};

const addMonths = (date: string, months: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

export class LedgerHomePage extends LitElement {
  static override properties = {
    user: { attribute: false },
    years: { state: true },
    checklists: { state: true },
    phase: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
    openErrors: { state: true },
  };

  static override styles = [
    sharedStyles,
    ledgerStyles,
    css`
      .year-head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        margin-block-end: 0.75rem;
      }
      .year-head h2 {
        margin: 0;
      }
      .year-head .dates {
        color: var(--gie-muted);
      }
      td.count {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      tr.current th {
        box-shadow: inset 4px 0 0 var(--gie-primary);
      }
      :host(:dir(rtl)) tr.current th {
        box-shadow: inset -4px 0 0 var(--gie-primary);
      }
      .period-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      .checklist {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      .checklist li {
        display: grid;
        grid-template-columns: 1.75rem 1fr;
        gap: 0.1rem 0.5rem;
        align-items: start;
      }
      .checklist .mark {
        display: grid;
        place-items: center;
        inline-size: 1.5rem;
        block-size: 1.5rem;
        border-radius: 50%;
        font-weight: 700;
        background: var(--gie-danger-soft);
        color: var(--gie-danger);
      }
      .checklist li.ok .mark {
        background: var(--gie-success-soft);
        color: var(--gie-success);
      }
      .checklist .hint {
        grid-column: 2;
      }
      .open-year form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-start;
        gap: 0.75rem 1rem;
      }
      .open-year form .actions {
        padding-block-start: 1.75rem;
      }
      .closing {
        margin-block-start: 1.25rem;
      }
      .open-year .field {
        flex: 0 1 14rem;
      }
      .summary {
        color: var(--gie-muted);
        margin: 0;
      }
    `,
  ];

  declare user: User | null;
  declare years: FiscalYear[];
  declare checklists: Record<number, ChecklistItem[] | 'loading' | 'failed'>;
  declare phase: 'loading' | 'ready' | 'failed';
  declare error: Text | null;
  declare notice: Text | null;
  /** What is being done: `period-<id>`, `year-<id>`, `open`. */
  declare busy: string | null;
  declare openErrors: FieldErrors<'startsOn'>;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.years = [];
    this.checklists = {};
    this.phase = 'loading';
    this.error = null;
    this.notice = null;
    this.busy = null;
    this.openErrors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get isAdmin(): boolean {
    return this.user?.role === 'admin';
  }

  private async load(): Promise<void> {
    if (this.years.length === 0) this.phase = 'loading';
    try {
      this.years = await loadFiscalYears();
      this.phase = 'ready';
    } catch (error) {
      this.error = problemText(error);
      this.phase = this.years.length > 0 ? 'ready' : 'failed';
      return;
    }
    await Promise.all(this.years.filter((y) => y.state === 'open').map((y) => this.loadChecklist(y.id)));
  }

  private async loadChecklist(id: number): Promise<void> {
    this.checklists = { ...this.checklists, [id]: 'loading' };
    try {
      const { items } = await call(api.ledger['fiscal-years'][':id'].checklist.$get({ param: { id: String(id) } }));
      this.checklists = { ...this.checklists, [id]: items };
    } catch {
      this.checklists = { ...this.checklists, [id]: 'failed' };
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-ledger-tabs current="ledger" .userRole=${this.user?.role}></gie-ledger-tabs>
      <gie-confirm-dialog></gie-confirm-dialog>
      <div class="page-head">
        <div>
          <h1>${t('ledger.home.title')}</h1>
          <p class="lead">${t('ledger.home.intro')}</p>
        </div>
        <div class="actions">
          <a class="button" href="/ledger/entries/new" data-testid="ledger-entry-new">${t('ledger.entries.new')}</a>
        </div>
      </div>
      <div role="status" data-testid="ledger-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="ledger-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderYears()} ${this.phase === 'ready' ? this.renderOpenYear() : nothing}`;
  }

  private renderYears() {
    const { t } = this.i18n;
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('ledger.home.loading')}</p>`;
    }
    if (this.phase === 'failed') return html`<button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    if (this.years.length === 0) return html`<p class="card" data-testid="ledger-no-year">${t('ledger.home.noYear')}</p>`;
    // closing goes in order: the earliest period not closed yet, whatever its year, is the only one that can be
    const firstOpen = this.years.flatMap((y) => y.periods).find((p) => p.state !== 'closed');
    return [...this.years].reverse().map((year) => this.renderYear(year, firstOpen?.id));
  }

  private renderYear(year: FiscalYear, closableId: number | undefined) {
    const { t } = this.i18n;
    const today = todayIso();
    const drafts = year.periods.reduce((n, p) => n + p.drafts, 0);
    const posted = year.periods.reduce((n, p) => n + p.posted, 0);
    const headingId = `year-${year.id}-title`;
    return html`<section class="card" aria-labelledby=${headingId} data-testid="year-${year.startsOn.slice(0, 4)}" data-year-id=${year.id}>
      <div class="year-head">
        <h2 id=${headingId}>
          ${t('ledger.home.year', { year: yearName(year) })}
          <span class="badge state-${year.state}" data-testid="year-state">${t(`ledger.yearState.${year.state}`)}</span>
        </h2>
        <span class="dates">${formatDay(year.startsOn)} – ${formatDay(year.endsOn)}</span>
      </div>
      <p class="summary">
        ${t('ledger.home.yearSummary', { posted: formatNumber(posted), drafts: formatNumber(drafts) })}
        ${year.closedAt ? html` · ${t('ledger.home.closedAt', { date: formatDay(year.closedAt.slice(0, 10)) })}` : nothing}
      </p>
      <div class="table-wrap">
        <table data-testid="periods-table">
          <caption class="visually-hidden">
            ${t('ledger.home.periodsOf', { year: yearName(year) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('ledger.col.period')}</th>
              <th scope="col">${t('ledger.col.state')}</th>
              <th scope="col" class="amount">${t('ledger.col.drafts')}</th>
              <th scope="col" class="amount">${t('ledger.col.posted')}</th>
              <th scope="col">${t('ledger.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${year.periods.map((p) => this.renderPeriod(p, p.id === closableId, p.startsOn <= today && today <= p.endsOn))}
          </tbody>
        </table>
      </div>
      ${year.state === 'open' ? this.renderChecklist(year) : nothing}
    </section>`;
  }

  private renderPeriod(p: Period, closable: boolean, current: boolean) {
    const { t } = this.i18n;
    const name = periodName(p.startsOn);
    const busy = this.busy !== null;
    const working = this.busy === `period-${p.id}`;
    const button = (state: PeriodState, labelKey: MessageKey, ariaKey: MessageKey, testid: string, disabled = false) =>
      html`<button
        type="button"
        class="small ${state === 'closed' ? 'danger' : 'secondary'}"
        data-testid=${testid}
        aria-label=${t(ariaKey, { period: name })}
        ?disabled=${busy || disabled}
        @click=${() => this.changePeriod(p, state)}
      >
        ${t(labelKey)}
      </button>`;
    return html`<tr class=${current ? 'current' : ''} data-period=${p.startsOn.slice(0, 7)} data-testid="period-${p.startsOn.slice(0, 7)}">
      <th scope="row">
        ${name}
        ${current ? html`<span class="sub">${t('ledger.home.currentPeriod')}</span>` : nothing}
      </th>
      <td><span class="badge state-${p.state}" data-testid="period-state">${t(`ledger.periodState.${p.state}`)}</span></td>
      <td class="count">${formatNumber(p.drafts)}</td>
      <td class="count">${formatNumber(p.posted)}</td>
      <td>
        <span class="period-actions">
          ${working ? html`<span class="spinner" role="status" aria-label=${t('app.loading')}></span>` : nothing}
          ${p.state === 'open' ? button('locked', 'ledger.period.lock', 'ledger.period.lockOf', 'period-lock') : nothing}
          ${p.state === 'locked' && this.isAdmin ? button('open', 'ledger.period.unlock', 'ledger.period.unlockOf', 'period-unlock') : nothing}
          ${
            p.state !== 'closed' && closable
              ? button('closed', 'ledger.period.close', 'ledger.period.closeOf', 'period-close', p.drafts > 0)
              : nothing
          }
          ${p.state !== 'closed' && closable && p.drafts > 0 ? html`<span class="hint">${t('ledger.period.draftsFirst')}</span>` : nothing}
          ${p.state === 'closed' ? html`<span class="empty">${t('ledger.period.final')}</span>` : nothing}
        </span>
      </td>
    </tr>`;
  }

  private renderChecklist(year: FiscalYear) {
    const { t } = this.i18n;
    const list = this.checklists[year.id];
    const titleId = `checklist-${year.id}-title`;
    let body: unknown;
    if (list === undefined || list === 'loading') {
      body = html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('ledger.checklist.loading')}</p>`;
    } else if (list === 'failed') {
      body = html`<p class="alert">${t('ledger.checklist.failed')}</p>
        <button type="button" class="secondary small" @click=${() => this.loadChecklist(year.id)}>${t('app.retry')}</button>`;
    } else {
      const ready = list.length > 0 && list.every((item) => item.ok);
      const working = this.busy === `year-${year.id}`;
      body = html`<ul class="checklist" data-testid="checklist">
          ${list.map((item) => {
            const known = CHECKLIST_ITEMS[item.item];
            return html`<li class=${item.ok ? 'ok' : 'todo'} data-item=${item.item} data-ok=${item.ok ? 'true' : 'false'}>
              <span class="mark" aria-hidden="true">${item.ok ? '✓' : '✗'}</span>
              <span>
                <span class="visually-hidden">${t(item.ok ? 'ledger.checklist.done' : 'ledger.checklist.notDone')} :</span>
                ${known ? t(known.label) : item.item}
              </span>
              ${!item.ok && known ? html`<span class="hint">${t(known.todo)}</span>` : nothing}
              ${
                // the server's words (in English) only where they add something: an unknown item, or the amounts
                !item.ok && (!known || item.item === 'balanced' || item.item === 'members_reconciled')
                  ? html`<span class="hint"><bdi lang="en">${item.detail}</bdi></span>`
                  : nothing
              }
            </li>`;
          })}
        </ul>
        <div class="actions">
          <button
            type="button"
            class="danger"
            data-testid="year-close"
            aria-describedby="year-close-hint-${year.id}"
            aria-busy=${working ? 'true' : 'false'}
            ?disabled=${!ready || this.busy !== null}
            @click=${() => this.closeYear(year)}
          >
            ${working ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.checklist.closeYear')}
          </button>
          <p class="hint" id="year-close-hint-${year.id}">
            ${t(ready ? 'ledger.checklist.readyHint' : 'ledger.checklist.notReadyHint')}
          </p>
        </div>`;
    }
    return html`<section aria-labelledby=${titleId} class="closing">
      <h3 id=${titleId}>${t('ledger.checklist.title', { year: yearName(year) })}</h3>
      ${body}
    </section>`;
  }

  private renderOpenYear() {
    const { t } = this.i18n;
    const last = this.years.at(-1);
    const suggested = (last ? addMonths(last.startsOn, 12) : `${todayIso().slice(0, 4)}-01-01`).slice(0, 7);
    const error = this.openErrors.startsOn;
    const working = this.busy === 'open';
    return html`<section class="card open-year" aria-labelledby="open-year-title">
      <h2 id="open-year-title">${t('ledger.openYear.title')}</h2>
      <p class="hint">${t('ledger.openYear.intro')}</p>
      <form novalidate @submit=${this.openYear} data-testid="open-year-form">
        <div class="field">
          <label for="open-year-start">${t('ledger.openYear.startsOn')}</label>
          <input
            id="open-year-start"
            name="startsOn"
            type="month"
            dir="ltr"
            required
            data-testid="open-year-start"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'open-year-start-error open-year-start-hint' : 'open-year-start-hint'}
            .value=${suggested}
          />
          <p class="hint" id="open-year-start-hint">${t('ledger.openYear.hint')}</p>
          ${error ? html`<p class="field-error" id="open-year-start-error">${textOf(error)}</p>` : nothing}
        </div>
        <div class="actions">
          <button type="submit" data-testid="open-year-submit" aria-busy=${working ? 'true' : 'false'} ?disabled=${this.busy !== null}>
            ${working ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.openYear.submit')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  private async changePeriod(period: Period, state: PeriodState): Promise<void> {
    const { t } = this.i18n;
    const name = periodName(period.startsOn);
    const texts: Record<PeriodState, { title: MessageKey; body: MessageKey; warning?: MessageKey; ok: MessageKey }> = {
      locked: { title: 'ledger.period.lockTitle', body: 'ledger.period.lockBody', ok: 'ledger.period.lock' },
      open: { title: 'ledger.period.unlockTitle', body: 'ledger.period.unlockBody', ok: 'ledger.period.unlock' },
      closed: {
        title: 'ledger.period.closeTitle',
        body: 'ledger.period.closeBody',
        warning: 'ledger.period.closeWarning',
        ok: 'ledger.period.close',
      },
    };
    const text = texts[state];
    const ok = await this.confirm?.ask({
      title: t(text.title, { period: name }),
      body: t(text.body, { period: name }),
      ...(text.warning ? { warning: t(text.warning) } : {}),
      confirmLabel: t(text.ok),
      danger: state === 'closed',
    });
    if (!ok) return;
    this.busy = `period-${period.id}`;
    this.error = null;
    this.notice = null;
    try {
      await call(api.ledger.periods[':id'].state.$post({ param: { id: String(period.id) }, json: { state } }));
      this.notice = { key: `ledger.period.done.${state}`, params: { period: name } };
      await this.load();
    } catch (error) {
      this.error = refusal(error);
    } finally {
      this.busy = null;
    }
  }

  private async closeYear(year: FiscalYear): Promise<void> {
    const { t } = this.i18n;
    const name = yearName(year);
    const ok = await this.confirm?.ask({
      title: t('ledger.closeYear.title', { year: name }),
      body: t('ledger.closeYear.body', { year: name }),
      warning: t('ledger.closeYear.warning'),
      confirmLabel: t('ledger.checklist.closeYear'),
      danger: true,
    });
    if (!ok) return;
    this.busy = `year-${year.id}`;
    this.error = null;
    this.notice = null;
    try {
      await call(api.ledger['fiscal-years'][':id'].close.$post({ param: { id: String(year.id) } }));
      this.notice = { key: 'ledger.closeYear.done', params: { year: name } };
      await this.load();
    } catch (error) {
      this.error = refusal(error);
      await this.loadChecklist(year.id);
    } finally {
      this.busy = null;
    }
  }

  private async openYear(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const month = String(new FormData(event.target as HTMLFormElement).get('startsOn') ?? '').trim();
    if (!/^\d{4}-\d{2}$/.test(month)) {
      this.openErrors = { startsOn: { key: 'ledger.openYear.invalid' } };
      await focusFirstInvalid(this);
      return;
    }
    this.busy = 'open';
    this.openErrors = {};
    this.error = null;
    this.notice = null;
    try {
      const year = await call(api.ledger['fiscal-years'].$post({ json: { startsOn: `${month}-01` } }));
      this.notice = { key: 'ledger.openYear.done', params: { year: yearName(year) } };
      await this.load();
    } catch (error) {
      const field = error instanceof ApiProblem ? error.errors.find((e) => e.path === 'startsOn') : undefined;
      if (field) {
        this.openErrors = { startsOn: { key: 'ledger.openYear.refused', detail: field.message } };
        await focusFirstInvalid(this);
      } else {
        this.error = refusal(error);
      }
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('gie-ledger-home-page', LedgerHomePage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-ledger-home-page': LedgerHomePage;
  }
}
