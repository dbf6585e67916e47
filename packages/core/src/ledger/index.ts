export * from './accounts.ts';
export * from './entries.ts';
export * from './exports.ts';
export * from './periods.ts';
export * from './posting.ts';
export * from './report-csv.ts';
export * from './reports.ts';
