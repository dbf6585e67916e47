// A member's page: who it is (identity, location, activity, bank, contacts), its logo, where it stands in its
// lifecycle with the steps allowed from there and the history of the steps taken, its account in the ledger
// (what the GIE owes it, the year's statement) and its entrepreneurs.
// The GIE's manager and admin act; the accountant and the committee read; an entrepreneur reads their own member
// only (any other id is "not found", as the API answers).
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Member, MemberStatus, Reference, StatusHistoryItem, User } from '../api/types.ts';
import { setFlash, takeFlash } from '../app/flash.ts';
import {
  checkboxField,
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstInvalid,
  inputField,
  problemText,
  refusalSummary,
  type Text,
  textareaField,
  textOf,
  todayIso,
} from '../app/forms.ts';
import '../app/logo-upload.ts';
import { loadReference, nameOfCode } from '../app/reference.ts';
import { currentPath } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import {
  formatAmount,
  formatDate,
  formatDay,
  formatDecimal,
  formatNumber,
  formatPercent,
  LocaleController,
} from '../i18n/localize.ts';
import './member-account.ts';
import './member-position.ts';
import './member-entrepreneurs.ts';
import { actionKey, type FieldDef, MEMBER_GROUPS, NEXT_STATUSES, REASON_REQUIRED } from './member-fields.ts';

const STAFF = new Set(['admin', 'manager']);
/** Who reads a member's account: the books' keepers, and the member's own entrepreneur (the API scopes them). */
const ACCOUNT_READERS = new Set(['admin', 'manager', 'accountant', 'entrepreneur']);
type StepField = 'effectiveOn' | 'reason' | 'force';

