// Importing a member registry from a spreadsheet (CSV): the shared import screen, pointed at /api/members/import,
// with the columns the API reads and a template with the French headers.
import { html, LitElement } from 'lit';
import type { ImportColumnHelp } from '../app/csv-import.ts';
import '../app/csv-import.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';

/** The template's headers: the columns a GIE's registry spreadsheet usually has, in French. */
export const MEMBER_TEMPLATE_HEADERS = [
  'Raison sociale',
  'Code analytique',
  'Statut',
  'Forme juridique',
  'ICE',
  'IF',
  'Province',
  'Commune',
  'Milieu',
  'Secteur',
  'Date de création',
  "Nombre d'adhérents",
  'Femmes',
  'Jeunes',
  'Emplois',
  'Capital',
  'RIB',
  'Taux de contribution',
] as const;

/** Every column the API accepts (its first French and English header). */
export const MEMBER_IMPORT_COLUMNS: readonly ImportColumnHelp[] = [
  { fr: 'Raison sociale', en: 'Legal name', required: true },
  { fr: 'Nom commercial', en: 'Trade name' },
  { fr: 'Code analytique', en: 'Analytic code' },
  { fr: 'Statut (Candidat, Admis, Actif, Suspendu)', en: 'Status (candidate, admitted, active, suspended)' },
  { fr: 'Type (Coopérative, Organisation ESS, Entrepreneur)', en: 'Kind (cooperative, ESS organisation, entrepreneur)' },
  { fr: 'Forme juridique', en: 'Legal form' },
  { fr: 'Numéro de registre', en: 'Registration number' },
  { fr: "Lieu d'immatriculation", en: 'Registration place' },
  { fr: 'ICE', en: 'ICE' },
  { fr: 'IF (identifiant fiscal)', en: 'Tax ID' },
  { fr: 'TP (taxe professionnelle)', en: 'TP' },
  { fr: 'CNSS', en: 'CNSS' },
  { fr: 'Adresse', en: 'Address' },
  { fr: 'Province', en: 'Province' },
  { fr: 'Commune', en: 'Municipality' },
  { fr: 'Milieu (Rural, Urbain)', en: 'Area (rural, urban)' },
  { fr: 'Secteur', en: 'Sector' },
  { fr: 'Activités', en: 'Activities' },
  { fr: 'Date de création (2026-11-23 ou 23/11/2026)', en: 'Founded on' },
  { fr: "Nombre d'adhérents", en: 'Members count' },
  { fr: 'Femmes', en: 'Women' },
  { fr: 'Jeunes', en: 'Youth' },
  { fr: 'Emplois', en: 'Jobs' },
  { fr: 'Capital', en: 'Capital' },
  { fr: 'Contact', en: 'Contact name' },
  { fr: 'Téléphone', en: 'Phone' },
  { fr: 'E-mail', en: 'Email' },
  { fr: 'Banque', en: 'Bank' },
  { fr: 'RIB', en: 'RIB' },
  { fr: 'Taux de contribution', en: 'Contribution rate' },
  { fr: 'Parts', en: 'Rights share' },
];

export class MemberImportPage extends LitElement {
  static override styles = sharedStyles;

  private readonly i18n = new LocaleController(this);

  override render() {
    const { t } = this.i18n;
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/members">${t('members.title')}</a></li>
          <li><span aria-current="page">${t('nav.memberImport')}</span></li>
        </ol>
      </nav>
      <h1>${t('members.importTitle')}</h1>
      <p class="lead">${t('members.importIntro')}</p>
      <gie-csv-import
        endpoint="/api/members/import"
        .templateHeaders=${MEMBER_TEMPLATE_HEADERS}
        templateFile="modele-membres.csv"
        .columns=${MEMBER_IMPORT_COLUMNS}
        .createdKey=${'members.imported'}
        listHref="/members"
        .listLabelKey=${'members.backToList'}
      ></gie-csv-import>`;
  }
}

customElements.define('gie-member-import-page', MemberImportPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-member-import-page': MemberImportPage;
  }
}
