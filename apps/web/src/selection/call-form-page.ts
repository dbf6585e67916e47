// A call for applications, new (/selection/calls/new) or changed (/selection/calls/:id/edit): title, description,
// dates, the criteria grid it copies, the eligibility checklist, the admission threshold, the places, the quorum
// and its status. Until scoring starts everything may change; after the president closes scoring only the
// description does (the API says which field it refuses, shown on the field).
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { setFlash } from '../app/flash.ts';
import {
  focusFirstInvalid,
  inputField,
  problemText,
  selectField,
  type Text,
  textareaField,
  textOf,
  todayIso,
} from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import type { SelectionCall, SelectionGrid } from './selection-types.ts';
import { breadcrumb, CALL_STATUSES, type CallStatus, callStatusLabel, selectionStyles } from './selection-ui.ts';

type CallField =
  | 'title'
  | 'description'
  | 'opensOn'
  | 'closesOn'
  | 'gridId'
  | 'eligibilityItems'
  | 'threshold'
  | 'places'
  | 'quorum'
  | 'status';
const FIELDS: readonly CallField[] = [
  'title',
  'description',
  'opensOn',
  'closesOn',
  'gridId',
  'eligibilityItems',
  'threshold',
  'places',
  'quorum',
  'status',
];

let itemKeys = 0;

export class SelectionCallFormPage extends LitElement {
  static override properties = {
    callId: { type: Number },
    existing: { state: true },
    grids: { state: true },
    items: { state: true },
    phase: { state: true },
    busy: { state: true },
    errors: { state: true },
    formError: { state: true },
  };

  static override styles = [
    sharedStyles,
    selectionStyles,
    css`
      .item {
        display: flex;
        gap: 0.5rem;
        align-items: end;
      }
      .item .field {
        flex: 1;
      }
    `,
  ];

