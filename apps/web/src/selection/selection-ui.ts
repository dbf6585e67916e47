// What the selection screens share: badges of calls, applications, decisions and committee seats, scores as the
// committee reads them, the tabs of a call (dossier, applications, results, deliberation), and styles.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Role } from '../api/types.ts';
import { sharedStyles, tabStyles } from '../app/styles.ts';
import { formatDecimal, LocaleController, type MessageKey, t } from '../i18n/localize.ts';

export type CallStatus = 'draft' | 'open' | 'closed';
export type ApplicationStatus = 'submitted' | 'eligible' | 'ineligible' | 'scored' | 'decided';
export type Decision = 'admitted' | 'waiting' | 'rejected';
export type CommitteeRole = 'president' | 'rapporteur' | 'member';
export type AttachmentKind = 'statutes' | 'registration' | 'accounts' | 'other';

export const CALL_STATUSES: readonly CallStatus[] = ['draft', 'open', 'closed'];
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['submitted', 'eligible', 'ineligible', 'scored', 'decided'];
export const DECISIONS: readonly Decision[] = ['admitted', 'waiting', 'rejected'];
export const COMMITTEE_ROLES: readonly CommitteeRole[] = ['president', 'rapporteur', 'member'];
export const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['statutes', 'registration', 'accounts', 'other'];
/** The pooled services a candidate may say it needs (the API's list). */
export const NEEDS = ['accounting', 'commercialisation', 'transport', 'premises', 'coaching', 'training', 'other'] as const;
export type Need = (typeof NEEDS)[number];

/** The attachments the API takes: PDF, PNG or JPEG, at most 1 MB (checked again by their bytes on the server). */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const MAX_ATTACHMENT_BYTES = 1_000_000;

/** Calls and applications are run by the manager (the API's staff); the committee scores and deliberates. */
export const isSelectionStaff = (role: Role | undefined): boolean => role === 'manager' || role === 'admin';

export const callStatusLabel = (status: CallStatus): string => t(`sel.callStatus.${status}` as MessageKey);
export const applicationStatusLabel = (status: ApplicationStatus): string => t(`sel.appStatus.${status}` as MessageKey);
export const decisionLabel = (decision: Decision): string => t(`sel.decision.${decision}` as MessageKey);
export const committeeRoleLabel = (role: CommitteeRole): string => t(`sel.committeeRole.${role}` as MessageKey);
export const attachmentKindLabel = (kind: AttachmentKind): string => t(`sel.attachmentKind.${kind}` as MessageKey);
export const needLabel = (need: string): string =>
  (NEEDS as readonly string[]).includes(need) ? t(`sel.need.${need as Need}` as MessageKey) : need;

export function callStatusBadge(status: CallStatus): TemplateResult {
  return html`<span class="badge call-${status}" data-status=${status}>${callStatusLabel(status)}</span>`;
}

export function applicationStatusBadge(status: ApplicationStatus): TemplateResult {
  return html`<span class="badge app-${status}" data-status=${status}>${applicationStatusLabel(status)}</span>`;
}

export function decisionBadge(decision: Decision | null): TemplateResult | typeof nothing {
  if (!decision) return nothing;
  return html`<span class="badge decision-${decision}" data-decision=${decision}>${decisionLabel(decision)}</span>`;
}

/** A score of the API ("72.5") in the current language ("72,5"), "—" when there is none. */
export function score(value: string | null | undefined): TemplateResult {
  if (value === null || value === undefined) return html`<span class="muted">—</span>`;
  return html`<span class="num ltr">${formatDecimal(value)}</span>`;
}

/** Sum of percent weights typed in a grid form, in hundredths so that 33.33 + 33.33 + 33.34 is exactly 100. */
export function weightHundredths(text: string): number | null {
  const s = text
    .trim()
    .replace(/[\s\u00A0\u202F]/g, '')
    .replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, fraction = ''] = s.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Hundredths back to a percent text ("10000" → "100", "3333" → "33.33"). */
