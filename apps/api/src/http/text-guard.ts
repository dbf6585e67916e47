// Text that PostgreSQL cannot store: the NUL character (U+0000) is refused in every query parameter, JSON body
// string or key and CSV upload, up front and naming where it is, instead of failing deep in a query as a 500.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import { ProblemError, type ProblemField } from './problem.ts';

const NUL = '\u0000';
const MESSAGE = 'text may not contain the NUL character (U+0000)';

interface Step {
  key: string;
  parent: Step | null;
}

const pathOf = (step: Step | null): string => {
  const keys: string[] = [];
  for (let s = step; s; s = s.parent) keys.push(s.key);
  return keys.reverse().join('.') || 'body';
};

/**
 * Paths of the strings (and keys) of a JSON value that contain NUL. Walked with a stack of its own, not by
 * recursion: a body nested fifty thousand deep must not overflow the call stack.
 */
function nulPaths(root: unknown): string[] {
  const found: string[] = [];
  const stack: Array<{ value: unknown; at: Step | null }> = [{ value: root, at: null }];
  while (stack.length > 0 && found.length < 100) {
    const { value, at } = stack.pop() as { value: unknown; at: Step | null };
    if (typeof value === 'string') {
      if (value.includes(NUL)) found.push(pathOf(at));
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const step = { key, parent: at };
        if (key.includes(NUL)) found.push(pathOf({ key: key.replaceAll(NUL, '\\0'), parent: at }));
        stack.push({ value: inner, at: step });
      }
    }
  }
  return found.reverse();
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
      } else if (/^text\//i.test(type) && c.req.path.endsWith('/import') && (await c.req.text()).includes(NUL)) {
        // CSV imports are the only routes that read a body as text; others answer a text body with their own 415
        errors.push({ path: 'body', location: 'body', message: `${MESSAGE}: this is not a text file` });
      }
    }
    if (errors.length > 0) throw new ProblemError(400, `${MESSAGE}: ${errors.map((e) => e.path).join(', ')}`, errors);
    await next();
  });
}
