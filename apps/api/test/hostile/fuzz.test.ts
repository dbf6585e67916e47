// Every mutating route, fuzzed from its own OpenAPI schema: valid-looking bodies, the same with one field hostile,
// the hostile catalogue, malformed and oversized bodies, wrong content types and hostile path ids. Whatever comes in:
// never a 5xx; a refusal is problem+json (a 400 names each field); and a refused request changes nothing in the
// database (a checksum of every business table before and after). FUZZ_RUNS sets the generated cases per route.
import { ROLES, type Role, seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { callerOf, operations } from '../route-table.ts';
import { appFor, type Caller } from '../support.ts';
import { businessChecksum } from './checksum.ts';
import { type JsonSchema, SchemaArbitraries } from './openapi-arbitrary.ts';

/** Generated bodies per route: a quick run in CI, `FUZZ_RUNS=200 pnpm test:attack` for the full one. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5);
const FULL = RUNS > 20;
/** Signing out is the one route whose success ends the session the fuzzer runs in. */
const NOT_FUZZED = new Set(['POST /api/auth/logout']);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Who calls a route: the first role its access admits, the manager first; every role of the core is in the list. */
const CALLER_ORDER = [...new Set<Role>(['manager', 'admin', 'accountant', ...ROLES])];

const HOSTILE_IDS = ['0', '-1', '1e308', 'NaN', 'abc', '99999999999999999999', '1%20or%201%3D1', '%F0%9F%99%82', '1.5'];
/** Bodies no schema describes: malformed, too deep, too big, of the wrong type. */
const RAW_BODIES: ReadonlyArray<{ name: string; contentType: string; body: () => string | Uint8Array }> = [
  { name: 'truncated JSON', contentType: 'application/json', body: () => '{"name": "x", "lines": [' },
  { name: 'deep JSON', contentType: 'application/json', body: () => `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
  { name: 'deep object', contentType: 'application/json', body: () => `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` },
  { name: 'oversized', contentType: 'application/json', body: () => JSON.stringify({ name: 'x'.repeat(1100 * 1024) }) },
  { name: 'empty', contentType: 'application/json', body: () => '' },
  { name: 'null', contentType: 'application/json', body: () => 'null' },
  { name: 'prototype keys', contentType: 'application/json', body: () => '{"__proto__": {"role": "admin"}, "constructor": {}}' },
  { name: 'text/plain', contentType: 'text/plain', body: () => '{"name": "x"}' },
  { name: 'form', contentType: 'application/x-www-form-urlencoded', body: () => 'name=x&memberId=1' },
  { name: 'xml', contentType: 'application/xml', body: () => '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
  {
    name: 'binary',
    contentType: 'application/octet-stream',
    body: () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 37) % 256),
  },
  {
    name: 'bad UTF-8',
    contentType: 'application/json',
    body: () => Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  },
  { name: 'CSV with formulas', contentType: 'text/csv', body: () => 'code;name\n=cmd|"/c calc"!A1;+1+1\n@SUM(A1);-2+3\n' },
  { name: 'PDF named PNG', contentType: 'image/png', body: () => '%PDF-1.7\n%fake\n' },
];

interface OpenApiOperation {
  'x-access': 'public' | 'signed-in' | string[];
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

describeWithDatabase('hostile input on every mutating route', (database) => {
  it('answers every case without a 5xx, refuses with problem+json naming the field, and changes nothing when it refuses', {
    timeout: 600_000,
  }, async () => {
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const app = appFor(database());
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
      components: { schemas: Record<string, JsonSchema> };
    };
    const schemas = new SchemaArbitraries(doc.components.schemas);
    const callers = new Map<string, Caller>();
    for (const role of CALLER_ORDER) callers.set(role, await callerOf(app, db, role));
    const ops = (await operations(app)).filter((o) => MUTATING.has(o.method) && !NOT_FUZZED.has(o.key));
    expect(ops.length).toBeGreaterThan(60);

    let tried = 0;
    const failures: string[] = [];
    let baseline = await businessChecksum(db);

    const attempt = async (
      label: string,
      caller: Caller | null,
      method: string,
      url: string,
      contentType: string | null,
      body: string | Uint8Array | undefined,
    ) => {
      tried++;
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      if (caller) Object.assign(headers, { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken });
      const response = await app.request(url, { method, headers, body: body as BodyInit | undefined });
      const text = await response.text();
      const where = `${label} → ${response.status}`;
      if (response.status >= 500) {
        failures.push(`${where}: ${text.slice(0, 200)}`);
        baseline = await businessChecksum(db);
        return;
      }
      if (response.status < 400) {
        baseline = await businessChecksum(db);
        return;
      }
      if (!/^application\/problem\+json/.test(response.headers.get('content-type') ?? '')) {
        failures.push(`${where}: not problem+json (${response.headers.get('content-type')})`);
      }
      if (response.status === 400) {
        const errors = (JSON.parse(text) as { errors?: Array<{ path?: unknown }> }).errors ?? [];
        if (errors.length === 0 || errors.some((e) => typeof e.path !== 'string' || e.path === '')) {
          failures.push(`${where}: a 400 that names no field: ${text.slice(0, 200)}`);
        }
      }
      const after = await businessChecksum(db);
      if (after !== baseline) {
        failures.push(`${where}: refused, yet the database changed`);
        baseline = after;
      }
    };

    for (const [index, op] of ops.entries()) {
      const spec = doc.paths[op.path]?.[op.method.toLowerCase()] as OpenApiOperation;
      const access = spec['x-access'];
      const role = access === 'public' ? null : access === 'signed-in' ? 'manager' : CALLER_ORDER.find((r) => access.includes(r));
      const caller = role ? (callers.get(role) as Caller) : null;
      const content = spec.requestBody?.content ?? {};
      const [contentType, media] = Object.entries(content)[0] ?? [null, undefined];
      // users are fuzzed on an id that names nobody, so the fuzzer never signs its own callers out
      const ids = op.path.startsWith('/api/users/')
        ? fc.constant('999999')
        : fc.oneof(fc.constantFrom('1', '2', '3', '999999'), fc.constantFrom(...HOSTILE_IDS));
      const seed = 20261206 + index;
      // required query parameters (an import's mode...) get a valid value, so that the body is what is tried
      const query = (spec.parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => `${p.name}=${encodeURIComponent(String(fc.sample(schemas.valid(p.schema), { numRuns: 1, seed })[0]))}`)
        .join('&');
      const urlFor = (id: string) => `${op.path.replace(/\{[^}]+\}/g, id)}${query ? `?${query}` : ''}`;

      if (contentType === 'application/json' && media) {
        const cases = fc.sample(
          fc.tuple(ids, fc.oneof(schemas.valid(media.schema), schemas.mutated(media.schema), schemas.mutated(media.schema))),
          { numRuns: RUNS, seed },
        );
        for (const [id, body] of cases) {
          await attempt(
            `${op.key} ${JSON.stringify(body)?.slice(0, 120)}`,
            caller,
            op.method,
            urlFor(id),
            'application/json',
            JSON.stringify(body) ?? 'undefined',
          );
        }
      } else {
        const cases = fc.sample(fc.tuple(ids, fc.uint8Array({ maxLength: 2048 })), { numRuns: RUNS, seed });
        for (const [id, bytes] of cases) {
          await attempt(
            `${op.key} ${bytes.length} random bytes`,
            caller,
            op.method,
            urlFor(id),
            contentType,
            contentType ? bytes : undefined,
          );
        }
      }
      // the raw catalogue: all of it in a full run, three of it (in turn) per route in the quick one
      const raws = FULL
        ? RAW_BODIES
        : [0, 1, 2].map((k) => RAW_BODIES[(index * 3 + k) % RAW_BODIES.length] as (typeof RAW_BODIES)[number]);
      for (const raw of raws) {
        await attempt(`${op.key} [${raw.name}]`, caller, op.method, urlFor('1'), raw.contentType, raw.body());
      }
    }
    console.log(
      `fuzz: ${tried} cases tried on ${ops.length} mutating routes (${RUNS} generated per route, ${FULL ? 'full' : 'quick'} mode)`,
    );
    expect(failures).toEqual([]);
  });
});
