export * from './backup.ts';
export * from './catalog.ts';
export * from './migrate.ts';
export * from './open.ts';
export * from './schema.ts';
export * from './search.ts';
export * from './transaction.ts';
export * from './types.ts';
