// The fields of an application as both the staff form and the public form ask them: the candidate cooperative's
// identity (the member registry's own fields and texts, since a candidate member is created or reused from them),
// its project and its needs in pooled services. Reading the form gives the API's body; errors come back by path
// (`candidate.ice`, `project`, `needs.1`).
import { html, nothing, type TemplateResult } from 'lit';
import { checkboxField, inputField, selectField, type Text, textareaField } from '../app/forms.ts';
import { type MessageKey, t } from '../i18n/localize.ts';
import type { ApplicationInput } from './selection-types.ts';
import { NEEDS, type Need, needLabel } from './selection-ui.ts';

type CandidateField =
  | 'legalName'
  | 'tradeName'
  | 'legalForm'
  | 'foundedOn'
  | 'registrationNumber'
  | 'ice'
  | 'address'
  | 'commune'
  | 'activities'
  | 'peopleCount'
  | 'womenCount'
  | 'youthCount'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail';

interface Def {
  name: CandidateField;
  type?: 'text' | 'date' | 'number' | 'email' | 'tel';
  required?: boolean;
  ltr?: boolean;
  max?: number;
  hint?: MessageKey;
}

const IDENTITY: readonly Def[] = [
  { name: 'legalName', required: true, max: 200 },
  { name: 'tradeName', max: 200 },
  { name: 'foundedOn', type: 'date' },
  { name: 'registrationNumber', ltr: true, max: 30 },
  { name: 'ice', ltr: true, max: 20, hint: 'member.hint.ice' },
  { name: 'address', max: 300 },
  { name: 'commune', max: 100 },
];
const ACTIVITY: readonly Def[] = [
  { name: 'peopleCount', type: 'number' },
  { name: 'womenCount', type: 'number', hint: 'member.hint.amongPeople' },
  { name: 'youthCount', type: 'number', hint: 'member.hint.amongPeople' },
];
const CONTACT: readonly Def[] = [
  { name: 'contactName', max: 120 },
  { name: 'contactPhone', type: 'tel', ltr: true, max: 40 },
  { name: 'contactEmail', type: 'email', max: 254 },
];
const COUNTS = new Set<CandidateField>(['peopleCount', 'womenCount', 'youthCount']);
const ALL = [...IDENTITY, ...ACTIVITY, ...CONTACT, { name: 'activities' } as Def];

/** What the API reads as a candidate: empty fields left out, counts as whole numbers, the legal form given. */
export function candidateFrom(data: FormData): NonNullable<ApplicationInput['candidate']> {
  const candidate: Record<string, string | number | null> = {};
  for (const def of [...ALL, { name: 'legalForm' } as Def]) {
    const value = String(data.get(`candidate.${def.name}`) ?? '').trim();
    if (value === '') continue;
    candidate[def.name] = COUNTS.has(def.name) ? Number(value) : def.name === 'ice' ? value.replace(/\s+/g, '') : value;
  }
  // the form's own fields only, each read as the API's schema types it (counts as numbers, the rest as text)
  return { ...candidate, kind: 'cooperative', legalName: String(candidate.legalName ?? '') } as NonNullable<
    ApplicationInput['candidate']
  >;
}

export function needsFrom(data: FormData): Need[] {
  return NEEDS.filter((need) => data.get(`need.${need}`) === 'on');
}

function field(def: Def, errors: Record<string, Text>, contactRequired: boolean): TemplateResult {
  const path = `candidate.${def.name}`;
  return inputField({
    id: `candidate-${def.name}`,
    name: path,
    label: t(`member.field.${def.name}` as MessageKey),
    type: def.type ?? 'text',
    required: def.required || (contactRequired && def.name === 'contactEmail'),
    maxlength: def.max,
    min: def.type === 'number' ? '0' : undefined,
    dir: def.ltr ? 'ltr' : undefined,
    hint: def.hint ? t(def.hint) : undefined,
    error: errors[path],
    testid: `candidate-${def.name}`,
  });
}

/**
 * The candidate's identity, project and needs. `contactRequired`: the public form needs an e-mail to answer
 * the candidate.
 */
export function applicationFields(errors: Record<string, Text>, { contactRequired = false } = {}): TemplateResult {
  return html`<fieldset>
      <legend>${t('sel.candidate.identity')}</legend>
      <div class="grid-2">${IDENTITY.map((def) => field(def, errors, contactRequired))}</div>
      ${selectField({
        id: 'candidate-legalForm',
        name: 'candidate.legalForm',
        label: t('member.field.legalForm'),
        value: 'cooperative',
        error: errors['candidate.legalForm'],
        options: [
          { value: 'cooperative', label: t('member.legalForm.cooperative') },
          { value: 'union_of_cooperatives', label: t('member.legalForm.union_of_cooperatives') },
          { value: 'association', label: t('member.legalForm.association') },
          { value: 'other', label: t('member.legalForm.other') },
        ],
      })}
    </fieldset>
    <fieldset>
      <legend>${t('sel.candidate.activityGroup')}</legend>
      ${textareaField({
        id: 'candidate-activities',
        name: 'candidate.activities',
        label: t('member.field.activities'),
        maxlength: 1000,
        error: errors['candidate.activities'],
        testid: 'candidate-activities',
      })}
      <div class="grid-2">${ACTIVITY.map((def) => field(def, errors, contactRequired))}</div>
    </fieldset>
    <fieldset>
      <legend>${t('sel.candidate.contact')}</legend>
      <div class="grid-2">${CONTACT.map((def) => field(def, errors, contactRequired))}</div>
    </fieldset>
    <fieldset>
      <legend>${t('sel.application.projectAndNeeds')}</legend>
      ${textareaField({
        id: 'application-project',
        name: 'project',
        label: t('sel.application.project'),
        required: true,
        rows: 6,
        maxlength: 10000,
        hint: t('sel.application.projectHint'),
        error: errors.project,
        testid: 'application-project',
      })}
      <fieldset data-testid="application-needs">
        <legend>${t('sel.application.needs')}</legend>
        ${NEEDS.map((need) => checkboxField({ id: `need-${need}`, name: `need.${need}`, label: needLabel(need), checked: false, testid: `need-${need}` }))}
        ${errors.needs ? html`<p class="field-error">${errors.needs && 'raw' in errors.needs ? errors.needs.raw : ''}</p>` : nothing}
      </fieldset>
      ${textareaField({
        id: 'application-needsNote',
        name: 'needsNote',
        label: t('sel.application.needsNote'),
        maxlength: 2000,
        error: errors.needsNote,
        testid: 'application-needsNote',
      })}
    </fieldset>`;
}

/** The API's field errors by path, as the fields above name them (`needs.2` is said once on `needs`). */
export function errorsByPath(errors: ReadonlyArray<{ path: string; message: string }>): Record<string, Text> {
  const found: Record<string, Text> = {};
  for (const e of errors) {
    const path = e.path.startsWith('needs.') ? 'needs' : e.path;
    found[path] ??= { raw: e.message };
  }
  return found;
}
