// A member's logo for its documents: stored with the member, checked by its bytes, audited when it changes.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { checkLogo, type ImageType } from '../documents/images.ts';
import { notFound } from '../errors.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertStaff, getMember } from './registry.ts';

export async function setMemberLogo(db: Kysely<Database>, actor: Actor, id: number, bytes: Uint8Array | null): Promise<void> {
  const type = bytes === null ? null : checkLogo(bytes);
  assertStaff(actor);
  await inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('members')
      .set({ logo: bytes, logo_media_type: type, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw notFound('member', id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: bytes ? 'member.logo.set' : 'member.logo.remove',
      entity: 'member',
      entityId: id,
      after: bytes ? { mediaType: type, bytes: bytes.length } : null,
    });
  });
}

export async function getMemberLogo(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
): Promise<{ bytes: Uint8Array; mediaType: ImageType } | null> {
  await getMember(db, actor, id);
  const row = await db.selectFrom('members').select(['logo', 'logo_media_type']).where('id', '=', id).executeTakeFirst();
  if (!row?.logo || !row.logo_media_type) return null;
  return { bytes: row.logo, mediaType: row.logo_media_type as ImageType };
}
