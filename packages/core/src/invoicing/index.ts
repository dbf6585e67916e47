export * from './document.ts';
export * from './documents.ts';
export * from './numbering.ts';
export * from './overdue.ts';
export * from './payments.ts';
export * from './payouts.ts';
export * from './receipts.ts';
export * from './totals.ts';
