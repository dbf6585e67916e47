// Importing customers and suppliers from a spreadsheet (CSV): the shared import screen, pointed at
// /api/parties/import, with the columns the API reads and a template with the French headers.
import { html, LitElement } from 'lit';
import type { ImportColumnHelp } from '../app/csv-import.ts';
import '../app/csv-import.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';

export const PARTY_TEMPLATE_HEADERS = [
  'Nom',
  'Type',
  'ICE',
  'IF',
  'RC',
  'Pays',
  'Adresse',
  'Ville',
  'Code postal',
  'E-mail',
  'Téléphone',
  'Délai de paiement',
  'Convention',
  'Client',
  'Fournisseur',
  'Exonération TVA',
  'Notes',
] as const;

export const PARTY_IMPORT_COLUMNS: readonly ImportColumnHelp[] = [
  { fr: 'Nom (ou Raison sociale)', en: 'Name', required: true },
  { fr: 'Type (Société, Particulier)', en: 'Kind (company, individual)' },
  { fr: 'ICE (obligatoire pour une société marocaine)', en: 'ICE (required for a Moroccan company)' },
  { fr: 'IF (identifiant fiscal)', en: 'Tax ID' },
  { fr: 'RC (registre de commerce)', en: 'RC number' },
  { fr: 'Pays (MA, FR…)', en: 'Country (MA, FR…)' },
  { fr: 'Adresse', en: 'Address' },
  { fr: 'Ville', en: 'City' },
  { fr: 'Code postal', en: 'Postal code' },
  { fr: 'E-mail', en: 'Email' },
  { fr: 'Téléphone', en: 'Phone' },
  { fr: 'Délai de paiement (jours)', en: 'Payment days' },
  { fr: 'Convention (au-delà de 60 jours)', en: 'Payment terms agreement (beyond 60 days)' },
  { fr: 'Client (oui, non)', en: 'Customer (yes, no)' },
  { fr: 'Fournisseur (oui, non)', en: 'Supplier (yes, no)' },
  { fr: 'Exonération TVA', en: 'VAT exemption basis' },
  { fr: 'Notes', en: 'Notes' },
];

export class PartyImportPage extends LitElement {
  static override styles = sharedStyles;

  private readonly i18n = new LocaleController(this);

  override render() {
    const { t } = this.i18n;
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/parties">${t('parties.title')}</a></li>
          <li><span aria-current="page">${t('nav.partyImport')}</span></li>
        </ol>
      </nav>
      <h1>${t('parties.importTitle')}</h1>
      <p class="lead">${t('parties.importIntro')}</p>
      <gie-csv-import
        endpoint="/api/parties/import"
        .templateHeaders=${PARTY_TEMPLATE_HEADERS}
        templateFile="modele-clients-fournisseurs.csv"
        .columns=${PARTY_IMPORT_COLUMNS}
        .createdKey=${'parties.imported'}
        listHref="/parties"
        .listLabelKey=${'parties.backToList'}
      ></gie-csv-import>`;
  }
}

customElements.define('gie-party-import-page', PartyImportPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-party-import-page': PartyImportPage;
  }
}
