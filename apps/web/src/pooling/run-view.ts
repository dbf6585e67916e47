// The content of an allocation run, previewed or stored: per service the cost pool, the key and each member's
// weight, exact share, rounded amount and explanation line; totals per member and per service beside the previous
// period's; and the chart of the members' shares. Shared by the run wizard and a run's page.
import { css, html, LitElement, nothing } from 'lit';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, LocaleController } from '../i18n/localize.ts';
import { code } from '../ledger/ledger-ui.ts';
import { fromCents, isZero, toCents } from '../ledger/money.ts';
import type { RunComputation, RunService } from './pooling-types.ts';
import { bare, explanationText, money, periodText, poolingStyles, unitLabel } from './pooling-ui.ts';
import '../charts/share-chart.ts';

/** An exact share as the API gives it (up to 40 digits) cut to 6 decimals for reading; the full value in a tooltip. */
export function exactText(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  if (fraction.length <= 6) return value;
  return `${whole}.${fraction.slice(0, 6)}…`;
}

/** The difference between two API amounts, as an API amount ("-120.50"). */
export function difference(now: string, before: string): string {
  return fromCents((toCents(now) ?? 0n) - (toCents(before) ?? 0n));
}

export class RunView extends LitElement {
  static override properties = {
    run: { attribute: false },
    memberLinks: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    poolingStyles,
    css`
      section.service h3 {
        margin-block-end: 0.25rem;
      }
      .service-facts {
        color: var(--gie-muted);
        margin-block-end: 0.5rem;
      }
      td.weight {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      tbody th[scope='row'] {
        min-inline-size: 11rem;
      }
      .member-name {
        display: block;
        font-weight: 400;
        font-size: 0.85rem;
        color: var(--gie-muted);
        max-inline-size: 16rem;
      }
      td.explain {
        min-inline-size: 16rem;
      }
      .matrix td.amount,
      .matrix th.amount {
        min-inline-size: 7rem;
      }
    `,
  ];

