// Structured logs: one JSON object per line, and the request id that ties a request, its log line and its answer.
// Fields are chosen one by one, never copied from the request, so cookies, passwords, tokens and CSRF never reach a log.
import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';

export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
}

/** A logger writing JSON lines (time, level, msg, then the fields) to `write`, stdout by default. */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  return {
    log(level, msg, fields = {}) {
      write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
    },
  };
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a caller (or a proxy in front) may choose: short, printable, nothing that could forge a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id to use: the caller's when it is sane, else a new one. */
export function requestIdFrom(header: string | undefined): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * A path as it may be logged: secrets that travel in the path (the token of a document link) are replaced.
 * A segment of 32 or more token characters is a secret, whatever route it belongs to.
 */
export function loggablePath(path: string): string {
  return path.replace(/[A-Za-z0-9_-]{32,}/g, '[redacted]');
}

/**
 * Gives every request its id (header `x-request-id` on the answer, `requestId` in a problem+json body) and, when
 * the app has a logger, writes one line per request: method, path, status, duration, user.
 */
export function requestLog() {
  return createMiddleware<AppEnv>(async function logRequest(c, next) {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header(REQUEST_ID_HEADER));
    c.set('requestId', requestId);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    if (c.res.headers.get('content-type')?.startsWith('application/problem+json')) {
      const problem = (await c.res.clone().json()) as Record<string, unknown>;
      c.res = new Response(JSON.stringify({ ...problem, requestId }), c.res);
    }
    const status = c.res.status;
    c.var.deps.logger?.log(status >= 500 ? 'error' : 'info', 'request', {
      requestId,
      method: c.req.method,
      path: loggablePath(c.req.path),
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: c.var.session?.user.id ?? null,
    });
  });
}
