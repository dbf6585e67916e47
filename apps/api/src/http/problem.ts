// One error shape for every failure: RFC 9457 problem+json, with the fields at fault in `errors`.
// Domain errors, validation errors and Hono's own exceptions all end here; no stack trace leaves the server.
import { DomainError, type DomainErrorKind } from '@gie-ecp/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { loggablePath } from './log.ts';

export interface ProblemField {
  path: string;
  message: string;
  /** Where the field was: body, query, path (param), header or cookie. */
  location?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemField[];
  /** Added on the way out by the request log middleware. */
  requestId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const STATUS_OF_KIND: Record<DomainErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
};

/** An error the API raises on purpose, with the problem it answers. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    detail: string,
    readonly errors: ProblemField[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export function problemBody(status: number, detail?: string, errors?: ProblemField[]): Problem {
  const title = TITLES[status] ?? 'Error';
  return {
    type: status === 500 ? 'about:blank' : `https://gie-ecp.ma/problems/${title.toLowerCase().replace(/\s+/g, '-')}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(
  status: number,
  detail?: string,
  errors?: ProblemField[],
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(problemBody(status, detail, errors)), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/** Turns any thrown value into a problem response; unexpected errors are logged and answered as a bare 500. */
export function handleError(error: unknown, c: Context): Response {
  if (error instanceof ProblemError) return problemResponse(error.status, error.message, error.errors, error.headers);
  if (error instanceof DomainError) {
    const status = STATUS_OF_KIND[error.kind];
    const headers: Record<string, string> =
      error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    return problemResponse(status, error.message, error.errors, headers);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const detail = status >= 500 ? undefined : error.message || undefined;
    // Hono's own 400s are about the body as a whole (malformed JSON, an unreadable form): the body is the field
    const errors =
      status === 400 ? [{ path: 'body', location: 'body', message: detail ?? 'unreadable request body' }] : undefined;
    return problemResponse(status, detail, errors);
  }
  const logger = c.var.deps?.logger;
  if (logger) {
    logger.log('error', 'unexpected error', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: loggablePath(c.req.path),
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } else {
    console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path} failed:`, error);
  }
  return problemResponse(500, 'the server could not complete this request; it has been logged');
}
