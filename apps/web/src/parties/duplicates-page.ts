// Probable duplicates among customers and suppliers, group by group, for the manager or the accountant to merge:
// choose the party that carries on, say why, confirm. The others are merged into it one by one (nothing is
// deleted: a merged party stays, inactive, pointing at the survivor).
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { DuplicateGroup, User } from '../api/types.ts';
import {
  type FieldErrors,
  focusFirstInvalid,
  problemText,
  refusalSummary,
  type Text,
  textareaField,
  textOf,
} from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDate, formatNumber, LocaleController } from '../i18n/localize.ts';

interface Merge {
  group: DuplicateGroup;
  index: number;
  survivorId: number;
  reason: string;
}

export class DuplicatesPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    groups: { state: true },
    survivors: { state: true },
    error: { state: true },
    notice: { state: true },
    merge: { state: true },
    mergeBusy: { state: true },
    mergeDone: { state: true },
    reasonError: { state: true },
    mergeError: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .group h2 {
        font-size: 1.05rem;
      }
      .merge {
        margin-block-start: 1rem;
      }
      td.pick {
        inline-size: 3rem;
      }
      .radio {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .radio label {
        font-weight: 400;
      }
      .sub {
        display: block;
        color: var(--gie-muted);
        font-size: 0.875rem;
      }
      dialog form {
        gap: 0.9rem;
      }
      dialog ul {
        margin: 0;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  declare user: User | null;
  /** null while loading. */
  declare groups: DuplicateGroup[] | null;
  /** The survivor chosen in each group (by its first party's id); the oldest party unless changed. */
  declare survivors: ReadonlyMap<number, number>;
  declare error: Text | null;
  declare notice: Text | null;
  declare merge: Merge | null;
  declare mergeBusy: boolean;
  /** Parties merged so far in the running merge, for its progress. */
  declare mergeDone: number;
  declare reasonError: Text | null;
  declare mergeError: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
    this.groups = null;
    this.survivors = new Map();
    this.error = null;
    this.notice = null;
    this.merge = null;
    this.mergeBusy = false;
    this.mergeDone = 0;
    this.reasonError = null;
    this.mergeError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.groups = null;
    this.error = null;
    try {
      this.groups = (await call(api.parties.duplicates.$get())).groups;
    } catch (error) {
      this.error = problemText(error);
      this.groups = [];
    }
  }

  private survivorOf(group: DuplicateGroup): number {
    const first = group.parties[0]!.id;
    return this.survivors.get(first) ?? first;
  }

  override render() {
    const { t } = this.i18n;
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/parties">${t('parties.title')}</a></li>
          <li><span aria-current="page">${t('nav.partyDuplicates')}</span></li>
        </ol>
      </nav>
      <h1>${t('duplicates.title')}</h1>
      <p class="lead">${t('duplicates.intro')}</p>
      <div role="status" data-testid="duplicates-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${
        this.groups === null
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('duplicates.loading')}</p>`
          : this.groups.length === 0
            ? html`<p class="card" data-testid="duplicates-empty">${t('duplicates.empty')}</p>`
            : this.groups.map((group, index) => this.renderGroup(group, index))
      }
      ${this.renderDialog()}`;
  }

  private renderGroup(group: DuplicateGroup, index: number) {
    const { t } = this.i18n;
    const survivor = this.survivorOf(group);
    const titleId = `group-${index}-title`;
    return html`<section class="card group" aria-labelledby=${titleId} data-testid="duplicate-group">
      <h2 id=${titleId}>
        ${t('duplicates.group', { number: index + 1 })} ·
        ${t(group.reason === 'same-name' ? 'duplicates.reason.sameName' : 'duplicates.reason.similarName')}
      </h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">
            ${t('duplicates.group', { number: index + 1 })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('duplicates.keep')}</th>
              <th scope="col">${t('party.field.name')}</th>
              <th scope="col">${t('party.field.ice')}</th>
              <th scope="col">${t('party.field.city')}</th>
              <th scope="col">${t('parties.role')}</th>
              <th scope="col">${t('duplicates.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            ${group.parties.map(
              (p) => html`<tr>
                <td class="pick">
                  <span class="radio">
                    <input
                      type="radio"
                      name="survivor-${index}"
                      id="survivor-${index}-${p.id}"
                      .checked=${p.id === survivor}
                      @change=${() => {
                        this.survivors = new Map(this.survivors).set(group.parties[0]!.id, p.id);
                      }}
                    />
                    <label for="survivor-${index}-${p.id}" class="visually-hidden"
                      >${t('duplicates.keepThis', { name: p.name })}</label
                    >
                  </span>
                </td>
                <td>
                  <a href="/parties/${p.id}"><bdi>${p.name}</bdi></a>
                  <span class="sub">${t(`party.kind.${p.kind}`)}</span>
                </td>
                <td class="nowrap"><span class="ltr">${p.ice ?? '—'}</span></td>
                <td><bdi>${p.city ?? '—'}</bdi></td>
                <td>
                  ${p.isCustomer ? html`<span class="badge">${t('party.customer')}</span>` : nothing}
                  ${p.isSupplier ? html`<span class="badge status-admitted">${t('party.supplier')}</span>` : nothing}
                </td>
                <td class="nowrap">${formatDate(p.createdAt, { dateStyle: 'medium' })}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="actions merge">
        <button type="button" data-testid="duplicate-merge" @click=${() => this.openMerge(group, index)}>
          ${t('duplicates.merge')}
        </button>
      </div>
    </section>`;
  }

  private renderDialog() {
    const { t } = this.i18n;
    const merge = this.merge;
    const survivor = merge?.group.parties.find((p) => p.id === merge.survivorId);
    const others = merge?.group.parties.filter((p) => p.id !== merge.survivorId) ?? [];
    return html`<dialog
      id="merge-dialog"
      aria-labelledby="merge-title"
      data-testid="merge-dialog"
      @close=${() => {
        if (!this.mergeBusy) this.merge = null;
      }}
      @cancel=${(e: Event) => {
        if (this.mergeBusy) e.preventDefault();
      }}
    >
      ${
        merge && survivor
          ? html`<form novalidate @submit=${this.confirmMerge}>
            <h2 id="merge-title">${t('duplicates.confirmTitle')}</h2>
            <p>${t('duplicates.confirmBody', { count: others.length, name: survivor.name })}</p>
            <ul>
              ${others.map((p) => html`<li><bdi>${p.name}</bdi>${p.ice ? html` · <span class="ltr">${p.ice}</span>` : nothing}</li>`)}
            </ul>
            <p class="hint">${t('duplicates.confirmHint')}</p>
            <div role="alert">${this.mergeError ? html`<p class="alert">${textOf(this.mergeError)}</p>` : nothing}</div>
            ${textareaField({
              id: 'merge-reason',
              name: 'reason',
              label: t('duplicates.reason'),
              required: true,
              maxlength: 500,
              error: this.reasonError ?? undefined,
              testid: 'merge-reason',
            })}
            ${
              this.mergeBusy
                ? html`<div>
                  <label for="merge-progress">${t('duplicates.merging')}</label>
                  <progress id="merge-progress" max=${others.length} .value=${this.mergeDone}></progress>
                  <span class="hint">${formatNumber(this.mergeDone)} / ${formatNumber(others.length)}</span>
                </div>`
                : nothing
            }
            <div class="actions">
              <button
                type="submit"
                class="danger"
                data-testid="merge-confirm"
                aria-busy=${this.mergeBusy ? 'true' : 'false'}
                ?disabled=${this.mergeBusy}
              >
                ${this.mergeBusy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('duplicates.confirm')}
              </button>
              <button type="button" class="secondary" ?disabled=${this.mergeBusy} @click=${this.closeMerge}>
                ${t('form.cancel')}
              </button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector<HTMLDialogElement>('#merge-dialog');
  }

  private async openMerge(group: DuplicateGroup, index: number): Promise<void> {
    this.merge = { group, index, survivorId: this.survivorOf(group), reason: '' };
    this.reasonError = null;
    this.mergeError = null;
    this.mergeDone = 0;
    this.notice = null;
    await this.updateComplete;
    this.dialog?.showModal();
    this.renderRoot.querySelector<HTMLElement>('#merge-reason')?.focus();
  }

  private closeMerge(): void {
    this.dialog?.close();
    this.merge = null;
  }

  private async confirmMerge(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const merge = this.merge;
    if (!merge || this.mergeBusy) return;
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) {
      this.reasonError = { key: 'duplicates.reasonMissing' };
      this.mergeError = refusalSummary(1, []);
      await focusFirstInvalid(this);
      return;
    }
    const survivor = merge.group.parties.find((p) => p.id === merge.survivorId)!;
    const others = merge.group.parties.filter((p) => p.id !== merge.survivorId);
    this.mergeBusy = true;
    this.reasonError = null;
    this.mergeError = null;
    try {
      for (const party of others) {
        await call(api.parties[':id'].merge.$post({ param: { id: String(party.id) }, json: { into: survivor.id, reason } }));
        this.mergeDone += 1;
      }
      this.mergeBusy = false;
      this.closeMerge();
      this.notice = { key: 'duplicates.merged', params: { count: others.length, name: survivor.name } };
      await this.load();
    } catch (error) {
      const fields: FieldErrors<'reason'> = {};
      if (error instanceof ApiProblem && error.fieldError('reason')) fields.reason = { key: 'duplicates.reasonMissing' };
      this.reasonError = fields.reason ?? null;
      this.mergeError = problemText(error);
      if (this.mergeDone > 0) {
        // some were merged before the refusal: the list must show what is left
        void this.load();
      }
    } finally {
      this.mergeBusy = false;
    }
  }
}

customElements.define('gie-duplicates-page', DuplicatesPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-duplicates-page': DuplicatesPage;
  }
}
