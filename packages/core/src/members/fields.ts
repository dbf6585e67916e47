// What a member is made of, and the checks on each field: identifiers, people counts, rates, dates.
// Shared by the API, the CSV import and the registry functions, so a rule is written once.

import type { FieldError } from '../errors.ts';
import { parseCnssNumber, parseIce, parseIdentifiantFiscal, parseRib, parseTpNumber } from '../identifiers/index.ts';
import { Dec } from '../money/index.ts';

export const MEMBER_KINDS = ['cooperative', 'ess_organisation', 'entrepreneur'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export const LEGAL_FORMS = [
  'cooperative',
  'union_of_cooperatives',
  'association',
  'auto_entrepreneur',
  'individual_enterprise',
  'sarl',
  'sarlau',
  'other',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const AREAS = ['rural', 'urban'] as const;
export type Area = (typeof AREAS)[number];

/** The editable identity of a member (everything but status, code and logo). */
export interface MemberFields {
  legalName: string;
  tradeName: string | null;
  kind: MemberKind;
  legalForm: LegalForm;
  registrationNumber: string | null;
  registrationPlace: string | null;
  ice: string | null;
  ifNumber: string | null;
  tpNumber: string | null;
  cnssNumber: string | null;
  address: string | null;
  province: string | null;
  commune: string | null;
  area: Area | null;
  sector: string | null;
  activities: string | null;
  foundedOn: string | null;
  peopleCount: number | null;
  womenCount: number | null;
  youthCount: number | null;
  jobsCount: number | null;
  capital: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  bankName: string | null;
  rib: string | null;
  /** Percent of the pre-tax invoiced amount kept by the GIE; null means the GIE's default. */
  contributionRate: string | null;
  /** Weight of the member in the year-end result allocation. */
  rightsShare: string;
}

export const EMPTY_MEMBER_FIELDS: Omit<MemberFields, 'legalName'> = {
  tradeName: null,
  kind: 'cooperative',
  legalForm: 'cooperative',
  registrationNumber: null,
  registrationPlace: null,
  ice: null,
  ifNumber: null,
  tpNumber: null,
  cnssNumber: null,
  address: null,
  province: null,
  commune: null,
  area: null,
  sector: null,
  activities: null,
  foundedOn: null,
  peopleCount: null,
  womenCount: null,
  youthCount: null,
  jobsCount: null,
  capital: null,
  contactName: null,
  contactPhone: null,
  contactEmail: null,
  bankName: null,
  rib: null,
  contributionRate: null,
  rightsShare: '0',
};

const DECIMAL = /^\d{1,13}(\.\d{1,4})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REGISTRATION = /^[A-Za-z0-9/ .-]{1,30}$/;

/** Reference lists the database holds (provinces, sectors), for checking codes without a foreign-key error. */
export interface MemberReference {
  provinces: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
}

/**
 * Every problem with a member's fields, each naming its field; normalises identifiers (spaces dropped) in place.
 * Returns an empty list when the fields are acceptable.
 */
export function checkMemberFields(fields: MemberFields, reference: MemberReference, today = new Date()): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: keyof MemberFields, message: string) => errors.push({ path, message });
  const identifier = (path: 'ice' | 'ifNumber' | 'tpNumber' | 'cnssNumber' | 'rib', parse: (v: string, f: string) => string) => {
    const value = fields[path];
    if (value === null) return;
    try {
      fields[path] = parse(value, path);
    } catch (error) {
      fail(path, (error as Error).message.replace(/^\w+: /, ''));
    }
  };

  if (!fields.legalName.trim()) fail('legalName', 'required');
  if (fields.legalName.length > 200) fail('legalName', 'at most 200 characters');
  identifier('ice', parseIce);
  identifier('ifNumber', parseIdentifiantFiscal);
  identifier('tpNumber', parseTpNumber);
  identifier('cnssNumber', parseCnssNumber);
  identifier('rib', parseRib);
  if (fields.registrationNumber !== null && !REGISTRATION.test(fields.registrationNumber)) {
    fail('registrationNumber', `expected up to 30 letters, digits, spaces or / . -, received "${fields.registrationNumber}"`);
  }
  if (fields.province !== null && !reference.provinces.has(fields.province)) {
    fail('province', `expected one of ${[...reference.provinces].join(', ')}, received "${fields.province}"`);
  }
  if (fields.sector !== null && !reference.sectors.has(fields.sector)) {
    fail('sector', `expected one of ${[...reference.sectors].join(', ')}, received "${fields.sector}"`);
  }
  for (const count of ['peopleCount', 'womenCount', 'youthCount', 'jobsCount'] as const) {
    const value = fields[count];
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 1_000_000)) {
      fail(count, `expected a whole number from 0 to 1000000, received ${value}`);
    }
  }
  if (fields.peopleCount !== null) {
    if (fields.womenCount !== null && fields.womenCount > fields.peopleCount) {
      fail('womenCount', `cannot exceed the members count (${fields.peopleCount})`);
    }
    if (fields.youthCount !== null && fields.youthCount > fields.peopleCount) {
      fail('youthCount', `cannot exceed the members count (${fields.peopleCount})`);
    }
  } else if (fields.womenCount !== null || fields.youthCount !== null) {
    fail('peopleCount', 'required when women or youth counts are given');
  }
  if (fields.foundedOn !== null) {
    const date = new Date(`${fields.foundedOn}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.foundedOn) || Number.isNaN(date.getTime())) {
      fail('foundedOn', `expected a date YYYY-MM-DD, received "${fields.foundedOn}"`);
    } else if (date > today) {
      fail('foundedOn', 'cannot be in the future');
    }
  }
  if (fields.capital !== null) {
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(fields.capital))
      fail('capital', `expected an amount such as "15000.00", received "${fields.capital}"`);
  }
  if (fields.contributionRate !== null) {
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(fields.contributionRate) || new Dec(fields.contributionRate).gt(100)) {
      fail(
        'contributionRate',
        `expected a percentage from 0 to 100 with at most 2 decimals, received "${fields.contributionRate}"`,
      );
    }
  }
  if (!DECIMAL.test(fields.rightsShare)) {
    fail('rightsShare', `expected a non-negative number with at most 4 decimals, received "${fields.rightsShare}"`);
  }
  if (fields.contactEmail !== null && !EMAIL.test(fields.contactEmail)) {
    fail('contactEmail', `expected an e-mail address, received "${fields.contactEmail}"`);
  }
  if (fields.kind === 'entrepreneur' && !['auto_entrepreneur', 'individual_enterprise'].includes(fields.legalForm)) {
    fail('legalForm', 'an individual entrepreneur is an auto_entrepreneur or an individual_enterprise');
  }
  return errors;
}
