// The registration numbers a Moroccan company prints on its invoices: ICE, IF, RC, TP (patente) and CNSS.
// Owns their formats only; whether a number really belongs to a company is for the administration to say.
import { type DigitsRule, identifierSchema, readDigits } from './digits.ts';

export type Ice = string & { readonly __brand: 'Ice' };
export type IdentifiantFiscal = string & { readonly __brand: 'IdentifiantFiscal' };
export type RcNumber = string & { readonly __brand: 'RcNumber' };
export type TpNumber = string & { readonly __brand: 'TpNumber' };
export type CnssNumber = string & { readonly __brand: 'CnssNumber' };

/** Identifiant Commun de l'Entreprise (finance law 2016): mandatory on every invoice between businesses. */
const ICE: DigitsRule = { min: 15, max: 15, expected: '15 digits' };
/** Identifiant fiscal (DGI): lengths have varied over the years, hence a range rather than one length. */
const IF: DigitsRule = { min: 6, max: 8, expected: '6 to 8 digits' };
/** Registre de commerce: numbered per court, so the number alone is short; the city is kept in another field. */
const RC: DigitsRule = { min: 1, max: 7, expected: '1 to 7 digits' };
/** Taxe professionnelle (formerly patente). */
const TP: DigitsRule = { min: 8, max: 8, expected: '8 digits' };
/** CNSS affiliation: employers have 7 digits; up to 9 is tolerated rather than refusing a number nobody here can verify. */
const CNSS: DigitsRule = { min: 7, max: 9, expected: '7 to 9 digits' };

export function parseIce(input: unknown, field = 'ice'): Ice {
  return readDigits(input, field, ICE) as Ice;
}

export function parseIdentifiantFiscal(input: unknown, field = 'if'): IdentifiantFiscal {
  return readDigits(input, field, IF) as IdentifiantFiscal;
}

export function parseRcNumber(input: unknown, field = 'rc'): RcNumber {
  return readDigits(input, field, RC) as RcNumber;
}

export function parseTpNumber(input: unknown, field = 'tp'): TpNumber {
  return readDigits(input, field, TP) as TpNumber;
}

export function parseCnssNumber(input: unknown, field = 'cnss'): CnssNumber {
  return readDigits(input, field, CNSS) as CnssNumber;
}

export const iceSchema = identifierSchema((v) => parseIce(v));
export const identifiantFiscalSchema = identifierSchema((v) => parseIdentifiantFiscal(v));
export const rcNumberSchema = identifierSchema((v) => parseRcNumber(v));
export const tpNumberSchema = identifierSchema((v) => parseTpNumber(v));
export const cnssNumberSchema = identifierSchema((v) => parseCnssNumber(v));
