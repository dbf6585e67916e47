// The pooling calls the screens share: the catalogue and the members a service may list, and the paths of the calls
// that stream their progress (preview, draft, post, reverse: see progress-call.ts) and of the charge notes' PDFs.
import { api, call } from '../api/client.ts';
import type { Member } from '../api/types.ts';
import type { PooledService } from './pooling-types.ts';

export const runsPath = (): string => '/api/pooling/runs';
export const previewRunPath = (): string => '/api/pooling/runs/preview';
export const postRunPath = (id: number): string => `/api/pooling/runs/${id}/post`;
export const chargeNotePdfHref = (id: number): string => `/api/pooling/charge-notes/${id}/pdf`;

export async function loadServices(): Promise<PooledService[]> {
  return (await call(api.pooling.services.$get({ query: {} }))).items;
}

/** The members a service may list: those with a code (admitted at least). */
export async function loadMembers(): Promise<Member[]> {
  return (await call(api.members.$get({ query: { pageSize: '200', sort: 'code' } }))).items.filter((m) => m.code !== null);
}
