// A member's fields as the screens group them (identity, location, activity, bank, contacts), with how each is
// entered and shown. The member page and the member form both read this table, so they never disagree.
import type { Member, MemberStatus, NewMember } from '../api/types.ts';
import type { MessageKey } from '../i18n/localize.ts';

export type MemberField = keyof NewMember & keyof Member;

export type FieldInput =
  | 'text'
  | 'identifier'
  | 'kind'
  | 'legalForm'
  | 'province'
  | 'sector'
  | 'area'
  | 'count'
  | 'date'
  | 'amount'
  | 'percent'
  | 'decimal'
  | 'email'
  | 'tel'
  | 'textarea';

export interface FieldDef {
  name: MemberField;
  input: FieldInput;
  required?: boolean;
  /** Takes the whole row of the grid. */
  wide?: boolean;
  maxlength?: number;
}

export interface FieldGroup {
  id: 'identity' | 'location' | 'activity' | 'bank' | 'contacts';
  titleKey: MessageKey;
  fields: readonly FieldDef[];
}

export const MEMBER_GROUPS: readonly FieldGroup[] = [
  {
    id: 'identity',
    titleKey: 'member.group.identity',
    fields: [
      { name: 'legalName', input: 'text', required: true, wide: true, maxlength: 200 },
      { name: 'tradeName', input: 'text', maxlength: 200 },
      { name: 'kind', input: 'kind' },
      { name: 'legalForm', input: 'legalForm' },
      { name: 'foundedOn', input: 'date' },
      { name: 'registrationNumber', input: 'identifier', maxlength: 30 },
      { name: 'registrationPlace', input: 'text', maxlength: 100 },
      { name: 'ice', input: 'identifier', maxlength: 20 },
      { name: 'ifNumber', input: 'identifier', maxlength: 12 },
      { name: 'tpNumber', input: 'identifier', maxlength: 12 },
      { name: 'cnssNumber', input: 'identifier', maxlength: 12 },
    ],
  },
  {
    id: 'location',
    titleKey: 'member.group.location',
    fields: [
      { name: 'address', input: 'text', wide: true, maxlength: 300 },
      { name: 'commune', input: 'text', maxlength: 100 },
      { name: 'province', input: 'province' },
      { name: 'area', input: 'area' },
    ],
  },
  {
    id: 'activity',
    titleKey: 'member.group.activity',
    fields: [
      { name: 'sector', input: 'sector' },
      { name: 'activities', input: 'textarea', wide: true, maxlength: 1000 },
      { name: 'peopleCount', input: 'count' },
      { name: 'womenCount', input: 'count' },
      { name: 'youthCount', input: 'count' },
      { name: 'jobsCount', input: 'count' },
    ],
  },
  {
    id: 'bank',
    titleKey: 'member.group.bank',
    fields: [
      { name: 'bankName', input: 'text', maxlength: 100 },
      { name: 'rib', input: 'identifier', maxlength: 30 },
      { name: 'capital', input: 'amount' },
      { name: 'contributionRate', input: 'percent' },
      { name: 'rightsShare', input: 'decimal' },
    ],
  },
  {
    id: 'contacts',
    titleKey: 'member.group.contacts',
    fields: [
      { name: 'contactName', input: 'text', maxlength: 120 },
      { name: 'contactPhone', input: 'tel', maxlength: 40 },
      { name: 'contactEmail', input: 'email', maxlength: 254 },
    ],
  },
];

export const MEMBER_FIELDS: readonly MemberField[] = MEMBER_GROUPS.flatMap((group) => group.fields.map((f) => f.name));

/** The translated explanation of a refused field; the API's words follow it as detail. */
export const MEMBER_FIELD_MESSAGES: Partial<Record<MemberField, MessageKey>> = {
  legalName: 'member.error.legalName',
  ice: 'member.error.ice',
  ifNumber: 'member.error.ifNumber',
  tpNumber: 'member.error.tpNumber',
  cnssNumber: 'member.error.cnssNumber',
  rib: 'member.error.rib',
  registrationNumber: 'member.error.registrationNumber',
  foundedOn: 'member.error.foundedOn',
  capital: 'member.error.capital',
  contributionRate: 'member.error.contributionRate',
  rightsShare: 'member.error.rightsShare',
  contactEmail: 'member.error.contactEmail',
  peopleCount: 'member.error.peopleCount',
  womenCount: 'member.error.womenCount',
  youthCount: 'member.error.youthCount',
  jobsCount: 'member.error.count',
  legalForm: 'member.error.legalForm',
};

export const MEMBER_FIELD_CONFLICTS: Partial<Record<MemberField, MessageKey>> = {
  ice: 'member.error.iceTaken',
};

/** The steps the lifecycle offers from each status (the API's TRANSITIONS), in the order the buttons show them. */
export const NEXT_STATUSES: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
  candidate: ['admitted', 'withdrawn'],
  admitted: ['active', 'withdrawn'],
  active: ['suspended', 'withdrawn'],
  suspended: ['active', 'withdrawn'],
  withdrawn: [],
};

/** Steps the API refuses without a reason. */
export const REASON_REQUIRED: ReadonlySet<MemberStatus> = new Set(['suspended', 'withdrawn']);

/** The verb of a step: "Admettre", "Activer", "Réactiver" (active again after a suspension), "Suspendre", "Retirer". */
export function actionKey(from: MemberStatus, to: MemberStatus): MessageKey {
  if (to === 'active' && from === 'suspended') return 'member.action.reactivate';
  return `member.action.${to as Exclude<MemberStatus, 'candidate'>}`;
}
