// The members a user may see, read-only: every member cooperative for the GIE's staff, and only their own
// for an entrepreneur (the API decides; this screen only changes its title to "Mon organisation").
import { css, html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { Member, User } from '../api/types.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController, type MessageKey } from '../i18n/localize.ts';

const STATUS_KEYS: Record<string, MessageKey> = {
  candidate: 'members.status.candidate',
  admitted: 'members.status.admitted',
  active: 'members.status.active',
  suspended: 'members.status.suspended',
  withdrawn: 'members.status.withdrawn',
};

export class MembersPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    members: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      td.code {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
    `,
  ];

  declare user: User | null;
  /** null while loading. */
  declare members: Member[] | null;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.members = null;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.members = null;
    this.error = null;
    try {
      this.members = (await call(api.members.$get({ query: {} }))).items;
    } catch (error) {
      this.error = problemText(error);
      this.members = [];
    }
  }

  override render() {
    const { t } = this.i18n;
    const own = this.user?.role === 'entrepreneur';
    return html`<h1>${t(own ? 'members.titleOwn' : 'members.title')}</h1>
      <p class="lead">${t(own ? 'members.introOwn' : 'members.intro')}</p>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${
        this.members === null
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('members.loading')}</p>`
          : this.renderTable(this.members)
      }`;
  }

  private renderTable(members: Member[]) {
    const { t } = this.i18n;
    if (members.length === 0) return this.error ? nothing : html`<p class="card">${t('members.empty')}</p>`;
    return html`<div class="card table-wrap">
      <table data-testid="members-table">
        <caption>
          ${t('members.caption')}
          <span class="hint">· ${t('members.count', { count: members.length })}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('members.code')}</th>
            <th scope="col">${t('members.legalName')}</th>
            <th scope="col">${t('members.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${members.map(
            (m) => html`<tr>
              <td class="code">${m.code}</td>
              <td><bdi>${m.legalName}</bdi></td>
              <td>
                <span class="badge ${m.status === 'active' ? '' : 'off'}"
                  >${STATUS_KEYS[m.status] ? t(STATUS_KEYS[m.status]!) : m.status}</span
                >
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('gie-members-page', MembersPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-members-page': MembersPage;
  }
}