export class MemberPage extends LitElement {
  static override properties = {
    memberId: { type: Number },
    user: { attribute: false },
    member: { state: true },
    history: { state: true },
    reference: { state: true },
    phase: { state: true },
    error: { state: true },
    notice: { state: true },
    step: { state: true },
    stepBusy: { state: true },
    stepErrors: { state: true },
    stepError: { state: true },
    forceOffered: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .identity-head {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem 1.5rem;
        align-items: center;
      }
      .identity-head img {
        inline-size: 4.5rem;
        block-size: 4.5rem;
        object-fit: contain;
        border: 1px solid var(--gie-border);
        border-radius: var(--gie-radius);
        background: #fff;
      }
      .subtitle {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: center;
        color: var(--gie-muted);
        margin: 0;
      }
      .code {
        font-weight: 700;
        color: var(--gie-text);
        font-variant-numeric: tabular-nums;
      }
      .lifecycle {
        display: grid;
        grid-template-columns: minmax(16rem, 1fr) minmax(16rem, 2fr);
        gap: 1rem 2rem;
      }
      @media (max-width: 56rem) {
        .lifecycle {
          grid-template-columns: 1fr;
        }
      }
      .groups {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
        gap: 1.25rem 2rem;
      }
      @media (max-width: 40rem) {
        .groups {
          grid-template-columns: 1fr;
        }
      }
      .groups h3 {
        font-size: 1rem;
        border-block-end: 1px solid var(--gie-border);
        padding-block-end: 0.35rem;
      }
      .stamp {
        margin-block-start: 1.25rem;
      }
      .step-buttons {
        margin-block: 1rem 0;
      }
      .empty-value {
        color: var(--gie-muted);
        font-weight: 400;
      }
      td.reason {
        max-inline-size: 24rem;
      }
      dialog form {
        gap: 0.9rem;
      }
      dialog h2 {
        margin-block-end: 0.25rem;
      }
    `,
  ];

  declare memberId: number;
  declare user: User | null;
  declare member: Member | null;
  declare history: StatusHistoryItem[];
  declare reference: Reference | null;
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare error: Text | null;
  declare notice: Text | null;
  /** The lifecycle step whose dialog is open. */
  declare step: MemberStatus | null;
  declare stepBusy: boolean;
  declare stepErrors: FieldErrors<StepField>;
  declare stepError: Text | null;
  /** The API refused the step in a way the manager may override (e.g. a withdrawal with an unsettled account). */
  declare forceOffered: boolean;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;

  constructor() {
    super();
    this.memberId = 0;
    this.user = null;
    this.member = null;
    this.history = [];
    this.reference = null;
    this.phase = 'loading';
    this.error = null;
    this.notice = null;
    this.step = null;
    this.stepBusy = false;
    this.stepErrors = {};
    this.stepError = null;
    this.forceOffered = false;
  }

  private get staff(): boolean {
    return this.user !== null && STAFF.has(this.user.role);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('memberId') && this.memberId > 0) {
      this.notice = takeFlash(currentPath())?.notice ?? null;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    const param = { id: String(this.memberId) };
    this.phase = 'loading';
    this.error = null;
    try {
      const [member, history] = await Promise.all([
        call(api.members[':id'].$get({ param })),
        call(api.members[':id'].history.$get({ param })),
      ]);
      if (id !== this.loadId) return;
      this.member = member;
      this.history = history.items;
      this.phase = 'ready';
    } catch (error) {
      if (id !== this.loadId) return;
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.error = problemText(error);
        this.phase = 'failed';
      }
    }
    try {
      this.reference = await loadReference();
    } catch {
      // provinces and sectors then show as their codes
    }
  }

  override render() {
    const { t } = this.i18n;
    if (this.phase === 'loading' && !this.member) {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('member.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`<section data-testid="member-not-found">
        <h1>${t('member.notFound.title')}</h1>
        <p class="alert">${t('member.notFound.body')}</p>
        <p><a href="/">${t('app.backHome')}</a></p>
      </section>`;
    }
    if (this.phase === 'failed' || !this.member) {
      return html`<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const m = this.member;
    return html`${this.renderHead(m)}
      <div role="status" data-testid="member-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      ${this.renderLifecycle(m)}
      ${
        this.user && ACCOUNT_READERS.has(this.user.role)
          ? html`<gie-member-position .memberId=${m.id} .user=${this.user}></gie-member-position>
              <gie-member-account .memberId=${m.id} .user=${this.user}></gie-member-account>`
          : nothing
      }
      ${this.renderIdentity(m)}
      <gie-member-entrepreneurs .memberId=${m.id} .canEdit=${this.staff && m.status !== 'withdrawn'}></gie-member-entrepreneurs>
      <section class="card" aria-labelledby="logo-title">
        <h2 id="logo-title">${t('member.logo')}</h2>
        <gie-logo-upload
          .endpoint=${`/api/members/${m.id}/logo`}
          .hasLogo=${m.hasLogo}
          .version=${m.updatedAt}
          .name=${m.legalName}
          .canEdit=${this.staff}
          .canRemove=${this.staff}
          @logo-changed=${this.refreshMember}
        ></gie-logo-upload>
      </section>
      ${this.renderDialog(m)}`;
  }

