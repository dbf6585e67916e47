// The API described: the OpenAPI 3.1 document generated from the routes' zod schemas, and a readable page of it.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const DOC_CONFIG = (version: string) => ({
  openapi: '3.1.0',
  info: {
    title: 'GIE-ECP API',
    version,
    description:
      'Business operations of a GIE-ECP. Errors are RFC 9457 problem+json with `errors: [{path, message}]`. ' +
      'Sign in with POST /api/auth/login; send the returned csrfToken as `x-csrf-token` on every POST, PUT, PATCH and DELETE. ' +
      '`x-access` on each operation says who may call it.',
  },
});

/** The OpenAPI document of an application. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, version: string): OpenApiDocument {
  return app.getOpenAPI31Document(DOC_CONFIG(version));
}

/** Adds GET /api/openapi.json and GET /api/docs to the application (after every other route is mounted). */
export function mountDocs(app: OpenAPIHono<AppEnv>, version: string): void {
  let cached: OpenApiDocument | undefined;
  const document = () => {
    cached ??= openApiDocument(app, version);
    return cached;
  };
  app.get('/api/openapi.json', (c) => c.json(document()));
  app.get('/api/docs', (c) => c.html(renderReference(document())));
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

function accessText(access: unknown): string {
  if (access === 'public') return 'public';
  if (access === 'signed-in') return 'any signed-in user';
  if (Array.isArray(access)) return access.join(', ');
  return 'undeclared';
}

/** A plain, self-contained reference page: no script, no remote asset. */
export function renderReference(doc: OpenApiDocument): string {
  const sections: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (typeof op !== 'object' || op === null || !('responses' in op)) continue;
      const operation = op as Record<string, any>;
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const params = (operation.parameters ?? []) as Array<Record<string, any>>;
      const responses = Object.entries(operation.responses ?? {}) as Array<[string, Record<string, any>]>;
      sections.push(`
<section id="${escapeHtml(`${method}-${path}`)}">
  <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
  <p>${escapeHtml(operation.summary ?? '')}</p>
  ${operation.description ? `<p class="desc">${escapeHtml(operation.description)}</p>` : ''}
  <p><strong>Access:</strong> ${escapeHtml(accessText(operation['x-access']))}</p>
  ${
    params.length
      ? `<p><strong>Parameters:</strong> ${params.map((p) => `<code>${escapeHtml(`${p.name}`)}</code> (${escapeHtml(`${p.in}`)})`).join(', ')}</p>`
      : ''
  }
  ${body ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ''}
  <p><strong>Responses:</strong> ${responses.map(([code, r]) => `<code>${escapeHtml(code)}</code> ${escapeHtml(r.description ?? '')}`).join(' · ')}</p>
</section>`);
    }
  }
  const schemas = doc.components?.schemas ?? {};
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2b36;line-height:1.45}
section{border-top:1px solid #d5dde3;padding:.5rem 0}
.method{display:inline-block;min-width:4.5rem;font-size:.8rem;padding:.15rem .4rem;border-radius:.25rem;background:#e3ecf2}
.get{background:#dff3e4}.post{background:#e1ebfb}.patch,.put{background:#fbf1dc}.delete{background:#fbe1e1}
pre{background:#f4f7f9;padding:.75rem;overflow:auto;font-size:.8rem}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}).</p>
<h2>Operations</h2>
${sections.join('\n')}
<h2>Schemas</h2>
${Object.entries(schemas)
  .map(
    ([name, schema]) =>
      `<details id="schema-${escapeHtml(name)}"><summary><code>${escapeHtml(name)}</code></summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`,
  )
  .join('\n')}
</body></html>`;
}
