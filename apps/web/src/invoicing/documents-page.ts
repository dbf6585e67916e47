// The invoicing documents (/invoicing): filters by kind and state, pages, kept in the address. Staff see every
// member's documents and a member column; an entrepreneur sees their member's only (the API scopes them). Writers
// start an invoice or a quote from here. The same screen in `queue` mode is the manager's validation queue
// (/invoicing/validation, "À valider"): the drafts submitted to the GIE, whose count the list's button shows too.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import {
  type Member,
  SALES_KINDS,
  SALES_STATUSES,
  type SalesDocumentPage,
  type SalesDocumentQuery,
  type SalesDocumentSummary,
  type User,
} from '../api/types.ts';
import { problemText, selectField, type Text, textOf } from '../app/forms.ts';
import { PAGE_SIZES, type PageChangeEvent } from '../app/pager.ts';
import '../app/pager.ts';
import { mayOpenId } from '../app/navigation.ts';
import { navigate, onRouteChange } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, LocaleController } from '../i18n/localize.ts';
import {
  invoicingStyles,
  isStaff,
  kindLabel,
  mayWrite,
  money,
  settlementBadge,
  statusBadge,
  statusLabel,
} from './invoicing-ui.ts';

interface ListState {
  kind: string;
  status: string;
  memberId: string;
  page: number;
  pageSize: number;
}

const DEFAULTS: ListState = { kind: '', status: '', memberId: '', page: 1, pageSize: 25 };

const LIST_PATH = '/invoicing';
const QUEUE_PATH = '/invoicing/validation';

function stateFromUrl(search: string): ListState {
  const params = new URLSearchParams(search);
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  const memberId = params.get('memberId') ?? '';
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    kind: (SALES_KINDS as readonly string[]).includes(kind) ? kind : '',
    status: (SALES_STATUSES as readonly string[]).includes(status) ? status : '',
    memberId: /^[1-9]\d{0,9}$/.test(memberId) ? memberId : '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULTS.pageSize,
  };
}

function urlOf(state: ListState, queue = false): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (queue && key === 'status') continue;
    if (value !== '' && value !== DEFAULTS[key as keyof ListState]) params.set(key, String(value));
  }
  const query = params.toString();
  const path = queue ? QUEUE_PATH : LIST_PATH;
  return query ? `${path}?${query}` : path;
}

