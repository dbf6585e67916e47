// The public face of money: decimal amounts, their text forms, allocation between keys and amounts in words.
// Other modules take amounts from here rather than configuring decimal.js themselves, so rounding stays in one place.
export {
  type Allocation,
  AllocationError,
  type AllocationOptions,
  type AllocationPart,
  type AllocationWeight,
  allocateComposite,
  allocateLargestRemainder,
} from './allocate.ts';
export { AmountError, Dec, type ParseAmountOptions, parseAmount, roundMoney, toAmountString, toDec } from './decimal.ts';
export { type FormatAmountOptions, formatAmount, type MoneyLocale, parseLocalizedAmount } from './format.ts';
export { amountInWordsFr, invoiceAmountSentenceFr } from './words-fr.ts';
