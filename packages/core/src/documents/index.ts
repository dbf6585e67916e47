export * from './csv.ts';
export * from './images.ts';
export * from './pdf/index.ts';
export * from './ubl/index.ts';
