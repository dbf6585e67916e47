export * from './numbering.ts';
export * from './receipts.ts';
export * from './totals.ts';
export * from './document.ts';