export function fromHundredths(value: number): string {
  const whole = Math.trunc(value / 100);
  const fraction = String(Math.abs(value % 100))
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

export const selectionStyles = css`
  th.num,
  td.num {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .muted {
    color: var(--gie-muted);
  }
  .badge.call-draft,
  .badge.app-submitted {
    background: #fff4d6;
    color: #7a5200;
  }
  .badge.call-open,
  .badge.app-eligible,
  .badge.app-scored {
    background: #e8eefc;
    color: #1d4ed8;
  }
  .badge.call-closed {
    background: #eceff2;
    color: var(--gie-muted);
  }
  .badge.app-ineligible,
  .badge.decision-rejected,
  .badge.flag {
    background: var(--gie-danger-soft);
    color: var(--gie-danger);
  }
  .badge.app-decided,
  .badge.decision-admitted {
    background: var(--gie-success-soft);
    color: var(--gie-success);
  }
  .badge.decision-waiting {
    background: #fff4d6;
    color: #7a5200;
  }
  .badge.abstention {
    background: #eceff2;
    color: var(--gie-text);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: flex-end;
  }
  .toolbar > .field {
    flex: 1 1 10rem;
  }
  .grid-2 {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: 1rem;
  }
  .empty {
    color: var(--gie-muted);
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .title h1 {
    margin: 0;
  }
  .pre {
    white-space: pre-wrap;
  }
  fieldset {
    display: grid;
    gap: 0.75rem;
  }
  .card h3 {
    font-size: 1.05rem;
    margin-block: 1.25rem 0.5rem;
  }
  .card dl.facts {
    margin-block-end: 0.5rem;
  }
  dialog form {
    gap: 0.9rem;
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.4rem;
  }
  tr.below-threshold th,
  tr.below-threshold td {
    color: var(--gie-muted);
  }
  tr.threshold-line td {
    border-block-end: 3px dashed var(--gie-danger);
    padding: 0;
    block-size: 0;
  }
  tr.places-line td {
    border-block-end: 3px solid var(--gie-primary);
    padding: 0;
    block-size: 0;
  }
  fieldset.row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.75rem;
    align-items: end;
  }
`;

export type CallTab = 'selectionCall' | 'selectionResults' | 'selectionDeliberation';

const TABS: ReadonlyArray<{ id: CallTab; path: string; labelKey: MessageKey }> = [
  { id: 'selectionCall', path: '', labelKey: 'sel.tab.call' },
  { id: 'selectionResults', path: '/results', labelKey: 'sel.tab.results' },
  { id: 'selectionDeliberation', path: '/deliberation', labelKey: 'sel.tab.deliberation' },
];

/** The sub-navigation of a call: its dossier and applications, the results, the deliberation. */
export class CallTabs extends LitElement {
  static override properties = { callId: { type: Number }, current: { type: String } };
  static override styles = [sharedStyles, tabStyles];

  declare callId: number;
  declare current: CallTab;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.callId = 0;
    this.current = 'selectionCall';
  }

  override render() {
    const { t } = this.i18n;
    return html`<nav aria-label=${t('sel.tabs')} data-testid="call-tabs">
      <ul>
        ${TABS.map(
          (tab) => html`<li>
            <a
              href="/selection/calls/${this.callId}${tab.path}"
              data-tab=${tab.id}
              aria-current=${tab.id === this.current ? 'page' : 'false'}
              >${t(tab.labelKey)}</a
            >
          </li>`,
        )}
      </ul>
    </nav>`;
  }
}
customElements.define('gie-call-tabs', CallTabs);

/** The breadcrumb of a selection screen: the section, then the call when there is one, then the screen. */
export function breadcrumb(items: ReadonlyArray<{ href?: string; label: string | TemplateResult }>): TemplateResult {
  return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
    <ol>
      <li><a href="/selection">${t('nav.selection')}</a></li>
      ${items.map((item) =>
        item.href
          ? html`<li><a href=${item.href}>${item.label}</a></li>`
          : html`<li><span aria-current="page">${item.label}</span></li>`,
      )}
    </ol>
  </nav>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'gie-call-tabs': CallTabs;
  }
}