  /** 0 for a new call. */
  declare callId: number;
  declare existing: SelectionCall | null;
  declare grids: SelectionGrid[];
  declare items: Array<{ key: number; text: string }>;
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare busy: boolean;
  declare errors: Partial<Record<string, Text>>;
  declare formError: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.callId = 0;
    this.existing = null;
    this.grids = [];
    this.items = [];
    this.phase = 'loading';
    this.busy = false;
    this.errors = {};
    this.formError = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('callId')) void this.load();
  }

  private async load(): Promise<void> {
    this.phase = 'loading';
    try {
      const [grids, existing] = await Promise.all([
        call(api.selection.grids.$get()),
        this.callId > 0 ? call(api.selection.calls[':id'].$get({ param: { id: String(this.callId) } })) : null,
      ]);
      this.grids = grids;
      this.existing = existing;
      this.items = (existing?.eligibilityItems ?? []).map((text) => ({ key: ++itemKeys, text }));
      if (this.items.length === 0) this.items = [{ key: ++itemKeys, text: '' }];
      this.phase = 'ready';
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else {
        this.formError = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  override render() {
    const { t } = this.i18n;
    const c = this.existing;
    const title = this.callId > 0 ? t('nav.selectionCallEdit') : t('nav.selectionCallNew');
    const crumbs = breadcrumb(
      c ? [{ href: `/selection/calls/${c.id}`, label: html`<bdi>${c.title}</bdi>` }, { label: title }] : [{ label: title }],
    );
    if (this.phase === 'loading') {
      return html`${crumbs}<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    }
    if (this.phase === 'not-found') return html`${crumbs}<h1>${t('sel.call.notFound')}</h1>`;
    if (this.phase === 'failed') {
      return html`${crumbs}<div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const started = Boolean(c?.scoringStartedAt);
    const e = this.errors;
    return html`${crumbs}
      <h1>${title}</h1>
      <p class="lead">${t('sel.callForm.lead')}</p>
      ${started ? html`<p class="warning" data-testid="call-grid-frozen">${t('sel.callForm.gridFrozen')}</p>` : nothing}
      <div role="alert">${this.formError ? html`<p class="alert" data-testid="call-form-alert">${textOf(this.formError)}</p>` : nothing}</div>
      <form novalidate data-testid="call-form" @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'}>
        <fieldset>
          <legend>${t('sel.callForm.identity')}</legend>
          ${inputField({ id: 'call-title', name: 'title', label: t('sel.call.title'), required: true, maxlength: 200, value: c?.title ?? '', error: e.title, testid: 'call-title' })}
          ${textareaField({ id: 'call-description', name: 'description', label: t('sel.call.description'), rows: 4, maxlength: 10000, value: c?.description ?? '', error: e.description, testid: 'call-description' })}
          <div class="grid-2">
            ${inputField({ id: 'call-opensOn', name: 'opensOn', type: 'date', label: t('sel.call.opensOn'), required: true, value: c?.opensOn ?? todayIso(), error: e.opensOn, testid: 'call-opensOn' })}
            ${inputField({ id: 'call-closesOn', name: 'closesOn', type: 'date', label: t('sel.call.closesOn'), required: true, value: c?.closesOn ?? '', error: e.closesOn, testid: 'call-closesOn' })}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('sel.callForm.assessment')}</legend>
          ${selectField({
            id: 'call-gridId',
            name: 'gridId',
            label: t('sel.call.grid'),
            value: c?.gridId ? String(c.gridId) : '',
            hint: t('sel.callForm.gridHint'),
            error: e.gridId,
            testid: 'call-gridId',
            options: [{ value: '', label: t('form.none') }, ...this.grids.map((g) => ({ value: String(g.id), label: g.name }))],
          })}
          <div class="grid-2">
            ${inputField({ id: 'call-threshold', name: 'threshold', label: t('sel.call.threshold'), required: true, inputmode: 'decimal', dir: 'ltr', value: c?.threshold ?? '60', hint: t('sel.callForm.thresholdHint'), error: e.threshold, testid: 'call-threshold' })}
            ${inputField({ id: 'call-places', name: 'places', type: 'number', min: '1', max: '1000', label: t('sel.call.places'), required: true, value: String(c?.places ?? 5), error: e.places, testid: 'call-places' })}
            ${inputField({ id: 'call-quorum', name: 'quorum', type: 'number', min: '1', label: t('sel.call.quorum'), value: c?.quorum ? String(c.quorum) : '', hint: t('sel.callForm.quorumHint'), error: e.quorum, testid: 'call-quorum' })}
            ${selectField({
              id: 'call-status',
              name: 'status',
              label: t('sel.call.status'),
              value: c?.status ?? 'draft',
              error: e.status,
              testid: 'call-status',
              options: CALL_STATUSES.map((s) => ({ value: s, label: callStatusLabel(s) })),
            })}
          </div>
        </fieldset>
        <fieldset data-testid="call-eligibility">
          <legend>${t('sel.call.eligibility')}</legend>
          <p class="hint">${t('sel.callForm.eligibilityHint')}</p>
          ${this.items.map(
            (item, i) => html`<div class="item">
              ${inputField({
                id: `call-item-${i}`,
                name: `item-${i}`,
                label: t('sel.callForm.itemN', { n: i + 1 }),
                maxlength: 500,
                value: item.text,
                error: e[`eligibilityItems.${i}`],
                testid: `call-item-${i}`,
              })}
              <button
                type="button"
                class="danger small"
                aria-label=${t('sel.callForm.removeItemN', { n: i + 1 })}
                @click=${() => {
                  this.keepTyped();
                  this.items = this.items.filter((_, j) => j !== i);
                }}
              >
                ${t('sel.grid.removeCriterion')}
              </button>
            </div>`,
          )}
          <div class="actions">
            <button
              type="button"
              class="secondary"
              data-testid="call-item-add"
              @click=${async () => {
                this.keepTyped();
                this.items = [...this.items, { key: ++itemKeys, text: '' }];
                await this.updateComplete;
                this.renderRoot.querySelector<HTMLInputElement>(`#call-item-${this.items.length - 1}`)?.focus();
              }}
            >
              ${t('sel.callForm.addItem')}
            </button>
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" data-testid="call-save" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('sel.save')}
          </button>
          <a class="button secondary" href=${c ? `/selection/calls/${c.id}` : '/selection'}>${t('form.cancel')}</a>
        </div>
      </form>`;
  }

  /** The checklist as typed, kept before its rows change (inputs are not bound two ways). */
  private keepTyped(): void {
    this.items = this.items.map((item, i) => ({
      key: item.key,
      text: this.renderRoot.querySelector<HTMLInputElement>(`#call-item-${i}`)?.value ?? item.text,
    }));
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    this.keepTyped();
    const quorum = text('quorum');
    const gridId = text('gridId');
    const body = {
      title: text('title'),
      description: text('description'),
      opensOn: text('opensOn'),
      closesOn: text('closesOn'),
      gridId: gridId ? Number(gridId) : null,
      eligibilityItems: this.items.map((item) => item.text.trim()).filter((item) => item !== ''),
      threshold: text('threshold').replace(',', '.'),
      places: Number(text('places') || 'NaN'),
      quorum: quorum ? Number(quorum) : null,
      status: text('status') as CallStatus,
    };
    this.busy = true;
    this.errors = {};
    this.formError = null;
    try {
      const saved =
        this.callId > 0
          ? await call(api.selection.calls[':id'].$put({ param: { id: String(this.callId) }, json: body }))
          : await call(api.selection.calls.$post({ json: body }));
      setFlash(`/selection/calls/${saved.id}`, { notice: { key: this.callId > 0 ? 'sel.call.saved' : 'sel.call.created' } });
      navigate(`/selection/calls/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const errors: Record<string, Text> = {};
        for (const fe of error.errors) {
          const head = fe.path.split('.')[0] as CallField;
          const path = fe.path.startsWith('eligibilityItems.') ? fe.path : FIELDS.includes(head) ? head : fe.path;
          errors[path] ??= { raw: fe.message };
        }
        this.errors = errors;
        this.formError = { key: 'form.summary', params: { count: error.errors.length } };
        void focusFirstInvalid(this);
      } else {
        this.formError =
          error instanceof ApiProblem && error.status === 409 ? { raw: error.detail ?? error.title } : problemText(error);
      }
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('gie-selection-call-form-page', SelectionCallFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-call-form-page': SelectionCallFormPage;
  }
}
