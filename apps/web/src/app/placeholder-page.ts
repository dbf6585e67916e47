// The screen of a capability that is in the navigation but not built yet, so each role already sees
// where its future work will live instead of a dead link.
import { html, LitElement } from 'lit';
import { LocaleController, type MessageKey } from '../i18n/localize.ts';
import { sharedStyles } from './styles.ts';

export class PlaceholderPage extends LitElement {
  static override properties = { titleKey: { attribute: false } };
  static override styles = sharedStyles;

  declare titleKey: MessageKey;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.titleKey = 'nav.home';
  }

  override render() {
    const { t } = this.i18n;
    return html`<h1>${t(this.titleKey)}</h1>
      <div class="card" data-testid="placeholder">
        <p>${t('placeholder.body')}</p>
      </div>`;
  }
}

customElements.define('gie-placeholder-page', PlaceholderPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-placeholder-page': PlaceholderPage;
  }
}
