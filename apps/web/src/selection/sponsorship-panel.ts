// The sponsorship of an admitted cooperative: its sponsor (parrain: a committee user or an existing member), the
// follow-up plan, and the meetings with their dates and notes. The manager assigns (or changes) the sponsor; the
// manager or the sponsor plans meetings and records them as held, with notes.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Member } from '../api/types.ts';
import { problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, LocaleController } from '../i18n/localize.ts';
import type { CommitteeCandidate, SelectionApplication, Sponsorship } from './selection-types.ts';
import { selectionStyles } from './selection-ui.ts';

/** Shows one sponsorship's meetings and lets its sponsor or the manager add and record them. */
export class SponsorshipMeetings extends LitElement {
  static override properties = {
    sponsorship: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    selectionStyles,
    css`
      .meeting {
        display: grid;
        grid-template-columns: 10rem auto minmax(0, 1fr) auto;
        gap: 0.5rem 0.75rem;
        align-items: end;
        padding-block: 0.5rem;
        border-block-end: 1px solid var(--gie-border);
      }
      @media (max-width: 48rem) {
        .meeting {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  declare sponsorship: Sponsorship | null;
  declare busy: number | 'new' | null;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.sponsorship = null;
    this.busy = null;
    this.error = null;
  }

  override render() {
    const { t } = this.i18n;
    const s = this.sponsorship;
    if (!s) return nothing;
    return html`<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <h3>${t('sel.sponsor.meetings')}</h3>
      ${s.meetings.length === 0 ? html`<p class="empty">${t('sel.sponsor.noMeetings')}</p>` : nothing}
      ${s.meetings.map((m) => this.renderMeeting(m.id, m.meetingOn, m.held, m.notes))} ${this.renderMeeting(0, '', false, '')}`;
  }

  private renderMeeting(id: number, meetingOn: string, held: boolean, notes: string) {
    const { t } = this.i18n;
    const key = id || 'new';
    return html`<form novalidate class="meeting" data-testid=${id ? 'meeting' : 'meeting-new'} data-id=${id} @submit=${(e: Event) => this.save(e, id)}>
      <div class="field">
        <label for="meeting-${key}-date">${t('sel.sponsor.meetingOn')}</label>
        <input id="meeting-${key}-date" name="meetingOn" type="date" required .value=${meetingOn || todayIso()} data-testid="meeting-date" />
      </div>
      <div class="checkbox-row">
        <input id="meeting-${key}-held" name="held" type="checkbox" .checked=${held} data-testid="meeting-held" />
        <label for="meeting-${key}-held">${t('sel.sponsor.held')}</label>
      </div>
      <div class="field">
        <label for="meeting-${key}-notes">${t('sel.sponsor.notes')}</label>
        <input id="meeting-${key}-notes" name="notes" dir="auto" maxlength="4000" .value=${notes} data-testid="meeting-notes" />
      </div>
      <button type="submit" class=${id ? 'secondary small' : 'small'} data-testid="meeting-save" ?disabled=${this.busy !== null}>
        ${this.busy === key ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(id ? 'sel.save' : 'sel.sponsor.addMeeting')}
      </button>
    </form>`;
  }

  private async save(event: Event, meetingId: number): Promise<void> {
    event.preventDefault();
    const s = this.sponsorship;
    if (!s || this.busy !== null) return;
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = meetingId || 'new';
    this.error = null;
    try {
      const json = {
        meetingOn: String(data.get('meetingOn') ?? ''),
        held: data.get('held') === 'on',
        notes: String(data.get('notes') ?? '').trim(),
      };
      this.sponsorship = meetingId
        ? await call(
            api.selection.sponsorships[':id'].meetings[':meetingId'].$put({
              param: { id: String(s.id), meetingId: String(meetingId) },
              json,
            }),
          )
        : await call(api.selection.sponsorships[':id'].meetings.$post({ param: { id: String(s.id) }, json }));
      this.dispatchEvent(new CustomEvent('sponsorship-changed', { detail: this.sponsorship, bubbles: true, composed: true }));
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status !== 0
          ? { raw: error.errors[0]?.message ?? error.detail ?? error.title }
          : problemText(error);
    } finally {
      this.busy = null;
    }
  }
}
customElements.define('gie-sponsorship-meetings', SponsorshipMeetings);

/** On an admitted application's page: the sponsorship, or the form to assign one. */
export class SponsorshipPanel extends LitElement {
  static override properties = {
    application: { attribute: false },
    sponsorship: { state: true },
    sponsors: { state: true },
    members: { state: true },
    editing: { state: true },
    sponsorKind: { state: true },
    busy: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [
    sharedStyles,
    selectionStyles,
    css`
      .change {
        margin-block: 0.75rem;
      }
    `,
  ];

  declare application: SelectionApplication | null;
  declare sponsorship: Sponsorship | null;
  /** The committee and manager users who may sponsor. */
  declare sponsors: CommitteeCandidate[];
  declare members: Member[];
  declare editing: boolean;
  declare sponsorKind: 'user' | 'member';
  declare busy: boolean;
  declare error: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.application = null;
    this.sponsorship = null;
    this.sponsors = [];
    this.members = [];
    this.editing = false;
    this.sponsorKind = 'user';
    this.busy = false;
    this.error = null;
    this.notice = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('application') && this.application) void this.load();
  }

  private async load(): Promise<void> {
    const a = this.application;
    if (!a) return;
    try {
      const [sponsorships, sponsors, members] = await Promise.all([
        call(api.selection.sponsorships.$get()),
        call(api.selection['committee-users'].$get()),
        call(api.members.$get({ query: { pageSize: '200', sort: 'code' } })),
      ]);
      this.sponsorship = sponsorships.find((s) => s.applicationId === a.id) ?? null;
      this.sponsors = sponsors;
      this.members = members.items.filter((m) => ['admitted', 'active'].includes(m.status) && m.id !== a.candidate.id);
      this.editing = this.sponsorship === null;
    } catch (error) {
      this.error = problemText(error);
    }
  }

  override render() {
    const { t } = this.i18n;
    const s = this.sponsorship;
    return html`<section class="card" aria-labelledby="sponsor-title" data-testid="sponsorship">
      <h2 id="sponsor-title">${t('sel.sponsor.title')}</h2>
      <div role="status">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert" data-testid="sponsor-alert">${textOf(this.error)}</p>` : nothing}</div>
      ${
        s && !this.editing
          ? html`<dl class="facts">
              <dt>${t('sel.sponsor.sponsor')}</dt>
              <dd data-testid="sponsor-name"><bdi>${s.sponsor.name}</bdi> <span class="hint">(${t(s.sponsor.kind === 'user' ? 'sel.sponsor.kindUser' : 'sel.sponsor.kindMember')})</span></dd>
              <dt>${t('sel.sponsor.plan')}</dt>
              <dd class="pre"><bdi>${s.plan ?? '—'}</bdi></dd>
              <dt>${t('sel.sponsor.assignedAt')}</dt>
              <dd>${formatDateTime(s.assignedAt)}</dd>
            </dl>
            <div class="actions change">
              <button type="button" class="secondary small" data-testid="sponsor-change" @click=${() => (this.editing = true)}>${t('sel.sponsor.change')}</button>
            </div>
            <gie-sponsorship-meetings .sponsorship=${s} @sponsorship-changed=${(e: CustomEvent<Sponsorship>) => (this.sponsorship = e.detail)}></gie-sponsorship-meetings>`
          : this.renderForm()
      }
    </section>`;
  }

  private renderForm() {
    const { t } = this.i18n;
    const s = this.sponsorship;
    return html`<form novalidate data-testid="sponsor-form" @submit=${this.assign}>
      <fieldset>
        <legend>${t('sel.sponsor.kind')}</legend>
        <div class="checkbox-row">
          <input type="radio" id="sponsor-kind-user" name="kind" value="user" .checked=${this.sponsorKind === 'user'} @change=${() => (this.sponsorKind = 'user')} />
          <label for="sponsor-kind-user">${t('sel.sponsor.kindUser')}</label>
        </div>
        <div class="checkbox-row">
          <input type="radio" id="sponsor-kind-member" name="kind" value="member" .checked=${this.sponsorKind === 'member'} @change=${() => (this.sponsorKind = 'member')} />
          <label for="sponsor-kind-member">${t('sel.sponsor.kindMember')}</label>
        </div>
      </fieldset>
      <div class="field">
        <label for="sponsor-id">${t('sel.sponsor.sponsor')}</label>
        <select id="sponsor-id" name="sponsor" data-testid="sponsor-select">
          ${
            this.sponsorKind === 'user'
              ? this.sponsors.map(
                  (c) =>
                    html`<option value=${c.userId} ?selected=${s?.sponsor.kind === 'user' && s.sponsor.id === c.userId}>${c.displayName}</option>`,
                )
              : this.members.map(
                  (m) =>
                    html`<option value=${m.id} ?selected=${s?.sponsor.kind === 'member' && s.sponsor.id === m.id}>${`${m.code ?? ''} ${m.legalName}`.trim()}</option>`,
                )
          }
        </select>
      </div>
      <div class="field">
        <label for="sponsor-plan">${t('sel.sponsor.plan')}</label>
        <textarea id="sponsor-plan" name="plan" rows="3" dir="auto" maxlength="4000" data-testid="sponsor-plan" .value=${s?.plan ?? ''}></textarea>
      </div>
      ${
        s
          ? nothing
          : html`<div class="field">
            <label for="sponsor-first">${t('sel.sponsor.firstMeeting')}</label>
            <input id="sponsor-first" name="first" type="date" data-testid="sponsor-first-meeting" />
          </div>`
      }
      <div class="actions">
        <button type="submit" data-testid="sponsor-save" ?disabled=${this.busy}>
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('sel.sponsor.assign')}
        </button>
        ${s ? html`<button type="button" class="secondary" @click=${() => (this.editing = false)}>${t('form.cancel')}</button>` : nothing}
      </div>
    </form>`;
  }

  private async assign(event: Event): Promise<void> {
    event.preventDefault();
    const a = this.application;
    if (!a || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const sponsor = Number(data.get('sponsor') ?? 0);
    const first = String(data.get('first') ?? '');
    this.busy = true;
    this.error = null;
    try {
      this.sponsorship = await call(
        api.selection.applications[':id'].sponsorship.$post({
          param: { id: String(a.id) },
          json: {
            ...(this.sponsorKind === 'user' ? { sponsorUserId: sponsor || null } : { sponsorMemberId: sponsor || null }),
            plan: String(data.get('plan') ?? '').trim() || null,
            meetings: first ? [{ meetingOn: first }] : [],
          },
        }),
      );
      this.editing = false;
      this.notice = { key: 'sel.sponsor.saved', params: { name: this.sponsorship.sponsor.name } };
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status !== 0
          ? { raw: error.errors[0]?.message ?? error.detail ?? error.title }
          : problemText(error);
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('gie-sponsorship-panel', SponsorshipPanel);

declare global {
  interface HTMLElementTagNameMap {
    'gie-sponsorship-meetings': SponsorshipMeetings;
    'gie-sponsorship-panel': SponsorshipPanel;
  }
}
