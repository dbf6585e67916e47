// "Ce que je paie pour les services mutualisés, et pourquoi": a member's shares of the posted runs over a period,
// service by service, with the key, the weight against the total, the explanation line and the charge note (PDF),
// and the usage recorded for it. The entrepreneur's /pooling; the staff open it for any member.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { inputField, problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDecimal, LocaleController } from '../i18n/localize.ts';
import { code } from '../ledger/ledger-ui.ts';
import { isZero } from '../ledger/money.ts';
import { chargeNotePdfHref } from './pooling-api.ts';
import type { MemberPoolingView } from './pooling-types.ts';
import {
  bare,
  explanationText,
  isStaff,
  money,
  type Period,
  periodText,
  poolingStyles,
  quarterName,
  quarterOf,
  unitLabel,
} from './pooling-ui.ts';
import './pooling-ui.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MemberPoolingPage extends LitElement {
  static override properties = {
    memberId: { type: Number },
    user: { attribute: false },
    from: { state: true },
    to: { state: true },
    view: { state: true },
    loading: { state: true },
    error: { state: true },
    notFound: { state: true },
  };

  static override styles = [
    sharedStyles,
    poolingStyles,
    css`
      .quick {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .period {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: flex-end;
      }
      .period .field {
        flex: 0 1 12rem;
      }
      dl.totals {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
        margin: 0;
      }
      dl.totals div {
        display: grid;
      }
      dl.totals dt {
        color: var(--gie-muted);
        font-size: 0.9rem;
      }
      .key {
        display: block;
      }
      tr.why td {
        padding-block-start: 0;
        color: var(--gie-muted);
        font-size: 0.9rem;
      }
      tbody[data-testid='mine-line'] > tr:first-child > * {
        border-block-end: none;
      }
      .why-label {
        font-weight: 600;
      }
      dl.totals dd {
        margin: 0;
        font-size: 1.4rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** The member whose shares to show (the entrepreneur's own). */
  declare memberId: number;
  declare user: User | null;
  declare from: string;
  declare to: string;
  declare view: MemberPoolingView | null;
  declare loading: boolean;
  declare error: Text | null;
  declare notFound: boolean;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;

  constructor() {
    super();
    this.memberId = 0;
    this.user = null;
    const year = todayIso().slice(0, 4);
    this.from = `${year}-01-01`;
    this.to = `${year}-12-31`;
    this.view = null;
    this.loading = false;
    this.error = null;
    this.notFound = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('memberId') && changed.get('memberId') !== undefined) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.memberId) return;
    const id = ++this.loadId;
    this.loading = true;
    this.error = null;
    try {
      const view = await call(
        api.pooling.members[':id'].view.$get({ param: { id: String(this.memberId) }, query: { from: this.from, to: this.to } }),
      );
      if (id !== this.loadId) return;
      this.view = view;
      this.notFound = false;
    } catch (error) {
      if (id !== this.loadId) return;
      if (error instanceof ApiProblem && error.status === 404) this.notFound = true;
      else this.error = problemText(error);
    } finally {
      if (id === this.loadId) this.loading = false;
    }
  }

  private choose(period: Period): void {
    this.from = period.from;
    this.to = period.to;
    void this.load();
  }

  override render() {
    const { t } = this.i18n;
    const staff = isStaff(this.user?.role);
    const v = this.view;
    if (this.notFound) {
      return html`<section data-testid="member-pooling-not-found">
        <h1>${t('pool.mine.notFound')}</h1>
        <p><a href="/pooling">${t('pool.mine.back')}</a></p>
      </section>`;
    }
    return html`${staff ? html`<gie-pooling-tabs current="poolingMember" .userRole=${this.user?.role}></gie-pooling-tabs>` : nothing}
      <h1 data-testid="member-pooling-title">
        ${staff && v ? t('pool.mine.staffTitle', { member: `${v.member.code ?? ''} ${v.member.name}`.trim() }) : t('pool.mine.title')}
      </h1>
      <p class="lead">${t('pool.mine.lead')}</p>
      ${this.renderPeriod()}
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="table-state" role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>` : nothing}
      </div>
      ${v ? this.renderView(v) : nothing}`;
  }

  private renderPeriod() {
    const { t } = this.i18n;
    const today = todayIso();
    const year = Number(today.slice(0, 4));
    const picks: Array<{ id: string; label: string; period: Period }> = [
      { id: 'this-year', label: t('pool.period.year', { year }), period: { from: `${year}-01-01`, to: `${year}-12-31` } },
      {
        id: 'last-year',
        label: t('pool.period.year', { year: year - 1 }),
        period: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
      },
      { id: 'this-quarter', label: quarterName(quarterOf(today)), period: quarterOf(today) },
      { id: 'last-quarter', label: quarterName(quarterOf(today, -1)), period: quarterOf(today, -1) },
    ];
    return html`<form
      class="card"
      novalidate
      data-testid="member-pooling-period"
      @submit=${(e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        const from = String(data.get('from') ?? '');
        const to = String(data.get('to') ?? '');
        if (DATE.test(from) && DATE.test(to) && from <= to) this.choose({ from, to });
        else this.error = { key: 'pool.error.periodOrder' };
      }}
    >
      <div class="quick" role="group" aria-label=${t('pool.wizard.quick')}>
        ${picks.map(
          (p) => html`<button
            type="button"
            class="secondary small"
            data-testid="period-${p.id}"
            aria-pressed=${this.from === p.period.from && this.to === p.period.to ? 'true' : 'false'}
            @click=${() => this.choose(p.period)}
          >
            ${p.label}
          </button>`,
        )}
      </div>
      <div class="period">
        ${inputField({ id: 'from', label: t('pool.wizard.from'), type: 'date', value: this.from, testid: 'member-from' })}
        ${inputField({ id: 'to', label: t('pool.wizard.to'), type: 'date', value: this.to, testid: 'member-to' })}
        <div class="actions"><button type="submit" class="secondary">${t('pool.mine.show')}</button></div>
      </div>
    </form>`;
  }

  private renderView(v: MemberPoolingView) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="mine-totals-title">
        <h2 id="mine-totals-title">${t('pool.mine.totalsTitle', { period: periodText(v.from, v.to) })}</h2>
        <dl class="totals">
          <div>
            <dt>${t('pool.col.totalHt')}</dt>
            <dd data-testid="mine-total">${money(v.totals.amount)}</dd>
          </div>
          ${
            isZero(v.totals.vat)
              ? nothing
              : html`<div>
                <dt>${t('pool.col.vat')}</dt>
                <dd>${money(v.totals.vat)}</dd>
              </div>
              <div>
                <dt>${t('pool.col.totalTtc')}</dt>
                <dd>${money(v.totals.total)}</dd>
              </div>`
          }
        </dl>
      </section>
      ${
        v.lines.length === 0
          ? html`<p class="empty" data-testid="mine-empty">${t('pool.mine.empty')}</p>`
          : html`<section class="card" aria-labelledby="mine-lines-title">
            <h2 id="mine-lines-title">${t('pool.mine.linesTitle')}</h2>
            <div class="table-wrap">
              <table data-testid="mine-lines">
                <caption class="visually-hidden">${t('pool.mine.linesTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t('pool.col.period')}</th>
                    <th scope="col">${t('pool.col.service')}</th>
                    <th scope="col" class="amount">${t('pool.col.cost')}</th>
                    <th scope="col" class="amount">${t('pool.col.weight')}</th>
                    <th scope="col" class="amount">${t('pool.col.myShare')}</th>
                    <th scope="col">${t('pool.col.chargeNote')}</th>
                  </tr>
                </thead>
                ${v.lines.map(
                  (l) => html`<tbody data-testid="mine-line" data-service=${l.serviceCode}>
                    <tr>
                      <td class="nowrap">${periodText(l.periodFrom, l.periodTo)}</td>
                      <th scope="row">
                        ${code(l.serviceCode)} <bdi>${l.serviceName}</bdi>
                        <span class="hint key" lang="en" dir="ltr">${l.keyLabel}</span>
                      </th>
                      <td class="amount">${bare(l.cost)}</td>
                      <td class="amount"><span class="ltr">${formatDecimal(l.weight)} / ${formatDecimal(l.totalWeight)}</span></td>
                      <td class="amount" data-testid="mine-amount">${bare(l.amount)}</td>
                      <td>
                        ${
                          l.chargeNote
                            ? html`<a href=${chargeNotePdfHref(l.chargeNote.id)} target="_blank" rel="noopener" data-testid="mine-note"
                                >${code(l.chargeNote.number)}<span class="visually-hidden"> (PDF, ${t('inv.newTab')})</span></a
                              >`
                            : '—'
                        }
                      </td>
                    </tr>
                    <tr class="why">
                      <td colspan="6">
                        <span class="why-label">${t('pool.col.why')}</span>
                        <span dir="ltr" data-testid="mine-explanation">${explanationText(l.explanation)}</span>
                      </td>
                    </tr>
                  </tbody>`,
                )}
              </table>
            </div>
            <p class="hint">${t('pool.mine.howToRead')}</p>
          </section>
          <section class="card" aria-labelledby="mine-services-title">
            <h2 id="mine-services-title">${t('pool.mine.byService')}</h2>
            <div class="table-wrap">
              <table data-testid="mine-by-service">
                <thead>
                  <tr>
                    <th scope="col">${t('pool.col.service')}</th>
                    <th scope="col" class="amount">${t('pool.col.totalHt')}</th>
                    <th scope="col" class="amount">${t('pool.col.vat')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${v.byService.map(
                    (s) => html`<tr>
                      <th scope="row">${code(s.serviceCode)} <bdi>${s.serviceName}</bdi></th>
                      <td class="amount">${bare(s.amount)}</td>
                      <td class="amount">${bare(s.vat)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`
      }
      <section class="card" aria-labelledby="mine-usage-title">
        <h2 id="mine-usage-title">${t('pool.mine.usageTitle')}</h2>
        ${
          v.usage.length === 0
            ? html`<p class="empty">${t('pool.mine.noUsage')}</p>`
            : html`<div class="table-wrap">
              <table data-testid="mine-usage">
                <thead>
                  <tr>
                    <th scope="col">${t('pool.col.service')}</th>
                    <th scope="col" class="amount">${t('pool.col.quantity')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${v.usage.map(
                    (u) => html`<tr>
                      <th scope="row">${code(u.serviceCode)} <bdi>${u.serviceName}</bdi></th>
                      <td class="amount">${formatDecimal(u.quantity)} ${unitLabel(u.unit)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        }
      </section>`;
  }
}

customElements.define('gie-member-pooling-page', MemberPoolingPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-member-pooling-page': MemberPoolingPage;
  }
}
