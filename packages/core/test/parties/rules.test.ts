import { describe, expect, it } from 'vitest';
import { newPartyFields } from '../../src/parties/parties.ts';
import { checkParty, checkPaymentTerms } from '../../src/parties/rules.ts';

const company = (changes: Parameters<typeof newPartyFields>[0] | object = {}) =>
  newPartyFields({ kind: 'company', name: 'Atlas SARL', ice: '001234567000089', ...changes }, 60);

const paths = (fields: ReturnType<typeof company>) => checkParty(fields).errors.map((e) => e.path);

describe('checkParty', () => {
  it('accepts a complete Moroccan company and normalises its texts', () => {
    const { value, errors } = checkParty(
      company({ ice: ' 001 234 567 000 089 ', country: 'ma', email: ' Contact@Atlas.MA ', city: '  ', rcNumber: '12 345' }),
    );
    expect(errors).toEqual([]);
    expect(value).toMatchObject({
      ice: '001234567000089',
      country: 'MA',
      email: 'contact@atlas.ma',
      city: null,
      rcNumber: '12345',
    });
  });

  it('requires the ICE of a Moroccan company only', () => {
    expect(paths(company({ ice: null }))).toEqual(['ice']);
    expect(paths(company({ ice: null, country: 'FR' }))).toEqual([]);
    expect(paths(company({ ice: null, kind: 'individual' }))).toEqual([]);
    expect(checkParty(company({ ice: '12345' })).errors).toEqual([
      { path: 'ice', message: 'expected 15 digits, received "12345" (5 digits)' },
    ]);
  });

  it('checks the RC number at home and takes any registration number abroad', () => {
    expect(paths(company({ rcNumber: 'HRB 12345' }))).toEqual(['rcNumber']);
    expect(paths(company({ rcNumber: 'HRB 12345', country: 'DE', ice: null }))).toEqual([]);
  });

  it('wants a role, a country code, an e-mail and a phone that look like ones', () => {
    expect(paths(company({ isCustomer: false }))).toEqual(['isCustomer']);
    expect(paths(company({ country: 'MAR' }))).toEqual(['country']);
    expect(paths(company({ email: 'atlas.ma' }))).toEqual(['email']);
    expect(paths(company({ phone: 'call me' }))).toEqual(['phone']);
    expect(paths(company({ name: '   ' }))).toEqual(['name']);
  });

  it('defaults to a customer, or a supplier only when declared a supplier', () => {
    expect(company()).toMatchObject({ isCustomer: true, isSupplier: false, country: 'MA', paymentDays: 60 });
    expect(company({ isSupplier: true })).toMatchObject({ isCustomer: false, isSupplier: true });
    expect(company({ isSupplier: true, isCustomer: true })).toMatchObject({ isCustomer: true, isSupplier: true });
  });
});

describe('checkPaymentTerms (law 69-21)', () => {
  it('allows up to 60 days without an agreement', () => {
    expect(checkPaymentTerms(0, null)).toEqual([]);
    expect(checkPaymentTerms(60, null)).toEqual([]);
  });

  it('requires a written agreement from 61 to 120 days', () => {
    expect(checkPaymentTerms(61, null).map((e) => e.path)).toEqual(['paymentTermsAgreement']);
    expect(checkPaymentTerms(90, '  ').map((e) => e.path)).toEqual(['paymentTermsAgreement']);
    expect(checkPaymentTerms(90, 'Convention 2026/14')).toEqual([]);
    expect(checkPaymentTerms(120, 'Convention 2026/14')).toEqual([]);
  });

  it('refuses beyond 120 days, and negative or fractional days', () => {
    expect(checkPaymentTerms(121, 'Convention 2026/14').map((e) => e.path)).toEqual(['paymentDays']);
    expect(checkPaymentTerms(-1, null).map((e) => e.path)).toEqual(['paymentDays']);
    expect(checkPaymentTerms(30.5, null).map((e) => e.path)).toEqual(['paymentDays']);
  });
});
