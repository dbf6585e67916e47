// One entry: its header, its lines (account, label, analytic member and service, debit, credit, totals), the
// links between an entry and its reversal, and what can be done with it: a posted entry is reversed (never
// changed), once, and a reversal is not reversed; a draft is changed, posted or deleted.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Entry, Journal, Member, User } from '../api/types.ts';
import { setFlash, takeFlash } from '../app/flash.ts';
import { type FieldErrors, focusFirstInvalid, inputField, problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { currentPath, navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, formatDay, LocaleController } from '../i18n/localize.ts';
import { amount, type ConfirmDialog, code, ledgerStyles, loadJournals, newIdempotencyKey } from './ledger-ui.ts';
import './ledger-ui.ts';

type ReverseField = 'date' | 'label';

export class EntryPage extends LitElement {
  static override properties = {
    entryId: { type: Number },
    user: { attribute: false },
    entry: { state: true },
    linked: { state: true },
    journals: { state: true },
    members: { state: true },
    phase: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
    reverseOpen: { state: true },
    reverseErrors: { state: true },
    reverseError: { state: true },
  };

  static override styles = [
    sharedStyles,
    ledgerStyles,
    css`
      .title {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 0.75rem;
      }
      .title h1 {
        margin: 0;
      }
      .facts-grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        gap: 0.5rem 2rem;
      }
    `,
  ];

  declare entryId: number;
  declare user: User | null;
  declare entry: Entry | null;
  /** The references of the reversed and reversing entries, by id. */
  declare linked: Record<number, string>;
  declare journals: Journal[];
  declare members: Member[];
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare error: Text | null;
  declare notice: Text | null;
  declare busy: 'post' | 'delete' | 'reverse' | null;
  declare reverseOpen: boolean;
  declare reverseErrors: FieldErrors<ReverseField>;
  declare reverseError: Text | null;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;
  private reverseKey = newIdempotencyKey();

  constructor() {
    super();
    this.entryId = 0;
    this.user = null;
    this.entry = null;
    this.linked = {};
    this.journals = [];
    this.members = [];
    this.phase = 'loading';
    this.error = null;
    this.notice = null;
    this.busy = null;
    this.reverseOpen = false;
    this.reverseErrors = {};
    this.reverseError = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('entryId') && this.entryId > 0) {
      this.notice = takeFlash(currentPath())?.notice ?? null;
      this.reverseKey = newIdempotencyKey();
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    this.phase = 'loading';
    this.error = null;
    try {
      const entry = await call(api.ledger.entries[':id'].$get({ param: { id: String(this.entryId) } }));
      if (id !== this.loadId) return;
      this.entry = entry;
      this.phase = 'ready';
      const others = [entry.reversesEntryId, entry.reversedByEntryId].filter((v): v is number => v !== null);
      const [journals, members, ...linked] = await Promise.all([
        loadJournals().catch(() => [] as Journal[]),
        entry.lines.some((l) => l.memberId !== null)
          ? call(api.members.$get({ query: { pageSize: '200' } })).then(
              (p) => p.items,
              () => [] as Member[],
            )
          : ([] as Member[]),
        ...others.map((other) => call(api.ledger.entries[':id'].$get({ param: { id: String(other) } })).catch(() => null)),
      ]);
      if (id !== this.loadId) return;
      this.journals = journals;
      this.members = members;
      this.linked = Object.fromEntries(linked.filter((e): e is Entry => e !== null).map((e) => [e.id, e.reference]));
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
    const tabs = html`<gie-ledger-tabs current="ledgerEntry" .userRole=${this.user?.role}></gie-ledger-tabs>
      <gie-confirm-dialog></gie-confirm-dialog>`;
    if (this.phase === 'loading' && !this.entry) {
      return html`${tabs}
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('ledger.entry.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`${tabs}
        <section data-testid="entry-not-found">
          <h1>${t('ledger.entry.notFound')}</h1>
          <p class="alert">${t('ledger.entry.notFoundBody')}</p>
          <p><a href="/ledger/entries">${t('ledger.entries.back')}</a></p>
        </section>`;
    }
    if (this.phase === 'failed' || !this.entry) {
      return html`${tabs}
        <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const e = this.entry;
    return html`${tabs}
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/ledger">${t('nav.ledger')}</a></li>
          <li><a href="/ledger/entries">${t('ledger.tab.entries')}</a></li>
          <li><span aria-current="page">${code(e.reference)}</span></li>
        </ol>
      </nav>
      <div class="page-head">
        <div>
          <div class="title">
            <h1 data-testid="entry-reference" tabindex="-1">${code(e.reference)}</h1>
            <span class="badge entry-${e.status}" data-testid="entry-status">${t(`ledger.status.${e.status}`)}</span>
            ${e.reversesEntryId !== null ? html`<span class="badge entry-reversal">${t('ledger.entry.isReversal')}</span>` : nothing}
          </div>
          <p class="lead" data-testid="entry-label"><bdi>${e.label}</bdi></p>
        </div>
        ${this.renderActions(e)}
      </div>
      <div role="status" data-testid="entry-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="entry-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderFacts(e)} ${this.renderLines(e)} ${this.renderReverseDialog(e)}`;
  }

  private renderActions(e: Entry) {
    const { t } = this.i18n;
    const busy = this.busy;
    if (e.status === 'draft') {
      return html`<div class="actions">
        <a class="button secondary" href="/ledger/entries/${e.id}/edit" data-testid="entry-edit">${t('ledger.entry.edit')}</a>
        <button type="button" data-testid="entry-post-draft" aria-busy=${busy === 'post' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${this.postDraft}>
          ${busy === 'post' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.entry.post')}
        </button>
        <button type="button" class="danger" data-testid="entry-delete" aria-busy=${busy === 'delete' ? 'true' : 'false'} ?disabled=${busy !== null} @click=${this.deleteDraft}>
          ${busy === 'delete' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.entry.delete')}
        </button>
      </div>`;
    }
    // a reversal is not reversed, and an entry is reversed once
    if (e.reversesEntryId !== null || e.reversedByEntryId !== null) return nothing;
    return html`<div class="actions">
      <button type="button" class="secondary" data-testid="entry-reverse" ?disabled=${busy !== null} @click=${this.openReverse}>
        ${t('ledger.entry.reverse')}
      </button>
    </div>`;
  }

  private renderFacts(e: Entry) {
    const { t } = this.i18n;
    const journal = this.journals.find((j) => j.code === e.journal);
    const link = (id: number) => html`<a href="/ledger/entries/${id}">${code(this.linked[id] ?? `#${id}`)}</a>`;
    return html`<section class="card" aria-labelledby="entry-facts-title">
      <h2 id="entry-facts-title" class="visually-hidden">${t('ledger.entry.facts')}</h2>
      <div class="facts-grid">
        <dl class="facts">
          <dt>${t('ledger.field.journal')}</dt>
          <dd data-testid="entry-journal">${code(e.journal)}${journal ? html` — <bdi>${journal.label}</bdi>` : nothing}</dd>
          <dt>${t('ledger.field.date')}</dt>
          <dd data-testid="entry-date">${formatDay(e.date)}</dd>
          <dt>${t('ledger.field.sourceRef')}</dt>
          <dd>${e.sourceRef ? code(e.sourceRef) : html`<span class="empty">—</span>`}</dd>
        </dl>
        <dl class="facts">
          <dt>${t('ledger.entry.createdAt')}</dt>
          <dd>${formatDateTime(e.createdAt)}</dd>
          <dt>${t('ledger.entry.postedAt')}</dt>
          <dd>${e.postedAt ? formatDateTime(e.postedAt) : html`<span class="empty">${t('ledger.entry.notPosted')}</span>`}</dd>
          ${
            e.reversesEntryId !== null
              ? html`<dt>${t('ledger.entry.reverses')}</dt>
                <dd data-testid="entry-reverses-link">${link(e.reversesEntryId)}</dd>`
              : nothing
          }
          ${
            e.reversedByEntryId !== null
              ? html`<dt>${t('ledger.entry.reversedBy')}</dt>
                <dd data-testid="entry-reversed-by-link">${link(e.reversedByEntryId)}</dd>`
              : nothing
          }
        </dl>
      </div>
    </section>`;
  }

  private renderLines(e: Entry) {
    const { t } = this.i18n;
    const memberCode = (id: number | null) => {
      if (id === null) return html`<span class="empty">—</span>`;
      const member = this.members.find((m) => m.id === id);
      return member
        ? html`${member.code ? code(member.code) : nothing} <span class="sub"><bdi>${member.legalName}</bdi></span>`
        : `#${id}`;
    };
    return html`<section class="card" aria-labelledby="entry-lines-title">
      <div class="table-wrap">
        <table data-testid="entry-lines">
          <caption id="entry-lines-title">
            ${t('ledger.entry.lines', { count: e.lines.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('ledger.col.lineNo')}</th>
              <th scope="col">${t('ledger.col.account')}</th>
              <th scope="col">${t('ledger.col.lineLabel')}</th>
              <th scope="col">${t('ledger.col.member')}</th>
              <th scope="col">${t('ledger.col.service')}</th>
              <th scope="col" class="amount">${t('ledger.col.debit')}</th>
              <th scope="col" class="amount">${t('ledger.col.credit')}</th>
            </tr>
          </thead>
          <tbody>
            ${e.lines.map(
              (l) => html`<tr data-account=${l.account}>
                <td class="num">${l.lineNo}</td>
                <td class="code">
                  ${code(l.account)}
                  <span class="sub"><bdi>${l.accountLabel}</bdi></span>
                </td>
                <td><bdi>${l.label ?? e.label}</bdi></td>
                <td>${memberCode(l.memberId)}</td>
                <td>${l.service ? code(l.service) : html`<span class="empty">—</span>`}</td>
                <td class="amount" data-col="debit">${amount(l.debit, { blankZero: true })}</td>
                <td class="amount" data-col="credit">${amount(l.credit, { blankZero: true })}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="5">${t('ledger.col.totals')}</th>
              <td class="amount" data-testid="entry-total-debit">${amount(e.totals.debit)}</td>
              <td class="amount" data-testid="entry-total-credit">${amount(e.totals.credit)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>`;
  }

  private renderReverseDialog(e: Entry) {
    const { t } = this.i18n;
    const busy = this.busy === 'reverse';
    return html`<dialog
      id="reverse-dialog"
      aria-labelledby="reverse-title"
      data-testid="reverse-dialog"
      @close=${() => {
        this.reverseOpen = false;
      }}
    >
      ${
        this.reverseOpen
          ? html`<form novalidate @submit=${this.submitReverse}>
            <div>
              <h2 id="reverse-title">${t('ledger.reverse.title', { reference: e.reference })}</h2>
              <p class="hint">${t('ledger.reverse.intro')}</p>
            </div>
            <div role="alert">${this.reverseError ? html`<p class="alert">${textOf(this.reverseError)}</p>` : nothing}</div>
            ${inputField({
              id: 'reverse-date',
              name: 'date',
              type: 'date',
              label: t('ledger.reverse.date'),
              required: true,
              value: todayIso(),
              hint: t('ledger.reverse.dateHint'),
              error: this.reverseErrors.date,
              testid: 'reverse-date',
            })}
            ${inputField({
              id: 'reverse-label',
              name: 'label',
              label: t('ledger.reverse.label'),
              maxlength: 300,
              value: t('ledger.reverse.defaultLabel', { label: e.label }).slice(0, 300),
              error: this.reverseErrors.label,
              testid: 'reverse-label',
            })}
            <div class="actions">
              <button type="submit" data-testid="reverse-confirm" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}>
                ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('ledger.reverse.confirm')}
              </button>
              <button type="button" class="secondary" ?disabled=${busy} @click=${this.closeReverse}>${t('form.cancel')}</button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  private async openReverse(): Promise<void> {
    this.reverseOpen = true;
    this.reverseErrors = {};
    this.reverseError = null;
    this.notice = null;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#reverse-dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('#reverse-date')?.focus();
  }

  private closeReverse(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#reverse-dialog')?.close();
    this.reverseOpen = false;
  }

  private async submitReverse(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const entry = this.entry;
    if (!entry || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const date = String(data.get('date') ?? '').trim();
    const label = String(data.get('label') ?? '').trim();
    if (!date) {
      this.reverseErrors = { date: { key: 'form.required' } };
      this.reverseError = { key: 'form.summary', params: { count: 1 } };
      await focusFirstInvalid(this);
      return;
    }
    this.busy = 'reverse';
    this.reverseErrors = {};
    this.reverseError = null;
    try {
      const reversal = await call(
        api.ledger.entries[':id'].reverse.$post({
          param: { id: String(entry.id) },
          header: { 'idempotency-key': this.reverseKey },
          json: label ? { date, label } : { date },
        }),
      );
      this.closeReverse();
      setFlash(`/ledger/entries/${reversal.id}`, {
        notice: { key: 'ledger.reverse.done', params: { reference: reversal.reference, original: entry.reference } },
      });
      navigate(`/ledger/entries/${reversal.id}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.status !== 0 && error.status !== 403) {
        const detail = error.detail ?? error.title;
        const dateError = error.errors.find((e) => e.path === 'date');
        const labelError = error.errors.find((e) => e.path === 'label');
        const errors: FieldErrors<ReverseField> = {};
        if (dateError || /period/i.test(detail))
          errors.date = { key: 'ledger.error.period', detail: dateError?.message ?? detail };
        if (labelError) errors.label = { key: 'form.refused', detail: labelError.message };
        this.reverseErrors = errors;
        this.reverseError = { key: 'ledger.error.refused', params: { detail } };
        await focusFirstInvalid(this);
      } else {
        this.reverseError = problemText(error);
      }
    } finally {
      this.busy = null;
    }
  }

  private async postDraft(): Promise<void> {
    const entry = this.entry;
    if (!entry || this.busy) return;
    const { t } = this.i18n;
    const ok = await this.confirm?.ask({
      title: t('ledger.entry.postConfirmTitle', { reference: entry.reference }),
      body: t('ledger.entry.postConfirmBody'),
      confirmLabel: t('ledger.entry.post'),
    });
    if (!ok) return;
    this.busy = 'post';
    this.error = null;
    this.notice = null;
    try {
      const posted = await call(api.ledger.entries[':id'].post.$post({ param: { id: String(entry.id) } }));
      this.entry = posted;
      this.notice = { key: 'ledger.entry.postedNotice', params: { reference: posted.reference } };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="entry-reference"]')?.focus();
    } catch (error) {
      this.error =
        error instanceof ApiProblem && (error.status === 400 || error.status === 409)
          ? { key: 'ledger.error.refused', params: { detail: error.detail ?? error.title } }
          : problemText(error);
    } finally {
      this.busy = null;
    }
  }

  private async deleteDraft(): Promise<void> {
    const entry = this.entry;
    if (!entry || this.busy) return;
    const { t } = this.i18n;
    const ok = await this.confirm?.ask({
      title: t('ledger.entry.deleteConfirmTitle', { reference: entry.reference }),
      body: t('ledger.entry.deleteConfirmBody'),
      confirmLabel: t('ledger.entry.delete'),
      danger: true,
    });
    if (!ok) return;
    this.busy = 'delete';
    this.error = null;
    try {
      await call(api.ledger.entries[':id'].$delete({ param: { id: String(entry.id) } }));
      setFlash('/ledger/entries', { notice: { key: 'ledger.entry.deleted', params: { reference: entry.reference } } });
      navigate('/ledger/entries');
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status === 409
          ? { key: 'ledger.error.refused', params: { detail: error.detail ?? error.title } }
          : problemText(error);
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('gie-entry-page', EntryPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-entry-page': EntryPage;
  }
}
