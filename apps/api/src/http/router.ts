// The OpenAPIHono flavour every capability uses: zod failures become problem+json naming each field.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { ProblemError } from './problem.ts';

const LOCATION: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const location = LOCATION[result.target] ?? result.target;
      const errors = result.error.issues.map((issue) => ({
        path: issue.path.length > 0 ? issue.path.join('.') : location,
        location,
        message: issue.message,
      }));
      const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      throw new ProblemError(400, `invalid ${location}: ${summary}`, errors);
    },
  });
}
