// The member registry as a list: search, filters (status, province, sector, area), sortable columns and pages,
// kept in the address so that a reload or a shared link shows the same list. Each row opens the member's page.
// An entrepreneur has no list: "Mon organisation" is their own member's page, where this screen sends them.
import { css, html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import {
  AREAS,
  MEMBER_STATUSES,
  type Member,
  type MemberPage,
  type MemberQuery,
  type Reference,
  type User,
} from '../api/types.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { mayOpenId } from '../app/navigation.ts';
import { PAGE_SIZES, type PageChangeEvent } from '../app/pager.ts';
import '../app/pager.ts';
import { loadReference, nameOfCode, optionsOf } from '../app/reference.ts';
import { navigate, onRouteChange } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDate, formatNumber, LocaleController } from '../i18n/localize.ts';

const SORTABLE = ['code', 'legalName', 'status', 'createdAt'] as const;
type SortColumn = (typeof SORTABLE)[number];
type Sort = SortColumn | `-${SortColumn}`;

interface ListState {
  search: string;
  status: string;
  province: string;
  sector: string;
  area: string;
  sort: Sort;
  page: number;
  pageSize: number;
}

const DEFAULTS: ListState = {
  search: '',
  status: '',
  province: '',
  sector: '',
  area: '',
  sort: 'code',
  page: 1,
  pageSize: 25,
};

const FILTERS = ['status', 'province', 'sector', 'area'] as const;

function isSort(value: string): value is Sort {
  return (SORTABLE as readonly string[]).includes(value.replace(/^-/, ''));
}

