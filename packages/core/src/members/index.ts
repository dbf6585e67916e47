export * from './entrepreneurs.ts';
export * from './fields.ts';
export * from './import.ts';
export * from './lifecycle.ts';
export * from './logo.ts';
export * from './registry.ts';
