// One customer or supplier: everything recorded about it, where a merged party now lives, and, just after its
// creation, the parties it may duplicate (the API does not refuse a similar name, it warns).
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Party, PossibleDuplicate, User } from '../api/types.ts';
import { takeFlash } from '../app/flash.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { mayOpenId } from '../app/navigation.ts';
import { currentPath } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDate, LocaleController } from '../i18n/localize.ts';

export class PartyPage extends LitElement {
  static override properties = {
    partyId: { type: Number },
    user: { attribute: false },
    party: { state: true },
    phase: { state: true },
    error: { state: true },
    notice: { state: true },
    duplicates: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .groups {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
        gap: 1.25rem 2rem;
      }
      .groups h3 {
        font-size: 1rem;
        border-block-end: 1px solid var(--gie-border);
        padding-block-end: 0.35rem;
      }
      .stamp {
        margin-block-start: 1.25rem;
      }
      .subtitle {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.6rem;
        align-items: center;
        margin: 0;
      }
      .warning ul {
        margin-block: 0.5rem 0;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  declare partyId: number;
  declare user: User | null;
  declare party: Party | null;
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare error: Text | null;
  declare notice: Text | null;
  declare duplicates: PossibleDuplicate[];

  private readonly i18n = new LocaleController(this);
  private loadId = 0;

  constructor() {
    super();
    this.partyId = 0;
    this.user = null;
    this.party = null;
    this.phase = 'loading';
    this.error = null;
    this.notice = null;
    this.duplicates = [];
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('partyId') && this.partyId > 0) {
      const flash = takeFlash(currentPath());
      this.notice = flash?.notice ?? null;
      this.duplicates = Array.isArray(flash?.data) ? (flash.data as PossibleDuplicate[]) : [];
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    this.phase = 'loading';
    this.error = null;
    try {
      const party = await call(api.parties[':id'].$get({ param: { id: String(this.partyId) } }));
      if (id !== this.loadId) return;
      this.party = party;
      this.phase = 'ready';
    } catch (error) {
      if (id !== this.loadId) return;
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.error = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  override render() {
    const { t } = this.i18n;
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('party.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`<section data-testid="party-not-found">
        <h1>${t('party.notFound.title')}</h1>
        <p class="alert">${t('party.notFound.body')}</p>
        <p><a href="/parties">${t('parties.backToList')}</a></p>
      </section>`;
    }
    if (this.phase === 'failed' || !this.party) {
      return html`<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const p = this.party;
    const mayEdit = mayOpenId('partyEdit', this.user?.role) && p.mergedIntoId === null;
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/parties">${t('parties.title')}</a></li>
          <li><span aria-current="page"><bdi>${p.name}</bdi></span></li>
        </ol>
      </nav>
      <div class="page-head">
        <div>
          <h1 data-testid="party-name"><bdi>${p.name}</bdi></h1>
          <p class="subtitle">
            <span>${t(`party.kind.${p.kind}`)}</span>
            ${p.isCustomer ? html`<span class="badge">${t('party.customer')}</span>` : nothing}
            ${p.isSupplier ? html`<span class="badge status-admitted">${t('party.supplier')}</span>` : nothing}
            ${p.active ? nothing : html`<span class="badge off">${t('party.inactive')}</span>`}
          </p>
        </div>
        ${
          mayEdit
            ? html`<div class="actions">
              <a class="button secondary" href="/parties/${p.id}/edit" data-testid="party-edit">${t('party.edit')}</a>
            </div>`
            : nothing
        }
      </div>
      <div role="status" data-testid="party-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      ${this.renderDuplicates()}
      ${
        p.mergedIntoId !== null
          ? html`<p class="warning" data-testid="party-merged">
            ${t('party.mergedInto')} <a href="/parties/${p.mergedIntoId}">${t('party.mergedLink', { id: p.mergedIntoId })}</a>
          </p>`
          : nothing
      }
      <section class="card" aria-labelledby="party-details-title">
        <h2 id="party-details-title" class="visually-hidden">${t('party.details')}</h2>
        <div class="groups">
          <section aria-labelledby="party-identity">
            <h3 id="party-identity">${t('party.group.identity')}</h3>
            <dl class="facts">
              ${this.fact('party.field.ice', p.ice, true)} ${this.fact('party.field.ifNumber', p.ifNumber, true)}
              ${this.fact('party.field.rcNumber', p.rcNumber, true)} ${this.fact('party.field.country', p.country, true)}
            </dl>
          </section>
          <section aria-labelledby="party-contact">
            <h3 id="party-contact">${t('party.group.contact')}</h3>
            <dl class="facts">
              ${this.fact('party.field.address', p.address)} ${this.fact('party.field.postalCode', p.postalCode, true)}
              ${this.fact('party.field.city', p.city)} ${this.fact('party.field.email', p.email, true)}
              ${this.fact('party.field.phone', p.phone, true)}
            </dl>
          </section>
          <section aria-labelledby="party-terms">
            <h3 id="party-terms">${t('party.group.terms')}</h3>
            <dl class="facts">
              ${this.fact('party.field.paymentDays', t('settings.days', { count: String(p.paymentDays) }))}
              ${this.fact('party.field.paymentTermsAgreement', p.paymentTermsAgreement)}
              ${this.fact('party.field.vatExemptionBasis', p.vatExemptionBasis)} ${this.fact('party.field.notes', p.notes)}
            </dl>
          </section>
        </div>
        <p class="hint stamp">
          ${t('member.createdAt', { date: formatDate(p.createdAt, { dateStyle: 'medium' }) })} ·
          ${t('member.updatedAt', { date: formatDate(p.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
        </p>
      </section>`;
  }

  private renderDuplicates() {
    if (this.duplicates.length === 0) return nothing;
    const { t } = this.i18n;
    return html`<div class="warning" role="alert" data-testid="party-possible-duplicates">
      <strong>${t('party.duplicates.warning')}</strong>
      <ul>
        ${this.duplicates.map(
          (d) => html`<li>
            <a href="/parties/${d.id}"><bdi>${d.name}</bdi></a>
            ${d.ice ? html` · <span class="ltr">${d.ice}</span>` : nothing} ·
            ${t(d.reason === 'same-name' ? 'party.duplicates.sameName' : 'party.duplicates.similarName', {
              percent: Math.round(d.similarity * 100),
            })}
          </li>`,
        )}
      </ul>
      ${
        mayOpenId('partyDuplicates', this.user?.role)
          ? html`<p><a href="/parties/duplicates">${t('party.duplicates.review')}</a></p>`
          : html`<p>${t('party.duplicates.tellManager')}</p>`
      }
    </div>`;
  }

  private fact(key: Parameters<typeof this.i18n.t>[0], value: string | null, ltr = false): TemplateResult {
    const { t } = this.i18n;
    return html`<dt>${t(key)}</dt>
      <dd>
        ${
          value === null || value === ''
            ? html`<span class="hint">${t('member.none')}</span>`
            : ltr
              ? html`<span class="ltr">${value}</span>`
              : html`<bdi>${value}</bdi>`
        }
      </dd>`;
  }
}

customElements.define('gie-party-page', PartyPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-party-page': PartyPage;
  }
}
