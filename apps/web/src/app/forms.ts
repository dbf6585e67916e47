// What every form of the back office does the same way: labelled fields tied to their errors and hints,
// API field errors mapped onto inputs, and focus sent to the first invalid field after a failed submit.
import { html, type LitElement, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiProblem, NETWORK_FAILURE } from '../api/client.ts';
import { type MessageKey, type MessageParams, t } from '../i18n/localize.ts';

/**
 * A text to show, kept as a key so that it follows language changes; `raw` for text the server wrote. `detail`
 * adds the server's own words after the translated text (they name the value at fault, in English).
 */
export type Text = { key: MessageKey; params?: MessageParams; detail?: string } | { raw: string };

export const textOf = (text: Text): string => {
  if ('raw' in text) return text.raw;
  const main = t(text.key, text.params);
  return text.detail ? `${main} (${text.detail})` : main;
};

export type FieldErrors<F extends string> = Partial<Record<F, Text>>;

export interface InputFieldOptions {
  id: string;
  label: string;
  /** The form data name; the id when not given. */
  name?: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'tel' | 'url' | 'search';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url';
  min?: string;
  max?: string;
  step?: string;
  maxlength?: number;
  /**
   * `ltr` for identifiers and numbers that read left to right in an Arabic form too; free text is `auto` (the
   * direction of what is typed), so a French address keeps its order in an Arabic form.
   */
  dir?: 'ltr' | 'auto';
  required?: boolean;
  hint?: string;
  error?: Text | undefined;
  /** Invalid without a message of its own, explained by another element (`describedBy`). */
  invalid?: boolean;
  describedBy?: string;
  testid?: string;
  value?: string;
}

const describedBy = (...ids: Array<string | false | undefined>): string | undefined => {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length > 0 ? present.join(' ') : undefined;
};

/** A labelled input whose hint and error are announced with it (aria-describedby) and marked aria-invalid. */
export function inputField(o: InputFieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const errorId = o.error ? `${o.id}-error` : undefined;
  return html`<div class="field">
    <label for=${o.id}>${o.label}${o.required ? requiredMark() : nothing}</label>
    <input
      id=${o.id}
      name=${o.name ?? o.id}
      type=${o.type ?? 'text'}
      autocomplete=${ifDefined(o.autocomplete)}
      inputmode=${ifDefined(o.inputmode)}
      min=${ifDefined(o.min)}
      max=${ifDefined(o.max)}
      step=${ifDefined(o.step)}
      maxlength=${ifDefined(o.maxlength)}
      dir=${ifDefined(o.dir ?? (['text', 'search'].includes(o.type ?? 'text') ? 'auto' : undefined))}
      ?required=${o.required ?? false}
      aria-invalid=${o.error || o.invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(errorId, o.describedBy, hintId))}
      data-testid=${ifDefined(o.testid)}
      .value=${o.value ?? ''}
    />
    ${o.hint ? html`<p class="hint" id=${hintId!}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="field-error" id=${errorId!}>${textOf(o.error)}</p>` : nothing}
  </div>`;
}

export interface SelectFieldOptions {
  id: string;
  label: string;
  /** The form data name; the id when not given. */
  name?: string;
  required?: boolean;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  hint?: string;
  error?: Text | undefined;
  testid?: string;
  onChange?: (value: string) => void;
}

export function selectField(o: SelectFieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const errorId = o.error ? `${o.id}-error` : undefined;
  return html`<div class="field">
    <label for=${o.id}>${o.label}${o.required ? requiredMark() : nothing}</label>
    <select
      id=${o.id}
      name=${o.name ?? o.id}
      ?required=${o.required ?? false}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(errorId, hintId))}
      data-testid=${ifDefined(o.testid)}
      @change=${(event: Event) => o.onChange?.((event.target as HTMLSelectElement).value)}
    >
      ${o.options.map((option) => html`<option value=${option.value} ?selected=${option.value === o.value}>${option.label}</option>`)}
    </select>
    ${o.hint ? html`<p class="hint" id=${hintId!}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="field-error" id=${errorId!}>${textOf(o.error)}</p>` : nothing}
  </div>`;
}

export interface TextareaFieldOptions {
  id: string;
  label: string;
  name?: string;
  required?: boolean;
  rows?: number;
  maxlength?: number;
  hint?: string;
  error?: Text | undefined;
  testid?: string;
  value?: string;
}

