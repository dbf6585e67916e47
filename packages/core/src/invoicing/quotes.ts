// Quotes (devis): sent to the customer with a number of their own series, then accepted or refused; an accepted
// quote becomes a draft invoice with the same lines, and the quote is marked converted.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, notFound } from '../errors.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { createSalesDraft, getSalesDocument, type SalesDocument } from './documents.ts';

async function lockQuote(trx: Kysely<Database>, actor: Actor, id: number) {
  const quote = await trx.selectFrom('sales_documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (quote?.kind !== 'quote' || (actor.role === 'entrepreneur' && actor.memberId !== quote.member_id))
    throw notFound('quote', id);
  if (actor.role === 'entrepreneur' ? actor.memberId !== quote.member_id : !['admin', 'manager'].includes(actor.role)) {
    throw new DomainError('forbidden', "only the manager or the member's own entrepreneurs handle its quotes");
  }
  return quote;
}

/** Sends a draft quote: it gets its number (DV-2026-00001) and its lines are fixed. */
export async function sendQuote(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  date = new Date().toISOString().slice(0, 10),
): Promise<SalesDocument> {
  return inTransaction(db, async (trx) => {
    const quote = await lockQuote(trx, actor, id);
    if (quote.status !== 'draft') throw new DomainError('conflict', `quote ${quote.number} is already ${quote.status}`);
    await trx
      .updateTable('sales_documents')
      .set({ status: 'sent', issue_date: date, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    const sent = await getSalesDocument(trx, actor, id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'quote.send',
      entity: 'sales_document',
      entityId: id,
      after: { number: sent.number },
    });
    return sent;
  });
}

/** Records the customer's answer to a sent quote. */
export async function answerQuote(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  answer: 'accepted' | 'refused',
): Promise<SalesDocument> {
  return inTransaction(db, async (trx) => {
    const quote = await lockQuote(trx, actor, id);
    if (quote.status !== 'sent')
      throw new DomainError('conflict', `only a sent quote is accepted or refused; this one is ${quote.status}`);
    await trx
      .updateTable('sales_documents')
      .set({ status: answer, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: `quote.${answer}`,
      entity: 'sales_document',
      entityId: id,
    });
    return getSalesDocument(trx, actor, id);
  });
}

/** Turns an accepted quote into a draft invoice with the same lines; the quote is then converted. */
export async function convertQuote(db: Kysely<Database>, actor: Actor, id: number): Promise<SalesDocument> {
  return inTransaction(db, async (trx) => {
    const quote = await lockQuote(trx, actor, id);
    if (quote.status !== 'accepted')
      throw new DomainError('conflict', `only an accepted quote becomes an invoice; this one is ${quote.status}`);
    const content = await getSalesDocument(trx, actor, id);
    const invoice = await createSalesDraft(trx, actor, {
      kind: 'invoice',
      memberId: quote.member_id,
      customerId: quote.customer_id,
      paymentDays: quote.payment_days,
      notes: quote.notes,
      lines: content.lines.map(({ amount: _amount, ...line }) => line),
    });
    await trx.updateTable('sales_documents').set({ quote_id: id }).where('id', '=', invoice.id).execute();
    await trx
      .updateTable('sales_documents')
      .set({ status: 'converted', updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'quote.convert',
      entity: 'sales_document',
      entityId: id,
      after: { invoiceId: invoice.id },
    });
    return getSalesDocument(trx, actor, invoice.id);
  });
}
