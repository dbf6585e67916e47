// The criteria grid templates (/selection/grids): each grid's criteria with their weights and scales, whether a
// call made from it has started scoring (then it is frozen: copy it instead), and the way to a new grid.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import type { SelectionGrid } from './selection-types.ts';
import { breadcrumb, score, selectionStyles } from './selection-ui.ts';

export class SelectionGridsPage extends LitElement {
  static override properties = {
    grids: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, selectionStyles];

  declare grids: SelectionGrid[] | null;
  declare loading: boolean;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.grids = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.grids = await call(api.selection.grids.$get());
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`${breadcrumb([{ label: t('nav.selectionGrids') }])}
      <div class="page-head">
        <div>
          <h1>${t('nav.selectionGrids')}</h1>
          <p class="lead">${t('sel.grids.lead')}</p>
        </div>
        <div class="actions">
          <a class="button" href="/selection/grids/new" data-testid="grid-new">${t('nav.selectionGridNew')}</a>
        </div>
      </div>
      <div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      <div role="status">
        ${this.loading ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>${t('sel.grids.loading')}</p>` : nothing}
      </div>
      ${
        this.grids?.length === 0
          ? html`<p class="empty" data-testid="grids-empty">${t('sel.grids.empty')}</p>`
          : (this.grids ?? []).map((grid) => this.renderGrid(grid))
      }`;
  }

  private renderGrid(grid: SelectionGrid) {
    const { t } = this.i18n;
    return html`<section class="card" data-testid="grid-card" data-id=${grid.id} aria-labelledby="grid-${grid.id}">
      <div class="page-head">
        <div class="title">
          <h2 id="grid-${grid.id}"><bdi>${grid.name}</bdi></h2>
          ${grid.locked ? html`<span class="badge call-closed" data-testid="grid-locked">${t('sel.grid.locked')}</span>` : nothing}
        </div>
        <div class="actions">
          <a class="button secondary small" href="/selection/grids/${grid.id}" data-testid="grid-open"
            >${t(grid.locked ? 'sel.grid.view' : 'sel.grid.edit')}</a
          >
        </div>
      </div>
      ${grid.description ? html`<p class="pre"><bdi>${grid.description}</bdi></p>` : nothing}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${t('sel.grid.criteria')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('sel.criterion.label')}</th>
              <th scope="col" class="num">${t('sel.criterion.weight')}</th>
              <th scope="col" class="num">${t('sel.criterion.scale')}</th>
            </tr>
          </thead>
          <tbody>
            ${grid.criteria.map(
              (c) => html`<tr>
                <th scope="row">
                  <bdi>${c.label}</bdi>${c.description ? html`<span class="hint"><bdi>${c.description}</bdi></span>` : nothing}
                </th>
                <td class="num">${score(c.weight)} %</td>
                <td class="num"><span class="ltr">${c.scaleMin} – ${c.scaleMax}</span></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }
}

customElements.define('gie-selection-grids-page', SelectionGridsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-grids-page': SelectionGridsPage;
  }
}
