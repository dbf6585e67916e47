// Text that PostgreSQL cannot store: the NUL character (U+0000) is refused in every query parameter, JSON body
// string or key and CSV upload, up front and naming where it is, instead of failing deep in a query as a 500.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import { ProblemError, type ProblemField } from './problem.ts';

const NUL = '\u0000';
const MESSAGE = 'text may not contain the NUL character (U+0000)';

/** Paths of the strings (and keys) of a JSON value that contain NUL. */
function nulPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(path.join('.') || 'body');
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes(NUL)) found.push([...path, key.replaceAll(NUL, '\\0')].join('.'));
      nulPaths(inner, [...path, key], found);
    }
  }
  return found;
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a malformed escape is the router's to refuse
  }
}

export function textGuard() {
  return createMiddleware<AppEnv>(async function refuseNul(c, next) {
    const errors: ProblemField[] = [];
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (name.includes(NUL) || values.some((v) => v.includes(NUL)))
        errors.push({ path: name, location: 'query', message: MESSAGE });
    }
    if (decoded(c.req.path).includes(NUL)) errors.push({ path: 'path', location: 'path', message: MESSAGE });
    const type = c.req.header('content-type') ?? '';
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (/^application\/json/i.test(type)) {
        // parsed once: Hono keeps the result for the route's validator; a malformed body is the validator's to refuse
        const body = await c.req.json().catch(() => undefined);
        for (const path of nulPaths(body)) errors.push({ path, location: 'body', message: MESSAGE });
      } else if (/^text\//i.test(type) && (await c.req.text()).includes(NUL)) {
        errors.push({ path: 'body', location: 'body', message: `${MESSAGE}: this is not a text file` });
      }
    }
    if (errors.length > 0) throw new ProblemError(400, `${MESSAGE}: ${errors.map((e) => e.path).join(', ')}`, errors);
    await next();
  });
}
