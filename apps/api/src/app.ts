// The HTTP application: middleware, one sub-app per capability under /api, the API reference,
// and the back office's files at /. Everything a request meets, in the order it meets it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { authRoutes } from './auth/routes.ts';
import { mountDocs } from './docs/routes.ts';
import { gieRoutes } from './gie/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { csrfGuard, sessionLoader } from './http/access.ts';
import type { AppDeps, AppEnv } from './http/env.ts';
import { MAX_IMPORT_BYTES } from './http/imports.ts';
import { requestLog } from './http/log.ts';
import { handleError, ProblemError, problemResponse } from './http/problem.ts';
import { textGuard } from './http/text-guard.ts';
import { bankRoutes } from './invoicing/bank-routes.ts';
import { documentLinkRoutes } from './invoicing/link-routes.ts';
import { invoicingRoutes } from './invoicing/routes.ts';
import { validationRoutes } from './invoicing/validation-routes.ts';
import { ledgerRoutes } from './ledger/routes.ts';
import { memberRoutes } from './members/routes.ts';
import { partyRoutes } from './parties/routes.ts';
import { poolingRoutes } from './pooling/routes.ts';
import { supplierPaymentRoutes } from './pooling/supplier-payment-routes.ts';
import { dashboardRoutes } from './reporting/dashboard-routes.ts';
import { observatoryRoutes } from './reporting/observatory-routes.ts';
import { statementRoutes } from './reporting/statements-routes.ts';
import { selectionRoutes } from './selection/routes.ts';
import { userRoutes } from './users/routes.ts';

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** The /api routes, typed: the back office's client takes its types from here. */
function apiRoutes() {
  return new OpenAPIHono<AppEnv>()
    .route('/', healthRoutes)
    .route('/', authRoutes)
    .route('/', userRoutes)
    .route('/', partyRoutes)
    .route('/', memberRoutes)
    .route('/', gieRoutes)
    .route('/', ledgerRoutes)
    .route('/', invoicingRoutes)
    .route('/', poolingRoutes)
    .route('/', selectionRoutes)
    .route('/', bankRoutes)
    .route('/', documentLinkRoutes)
    .route('/', validationRoutes)
    .route('/', dashboardRoutes)
    .route('/', observatoryRoutes)
    .route('/', supplierPaymentRoutes)
    .route('/', statementRoutes);
}

export type ApiRoutes = ReturnType<typeof apiRoutes>;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(handleError);

  app.use('*', async function provideDeps(c, next) {
    c.set('deps', deps);
    await next();
  });
  app.use('*', requestLog());
  // A committee member reads a candidate's PDF beside the scoring grid: the back office (same origin, never another
  // site) may frame those attachments. Registered before secureHeaders, so this runs after it has set its headers.
  app.use('/api/selection/applications/*', async function frameAttachmentsInBackOffice(c, next) {
    await next();
    if (!/\/attachments\/\d+$/.test(c.req.path) || !c.res.ok) return;
    c.res.headers.set('x-frame-options', 'SAMEORIGIN');
    const policy = c.res.headers.get('content-security-policy') ?? '';
    c.res.headers.set('content-security-policy', policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ProblemError(413, `request body larger than ${maxSize} bytes`);
      },
    });
  const jsonLimit = limit(MAX_JSON_BODY_BYTES);
  const importLimit = limit(MAX_IMPORT_BYTES);
  app.use('/api/*', function limitBody(c, next) {
    // a read carries no body: skipping the check spares building a web Request and its stream on every GET
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return (c.req.path.endsWith('/import') ? importLimit : jsonLimit)(c, next);
  });
  app.use('/api/*', sessionLoader());
  app.use('/api/*', csrfGuard());
  app.use('/api/*', textGuard());
  app.use('/api/*', async function noStore(c, next) {
    await next();
    c.header('cache-control', 'no-store');
  });

  app.route('/api', apiRoutes());
  mountDocs(app, deps.version);

  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length > 0) {
      return problemResponse(405, `${c.req.method} is not allowed on ${c.req.path}`, undefined, { allow: allowed.join(', ') });
    }
    if (c.req.path.startsWith('/api/') || c.req.path === '/api' || !deps.webRoot) {
      return problemResponse(404, `nothing at ${c.req.path}`);
    }
    return spaFallback(deps.webRoot, c.req.method);
  });

  if (deps.webRoot) {
    const root = path.relative(process.cwd(), deps.webRoot) || '.';
    app.use('/assets/*', async function immutableAssets(c, next) {
      await next();
      if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
    });
    app.get('*', serveStatic({ root }));
  }
  return app;
}

/** Methods that would have matched this path, for a 405 instead of a 404. */
function allowedMethods(app: OpenAPIHono<AppEnv>, requestPath: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || route.path.includes('*')) continue;
    const pattern = new RegExp(`^${route.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}/?$`);
    if (pattern.test(requestPath)) methods.add(route.method);
  }
  return [...methods].sort();
}

/** The back office is a single page: any other GET path gets its index.html, and the client routes it. */
async function spaFallback(webRoot: string, method: string): Promise<Response> {
  const index = path.join(webRoot, 'index.html');
  if ((method !== 'GET' && method !== 'HEAD') || !existsSync(index)) {
    return problemResponse(404, existsSync(index) ? 'not found' : 'the back office is not built: run `corepack pnpm build`');
  }
  return new Response(await readFile(index, 'utf8'), {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
  });
}