export function textareaField(o: TextareaFieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const errorId = o.error ? `${o.id}-error` : undefined;
  return html`<div class="field">
    <label for=${o.id}>${o.label}${o.required ? requiredMark() : nothing}</label>
    <textarea
      id=${o.id}
      name=${o.name ?? o.id}
      rows=${o.rows ?? 3}
      dir="auto"
      maxlength=${ifDefined(o.maxlength)}
      ?required=${o.required ?? false}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(errorId, hintId))}
      data-testid=${ifDefined(o.testid)}
      .value=${o.value ?? ''}
    ></textarea>
    ${o.hint ? html`<p class="hint" id=${hintId!}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="field-error" id=${errorId!}>${textOf(o.error)}</p>` : nothing}
  </div>`;
}

export interface CheckboxFieldOptions {
  id: string;
  label: string;
  name?: string;
  checked: boolean;
  hint?: string;
  error?: Text | undefined;
  testid?: string;
  onChange?: (checked: boolean) => void;
}

export function checkboxField(o: CheckboxFieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const errorId = o.error ? `${o.id}-error` : undefined;
  return html`<div class="field checkbox">
    <div class="checkbox-row">
      <input
        type="checkbox"
        id=${o.id}
        name=${o.name ?? o.id}
        .checked=${o.checked}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(errorId, hintId))}
        data-testid=${ifDefined(o.testid)}
        @change=${(event: Event) => o.onChange?.((event.target as HTMLInputElement).checked)}
      />
      <label for=${o.id}>${o.label}</label>
    </div>
    ${o.hint ? html`<p class="hint" id=${hintId!}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="field-error" id=${errorId!}>${textOf(o.error)}</p>` : nothing}
  </div>`;
}

/** The asterisk of a required field, spelt out for screen readers. */
function requiredMark(): TemplateResult {
  return html`<span class="required" aria-hidden="true"> *</span><span class="visually-hidden"> (${t('form.requiredMark')})</span>`;
}

/** How a form names the API's refusals: a translated text per field, and per field for a 409 (e.g. ICE taken). */
export interface FieldMessages<F extends string> {
  messages?: Partial<Record<F, MessageKey>>;
  conflicts?: Partial<Record<F, MessageKey>>;
}

/**
 * The field errors of a problem, keyed by the form's fields (the API names them by path, `ice` or `lines.2.x`):
 * the form's translated message with the server's words as detail. `other` gathers what no field explains.
 */
export function fieldErrorsFrom<F extends string>(
  problem: ApiProblem,
  fields: readonly F[],
  { messages = {}, conflicts = {} }: FieldMessages<F> = {},
): { fields: FieldErrors<F>; other: Text[] } {
  const found: FieldErrors<F> = {};
  const other: Text[] = [];
  const isField = (path: string): path is F => (fields as readonly string[]).includes(path);
  for (const error of problem.errors) {
    const path = error.path.split('.')[0] ?? error.path;
    if (!isField(path)) {
      other.push({ raw: `${error.path}: ${error.message}` });
      continue;
    }
    if (found[path]) continue;
    const key = (problem.status === 409 ? conflicts[path] : undefined) ?? messages[path] ?? 'form.refused';
    found[path] = { key, detail: error.message };
  }
  return { fields: found, other };
}

/** The alert of a refused form: how many fields to fix, then what no field explains. */
export function refusalSummary(fieldCount: number, other: readonly Text[]): Text {
  const summary: Text = { key: 'form.summary', params: { count: fieldCount + other.length } };
  return other.length > 0 ? { raw: [textOf(summary), ...other.map(textOf)].join(' ') } : summary;
}

/** A form's text value: trimmed, and null when empty (the API's way of saying "none"). */
export function textValue(data: FormData, name: string): string | null {
  const value = data.get(name);
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? null : text;
}

/**
 * A decimal as the API reads it ("15000.50") from what a person types in French ("15 000,50"): spaces
 * dropped, the decimal comma turned into a point. Anything else is left for the API to judge.
 */
export function decimalValue(data: FormData, name: string): string | null {
  const text = textValue(data, name);
  return text === null ? null : text.replace(/[\s\u00A0\u202F]/g, '').replace(',', '.');
}

/** A whole number, null when empty, NaN when the browser could not read what was typed. */
export function numberValue(data: FormData, name: string): number | null {
  const text = textValue(data, name);
  return text === null ? null : Number(text);
}

/** Today as YYYY-MM-DD in the browser's time zone, for date inputs (max, default). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** After a failed submit: waits for the errors to render, then puts the keyboard on the first invalid field. */
export async function focusFirstInvalid(host: LitElement): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** The text for a failure that no field explains: network, forbidden, or what the server said. */
export function problemText(error: unknown): Text {
  if (error instanceof ApiProblem) {
    if (error.status === NETWORK_FAILURE) return { key: 'error.network' };
    if (error.status === 403) return { key: 'error.forbidden' };
    return { key: 'error.generic', params: { status: error.status, detail: error.detail ?? error.title } };
  }
  return { key: 'error.generic', params: { status: '—', detail: error instanceof Error ? error.message : String(error) } };
}