/** The list's state from the address (`?search=…&status=active&page=2`), defaults for what is missing or wrong. */
function stateFromUrl(search: string): ListState {
  const params = new URLSearchParams(search);
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort') ?? '';
  return {
    search: params.get('search') ?? '',
    status: params.get('status') ?? '',
    province: params.get('province') ?? '',
    sector: params.get('sector') ?? '',
    area: params.get('area') ?? '',
    sort: isSort(sort) ? sort : DEFAULTS.sort,
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
  return query ? `/members?${query}` : '/members';
}

export class MembersPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    state: { state: true },
    result: { state: true },
    loading: { state: true },
    reference: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .toolbar {
        display: grid;
        gap: 0.75rem;
      }
      .toolbar .search {
        max-inline-size: 36rem;
      }
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: 0.75rem 1rem;
        align-items: end;
      }
      td.code {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
        white-space: nowrap;
      }
      .trade {
        display: block;
        color: var(--gie-muted);
        font-size: 0.875rem;
      }
      th button.sort {
        all: unset;
        cursor: pointer;
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        font: inherit;
        color: inherit;
        text-transform: inherit;
        letter-spacing: inherit;
      }
      th button.sort:focus-visible {
        outline: 3px solid var(--gie-focus);
        outline-offset: 2px;
      }
      th button.sort:hover {
        color: var(--gie-primary);
      }
      .arrow {
        inline-size: 0.8rem;
        display: inline-block;
      }
      th[aria-sort='none'] .arrow {
        opacity: 0.35;
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
  /** The page of members shown; null before the first answer. */
  declare result: MemberPage | null;
  declare loading: boolean;
  declare reference: Reference | null;
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
    this.reference = null;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.user?.role === 'entrepreneur') {
      // their own member's page is their "Mon organisation"
      const memberId = this.user.memberId;
      queueMicrotask(() => navigate(memberId === null ? '/' : `/members/${memberId}`, { replace: true }));
      return;
    }
    this.state = stateFromUrl(location.search);
    // the menu's "Membres" link from a filtered list: back to the list the address now describes
    this.unsubscribe = onRouteChange(() => {
      if (location.pathname !== '/members') return;
      const fromUrl = stateFromUrl(location.search);
      if (urlOf(fromUrl) !== urlOf(this.state)) {
        this.state = fromUrl;
        void this.load();
      }
    });
    void this.load();
    loadReference()
      .then((reference) => {
        this.reference = reference;
      })
      .catch(() => {
        // the filters fall back to codes; the list itself still works
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async load(): Promise<void> {
    const id = ++this.requestId;
    const { search, status, province, sector, area, sort, page, pageSize } = this.state;
    const query: MemberQuery = { sort, page: String(page), pageSize: String(pageSize) };
    if (search.trim()) query.search = search.trim();
    if (status) query.status = status as NonNullable<MemberQuery['status']>;
    if (province) query.province = province;
    if (sector) query.sector = sector;
    if (area) query.area = area as NonNullable<MemberQuery['area']>;
    this.loading = true;
    this.error = null;
    try {
      const result = await call(api.members.$get({ query }));
      if (id !== this.requestId) return;
      // a page beyond the last (after a filter narrowed the list): the last page instead
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

  /** Changes the list's state, writes it into the address, and loads the matching page. */
  private change(changes: Partial<ListState>): void {
    this.state = { ...this.state, ...changes };
    history.replaceState(null, '', urlOf(this.state));
    void this.load();
  }

  override render() {
    const { t } = this.i18n;
    if (this.user?.role === 'entrepreneur') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    }
    const role = this.user?.role;
    return html`<div class="page-head">
        <div>
          <h1>${t('members.title')}</h1>
          <p class="lead">${t('members.intro')}</p>
        </div>
        <div class="actions">
          ${
            mayOpenId('memberNew', role)
              ? html`<a class="button" href="/members/new" data-testid="member-new">${t('members.new')}</a>`
              : nothing
          }
          ${
            mayOpenId('memberImport', role)
              ? html`<a class="button secondary" href="/members/import" data-testid="member-import">${t('members.import')}</a>`
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
    const provinces = this.reference ? optionsOf(this.reference.provinces) : [];
    const sectors = this.reference ? optionsOf(this.reference.sectors) : [];
    const filtered = s.search !== '' || FILTERS.some((f) => s[f] !== '');
    const select = (id: (typeof FILTERS)[number], label: string, options: Array<{ value: string; label: string }>, all: string) =>
      html`<div class="field">
        <label for="filter-${id}">${label}</label>
        <select id="filter-${id}" data-testid="filter-${id}" @change=${(e: Event) => this.filter(id, e)}>
          <option value="" ?selected=${s[id] === ''}>${all}</option>
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === s[id]}>${o.label}</option>`)}
        </select>
      </div>`;
    return html`<form class="card toolbar" role="search" aria-label=${t('members.searchLabel')} @submit=${this.submitSearch}>
      <div class="field search">
        <label for="member-search">${t('members.search')}</label>
        <input
          id="member-search"
          type="search"
          data-testid="member-search"
          autocomplete="off"
          aria-describedby="member-search-hint"
          .value=${s.search}
          @input=${this.typeSearch}
        />
        <p class="hint" id="member-search-hint">${t('members.searchHint')}</p>
      </div>
      <div class="filters">
      ${select(
        'status',
        t('members.status'),
        MEMBER_STATUSES.map((status) => ({ value: status, label: t(`members.status.${status}`) })),
        t('members.filter.allStatuses'),
      )}
      ${select('province', t('member.field.province'), provinces, t('members.filter.allProvinces'))}
      ${select('sector', t('member.field.sector'), sectors, t('members.filter.allSectors'))}
      ${select(
        'area',
        t('member.field.area'),
        AREAS.map((area) => ({ value: area, label: t(`member.area.${area}`) })),
        t('members.filter.allAreas'),
      )}
      ${
        filtered
          ? html`<button type="button" class="secondary reset" data-testid="filter-reset" @click=${this.reset}>
            ${t('members.filter.reset')}
          </button>`
          : nothing
      }
      </div>
    </form>`;
  }

  private renderTable() {
    const { t } = this.i18n;
    const result = this.result;
    if (!result) {
      return this.loading
        ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('members.loading')}</p>`
        : nothing;
    }
    return html`<div class="card" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="table-state" role="status" data-testid="members-status">
        ${
          this.loading
            ? html`<span class="loading"><span class="spinner" aria-hidden="true"></span>${t('members.loading')}</span>`
            : html`<span class="hint">${t('members.found', { count: formatNumber(result.total) })}</span>`
        }
      </div>
      ${
        result.items.length === 0
          ? html`<p data-testid="members-empty">${t('members.empty')}</p>`
          : html`<div class="table-wrap">
            <table data-testid="members-table">
              <caption class="visually-hidden">
                ${t('members.caption')}
              </caption>
              <thead>
                <tr>
                  ${this.sortHeader('code', t('members.code'))} ${this.sortHeader('legalName', t('members.legalName'))}
                  ${this.sortHeader('status', t('members.status'))}
                  <th scope="col">${t('member.field.province')}</th>
                  <th scope="col">${t('member.field.sector')}</th>
                  ${this.sortHeader('createdAt', t('members.createdAt'))}
                </tr>
              </thead>
              <tbody>
                ${result.items.map((m) => this.renderRow(m))}
              </tbody>
            </table>
          </div>`
      }
      <gie-pager
        .page=${result.page}
        .pageSize=${result.pageSize}
        .total=${result.total}
        .busy=${this.loading}
        .label=${t('members.pagerLabel')}
        @page-change=${(e: PageChangeEvent) => this.change({ page: e.page, pageSize: e.pageSize })}
      ></gie-pager>
    </div>`;
  }

  private sortHeader(column: SortColumn, label: string) {
    const { t } = this.i18n;
    const sort = this.state.sort;
    const direction = sort === column ? 'ascending' : sort === `-${column}` ? 'descending' : 'none';
    const next: Sort = direction === 'ascending' ? `-${column}` : column;
    return html`<th scope="col" aria-sort=${direction}>
      <button
        type="button"
        class="sort"
        data-testid="sort-${column}"
        title=${t(direction === 'ascending' ? 'members.sortDescending' : 'members.sortAscending')}
        @click=${() => this.change({ sort: next, page: 1 })}
      >
        ${label}<span class="arrow" aria-hidden="true">${direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}</span>
      </button>
    </th>`;
  }

  private renderRow(m: Member) {
    const { t } = this.i18n;
    return html`<tr data-member-id=${m.id}>
      <td class="code">${m.code ?? '—'}</td>
      <td>
        <a href="/members/${m.id}" data-testid="member-link"><bdi>${m.legalName}</bdi></a>
        ${m.tradeName ? html`<span class="trade"><bdi>${m.tradeName}</bdi></span>` : nothing}
      </td>
      <td><span class="badge status-${m.status}">${t(`members.status.${m.status}`)}</span></td>
      <td>${nameOfCode(this.reference?.provinces, m.province) ?? '—'}</td>
      <td>${nameOfCode(this.reference?.sectors, m.sector) ?? '—'}</td>
      <td class="nowrap">${formatDate(m.createdAt, { dateStyle: 'medium' })}</td>
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
    const value = this.renderRoot.querySelector<HTMLInputElement>('#member-search')?.value ?? '';
    this.change({ search: value, page: 1 });
  }

  private filter(id: (typeof FILTERS)[number], event: Event): void {
    this.change({ [id]: (event.target as HTMLSelectElement).value, page: 1 });
  }

  private reset(): void {
    clearTimeout(this.searchTimer);
    const input = this.renderRoot.querySelector<HTMLInputElement>('#member-search');
    if (input) input.value = '';
    this.change({ search: '', status: '', province: '', sector: '', area: '', page: 1 });
  }
}

customElements.define('gie-members-page', MembersPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-members-page': MembersPage;
  }
}
