// The member form, to register a candidate (/members/new) or change a member's identity (/members/:id/edit):
// every field of the API's NewMember/MemberChanges, grouped as on the member's page. The API judges the values;
// its refusals come back onto their fields, and the keyboard goes to the first one to fix.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { AREAS, LEGAL_FORMS, MEMBER_KINDS, type Member, type Reference, type User } from '../api/types.ts';
import {
  decimalValue,
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstInvalid,
  inputField,
  problemText,
  refusalSummary,
  selectField,
  type Text,
  textareaField,
  textOf,
  textValue,
  todayIso,
} from '../app/forms.ts';
import { loadReference, optionsOf } from '../app/reference.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController, type MessageKey } from '../i18n/localize.ts';
import {
  type FieldDef,
  MEMBER_FIELD_CONFLICTS,
  MEMBER_FIELD_MESSAGES,
  MEMBER_FIELDS,
  MEMBER_GROUPS,
  type MemberField,
} from './member-fields.ts';
import { flashMemberSaved } from './member-page.ts';

type Value = string | number | null;

/** Hints under the fields whose expected form is not obvious. */
const HINTS: Partial<Record<MemberField, MessageKey>> = {
  ice: 'member.hint.ice',
  ifNumber: 'member.hint.ifNumber',
  tpNumber: 'member.hint.tpNumber',
  cnssNumber: 'member.hint.cnssNumber',
  rib: 'member.hint.rib',
  capital: 'member.hint.capital',
  contributionRate: 'member.hint.contributionRate',
  rightsShare: 'member.hint.rightsShare',
  womenCount: 'member.hint.amongPeople',
  youthCount: 'member.hint.amongPeople',
};

/** A member's value as the form shows it. */
function shown(member: Member | null, name: MemberField): string {
  const value = member?.[name];
  if (value === null || value === undefined) return '';
  return String(value);
}

