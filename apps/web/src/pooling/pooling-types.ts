// The pooling API's data as the screens use it, inferred from the typed client so that a schema change in
// apps/api/src/pooling shows up here as a type error.
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from '../api/client.ts';

const pooling = {} as typeof api.pooling;
type Pooling = typeof pooling;

export type PooledService = InferResponseType<Pooling['services']['$get'], 200>['items'][number];
export type ServiceInput = InferRequestType<Pooling['services']['$post']>['json'];
export type ServiceChanges = InferRequestType<Pooling['services'][':id']['$patch']>['json'];
export type KeyVersion = PooledService['keys'][number];
export type KeyInput = InferRequestType<Pooling['services'][':id']['keys']['$post']>['json'];
export type MemberQuantity = InferResponseType<Pooling['quantities']['$get'], 200>['items'][number];
export type UsagePage = InferResponseType<Pooling['usage']['$get'], 200>;
export type UsageRecord = UsagePage['items'][number];
export type UsageQuery = InferRequestType<Pooling['usage']['$get']>['query'];
export type CostPool = InferResponseType<Pooling['cost-pools']['$get'], 200>['items'][number];
export type CostPoolDetail = InferResponseType<Pooling['cost-pools'][':id']['$get'], 200>;
export type Adjustment = CostPoolDetail['adjustmentItems'][number];
export type Purchase = InferResponseType<Pooling['purchases']['$get'], 200>['items'][number];
export type PurchaseInput = InferRequestType<Pooling['purchases']['$post']>['json'];
export type RunComputation = InferResponseType<Pooling['runs']['preview']['$post'], 200>;
export type RunService = RunComputation['services'][number];
export type AllocationRun = InferResponseType<Pooling['runs'][':id']['$get'], 200>;
export type RunSummary = InferResponseType<Pooling['runs']['$get'], 200>['items'][number];
export type ChargeNote = InferResponseType<Pooling['charge-notes']['$get'], 200>['items'][number];
export type MemberPoolingView = InferResponseType<Pooling['members'][':id']['view']['$get'], 200>;
export type YearEnd = InferResponseType<Pooling['year-end'][':id']['$get'], 200>;

/** A quick compile-time look at inferred shapes that must not collapse to `unknown`. */
export type RunHasTotals = RunComputation['totals']['byMember'][number]['memberCode'];
export type ViewHasLines = MemberPoolingView['lines'][number]['explanation'];
