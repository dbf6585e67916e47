// The form of a customer or supplier, to create one (/parties/new) or change one (/parties/:id/edit). The API
// holds the rules (ICE of Moroccan companies, law 69-21 payment terms); its refusals land on their fields. Past
// 60 payment days the form asks for the written agreement the law requires.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import { type NewParty, PARTY_KINDS, type Party, type PartyKind, type User } from '../api/types.ts';
import { setFlash } from '../app/flash.ts';
import {
  checkboxField,
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstInvalid,
  type InputFieldOptions,
  inputField,
  problemText,
  refusalSummary,
  selectField,
  type Text,
  textareaField,
  textOf,
  textValue,
} from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController, type MessageKey } from '../i18n/localize.ts';

const FIELDS = [
  'kind',
  'name',
  'isCustomer',
  'isSupplier',
  'ice',
  'ifNumber',
  'rcNumber',
  'country',
  'address',
  'city',
  'postalCode',
  'email',
  'phone',
  'paymentDays',
  'paymentTermsAgreement',
  'vatExemptionBasis',
  'notes',
  'active',
] as const satisfies ReadonlyArray<keyof NewParty>;
type PartyField = (typeof FIELDS)[number];

const MESSAGES: Partial<Record<PartyField, MessageKey>> = {
  name: 'party.error.name',
  ice: 'party.error.ice',
  ifNumber: 'member.error.ifNumber',
  rcNumber: 'party.error.rcNumber',
  country: 'party.error.country',
  email: 'party.error.email',
  phone: 'party.error.phone',
  paymentDays: 'party.error.paymentDays',
  paymentTermsAgreement: 'party.error.paymentTermsAgreement',
  isCustomer: 'party.error.roles',
  isSupplier: 'party.error.supplier',
};

/** Law 69-21: beyond this many days a written agreement is needed (the API checks; the form asks for it). */
const FREE_PAYMENT_DAYS = 60;

