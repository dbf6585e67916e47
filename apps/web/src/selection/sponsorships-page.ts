// The sponsorships (/selection/sponsorships): every one for the manager, a committee user's own as sponsor: the
// admitted cooperative, its sponsor (parrain), the follow-up plan, and the meetings to plan and record.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, LocaleController } from '../i18n/localize.ts';
import './sponsorship-panel.ts';
import type { Sponsorship } from './selection-types.ts';
import { breadcrumb, selectionStyles } from './selection-ui.ts';

export class SponsorshipsPage extends LitElement {
  static override properties = { items: { state: true }, error: { state: true }, loading: { state: true } };
  static override styles = [sharedStyles, selectionStyles];

  declare items: Sponsorship[] | null;
  declare error: Text | null;
  declare loading: boolean;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.items = null;
    this.error = null;
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      this.items = await call(api.selection.sponsorships.$get());
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`${breadcrumb([{ label: t('nav.selectionSponsorships') }])}
      <h1>${t('nav.selectionSponsorships')}</h1>
      <p class="lead">${t('sel.sponsor.lead')}</p>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div role="status">${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>` : nothing}</div>
      ${this.items?.length === 0 ? html`<p class="empty" data-testid="sponsorships-empty">${t('sel.sponsor.none')}</p>` : nothing}
      ${(this.items ?? []).map(
        (s) => html`<section class="card" data-testid="sponsorship-card" data-id=${s.id}>
          <h2>
            <a href="/members/${s.memberId}"><bdi>${s.memberName}</bdi></a>
            ${s.memberCode ? html`<span class="hint ltr">${s.memberCode}</span>` : nothing}
          </h2>
          <p>
            ${t('sel.sponsor.sponsoredBy', { name: s.sponsor.name })} ·
            <a href="/selection/applications/${s.applicationId}">${t('nav.selectionApplication')}</a> ·
            ${t('sel.sponsor.since', { date: formatDay(s.assignedAt.slice(0, 10)) })}
          </p>
          ${s.plan ? html`<p class="pre"><bdi>${s.plan}</bdi></p>` : nothing}
          <gie-sponsorship-meetings .sponsorship=${s}></gie-sponsorship-meetings>
        </section>`,
      )}`;
  }
}
customElements.define('gie-selection-sponsorships-page', SponsorshipsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-sponsorships-page': SponsorshipsPage;
  }
}
