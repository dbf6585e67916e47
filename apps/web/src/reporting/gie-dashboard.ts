// The GIE's dashboard (manager, accountant, admin): revenue invoiced per month and member, collected and still
// due, overdue ageing, pooled costs per service and member, cash, members by status. It shows the API's figures.
import { html } from 'lit';
import { api, call } from '../api/client.ts';
import { isNegative } from '../ledger/money.ts';
import {
  ageingCard,
  DashboardElement,
  invoicedCollectedCard,
  money,
  monthLabel,
  pooledByServiceCard,
  tile,
} from './dashboard-ui.ts';

type GieFigures = Awaited<ReturnType<typeof fetchGie>>;

const fetchGie = (year: number | null) =>
  call(api.reporting.dashboards.gie.$get({ query: year === null ? {} : { year: String(year) } }));

export class GieDashboard extends DashboardElement<GieFigures> {
  protected fetchFigures(year: number | null) {
    return fetchGie(year);
  }

  protected heading() {
    return this.i18n.t('dash.gie.title');
  }

  protected renderFigures(d: GieFigures) {
    const { t } = this.i18n;
    const months = d.period.months.map(monthLabel);
    const memberName = (m: { code: string | null; name: string }) => m.code ?? m.name;
    return html`<ul class="tiles">
        ${tile(t('dash.invoicedTtc'), money(d.collection.ttc), 'tile-invoiced')}
        ${tile(t('dash.collected'), money(d.collection.collected), 'tile-collected')}
        ${tile(t('dash.outstanding'), money(d.collection.outstanding), 'tile-outstanding')}
        ${tile(t('dash.overdue'), money(d.overdue.total), 'tile-overdue')}
        ${tile(t('dash.cash'), money(d.cash.total), 'tile-cash', isNegative(d.cash.total))}
      </ul>
      <div class="charts">
        <section class="card wide" data-testid="chart-revenue-members">
          <h3>${t('dash.gie.revenueByMember')}</h3>
          <gie-bar-chart
            stacked
            .categories=${months}
            .series=${d.revenueByMember.members.map((m, k) => ({
              label: memberName(m),
              values: d.revenueByMember.rows.map((r) => r.amounts[k] ?? '0.00'),
            }))}
            heading=${t('dash.gie.revenueByMember')}
            category-heading=${t('dash.month')}
          ></gie-bar-chart>
        </section>
        ${invoicedCollectedCard(months, d.revenue)}
        <section class="card" data-testid="chart-collection">
          <h3>${t('dash.gie.collectionByMember')}</h3>
          <gie-bar-chart
            stacked
            .categories=${d.members.map(memberName)}
            .series=${[
              { label: t('dash.collected'), values: d.members.map((m) => m.collected) },
              { label: t('dash.outstanding'), values: d.members.map((m) => m.outstanding) },
            ]}
            heading=${t('dash.gie.collectionByMember')}
            category-heading=${t('dash.member')}
          ></gie-bar-chart>
        </section>
        ${ageingCard(d.overdue)}
        <section class="card" data-testid="chart-cash">
          <h3>${t('dash.cashOverTime')}</h3>
          <gie-line-chart
            .categories=${months}
            .series=${[{ label: t('dash.cash'), values: d.cash.byMonth.map((m) => m.balance) }]}
            heading=${t('dash.cashOverTime')}
            category-heading=${t('dash.month')}
          ></gie-line-chart>
          <ul class="tiles">
            ${d.cash.accounts.map((a) => tile(`${a.account} ${a.label}`, money(a.balance), `cash-${a.account}`, isNegative(a.balance)))}
          </ul>
        </section>
        ${pooledByServiceCard(d.pooledCosts)}
        <section class="card" data-testid="chart-pooled-members">
          <h3>${t('dash.gie.pooledByMember')}</h3>
          ${
            d.pooledCosts.members.length === 0
              ? html`<p class="empty">${t('dash.pooledNone')}</p>`
              : html`<gie-bar-chart
                  stacked
                  .categories=${d.pooledCosts.members.map((m) => m.code ?? String(m.memberId))}
                  .series=${d.pooledCosts.services.map((s, k) => ({
                    label: s.name,
                    values: d.pooledCosts.members.map((m) => m.byService[k] ?? '0.00'),
                  }))}
                  heading=${t('dash.gie.pooledByMember')}
                  category-heading=${t('dash.member')}
                ></gie-bar-chart>`
          }
        </section>
        <section class="card" data-testid="chart-members-status">
          <h3>${t('dash.gie.membersByStatus')}</h3>
          <gie-donut-chart
            kind="count"
            .parts=${d.membersByStatus.map((s) => ({ label: t(`members.status.${s.status}`), value: String(s.count) }))}
            total=${String(d.membersByStatus.reduce((n, s) => n + s.count, 0))}
            heading=${t('dash.gie.membersByStatus')}
            category-heading=${t('dash.status')}
          ></gie-donut-chart>
        </section>
      </div>`;
  }
}

customElements.define('gie-gie-dashboard', GieDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'gie-gie-dashboard': GieDashboard;
  }
}
