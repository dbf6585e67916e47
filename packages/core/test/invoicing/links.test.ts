// Links to the PDF of an issued document: who may create, list and revoke them, what opens and what does not, the
// guards the database keeps, the e-mail handed to the mail client; and the manager sending a submitted draft back.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { renderDocumentPdf } from '../../src/documents/pdf/index.ts';
import { DomainError } from '../../src/errors.ts';
import {
  createDocumentLink,
  createSalesDraft,
  documentLinkMail,
  getSalesDocument,
  issuedSnapshot,
  issueSalesDocument,
  LINK_MISS_LIMIT,
  linkState,
  listDocumentLinks,
  openDocumentLink,
  returnSalesDocument,
  revokeDocumentLink,
  sendQuote,
  shareDocument,
  submitSalesDocument,
} from '../../src/invoicing/index.ts';
import { createParty } from '../../src/parties/parties.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import type { Actor } from '../../src/users/actor.ts';

const manager: Actor = { userId: 0, role: 'manager', memberId: null };
const YEAR = new Date().getUTCFullYear();
const LINES = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' },
  { description: 'Paniers produits du terroir', quantity: '35', unitPrice: '180.00', discountPercent: '5', vat: '10' },
  { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
];

async function setup(db: Parameters<typeof seedDemo>[0]) {
  await seedDemo(db, { ledger: true });
  const members = await db.selectFrom('members').select(['id', 'code']).where('code', 'in', ['M01', 'M02']).execute();
  const m01 = members.find((m) => m.code === 'M01')!.id;
  const m02 = members.find((m) => m.code === 'M02')!.id;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'entrepreneur@demo.gie-ecp.ma')
    .executeTakeFirstOrThrow();
  const entrepreneur: Actor = { userId: user.id, role: 'entrepreneur', memberId: m01 };
  const { party } = await createParty(db, manager, {
    kind: 'company',
    name: 'Hôtel Dar Tétouan SARL',
    ice: '001525856000067',
    city: 'Tétouan',
  });
  const issue = async (memberId: number) => {
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId, customerId: party.id, lines: LINES });
    return issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR}-03-20` });
  };
  return { m01, m02, entrepreneur, customerId: party.id, issue };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describeWithDatabase('document links', (database) => {
  it('opens the PDF of the issued invoice, the same bytes as the signed-in download, and counts each opening', async () => {
    const { db } = database();
    const { m01, entrepreneur, issue } = await setup(db);
    const invoice = await issue(m01);
    const { link, token } = await createDocumentLink(db, entrepreneur, invoice.id, { recipientEmail: 'compta@dartetouan.ma' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({ documentId: invoice.id, recipientEmail: 'compta@dartetouan.ma', openCount: 0, state: 'active' });
    const days = (new Date(link.expiresAt).getTime() - new Date(link.createdAt).getTime()) / 86_400_000;
    expect(days).toBe(30);
    // only the hash is kept
    const stored = await db.selectFrom('document_links').select('token_sha256').executeTakeFirstOrThrow();
    expect(stored.token_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_sha256).not.toContain(token);

    const opened = await openDocumentLink(db, token, { ip: '198.51.100.7' });
    expect(opened.number).toBe(`FA-${YEAR}-00001`);
    expect(opened.pdf).toEqual(await renderDocumentPdf(await issuedSnapshot(db, manager, invoice.id)));
    await openDocumentLink(db, token, { ip: '198.51.100.7' });
    const [listed] = await listDocumentLinks(db, entrepreneur, invoice.id);
    expect(listed).toMatchObject({ id: link.id, openCount: 2, state: 'active' });
    expect(listed?.lastOpenedAt).not.toBeNull();

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'like', 'document_link.%')
      .execute();
    expect(audit).toEqual([{ action: 'document_link.create', entity_id: String(invoice.id) }]);
  });

  it('refuses expired, revoked and unknown tokens alike, and records each miss', async () => {
    const { db } = database();
    const { m01, issue } = await setup(db);
    const invoice = await issue(m01);
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    const expired = await createDocumentLink(db, manager, invoice.id, {}, longAgo);
    expect(expired.link.state).toBe('active'); // at the time it was created
    const revoked = await createDocumentLink(db, manager, invoice.id, { expiresInDays: 7 });
    const after = await revokeDocumentLink(db, manager, invoice.id, revoked.link.id);
    expect(after).toMatchObject({ state: 'revoked', openCount: 0 });
    expect((await refusal(revokeDocumentLink(db, manager, invoice.id, revoked.link.id))).kind).toBe('conflict');

    const messages = new Set<string>();
    for (const token of [expired.token, revoked.token, 'A'.repeat(43), 'not-a-token']) {
      const error = await refusal(openDocumentLink(db, token, { ip: '203.0.113.9' }));
      expect(error.kind).toBe('not_found');
      messages.add(error.message);
    }
    // nothing tells an expired link from a revoked or an unknown one
    expect(messages.size).toBe(1);
    expect([...messages][0]).not.toContain(expired.token);
    const misses = await db.selectFrom('document_link_misses').select('ip').execute();
    expect(misses).toHaveLength(4);
    const links = await listDocumentLinks(db, manager, invoice.id);
    expect(links.map((l) => [l.state, l.openCount])).toEqual([
      ['revoked', 0],
      ['expired', 0],
    ]);
    const audit = await db.selectFrom('audit_log').select('action').where('action', '=', 'document_link.revoke').execute();
    expect(audit).toHaveLength(1);
  });

  it('makes an address that guessed too often wait, even with a good token', async () => {
    const { db } = database();
    const { m01, issue } = await setup(db);
    const invoice = await issue(m01);
    const { token } = await createDocumentLink(db, manager, invoice.id);
    for (let i = 0; i < LINK_MISS_LIMIT.perAddress; i++) {
      await db.insertInto('document_link_misses').values({ ip: '192.0.2.1' }).execute();
    }
    const error = await refusal(openDocumentLink(db, token, { ip: '192.0.2.1' }));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(LINK_MISS_LIMIT.windowMinutes * 60);
    // another address is not concerned
    expect((await openDocumentLink(db, token, { ip: '192.0.2.2' })).number).toBe(`FA-${YEAR}-00001`);
  });

  it("keeps an entrepreneur to their member's documents and links, and the accountant to reading them", async () => {
    const { db } = database();
    const { m01, m02, entrepreneur, issue } = await setup(db);
    const mine = await issue(m01);
    const theirs = await issue(m02);
    const { link } = await createDocumentLink(db, manager, theirs.id);
    expect((await refusal(createDocumentLink(db, entrepreneur, theirs.id))).kind).toBe('not_found');
    expect((await refusal(listDocumentLinks(db, entrepreneur, theirs.id))).kind).toBe('not_found');
    expect((await refusal(revokeDocumentLink(db, entrepreneur, theirs.id, link.id))).kind).toBe('not_found');
    // a link id of another document is not reachable through one's own
    expect((await refusal(revokeDocumentLink(db, entrepreneur, mine.id, link.id))).kind).toBe('not_found');
    const accountant: Actor = { userId: 0, role: 'accountant', memberId: null };
    expect((await refusal(createDocumentLink(db, accountant, mine.id))).kind).toBe('forbidden');
    expect(await listDocumentLinks(db, accountant, theirs.id)).toHaveLength(1);
    expect(await db.selectFrom('document_links').select('id').execute()).toHaveLength(1);
  });

  it('gives links only for issued invoices and credit notes and sent quotes, and names the fields of bad input', async () => {
    const { db } = database();
    const { m01, customerId, issue } = await setup(db);
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId: m01, customerId, lines: LINES });
    expect((await refusal(createDocumentLink(db, manager, draft.id))).kind).toBe('conflict');
    const quote = await createSalesDraft(db, manager, { kind: 'quote', memberId: m01, customerId, lines: LINES });
    expect((await refusal(createDocumentLink(db, manager, quote.id))).message).toMatch(/only a sent quote/);
    const sent = await sendQuote(db, manager, quote.id);
    // a sent quote's link opens the quote's PDF, under its own number
    const quoteLink = await createDocumentLink(db, manager, quote.id);
    const openedQuote = await openDocumentLink(db, quoteLink.token, { ip: '198.51.100.8' });
    expect(openedQuote.number).toBe(sent.number);
    expect(new TextDecoder('latin1').decode(openedQuote.pdf.slice(0, 5))).toBe('%PDF-');
    const invoice = await issue(m01);
    const bad = await refusal(createDocumentLink(db, manager, invoice.id, { recipientEmail: 'compta@', expiresInDays: 365 }));
    expect(bad.kind).toBe('invalid');
    expect(bad.errors.map((e) => e.path)).toEqual(['recipientEmail', 'expiresInDays']);
    expect(await db.selectFrom('document_links').select('document_id').execute()).toEqual([{ document_id: quote.id }]);
  });

  it('lets the database refuse links to drafts, changed tokens and deletions', async () => {
    const { db } = database();
    const { m01, customerId, issue } = await setup(db);
    const draft = await createSalesDraft(db, manager, { kind: 'invoice', memberId: m01, customerId, lines: LINES });
    await expect(
      db
        .insertInto('document_links')
        .values({ document_id: draft.id, token_sha256: 'a'.repeat(64) })
        .execute(),
    ).rejects.toThrow(/issued invoice or credit note/);
    const invoice = await issue(m01);
    const { link } = await createDocumentLink(db, manager, invoice.id);
    await expect(
      db
        .updateTable('document_links')
        .set({ token_sha256: 'b'.repeat(64) })
        .where('id', '=', link.id)
        .execute(),
    ).rejects.toThrow(/only gets revoked or opened/);
    await expect(db.deleteFrom('document_links').where('id', '=', link.id).execute()).rejects.toThrow(/never deleted/);
    await revokeDocumentLink(db, manager, invoice.id, link.id);
    await expect(
      db.updateTable('document_links').set({ revoked_at: null, revoked_by: null }).where('id', '=', link.id).execute(),
    ).rejects.toThrow(/only gets revoked or opened/);
    const count = await sql<{ n: string }>`select count(*)::text as n from document_links where revoked_at is not null`.execute(
      db,
    );
    expect(count.rows[0]?.n).toBe('1');
  });

  it('writes the e-mail in French with the number, the amount TTC and the due date', async () => {
    const { db } = database();
    const { m01, issue } = await setup(db);
    const invoice = await issue(m01);
    const shared = await shareDocument(db, manager, invoice.id, {
      baseUrl: 'https://gie.example.ma',
      recipientEmail: 'compta@dartetouan.ma',
    });
    expect(shared.url).toMatch(/^https:\/\/gie\.example\.ma\/api\/public\/documents\/[A-Za-z0-9_-]{43}\.pdf$/);
    expect(shared.subject).toContain(`Facture FA-${YEAR}-00001`);
    const due = invoice.dueDate!.split('-').reverse().join('/');
    expect(shared.body).toContain(
      `la facture FA-${YEAR}-00001 d'un montant de 10 082,08 MAD TTC, payable au plus tard le ${due}`,
    );
    expect(shared.body).toContain(shared.url);
    expect(shared.mailto.startsWith('mailto:compta@dartetouan.ma?subject=')).toBe(true);
    const params = new URLSearchParams(shared.mailto.slice(shared.mailto.indexOf('?') + 1));
    expect(params.get('subject')).toBe(shared.subject);
    expect(params.get('body')).toBe(shared.body);
    const opened = await openDocumentLink(db, shared.url.slice(shared.url.lastIndexOf('/') + 1, -4), { ip: '198.51.100.1' });
    expect(opened.number).toBe(invoice.number);

    const note = documentLinkMail({
      gieName: 'GIE',
      kind: 'credit_note',
      number: `AV-${YEAR}-00001`,
      ttc: '1250.5',
      dueDate: '2026-12-01',
      url: 'https://x/y.pdf',
      expiresAt: '2026-12-31T10:00:00.000Z',
      recipientEmail: null,
    });
    expect(note.body).toContain(`l'avoir AV-${YEAR}-00001 d'un montant de 1 250,50 MAD TTC, à télécharger`);
    expect(note.body).not.toContain('payable');
    expect(note.body).toContain("valable jusqu'au 31/12/2026");
    expect(note.mailto.startsWith('mailto:?subject=')).toBe(true);
  });

  it('tells the state of a link: revoked beats expired', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(linkState({ revokedAt: null, expiresAt: '2026-06-02T00:00:00Z' }, now)).toBe('active');
    expect(linkState({ revokedAt: null, expiresAt: '2026-06-01T12:00:00Z' }, now)).toBe('expired');
    expect(linkState({ revokedAt: '2026-05-01T00:00:00Z', expiresAt: '2026-05-02T00:00:00Z' }, now)).toBe('revoked');
  });
});

