export * from './document.ts';
export * from './documents.ts';
export * from './numbering.ts';
export * from './payments.ts';
export * from './payouts.ts';
export * from './receipts.ts';
export * from './totals.ts';
