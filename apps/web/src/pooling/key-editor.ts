// The editor of a key of allocation: its kind (equal, usage, revenue, headcount, fixed weights, a per-member
// quantity, or a composite of several with their shares, e.g. 40 % equal + 60 % m²) and an optional fallback when
// every weight is zero. Its `value` is the key as the API reads it; `errors` shows the API's refusals by path.
import { css, html, LitElement, nothing } from 'lit';
import type { Member } from '../api/types.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { BASIC_KINDS, type BasicKind, FALLBACK_KINDS, KEY_KINDS, type KeyKind, kindLabel, poolingStyles } from './pooling-ui.ts';

export interface KeyComponentValue {
  kind: BasicKind;
  share: string;
  quantity?: string | null;
  headcount?: 'people' | 'jobs' | null;
}

export interface KeyValue {
  kind: KeyKind;
  quantity?: string | null;
  headcount?: 'people' | 'jobs' | null;
  weights?: Array<{ memberId: number; weight: string }> | null;
  components?: KeyComponentValue[] | null;
  fallback?: (typeof FALLBACK_KINDS)[number] | null;
}

/** A share typed as a percentage ("40" or "40,5") as the API's fraction ("0.4", "0.405"), exactly. */
export function percentToShare(text: string): string {
  const clean = text.trim().replace(',', '.').replace(/\s|%/g, '');
  const match = /^(\d{1,3})(?:\.(\d{0,4}))?$/.exec(clean);
  if (!match) return clean;
  const digits = `${match[1]}${(match[2] ?? '').padEnd(4, '0')}`.padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.slice(-6).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** The API's fraction as a percentage to type ("0.4" → "40"). */
export function shareToPercent(share: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(share);
  if (!match) return share;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const whole = `${match[1]}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2).replace(/0+$/, '');
  return rest ? `${whole},${rest}` : whole;
}

export class KeyEditor extends LitElement {
  static override properties = {
    members: { attribute: false },
    initial: { attribute: false },
    errors: { attribute: false },
    idPrefix: { type: String },
    kind: { state: true },
    components: { state: true },
  };

  static override styles = [
    sharedStyles,
    poolingStyles,
    css`
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: flex-end;
      }
      .row .field {
        flex: 1 1 10rem;
      }
      .component {
        border: 1px dashed var(--gie-border);
        border-radius: var(--gie-radius);
        padding: 0.75rem;
        margin-block-end: 0.5rem;
      }
      .weights {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
        gap: 0.5rem 1rem;
      }
    `,
  ];

  /** The members a key by fixed weights lists. */
  declare members: readonly Member[];
  /** The key to start from (e.g. the version in force). */
  declare initial: KeyValue | null;
  /** Refusals by path relative to the key ("kind", "components.1.share", "weights.0.weight"). */
  declare errors: ReadonlyArray<{ path: string; message: string }>;
  declare idPrefix: string;
  declare kind: KeyKind;
  declare components: KeyComponentValue[];

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.members = [];
    this.initial = null;
    this.errors = [];
    this.idPrefix = 'key';
    this.kind = 'equal';
    this.components = [
      { kind: 'equal', share: '0.4' },
      { kind: 'quantity', share: '0.6', quantity: 'area' },
    ];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('initial') && this.initial) {
      this.kind = this.initial.kind;
      if (this.initial.components?.length) this.components = this.initial.components.map((c) => ({ ...c }));
    }
  }

  private error(path: string) {
    const found = this.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`));
    return found
      ? html`<p class="field-error" id="${this.idPrefix}-${path.replace(/\./g, '-')}-error" lang="en" dir="ltr">${found.message}</p>`
      : nothing;
  }

  private invalid(path: string): 'true' | 'false' {
    return this.errors.some((e) => e.path === path || e.path.startsWith(`${path}.`)) ? 'true' : 'false';
  }

  private q(name: string): HTMLInputElement | HTMLSelectElement | null {
    return this.renderRoot.querySelector(`[name="${name}"]`);
  }

  /** The key as typed, in the API's shape. */
  get value(): KeyValue {
    const fallback = (this.q('fallback')?.value || null) as KeyValue['fallback'];
    if (this.kind === 'composite') {
      return {
        kind: 'composite',
        fallback,
        components: this.components.map((c, i) => {
          const kind = (this.q(`c${i}-kind`)?.value ?? c.kind) as BasicKind;
          const component: KeyComponentValue = { kind, share: percentToShare(this.q(`c${i}-share`)?.value ?? '') };
          if (kind === 'quantity') component.quantity = this.q(`c${i}-quantity`)?.value.trim() ?? '';
          if (kind === 'headcount') component.headcount = (this.q(`c${i}-headcount`)?.value ?? 'people') as 'people' | 'jobs';
          return component;
        }),
      };
    }
    const key: KeyValue = { kind: this.kind, fallback };
    if (this.kind === 'quantity') key.quantity = this.q('quantity')?.value.trim() ?? '';
    if (this.kind === 'headcount') key.headcount = (this.q('headcount')?.value ?? 'people') as 'people' | 'jobs';
    if (this.kind === 'fixed') {
      key.weights = this.members
        .map((m) => ({ memberId: m.id, weight: (this.q(`w-${m.id}`)?.value ?? '').trim().replace(',', '.') }))
        .filter((w) => w.weight !== '');
    }
    return key;
  }

  override render() {
    const { t } = this.i18n;
    const p = this.idPrefix;
    const init = this.initial;
    return html`<div class="row">
        <div class="field">
          <label for="${p}-kind">${t('pool.key.kind')}</label>
          <select
            id="${p}-kind"
            name="kind"
            data-testid="${p}-kind"
            aria-invalid=${this.invalid('kind')}
            @change=${(e: Event) => {
              this.kind = (e.target as HTMLSelectElement).value as KeyKind;
            }}
          >
            ${KEY_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${kindLabel(k)}</option>`)}
          </select>
          ${this.error('kind')}
        </div>
        ${
          this.kind === 'quantity'
            ? html`<div class="field">
              <label for="${p}-quantity">${t('pool.key.quantityName')}</label>
              <input id="${p}-quantity" name="quantity" dir="ltr" data-testid="${p}-quantity" .value=${init?.quantity ?? 'area'} aria-invalid=${this.invalid('quantity')} />
              ${this.error('quantity')}
            </div>`
            : nothing
        }
        ${this.kind === 'headcount' ? this.headcountSelect(`${p}-headcount`, 'headcount', init?.headcount ?? 'people') : nothing}
        <div class="field">
          <label for="${p}-fallback">${t('pool.key.fallback')}</label>
          <select id="${p}-fallback" name="fallback" data-testid="${p}-fallback" aria-invalid=${this.invalid('fallback')}>
            <option value="">${t('pool.key.noFallback')}</option>
            ${FALLBACK_KINDS.map((k) => html`<option value=${k} ?selected=${init?.fallback === k}>${kindLabel(k)}</option>`)}
          </select>
          ${this.error('fallback')}
        </div>
      </div>
      <p class="hint">${t(`pool.key.help.${this.kind}`)}</p>
      ${this.kind === 'fixed' ? this.renderWeights() : nothing} ${this.kind === 'composite' ? this.renderComponents() : nothing}`;
  }

  private headcountSelect(id: string, name: string, value: string) {
    const { t } = this.i18n;
    return html`<div class="field">
      <label for=${id}>${t('pool.key.headcount')}</label>
      <select id=${id} name=${name}>
        <option value="people" ?selected=${value === 'people'}>${t('pool.key.headcount.people')}</option>
        <option value="jobs" ?selected=${value === 'jobs'}>${t('pool.key.headcount.jobs')}</option>
      </select>
    </div>`;
  }

  private renderWeights() {
    const { t } = this.i18n;
    const weights = this.initial?.weights ?? [];
    return html`<fieldset aria-invalid=${this.invalid('weights')}>
      <legend>${t('pool.key.weights')}</legend>
      <div class="weights">
        ${this.members.map(
          (m) => html`<div class="field">
            <label for="${this.idPrefix}-w-${m.id}"><span class="ltr">${m.code ?? ''}</span> <bdi>${m.legalName}</bdi></label>
            <input
              id="${this.idPrefix}-w-${m.id}"
              name="w-${m.id}"
              inputmode="decimal"
              dir="ltr"
              data-testid="${this.idPrefix}-weight"
              .value=${weights.find((w) => w.memberId === m.id)?.weight ?? ''}
            />
          </div>`,
        )}
      </div>
      ${this.error('weights')}
    </fieldset>`;
  }

  private renderComponents() {
    const { t } = this.i18n;
    const p = this.idPrefix;
    return html`<fieldset aria-invalid=${this.invalid('components')}>
      <legend>${t('pool.key.components')}</legend>
      ${this.components.map(
        (c, i) => html`<div class="component row" data-testid="${p}-component">
          <div class="field">
            <label for="${p}-c${i}-kind">${t('pool.key.componentKind', { n: i + 1 })}</label>
            <select
              id="${p}-c${i}-kind"
              name="c${i}-kind"
              aria-invalid=${this.invalid(`components.${i}.kind`)}
              @change=${(e: Event) => this.setComponent(i, { kind: (e.target as HTMLSelectElement).value as BasicKind })}
            >
              ${BASIC_KINDS.map((k) => html`<option value=${k} ?selected=${k === c.kind}>${kindLabel(k)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="${p}-c${i}-share">${t('pool.key.share')}</label>
            <input
              id="${p}-c${i}-share"
              name="c${i}-share"
              inputmode="decimal"
              dir="ltr"
              aria-invalid=${this.invalid(`components.${i}.share`)}
              .value=${shareToPercent(c.share)}
            />
            ${this.error(`components.${i}.share`)}
          </div>
          ${
            c.kind === 'quantity'
              ? html`<div class="field">
                <label for="${p}-c${i}-quantity">${t('pool.key.quantityName')}</label>
                <input id="${p}-c${i}-quantity" name="c${i}-quantity" dir="ltr" .value=${c.quantity ?? 'area'} aria-invalid=${this.invalid(`components.${i}.quantity`)} />
                ${this.error(`components.${i}.quantity`)}
              </div>`
              : nothing
          }
          ${c.kind === 'headcount' ? this.headcountSelect(`${p}-c${i}-headcount`, `c${i}-headcount`, c.headcount ?? 'people') : nothing}
          ${
            this.components.length > 2
              ? html`<div class="actions">
                <button type="button" class="secondary small" @click=${() => this.removeComponent(i)}>${t('pool.key.removeComponent')}</button>
              </div>`
              : nothing
          }
        </div>`,
      )}
      ${this.error('components')}
      <button type="button" class="secondary small" @click=${this.addComponent}>${t('pool.key.addComponent')}</button>
    </fieldset>`;
  }

  /** Keeps what was typed in the other components when one changes kind or is added or removed. */
  private snapshot(): KeyComponentValue[] {
    return this.components.map((c, i) => ({
      kind: (this.q(`c${i}-kind`)?.value ?? c.kind) as BasicKind,
      share: percentToShare(this.q(`c${i}-share`)?.value ?? shareToPercent(c.share)),
      quantity: this.q(`c${i}-quantity`)?.value ?? c.quantity ?? null,
      headcount: (this.q(`c${i}-headcount`)?.value ?? c.headcount ?? null) as 'people' | 'jobs' | null,
    }));
  }

  private setComponent(index: number, patch: Partial<KeyComponentValue>): void {
    this.components = this.snapshot().map((c, i) => (i === index ? { ...c, ...patch } : c));
  }

  private addComponent(): void {
    this.components = [...this.snapshot(), { kind: 'usage', share: '0' }];
  }

  private removeComponent(index: number): void {
    this.components = this.snapshot().filter((_, i) => i !== index);
  }
}

customElements.define('gie-key-editor', KeyEditor);

declare global {
  interface HTMLElementTagNameMap {
    'gie-key-editor': KeyEditor;
  }
}