describeWithDatabase('the validation queue: sending a submitted draft back', (database) => {
  it('returns a submitted draft to its entrepreneur with the reason, audited, until it is submitted again', async () => {
    const { db } = database();
    const { m01, customerId, entrepreneur } = await setup(db);
    const draft = await createSalesDraft(db, entrepreneur, { kind: 'invoice', memberId: m01, customerId, lines: LINES });
    expect((await refusal(returnSalesDocument(db, manager, draft.id, 'trop tôt'))).kind).toBe('conflict');
    await submitSalesDocument(db, entrepreneur, draft.id);
    const blank = await refusal(returnSalesDocument(db, manager, draft.id, '   '));
    expect(blank.errors.map((e) => e.path)).toEqual(['reason']);
    expect((await refusal(returnSalesDocument(db, entrepreneur, draft.id, 'moi-même'))).kind).toBe('forbidden');
    expect((await getSalesDocument(db, manager, draft.id)).status).toBe('submitted');

    const returned = await returnSalesDocument(db, manager, draft.id, "  Ajoutez l'ICE du client  ");
    expect(returned).toMatchObject({ status: 'draft', returnReason: "Ajoutez l'ICE du client", number: null });
    expect(returned.returnedAt).not.toBeNull();
    expect((await getSalesDocument(db, entrepreneur, draft.id)).returnReason).toBe("Ajoutez l'ICE du client");
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'invoice.return')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ status: 'draft', reason: "Ajoutez l'ICE du client" });

    const again = await submitSalesDocument(db, entrepreneur, draft.id);
    expect(again).toMatchObject({ status: 'submitted', returnReason: null, returnedAt: null });
    const issued = await issueSalesDocument(db, manager, draft.id, { issueDate: `${YEAR}-03-20` });
    expect(issued.number).toBe(`FA-${YEAR}-00001`);
  });
});
