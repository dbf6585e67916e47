// The home page of each role: its dashboard (the GIE's for the staff, their member's for an entrepreneur, the
// committee's), then who is signed in and as what, and shortcuts to the screens the navigation table grants the role.
import { css, html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { Member, Session } from '../api/types.ts';
import { entriesFor, hrefFor, labelKeyFor } from '../app/navigation.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDate, formatDateTime, LocaleController } from '../i18n/localize.ts';
import '../reporting/committee-dashboard.ts';
import '../reporting/gie-dashboard.ts';
import '../reporting/member-dashboard.ts';

export class HomePage extends LitElement {
  static override properties = {
    session: { attribute: false },
    member: { state: true },
    memberLoading: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.5rem 1.5rem;
        margin: 0;
      }
      dt {
        color: var(--gie-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      .session {
        margin-block-start: 1.5rem;
      }
      .shortcuts {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: 0.75rem;
      }
      .shortcuts a {
        display: block;
        padding: 0.9rem 1rem;
        border: 1px solid var(--gie-border);
        border-radius: var(--gie-radius);
        background: var(--gie-surface);
        text-decoration: none;
        font-weight: 600;
        box-shadow: var(--gie-shadow);
      }
      .shortcuts a:hover {
        border-color: var(--gie-primary);
        background: var(--gie-primary-soft);
      }
      @media (max-width: 40rem) {
        dl {
          grid-template-columns: 1fr;
          gap: 0.1rem;
        }
        dd {
          margin-block-end: 0.5rem;
        }
      }
    `,
  ];

  declare session: Session | null;
  declare member: Member | null;
  declare memberLoading: boolean;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.session = null;
    this.member = null;
    this.memberLoading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadMember();
  }

  /** The session carries the member's id only; its name comes from the member's record. */
  private async loadMember(): Promise<void> {
    const memberId = this.session?.user.memberId;
    if (memberId === null || memberId === undefined) return;
    this.memberLoading = true;
    try {
      this.member = await call(api.members[':id'].$get({ param: { id: String(memberId) } }));
    } catch {
      // the welcome stands without the member's name
      this.member = null;
    } finally {
      this.memberLoading = false;
    }
  }

  /** The dashboard of the role: the GIE's for the staff (the admin reads it), the committee's, a member's; none for the observatory. */
  private dashboard() {
    const user = this.session?.user;
    if (!user) return nothing;
    if (user.role === 'entrepreneur') {
      return user.memberId === null ? nothing : html`<gie-member-dashboard member-id=${user.memberId}></gie-member-dashboard>`;
    }
    if (user.role === 'committee') return html`<gie-committee-dashboard></gie-committee-dashboard>`;
    // the observatory reads aggregated statistics only, on its own screen: no dashboard of the GIE's books
    if (user.role === 'observatory') return nothing;
    return html`<gie-gie-dashboard></gie-gie-dashboard>`;
  }

  override render() {
    if (!this.session) return nothing;
    const { t } = this.i18n;
    const { user, expiresAt } = this.session;
    const shortcuts = entriesFor(user.role).filter((entry) => entry.id !== 'home');
    return html`<p class="hint">${t('app.dashboard')}</p>
      <h1 data-testid="welcome">${t('home.welcome', { name: user.displayName })}</h1>
      <p class="lead">${t(`home.intro.${user.role}`)}</p>
      ${this.dashboard()}
      <section class="card session" aria-label=${t('app.userLabel')}>
        <dl>
          <dt>${t('home.role')}</dt>
          <dd data-testid="home-role">${t(`role.${user.role}`)}</dd>
          ${
            user.memberId !== null
              ? html`<dt>${t('home.member')}</dt>
                <dd data-testid="home-member">
                  ${
                    this.member
                      ? html`<bdi>${this.member.legalName}</bdi> <span class="hint">(${this.member.code})</span>`
                      : this.memberLoading
                        ? html`<span class="loading" role="status"
                          ><span class="spinner" aria-hidden="true"></span>${t('home.memberLoading')}</span
                        >`
                        : '—'
                  }
                </dd>`
              : nothing
          }
          <dt>${t('home.today')}</dt>
          <dd>${formatDate(new Date(), { dateStyle: 'full' })}</dd>
          <dt>${t('home.sessionUntil')}</dt>
          <dd>${formatDateTime(expiresAt)}</dd>
        </dl>
      </section>
      ${
        shortcuts.length > 0
          ? html`<section aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">${t('home.shortcuts')}</h2>
            <ul class="shortcuts">
              ${shortcuts.map((entry) => html`<li><a href=${hrefFor(entry, user)}>${t(labelKeyFor(entry, user.role))}</a></li>`)}
            </ul>
          </section>`
          : nothing
      }`;
  }
}

customElements.define('gie-home-page', HomePage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-home-page': HomePage;
  }
}
