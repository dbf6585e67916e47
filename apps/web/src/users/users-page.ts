// The admin's user screen: every account with its role and state, role changes and (de)activation per row,
// and the creation form. Own-account changes the API refuses are disabled here to spare the round trip.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { type Member, ROLES, type Role, type User, type UserChanges } from '../api/types.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDate, LocaleController } from '../i18n/localize.ts';
import { userFieldErrors } from './user-errors.ts';
import './user-form.ts';
import type { UserCreatedEvent } from './user-form.ts';

interface PendingRole {
  role: Role;
  memberId: string;
}

export class UsersPage extends LitElement {
  static override properties = {
    currentUser: { attribute: false },
    users: { state: true },
    members: { state: true },
    pending: { state: true },
    busyRows: { state: true },
    notice: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .row-role {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
      }
      .row-role select {
        inline-size: auto;
        min-block-size: 2rem;
        padding-block: 0.2rem;
      }
      .email {
        display: block;
        font-weight: 400;
        font-size: 0.9rem;
        color: var(--gie-muted);
        direction: ltr;
        unicode-bidi: isolate;
        text-align: start;
        white-space: nowrap;
      }
      :host(:dir(rtl)) .email {
        text-align: end;
      }
      tr.inactive td {
        color: var(--gie-muted);
      }
      .you {
        font-size: 0.85rem;
        color: var(--gie-muted);
      }
      .messages p {
        margin-block-end: 1rem;
      }
    `,
  ];

  declare currentUser: User | null;
  /** null while loading. */
  declare users: User[] | null;
  declare members: Member[];
  declare pending: ReadonlyMap<number, PendingRole>;
  declare busyRows: ReadonlySet<number>;
  declare notice: Text | null;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.currentUser = null;
    this.users = null;
    this.members = [];
    this.pending = new Map();
    this.busyRows = new Set();
    this.notice = null;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.users = null;
    try {
      const [users, members] = await Promise.all([call(api.users.$get()), call(api.members.$get({ query: {} }))]);
      this.users = users.items;
      this.members = members.items;
    } catch (error) {
      this.error = problemText(error);
      this.users = [];
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`<h1>${t('users.title')}</h1>
      <p class="lead">${t('users.intro')}</p>
      <div class="messages">
        <div role="status" aria-live="polite" data-testid="users-notice">
          ${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}
        </div>
        <div role="alert" aria-live="assertive" data-testid="users-alert">
          ${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}
        </div>
      </div>
      ${
        this.users === null
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('users.loading')}</p>`
          : this.renderTable(this.users)
      }
      <gie-user-form .members=${this.members} @user-created=${this.created}></gie-user-form>`;
  }

  private renderTable(users: User[]) {
    const { t } = this.i18n;
    if (users.length === 0) return this.error ? nothing : html`<p class="card">${t('users.empty')}</p>`;
    return html`<div class="card table-wrap">
      <table data-testid="users-table">
        <caption>
          ${t('users.caption')}
          <span class="hint">· ${t('users.count', { count: users.length })}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('users.col.name')} · ${t('users.col.email')}</th>
            <th scope="col">${t('users.col.role')}</th>
            <th scope="col">${t('users.col.member')}</th>
            <th scope="col">${t('users.col.status')}</th>
            <th scope="col">${t('users.col.createdAt')}</th>
            <th scope="col">${t('users.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${users.map((user) => this.renderRow(user))}
        </tbody>
      </table>
    </div>`;
  }

