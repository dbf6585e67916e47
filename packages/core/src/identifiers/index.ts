// The public face of identifiers: Moroccan company registration numbers and the RIB as validated branded strings.
// Each comes as a parse function that throws IdentifierError and a zod schema that reports the same message.
export { IdentifierError } from './digits.ts';
export {
  type CnssNumber,
  cnssNumberSchema,
  type Ice,
  type IdentifiantFiscal,
  iceSchema,
  identifiantFiscalSchema,
  parseCnssNumber,
  parseIce,
  parseIdentifiantFiscal,
  parseRcNumber,
  parseTpNumber,
  type RcNumber,
  rcNumberSchema,
  type TpNumber,
  tpNumberSchema,
} from './registry.ts';
export { formatRib, parseRib, type Rib, ribKey, ribSchema } from './rib.ts';
