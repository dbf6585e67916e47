// The shell <gie-app>: restores the session, shows the login page or the signed-in layout (header, the
// role's navigation, the routed page), guards each route with the navigation table, and hosts the language switch.
import { css, html, LitElement, nothing } from 'lit';
import type { Session } from '../api/types.ts';
import '../auth/login-page.ts';
import { currentSession, onSessionChange, restoreSession, signOut } from '../auth/session.ts';
import { LOCALES, type Locale, LocaleController, setLocale } from '../i18n/localize.ts';
import { publicView } from '../selection/public-apply-page.ts';
import { entriesFor, hrefFor, labelKeyFor, matchRoute, mayOpen, sectionOf } from './navigation.ts';
import { currentPath, navigate, RouteController, startRouter } from './router.ts';
import { sectionReady, VIEWS } from './routes.ts';
import { sharedStyles } from './styles.ts';

type Phase = 'starting' | 'failed' | 'ready';

const LOGIN_PATH = '/login';

export class AppShell extends LitElement {
  static override properties = {
    phase: { state: true },
    session: { state: true },
    signingOut: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-block-size: 100vh;
      }

      .skip {
        position: absolute;
        inset-inline-start: 1rem;
        inset-block-start: -4rem;
        z-index: 10;
        background: var(--gie-surface);
        color: var(--gie-primary);
        padding: 0.6rem 1rem;
        border-radius: var(--gie-radius);
        box-shadow: var(--gie-shadow);
        font-weight: 600;
      }
      .skip:focus {
        inset-block-start: 0.75rem;
      }

      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.75rem 1.5rem;
        padding-block: 0.75rem;
        padding-inline: 1.5rem;
        background: var(--gie-primary);
        color: #fff;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.75rem;
      }
      .logo {
        display: grid;
        place-items: center;
        inline-size: 2.25rem;
        block-size: 2.25rem;
        border-radius: 50%;
        background: #fff;
        color: var(--gie-primary);
        font-weight: 700;
      }
      .brand strong {
        display: block;
        font-size: 1.1rem;
        letter-spacing: 0.02em;
      }
      .brand span.tagline {
        display: block;
        font-size: 0.85rem;
        opacity: 0.9;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem 1.25rem;
      }
      .locale {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .locale label {
        font-weight: 400;
        font-size: 0.9rem;
      }
      .locale select {
        inline-size: auto;
        min-block-size: 2.25rem;
        padding-block: 0.2rem;
      }
      .who {
        display: grid;
        line-height: 1.3;
        text-align: end;
      }
      .who .name {
        font-weight: 600;
      }
      .who .role {
        font-size: 0.85rem;
        opacity: 0.9;
      }
      header button.secondary {
        border-color: #fff;
      }
      header :focus-visible {
        outline-color: #fff;
      }

      .layout {
        flex: 1;
        display: grid;
        grid-template-columns: 15rem minmax(0, 1fr);
      }
      .layout.signed-out {
        grid-template-columns: minmax(0, 1fr);
      }
      nav {
        background: var(--gie-surface);
        border-inline-end: 1px solid var(--gie-border);
        padding-block: 1.25rem;
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.15rem;
      }
      nav a {
        display: block;
        padding-block: 0.6rem;
        padding-inline: 1.25rem;
        color: var(--gie-text);
        text-decoration: none;
        border-inline-start: 4px solid transparent;
      }
      nav a:hover {
        background: var(--gie-primary-soft);
        color: var(--gie-primary-hover);
      }
      nav a[aria-current='page'],
      nav a[aria-current='true'] {
        border-inline-start-color: var(--gie-primary);
        background: var(--gie-primary-soft);
        color: var(--gie-primary);
        font-weight: 600;
      }
      nav a:focus-visible {
        outline-offset: -3px;
      }
      main {
        padding-block: 2rem;
        padding-inline: 2rem;
        max-inline-size: 72rem;
        inline-size: 100%;
      }
      main:focus {
        outline: none;
      }
      .centered {
        display: grid;
        justify-items: center;
        gap: 1rem;
        padding-block: 4rem;
        text-align: center;
      }

      @media (max-width: 48rem) {
        header {
          padding-inline: 1rem;
        }
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        nav {
          border-inline-end: none;
          border-block-end: 1px solid var(--gie-border);
          padding-block: 0.25rem;
          overflow-x: auto;
        }
        nav ul {
          display: flex;
          gap: 0;
        }
        nav a {
          white-space: nowrap;
          border-inline-start: none;
          border-block-end: 3px solid transparent;
          padding-inline: 0.9rem;
        }
        nav a[aria-current='page'],
        nav a[aria-current='true'] {
          border-block-end-color: var(--gie-primary);
        }
        main {
          padding-inline: 1rem;
          padding-block: 1.25rem;
        }
      }
    `,
  ];

  declare phase: Phase;
  declare session: Session | null;
  declare signingOut: boolean;

  private readonly i18n = new LocaleController(this);
  private readonly route = new RouteController(this);
  private readonly cleanups: Array<() => void> = [];
  private lastPath: string | null = null;

  constructor() {
    super();
    this.phase = 'starting';
    this.session = null;
    this.signingOut = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    startRouter();
    this.cleanups.push(onSessionChange(() => this.sessionChanged()));
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private async start(): Promise<void> {
    this.phase = 'starting';
    try {
      await restoreSession();
    } catch {
      this.phase = 'failed';
      return;
    }
    this.session = currentSession();
    this.phase = 'ready';
    // a restored session keeps the page it was opened on; without one, the login page has its own path
    const path = currentPath();
    // public pages (a call's application form) are open without a session
    if (!this.session && path !== LOGIN_PATH && !publicView(path)) navigate(LOGIN_PATH, { replace: true });
    else if (this.session && path === LOGIN_PATH) navigate('/', { replace: true });
  }

  private sessionChanged(): void {
    const before = this.session;
    this.session = currentSession();
    // during start-up, start() routes once the session is known
    if (this.phase !== 'ready') return;
    if (!this.session) navigate(LOGIN_PATH);
    else if (!before) navigate('/');
  }

  override updated(): void {
    const path = this.route.path;
    if (this.session && path === LOGIN_PATH) {
      navigate('/', { replace: true });
      return;
    }
    if (this.lastPath !== null && this.lastPath !== path) {
      // a new page: the keyboard and the screen reader start at its content, not on the link just used
      this.renderRoot.querySelector<HTMLElement>('main')?.focus();
    }
    if (this.phase === 'ready') this.lastPath = path;
    document.title = `${this.pageTitle()} · ${this.i18n.t('app.name')}`;
  }

  private pageTitle(): string {
    const { t } = this.i18n;
    if (!this.session) return t('login.title');
    const entry = matchRoute(this.route.path)?.entry;
    return entry ? t(labelKeyFor(entry, this.session.user.role)) : t('app.notFound.title');
  }

  override render() {
    const { t } = this.i18n;
    const session = this.phase === 'ready' ? this.session : null;
    return html`<a class="skip" href="#main" data-testid="skip-link" @click=${this.skipToContent}>${t('app.skipToContent')}</a>
      <header>
        <div class="brand">
          <span class="logo" aria-hidden="true">G</span>
          <div>
            <strong>${t('app.name')}</strong>
            <span class="tagline">${t('app.tagline')}</span>
          </div>
        </div>
        <div class="tools">
          ${this.renderLocaleSwitch()} ${session ? this.renderUser(session) : nothing}
        </div>
      </header>
      <div class="layout ${session ? 'signed-in' : 'signed-out'}">
        ${session ? this.renderNav(session) : nothing}
        <main id="main" tabindex="-1">${this.renderMain(session)}</main>
      </div>`;
  }

  private renderLocaleSwitch() {
    const { t, locale } = this.i18n;
    return html`<div class="locale">
      <label for="locale-switch">${t('app.language')}</label>
      <select
        id="locale-switch"
        data-testid="locale-switch"
        @change=${(e: Event) => setLocale((e.target as HTMLSelectElement).value as Locale)}
      >
        ${LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === locale}>${t(`locale.${l}`)}</option>`)}
      </select>
    </div>`;
  }

  private renderUser(session: Session) {
    const { t } = this.i18n;
    return html`<div class="who" data-testid="current-user" aria-label=${t('app.userLabel')} role="group">
        <bdi class="name" data-testid="current-user-name">${session.user.displayName}</bdi>
        <span class="role" data-testid="current-user-role">${t(`role.${session.user.role}`)}</span>
      </div>
      <button
        type="button"
        class="secondary"
        data-testid="logout"
        aria-busy=${this.signingOut ? 'true' : 'false'}
        ?disabled=${this.signingOut}
        @click=${this.logout}
      >
        ${this.signingOut ? html`<span class="spinner" aria-hidden="true"></span>${t('app.loggingOut')}` : t('app.logout')}
      </button>`;
  }

  private renderNav(session: Session) {
    const { t } = this.i18n;
    const path = this.route.path;
    const current = matchRoute(path)?.entry;
    const section = current ? sectionOf(current) : null;
    return html`<nav aria-label=${t('app.navLabel')}>
      <ul>
        ${entriesFor(session.user.role).map((entry) => {
          const href = hrefFor(entry, session.user);
          // the page itself, or a screen inside its section (a member's page under "Membres")
          const state = href === path ? 'page' : entry.id === section ? 'true' : 'false';
          return html`<li>
            <a href=${href} data-nav=${entry.id} aria-current=${state}>${t(labelKeyFor(entry, session.user.role))}</a>
          </li>`;
        })}
      </ul>
    </nav>`;
  }

  private renderMain(session: Session | null) {
    const { t } = this.i18n;
    if (this.phase === 'starting') {
      return html`<div class="centered">
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.starting')}</p>
      </div>`;
    }
    if (this.phase === 'failed') {
      return html`<div class="centered">
        <p class="alert" role="alert">${t('app.startFailed')}</p>
        <button type="button" @click=${this.start}>${t('app.retry')}</button>
      </div>`;
    }
    const publicPage = publicView(this.route.path);
    if (publicPage) return publicPage;
    if (!session) return html`<gie-login-page></gie-login-page>`;
    const path = this.route.path;
    const match = matchRoute(path);
    if (!match) {
      return html`<section data-testid="not-found">
        <h1>${t('app.notFound.title')}</h1>
        <p>${t('app.notFound.body', { path })}</p>
        <p><a href="/">${t('app.backHome')}</a></p>
      </section>`;
    }
    const { entry, params } = match;
    if (!mayOpen(entry, session.user.role)) {
      return html`<section data-testid="not-allowed">
        <h1>${t('app.notAllowed.title')}</h1>
        <p class="alert">${t('app.notAllowed.body', { role: t(`role.${session.user.role}`) })}</p>
        <p><a href="/">${t('app.backHome')}</a></p>
      </section>`;
    }
    if (!sectionReady(entry.id, () => this.requestUpdate())) {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    }
    return VIEWS[entry.id](session, entry, params);
  }

  private skipToContent(event: Event): void {
    // the fragment cannot reach into the shadow root, so the link moves the focus itself
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private async logout(): Promise<void> {
    this.signingOut = true;
    try {
      await signOut();
    } finally {
      this.signingOut = false;
    }
  }
}

customElements.define('gie-app', AppShell);

declare global {
  interface HTMLElementTagNameMap {
    'gie-app': AppShell;
  }
}
