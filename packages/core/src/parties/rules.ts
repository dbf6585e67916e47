// The rules a party's fields obey, whichever way they arrive (API, CSV import): identifiers, roles, country,
// and the payment terms of law 69-21. Pure: every problem is collected, named by field, nothing is thrown.
import type { FieldError } from '../errors.ts';
import { IdentifierError, parseIce, parseIdentifiantFiscal, parseRcNumber } from '../identifiers/index.ts';

export const PARTY_KINDS = ['company', 'individual'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Law 69-21: 60 days when nothing is agreed; the GIE may set a shorter default. */
export const LEGAL_PAYMENT_DAYS = 60;
/** Law 69-21: no agreement may go beyond 120 days. */
export const MAX_AGREED_PAYMENT_DAYS = 120;

export const HOME_COUNTRY = 'MA';

/** Everything a party holds that a person enters, as the core stores it (camelCase). */
export interface PartyFields {
  kind: PartyKind;
  isCustomer: boolean;
  isSupplier: boolean;
  name: string;
  ice: string | null;
  ifNumber: string | null;
  rcNumber: string | null;
  country: string;
  address: string | null;
  city: string | null;
  postalCode: string | null;
  email: string | null;
  phone: string | null;
  paymentDays: number;
  paymentTermsAgreement: string | null;
  vatExemptionBasis: string | null;
  notes: string | null;
  active: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{6,25}$/;

/** Maximum lengths of free texts: enough for any real value, short enough to keep junk out. */
const MAX_LENGTH: Partial<Record<keyof PartyFields, number>> = {
  name: 200,
  rcNumber: 40,
  address: 300,
  city: 100,
  postalCode: 20,
  email: 254,
  phone: 25,
  paymentTermsAgreement: 200,
  vatExemptionBasis: 200,
  notes: 2000,
};

const TEXT_FIELDS = [
  'ice',
  'ifNumber',
  'rcNumber',
  'address',
  'city',
  'postalCode',
  'email',
  'phone',
  'paymentTermsAgreement',
  'vatExemptionBasis',
  'notes',
] as const;

function identifier(
  parse: (input: unknown, field: string) => string,
  value: string,
  field: string,
  errors: FieldError[],
): string {
  try {
    return parse(value, field);
  } catch (error) {
    if (!(error instanceof IdentifierError)) throw error;
    errors.push({ path: field, message: error.message.replace(/^[\w.]+: /, '') });
    return value;
  }
}

/**
 * Normalises a party (trimmed texts, empty texts as null, country in capitals, identifiers without spaces) and
 * lists every rule it breaks. Callers store `value` only when `errors` is empty.
 */
export function checkParty(fields: PartyFields): { value: PartyFields; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: PartyFields = { ...fields, name: fields.name.trim(), country: fields.country.trim().toUpperCase() };
  for (const key of TEXT_FIELDS) {
    const text = value[key]?.trim();
    value[key] = text ? text : null;
  }

  if (!PARTY_KINDS.includes(value.kind)) {
    errors.push({ path: 'kind', message: `expected company or individual, received "${String(value.kind)}"` });
  }
  if (!value.name) errors.push({ path: 'name', message: 'expected a name, received an empty text' });
  for (const [key, max] of Object.entries(MAX_LENGTH) as Array<[keyof PartyFields, number]>) {
    const text = value[key];
    if (typeof text === 'string' && text.length > max) {
      errors.push({ path: key, message: `expected at most ${max} characters, received ${text.length}` });
    }
  }
  if (!value.isCustomer && !value.isSupplier) {
    errors.push({ path: 'isCustomer', message: 'a party must be a customer, a supplier, or both' });
  }
  if (!/^[A-Z]{2}$/.test(value.country)) {
    errors.push({
      path: 'country',
      message: `expected an ISO country code of 2 letters such as MA, received "${fields.country}"`,
    });
  }
  const moroccan = value.country === HOME_COUNTRY;

  if (value.ice !== null) value.ice = identifier(parseIce, value.ice, 'ice', errors);
  else if (value.kind === 'company' && moroccan) {
    errors.push({ path: 'ice', message: 'required for a Moroccan company (15 digits)' });
  }
  if (value.ifNumber !== null) value.ifNumber = identifier(parseIdentifiantFiscal, value.ifNumber, 'ifNumber', errors);
  // abroad, registration numbers take any form; at home, the RC is the court's number alone
  if (value.rcNumber !== null && moroccan) value.rcNumber = identifier(parseRcNumber, value.rcNumber, 'rcNumber', errors);
  if (value.email !== null) {
    value.email = value.email.toLowerCase();
    if (!EMAIL.test(value.email))
      errors.push({ path: 'email', message: `expected an e-mail address, received "${value.email}"` });
  }
  if (value.phone !== null && !PHONE.test(value.phone)) {
    errors.push({ path: 'phone', message: `expected a phone number (digits, spaces, + ( ) . -), received "${value.phone}"` });
  }

  errors.push(...checkPaymentTerms(value.paymentDays, value.paymentTermsAgreement));
  return { value, errors };
}

/** Law 69-21: up to 60 days freely, 61 to 120 days only under a written agreement, never beyond. */
export function checkPaymentTerms(days: number, agreement: string | null): FieldError[] {
  if (!Number.isInteger(days) || days < 0) {
    return [{ path: 'paymentDays', message: `expected a whole number of days from 0, received ${days}` }];
  }
  if (days > MAX_AGREED_PAYMENT_DAYS) {
    return [
      {
        path: 'paymentDays',
        message: `law 69-21 allows at most ${MAX_AGREED_PAYMENT_DAYS} days even when agreed, received ${days}`,
      },
    ];
  }
  if (days > LEGAL_PAYMENT_DAYS && !agreement?.trim()) {
    return [
      {
        path: 'paymentTermsAgreement',
        message: `required for payment beyond ${LEGAL_PAYMENT_DAYS} days (law 69-21): give the reference of the written agreement`,
      },
    ];
  }
  return [];
}
