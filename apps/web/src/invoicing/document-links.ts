// "Send the PDF link" on an issued invoice or credit note: the manager or the member's entrepreneur creates a signed,
// expiring link (optional customer e-mail, 1 to 90 days), sees it once with a copy button and an "open in mail
// client" button (the API's mailto:, subject and body in French), and every link of the document with its state
// (active, expired, revoked), how often it was opened, and a revoke button. The accountant reads the list.

import type { InferResponseType } from 'hono/client';
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { SalesDocument, User } from '../api/types.ts';
import { type FieldErrors, inputField, problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, LocaleController } from '../i18n/localize.ts';
import type { ConfirmDialog } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import { invoicingStyles, mayWrite } from './invoicing-ui.ts';

type DocumentLink = InferResponseType<(typeof api.invoicing.documents)[':id']['links']['$get'], 200>['items'][number];
type SharedDocument = InferResponseType<(typeof api.invoicing.documents)[':id']['links']['$post'], 201>;
type LinkField = 'recipientEmail' | 'expiresInDays';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export class DocumentLinksSection extends LitElement {
  static override properties = {
    doc: { attribute: false },
    user: { attribute: false },
    links: { state: true },
    phase: { state: true },
    busy: { state: true },
    created: { state: true },
    errors: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [
    sharedStyles,
    invoicingStyles,
    css`
      .create {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 0.75rem 1rem;
        align-items: end;
      }
      .created {
        border: 1px solid var(--gie-border);
        border-radius: var(--gie-radius);
        padding: 0.75rem 1rem;
        margin-block: 1rem;
        background: #f8fafb;
      }
      .created input {
        inline-size: 100%;
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
      }
      .badge.link-active {
        background: var(--gie-success-soft);
        color: var(--gie-success);
      }
      .badge.link-expired {
        background: #eceff2;
        color: var(--gie-muted);
      }
      .badge.link-revoked {
        background: var(--gie-danger-soft);
        color: var(--gie-danger);
      }
    `,
  ];

  /** The issued document whose links these are. */
  declare doc: SalesDocument | null;
  declare user: User | null;
  declare links: DocumentLink[];
  declare phase: 'loading' | 'ready' | 'failed';
  declare busy: 'create' | number | null;
  /** The link just created: its URL is shown once. */
  declare created: SharedDocument | null;
  declare errors: FieldErrors<LinkField>;
  declare error: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;

  constructor() {
    super();
    this.doc = null;
    this.user = null;
    this.links = [];
    this.phase = 'loading';
    this.busy = null;
    this.created = null;
    this.errors = {};
    this.error = null;
    this.notice = null;
  }

  override updated(changed: Map<string, unknown>): void {
    const before = changed.get('doc') as SalesDocument | null | undefined;
    if (changed.has('doc') && this.doc && before?.id !== this.doc.id) {
      this.created = null;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const id = ++this.loadId;
    try {
      const { items } = await call(api.invoicing.documents[':id'].links.$get({ param: { id: String(doc.id) } }));
      if (id !== this.loadId) return;
      this.links = items;
      this.phase = 'ready';
    } catch (error) {
      if (id !== this.loadId) return;
      this.error = problemText(error);
      this.phase = 'failed';
    }
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  override render() {
    const { t } = this.i18n;
    if (!this.doc) return nothing;
    const writer = mayWrite(this.user?.role);
    return html`<gie-confirm-dialog></gie-confirm-dialog>
      <section class="card" aria-labelledby="links-title" data-testid="document-links">
        <h2 id="links-title">${t('inv.links.title')}</h2>
        <p class="hint">${t('inv.links.intro')}</p>
        <div role="status" data-testid="links-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
        <div role="alert" data-testid="links-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        ${writer ? this.renderCreate() : nothing} ${this.renderCreated()} ${this.renderList(writer)}
      </section>`;
  }

  private renderCreate() {
    const { t } = this.i18n;
    const busy = this.busy === 'create';
    return html`<form novalidate class="create" data-testid="link-form" aria-busy=${busy ? 'true' : 'false'} @submit=${this.create}>
      ${inputField({
        id: 'link-email',
        name: 'recipientEmail',
        label: t('inv.links.email'),
        type: 'email',
        autocomplete: 'off',
        dir: 'ltr',
        maxlength: 254,
        error: this.errors.recipientEmail,
        testid: 'link-email',
      })}
      ${inputField({
        id: 'link-days',
        name: 'expiresInDays',
        label: t('inv.links.days'),
        type: 'number',
        inputmode: 'numeric',
        min: '1',
        max: '90',
        step: '1',
        dir: 'ltr',
        value: '30',
        hint: t('inv.links.daysHint'),
        error: this.errors.expiresInDays,
        testid: 'link-days',
      })}
      <div class="actions">
        <button type="submit" data-testid="link-create" aria-busy=${busy ? 'true' : 'false'} ?disabled=${this.busy !== null}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(busy ? 'inv.links.creating' : 'inv.links.create')}
        </button>
      </div>
    </form>`;
  }

  private renderCreated() {
    const { t } = this.i18n;
    const c = this.created;
    if (!c) return nothing;
    return html`<div class="created" data-testid="link-created">
      <p>${t('inv.links.created')}</p>
      <div class="field">
        <label for="link-url">${t('inv.links.url')}</label>
        <input id="link-url" type="url" dir="ltr" readonly data-testid="link-url" .value=${c.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      </div>
      <div class="actions">
        <button type="button" class="secondary" data-testid="link-copy" @click=${this.copy}>${t('inv.links.copy')}</button>
        <a class="button" href=${c.mailto} data-testid="link-mail">${t('inv.links.mail')}</a>
      </div>
    </div>`;
  }

  private renderList(writer: boolean) {
    const { t } = this.i18n;
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('inv.links.loading')}</p>`;
    }
    if (this.phase === 'failed') {
      return html`<button type="button" class="secondary" @click=${this.load}>${t('app.retry')}</button>`;
    }
    if (this.links.length === 0) return html`<p class="empty" data-testid="links-empty">${t('inv.links.none')}</p>`;
    return html`<h3>${t('inv.links.list')}</h3>
      <div class="table-wrap">
        <table data-testid="links-table">
          <caption class="visually-hidden">${t('inv.links.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('inv.links.col.created')}</th>
              <th scope="col">${t('inv.links.col.recipient')}</th>
              <th scope="col">${t('inv.links.col.expires')}</th>
              <th scope="col">${t('inv.links.col.state')}</th>
              <th scope="col">${t('inv.links.col.opened')}</th>
              ${writer ? html`<th scope="col"><span class="visually-hidden">${t('inv.doc.actions')}</span></th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${this.links.map(
              (l) => html`<tr data-testid="link-row" data-id=${l.id} data-state=${l.state}>
                <td class="nowrap">${formatDateTime(l.createdAt)}</td>
                <td><bdi>${l.recipientEmail ?? '—'}</bdi></td>
                <td class="nowrap">${formatDateTime(l.expiresAt)}</td>
                <td><span class="badge link-${l.state}" data-testid="link-state">${t(`inv.links.state.${l.state}`)}</span></td>
                <td data-testid="link-opened" data-count=${l.openCount}>
                  ${t('inv.links.opened', { count: l.openCount })}${
                    l.lastOpenedAt
                      ? html`<br /><span class="hint">${t('inv.links.lastOpened', { date: formatDateTime(l.lastOpenedAt) })}</span>`
                      : nothing
                  }
                </td>
                ${
                  writer
                    ? html`<td>
                        ${
                          l.state === 'active'
                            ? html`<button
                                type="button"
                                class="danger small"
                                data-testid="link-revoke"
                                aria-label=${t('inv.links.revokeLabel', { date: formatDateTime(l.createdAt) })}
                                aria-busy=${this.busy === l.id ? 'true' : 'false'}
                                ?disabled=${this.busy !== null}
                                @click=${() => this.revoke(l)}
                              >
                                ${this.busy === l.id ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('inv.links.revoke')}
                              </button>`
                            : nothing
                        }
                      </td>`
                    : nothing
                }
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const doc = this.doc;
    if (!doc || this.busy !== null) return;
    // read now: once the event is dispatched, its target (inside a shadow root) is no longer given
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('recipientEmail') ?? '').trim();
    const daysText = String(data.get('expiresInDays') ?? '').trim();
    const days = daysText === '' ? 30 : Number(daysText);
    const errors: FieldErrors<LinkField> = {};
    if (email && !EMAIL.test(email)) errors.recipientEmail = { key: 'inv.error.email' };
    if (!Number.isInteger(days) || days < 1 || days > 90) errors.expiresInDays = { key: 'inv.error.days' };
    this.errors = errors;
    this.error = null;
    this.notice = null;
    if (Object.keys(errors).length > 0) return this.focusInvalid();
    this.busy = 'create';
    try {
      this.created = await call(
        api.invoicing.documents[':id'].links.$post({
          param: { id: String(doc.id) },
          json: { expiresInDays: days, ...(email ? { recipientEmail: email } : {}) },
        }),
      );
      form.reset();
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="link-url"]')?.focus();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const found: FieldErrors<LinkField> = {};
        for (const e of error.errors) {
          if (e.path === 'recipientEmail') found.recipientEmail = { key: 'inv.error.email', detail: e.message };
          else if (e.path === 'expiresInDays') found.expiresInDays = { key: 'inv.error.days', detail: e.message };
        }
        this.errors = found;
      }
      this.error =
        error instanceof ApiProblem && [400, 409].includes(error.status)
          ? { key: 'inv.error.refused', params: { detail: error.detail ?? error.title } }
          : problemText(error);
      await this.focusInvalid();
    } finally {
      this.busy = null;
    }
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-testid="link-form"] [aria-invalid="true"]')?.focus();
  }

  private async copy(): Promise<void> {
    const url = this.created?.url;
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      this.notice = { key: 'inv.links.copied' };
    } catch {
      // no clipboard permission (plain HTTP, an old browser): the link is selected for the person to copy
      const input = this.renderRoot.querySelector<HTMLInputElement>('[data-testid="link-url"]');
      input?.focus();
      input?.select();
      this.notice = { key: 'inv.links.copyFailed' };
    }
  }

  private async revoke(link: DocumentLink): Promise<void> {
    const { t } = this.i18n;
    const doc = this.doc;
    if (!doc || this.busy !== null) return;
    const ok = await this.confirm?.ask({
      title: t('inv.links.revokeTitle'),
      body: t('inv.links.revokeBody'),
      confirmLabel: t('inv.links.revoke'),
    });
    if (!ok) return;
    this.busy = link.id;
    this.error = null;
    this.notice = null;
    try {
      await call(
        api.invoicing.documents[':id'].links[':linkId'].revoke.$post({
          param: { id: String(doc.id), linkId: String(link.id) },
        }),
      );
      if (this.created?.link.id === link.id) this.created = null;
      this.notice = { key: 'inv.links.revoked' };
      await this.load();
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status === 409
          ? { key: 'inv.error.refused', params: { detail: error.detail ?? error.title } }
          : problemText(error);
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('gie-document-links', DocumentLinksSection);

declare global {
  interface HTMLElementTagNameMap {
    'gie-document-links': DocumentLinksSection;
  }
}
