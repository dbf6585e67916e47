// User accounts and their roles: creation, changes and listing, each change written to the audit log.
// An entrepreneur belongs to exactly one member; the other roles belong to the GIE.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Database, LOCALES, type Locale, ROLES, type Role, type UserRow } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, invalid, notFound, sqlState } from '../errors.ts';
import { type Actor, auditActorId } from './actor.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.ts';

/** A user as anyone outside the database sees it: never the password hash. */
export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  memberId: number | null;
  locale: Locale;
  active: boolean;
  createdAt: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    memberId: row.member_id,
    locale: row.locale,
    active: row.active,
    createdAt: row.created_at,
  };
}

export interface NewUserInput {
  email: string;
  displayName: string;
  role: Role;
  memberId?: number | null;
  password: string;
  locale?: Locale;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  memberId?: number | null;
  password?: string;
  locale?: Locale;
  active?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', `expected at least ${MIN_PASSWORD_LENGTH} characters, received ${password.length}`);
  }
}

async function checkMemberLink(db: Kysely<Database>, role: Role, memberId: number | null): Promise<void> {
  if (role === 'entrepreneur' && memberId === null) {
    throw invalid('memberId', 'an entrepreneur must belong to a member');
  }
  if (role !== 'entrepreneur' && memberId !== null) {
    throw invalid('memberId', `only entrepreneurs belong to a member, not the role ${role}`);
  }
  if (memberId !== null) {
    const member = await db.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst();
    if (!member) throw invalid('memberId', `member ${memberId} does not exist`);
  }
}

export async function createUser(db: Kysely<Database>, actor: Actor, input: NewUserInput): Promise<User> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw invalid('email', `expected an e-mail address, received "${input.email}"`);
  if (!ROLES.includes(input.role)) throw invalid('role', `expected one of ${ROLES.join(', ')}, received "${input.role}"`);
  if (input.locale !== undefined && !LOCALES.includes(input.locale)) {
    throw invalid('locale', `expected one of ${LOCALES.join(', ')}, received "${input.locale}"`);
  }
  if (!input.displayName.trim()) throw invalid('displayName', 'expected a name, received an empty text');
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const memberId = input.memberId ?? null;
    await checkMemberLink(trx, input.role, memberId);
    try {
      const row = await trx
        .insertInto('users')
        .values({
          email,
          display_name: input.displayName.trim(),
          role: input.role,
          member_id: memberId,
          password_hash: passwordHash,
          locale: input.locale ?? 'fr',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const user = toUser(row);
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        after: user,
      });
      return user;
    } catch (error) {
      if (sqlState(error) === '23505') {
        throw new DomainError('conflict', `email: ${email} is already used by another user`, [
          { path: 'email', message: `${email} is already used by another user` },
        ]);
      }
      throw error;
    }
  });
}

export async function updateUser(db: Kysely<Database>, actor: Actor, id: number, changes: UserChanges): Promise<User> {
  if (changes.password !== undefined) checkPassword(changes.password);
  if (changes.displayName !== undefined && !changes.displayName.trim()) {
    throw invalid('displayName', 'expected a name, received an empty text');
  }
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('user', id);
    if (id === actor.userId && (changes.active === false || (changes.role !== undefined && changes.role !== current.role))) {
      throw new DomainError('conflict', 'you cannot deactivate yourself or change your own role', [
        { path: changes.active === false ? 'active' : 'role', message: 'not allowed on your own account' },
      ]);
    }
    const role = changes.role ?? current.role;
    const memberId = changes.memberId !== undefined ? changes.memberId : role === 'entrepreneur' ? current.member_id : null;
    await checkMemberLink(trx, role, memberId);
    const row = await trx
      .updateTable('users')
      .set({
        display_name: changes.displayName?.trim() ?? current.display_name,
        role,
        member_id: memberId,
        locale: changes.locale ?? current.locale,
        active: changes.active ?? current.active,
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (passwordHash || row.active === false) {
      // a new password or a deactivation ends the sessions opened with the old state
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    const before = toUser(current);
    const after = toUser(row);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: passwordHash ? 'user.update+password' : 'user.update',
      entity: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map(toUser);
}

export async function getUser(db: Kysely<Database>, id: number): Promise<User> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user', id);
  return toUser(row);
}