  private renderHead(m: Member) {
    const { t } = this.i18n;
    const own = this.user?.role === 'entrepreneur';
    return html`${
      own
        ? nothing
        : html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
          <ol>
            <li><a href="/members">${t('members.title')}</a></li>
            <li><span aria-current="page"><bdi>${m.code ?? m.legalName}</bdi></span></li>
          </ol>
        </nav>`
    }
      <div class="page-head">
        <div class="identity-head">
          ${m.hasLogo ? html`<img src="/api/members/${m.id}/logo?v=${encodeURIComponent(m.updatedAt)}" alt="" />` : nothing}
          <div>
            ${own ? html`<p class="hint">${t('members.titleOwn')}</p>` : nothing}
            <h1 data-testid="member-name"><bdi>${m.legalName}</bdi></h1>
            <p class="subtitle">
              ${m.code ? html`<span class="code" data-testid="member-code">${m.code}</span>` : nothing}
              <span class="badge status-${m.status}" data-testid="member-status">${t(`members.status.${m.status}`)}</span>
              ${m.tradeName ? html`<span><bdi>${m.tradeName}</bdi></span>` : nothing}
            </p>
          </div>
        </div>
        ${
          this.staff
            ? html`<div class="actions">
              <a class="button secondary" href="/members/${m.id}/edit" data-testid="member-edit">${t('member.edit')}</a>
            </div>`
            : nothing
        }
      </div>`;
  }

  private renderLifecycle(m: Member) {
    const { t } = this.i18n;
    const next = NEXT_STATUSES[m.status];
    return html`<section class="card" aria-labelledby="lifecycle-title" data-testid="lifecycle">
      <h2 id="lifecycle-title" tabindex="-1">${t('member.lifecycle')}</h2>
      <div class="lifecycle">
        <div>
          <dl class="facts">
            <dt>${t('members.status')}</dt>
            <dd><span class="badge status-${m.status}">${t(`members.status.${m.status}`)}</span></dd>
            <dt>${t('member.admittedOn')}</dt>
            <dd data-testid="member-admitted-on">${m.admittedOn ? formatDay(m.admittedOn) : this.none()}</dd>
            <dt>${t('member.code')}</dt>
            <dd data-testid="member-analytic-code">${m.code ? html`<span class="ltr">${m.code}</span>` : this.none('member.codeAtAdmission')}</dd>
          </dl>
          ${
            this.staff && next.length > 0
              ? html`<div class="actions step-buttons" role="group" aria-label=${t('member.steps')}>
                ${next.map(
                  (to) => html`<button
                    type="button"
                    class=${to === 'withdrawn' || to === 'suspended' ? 'danger' : ''}
                    data-testid="member-step-${to}"
                    @click=${() => this.openStep(to)}
                  >
                    ${t(actionKey(m.status, to))}
                  </button>`,
                )}
              </div>`
              : nothing
          }
          ${m.status === 'withdrawn' ? html`<p class="hint">${t('member.withdrawnFinal')}</p>` : nothing}
        </div>
        <div class="table-wrap">
          <table data-testid="member-history">
            <caption>
              ${t('member.history')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('member.history.date')}</th>
                <th scope="col">${t('member.history.change')}</th>
                <th scope="col">${t('member.history.reason')}</th>
                <th scope="col">${t('member.history.forced')}</th>
              </tr>
            </thead>
            <tbody>
              ${this.history.map(
                (h) => html`<tr>
                  <td class="nowrap">${formatDay(h.effectiveOn, { dateStyle: 'medium' })}</td>
                  <td>
                    ${
                      h.fromStatus
                        ? html`<span class="badge status-${h.fromStatus}">${t(`members.status.${h.fromStatus}`)}</span>
                          <span aria-hidden="true">${this.i18n.dir === 'rtl' ? '←' : '→'}</span>
                          <span class="visually-hidden">${t('member.history.to')}</span>`
                        : nothing
                    }
                    <span class="badge status-${h.toStatus}">${t(`members.status.${h.toStatus}`)}</span>
                  </td>
                  <td class="reason"><bdi>${h.reason ?? '—'}</bdi></td>
                  <td>${h.forced ? t('member.history.forcedYes') : '—'}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>`;
  }

  private renderIdentity(m: Member) {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="identity-title" data-testid="member-identity">
      <h2 id="identity-title">${t('member.identity')}</h2>
      <div class="groups">
        ${MEMBER_GROUPS.map(
          (group) => html`<section aria-labelledby="group-${group.id}">
            <h3 id="group-${group.id}">${t(group.titleKey)}</h3>
            <dl class="facts">
              ${group.fields.map(
                (field) => html`<dt>${t(`member.field.${field.name}`)}</dt>
                  <dd data-field=${field.name}>${this.value(m, field)}</dd>`,
              )}
              ${
                group.id === 'bank'
                  ? html`<dt>${t('member.effectiveRate')}</dt>
                    <dd data-field="effectiveContributionRate">
                      ${formatPercent(m.effectiveContributionRate)}
                      ${m.contributionRate === null ? html`<span class="hint">(${t('member.gieDefaultRate')})</span>` : nothing}
                    </dd>`
                  : nothing
              }
            </dl>
          </section>`,
        )}
      </div>
      <p class="hint stamp">
        ${t('member.createdAt', { date: formatDate(m.createdAt, { dateStyle: 'medium' }) })} ·
        ${t('member.updatedAt', { date: formatDate(m.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
      </p>
    </section>`;
  }

  private none(key: 'member.none' | 'member.codeAtAdmission' = 'member.none'): TemplateResult {
    return html`<span class="empty-value">${this.i18n.t(key)}</span>`;
  }

  /** A field's value as a person reads it: names for codes, dates and amounts in the current language. */
  private value(m: Member, field: FieldDef): TemplateResult | string {
    const { t } = this.i18n;
    const raw = m[field.name];
    if (raw === null || raw === '') return this.none();
    switch (field.input) {
      case 'kind':
        return t(`member.kind.${m.kind}`);
      case 'legalForm':
        return t(`member.legalForm.${m.legalForm}`);
      case 'province':
        return nameOfCode(this.reference?.provinces, m.province) ?? '';
      case 'sector':
        return nameOfCode(this.reference?.sectors, m.sector) ?? '';
      case 'area':
        return m.area ? t(`member.area.${m.area}`) : '';
      case 'date':
        return formatDay(String(raw));
      case 'count':
        return formatNumber(Number(raw));
      case 'amount':
        return html`<span class="num">${formatAmount(String(raw) as `${number}`)}</span>`;
      case 'percent':
        return formatPercent(String(raw));
      case 'decimal':
        return html`<span class="num">${formatDecimal(String(raw))}</span>`;
      case 'identifier':
      case 'tel':
      case 'email':
        return html`<span class="ltr num">${String(raw)}</span>`;
      default:
        return html`<bdi>${String(raw)}</bdi>`;
    }
  }

  private renderDialog(m: Member) {
    const { t } = this.i18n;
    const to = this.step;
    const reasonRequired = to !== null && REASON_REQUIRED.has(to);
    return html`<dialog
      id="step-dialog"
      aria-labelledby="step-title"
      data-testid="step-dialog"
      @close=${() => {
        this.step = null;
      }}
    >
      ${
        to
          ? html`<form novalidate @submit=${this.submitStep}>
            <div>
              <h2 id="step-title">${t(actionKey(m.status, to))}</h2>
              <p class="hint">
                <bdi>${m.legalName}</bdi> · ${t(`members.status.${m.status}`)} → ${t(`members.status.${to}`)}
              </p>
              ${to === 'admitted' && !m.code ? html`<p class="hint">${t('member.step.codeHint')}</p>` : nothing}
            </div>
            <div role="alert">${this.stepError ? html`<p class="alert">${textOf(this.stepError)}</p>` : nothing}</div>
            ${inputField({
              id: 'step-effectiveOn',
              name: 'effectiveOn',
              label: t('member.step.effectiveOn'),
              type: 'date',
              max: todayIso(),
              required: true,
              value: todayIso(),
              hint: t('member.step.effectiveOnHint'),
              error: this.stepErrors.effectiveOn,
              testid: 'step-effective-on',
            })}
            ${textareaField({
              id: 'step-reason',
              name: 'reason',
              label: t(reasonRequired ? 'member.step.reasonRequired' : 'member.step.reason'),
              required: reasonRequired,
              maxlength: 1000,
              error: this.stepErrors.reason,
              testid: 'step-reason',
            })}
            ${
              this.forceOffered
                ? checkboxField({
                    id: 'step-force',
                    name: 'force',
                    label: t('member.step.force'),
                    checked: false,
                    hint: t('member.step.forceHint'),
                    error: this.stepErrors.force,
                    testid: 'step-force',
                  })
                : nothing
            }
            <div class="actions">
              <button
                type="submit"
                class=${to === 'withdrawn' || to === 'suspended' ? 'danger' : ''}
                data-testid="step-confirm"
                aria-busy=${this.stepBusy ? 'true' : 'false'}
                ?disabled=${this.stepBusy}
              >
                ${this.stepBusy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('member.step.confirm')}
              </button>
              <button type="button" class="secondary" ?disabled=${this.stepBusy} @click=${this.closeStep}>
                ${t('form.cancel')}
              </button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector<HTMLDialogElement>('#step-dialog');
  }

  private async openStep(to: MemberStatus): Promise<void> {
    this.step = to;
    this.stepErrors = {};
    this.stepError = null;
    this.forceOffered = false;
    this.notice = null;
    await this.updateComplete;
    const dialog = this.dialog;
    if (dialog && !dialog.open) dialog.showModal();
    // the date is filled in with today; the reason is what is left to write
    this.renderRoot.querySelector<HTMLElement>(REASON_REQUIRED.has(to) ? '#step-reason' : '#step-effectiveOn')?.focus();
  }

  private closeStep(): void {
    this.dialog?.close();
    this.step = null;
  }

  private async submitStep(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const to = this.step;
    const member = this.member;
    if (!to || !member || this.stepBusy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const effectiveOn = String(data.get('effectiveOn') ?? '').trim();
    const reason = String(data.get('reason') ?? '').trim();
    const force = this.forceOffered && data.get('force') !== null;
    const errors: FieldErrors<StepField> = {};
    if (!effectiveOn) errors.effectiveOn = { key: 'form.required' };
    if ((REASON_REQUIRED.has(to) || force) && !reason) errors.reason = { key: 'member.step.reasonMissing' };
    if (Object.keys(errors).length > 0) {
      this.stepErrors = errors;
      this.stepError = refusalSummary(Object.keys(errors).length, []);
      await focusFirstInvalid(this);
      return;
    }
    this.stepBusy = true;
    this.stepErrors = {};
    this.stepError = null;
    try {
      const updated = await call(
        api.members[':id'].status.$post({
          param: { id: String(member.id) },
          json: { to, effectiveOn, reason: reason || null, ...(force ? { force: true } : {}) },
        }),
      );
      const history = await call(api.members[':id'].history.$get({ param: { id: String(member.id) } }));
      this.member = updated;
      this.history = history.items;
      this.closeStep();
      this.notice =
        to === 'admitted' && updated.code
          ? { key: 'member.admitted', params: { code: updated.code } }
          : { key: 'member.moved', params: { status: this.i18n.t(`members.status.${to}`) } };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#lifecycle-title')?.focus();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = fieldErrorsFrom(error, ['effectiveOn', 'reason', 'force'] as const, {
          messages: {
            effectiveOn: 'member.step.effectiveOnRefused',
            reason: 'member.step.reasonMissing',
            force: 'member.step.forceNeeded',
          },
        });
        // a refusal the manager may override: the checkbox to force it comes with the explanation
        if (fields.force) this.forceOffered = true;
        this.stepErrors = fields;
        this.stepError = refusalSummary(Object.keys(fields).length, other);
        await focusFirstInvalid(this);
      } else {
        this.stepError = problemText(error);
      }
    } finally {
      this.stepBusy = false;
    }
  }

  private async refreshMember(): Promise<void> {
    try {
      this.member = await call(api.members[':id'].$get({ param: { id: String(this.memberId) } }));
    } catch (error) {
      this.error = problemText(error);
    }
  }
}

/** After creating or saving a member, its page says so. */
export function flashMemberSaved(memberId: number, notice: Text): void {
  setFlash(`/members/${memberId}`, { notice });
}

customElements.define('gie-member-page', MemberPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-member-page': MemberPage;
  }
}