  private renderRow(user: User) {
    const { t } = this.i18n;
    const self = user.id === this.currentUser?.id;
    const busy = this.busyRows.has(user.id);
    const pending = this.pending.get(user.id);
    const role = pending?.role ?? user.role;
    const memberId = pending?.memberId ?? (user.memberId === null ? '' : String(user.memberId));
    const member = this.members.find((m) => m.id === user.memberId);
    const needsMember = role === 'entrepreneur' && user.role !== 'entrepreneur';
    return html`<tr class=${user.active ? '' : 'inactive'} data-user-email=${user.email}>
      <th scope="row">
        <bdi>${user.displayName}</bdi> ${self ? html`<span class="you">(${t('users.you')})</span>` : nothing}
        <span class="email">${user.email}</span>
      </th>
      <td>
        <div class="row-role">
          <label class="visually-hidden" for="role-${user.id}">${t('users.roleOf', { name: user.displayName })}</label>
          <select
            id="role-${user.id}"
            data-testid="user-row-role"
            ?disabled=${self || busy}
            title=${self ? t('users.selfLocked') : ''}
            @change=${(e: Event) => this.pick(user, { role: (e.target as HTMLSelectElement).value as Role, memberId })}
          >
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === role}>${t(`role.${r}`)}</option>`)}
          </select>
          ${
            needsMember
              ? html`<label class="visually-hidden" for="member-${user.id}">${t('users.memberOf', { name: user.displayName })}</label>
                <select
                  id="member-${user.id}"
                  ?disabled=${busy}
                  @change=${(e: Event) => this.pick(user, { role, memberId: (e.target as HTMLSelectElement).value })}
                >
                  <option value="" ?selected=${memberId === ''}>${t('users.form.chooseMember')}</option>
                  ${this.members.map(
                    (m) => html`<option value=${String(m.id)} ?selected=${String(m.id) === memberId}>${m.code}</option>`,
                  )}
                </select>`
              : nothing
          }
          ${
            pending
              ? html`<button
                class="small"
                type="button"
                data-testid="user-row-save"
                aria-label=${t('users.saveRoleOf', { name: user.displayName })}
                aria-busy=${busy ? 'true' : 'false'}
                ?disabled=${busy}
                @click=${() => this.saveRole(user, pending)}
              >
                ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('users.saveRole')}
              </button>`
              : nothing
          }
        </div>
      </td>
      <td>${member ? html`<abbr title=${member.legalName}>${member.code}</abbr>` : '—'}</td>
      <td>
        <span class="badge ${user.active ? '' : 'off'}" data-testid="user-row-status"
          >${t(user.active ? 'users.active' : 'users.inactive')}</span
        >
      </td>
      <td class="nowrap">${formatDate(user.createdAt, { dateStyle: 'medium' })}</td>
      <td>
        <button
          type="button"
          class="small ${user.active ? 'danger' : 'secondary'}"
          data-testid="user-row-toggle"
          aria-label=${t(user.active ? 'users.deactivateUser' : 'users.activateUser', { name: user.displayName })}
          aria-busy=${busy ? 'true' : 'false'}
          ?disabled=${self || busy}
          title=${self ? t('users.selfLocked') : ''}
          @click=${() => this.applyChanges(user, { active: !user.active })}
        >
          ${t(user.active ? 'users.deactivate' : 'users.activate')}
        </button>
      </td>
    </tr>`;
  }

  private pick(user: User, choice: PendingRole): void {
    const pending = new Map(this.pending);
    const unchanged = choice.role === user.role;
    if (unchanged) pending.delete(user.id);
    else pending.set(user.id, choice);
    this.pending = pending;
  }

  private saveRole(user: User, pending: PendingRole): Promise<void> {
    const changes: UserChanges = { role: pending.role };
    if (pending.role === 'entrepreneur' && user.role !== 'entrepreneur') {
      changes.memberId = pending.memberId ? Number(pending.memberId) : null;
    }
    return this.applyChanges(user, changes);
  }

  private async applyChanges(user: User, changes: UserChanges): Promise<void> {
    this.busyRows = new Set(this.busyRows).add(user.id);
    this.notice = null;
    this.error = null;
    try {
      const updated = await call(api.users[':id'].$patch({ param: { id: String(user.id) }, json: changes }));
      this.users = (this.users ?? []).map((u) => (u.id === updated.id ? updated : u));
      const pending = new Map(this.pending);
      pending.delete(user.id);
      this.pending = pending;
      this.notice = { key: 'users.saved', params: { name: updated.displayName } };
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = userFieldErrors(error);
        const texts = [...Object.values(fields), ...other].map(textOf);
        this.error = { raw: `${user.displayName} — ${texts.join(' ')}` };
      } else {
        this.error = problemText(error);
      }
    } finally {
      const busy = new Set(this.busyRows);
      busy.delete(user.id);
      this.busyRows = busy;
    }
  }

  private created(event: UserCreatedEvent): void {
    const users = [...(this.users ?? []), event.user].sort((a, b) => a.email.localeCompare(b.email));
    this.users = users;
    this.error = null;
    this.notice = { key: 'users.created', params: { name: event.user.displayName } };
  }
}

customElements.define('gie-users-page', UsersPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-users-page': UsersPage;
  }
}
