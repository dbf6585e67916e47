// A member's dashboard (its entrepreneur's home page, or the staff looking at one member): invoiced and collected
// over the months, its balance with the GIE, its pooled costs per service, its overdue customers. API figures only.
import { html } from 'lit';
import { api, call } from '../api/client.ts';
import { formatDay, formatNumber } from '../i18n/localize.ts';
import { isNegative } from '../ledger/money.ts';
import { DashboardElement, money, monthLabel, tile } from './dashboard-ui.ts';
import { BUCKETS } from './gie-dashboard.ts';

type MemberFigures = Awaited<ReturnType<typeof fetchMember>>;

const fetchMember = (memberId: number, year: number | null) =>
  call(
    api.reporting.dashboards.members[':id'].$get({
      param: { id: String(memberId) },
      query: year === null ? {} : { year: String(year) },
    }),
  );

export class MemberDashboard extends DashboardElement<MemberFigures> {
  static override properties = { ...DashboardElement.properties, memberId: { type: Number, attribute: 'member-id' } };

  /** The member shown: the entrepreneur's own (the API refuses any other to them). */
  declare memberId: number;

  constructor() {
    super();
    this.memberId = 0;
  }

  protected fetchFigures(year: number | null) {
    return fetchMember(this.memberId, year);
  }

  protected heading() {
    const member = this.data?.member;
    return member
      ? this.i18n.t('dash.member.titleOf', { code: member.code ?? '', name: member.name })
      : this.i18n.t('dash.member.title');
  }

  protected renderFigures(d: MemberFigures) {
    const { t } = this.i18n;
    const months = d.period.months.map(monthLabel);
    return html`<ul class="tiles">
        ${tile(t('dash.invoicedTtc'), money(d.collection.ttc), 'tile-invoiced')}
        ${tile(t('dash.collected'), money(d.collection.collected), 'tile-collected')}
        ${tile(t('dash.outstanding'), money(d.collection.outstanding), 'tile-outstanding')}
        ${tile(t('dash.member.balance'), money(d.balance.owedToMember), 'tile-balance', isNegative(d.balance.owedToMember))}
        ${tile(t('dash.member.available'), money(d.balance.availableForPayout), 'tile-available')}
        ${tile(t('dash.member.paidOut'), money(d.balance.paidOut), 'tile-paid-out')}
      </ul>
      <div class="charts">
        <section class="card wide" data-testid="chart-revenue-months">
          <h3>${t('dash.invoicedCollected')}</h3>
          <gie-bar-chart
            .categories=${months}
            .series=${[
              { label: t('dash.invoicedTtc'), values: d.revenue.map((r) => r.ttc) },
              { label: t('dash.collected'), values: d.revenue.map((r) => r.collected) },
            ]}
            heading=${t('dash.invoicedCollected')}
            category-heading=${t('dash.month')}
          ></gie-bar-chart>
        </section>
        <section class="card" data-testid="chart-pooled-services">
          <h3>${t('dash.pooledByService')}</h3>
          ${
            d.pooledCosts.services.length === 0
              ? html`<p class="empty">${t('dash.pooledNone')}</p>`
              : html`<gie-donut-chart
                  .parts=${d.pooledCosts.services.map((s) => ({ label: s.name, value: s.amount }))}
                  total=${d.pooledCosts.total}
                  heading=${t('dash.pooledByService')}
                  category-heading=${t('dash.service')}
                ></gie-donut-chart>`
          }
        </section>
        <section class="card" data-testid="chart-ageing">
          <h3>${t('dash.ageing', { date: formatDay(d.overdue.asOf) })}</h3>
          <gie-bar-chart
            .categories=${BUCKETS.map((b) => t(`dash.bucket.${b}`))}
            .series=${[{ label: t('dash.overdue'), values: BUCKETS.map((b) => d.overdue.buckets[b]) }]}
            heading=${t('dash.ageing', { date: formatDay(d.overdue.asOf) })}
            category-heading=${t('dash.lateness')}
          ></gie-bar-chart>
        </section>
        <section class="card wide" data-testid="overdue-customers">
          <h3>${t('dash.member.overdueCustomers')}</h3>
          ${
            d.overdue.customers.length === 0
              ? html`<p class="empty">${t('dash.member.noOverdue')}</p>`
              : html`<table class="list">
                  <thead>
                    <tr>
                      <th scope="col">${t('dash.customer')}</th>
                      <th scope="col" class="number">${t('dash.invoices')}</th>
                      <th scope="col" class="number">${t('dash.due')}</th>
                      <th scope="col" class="number">${t('dash.oldestLate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${d.overdue.customers.map(
                      (c) => html`<tr data-testid="overdue-customer">
                        <td><bdi>${c.name}</bdi></td>
                        <td class="number">${formatNumber(c.invoices)}</td>
                        <td class="number"><bdi>${money(c.due)}</bdi></td>
                        <td class="number">${t('dash.days', { days: formatNumber(c.oldestDaysLate) })}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </section>
      </div>`;
  }
}

customElements.define('gie-member-dashboard', MemberDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'gie-member-dashboard': MemberDashboard;
  }
}
