/** The cents of an API decimal ("-12.5" → -1250n); null when the text is not a decimal or has more than 2 decimals. */
export declare function toCents(value: string): bigint | null;
/** Cents back to the API's text: 125050n → "1250.50", -1n → "-0.01". */
export declare function fromCents(cents: bigint): `${number}`;
/** An API decimal as the type formatAmount takes, unchanged (it formats decimal texts without a float). */
export declare const decimal: (value: string) => `${number}`;
export declare const isZero: (value: string) => boolean;
export declare const isNegative: (value: string) => boolean;
/** The absolute value of an API decimal, as text. */
export declare function absolute(value: string): `${number}`;
/** Whether two API decimals are the same amount ("250" and "250.00" are). */
export declare function sameAmount(a: string, b: string): boolean;
export type AmountInput = {
    kind: 'empty';
} | {
    kind: 'invalid';
} | {
    kind: 'ok';
    cents: bigint;
    value: `${number}`;
};
/**
 * What a person typed in an amount field, read the way they write it: "1 250,50" (French), "1,250.50" (English),
 * "١٢٥٠٫٥٠" (Arabic digits and separator). The last comma or point is the decimal separator, the others group
 * thousands. Positive, at most 2 decimals and 13 digits, as the API accepts.
 */
export declare function parseAmountInput(text: string): AmountInput;
