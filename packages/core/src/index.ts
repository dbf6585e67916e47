// @gie-ecp/core: the GIE-ECP domain. Pure functions over plain data, and repositories that take `db` first.
export * from './audit/index.ts';
export * from './db/index.ts';
export * from './demo/seed.ts';
export { DEMO_COMMITTEE_USERS } from './demo/selection.ts';
export * from './documents/index.ts';
export * from './errors.ts';
export * from './gie/index.ts';
export * from './identifiers/index.ts';
export * from './imports/index.ts';
export * from './invoicing/index.ts';
export * from './ledger/index.ts';
export * from './members/index.ts';
export * from './money/index.ts';
export * from './parties/index.ts';
export * from './pooling/index.ts';
export * from './selection/index.ts';
export * from './users/index.ts';
export * from './verify/index.ts';