export class DocumentsPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    queue: { type: Boolean },
    state: { state: true },
    toValidate: { state: true },
    result: { state: true },
    members: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, invoicingStyles];

  declare user: User | null;
  /** The validation queue: only the documents submitted to the GIE. */
  declare queue: boolean;
  declare state: ListState;
  /** How many documents wait for validation (null until known). */
  declare toValidate: number | null;
  declare result: SalesDocumentPage | null;
  declare members: Member[];
  declare loading: boolean;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);
  private unsubscribe: (() => void) | null = null;
  private loadId = 0;

  constructor() {
    super();
    this.user = null;
    this.queue = false;
    this.toValidate = null;
    this.state = { ...DEFAULTS };
    this.result = null;
    this.members = [];
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.state = this.fromUrl();
    this.unsubscribe = onRouteChange(() => {
      if (location.pathname !== (this.queue ? QUEUE_PATH : LIST_PATH)) return;
      const fromUrl = this.fromUrl();
      if (urlOf(fromUrl, this.queue) !== urlOf(this.state, this.queue)) {
        this.state = fromUrl;
        void this.load();
      }
    });
    void this.load();
    void this.loadMembers();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private fromUrl(): ListState {
    const state = stateFromUrl(location.search);
    return this.queue ? { ...state, status: 'submitted' } : state;
  }

  /** The count beside "À valider": one small page of the submitted documents, read for its total. */
  private async loadQueueCount(): Promise<void> {
    if (this.queue && this.state.status === 'submitted' && this.result && !this.state.kind && !this.state.memberId) {
      this.toValidate = this.result.total;
      return;
    }
    try {
      this.toValidate = (await call(api.invoicing.documents.$get({ query: { status: 'submitted', pageSize: '1' } }))).total;
    } catch {
      this.toValidate = null;
    }
  }

  private async loadMembers(): Promise<void> {
    if (!isStaff(this.user?.role)) return;
    try {
      this.members = (await call(api.members.$get({ query: { pageSize: '200', sort: 'code' } }))).items;
    } catch {
      // the list works without the members' names
    }
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    this.loading = true;
    this.error = null;
    const s = this.state;
    const query: SalesDocumentQuery = { page: String(s.page), pageSize: String(s.pageSize) };
    if (s.kind) query.kind = s.kind as NonNullable<SalesDocumentQuery['kind']>;
    if (s.status) query.status = s.status as NonNullable<SalesDocumentQuery['status']>;
    if (s.memberId) query.memberId = s.memberId;
    try {
      const result = await call(api.invoicing.documents.$get({ query }));
      if (id !== this.loadId) return;
      this.result = result;
      void this.loadQueueCount();
    } catch (error) {
      if (id !== this.loadId) return;
      this.error = problemText(error);
    } finally {
      if (id === this.loadId) this.loading = false;
    }
  }

  private change(patch: Partial<ListState>): void {
    this.state = { ...this.state, page: 1, ...patch };
    navigate(urlOf(this.state, this.queue), { replace: true });
    void this.load();
  }

  private memberName(memberId: number): string {
    const member = this.members.find((m) => m.id === memberId);
    return member ? `${member.code ?? ''} ${member.legalName}`.trim() : `#${memberId}`;
  }

  override render() {
    const { t } = this.i18n;
    const role = this.user?.role;
    const staff = isStaff(role);
    const s = this.state;
    const count = this.toValidate;
    return html`${
      this.queue
        ? html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
            <ol>
              <li><a href="/invoicing">${t('nav.invoicing')}</a></li>
              <li><span aria-current="page">${t('nav.invoicingValidation')}</span></li>
            </ol>
          </nav>`
        : nothing
    }<div class="page-head">
        <div>
          <h1 data-testid="documents-title">
            ${this.queue ? t('nav.invoicingValidation') : t('nav.invoicing')}${
              this.queue && count !== null
                ? html` <span class="badge doc-submitted" data-testid="queue-count">${count}</span>`
                : nothing
            }
          </h1>
          <p class="lead">${t(this.queue ? 'inv.queue.lead' : 'inv.list.lead')}</p>
        </div>
        <div class="actions">
          <a class="button secondary" href="/invoicing/overdue" data-testid="overdue-link">${t('nav.invoicingOverdue')}</a>
          ${
            mayOpenId('invoicingPayments', role)
              ? html`<a class="button secondary" href="/invoicing/payments" data-testid="payments-link">${t('nav.invoicingPayments')}</a>`
              : nothing
          }
          ${
            mayOpenId('invoicingBank', role)
              ? html`<a class="button secondary" href="/invoicing/bank" data-testid="bank-link">${t('nav.invoicingBank')}</a>`
              : nothing
          }
          ${
            mayWrite(role)
              ? html`<a class="button" href="/invoicing/new?kind=invoice" data-testid="invoice-new">${t('inv.list.newInvoice')}</a>
                <a class="button secondary" href="/invoicing/new?kind=quote" data-testid="quote-new">${t('inv.list.newQuote')}</a>`
              : nothing
          }
        </div>
      </div>
      <div class="card">
        <div class="toolbar" role="search">
          ${selectField({
            id: 'filter-kind',
            label: t('inv.list.kind'),
            value: s.kind,
            testid: 'filter-kind',
            options: [{ value: '', label: t('inv.list.all') }, ...SALES_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))],
            onChange: (kind) => this.change({ kind }),
          })}
          ${
            this.queue
              ? nothing
              : selectField({
                  id: 'filter-status',
                  label: t('inv.list.status'),
                  value: s.status,
                  testid: 'filter-status',
                  options: [
                    { value: '', label: t('inv.list.all') },
                    ...SALES_STATUSES.map((st) => ({ value: st, label: statusLabel(st) })),
                  ],
                  onChange: (status) => this.change({ status }),
                })
          }
          ${
            staff && this.members.length > 0
              ? selectField({
                  id: 'filter-member',
                  label: t('inv.list.member'),
                  value: s.memberId,
                  testid: 'filter-member',
                  options: [
                    { value: '', label: t('inv.list.all') },
                    ...this.members.map((m) => ({ value: String(m.id), label: `${m.code ?? ''} ${m.legalName}`.trim() })),
                  ],
                  onChange: (memberId) => this.change({ memberId }),
                })
              : nothing
          }
          ${
            this.queue
              ? nothing
              : html`<div class="actions">
                  ${
                    mayOpenId('invoicingValidation', role)
                      ? html`<a class="button secondary" href=${QUEUE_PATH} data-testid="filter-to-validate">
                          ${count === null ? t('inv.list.toValidate') : t('inv.list.toValidateCount', { count })}
                        </a>`
                      : html`<button
                          type="button"
                          class="secondary"
                          data-testid="filter-to-validate"
                          aria-pressed=${s.status === 'submitted' ? 'true' : 'false'}
                          @click=${() => this.change({ status: s.status === 'submitted' ? '' : 'submitted' })}
                        >
                          ${count === null ? t('inv.list.toValidate') : t('inv.list.toValidateCount', { count })}
                        </button>`
                  }
                </div>`
          }
        </div>
      </div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div class="table-state" role="status">
        ${
          this.loading
            ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('inv.list.loading')}</p>`
            : nothing
        }
      </div>
      ${this.renderTable(staff)}`;
  }

  private renderTable(staff: boolean) {
    const { t } = this.i18n;
    const result = this.result;
    if (!result) return nothing;
    if (result.items.length === 0) {
      return html`<p class="empty" data-testid="documents-empty">${t(this.queue ? 'inv.queue.empty' : 'inv.list.empty')}</p>`;
    }
    return html`<div class="table-wrap" aria-busy=${this.loading ? 'true' : 'false'}>
        <table data-testid="documents-table">
          <caption class="visually-hidden">${t('inv.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('inv.col.number')}</th>
              <th scope="col">${t('inv.col.kind')}</th>
              <th scope="col">${t('inv.col.customer')}</th>
              ${staff ? html`<th scope="col">${t('inv.col.member')}</th>` : nothing}
              <th scope="col">${t('inv.col.issueDate')}</th>
              <th scope="col">${t('inv.col.dueDate')}</th>
              <th scope="col" class="amount">${t('inv.col.ttc')}</th>
              <th scope="col">${t('inv.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            ${result.items.map((d) => this.renderRow(d, staff))}
          </tbody>
        </table>
      </div>
      <gie-pager
        .page=${result.page}
        .pageSize=${result.pageSize}
        .total=${result.total}
        .busy=${this.loading}
        label=${t('inv.list.pager')}
        @page-change=${(e: PageChangeEvent) => {
          this.state = { ...this.state, page: e.page, pageSize: e.pageSize };
          navigate(urlOf(this.state, this.queue), { replace: true });
          void this.load();
        }}
      ></gie-pager>`;
  }

  private renderRow(d: SalesDocumentSummary, staff: boolean) {
    const { t } = this.i18n;
    const name = d.number ?? t('inv.status.draft');
    return html`<tr data-testid="document-row" data-id=${d.id} data-status=${d.status}>
      <th scope="row">
        <a href="/invoicing/${d.id}" data-testid="document-link" aria-label=${t('inv.list.open', { document: `${kindLabel(d.kind)} ${name}` })}
          >${d.number ? html`<span class="ltr num">${d.number}</span>` : t('inv.status.draft')}</a
        >
      </th>
      <td>${kindLabel(d.kind)}</td>
      <td><bdi>${d.customerName}</bdi></td>
      ${staff ? html`<td><bdi>${this.memberName(d.memberId)}</bdi></td>` : nothing}
      <td class="nowrap">${d.issueDate ? formatDay(d.issueDate, { dateStyle: 'medium' }) : '—'}</td>
      <td class="nowrap">${d.dueDate ? formatDay(d.dueDate, { dateStyle: 'medium' }) : '—'}</td>
      <td class="amount">${money(d.totalTtc)}</td>
      <td>${statusBadge(d.status)}${settlementBadge(d.settlement)}</td>
    </tr>`;
  }
}

customElements.define('gie-documents-page', DocumentsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-documents-page': DocumentsPage;
  }
}
