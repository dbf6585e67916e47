// The typed client of the GIE-ECP API: Hono's RPC client over the API's own route types, the session's CSRF
// token on every state-changing call, and problem+json failures turned into ApiProblem errors.
import type { ApiRoutes } from '@gie-ecp/api';
import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';

/** One field at fault, as the API names it (`email`, `lines.2.quantity`). */
export interface FieldProblem {
  path: string;
  message: string;
  location?: string;
}

/** A failed API call: the RFC 9457 problem the API answered with, or a stand-in when the network failed. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: readonly FieldProblem[] = [],
    /** Seconds to wait before trying again, from `retry-after` (429). */
    readonly retryAfterSeconds: number | undefined = undefined,
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }

  /** The first error the API reported for this field, if any. */
  fieldError(path: string): FieldProblem | undefined {
    return this.errors.find((e) => e.path === path);
  }
}

/** status 0: the request never got an answer. */
export const NETWORK_FAILURE = 0;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The token given at sign-in; the API refuses any state change without it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a signed-in call answers 401: the session ended on the server (expired, deactivated). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

const SESSION_PROBES = ['/api/auth/login', '/api/auth/me'];

/**
 * fetch() as every API call makes it: same-origin cookie, the CSRF token on state changes, a 401 ending the
 * session. For the calls the typed client cannot describe (CSV and image bodies, streamed answers); the caller
 * may set its own `accept`.
 */
export async function apiFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers);
  if (UNSAFE_METHODS.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  if (!headers.has('accept')) headers.set('accept', 'application/json, application/problem+json');
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiProblem(NETWORK_FAILURE, 'Network failure', error instanceof Error ? error.message : String(error));
  }
  const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
  if (response.status === 401 && !SESSION_PROBES.some((probe) => url.startsWith(probe))) onUnauthorized?.();
  return response;
}

export const api = hc<ApiRoutes>('/api', { fetch: apiFetch });

/** The body of the successful answers of a call, or undefined for the ones without a JSON body (204). */
type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatusCode
      ? F extends 'json'
        ? T
        : undefined
      : never
    : never;

/** The problem a failed answer carries (problem+json), or one made of its status when it has none. */
export async function toProblem(response: Response): Promise<ApiProblem> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as { title?: unknown; detail?: unknown; errors?: unknown };
      const errors = Array.isArray(body.errors)
        ? body.errors.filter((e): e is FieldProblem => typeof e?.path === 'string' && typeof e?.message === 'string')
        : [];
      return new ApiProblem(
        response.status,
        typeof body.title === 'string' ? body.title : response.statusText,
        typeof body.detail === 'string' ? body.detail : undefined,
        errors,
        retryAfterSeconds,
      );
    } catch {
      // an unreadable body still has a status worth reporting
    }
  }
  return new ApiProblem(response.status, response.statusText || 'Error', undefined, [], retryAfterSeconds);
}

/**
 * Awaits a client call and returns its success body, typed from the API's schemas; any other answer throws
 * an ApiProblem, so screens handle failures in one `catch`.
 */
export async function call<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<SuccessBody<R>> {
  const response = await request;
  if (!response.ok) throw await toProblem(response as unknown as Response);
  if (response.status === 204) return undefined as SuccessBody<R>;
  return (await response.json()) as SuccessBody<R>;
}

/** Sends a raw body (a logo) or nothing (DELETE); a refusal is thrown as an ApiProblem, as `call` does. */
export async function send(path: string, method: 'PUT' | 'POST' | 'DELETE', body?: Blob): Promise<void> {
  const init: RequestInit = { method };
  if (body) {
    init.body = body;
    init.headers = { 'content-type': body.type || 'application/octet-stream' };
  }
  const response = await apiFetch(path, init);
  if (!response.ok) throw await toProblem(response);
}
