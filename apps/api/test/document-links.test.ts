// "Send the PDF link" through HTTP: the entrepreneur creates a link, anyone with it downloads the PDF without signing
// in (its text carries the number), the manager revokes it and it then answers 404 like an unknown or expired one;
// another member's document answers 404 to an entrepreneur. And the manager sends a submitted draft back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { type App, type Caller, DEMO, problem, signIn } from './support.ts';

const YEAR = new Date().getUTCFullYear();
const PDFTOTEXT = '/usr/bin/pdftotext';
const LINES = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' },
  { description: 'Paniers produits du terroir', quantity: '35', unitPrice: '180.00', discountPercent: '5', vat: '10' },
  { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
];

function pdfText(pdf: Uint8Array): string {
  if (!existsSync(PDFTOTEXT)) {
    if (process.env.REQUIRE_PDFTOTEXT === '1') throw new Error(`REQUIRE_PDFTOTEXT=1 but ${PDFTOTEXT} is missing`);
    console.warn(`NO PDFTOTEXT at ${PDFTOTEXT}: the public PDF's text is not read back`);
    return '';
  }
  const dir = mkdtempSync(join(tmpdir(), 'gie-link-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    return execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function setup(database: Parameters<typeof seedDemo>[0]) {
  await seedDemo(database, { ledger: true });
  const app: App = createApp({ db: database, engine: 'pglite', version: 'test', trustProxy: true });
  const manager = await signIn(app, DEMO.manager);
  const entrepreneur = await signIn(app, DEMO.entrepreneur);
  const members = (await (await manager.request('GET', '/api/members?sort=code')).json()) as {
    items: Array<{ id: number; code: string | null }>;
  };
  const memberOf = (code: string) => members.items.find((m) => m.code === code)?.id ?? 0;
  const customer = (await (
    await manager.request('POST', '/api/parties', { kind: 'company', name: 'Hôtel Dar Tétouan SARL', ice: '001525856000067' })
  ).json()) as { party: { id: number } };
  const draft = async (who: Caller, code: string) =>
    (await (
      await who.request('POST', '/api/invoicing/documents', {
        kind: 'invoice',
        memberId: memberOf(code),
        customerId: customer.party.id,
        lines: LINES,
      })
    ).json()) as { id: number };
  const issued = async (code: string) => {
    const { id } = await draft(manager, code);
    const response = await manager.request('POST', `/api/invoicing/documents/${id}/issue`, { issueDate: `${YEAR}-03-20` });
    expect(response.status).toBe(200);
    return (await response.json()) as { id: number; number: string; dueDate: string };
  };
  return { app, manager, entrepreneur, draft, issued };
}

const tokenPath = (url: string) => new URL(url).pathname;

describeWithDatabase('document links API', (database) => {
  it('gives the entrepreneur a link and an e-mail; the public PDF opens without a session until the manager revokes it', async () => {
    const { app, manager, entrepreneur, issued } = await setup(database().db);
    const invoice = await issued('M01');
    const created = await entrepreneur.request(
      'POST',
      `/api/invoicing/documents/${invoice.id}/links`,
      { recipientEmail: 'compta@dartetouan.ma' },
      { origin: 'http://localhost' },
    );
    expect(created.status).toBe(201);
    const shared = (await created.json()) as {
      link: { id: number; state: string; openCount: number; expiresAt: string };
      url: string;
      subject: string;
      body: string;
      mailto: string;
    };
    // the URL is built from the origin the request came to
    expect(shared.url).toMatch(/^http:\/\/localhost\/api\/public\/documents\/[A-Za-z0-9_-]{43}\.pdf$/);
    expect(shared.link).toMatchObject({ state: 'active', openCount: 0 });
    expect(shared.subject.startsWith(`Facture ${invoice.number} — `)).toBe(true);
    expect(shared.body).toContain(`${invoice.number} d'un montant de 10 082,08 MAD TTC`);
    expect(shared.mailto).toMatch(/^mailto:compta@dartetouan\.ma\?subject=/);

    // anyone with the link, no cookie
    const pdf = await app.request(tokenPath(shared.url));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const signedIn = new Uint8Array(
      await (await entrepreneur.request('GET', `/api/invoicing/documents/${invoice.id}/pdf`)).arrayBuffer(),
    );
    expect(bytes).toEqual(signedIn);
    const text = pdfText(bytes);
    if (existsSync(PDFTOTEXT)) {
      expect(text).toContain(invoice.number);
      expect(text.replace(/[\u00A0\u202F]/g, ' ')).toContain('10 082,08');
    }

    const list = (await (await manager.request('GET', `/api/invoicing/documents/${invoice.id}/links`)).json()) as {
      items: Array<{ id: number; state: string; openCount: number }>;
    };
    expect(list.items).toEqual([expect.objectContaining({ id: shared.link.id, state: 'active', openCount: 1 })]);

    const revoked = await manager.request('POST', `/api/invoicing/documents/${invoice.id}/links/${shared.link.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { state: string }).state).toBe('revoked');
    const refused = await app.request(tokenPath(shared.url));
    expect(refused.status).toBe(404);
    const body = await problem(refused);
    expect(JSON.stringify(body)).not.toContain(invoice.number);
    const unknown = await app.request(`/api/public/documents/${'x'.repeat(43)}.pdf`);
    expect(unknown.status).toBe(404);
    expect((await problem(unknown)).detail).toBe(body.detail);
  });

  it('refuses an expired link, bad input by field, drafts, and the accountant', async () => {
    const { app, manager, draft, issued } = await setup(database().db);
    const invoice = await issued('M01');
    const bad = await manager.request('POST', `/api/invoicing/documents/${invoice.id}/links`, {
      recipientEmail: 'pas-un-email',
      expiresInDays: 0,
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path).sort()).toEqual(['expiresInDays', 'recipientEmail']);
    const unknownField = await manager.request('POST', `/api/invoicing/documents/${invoice.id}/links`, { token: 'mine' });
    expect(unknownField.status).toBe(400);

    const created = (await (
      await manager.request('POST', `/api/invoicing/documents/${invoice.id}/links`, { expiresInDays: 1 })
    ).json()) as { url: string; link: { id: number } };
    // the guard forbids moving an expiry: a link created two days ago for one day stands for an expired one
    const { createDocumentLink } = await import('@gie-ecp/core');
    const old = await createDocumentLink(
      database().db,
      { userId: 0, role: 'manager', memberId: null },
      invoice.id,
      { expiresInDays: 1 },
      new Date(Date.now() - 2 * 86_400_000),
    );
    expect((await app.request(`/api/public/documents/${old.token}.pdf`)).status).toBe(404);
    expect((await app.request(tokenPath(created.url))).status).toBe(200);
    const states = (await (await manager.request('GET', `/api/invoicing/documents/${invoice.id}/links`)).json()) as {
      items: Array<{ state: string }>;
    };
    expect(states.items.map((l) => l.state)).toEqual(['expired', 'active']);

    const { id: draftId } = await draft(manager, 'M01');
    const onDraft = await manager.request('POST', `/api/invoicing/documents/${draftId}/links`, {});
    expect(onDraft.status).toBe(409);
    const accountant = await signIn(app, DEMO.accountant);
    expect((await accountant.request('POST', `/api/invoicing/documents/${invoice.id}/links`, {})).status).toBe(403);
    expect((await accountant.request('GET', `/api/invoicing/documents/${invoice.id}/links`)).status).toBe(200);
  });

  it("answers 404 to an entrepreneur for another member's document and its links", async () => {
    const { manager, entrepreneur, issued } = await setup(database().db);
    const theirs = await issued('M02');
    const link = (await (await manager.request('POST', `/api/invoicing/documents/${theirs.id}/links`, {})).json()) as {
      link: { id: number };
    };
    expect((await entrepreneur.request('POST', `/api/invoicing/documents/${theirs.id}/links`, {})).status).toBe(404);
    expect((await entrepreneur.request('GET', `/api/invoicing/documents/${theirs.id}/links`)).status).toBe(404);
    expect(
      (await entrepreneur.request('POST', `/api/invoicing/documents/${theirs.id}/links/${link.link.id}/revoke`)).status,
    ).toBe(404);
    const still = (await (await manager.request('GET', `/api/invoicing/documents/${theirs.id}/links`)).json()) as {
      items: Array<{ state: string }>;
    };
    expect(still.items.map((l) => l.state)).toEqual(['active']);
  });

  it('rate-limits an address that asks for too many unknown links (429 with Retry-After)', async () => {
    const { app } = await setup(database().db);
    const ask = () =>
      app.request(`/api/public/documents/${'y'.repeat(43)}.pdf`, { headers: { 'x-forwarded-for': '203.0.113.50' } });
    for (let i = 0; i < 30; i++) expect((await ask()).status).toBe(404);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    const other = await app.request(`/api/public/documents/${'y'.repeat(43)}.pdf`, {
      headers: { 'x-forwarded-for': '203.0.113.51' },
    });
    expect(other.status).toBe(404);
  });

  it('lets the manager send a submitted draft back with a reason; the entrepreneur sees it', async () => {
    const { app, manager, entrepreneur, draft } = await setup(database().db);
    const { id } = await draft(entrepreneur, 'M01');
    expect((await entrepreneur.request('POST', `/api/invoicing/documents/${id}/submit`)).status).toBe(200);
    expect((await entrepreneur.request('POST', `/api/invoicing/documents/${id}/return`, { reason: 'x' })).status).toBe(403);
    const empty = await manager.request('POST', `/api/invoicing/documents/${id}/return`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect((await problem(empty)).errors?.[0]?.path).toBe('reason');
    const back = await manager.request('POST', `/api/invoicing/documents/${id}/return`, { reason: 'Ajoutez le bon de commande' });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ status: 'draft', returnReason: 'Ajoutez le bon de commande' });
    const seen = (await (await entrepreneur.request('GET', `/api/invoicing/documents/${id}`)).json()) as {
      status: string;
      returnReason: string;
    };
    expect(seen).toMatchObject({ status: 'draft', returnReason: 'Ajoutez le bon de commande' });
    const queue = (await (await manager.request('GET', '/api/invoicing/documents?status=submitted')).json()) as {
      total: number;
    };
    expect(queue.total).toBe(0);
    const admin = await signIn(app, DEMO.admin);
    expect((await admin.request('POST', `/api/invoicing/documents/${id}/return`, { reason: 'encore' })).status).toBe(409);
  });
});
