// A member's dashboard (its entrepreneur's home page, or the staff looking at one member): invoiced and collected
// over the months, its balance with the GIE, its pooled costs per service, its overdue customers. API figures only.
import { html } from 'lit';
import { api, call } from '../api/client.ts';
import { formatNumber } from '../i18n/localize.ts';
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
        ${invoicedCollectedCard(months, d.revenue, true)}
        ${pooledByServiceCard(d.pooledCosts)}
        ${ageingCard(d.overdue)}
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
