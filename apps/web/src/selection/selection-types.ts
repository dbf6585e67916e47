// The selection committee's data as the back office uses it, inferred from the typed client so that a schema change
// in apps/api/src/selection shows up here as a type error.
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from '../api/client.ts';

type Selection = typeof api.selection;

export type SelectionGrid = InferResponseType<Selection['grids'][':id']['$get'], 200>;
export type GridInput = InferRequestType<Selection['grids']['$post']>['json'];
export type SelectionCall = InferResponseType<Selection['calls'][':id']['$get'], 200>;
export type CallInput = InferRequestType<Selection['calls']['$post']>['json'];
export type CommitteeSeat = SelectionCall['committee'][number];
export type SelectionApplicationSummary = InferResponseType<Selection['calls'][':id']['applications']['$get'], 200>[number];
export type ApplicationInput = InferRequestType<Selection['calls'][':id']['applications']['$post']>['json'];
export type ScoringProgress = InferResponseType<Selection['calls'][':id']['progress']['$get'], 200>[number];
export type SelectionApplication = InferResponseType<Selection['applications'][':id']['$get'], 200>;
export type SelectionResults = InferResponseType<Selection['calls'][':id']['results']['$get'], 200>;
export type SelectionResultRow = SelectionResults['rows'][number];
export type SelectionSession = InferResponseType<Selection['sessions'][':id']['$get'], 200>;
export type Sponsorship = InferResponseType<Selection['sponsorships'][':id']['$get'], 200>;
export type PublicCall = InferResponseType<typeof api.public.calls.$get, 200>[number];
export type PublicApplication = InferRequestType<(typeof api.public.calls)[':id']['applications']['$post']>['json'];

/** Someone who may sit on a committee or sponsor a cooperative: an active committee or manager user. */
export type CommitteeCandidate = InferResponseType<Selection['committee-users']['$get'], 200>[number];
