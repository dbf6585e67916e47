// The selection committee's front page (/selection): for the manager every call for applications, with the way to
// a new call, to the criteria grids and to the sponsorships; for a committee member the calls they sit on ("my
// calls") with their seat and how much scoring is left. Each row opens the call.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatNumber, LocaleController } from '../i18n/localize.ts';
import type { SelectionCall } from './selection-types.ts';
import { callStatusBadge, committeeRoleLabel, isSelectionStaff, selectionStyles } from './selection-ui.ts';

export class SelectionCallsPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    calls: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, selectionStyles];

  declare user: User | null;
  declare calls: SelectionCall[] | null;
  declare loading: boolean;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.calls = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.calls = await call(api.selection.calls.$get());
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const { t } = this.i18n;
    const staff = isSelectionStaff(this.user?.role);
    return html`<div class="page-head">
        <div>
          <h1>${t('nav.selection')}</h1>
          <p class="lead">${t(staff ? 'sel.calls.leadStaff' : 'sel.calls.leadCommittee')}</p>
        </div>
        <div class="actions">
          ${
            staff
              ? html`<a class="button" href="/selection/calls/new" data-testid="call-new">${t('sel.calls.new')}</a>
                <a class="button secondary" href="/selection/grids" data-testid="grids-link">${t('nav.selectionGrids')}</a>`
              : nothing
          }
          <a class="button secondary" href="/selection/sponsorships" data-testid="sponsorships-link"
            >${t(staff ? 'nav.selectionSponsorships' : 'sel.sponsor.mine')}</a
          >
        </div>
      </div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('sel.calls.loading')}</p>` : nothing}
      </div>
      ${this.renderTable(staff)}`;
  }

  private renderTable(staff: boolean) {
    const { t } = this.i18n;
    const calls = this.calls;
    if (!calls) return nothing;
    if (calls.length === 0) {
      return html`<p class="empty" data-testid="calls-empty">${t(staff ? 'sel.calls.empty' : 'sel.calls.emptyCommittee')}</p>`;
    }
    return html`<div class="table-wrap">
      <table data-testid="calls-table">
        <caption class="visually-hidden">${t(staff ? 'sel.calls.caption' : 'sel.calls.captionMine')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('sel.call.title')}</th>
            <th scope="col">${t('sel.call.period')}</th>
            <th scope="col">${t('sel.call.status')}</th>
            <th scope="col" class="num">${t('sel.calls.applications')}</th>
            <th scope="col">${t('sel.calls.myRole')}</th>
            <th scope="col">${t('sel.calls.scoring')}</th>
          </tr>
        </thead>
        <tbody>
          ${calls.map(
            (c) => html`<tr data-testid="call-row" data-id=${c.id}>
              <th scope="row"><a href="/selection/calls/${c.id}" data-testid="call-link"><bdi>${c.title}</bdi></a></th>
              <td class="nowrap">
                ${formatDay(c.opensOn, { dateStyle: 'medium' })} – ${formatDay(c.closesOn, { dateStyle: 'medium' })}
              </td>
              <td>${callStatusBadge(c.status)}</td>
              <td class="num">${formatNumber(c.applicationCount)}</td>
              <td>${c.myRole ? committeeRoleLabel(c.myRole) : html`<span class="muted">—</span>`}</td>
              <td>
                ${
                  c.scoringClosedAt
                    ? html`<span class="badge call-closed">${t('sel.scoring.closed')}</span>`
                    : c.scoringStartedAt
                      ? html`<span class="badge call-open">${t('sel.scoring.started')}</span>`
                      : html`<span class="muted">${t('sel.scoring.notStarted')}</span>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('gie-selection-calls-page', SelectionCallsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-calls-page': SelectionCallsPage;
  }
}