export class MemberFormPage extends LitElement {
  static override properties = {
    memberId: { type: Number },
    user: { attribute: false },
    member: { state: true },
    reference: { state: true },
    phase: { state: true },
    busy: { state: true },
    errors: { state: true },
    formError: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      form {
        gap: 1.25rem;
      }
      .sticky-actions {
        position: sticky;
        inset-block-end: 0;
        background: var(--gie-bg);
        padding-block: 0.75rem;
        border-block-start: 1px solid var(--gie-border);
      }
    `,
  ];

  /** 0 for a new member. */
  declare memberId: number;
  declare user: User | null;
  declare member: Member | null;
  declare reference: Reference | null;
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare busy: boolean;
  declare errors: FieldErrors<MemberField>;
  declare formError: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.memberId = 0;
    this.user = null;
    this.member = null;
    this.reference = null;
    this.phase = 'loading';
    this.busy = false;
    this.errors = {};
    this.formError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('memberId') && changed.get('memberId') !== undefined) void this.load();
  }

  private async load(): Promise<void> {
    this.phase = 'loading';
    this.formError = null;
    try {
      const [reference, member] = await Promise.all([
        loadReference(),
        this.memberId > 0 ? call(api.members[':id'].$get({ param: { id: String(this.memberId) } })) : Promise.resolve(null),
      ]);
      this.reference = reference;
      this.member = member;
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
    const editing = this.memberId > 0;
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`<section data-testid="member-not-found">
        <h1>${t('member.notFound.title')}</h1>
        <p class="alert">${t('member.notFound.body')}</p>
        <p><a href="/members">${t('members.backToList')}</a></p>
      </section>`;
    }
    if (this.phase === 'failed') {
      return html`<div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const back = editing ? `/members/${this.memberId}` : '/members';
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/members">${t('members.title')}</a></li>
          ${
            editing && this.member
              ? html`<li><a href=${back}><bdi>${this.member.code ?? this.member.legalName}</bdi></a></li>`
              : nothing
          }
          <li><span aria-current="page">${t(editing ? 'nav.memberEdit' : 'nav.memberNew')}</span></li>
        </ol>
      </nav>
      <h1>${editing && this.member ? t('member.form.editTitle', { name: this.member.legalName }) : t('member.form.newTitle')}</h1>
      <p class="lead">${t(editing ? 'member.form.editIntro' : 'member.form.newIntro')}</p>
      <div role="alert" data-testid="member-form-alert">
        ${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}
      </div>
      <form novalidate @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'} data-testid="member-form">
        <p class="hint">${t('form.requiredLegend')}</p>
        ${MEMBER_GROUPS.map(
          (group) => html`<fieldset class="card">
            <legend>${t(group.titleKey)}</legend>
            <div class="grid">${group.fields.map((field) => this.renderField(field))}</div>
          </fieldset>`,
        )}
        <div class="actions sticky-actions">
          <button type="submit" data-testid="member-submit" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
            ${t(this.busy ? 'form.saving' : editing ? 'member.form.save' : 'member.form.create')}
          </button>
          <a class="button secondary" href=${back}>${t('form.cancel')}</a>
        </div>
      </form>`;
  }

  private renderField(field: FieldDef) {
    const { t } = this.i18n;
    const name = field.name;
    const id = `member-${name}`;
    const label = t(`member.field.${name}`);
    const error = this.errors[name];
    const value = shown(this.member, name);
    const hintKey = HINTS[name];
    const hint = hintKey ? t(hintKey) : undefined;
    const testid = `member-field-${name}`;
    const common = { id, name, label, error, testid, ...(hint ? { hint } : {}) };
    const choose = (options: Array<{ value: string; label: string }>, current: string, empty: boolean) =>
      selectField({
        ...common,
        value: current,
        options: empty ? [{ value: '', label: t('form.none') }, ...options] : options,
      });
    let control: ReturnType<typeof inputField>;
    switch (field.input) {
      case 'kind':
        control = choose(
          MEMBER_KINDS.map((k) => ({ value: k, label: t(`member.kind.${k}`) })),
          value || 'cooperative',
          false,
        );
        break;
      case 'legalForm':
        control = choose(
          LEGAL_FORMS.map((f) => ({ value: f, label: t(`member.legalForm.${f}`) })),
          value || 'cooperative',
          false,
        );
        break;
      case 'province':
        control = choose(this.reference ? optionsOf(this.reference.provinces) : [], value, true);
        break;
      case 'sector':
        control = choose(this.reference ? optionsOf(this.reference.sectors) : [], value, true);
        break;
      case 'area':
        control = choose(
          AREAS.map((a) => ({ value: a, label: t(`member.area.${a}`) })),
          value,
          true,
        );
        break;
      case 'textarea':
        control = textareaField({ ...common, value, rows: 3, ...(field.maxlength ? { maxlength: field.maxlength } : {}) });
        break;
      case 'count':
        control = inputField({ ...common, value, type: 'number', min: '0', step: '1', inputmode: 'numeric', dir: 'ltr' });
        break;
      case 'date':
        control = inputField({ ...common, value, type: 'date', max: todayIso(), dir: 'ltr' });
        break;
      case 'amount':
      case 'percent':
      case 'decimal':
        control = inputField({ ...common, value, inputmode: 'decimal', dir: 'ltr', autocomplete: 'off' });
        break;
      case 'email':
        control = inputField({ ...common, value, type: 'email', autocomplete: 'off', maxlength: field.maxlength ?? 254 });
        break;
      case 'tel':
        control = inputField({ ...common, value, type: 'tel', dir: 'ltr', autocomplete: 'off' });
        break;
      case 'identifier':
        control = inputField({
          ...common,
          value,
          dir: 'ltr',
          autocomplete: 'off',
          ...(field.maxlength ? { maxlength: field.maxlength } : {}),
        });
        break;
      default:
        control = inputField({
          ...common,
          value,
          required: field.required ?? false,
          autocomplete: 'off',
          ...(field.maxlength ? { maxlength: field.maxlength } : {}),
        });
    }
    return field.wide ? html`<div class="wide">${control}</div>` : control;
  }

  /** What the form holds, field by field, as the API reads it; `unreadable` lists numbers the browser could not read. */
  private collect(form: HTMLFormElement): { values: Record<MemberField, Value>; unreadable: MemberField[] } {
    const data = new FormData(form);
    const values = {} as Record<MemberField, Value>;
    const unreadable: MemberField[] = [];
    for (const group of MEMBER_GROUPS) {
      for (const field of group.fields) {
        const name = field.name;
        switch (field.input) {
          case 'count': {
            const input = form.querySelector<HTMLInputElement>(`#member-${name}`);
            if (input?.validity.badInput) unreadable.push(name);
            const text = textValue(data, name);
            values[name] = text === null ? null : Number(text);
            break;
          }
          case 'amount':
          case 'percent':
          case 'decimal':
            values[name] = decimalValue(data, name);
            break;
          default:
            values[name] = textValue(data, name);
        }
      }
    }
    return { values, unreadable };
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const { values, unreadable } = this.collect(event.target as HTMLFormElement);
    // only what the API cannot tell better: an empty name, a number the browser could not read
    const errors: FieldErrors<MemberField> = {};
    if (!values.legalName) errors.legalName = { key: 'form.required' };
    for (const name of unreadable) errors[name] = { key: 'member.error.count' };
    if (Object.keys(errors).length > 0) return this.refuse(errors, []);

    const body: Record<string, Value> = {};
    const member = this.member;
    for (const name of MEMBER_FIELDS) {
      const value = values[name];
      if (!member) {
        if (value !== null) body[name] = value;
        continue;
      }
      const before = member[name] ?? null;
      const same = typeof value === 'number' ? value === before : (value ?? null) === (before === null ? null : String(before));
      // rightsShare, kind and legal form cannot be emptied, only changed
      if (!same && !(value === null && ['rightsShare', 'kind', 'legalForm'].includes(name))) body[name] = value;
    }

    this.busy = true;
    this.errors = {};
    this.formError = null;
    try {
      if (!member) {
        const created = await call(api.members.$post({ json: body as Parameters<typeof api.members.$post>[0]['json'] }));
        flashMemberSaved(created.id, { key: 'member.created', params: { name: created.legalName } });
        navigate(`/members/${created.id}`);
        return;
      }
      if (Object.keys(body).length > 0) {
        await call(
          api.members[':id'].$patch({
            param: { id: String(member.id) },
            json: body as Parameters<(typeof api.members)[':id']['$patch']>[0]['json'],
          }),
        );
        flashMemberSaved(member.id, { key: 'member.saved' });
      } else {
        flashMemberSaved(member.id, { key: 'member.unchanged' });
      }
      navigate(`/members/${member.id}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = fieldErrorsFrom(error, MEMBER_FIELDS, {
          messages: MEMBER_FIELD_MESSAGES,
          conflicts: MEMBER_FIELD_CONFLICTS,
        });
        return this.refuse(fields, other);
      }
      this.formError = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async refuse(errors: FieldErrors<MemberField>, other: Text[]): Promise<void> {
    this.errors = errors;
    this.formError = refusalSummary(Object.keys(errors).length, other);
    await focusFirstInvalid(this);
  }
}

customElements.define('gie-member-form-page', MemberFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-member-form-page': MemberFormPage;
  }
}
