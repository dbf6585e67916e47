// The selection committee's dashboard: the calls in progress that the reader sits on (all of them for the staff),
// their applications by status, the decisions, and the members admitted month by month. API figures only.
import { html } from 'lit';
import { api, call } from '../api/client.ts';
import { formatDay, formatNumber } from '../i18n/localize.ts';
import { DashboardElement, monthLabel, tile } from './dashboard-ui.ts';

type CommitteeFigures = Awaited<ReturnType<typeof fetchCommittee>>;

const fetchCommittee = (year: number | null) =>
  call(api.reporting.dashboards.committee.$get({ query: year === null ? {} : { year: String(year) } }));

export class CommitteeDashboard extends DashboardElement<CommitteeFigures> {
  protected fetchFigures(year: number | null) {
    return fetchCommittee(year);
  }

  protected heading() {
    return this.i18n.t('dash.committee.title');
  }

  protected renderFigures(d: CommitteeFigures) {
    const { t } = this.i18n;
    const applications = d.applicationsByStatus.reduce((n, s) => n + s.count, 0);
    const admitted = d.admissions.reduce((n, m) => n + m.count, 0);
    const decided = d.decisions.admitted + d.decisions.waiting + d.decisions.rejected;
    return html`<ul class="tiles">
        ${tile(t('dash.committee.calls'), formatNumber(d.callsInProgress.length), 'tile-calls')}
        ${tile(t('dash.committee.applications'), formatNumber(applications), 'tile-applications')}
        ${tile(t('dash.committee.admitted'), formatNumber(admitted), 'tile-admitted')}
      </ul>
      <div class="charts">
        <section class="card wide" data-testid="calls-in-progress">
          <h3>${t('dash.committee.calls')}</h3>
          ${
            d.callsInProgress.length === 0
              ? html`<p class="empty">${t('dash.committee.noCall')}</p>`
              : html`<table class="list">
                  <thead>
                    <tr>
                      <th scope="col">${t('dash.committee.call')}</th>
                      <th scope="col">${t('dash.status')}</th>
                      <th scope="col">${t('dash.committee.closesOn')}</th>
                      <th scope="col" class="number">${t('dash.committee.applications')}</th>
                      <th scope="col" class="number">${t('dash.committee.decided')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${d.callsInProgress.map(
                      (c) => html`<tr data-testid="call-in-progress">
                        <td><a href="/selection/calls/${c.id}"><bdi>${c.title}</bdi></a></td>
                        <td>${t(`sel.callStatus.${c.status}`)}</td>
                        <td>${formatDay(c.closesOn)}</td>
                        <td class="number">${formatNumber(c.applications)}</td>
                        <td class="number">${formatNumber(c.decided)}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </section>
        <section class="card" data-testid="chart-applications">
          <h3>${t('dash.committee.byStatus')}</h3>
          <gie-bar-chart
            kind="count"
            .categories=${d.applicationsByStatus.map((s) => t(`sel.appStatus.${s.status}`))}
            .series=${[{ label: t('dash.committee.applications'), values: d.applicationsByStatus.map((s) => String(s.count)) }]}
            heading=${t('dash.committee.byStatus')}
            category-heading=${t('dash.status')}
          ></gie-bar-chart>
        </section>
        <section class="card" data-testid="chart-decisions">
          <h3>${t('dash.committee.decisions')}</h3>
          ${
            decided === 0
              ? html`<p class="empty">${t('dash.committee.noDecision')}</p>`
              : html`<gie-donut-chart
                  kind="count"
                  .parts=${(['admitted', 'waiting', 'rejected'] as const).map((k) => ({
                    label: t(`sel.decision.${k}`),
                    value: String(d.decisions[k]),
                  }))}
                  total=${String(decided)}
                  heading=${t('dash.committee.decisions')}
                  category-heading=${t('dash.committee.decision')}
                ></gie-donut-chart>`
          }
        </section>
        <section class="card wide" data-testid="chart-admissions">
          <h3>${t('dash.committee.admissions')}</h3>
          <gie-bar-chart
            kind="count"
            .categories=${d.admissions.map((m) => monthLabel(m.month))}
            .series=${[{ label: t('dash.committee.admitted'), values: d.admissions.map((m) => String(m.count)) }]}
            heading=${t('dash.committee.admissions')}
            category-heading=${t('dash.month')}
          ></gie-bar-chart>
        </section>
      </div>`;
  }
}

customElements.define('gie-committee-dashboard', CommitteeDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'gie-committee-dashboard': CommitteeDashboard;
  }
}
