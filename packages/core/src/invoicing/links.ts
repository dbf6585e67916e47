// Links that let a customer download the PDF of an issued invoice or credit note without signing in: created by the
// manager or the member's entrepreneur, listed, revoked, and opened by their token (counted, rate-limited per address).
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { renderDocumentPdf } from '../documents/pdf/index.ts';
import { DomainError, type FieldError, invalid, notFound } from '../errors.ts';
import { getGieSettings } from '../gie/settings.ts';
import { formatAmount } from '../money/index.ts';
import { type Actor, auditActorId, SYSTEM_ACTOR } from '../users/actor.ts';
import { getSalesDocument, previewSnapshot, type SalesDocument } from './documents.ts';

/** How long a link lives unless told otherwise, and at most. */
export const LINK_DAYS = { default: 30, max: 90 } as const;

/** Unknown, expired or revoked tokens an address may ask for within the window before it has to wait. */
export const LINK_MISS_LIMIT = { windowMinutes: 15, perAddress: 30 } as const;

export type DocumentLinkState = 'active' | 'expired' | 'revoked';

export interface DocumentLink {
  id: number;
  documentId: number;
  recipientEmail: string | null;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  createdBy: number | null;
  openCount: number;
  lastOpenedAt: string | null;
  state: DocumentLinkState;
}

export interface CreatedDocumentLink {
  link: DocumentLink;
  /** The secret of the link, given once: the database keeps only its SHA-256. */
  token: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
/** 256 random bits in base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Where a link stands at a moment: revoked beats expired. */
export function linkState(link: { revokedAt: string | null; expiresAt: string }, now: Date = new Date()): DocumentLinkState {
  if (link.revokedAt) return 'revoked';
  return new Date(link.expiresAt).getTime() <= now.getTime() ? 'expired' : 'active';
}

type LinkRow = {
  id: number;
  document_id: number;
  recipient_email: string | null;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
  created_by: number | null;
  open_count: number;
  last_opened_at: string | null;
};

function toLink(row: LinkRow, now: Date): DocumentLink {
  const link = {
    id: row.id,
    documentId: row.document_id,
    recipientEmail: row.recipient_email,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    openCount: row.open_count,
    lastOpenedAt: row.last_opened_at,
  };
  return { ...link, state: linkState(link, now) };
}

/** Only the manager (or admin) and the member's own entrepreneurs hand out or revoke its documents' links. */
function assertMayShare(actor: Actor, doc: SalesDocument): void {
  if (actor.role === 'entrepreneur' ? actor.memberId !== doc.memberId : !['admin', 'manager'].includes(actor.role)) {
    throw new DomainError('forbidden', "only the manager or the member's own entrepreneurs send a document's link");
  }
}

/** A document whose PDF can be sent: issued invoices and credit notes (their frozen snapshot), sent quotes. */
function assertShareable(doc: SalesDocument): void {
  if (doc.kind === 'quote') {
    if (doc.status !== 'sent' && doc.status !== 'accepted') {
      throw new DomainError('conflict', `only a sent quote is sent to the customer; this one is ${doc.status}`);
    }
  } else if (doc.status !== 'issued') {
    throw new DomainError('conflict', `only an issued ${doc.kind === 'invoice' ? 'invoice' : 'credit note'} has a PDF to send`);
  }
}

/** Creates a link to the PDF of an issued document, valid `expiresInDays` (30 by default, 90 at most). */
export async function createDocumentLink(
  db: Kysely<Database>,
  actor: Actor,
  documentId: number,
  input: { recipientEmail?: string | null; expiresInDays?: number } = {},
  now: Date = new Date(),
): Promise<CreatedDocumentLink> {
  const email = input.recipientEmail?.trim() || null;
  const days = input.expiresInDays ?? LINK_DAYS.default;
  const errors: FieldError[] = [];
  if (email && (!EMAIL.test(email) || email.length > 254))
    errors.push({ path: 'recipientEmail', message: `expected an e-mail address, received "${email}"` });
  if (!Number.isInteger(days) || days < 1 || days > LINK_DAYS.max)
    errors.push({
      path: 'expiresInDays',
      message: `expected a whole number of days from 1 to ${LINK_DAYS.max}, received ${days}`,
    });
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  return inTransaction(db, async (trx) => {
    const doc = await getSalesDocument(trx, actor, documentId);
    assertMayShare(actor, doc);
    assertShareable(doc);
    const token = randomBytes(32).toString('base64url');
    const row = await trx
      .insertInto('document_links')
      .values({
        document_id: doc.id,
        token_sha256: digest(token),
        recipient_email: email,
        expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
        created_by: auditActorId(actor),
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const link = toLink(row, now);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'document_link.create',
      entity: 'sales_document',
      entityId: doc.id,
      after: { linkId: link.id, number: doc.number, recipientEmail: email, expiresAt: link.expiresAt },
    });
    return { link, token };
  });
}

/** The links of a document the actor may see, newest first. */
export async function listDocumentLinks(
  db: Kysely<Database>,
  actor: Actor,
  documentId: number,
  now: Date = new Date(),
): Promise<DocumentLink[]> {
  const doc = await getSalesDocument(db, actor, documentId);
  const rows = await db
    .selectFrom('document_links')
    .selectAll()
    .where('document_id', '=', doc.id)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => toLink(r, now));
}