  /** The computation to show. */
  declare run: RunComputation | null;
  /** Member codes link to the member's pooled-services view (for the staff). */
  declare memberLinks: boolean;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.run = null;
    this.memberLinks = false;
  }

  override render() {
    const run = this.run;
    if (!run) return nothing;
    const { t } = this.i18n;
    return html`${this.renderSummary(run)}
      <section class="card" aria-labelledby="run-chart-title">
        <h2 id="run-chart-title">${t('pool.run.chartTitle')}</h2>
        <gie-share-chart
          .bars=${run.totals.byMember.map((m) => ({ label: m.memberCode, amount: m.amount }))}
          heading=${t('pool.run.chartTitle')}
          summary=${t('pool.run.chartSummary')}
        ></gie-share-chart>
      </section>
      ${this.renderByMember(run)} ${this.renderByService(run)}
      ${run.services.map((s) => this.renderService(s))}`;
  }

  private renderSummary(run: RunComputation) {
    const { t } = this.i18n;
    return html`<section class="card" data-testid="run-summary">
      <dl class="facts">
        <dt>${t('pool.run.period')}</dt>
        <dd data-testid="run-period">${periodText(run.from, run.to)}</dd>
        <dt>${t('pool.run.total')}</dt>
        <dd class="num" data-testid="run-total">${money(run.totals.amount)}</dd>
        ${
          isZero(run.totals.vat)
            ? nothing
            : html`<dt>${t('pool.run.vat')}</dt>
              <dd class="num">${money(run.totals.vat)}</dd>`
        }
        <dt>${t('pool.run.previous')}</dt>
        <dd>${periodText(run.previousPeriod.from, run.previousPeriod.to)}</dd>
      </dl>
      ${
        run.skipped.length > 0
          ? html`<h3>${t('pool.run.skipped')}</h3>
            <ul data-testid="run-skipped">
              ${run.skipped.map((s) => html`<li>${code(s.code)} — <span lang="en" dir="ltr">${s.reason}</span></li>`)}
            </ul>`
          : nothing
      }
      ${
        run.problems.length > 0
          ? html`<div class="alert" data-testid="run-problems">
            <p>${t('pool.run.problems')}</p>
            <ul>
              ${run.problems.map((p) => html`<li lang="en" dir="ltr">${p.message}</li>`)}
            </ul>
          </div>`
          : nothing
      }
    </section>`;
  }

  private memberCell(memberId: number, memberCode: string, memberName: string) {
    const label = this.memberLinks ? html`<a href="/pooling/members/${memberId}">${code(memberCode)}</a>` : code(memberCode);
    return html`${label}<span class="member-name"><bdi>${memberName}</bdi></span>`;
  }

  private renderByMember(run: RunComputation) {
    const { t } = this.i18n;
    const services = run.services;
    const amountOf = (service: RunService, memberId: number) => service.lines.find((l) => l.memberId === memberId)?.amount;
    return html`<section class="card" aria-labelledby="run-members-title">
      <h2 id="run-members-title">${t('pool.run.byMember')}</h2>
      <div class="table-wrap">
        <table class="matrix" data-testid="run-by-member">
          <caption class="visually-hidden">${t('pool.run.byMemberCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('pool.col.member')}</th>
              ${services.map((s) => html`<th scope="col" class="amount"><abbr title=${s.name}>${code(s.code)}</abbr></th>`)}
              <th scope="col" class="amount">${t('pool.col.totalHt')}</th>
              <th scope="col" class="amount">${t('pool.col.previous')}</th>
              <th scope="col" class="amount">${t('pool.col.change')}</th>
            </tr>
          </thead>
          <tbody>
            ${run.totals.byMember.map((m) => {
              const change = difference(m.amount, m.previous);
              return html`<tr data-testid="member-total" data-member=${m.memberCode}>
                <th scope="row">${this.memberCell(m.memberId, m.memberCode, m.memberName)}</th>
                ${services.map((s) => {
                  const value = amountOf(s, m.memberId);
                  return html`<td class="amount" data-service=${s.code}>${value ? bare(value) : '—'}</td>`;
                })}
                <td class="amount" data-testid="member-total-amount">${bare(m.amount)}</td>
                <td class="amount">${bare(m.previous)}</td>
                <td class="amount ${this.trend(change)}">${this.signed(change)}</td>
              </tr>`;
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${t('pool.col.total')}</th>
              ${services.map((s) => html`<td class="amount">${bare(s.pool.total)}</td>`)}
              <td class="amount" data-testid="run-total-amount">${bare(run.totals.amount)}</td>
              <td class="amount">${bare(run.totals.byService.reduce((acc, s) => fromCents((toCents(acc) ?? 0n) + (toCents(s.previous) ?? 0n)), '0.00'))}</td>
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="hint">${t('pool.run.currencyNote')}</p>
    </section>`;
  }

  private renderByService(run: RunComputation) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="run-services-title">
      <h2 id="run-services-title">${t('pool.run.byService')}</h2>
      <div class="table-wrap">
        <table data-testid="run-by-service">
          <caption class="visually-hidden">${t('pool.run.byServiceCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('pool.col.service')}</th>
              <th scope="col" class="amount">${t('pool.col.cost')}</th>
              <th scope="col" class="amount">${t('pool.col.allocated')}</th>
              <th scope="col" class="amount">${t('pool.col.previous')}</th>
              <th scope="col" class="amount">${t('pool.col.change')}</th>
            </tr>
          </thead>
          <tbody>
            ${run.totals.byService.map((s) => {
              const change = difference(s.allocated, s.previous);
              return html`<tr data-testid="service-total" data-service=${s.code}>
                <th scope="row">${code(s.code)} <bdi>${s.name}</bdi></th>
                <td class="amount">${bare(s.cost)}</td>
                <td class="amount" data-testid="service-total-allocated">${bare(s.allocated)}</td>
                <td class="amount">${bare(s.previous)}</td>
                <td class="amount ${this.trend(change)}">${this.signed(change)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderService(s: RunService) {
    const { t } = this.i18n;
    const id = `run-service-${s.code}`;
    return html`<section class="card service" aria-labelledby=${id} data-testid="run-service" data-service=${s.code}>
      <h3 id=${id}>${code(s.code)} <bdi>${s.name}</bdi> — <span class="num">${money(s.pool.total)}</span></h3>
      <p class="service-facts">
        ${t('pool.run.keyUsed', { from: formatDay(s.keyValidFrom, { dateStyle: 'medium' }) })}
        <span lang="en" dir="ltr" data-testid="run-service-key">${s.keyLabel}</span>
        · ${t('pool.run.poolMadeOf', { expenses: money(s.pool.expenses), adjustments: money(s.pool.adjustments) })}
        ${s.vatRate ? html` · ${t('pool.run.vatRate', { rate: s.vatRate })}` : nothing}
        ${s.bases.some((b) => b.fallbackFrom) ? html` · <strong>${t('pool.run.fallbackUsed')}</strong>` : nothing}
      </p>
      <div class="table-wrap">
        <table data-testid="run-lines">
          <caption class="visually-hidden">${t('pool.run.linesCaption', { service: s.name })}</caption>
          <thead>
            <tr>
              <th scope="col">${t('pool.col.member')}</th>
              <th scope="col" class="amount">${t('pool.col.weight')}</th>
              <th scope="col" class="amount">${t('pool.col.exact')}</th>
              <th scope="col" class="amount">${t('pool.col.amount')}</th>
              <th scope="col">${t('pool.col.explanation')}</th>
            </tr>
          </thead>
          <tbody>
            ${s.lines.map(
              (l) => html`<tr data-testid="run-line" data-member=${l.memberCode} data-service=${s.code}>
                <th scope="row">${this.memberCell(l.memberId, l.memberCode, l.memberName)}</th>
                <td class="weight amount"><span class="ltr" title="${l.weight} / ${l.totalWeight}">${exactText(l.weight)} / ${exactText(l.totalWeight)}</span>${
                  s.bases.length === 1 && s.bases[0]?.label === 'usage'
                    ? html` <span class="hint">${unitLabel(s.unit)}</span>`
                    : nothing
                }</td>
                <td class="amount" title=${l.exact}><span class="ltr">${exactText(l.exact)}</span></td>
                <td class="amount" data-testid="line-amount">${bare(l.amount)}</td>
                <td class="explain" data-testid="line-explanation"><span dir="ltr">${explanationText(l.explanation)}</span></td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${t('pool.col.total')}</th>
              <td></td>
              <td></td>
              <td class="amount">${bare(s.pool.total)}</td>
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>`;
  }

  private trend(change: string): string {
    const cents = toCents(change) ?? 0n;
    return cents > 0n ? 'up' : cents < 0n ? 'down' : '';
  }

  /** "+120,50" / "−80,00": the sign said in text, not by colour only. */
  private signed(change: string) {
    const cents = toCents(change) ?? 0n;
    if (cents === 0n) return bare('0');
    const text = bare(change.replace(/^-/, ''));
    return html`<span class="ltr">${cents > 0n ? '+' : '−'}${text}</span>`;
  }
}

customElements.define('gie-run-view', RunView);

declare global {
  interface HTMLElementTagNameMap {
    'gie-run-view': RunView;
  }
}
