// The committee of a call: who sits on it and as what (one president, rapporteurs, members). The manager seats it
// from the committee and manager users until scoring closes; the API refuses a second president, a user listed
// twice, or removing someone who has already scored. Fires `committee-changed` with the call once saved.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import type { CommitteeCandidate, SelectionCall } from './selection-types.ts';
import { COMMITTEE_ROLES, type CommitteeRole, committeeRoleLabel, selectionStyles } from './selection-ui.ts';

interface Seat {
  userId: number;
  role: CommitteeRole;
}

export class CommitteeEditor extends LitElement {
  static override properties = {
    selCall: { attribute: false },
    editable: { type: Boolean },
    editing: { state: true },
    seats: { state: true },
    candidates: { state: true },
    busy: { state: true },
    error: { state: true },
    seatErrors: { state: true },
  };

  static override styles = [
    sharedStyles,
    selectionStyles,
    css`
      .seat {
        display: grid;
        grid-template-columns: minmax(12rem, 2fr) minmax(9rem, 1fr) auto;
        gap: 0.5rem 0.75rem;
        align-items: end;
      }
    `,
  ];

  /** The call whose committee this is. */
  declare selCall: SelectionCall | null;
  /** Whether the signed-in user may change it (the manager, before scoring closes). */
  declare editable: boolean;
  declare editing: boolean;
  declare seats: Seat[];
  declare candidates: CommitteeCandidate[];
  declare busy: boolean;
  declare error: Text | null;
  declare seatErrors: Record<number, Text>;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.selCall = null;
    this.editable = false;
    this.editing = false;
    this.seats = [];
    this.candidates = [];
    this.busy = false;
    this.error = null;
    this.seatErrors = {};
  }

  private async startEditing(): Promise<void> {
    this.seats = (this.selCall?.committee ?? []).map((s) => ({ userId: s.userId, role: s.role }));
    if (this.seats.length === 0) this.seats = [{ userId: 0, role: 'president' }];
    this.editing = true;
    this.error = null;
    this.seatErrors = {};
    try {
      this.candidates = await call(api.selection['committee-users'].$get());
    } catch (error) {
      this.error = problemText(error);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLSelectElement>('#seat-0-user')?.focus();
  }

  override render() {
    const { t } = this.i18n;
    const c = this.selCall;
    if (!c) return nothing;
    if (this.editing) return this.renderForm();
    return html`${
      c.committee.length === 0
        ? html`<p class="empty" data-testid="committee-empty">${t('sel.committee.empty')}</p>`
        : html`<ul class="plain" data-testid="committee-list">
          ${c.committee.map(
            (s) => html`<li data-testid="committee-seat" data-user=${s.userId} data-role=${s.role}>
              <bdi>${s.displayName}</bdi> — ${committeeRoleLabel(s.role)} <span class="hint ltr">${s.email}</span>
            </li>`,
          )}
        </ul>`
    }
      ${
        this.editable
          ? html`<div class="actions">
            <button type="button" class="secondary" data-testid="committee-edit" @click=${this.startEditing}>${t('sel.committee.edit')}</button>
          </div>`
          : nothing
      }`;
  }

  private renderForm() {
    const { t } = this.i18n;
    const options = this.candidates;
    return html`<div role="alert">${this.error ? html`<p class="alert" data-testid="committee-alert">${textOf(this.error)}</p>` : nothing}</div>
      <form novalidate data-testid="committee-form" @submit=${this.save} aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.seats.map(
          (seat, i) => html`<div class="seat" role="group" aria-label=${t('sel.committee.seatN', { n: i + 1 })}>
            <div class="field">
              <label for="seat-${i}-user">${t('sel.committee.user')}</label>
              <select
                id="seat-${i}-user"
                data-testid="seat-${i}-user"
                aria-invalid=${this.seatErrors[i] ? 'true' : 'false'}
                @change=${(e: Event) => this.setSeat(i, { userId: Number((e.target as HTMLSelectElement).value) })}
              >
                <option value="0" ?selected=${seat.userId === 0}>${t('form.none')}</option>
                ${options.map(
                  (u) =>
                    html`<option value=${u.userId} ?selected=${u.userId === seat.userId}>${u.displayName} (${u.email})</option>`,
                )}
              </select>
              ${this.seatErrors[i] ? html`<p class="field-error">${textOf(this.seatErrors[i])}</p>` : nothing}
            </div>
            <div class="field">
              <label for="seat-${i}-role">${t('sel.committee.role')}</label>
              <select
                id="seat-${i}-role"
                data-testid="seat-${i}-role"
                @change=${(e: Event) => this.setSeat(i, { role: (e.target as HTMLSelectElement).value as CommitteeRole })}
              >
                ${COMMITTEE_ROLES.map((r) => html`<option value=${r} ?selected=${r === seat.role}>${committeeRoleLabel(r)}</option>`)}
              </select>
            </div>
            <button
              type="button"
              class="danger small"
              aria-label=${t('sel.committee.removeN', { n: i + 1 })}
              @click=${() => (this.seats = this.seats.filter((_, j) => j !== i))}
            >
              ${t('sel.grid.removeCriterion')}
            </button>
          </div>`,
        )}
        <div class="actions">
          <button
            type="button"
            class="secondary"
            data-testid="seat-add"
            @click=${() => (this.seats = [...this.seats, { userId: 0, role: 'member' }])}
          >
            ${t('sel.committee.add')}
          </button>
        </div>
        <div class="actions">
          <button type="submit" data-testid="committee-save" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('sel.save')}
          </button>
          <button type="button" class="secondary" @click=${() => (this.editing = false)}>${t('form.cancel')}</button>
        </div>
      </form>`;
  }

  private setSeat(index: number, patch: Partial<Seat>): void {
    this.seats = this.seats.map((s, i) => (i === index ? { ...s, ...patch } : s));
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const c = this.selCall;
    if (!c || this.busy) return;
    this.busy = true;
    this.error = null;
    this.seatErrors = {};
    try {
      const members = this.seats.filter((s) => s.userId > 0);
      const saved = await call(api.selection.calls[':id'].committee.$put({ param: { id: String(c.id) }, json: { members } }));
      this.editing = false;
      this.dispatchEvent(new CustomEvent<SelectionCall>('committee-changed', { detail: saved, bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const seatErrors: Record<number, Text> = {};
        for (const fe of error.errors) {
          const match = /^members\.(\d+)/.exec(fe.path);
          if (match) seatErrors[Number(match[1])] = { raw: fe.message };
        }
        this.seatErrors = seatErrors;
        this.error = { raw: error.errors.map((e) => e.message).join(' · ') };
      } else {
        this.error =
          error instanceof ApiProblem && error.status === 409 ? { raw: error.detail ?? error.title } : problemText(error);
      }
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('gie-committee-editor', CommitteeEditor);

declare global {
  interface HTMLElementTagNameMap {
    'gie-committee-editor': CommitteeEditor;
  }
}