/** Revokes a link for good: its token then answers "not found". */
export async function revokeDocumentLink(
  db: Kysely<Database>,
  actor: Actor,
  documentId: number,
  linkId: number,
  now: Date = new Date(),
): Promise<DocumentLink> {
  return inTransaction(db, async (trx) => {
    const doc = await getSalesDocument(trx, actor, documentId);
    const current = await trx
      .selectFrom('document_links')
      .selectAll()
      .where('id', '=', linkId)
      .where('document_id', '=', doc.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('link', linkId);
    assertMayShare(actor, doc);
    if (current.revoked_at) throw new DomainError('conflict', `link ${linkId} was already revoked on ${current.revoked_at}`);
    const row = await trx
      .updateTable('document_links')
      .set({ revoked_at: now.toISOString(), revoked_by: auditActorId(actor) })
      .where('id', '=', linkId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const link = toLink(row, now);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'document_link.revoke',
      entity: 'sales_document',
      entityId: doc.id,
      before: { linkId, state: linkState({ revokedAt: null, expiresAt: current.expires_at }, now) },
      after: { linkId, state: link.state, revokedAt: link.revokedAt },
    });
    return link;
  });
}

/** The same answer for every token that does not open a PDF, so that nothing tells them apart. */
const NO_LINK = () => new DomainError('not_found', 'this link does not exist, has expired or was revoked');

/**
 * Opens a link: the PDF of its document, regenerated from the issued snapshot exactly as the signed-in download
 * does, and one more opening counted. An address that asked for too many unknown, expired or revoked tokens in the
 * window is refused (`rate_limited`) before anything is looked up.
 */
export async function openDocumentLink(
  db: Kysely<Database>,
  token: string,
  client: { ip: string; now?: Date },
): Promise<{ number: string; pdf: Uint8Array }> {
  const now = client.now ?? new Date();
  const since = new Date(now.getTime() - LINK_MISS_LIMIT.windowMinutes * 60_000).toISOString();
  const misses = await db
    .selectFrom('document_link_misses')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ip', '=', client.ip)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  if (Number(misses.n) >= LINK_MISS_LIMIT.perAddress) {
    throw new DomainError(
      'rate_limited',
      `too many unknown links asked for; try again in ${LINK_MISS_LIMIT.windowMinutes} minutes`,
      [],
      LINK_MISS_LIMIT.windowMinutes * 60,
    );
  }
  // one statement checks the link and counts the opening: two downloads at once both count
  const opened = TOKEN.test(token)
    ? await db
        .updateTable('document_links')
        .set((eb) => ({ open_count: eb('open_count', '+', 1), last_opened_at: now.toISOString() }))
        .where('token_sha256', '=', digest(token))
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .returning('document_id')
        .executeTakeFirst()
    : undefined;
  if (!opened) {
    await db.insertInto('document_link_misses').values({ ip: client.ip, at: now.toISOString() }).execute();
    throw NO_LINK();
  }
  const snapshot = await previewSnapshot(db, SYSTEM_ACTOR, opened.document_id);
  return { number: snapshot.number, pdf: await renderDocumentPdf(snapshot) };
}

/**
 * The ready-to-send e-mail of a link, in French: subject and body naming the document's number, its amount TTC
 * and, for an invoice, its due date. A `mailto:` URL opens it in the sender's mail client.
 */
export function documentLinkMail(input: {
  gieName: string;
  kind: 'invoice' | 'credit_note' | 'quote';
  number: string;
  ttc: string;
  dueDate: string | null;
  url: string;
  expiresAt: string;
  recipientEmail: string | null;
}): { subject: string; body: string; mailto: string } {
  const what = input.kind === 'credit_note' ? 'Avoir' : input.kind === 'quote' ? 'Devis' : 'Facture';
  const article = input.kind === 'credit_note' ? "l'avoir" : input.kind === 'quote' ? 'le devis' : 'la facture';
  const frenchDate = (iso: string) => {
    const [y, m, d] = iso.slice(0, 10).split('-');
    return `${d}/${m}/${y}`;
  };
  const amount = formatAmount(input.ttc, 'fr').replace(/\u00A0/g, ' ');
  const subject = `${what} ${input.number} — ${input.gieName}`;
  const body = [
    'Bonjour,',
    '',
    `Veuillez trouver ${article} ${input.number} d'un montant de ${amount} TTC${
      input.kind === 'invoice' && input.dueDate ? `, payable au plus tard le ${frenchDate(input.dueDate)}` : ''
    }, à télécharger au format PDF :`,
    input.url,
    '',
    `Ce lien est valable jusqu'au ${frenchDate(input.expiresAt)}.`,
    '',
    'Cordialement,',
    input.gieName,
  ].join('\n');
  const to = input.recipientEmail ? encodeURIComponent(input.recipientEmail).replace(/%40/g, '@') : '';
  return {
    subject,
    body,
    mailto: `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`,
  };
}

/** Creates a link and its e-mail at once: what the "send the PDF link" action needs. */
export async function shareDocument(
  db: Kysely<Database>,
  actor: Actor,
  documentId: number,
  input: { recipientEmail?: string | null; expiresInDays?: number; baseUrl: string },
  now: Date = new Date(),
): Promise<{ link: DocumentLink; url: string; subject: string; body: string; mailto: string }> {
  if (!/^https?:\/\/[^/\s]+$/.test(input.baseUrl))
    throw invalid('baseUrl', `expected an origin such as https://gie.example.ma, received "${input.baseUrl}"`);
  const { link, token } = await createDocumentLink(db, actor, documentId, input, now);
  const [doc, settings] = await Promise.all([getSalesDocument(db, actor, documentId), getGieSettings(db)]);
  const url = `${input.baseUrl}/api/public/documents/${token}.pdf`;
  const mail = documentLinkMail({
    gieName: settings.name,
    kind: doc.kind,
    number: doc.number ?? '',
    ttc: doc.totals.ttc,
    dueDate: doc.dueDate,
    url,
    expiresAt: link.expiresAt,
    recipientEmail: link.recipientEmail,
  });
  return { link, url, ...mail };
}
