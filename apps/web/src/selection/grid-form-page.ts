// A criteria grid template, new (/selection/grids/new) or changed (/selection/grids/:id): its name, and criteria
// with a description, a weight and a scale each. The sum of the weights is shown as they are typed and must make
// 100; the API judges the rest. A grid used by a call whose scoring has started is frozen and shown read-only.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { setFlash, takeFlash } from '../app/flash.ts';
import { focusFirstInvalid, problemText, type Text, textOf } from '../app/forms.ts';
import { currentPath, navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDecimal, LocaleController } from '../i18n/localize.ts';
import type { SelectionGrid } from './selection-types.ts';
import { breadcrumb, fromHundredths, selectionStyles, weightHundredths } from './selection-ui.ts';

interface Row {
  key: number;
  label: string;
  description: string;
  weight: string;
  scaleMin: string;
  scaleMax: string;
}

let rowKeys = 0;
const emptyRow = (): Row => ({ key: ++rowKeys, label: '', description: '', weight: '', scaleMin: '0', scaleMax: '10' });

export class SelectionGridFormPage extends LitElement {
  static override properties = {
    gridId: { type: Number },
    grid: { state: true },
    name: { state: true },
    description: { state: true },
    rows: { state: true },
    phase: { state: true },
    busy: { state: true },
    errors: { state: true },
    formError: { state: true },
    notice: { state: true },
  };

  static override styles = [
    sharedStyles,
    selectionStyles,
    css`
      .criterion {
        display: grid;
        grid-template-columns: minmax(12rem, 2fr) minmax(12rem, 2fr) repeat(3, minmax(5rem, 1fr)) auto;
        gap: 0.5rem 0.75rem;
        align-items: start;
        padding-block: 0.75rem;
        border-block-end: 1px solid var(--gie-border);
      }
      .criterion > button {
        /* level with the inputs, under their labels */
        margin-block-start: 1.95rem;
      }
      @media (max-width: 60rem) {
        .criterion {
          grid-template-columns: 1fr 1fr;
        }
      }
      .sum {
        font-weight: 700;
        font-size: 1.1rem;
      }
      .sum.ok {
        color: var(--gie-success);
      }
      .sum.off {
        color: var(--gie-danger);
      }
    `,
  ];

