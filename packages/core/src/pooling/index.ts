// Pooled services and the allocation of their costs: catalogue and keys, usage, cost pools, purchases, runs,
// charge notes, the member's view and the year-end allocation of the result (law 13-97 art. 37).
export * from './allocation.ts';
export * from './charge-notes.ts';
export * from './cost-pools.ts';
export * from './keys.ts';
export * from './member-view.ts';
export * from './purchases.ts';
export * from './runs.ts';
export * from './services.ts';
export * from './supplier-payments.ts';
export * from './usage.ts';
export * from './weights.ts';
export * from './year-end.ts';
