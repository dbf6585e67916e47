export * from './csv.ts';
export * from './images.ts';
