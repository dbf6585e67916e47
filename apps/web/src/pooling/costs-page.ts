// The cost pools of a period (/pooling/costs): per service, the posted expenses carrying its analytic code plus
// the manual adjustments; a service opens to its ledger lines (each a link to its entry) and adjustments, and the
// manager records an adjustment with its reason.
import { html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import {
  type FieldErrors,
  focusFirstInvalid,
  inputField,
  problemText,
  selectField,
  type Text,
  textareaField,
  textOf,
  todayIso,
} from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, LocaleController } from '../i18n/localize.ts';
import { code, ledgerStyles } from '../ledger/ledger-ui.ts';
import { parseAmountInput } from '../ledger/money.ts';
import { loadServices } from './pooling-api.ts';
import type { CostPool, CostPoolDetail, PooledService } from './pooling-types.ts';
import { bare, mayManage, type Period, periodText, poolingStyles, quarterName, quarterOf } from './pooling-ui.ts';
import './pooling-ui.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
type AdjustField = 'serviceId' | 'appliesOn' | 'amount' | 'reason';

export class CostsPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    period: { state: true },
    pools: { state: true },
    services: { state: true },
    openService: { state: true },
    detail: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
    adjustErrors: { state: true },
    saving: { state: true },
  };

  static override styles = [sharedStyles, ledgerStyles, poolingStyles];

  declare user: User | null;
  declare period: Period;
  declare pools: CostPool[] | null;
  declare services: PooledService[];
  declare openService: number | null;
  declare detail: CostPoolDetail | null;
  declare loading: boolean;
  declare error: Text | null;
  declare notice: Text | null;
  declare adjustErrors: FieldErrors<AdjustField>;
  declare saving: boolean;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.period = quarterOf(todayIso(), -1);
    this.pools = null;
    this.services = [];
    this.openService = null;
    this.detail = null;
    this.loading = false;
    this.error = null;
    this.notice = null;
    this.adjustErrors = {};
    this.saving = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const params = new URLSearchParams(location.search);
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (DATE.test(from) && DATE.test(to)) this.period = { from, to };
    const service = Number(params.get('service'));
    if (Number.isInteger(service) && service > 0) this.openService = service;
    void loadServices()
      .then((s) => {
        this.services = s;
      })
      .catch(() => {});
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.pools = (await call(api.pooling['cost-pools'].$get({ query: this.period }))).items;
      if (this.openService) await this.loadDetail(this.openService);
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  private async loadDetail(serviceId: number): Promise<void> {
    this.openService = serviceId;
    this.detail = null;
    try {
      this.detail = await call(api.pooling['cost-pools'][':id'].$get({ param: { id: String(serviceId) }, query: this.period }));
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private setPeriod(period: Period): void {
    this.period = period;
    const query = new URLSearchParams({ from: period.from, to: period.to });
    if (this.openService) query.set('service', String(this.openService));
    navigate(`/pooling/costs?${query}`, { replace: true });
    void this.load();
  }

  override render() {
    const { t } = this.i18n;
    const today = todayIso();
    const picks = [quarterOf(today), quarterOf(today, -1), quarterOf(today, -2)];
    return html`<gie-pooling-tabs current="poolingCosts" .userRole=${this.user?.role}></gie-pooling-tabs>
      <h1>${t('nav.poolingCosts')}</h1>
      <p class="lead">${t('pool.costs.lead')}</p>
      <form
        class="card toolbar"
        novalidate
        data-testid="costs-period"
        @submit=${(e: Event) => {
          e.preventDefault();
          const data = new FormData(e.target as HTMLFormElement);
          const from = String(data.get('from') ?? '');
          const to = String(data.get('to') ?? '');
          if (DATE.test(from) && DATE.test(to) && from <= to) this.setPeriod({ from, to });
          else this.error = { key: 'pool.error.periodOrder' };
        }}
      >
        <div class="actions" role="group" aria-label=${t('pool.wizard.quick')}>
          ${picks.map(
            (p) => html`<button
              type="button"
              class="secondary small"
              aria-pressed=${p.from === this.period.from && p.to === this.period.to ? 'true' : 'false'}
              @click=${() => this.setPeriod(p)}
            >
              ${quarterName(p)}
            </button>`,
          )}
        </div>
        ${inputField({ id: 'from', label: t('pool.wizard.from'), type: 'date', value: this.period.from })}
        ${inputField({ id: 'to', label: t('pool.wizard.to'), type: 'date', value: this.period.to })}
        <div class="actions"><button type="submit" class="secondary">${t('pool.mine.show')}</button></div>
      </form>
      <div role="status" data-testid="costs-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="costs-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="table-state" role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>` : nothing}
      </div>
      ${this.renderPools()} ${this.renderDetail()} ${mayManage(this.user?.role) ? this.renderAdjust() : nothing}`;
  }

  private renderPools() {
    const { t } = this.i18n;
    const pools = this.pools;
    if (!pools) return nothing;
    if (pools.length === 0) return html`<p class="empty">${t('pool.services.empty')}</p>`;
    return html`<div class="table-wrap" aria-busy=${this.loading ? 'true' : 'false'}>
      <table data-testid="cost-pools">
        <caption>${t('pool.costs.caption', { period: periodText(this.period.from, this.period.to) })}</caption>
        <thead>
          <tr>
            <th scope="col">${t('pool.col.service')}</th>
            <th scope="col" class="amount">${t('pool.col.expenses')}</th>
            <th scope="col" class="amount">${t('pool.col.adjustments')}</th>
            <th scope="col" class="amount">${t('pool.col.pool')}</th>
            <th scope="col"><span class="visually-hidden">${t('pool.costs.detail')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${pools.map(
            (p) => html`<tr data-testid="cost-pool" data-service=${p.code}>
              <th scope="row">${code(p.code)} <bdi>${p.name}</bdi></th>
              <td class="amount">${bare(p.expenses)}</td>
              <td class="amount">${bare(p.adjustments)}</td>
              <td class="amount" data-testid="cost-pool-total">${bare(p.total)}</td>
              <td>
                <button
                  type="button"
                  class="secondary small"
                  data-testid="cost-pool-open"
                  aria-expanded=${this.openService === p.serviceId ? 'true' : 'false'}
                  aria-controls="pool-detail"
                  @click=${() => this.loadDetail(p.serviceId)}
                >
                  ${t('pool.costs.detail')}<span class="visually-hidden"> ${p.name}</span>
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderDetail() {
    const { t } = this.i18n;
    if (!this.openService) return nothing;
    const d = this.detail;
    if (!d) {
      return html`<section id="pool-detail" class="card"><p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p></section>`;
    }
    return html`<section id="pool-detail" class="card" aria-labelledby="pool-detail-title" data-testid="cost-pool-detail">
      <h2 id="pool-detail-title" tabindex="-1">${t('pool.costs.detailTitle', { service: d.name })}</h2>
      ${
        d.lines.length === 0
          ? html`<p class="empty">${t('pool.costs.noLines')}</p>`
          : html`<div class="table-wrap">
            <table data-testid="cost-pool-lines">
              <caption>${t('pool.costs.linesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('pool.col.date')}</th>
                  <th scope="col">${t('pool.col.entry')}</th>
                  <th scope="col">${t('pool.col.account')}</th>
                  <th scope="col">${t('pool.col.label')}</th>
                  <th scope="col" class="amount">${t('pool.col.amount')}</th>
                </tr>
              </thead>
              <tbody>
                ${d.lines.map(
                  (l) => html`<tr data-testid="cost-pool-line">
                    <td class="nowrap">${formatDay(l.date, { dateStyle: 'medium' })}</td>
                    <td><a href="/ledger/entries/${l.entryId}" data-testid="cost-pool-entry">${code(l.reference)}</a></td>
                    <td>${code(l.account)} <span class="sub">${l.accountLabel}</span></td>
                    <td><bdi>${l.lineLabel ?? l.label}</bdi></td>
                    <td class="amount">${bare(l.amount)}</td>
                  </tr>`,
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colspan="4">${t('pool.col.expenses')}</th>
                  <td class="amount">${bare(d.expenses)}</td>
                </tr>
              </tfoot>
            </table>
          </div>`
      }
      ${
        d.adjustmentItems.length > 0
          ? html`<div class="table-wrap">
            <table data-testid="cost-pool-adjustments">
              <caption>${t('pool.costs.adjustmentsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('pool.col.date')}</th>
                  <th scope="col">${t('pool.col.reason')}</th>
                  <th scope="col" class="amount">${t('pool.col.amount')}</th>
                </tr>
              </thead>
              <tbody>
                ${d.adjustmentItems.map(
                  (a) => html`<tr>
                    <td class="nowrap">${formatDay(a.appliesOn, { dateStyle: 'medium' })}</td>
                    <td><bdi>${a.reason}</bdi></td>
                    <td class="amount">${bare(a.amount)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
          : nothing
      }
      <p><strong>${t('pool.col.pool')} : <span class="num" data-testid="cost-pool-detail-total">${bare(d.total)}</span></strong></p>
    </section>`;
  }

  private renderAdjust() {
    const { t } = this.i18n;
    const e = this.adjustErrors;
    return html`<section class="card" aria-labelledby="adjust-title">
      <h2 id="adjust-title">${t('pool.adjust.title')}</h2>
      <p class="hint">${t('pool.adjust.hint')}</p>
      <form novalidate data-testid="adjust-form" @submit=${this.adjust}>
        <div class="inline-form">
          ${selectField({
            id: 'adjust-service',
            name: 'serviceId',
            label: t('pool.col.service'),
            required: true,
            value: String(this.openService ?? ''),
            options: [
              { value: '', label: t('form.none') },
              ...this.services.map((s) => ({ value: String(s.id), label: `${s.code} — ${s.name}` })),
            ],
            error: e.serviceId,
            testid: 'adjust-service',
          })}
          ${inputField({ id: 'adjust-date', name: 'appliesOn', label: t('pool.adjust.date'), type: 'date', required: true, value: this.period.to, error: e.appliesOn, testid: 'adjust-date' })}
          ${inputField({ id: 'adjust-amount', name: 'amount', label: t('pool.adjust.amount'), required: true, inputmode: 'decimal', dir: 'ltr', hint: t('pool.adjust.amountHint'), error: e.amount, testid: 'adjust-amount' })}
        </div>
        ${textareaField({ id: 'adjust-reason', name: 'reason', label: t('pool.col.reason'), required: true, rows: 2, maxlength: 500, error: e.reason, testid: 'adjust-reason' })}
        <div class="actions">
          <button type="submit" data-testid="adjust-submit" aria-busy=${this.saving ? 'true' : 'false'} ?disabled=${this.saving}>
            ${this.saving ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('pool.adjust.submit')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private async adjust(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const errors: FieldErrors<AdjustField> = {};
    const serviceId = Number(data.get('serviceId'));
    if (!serviceId) errors.serviceId = { key: 'form.required' };
    const appliesOn = String(data.get('appliesOn') ?? '');
    if (!DATE.test(appliesOn)) errors.appliesOn = { key: 'pool.error.date' };
    const rawAmount = String(data.get('amount') ?? '').trim();
    const negative = /^[-−]/.test(rawAmount);
    const parsed = parseAmountInput(rawAmount.replace(/^[-−+]/, ''));
    if (parsed.kind !== 'ok' || parsed.cents === 0n) errors.amount = { key: 'pool.error.amount' };
    const reason = String(data.get('reason') ?? '').trim();
    if (!reason) errors.reason = { key: 'form.required' };
    this.adjustErrors = errors;
    if (Object.keys(errors).length > 0 || parsed.kind !== 'ok') {
      await focusFirstInvalid(this);
      return;
    }
    this.saving = true;
    this.notice = null;
    try {
      await call(
        api.pooling.adjustments.$post({
          json: {
            serviceId,
            appliesOn,
            amount: negative ? `-${parsed.value}` : parsed.value,
            reason,
          },
        }),
      );
      form.reset();
      this.notice = { key: 'pool.adjust.done' };
      await this.load();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const found: FieldErrors<AdjustField> = {};
        for (const p of error.errors) {
          const field = p.path.split('.')[0] as AdjustField;
          if (['serviceId', 'appliesOn', 'amount', 'reason'].includes(field))
            found[field] ??= { key: 'form.refused', detail: p.message };
        }
        this.adjustErrors = found;
        if (Object.keys(found).length === 0) this.error = problemText(error);
        await focusFirstInvalid(this);
      } else {
        this.error = problemText(error);
      }
    } finally {
      this.saving = false;
    }
  }
}

customElements.define('gie-costs-page', CostsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-costs-page': CostsPage;
  }
}
