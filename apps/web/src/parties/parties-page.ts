// Customers and suppliers: search (name, ICE, city), role filter, pages, kept in the address. Entrepreneurs see
// and record customers only (the API scopes them); duplicates review and imports are for the manager and the
// accountant.
import { css, html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { Party, PartyPage, PartyQuery, User } from '../api/types.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { mayOpenId } from '../app/navigation.ts';
import { PAGE_SIZES, type PageChangeEvent } from '../app/pager.ts';
import '../app/pager.ts';
import { onRouteChange } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatNumber, LocaleController } from '../i18n/localize.ts';

interface ListState {
  search: string;
  role: '' | 'customer' | 'supplier';
  sort: 'name' | '-name' | 'createdAt' | '-createdAt';
  page: number;
  pageSize: number;
}

const DEFAULTS: ListState = { search: '', role: '', sort: 'name', page: 1, pageSize: 25 };
const SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

function stateFromUrl(search: string): ListState {
  const params = new URLSearchParams(search);
  const role = params.get('role');
  const sort = params.get('sort') ?? '';
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    search: params.get('search') ?? '',
    role: role === 'customer' || role === 'supplier' ? role : '',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as ListState['sort']) : DEFAULTS.sort,
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
  return query ? `/parties?${query}` : '/parties';
}

