// The entrepreneurs of a member: the natural persons who act for it, each with their own sign-in (role
// entrepreneur, tied to that member) so that they see their member's data and nothing else.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, notFound } from '../errors.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { createUser, updateUser } from '../users/users.ts';
import { assertStaff, getMember } from './registry.ts';

export interface Entrepreneur {
  id: number;
  memberId: number;
  firstName: string;
  lastName: string;
  cin: string | null;
  phone: string | null;
  email: string | null;
  userId: number | null;
  active: boolean;
  createdAt: string;
}

export interface NewEntrepreneurInput {
  firstName: string;
  lastName: string;
  cin?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Opens a sign-in for the entrepreneur with this password (needs an e-mail). */
  password?: string;
  locale?: 'fr' | 'ar' | 'en';
}

const CIN = /^[A-Z]{1,2}\d{1,6}$/;

type Row = {
  id: number;
  member_id: number;
  first_name: string;
  last_name: string;
  cin: string | null;
  phone: string | null;
  email: string | null;
  user_id: number | null;
  active: boolean;
  created_at: string;
};

const toEntrepreneur = (r: Row): Entrepreneur => ({
  id: r.id,
  memberId: r.member_id,
  firstName: r.first_name,
  lastName: r.last_name,
  cin: r.cin,
  phone: r.phone,
  email: r.email,
  userId: r.user_id,
  active: r.active,
  createdAt: r.created_at,
});

export async function listEntrepreneurs(db: Kysely<Database>, actor: Actor, memberId: number): Promise<Entrepreneur[]> {
  await getMember(db, actor, memberId);
  const rows = await db
    .selectFrom('entrepreneurs')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  return rows.map(toEntrepreneur);
}

/** Attaches an entrepreneur to a member, with a sign-in when a password is given. */
export async function addEntrepreneur(
  db: Kysely<Database>,
  actor: Actor,
  memberId: number,
  input: NewEntrepreneurInput,
): Promise<Entrepreneur> {
  assertStaff(actor);
  const errors: Array<{ path: string; message: string }> = [];
  const cin = input.cin?.trim().toUpperCase() || null;
  if (!input.firstName.trim()) errors.push({ path: 'firstName', message: 'required' });
  if (!input.lastName.trim()) errors.push({ path: 'lastName', message: 'required' });
  if (cin !== null && !CIN.test(cin))
    errors.push({
      path: 'cin',
      message: `expected a CIN such as "K123456" (1-2 letters, up to 6 digits), received "${input.cin}"`,
    });
  if (input.password !== undefined && !input.email) errors.push({ path: 'email', message: 'required to open a sign-in' });
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  return inTransaction(db, async (trx) => {
    const member = await getMember(trx, actor, memberId);
    if (member.status === 'withdrawn') {
      throw new DomainError('conflict', `member ${member.legalName} has withdrawn`, [
        { path: 'memberId', message: 'withdrawn member' },
      ]);
    }
    const user =
      input.password === undefined
        ? null
        : await createUser(trx, actor, {
            email: input.email ?? '',
            displayName: `${input.firstName.trim()} ${input.lastName.trim()}`,
            role: 'entrepreneur',
            memberId,
            password: input.password,
            ...(input.locale ? { locale: input.locale } : {}),
          });
    const row = await trx
      .insertInto('entrepreneurs')
      .values({
        member_id: memberId,
        first_name: input.firstName.trim(),
        last_name: input.lastName.trim(),
        cin,
        phone: input.phone?.trim() || null,
        email: user?.email ?? (input.email?.trim().toLowerCase() || null),
        user_id: user?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const entrepreneur = toEntrepreneur(row);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'entrepreneur.create',
      entity: 'entrepreneur',
      entityId: row.id,
      after: entrepreneur,
    });
    return entrepreneur;
  });
}

/** Deactivates an entrepreneur and the sign-in that goes with them (their sessions end). */
export async function deactivateEntrepreneur(
  db: Kysely<Database>,
  actor: Actor,
  memberId: number,
  id: number,
): Promise<Entrepreneur> {
  assertStaff(actor);
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('entrepreneurs')
      .selectAll()
      .where('id', '=', id)
      .where('member_id', '=', memberId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('entrepreneur', id);
    const row = await trx
      .updateTable('entrepreneurs')
      .set({ active: false })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.user_id !== null) await updateUser(trx, actor, row.user_id, { active: false });
    const after = toEntrepreneur(row);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'entrepreneur.deactivate',
      entity: 'entrepreneur',
      entityId: id,
      before: toEntrepreneur(current),
      after,
    });
    return after;
  });
}
