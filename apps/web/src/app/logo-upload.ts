// A logo (member or GIE): shown when there is one, and for those who may change it, a PNG/JPEG upload and a
// removal. The API checks the bytes and the size; its refusal is said here. Fires `logo-changed` once stored.
import { css, html, LitElement, nothing } from 'lit';
import { send } from '../api/client.ts';
import { LocaleController } from '../i18n/localize.ts';
import { problemText, type Text, textOf } from './forms.ts';
import { sharedStyles } from './styles.ts';

export class LogoUpload extends LitElement {
  static override properties = {
    endpoint: { type: String },
    hasLogo: { type: Boolean },
    version: { type: String },
    name: { type: String },
    canEdit: { type: Boolean },
    canRemove: { type: Boolean },
    file: { state: true },
    busy: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .logo {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem 1.5rem;
        align-items: center;
      }
      .frame {
        display: grid;
        place-items: center;
        inline-size: 8rem;
        block-size: 8rem;
        border: 1px solid var(--gie-border);
        border-radius: var(--gie-radius);
        background: #fff;
        overflow: hidden;
        flex: none;
      }
      .frame img {
        max-inline-size: 100%;
        max-block-size: 100%;
        object-fit: contain;
      }
      .frame .none {
        color: var(--gie-muted);
        font-size: 0.85rem;
        text-align: center;
        padding: 0.5rem;
      }
      .edit {
        display: grid;
        gap: 0.6rem;
        flex: 1;
        min-inline-size: 14rem;
      }
      input[type='file'] {
        padding-block: 0.35rem;
      }
    `,
  ];

  declare endpoint: string;
  declare hasLogo: boolean;
  /** Changes when the logo does (the record's updatedAt), so the browser shows the new one. */
  declare version: string;
  /** Whose logo it is, for the image's text alternative. */
  declare name: string;
  declare canEdit: boolean;
  declare canRemove: boolean;
  declare file: File | null;
  declare busy: 'upload' | 'remove' | null;
  declare error: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.endpoint = '';
    this.hasLogo = false;
    this.version = '';
    this.name = '';
    this.canEdit = false;
    this.canRemove = false;
    this.file = null;
    this.busy = null;
    this.error = null;
    this.notice = null;
  }

  override render() {
    const { t } = this.i18n;
    return html`<div class="logo">
      <div class="frame">
        ${
          this.hasLogo
            ? html`<img
              src="${this.endpoint}?v=${encodeURIComponent(this.version)}"
              alt=${t('logo.alt', { name: this.name })}
              data-testid="logo-image"
            />`
            : html`<span class="none">${t('logo.none')}</span>`
        }
      </div>
      ${this.canEdit ? this.renderEdit() : nothing}
    </div>`;
  }

  private renderEdit() {
    const { t } = this.i18n;
    return html`<div class="edit">
      <div class="field">
        <label for="logo-file">${t('logo.file')}</label>
        <input
          id="logo-file"
          type="file"
          accept="image/png,image/jpeg"
          data-testid="logo-file"
          aria-describedby="logo-file-hint"
          ?disabled=${this.busy !== null}
          @change=${(e: Event) => {
            this.file = (e.target as HTMLInputElement).files?.[0] ?? null;
            this.error = null;
            this.notice = null;
          }}
        />
        <p class="hint" id="logo-file-hint">${t('logo.hint')}</p>
      </div>
      <div class="actions">
        <button
          type="button"
          class="small"
          data-testid="logo-upload"
          aria-busy=${this.busy === 'upload' ? 'true' : 'false'}
          ?disabled=${!this.file || this.busy !== null}
          @click=${this.upload}
        >
          ${this.busy === 'upload' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('logo.upload')}
        </button>
        ${
          this.canRemove && this.hasLogo
            ? html`<button
              type="button"
              class="small danger"
              data-testid="logo-remove"
              aria-busy=${this.busy === 'remove' ? 'true' : 'false'}
              ?disabled=${this.busy !== null}
              @click=${this.removeLogo}
            >
              ${this.busy === 'remove' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('logo.remove')}
            </button>`
            : nothing
        }
      </div>
      <div role="status">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
    </div>`;
  }

  private async upload(): Promise<void> {
    if (!this.file) return;
    await this.change('upload', () => send(this.endpoint, 'PUT', this.file!), { key: 'logo.saved' });
    const input = this.renderRoot.querySelector<HTMLInputElement>('#logo-file');
    if (input && !this.error) {
      input.value = '';
      this.file = null;
    }
  }

  private removeLogo(): Promise<void> {
    return this.change('remove', () => send(this.endpoint, 'DELETE'), { key: 'logo.removed' });
  }

  private async change(what: 'upload' | 'remove', run: () => Promise<void>, done: Text): Promise<void> {
    this.busy = what;
    this.error = null;
    this.notice = null;
    try {
      await run();
      this.notice = done;
      this.dispatchEvent(new Event('logo-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('gie-logo-upload', LogoUpload);

declare global {
  interface HTMLElementTagNameMap {
    'gie-logo-upload': LogoUpload;
  }
}