export class PartyFormPage extends LitElement {
  static override properties = {
    partyId: { type: Number },
    user: { attribute: false },
    party: { state: true },
    phase: { state: true },
    kind: { state: true },
    paymentDays: { state: true },
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
      .roles {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
      }
    `,
  ];

  /** 0 for a new party. */
  declare partyId: number;
  declare user: User | null;
  declare party: Party | null;
  declare phase: 'loading' | 'ready' | 'not-found' | 'failed';
  declare kind: PartyKind;
  /** As typed, to show the agreement field past 60 days. */
  declare paymentDays: string;
  declare busy: boolean;
  declare errors: FieldErrors<PartyField>;
  declare formError: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.partyId = 0;
    this.user = null;
    this.party = null;
    this.phase = 'loading';
    this.kind = 'company';
    this.paymentDays = '';
    this.busy = false;
    this.errors = {};
    this.formError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override updated(changed: Map<string, unknown>): void {
    // from one party's form to another's, the element stays: load the new one
    if (changed.has('partyId') && changed.get('partyId') !== undefined) void this.load();
  }

  private get customersOnly(): boolean {
    return this.user?.role === 'entrepreneur';
  }

  private async load(): Promise<void> {
    this.formError = null;
    if (this.partyId === 0) {
      this.phase = 'ready';
      return;
    }
    this.phase = 'loading';
    try {
      const party = await call(api.parties[':id'].$get({ param: { id: String(this.partyId) } }));
      this.party = party;
      this.kind = party.kind;
      this.paymentDays = String(party.paymentDays);
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
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('party.loading')}</p>`;
    }
    if (this.phase === 'not-found') {
      return html`<section data-testid="party-not-found">
        <h1>${t('party.notFound.title')}</h1>
        <p class="alert">${t('party.notFound.body')}</p>
        <p><a href="/parties">${t('parties.backToList')}</a></p>
      </section>`;
    }
    if (this.phase === 'failed') {
      return html`<div role="alert">${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const p = this.party;
    const editing = p !== null;
    const back = editing ? `/parties/${p.id}` : '/parties';
    const days = Number(this.paymentDays);
    const needsAgreement = this.paymentDays !== '' && Number.isFinite(days) && days > FREE_PAYMENT_DAYS;
    const field = (
      name: Exclude<PartyField, 'kind' | 'isCustomer' | 'isSupplier' | 'active'>,
      extra: Partial<InputFieldOptions> = {},
    ) =>
      inputField({
        id: `party-${name}`,
        name,
        label: t(`party.field.${name}`),
        error: this.errors[name],
        testid: `party-field-${name}`,
        value: p?.[name] === null || p?.[name] === undefined ? '' : String(p[name]),
        autocomplete: 'off',
        ...extra,
      });
    return html`<nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/parties">${t('parties.title')}</a></li>
          ${editing ? html`<li><a href=${back}><bdi>${p.name}</bdi></a></li>` : nothing}
          <li><span aria-current="page">${t(editing ? 'nav.partyEdit' : 'nav.partyNew')}</span></li>
        </ol>
      </nav>
      <h1>${editing ? t('party.form.editTitle', { name: p.name }) : t('party.form.newTitle')}</h1>
      <div role="alert" data-testid="party-form-alert">
        ${this.formError ? html`<p class="alert">${textOf(this.formError)}</p>` : nothing}
      </div>
      <form novalidate @submit=${this.submit} aria-busy=${this.busy ? 'true' : 'false'} data-testid="party-form">
        <p class="hint">${t('form.requiredLegend')}</p>
        <fieldset class="card">
          <legend>${t('party.group.identity')}</legend>
          <div class="grid">
            ${selectField({
              id: 'party-kind',
              name: 'kind',
              label: t('party.field.kind'),
              value: this.kind,
              options: PARTY_KINDS.map((k) => ({ value: k, label: t(`party.kind.${k}`) })),
              error: this.errors.kind,
              testid: 'party-field-kind',
              onChange: (value) => {
                this.kind = value as PartyKind;
              },
            })}
            ${field('name', { required: true, maxlength: 200 })}
            ${
              this.customersOnly
                ? nothing
                : html`<div class="wide" role="group" aria-labelledby="party-roles-label">
                  <p id="party-roles-label" class="label"><strong>${t('parties.role')}</strong></p>
                  <div class="roles">
                    ${checkboxField({
                      id: 'party-isCustomer',
                      name: 'isCustomer',
                      label: t('party.customer'),
                      checked: p ? p.isCustomer : true,
                      error: this.errors.isCustomer,
                      testid: 'party-field-isCustomer',
                    })}
                    ${checkboxField({
                      id: 'party-isSupplier',
                      name: 'isSupplier',
                      label: t('party.supplier'),
                      checked: p ? p.isSupplier : false,
                      error: this.errors.isSupplier,
                      testid: 'party-field-isSupplier',
                    })}
                  </div>
                </div>`
            }
            ${field('ice', {
              dir: 'ltr',
              maxlength: 20,
              hint: t(this.kind === 'company' ? 'party.hint.iceCompany' : 'party.hint.iceIndividual'),
            })}
            ${field('ifNumber', { dir: 'ltr', maxlength: 12, hint: t('member.hint.ifNumber') })}
            ${field('rcNumber', { dir: 'ltr', maxlength: 40 })}
            ${field('country', { dir: 'ltr', maxlength: 2, value: p?.country ?? 'MA', hint: t('party.hint.country') })}
          </div>
        </fieldset>
        <fieldset class="card">
          <legend>${t('party.group.contact')}</legend>
          <div class="grid">
            <div class="wide">${field('address', { maxlength: 300 })}</div>
            ${field('postalCode', { dir: 'ltr', maxlength: 20 })} ${field('city', { maxlength: 100 })}
            ${field('email', { type: 'email', maxlength: 254 })} ${field('phone', { type: 'tel', dir: 'ltr', maxlength: 25 })}
          </div>
        </fieldset>
        <fieldset class="card">
          <legend>${t('party.group.terms')}</legend>
          <div class="grid">
            <div @input=${(e: Event) => {
              this.paymentDays = (e.target as HTMLInputElement).value;
            }}>
              ${field('paymentDays', {
                type: 'number',
                min: '0',
                step: '1',
                dir: 'ltr',
                inputmode: 'numeric',
                hint: t(editing ? 'party.hint.paymentDays' : 'party.hint.paymentDaysDefault'),
              })}
            </div>
            ${
              needsAgreement
                ? field('paymentTermsAgreement', { required: true, maxlength: 200, hint: t('party.hint.agreement') })
                : nothing
            }
            ${field('vatExemptionBasis', { maxlength: 200, hint: t('party.hint.vatExemption') })}
            <div class="wide">
              ${textareaField({
                id: 'party-notes',
                name: 'notes',
                label: t('party.field.notes'),
                value: p?.notes ?? '',
                maxlength: 2000,
                error: this.errors.notes,
                testid: 'party-field-notes',
              })}
            </div>
            ${
              editing
                ? html`<div class="wide">
                  ${checkboxField({
                    id: 'party-active',
                    name: 'active',
                    label: t('party.field.active'),
                    checked: p.active,
                    hint: t('party.hint.active'),
                    error: this.errors.active,
                  })}
                </div>`
                : nothing
            }
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" data-testid="party-submit" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${this.busy}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
            ${t(this.busy ? 'form.saving' : editing ? 'party.form.save' : 'party.form.create')}
          </button>
          <a class="button secondary" href=${back}>${t('form.cancel')}</a>
        </div>
      </form>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const errors: FieldErrors<PartyField> = {};
    const name = textValue(data, 'name');
    if (!name) errors.name = { key: 'form.required' };
    const daysInput = form.querySelector<HTMLInputElement>('#party-paymentDays');
    const daysText = textValue(data, 'paymentDays');
    if (daysInput?.validity.badInput) errors.paymentDays = { key: 'member.error.count' };
    if (Object.keys(errors).length > 0) return this.refuse(errors, []);

    const values: NewParty = {
      kind: this.kind,
      name: name ?? '',
      isCustomer: this.customersOnly ? true : data.get('isCustomer') !== null,
      isSupplier: this.customersOnly ? false : data.get('isSupplier') !== null,
      ice: textValue(data, 'ice'),
      ifNumber: textValue(data, 'ifNumber'),
      rcNumber: textValue(data, 'rcNumber'),
      country: (textValue(data, 'country') ?? 'MA').toUpperCase(),
      address: textValue(data, 'address'),
      city: textValue(data, 'city'),
      postalCode: textValue(data, 'postalCode'),
      email: textValue(data, 'email'),
      phone: textValue(data, 'phone'),
      paymentTermsAgreement: textValue(data, 'paymentTermsAgreement'),
      vatExemptionBasis: textValue(data, 'vatExemptionBasis'),
      notes: textValue(data, 'notes'),
      ...(daysText === null ? {} : { paymentDays: Number(daysText) }),
    };
    const party = this.party;
    this.busy = true;
    this.errors = {};
    this.formError = null;
    try {
      if (!party) {
        // empty fields are left out: the API's defaults apply (customer, MA, the GIE's payment days)
        const json = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as NewParty;
        const created = await call(api.parties.$post({ json }));
        setFlash(`/parties/${created.party.id}`, {
          notice: { key: 'party.created', params: { name: created.party.name } },
          data: created.possibleDuplicates,
        });
        navigate(`/parties/${created.party.id}`);
        return;
      }
      const changes: Record<string, unknown> = {};
      const next: Record<string, unknown> = { ...values, active: data.get('active') !== null };
      if (daysText === null) delete next.paymentDays;
      for (const [key, value] of Object.entries(next)) {
        if (value !== party[key as keyof Party]) changes[key] = value;
      }
      if (Object.keys(changes).length > 0) {
        await call(api.parties[':id'].$patch({ param: { id: String(party.id) }, json: changes }));
        setFlash(`/parties/${party.id}`, { notice: { key: 'party.saved' } });
      } else {
        setFlash(`/parties/${party.id}`, { notice: { key: 'member.unchanged' } });
      }
      navigate(`/parties/${party.id}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const { fields, other } = fieldErrorsFrom(error, FIELDS, {
          messages: MESSAGES,
          conflicts: { ice: 'party.error.iceTaken' },
        });
        return this.refuse(fields, other);
      }
      this.formError = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async refuse(errors: FieldErrors<PartyField>, other: Text[]): Promise<void> {
    this.errors = errors;
    this.formError = refusalSummary(Object.keys(errors).length, other);
    await focusFirstInvalid(this);
  }
}

customElements.define('gie-party-form-page', PartyFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-party-form-page': PartyFormPage;
  }
}
