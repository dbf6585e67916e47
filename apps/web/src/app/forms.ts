// What every form of the back office does the same way: labelled fields tied to their errors and hints,
// API field errors mapped onto inputs, and focus sent to the first invalid field after a failed submit.
import { html, type LitElement, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiProblem, NETWORK_FAILURE } from '../api/client.ts';
import { type MessageKey, type MessageParams, t } from '../i18n/localize.ts';

/** A text to show, kept as a key so that it follows language changes; `raw` for text the server wrote. */
export type Text = { key: MessageKey; params?: MessageParams } | { raw: string };

export const textOf = (text: Text): string => ('raw' in text ? text.raw : t(text.key, text.params));

export type FieldErrors<F extends string> = Partial<Record<F, Text>>;

export interface InputFieldOptions {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
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
    <label for=${o.id}>${o.label}</label>
    <input
      id=${o.id}
      name=${o.id}
      type=${o.type ?? 'text'}
      autocomplete=${ifDefined(o.autocomplete)}
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
    <label for=${o.id}>${o.label}</label>
    <select
      id=${o.id}
      name=${o.id}
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