  /** 0 for a new grid. */
  declare gridId: number;
  declare grid: SelectionGrid | null;
  declare name: string;
  declare description: string;
  declare rows: Row[];
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare busy: boolean;
  /** Field errors by the API's path (`name`, `criteria.2.weight`). */
  declare errors: Record<string, Text>;
  declare formError: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.gridId = 0;
    this.grid = null;
    this.name = '';
    this.description = '';
    this.rows = [emptyRow()];
    this.phase = 'ready';
    this.busy = false;
    this.errors = {};
    this.formError = null;
    this.notice = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('gridId')) {
      this.notice = takeFlash(currentPath())?.notice ?? null;
      if (this.gridId > 0) void this.load();
    }
  }

  private async load(): Promise<void> {
    this.phase = 'loading';
    try {
      const grid = await call(api.selection.grids[':id'].$get({ param: { id: String(this.gridId) } }));
      this.grid = grid;
      this.name = grid.name;
      this.description = grid.description ?? '';
      this.rows = grid.criteria.map((c) => ({
        key: ++rowKeys,
        label: c.label,
        description: c.description ?? '',
        weight: c.weight,
        scaleMin: String(c.scaleMin),
        scaleMax: String(c.scaleMax),
      }));
      this.phase = 'ready';
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.formError = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  /** The weights typed so far, in hundredths; null while one of them is not a number. */
  private get weightSum(): number | null {
    let sum = 0;
    for (const row of this.rows) {
      const w = weightHundredths(row.weight);
      if (w === null) return null;
      sum += w;
    }
    return sum;
  }

  private setRow(index: number, patch: Partial<Row>): void {
    this.rows = this.rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
  }

  private async addRow(): Promise<void> {
    this.rows = [...this.rows, emptyRow()];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`[data-testid="criterion-${this.rows.length - 1}-label"]`)?.focus();
  }

  private removeRow(index: number): void {
    this.rows = this.rows.filter((_, i) => i !== index);
    this.errors = {};
  }

  override render() {
    const { t } = this.i18n;
    const title = this.gridId > 0 ? t('nav.selectionGrid') : t('nav.selectionGridNew');
    const crumbs = breadcrumb([{ href: '/selection/grids', label: t('nav.selectionGrids') }, { label: title }]);
    if (this.phase === 'loading') {
      return html`${crumbs}<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`${crumbs}<h1>${t('sel.grid.notFound')}</h1>
        <p><a href="/selection/grids">${t('nav.selectionGrids')}</a></p>`;
    }
    if (this.phase === 'failed') {
      return html`${crumbs}<div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const locked = this.grid?.locked ?? false;
    const sum = this.weightSum;
    const sumOk = sum === 10000;
    return html`${crumbs}
      <h1 data-testid="grid-form-title">${this.gridId > 0 ? html`<bdi>${this.name}</bdi>` : title}</h1>
      <p class="lead">${t('sel.grid.lead')}</p>
      <div role="status">${this.notice ? html`<p class="notice" data-testid="grid-notice">${textOf(this.notice)}</p>` : nothing}</div>
      ${locked ? html`<p class="warning" data-testid="grid-frozen">${t('sel.grid.frozen')}</p>` : nothing}
      <div role="alert" id="grid-alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
      <form novalidate data-testid="grid-form" @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'}>
        <fieldset ?disabled=${locked}>
          <legend>${t('sel.grid.identity')}</legend>
          ${this.textInput('grid-name', 'name', t('sel.grid.name'), this.name, (v) => (this.name = v), { required: true, max: 200 })}
          ${this.textInput(
            'grid-description',
            'description',
            t('sel.grid.description'),
            this.description,
            (v) => (this.description = v),
            {
              max: 2000,
            },
          )}
        </fieldset>
        <fieldset ?disabled=${locked}>
          <legend>${t('sel.grid.criteria')}</legend>
          <p class="hint">${t('sel.grid.criteriaHint')}</p>
          ${this.rows.map((row, i) => this.renderRow(row, i))}
          <div class="actions">
            <button type="button" class="secondary" data-testid="criterion-add" @click=${this.addRow}>${t('sel.grid.addCriterion')}</button>
          </div>
          <p
            class="sum ${sumOk ? 'ok' : 'off'}"
            role="status"
            aria-live="polite"
            data-testid="weights-sum"
            data-sum=${sum === null ? '' : fromHundredths(sum)}
          >
            ${
              sum === null
                ? t('sel.grid.sumUnknown')
                : t(sumOk ? 'sel.grid.sumOk' : 'sel.grid.sumOff', { sum: formatDecimal(fromHundredths(sum)) })
            }
          </p>
          ${this.errors.criteria ? html`<p class="field-error">${textOf(this.errors.criteria)}</p>` : nothing}
        </fieldset>
        ${
          locked
            ? nothing
            : html`<div class="actions">
              <button type="submit" data-testid="grid-save" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
                ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('sel.save')}
              </button>
              <a class="button secondary" href="/selection/grids">${t('form.cancel')}</a>
            </div>`
        }
      </form>`;
  }

  private textInput(
    id: string,
    path: string,
    label: string,
    value: string,
    set: (value: string) => void,
    o: { required?: boolean; max?: number; inputmode?: 'decimal' | 'numeric'; ltr?: boolean } = {},
  ) {
    const error = this.errors[path];
    return html`<div class="field">
      <label for=${id}>${label}${o.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label>
      <input
        id=${id}
        data-testid=${id}
        .value=${value}
        maxlength=${o.max ?? 200}
        inputmode=${o.inputmode ?? 'text'}
        dir=${o.ltr ? 'ltr' : 'auto'}
        ?required=${o.required ?? false}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : ''}
        @input=${(e: Event) => {
          set((e.target as HTMLInputElement).value);
          // what was refused is no longer what the field says
          if (error) this.errors = Object.fromEntries(Object.entries(this.errors).filter(([key]) => key !== path));
        }}
      />
      ${error ? html`<p class="field-error" id="${id}-error">${textOf(error)}</p>` : nothing}
    </div>`;
  }

  private renderRow(row: Row, i: number) {
    const { t } = this.i18n;
    const p = `criteria.${i}`;
    return html`<div class="criterion" data-testid="criterion-row" role="group" aria-label=${t('sel.grid.criterionN', { n: i + 1 })}>
      ${this.textInput(
        `criterion-${i}-label`,
        `${p}.label`,
        t('sel.criterion.label'),
        row.label,
        (v) => this.setRow(i, { label: v }),
        {
          required: true,
        },
      )}
      ${this.textInput(
        `criterion-${i}-description`,
        `${p}.description`,
        t('sel.criterion.description'),
        row.description,
        (v) => this.setRow(i, { description: v }),
        { max: 1000 },
      )}
      ${this.textInput(
        `criterion-${i}-weight`,
        `${p}.weight`,
        t('sel.criterion.weightPercent'),
        row.weight,
        (v) => this.setRow(i, { weight: v }),
        {
          required: true,
          inputmode: 'decimal',
          ltr: true,
        },
      )}
      ${this.textInput(
        `criterion-${i}-scaleMin`,
        `${p}.scaleMin`,
        t('sel.criterion.scaleMin'),
        row.scaleMin,
        (v) => this.setRow(i, { scaleMin: v }),
        {
          required: true,
          inputmode: 'numeric',
          ltr: true,
        },
      )}
      ${this.textInput(
        `criterion-${i}-scaleMax`,
        `${p}.scaleMax`,
        t('sel.criterion.scaleMax'),
        row.scaleMax,
        (v) => this.setRow(i, { scaleMax: v }),
        {
          required: true,
          inputmode: 'numeric',
          ltr: true,
        },
      )}
      <button
        type="button"
        class="danger small"
        data-testid="criterion-${i}-remove"
        ?disabled=${this.rows.length <= 1}
        aria-label=${t('sel.grid.removeCriterionN', { n: i + 1 })}
        @click=${() => this.removeRow(i)}
      >
        ${t('sel.grid.removeCriterion')}
      </button>
    </div>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.errors = {};
    this.formError = null;
    const body = {
      name: this.name.trim(),
      description: this.description.trim() || null,
      criteria: this.rows.map((r) => ({
        label: r.label.trim(),
        description: r.description.trim() || null,
        weight: r.weight.trim().replace(',', '.'),
        scaleMin: Number(r.scaleMin.trim() || 'NaN'),
        scaleMax: Number(r.scaleMax.trim() || 'NaN'),
      })),
    };
    try {
      const saved =
        this.gridId > 0
          ? await call(api.selection.grids[':id'].$put({ param: { id: String(this.gridId) }, json: body }))
          : await call(api.selection.grids.$post({ json: body }));
      if (this.gridId === saved.id) {
        this.notice = { key: 'sel.grid.saved' };
        this.grid = saved;
      } else {
        setFlash(`/selection/grids/${saved.id}`, { notice: { key: 'sel.grid.saved' } });
        navigate(`/selection/grids/${saved.id}`);
      }
    } catch (error) {
      this.applyProblem(error);
    } finally {
      this.busy = false;
    }
  }

  /** The API's refusal on its fields (`name`, `criteria.2.weight`; the sum of the weights on `criteria`). */
  private applyProblem(error: unknown): void {
    if (error instanceof ApiProblem && error.errors.length > 0) {
      const errors: Record<string, Text> = {};
      for (const e of error.errors) errors[e.path] ??= { raw: e.message };
      this.errors = errors;
      this.formError = { key: 'sel.grid.refused', params: { count: error.errors.length } };
      void focusFirstInvalid(this);
    } else {
      this.formError =
        error instanceof ApiProblem && error.status === 409 ? { raw: error.detail ?? error.title } : problemText(error);
    }
  }
}

customElements.define('gie-selection-grid-form-page', SelectionGridFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-grid-form-page': SelectionGridFormPage;
  }
}
