// One pooled service (/pooling/services/:id): what it is, who takes part, and its key of allocation with its dated
// history; the manager adds a version from a date (runs already posted keep the version they used).
import { html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Member, User } from '../api/types.ts';
import { takeFlash } from '../app/flash.ts';
import { focusFirstInvalid, inputField, problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, formatDay, LocaleController } from '../i18n/localize.ts';
import { code } from '../ledger/ledger-ui.ts';
import type { KeyEditor, KeyValue } from './key-editor.ts';
import './key-editor.ts';
import { loadMembers } from './pooling-api.ts';
import type { KeyVersion, PooledService } from './pooling-types.ts';
import { kindLabel, mayManage, poolingStyles, unitLabel } from './pooling-ui.ts';
import './pooling-ui.ts';

export class ServicePage extends LitElement {
  static override properties = {
    serviceId: { type: Number },
    user: { attribute: false },
    service: { state: true },
    members: { state: true },
    error: { state: true },
    notice: { state: true },
    notFound: { state: true },
    saving: { state: true },
    keyErrors: { state: true },
    validFromError: { state: true },
  };

  static override styles = [sharedStyles, poolingStyles];

  declare serviceId: number;
  declare user: User | null;
  declare service: PooledService | null;
  declare members: Member[];
  declare error: Text | null;
  declare notice: Text | null;
  declare notFound: boolean;
  declare saving: boolean;
  declare keyErrors: Array<{ path: string; message: string }>;
  declare validFromError: Text | undefined;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.serviceId = 0;
    this.user = null;
    this.service = null;
    this.members = [];
    this.error = null;
    this.notice = null;
    this.notFound = false;
    this.saving = false;
    this.keyErrors = [];
    this.validFromError = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.notice = takeFlash(location.pathname)?.notice ?? null;
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [service, members] = await Promise.all([
        call(api.pooling.services[':id'].$get({ param: { id: String(this.serviceId) } })),
        loadMembers().catch(() => [] as Member[]),
      ]);
      this.service = service;
      this.members = members;
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) this.notFound = true;
      else this.error = problemText(error);
    }
  }

  private memberText(id: number): string {
    const m = this.members.find((x) => x.id === id);
    return m ? `${m.code ?? ''} ${m.legalName}`.trim() : `#${id}`;
  }

  override render() {
    const { t } = this.i18n;
    const s = this.service;
    const head = html`<gie-pooling-tabs current="poolingService" .userRole=${this.user?.role}></gie-pooling-tabs>
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/pooling">${t('pool.services.title')}</a></li>
          <li><span aria-current="page">${s ? html`<bdi>${s.name}</bdi>` : t('nav.poolingService')}</span></li>
        </ol>
      </nav>`;
    if (this.notFound) return html`${head}<h1 data-testid="service-not-found">${t('pool.service.notFound')}</h1>`;
    if (!s) {
      return html`${head}<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        ${this.error ? nothing : html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`}`;
    }
    const manager = mayManage(this.user?.role);
    return html`${head}
      <div class="page-head">
        <div>
          <h1 data-testid="service-title">${code(s.code)} <bdi>${s.name}</bdi></h1>
          ${s.description ? html`<p class="lead"><bdi>${s.description}</bdi></p>` : nothing}
        </div>
        <div class="actions">
          <a class="button secondary" href="/pooling/costs?service=${s.id}">${t('pool.service.costPool')}</a>
          ${manager ? html`<a class="button" href="/pooling/services/${s.id}/edit" data-testid="service-edit">${t('pool.service.edit')}</a>` : nothing}
        </div>
      </div>
      <div role="status" data-testid="service-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <section class="card">
        <dl class="facts">
          <dt>${t('pool.service.unit')}</dt>
          <dd>${unitLabel(s.unit)}</dd>
          <dt>${t('pool.service.accounts')}</dt>
          <dd>${s.expenseAccounts.length > 0 ? s.expenseAccounts.map((a, i) => html`${i > 0 ? ', ' : ''}${code(a)}`) : '—'}</dd>
          <dt>${t('pool.service.reinvoice')}</dt>
          <dd>${s.reinvoiceVat ? t('pool.service.vatAt', { rate: s.vatRate ?? '' }) : t('pool.no')}</dd>
          <dt>${t('pool.service.subscription')}</dt>
          <dd data-testid="service-members">
            ${
              s.subscription === 'all'
                ? t('pool.subscription.all')
                : html`<ul>
                  ${s.memberIds.map((id) => html`<li><bdi>${this.memberText(id)}</bdi></li>`)}
                </ul>`
            }
          </dd>
          <dt>${t('pool.col.status')}</dt>
          <dd>${s.active ? t('pool.services.active') : t('pool.services.inactive')}</dd>
        </dl>
      </section>
      ${this.renderKeys(s)} ${manager ? this.renderAddKey(s) : nothing}`;
  }

  private renderKeys(s: PooledService) {
    const { t } = this.i18n;
    const versions = [...s.keys].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
    return html`<section class="card" aria-labelledby="keys-title">
      <h2 id="keys-title">${t('pool.key.history')}</h2>
      <p class="hint">${t('pool.key.historyHint')}</p>
      <div class="table-wrap">
        <table data-testid="key-history">
          <thead>
            <tr>
              <th scope="col">${t('pool.key.validFrom')}</th>
              <th scope="col">${t('pool.key.kind')}</th>
              <th scope="col">${t('pool.col.key')}</th>
              <th scope="col">${t('pool.key.fallback')}</th>
              <th scope="col">${t('pool.col.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            ${versions.map(
              (k: KeyVersion) => html`<tr data-testid="key-version" data-current=${s.currentKey?.id === k.id ? 'true' : 'false'}>
                <th scope="row" class="nowrap">
                  ${formatDay(k.validFrom, { dateStyle: 'medium' })}
                  ${s.currentKey?.id === k.id ? html`<span class="badge run-posted">${t('pool.key.inForce')}</span>` : nothing}
                </th>
                <td>${kindLabel(k.kind)}</td>
                <td><span lang="en" dir="ltr">${k.label}</span></td>
                <td>${k.fallback ? kindLabel(k.fallback) : '—'}</td>
                <td class="nowrap">${formatDateTime(k.createdAt)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderAddKey(s: PooledService) {
    const { t } = this.i18n;
    const current = s.currentKey;
    const initial: KeyValue | null = current
      ? {
          kind: current.kind as KeyValue['kind'],
          quantity: current.quantity ?? null,
          headcount: (current.headcount ?? null) as KeyValue['headcount'],
          weights: current.weights ?? null,
          components: (current.components ?? null) as KeyValue['components'],
          fallback: (current.fallback ?? null) as KeyValue['fallback'],
        }
      : null;
    return html`<section class="card" aria-labelledby="add-key-title">
      <h2 id="add-key-title">${t('pool.key.add')}</h2>
      <p class="hint">${t('pool.key.addHint')}</p>
      <form novalidate data-testid="key-form" @submit=${this.addKey}>
        ${inputField({ id: 'key-valid-from', name: 'validFrom', label: t('pool.key.validFrom'), type: 'date', required: true, value: todayIso(), error: this.validFromError, testid: 'key-valid-from' })}
        <gie-key-editor .members=${this.members} .initial=${initial} .errors=${this.keyErrors} idPrefix="new-key"></gie-key-editor>
        <div class="actions">
          <button type="submit" data-testid="key-submit" aria-busy=${this.saving ? 'true' : 'false'} ?disabled=${this.saving}>
            ${this.saving ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('pool.key.addSubmit')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private async addKey(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving || !this.service) return;
    const data = new FormData(event.target as HTMLFormElement);
    const editor = this.renderRoot.querySelector<KeyEditor>('gie-key-editor');
    const body = { ...(editor?.value ?? { kind: 'equal' }), validFrom: String(data.get('validFrom') ?? '') };
    this.saving = true;
    this.keyErrors = [];
    this.validFromError = undefined;
    this.error = null;
    try {
      await call(api.pooling.services[':id'].keys.$post({ param: { id: String(this.service.id) }, json: body }));
      this.notice = { key: 'pool.key.added', params: { date: formatDay(body.validFrom) } };
      await this.load();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const keyErrors: Array<{ path: string; message: string }> = [];
        for (const e of error.errors) {
          const path = e.path.replace(/^key\./, '');
          if (path === 'validFrom') this.validFromError = { key: 'form.refused', detail: e.message };
          else keyErrors.push({ path, message: e.message });
        }
        this.keyErrors = keyErrors;
        this.error = { key: 'pool.key.refused' };
        await focusFirstInvalid(this);
      } else {
        this.error = problemText(error);
      }
    } finally {
      this.saving = false;
    }
  }
}

customElements.define('gie-service-page', ServicePage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-service-page': ServicePage;
  }
}
