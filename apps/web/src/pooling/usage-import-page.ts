// Importing usage records from a spreadsheet (CSV): the shared import screen (check, then import, progress shown),
// pointed at /api/pooling/usage/import, with the columns the API reads and a template with the French headers.
import { html, LitElement } from 'lit';
import type { User } from '../api/types.ts';
import type { ImportColumnHelp } from '../app/csv-import.ts';
import '../app/csv-import.ts';
import './pooling-ui.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';

export const USAGE_TEMPLATE_HEADERS = ['Service', 'Membre', 'Date', 'Quantité', 'Note'] as const;

export const USAGE_IMPORT_COLUMNS: readonly ImportColumnHelp[] = [
  { fr: 'Service (code analytique du service, ex. TRANSPORT)', en: 'Service (service code)', required: true },
  { fr: 'Membre (code du membre, ex. M01)', en: 'Member (member code)', required: true },
  { fr: 'Date (2026-11-23 ou 23/11/2026)', en: 'Date (used on)', required: true },
  { fr: 'Quantité (12 ou 3,5)', en: 'Quantity', required: true },
  { fr: 'Note', en: 'Note' },
];

export class UsageImportPage extends LitElement {
  static override properties = { user: { attribute: false } };
  static override styles = sharedStyles;

  declare user: User | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.user = null;
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-pooling-tabs current="poolingUsageImport" .userRole=${this.user?.role}></gie-pooling-tabs>
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/pooling/usage">${t('nav.poolingUsage')}</a></li>
          <li><span aria-current="page">${t('nav.poolingUsageImport')}</span></li>
        </ol>
      </nav>
      <h1>${t('nav.poolingUsageImport')}</h1>
      <p class="lead">${t('pool.usage.importLead')}</p>
      <gie-csv-import
        endpoint="/api/pooling/usage/import"
        .templateHeaders=${USAGE_TEMPLATE_HEADERS}
        templateFile="modele-utilisation.csv"
        .columns=${USAGE_IMPORT_COLUMNS}
        .createdKey=${'pool.usage.imported'}
        listHref="/pooling/usage"
        .listLabelKey=${'pool.usage.backToList'}
      ></gie-csv-import>`;
  }
}

customElements.define('gie-usage-import-page', UsageImportPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-usage-import-page': UsageImportPage;
  }
}