export class PartiesPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    state: { state: true },
    result: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: flex-end;
      }
      .toolbar > * {
        flex: 1 1 10rem;
      }
      .toolbar > .search {
        flex: 2 1 16rem;
      }
      .toolbar > button {
        flex: 0 0 auto;
      }
      .roles {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem;
      }
      .sub {
        display: block;
        color: var(--gie-muted);
        font-size: 0.875rem;
      }
      .table-state {
        min-block-size: 1.5rem;
      }
      .table-state .loading {
        padding-block: 0.25rem;
      }
      [aria-busy='true'] table {
        opacity: 0.6;
      }
    `,
  ];

  declare user: User | null;
  declare state: ListState;
  declare result: PartyPage | null;
  declare loading: boolean;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);
  private requestId = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | null = null;

  constructor() {
    super();
    this.user = null;
    this.state = { ...DEFAULTS };
    this.result = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.state = stateFromUrl(location.search);
    this.unsubscribe = onRouteChange(() => {
      if (location.pathname !== '/parties') return;
      const fromUrl = stateFromUrl(location.search);
      if (urlOf(fromUrl) !== urlOf(this.state)) {
        this.state = fromUrl;
        void this.load();
      }
    });
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private get customersOnly(): boolean {
    return this.user?.role === 'entrepreneur';
  }

  private async load(): Promise<void> {
    const id = ++this.requestId;
    const { search, role, sort, page, pageSize } = this.state;
    const query: PartyQuery = { sort, page: String(page), pageSize: String(pageSize) };
    if (search.trim()) query.search = search.trim();
    if (role && !this.customersOnly) query.role = role;
    this.loading = true;
    this.error = null;
    try {
      const result = await call(api.parties.$get({ query }));
      if (id !== this.requestId) return;
      const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
      if (result.items.length === 0 && page > lastPage) {
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
    const role = this.user?.role;
    return html`<div class="page-head">
        <div>
          <h1>${t('parties.title')}</h1>
          <p class="lead">${t(this.customersOnly ? 'parties.introCustomers' : 'parties.intro')}</p>
        </div>
        <div class="actions">
          ${
            mayOpenId('partyNew', role)
              ? html`<a class="button" href="/parties/new" data-testid="party-new">${t('parties.new')}</a>`
              : nothing
          }
          ${
            mayOpenId('partyDuplicates', role)
              ? html`<a class="button secondary" href="/parties/duplicates" data-testid="party-duplicates"
                >${t('nav.partyDuplicates')}</a
              >`
              : nothing
          }
          ${
            mayOpenId('partyImport', role)
              ? html`<a class="button secondary" href="/parties/import" data-testid="party-import">${t('parties.import')}</a>`
              : nothing
          }
        </div>
      </div>
      ${this.renderToolbar()}
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.renderTable()}`;
  }

  private renderToolbar() {
    const { t } = this.i18n;
    const s = this.state;
    return html`<form class="card toolbar" role="search" aria-label=${t('parties.searchLabel')} @submit=${this.submitSearch}>
      <div class="field search">
        <label for="party-search">${t('parties.search')}</label>
        <input
          id="party-search"
          type="search"
          data-testid="party-search"
          autocomplete="off"
          aria-describedby="party-search-hint"
          .value=${s.search}
          @input=${this.typeSearch}
        />
        <p class="hint" id="party-search-hint">${t('parties.searchHint')}</p>
      </div>
      ${
        this.customersOnly
          ? nothing
          : html`<div class="field">
            <label for="filter-role">${t('parties.role')}</label>
            <select
              id="filter-role"
              data-testid="filter-role"
              @change=${(e: Event) => this.change({ role: (e.target as HTMLSelectElement).value as ListState['role'], page: 1 })}
            >
              <option value="" ?selected=${s.role === ''}>${t('parties.role.all')}</option>
              <option value="customer" ?selected=${s.role === 'customer'}>${t('parties.role.customers')}</option>
              <option value="supplier" ?selected=${s.role === 'supplier'}>${t('parties.role.suppliers')}</option>
            </select>
          </div>`
      }
      <div class="field">
        <label for="party-sort">${t('parties.sort')}</label>
        <select
          id="party-sort"
          data-testid="party-sort"
          @change=${(e: Event) => this.change({ sort: (e.target as HTMLSelectElement).value as ListState['sort'], page: 1 })}
        >
          ${SORTS.map((sort) => html`<option value=${sort} ?selected=${s.sort === sort}>${t(`parties.sort.${sort}`)}</option>`)}
        </select>
      </div>
    </form>`;
  }

  private renderTable() {
    const { t } = this.i18n;
    const result = this.result;
    if (!result) {
      return this.loading
        ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('parties.loading')}</p>`
        : nothing;
    }
    return html`<div class="card" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="table-state" role="status" data-testid="parties-status">
        ${
          this.loading
            ? html`<span class="loading"><span class="spinner" aria-hidden="true"></span>${t('parties.loading')}</span>`
            : html`<span class="hint">${t('parties.found', { count: formatNumber(result.total) })}</span>`
        }
      </div>
      ${
        result.items.length === 0
          ? html`<p data-testid="parties-empty">${t('parties.empty')}</p>`
          : html`<div class="table-wrap">
            <table data-testid="parties-table">
              <caption class="visually-hidden">
                ${t('parties.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('party.field.name')}</th>
                  <th scope="col">${t('party.field.ice')}</th>
                  <th scope="col">${t('party.field.city')}</th>
                  <th scope="col">${t('parties.role')}</th>
                  <th scope="col">${t('party.field.paymentDays')}</th>
                </tr>
              </thead>
              <tbody>
                ${result.items.map((p) => this.renderRow(p))}
              </tbody>
            </table>
          </div>`
      }
      <gie-pager
        .page=${result.page}
        .pageSize=${result.pageSize}
        .total=${result.total}
        .busy=${this.loading}
        .label=${t('parties.pagerLabel')}
        @page-change=${(e: PageChangeEvent) => this.change({ page: e.page, pageSize: e.pageSize })}
      ></gie-pager>
    </div>`;
  }

  private renderRow(p: Party) {
    const { t } = this.i18n;
    return html`<tr data-party-id=${p.id}>
      <td>
        <a href="/parties/${p.id}" data-testid="party-link"><bdi>${p.name}</bdi></a>
        <span class="sub">${t(`party.kind.${p.kind}`)}${p.active ? '' : ` · ${t('party.inactive')}`}</span>
      </td>
      <td class="nowrap"><span class="ltr num">${p.ice ?? '—'}</span></td>
      <td><bdi>${p.city ?? '—'}</bdi>${p.country !== 'MA' ? html` <span class="hint">(${p.country})</span>` : nothing}</td>
      <td>
        <span class="roles">
          ${p.isCustomer ? html`<span class="badge">${t('party.customer')}</span>` : nothing}
          ${p.isSupplier ? html`<span class="badge status-admitted">${t('party.supplier')}</span>` : nothing}
        </span>
      </td>
      <td class="nowrap">${t('settings.days', { count: String(p.paymentDays) })}</td>
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
    const value = this.renderRoot.querySelector<HTMLInputElement>('#party-search')?.value ?? '';
    this.change({ search: value, page: 1 });
  }
}

customElements.define('gie-parties-page', PartiesPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-parties-page': PartiesPage;
  }
}
