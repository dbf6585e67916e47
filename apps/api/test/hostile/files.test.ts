// Hostile files: CSV imports (members, parties, usage, bank statements) that are malformed, oversized, binary or
// of the wrong type, and attachments of the public form that lie about their type or are too big. Each is refused
// with problem+json naming where the fault is, and nothing changes in the database.
import { seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { appFor, DEMO, json, problem, signIn } from '../support.ts';
import { businessChecksum } from './checksum.ts';

const IMPORTS = [
  '/api/members/import',
  '/api/parties/import',
  '/api/pooling/usage/import',
  '/api/invoicing/bank-statements/import',
];

const BAD_FILES: ReadonlyArray<{ name: string; type: string; body: () => string | Uint8Array; status: number[] }> = [
  { name: 'unclosed quote', type: 'text/csv', body: () => 'code;name\n"M09;Coopérative\n', status: [400, 422] },
  { name: 'header only', type: 'text/csv', body: () => 'code;legal_name;name;date;amount\n', status: [400, 422] },
  { name: 'empty', type: 'text/csv', body: () => '', status: [400, 422] },
  {
    name: 'binary (a PDF sent as CSV)',
    type: 'text/csv',
    body: () => Uint8Array.from(Buffer.from('%PDF-1.7\n\x00\x01\x02\xff\xfe binary')),
    status: [400, 422],
  },
  {
    name: 'UTF-16',
    type: 'text/csv',
    body: () => Uint8Array.from(Buffer.from('\ufeffcode;name\nM09;x\n', 'utf16le')),
    status: [400, 422],
  },
  {
    name: 'formula cells',
    type: 'text/csv',
    body: () => 'code;legal_name;date;amount\n=cmd|"/c calc"!A1;+SUM(1);@x;-1+2\n',
    status: [400, 422],
  },
  { name: 'one huge line', type: 'text/csv', body: () => `code;name\n${'x'.repeat(2_000_000)};y\n`, status: [400, 422] },
  { name: 'oversized', type: 'text/csv', body: () => 'a;b\n'.repeat(6 * 1024 * 1024), status: [413] },
  { name: 'wrong content type', type: 'application/vnd.ms-excel', body: () => 'code;name\nM09;x\n', status: [415] },
  { name: 'JSON instead of CSV', type: 'application/json', body: () => '{"code": "M09"}', status: [415] },
];

describeWithDatabase('hostile files', (database) => {
  it('refuses malformed, binary, oversized and mistyped CSV imports with problem+json, changing nothing', {
    timeout: 300_000,
  }, async () => {
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const app = appFor(database());
    const manager = await signIn(app, DEMO.manager);
    const before = await businessChecksum(db);
    let tried = 0;
    for (const path of IMPORTS) {
      for (const file of BAD_FILES) {
        const response = await app.request(`${path}?mode=apply`, {
          method: 'POST',
          headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken, 'content-type': file.type },
          body: file.body() as BodyInit,
        });
        const what = `${path} ${file.name}`;
        expect(file.status, `${what}: ${response.status}`).toContain(response.status);
        const refused = await problem(response);
        if (response.status !== 413) expect(refused.errors?.length, what).toBeGreaterThan(0);
        for (const e of refused.errors ?? []) expect(e.path, what).toMatch(/\S/);
        tried++;
      }
    }
    expect(await businessChecksum(db)).toBe(before);
    expect(tried).toBe(IMPORTS.length * BAD_FILES.length);
  });

  it('names the field of a body that is not JSON at all', async () => {
    const { db } = database();
    await seedDemo(db);
    const app = appFor(database());
    const admin = await signIn(app, DEMO.admin);
    for (const body of ['{"email": ', '']) {
      const response = await admin.request('POST', '/api/users', body, { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
      expect((await problem(response)).errors).toEqual([expect.objectContaining({ path: 'body', location: 'body' })]);
    }
  });

  it('refuses the NUL character PostgreSQL cannot store, naming where it is, instead of failing with a 500', async () => {
    const { db } = database();
    await seedDemo(db);
    const app = appFor(database());
    const login = await app.request('/api/auth/login', { method: 'POST', ...json({ email: 'a\u0000@x.ma', password: 'x' }) });
    expect(login.status).toBe(400);
    expect((await problem(login)).errors).toEqual([expect.objectContaining({ path: 'email', location: 'body' })]);
    const manager = await signIn(app, DEMO.manager);
    const before = await businessChecksum(db);
    const party = await manager.request('POST', '/api/parties', {
      kind: 'person',
      name: 'Ali',
      notes: { deep: ['ok', 'x\u0000'] },
    });
    expect((await problem(party)).errors?.map((e) => e.path)).toEqual(['notes.deep.1']);
    const search = await manager.request('GET', '/api/parties?q=a%00b');
    expect(search.status).toBe(400);
    expect((await problem(search)).errors).toEqual([expect.objectContaining({ path: 'q', location: 'query' })]);
    const csv = await manager.request('POST', '/api/parties/import?mode=apply', 'kind;name\nperson;A\u0000li\n', {
      'content-type': 'text/csv',
    });
    expect(csv.status).toBe(400);
    expect((await problem(csv)).errors?.[0]?.path).toBe('body');
    expect(await businessChecksum(db)).toBe(before);
  });

  it('refuses attachments that lie about their type or are too big, and keeps nothing of the application', async () => {
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const app = appFor(database());
    const calls = (await (await app.request('/api/public/calls')).json()) as Array<{ id: number }>;
    const callId = calls[0]?.id as number;
    const before = await businessChecksum(db);
    const application = (filename: string, bytes: Buffer) => ({
      candidate: {
        legalName: 'Coopérative Nour',
        province: 'tanger-assilah',
        contactName: 'Nadia Alami',
        contactEmail: 'nadia@example.ma',
        peopleCount: 5,
      },
      project: 'Transformer les figues et vendre par le GIE.',
      needs: ['commercialisation'],
      attachments: [{ kind: 'accounts', filename, content: bytes.toString('base64') }],
    });
    const lies = [
      ['comptes.pdf', Buffer.from('MZ\x90\x00 a Windows program')],
      ['photo.png', Buffer.from('<html><script>alert(1)</script></html>')],
      ['statuts.pdf', Buffer.from('\x89PNG\r\n\x1a\n but truncated')],
      ['enorme.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(760_000, 0x41)])],
    ] as const;
    for (const [index, [filename, bytes]] of lies.entries()) {
      const response = await app.request(`/api/public/calls/${callId}/applications`, {
        method: 'POST',
        ...json(application(filename, bytes), { 'x-forwarded-for': `198.51.100.${index + 1}` }),
      });
      expect(response.status, filename).toBe(400);
      const paths = (await problem(response)).errors?.map((e) => e.path) ?? [];
      expect(paths, filename).toEqual(['attachments.0.content']);
    }
    expect(await businessChecksum(db)).toBe(before);
  });
});
