// The legal and fiscal statements: VAT return worksheet, payment-delay statement (law 69-21), bilan and CPC.
// One barrel so that reporting/index.ts lists capabilities, not files.
export * from './financial-statements.ts';
export * from './financial-statements-map.ts';
export * from './payment-delays.ts';
export * from './statements-period.ts';
export * from './vat-return.ts';
