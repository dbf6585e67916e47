// The entries of the ledger, newest first: date range, journal, status (draft / posted) and a search on the label
// and the source reference, pages; the filters are kept in the address so a list can be shared or reloaded.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { EntryPage, EntryQuery, EntrySummary, Journal, User } from '../api/types.ts';
import { takeFlash } from '../app/flash.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { PAGE_SIZES, type PageChangeEvent } from '../app/pager.ts';
import '../app/pager.ts';
import { currentPath, onRouteChange } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDay, formatNumber, LocaleController } from '../i18n/localize.ts';
import { amount, code, ledgerStyles, loadJournals, optionText } from './ledger-ui.ts';

interface ListState {
  from: string;
  to: string;
  journal: string;
  status: '' | 'draft' | 'posted';
  search: string;
  page: number;
  pageSize: number;
}

const PATH = '/ledger/entries';
const DEFAULTS: ListState = { from: '', to: '', journal: '', status: '', search: '', page: 1, pageSize: 25 };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function stateFromUrl(search: string): ListState {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    from: date('from'),
    to: date('to'),
    journal: (params.get('journal') ?? '').slice(0, 8),
    status: status === 'draft' || status === 'posted' ? status : '',
    search: params.get('search') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULTS.pageSize,
  };
}

function urlOf(state: ListState): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== '' && value !== DEFAULTS[key as keyof ListState]) params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${PATH}?${query}` : PATH;
}

export class EntriesPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    state: { state: true },
    result: { state: true },
    journals: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [sharedStyles, ledgerStyles];

  declare user: User | null;
  declare state: ListState;
  declare result: EntryPage | null;
  declare journals: Journal[];
  declare loading: boolean;
  declare error: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);
  private requestId = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | null = null;

  constructor() {
    super();
    this.user = null;
    this.state = { ...DEFAULTS };
    this.result = null;
    this.journals = [];
    this.loading = false;
    this.error = null;
    this.notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.state = stateFromUrl(location.search);
    this.notice = takeFlash(currentPath())?.notice ?? null;
    this.unsubscribe = onRouteChange(() => {
      if (location.pathname !== PATH) return;
      const fromUrl = stateFromUrl(location.search);
      if (urlOf(fromUrl) !== urlOf(this.state)) {
        this.state = fromUrl;
        void this.load();
      }
    });
    void this.load();
    loadJournals().then(
      (journals) => {
        this.journals = journals;
      },
      () => {
        // the journal filter then lists what the entries show
      },
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async load(): Promise<void> {
    const id = ++this.requestId;
    const s = this.state;
    const query: NonNullable<EntryQuery> = { page: String(s.page), pageSize: String(s.pageSize) };
    if (s.from) query.from = s.from;
    if (s.to) query.to = s.to;
    if (s.journal) query.journal = s.journal;
    if (s.status) query.status = s.status;
    if (s.search.trim()) query.search = s.search.trim();
    this.loading = true;
    this.error = null;
    try {
      const result = await call(api.ledger.entries.$get({ query }));
      if (id !== this.requestId) return;
      const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
      if (result.items.length === 0 && s.page > lastPage) {
        this.change({ page: lastPage });
        return;
      }
      this.result = result;
    } catch (error) {
      if (id !== this.requestId) return;
      this.error = problemText(error);
    } finally {
      if (id === this.requestId) this.loading = false;
    }
  }

  private change(changes: Partial<ListState>): void {
    this.state = { ...this.state, ...changes };
    history.replaceState(null, '', urlOf(this.state));
    void this.load();
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-ledger-tabs current="ledgerEntries" .userRole=${this.user?.role}></gie-ledger-tabs>
      <div class="page-head">
        <div>
          <h1>${t('ledger.entries.title')}</h1>
          <p class="lead">${t('ledger.entries.intro')}</p>
        </div>
        <div class="actions">
          <a class="button" href="/ledger/entries/new" data-testid="entry-new">${t('ledger.entries.new')}</a>
        </div>
      </div>
      <div role="status" data-testid="entries-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      ${this.renderFilters()}
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderTable()}`;
  }

  private renderFilters() {
    const { t } = this.i18n;
    const s = this.state;
    const journals = this.journals.length > 0 ? this.journals.map((j) => ({ code: j.code, label: j.label })) : [];
    return html`<form class="card toolbar" role="search" aria-label=${t('ledger.entries.filters')} @submit=${this.submitSearch}>
      <div class="field wide">
        <label for="entries-search">${t('ledger.entries.search')}</label>
        <input
          id="entries-search"
          type="search"
          autocomplete="off"
          dir="auto"
          data-testid="entries-search"
          aria-describedby="entries-search-hint"
          .value=${s.search}
          @input=${this.typeSearch}
        />
        <p class="hint" id="entries-search-hint">${t('ledger.entries.searchHint')}</p>
      </div>
      <div class="field">
        <label for="entries-from">${t('ledger.filter.from')}</label>
        <input id="entries-from" type="date" data-testid="entries-from" .value=${s.from} max=${s.to || nothing}
          @change=${(e: Event) => this.change({ from: (e.target as HTMLInputElement).value, page: 1 })} />
      </div>
      <div class="field">
        <label for="entries-to">${t('ledger.filter.to')}</label>
        <input id="entries-to" type="date" data-testid="entries-to" .value=${s.to} min=${s.from || nothing}
          @change=${(e: Event) => this.change({ to: (e.target as HTMLInputElement).value, page: 1 })} />
      </div>
      <div class="field">
        <label for="entries-journal">${t('ledger.field.journal')}</label>
        <select
          id="entries-journal"
          data-testid="entries-journal"
          @change=${(e: Event) => this.change({ journal: (e.target as HTMLSelectElement).value, page: 1 })}
        >
          <option value="" ?selected=${s.journal === ''}>${t('ledger.filter.allJournals')}</option>
          ${journals.map((j) => html`<option value=${j.code} ?selected=${s.journal === j.code}>${optionText(j.code, j.label)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="entries-status">${t('ledger.col.status')}</label>
        <select
          id="entries-status"
          data-testid="entries-status"
          @change=${(e: Event) => this.change({ status: (e.target as HTMLSelectElement).value as ListState['status'], page: 1 })}
        >
          <option value="" ?selected=${s.status === ''}>${t('ledger.filter.allStatuses')}</option>
          <option value="posted" ?selected=${s.status === 'posted'}>${t('ledger.status.posted')}</option>
          <option value="draft" ?selected=${s.status === 'draft'}>${t('ledger.status.draft')}</option>
        </select>
      </div>
      <div class="actions">
        <button type="button" class="secondary" data-testid="entries-reset" @click=${() => this.change({ ...DEFAULTS })}>
          ${t('members.filter.reset')}
        </button>
      </div>
    </form>`;
  }

  private renderTable() {
    const { t } = this.i18n;
    const result = this.result;
    if (!result) {
      return this.loading
        ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('ledger.entries.loading')}</p>`
        : nothing;
    }
    return html`<div class="card" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="table-state" role="status" data-testid="entries-status-line">
        ${
          this.loading
            ? html`<span class="loading"><span class="spinner" aria-hidden="true"></span>${t('ledger.entries.loading')}</span>`
            : html`<span class="hint">${t('ledger.entries.found', { count: formatNumber(result.total) })}</span>`
        }
      </div>
      ${
        result.items.length === 0
          ? html`<p data-testid="entries-empty">${t('ledger.entries.empty')}</p>`
          : html`<div class="table-wrap">
            <table data-testid="entries-table">
              <caption class="visually-hidden">
                ${t('ledger.entries.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('ledger.col.reference')}</th>
                  <th scope="col">${t('ledger.field.date')}</th>
                  <th scope="col">${t('ledger.field.label')}</th>
                  <th scope="col" class="amount">${t('ledger.col.total')}</th>
                  <th scope="col">${t('ledger.col.status')}</th>
                  <th scope="col">${t('ledger.col.reversal')}</th>
                </tr>
              </thead>
              <tbody>
                ${result.items.map((e) => this.renderRow(e, result.items))}
              </tbody>
            </table>
          </div>`
      }
      <gie-pager
        .page=${result.page}
        .pageSize=${result.pageSize}
        .total=${result.total}
        .busy=${this.loading}
        .label=${t('ledger.entries.pagerLabel')}
        @page-change=${(e: PageChangeEvent) => this.change({ page: e.page, pageSize: e.pageSize })}
      ></gie-pager>
    </div>`;
  }

  private renderRow(e: EntrySummary, items: readonly EntrySummary[]) {
    const { t } = this.i18n;
    const ref = (id: number) => items.find((other) => other.id === id)?.reference ?? `#${id}`;
    return html`<tr data-entry-id=${e.id} data-reference=${e.reference}>
      <td class="code"><a href="/ledger/entries/${e.id}" data-testid="entry-link">${code(e.reference)}</a></td>
      <td class="nowrap">${formatDay(e.date, { dateStyle: 'medium' })}</td>
      <td>
        <bdi>${e.label}</bdi>
        ${e.sourceRef ? html`<span class="sub">${t('ledger.field.sourceRef')} : ${code(e.sourceRef)}</span>` : nothing}
      </td>
      <td class="amount">${amount(e.total)}</td>
      <td><span class="badge entry-${e.status}">${t(`ledger.status.${e.status}`)}</span></td>
      <td>
        <span class="links">
          ${
            e.reversesEntryId !== null
              ? html`<span>${t('ledger.entry.reverses')} <a href="/ledger/entries/${e.reversesEntryId}">${code(ref(e.reversesEntryId))}</a></span>`
              : nothing
          }
          ${
            e.reversedByEntryId !== null
              ? html`<span>${t('ledger.entry.reversedBy')} <a href="/ledger/entries/${e.reversedByEntryId}">${code(ref(e.reversedByEntryId))}</a></span>`
              : nothing
          }
          ${e.reversesEntryId === null && e.reversedByEntryId === null ? html`<span class="empty">—</span>` : nothing}
        </span>
      </td>
    </tr>`;
  }

  private typeSearch(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.change({ search: value, page: 1 }), 300);
  }

  private submitSearch(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.searchTimer);
    const value = this.renderRoot.querySelector<HTMLInputElement>('#entries-search')?.value ?? '';
    this.change({ search: value, page: 1 });
  }
}

customElements.define('gie-entries-page', EntriesPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-entries-page': EntriesPage;
  }
}
