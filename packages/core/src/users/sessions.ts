// Signing in and out: password check with rate limiting, server-side sessions with a CSRF token each.
// The session token is given to the browser once; the database keeps only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { type Actor, auditActorId } from './actor.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { normaliseEmail, toUser, type User } from './users.ts';

export const SESSION_HOURS = 12;

/** Failed attempts allowed per login, and per client address, within the window. */
export const LOGIN_LIMITS = { windowMinutes: 15, perLogin: 5, perAddress: 30 } as const;

export interface OpenedSession {
  /** The secret for the cookie; not stored anywhere. */
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: User;
}

export interface CurrentSession {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export function actorOf(user: User): Actor {
  return { userId: user.id, role: user.role, memberId: user.memberId };
}

/**
 * Checks a login and password and opens a session. Refuses with `rate_limited` once a login or an address has
 * failed too often in the window, and spends the same time whether or not the login exists.
 */
export async function login(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string; now?: Date },
): Promise<OpenedSession> {
  const email = normaliseEmail(input.email);
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000).toISOString();
  const failures = await db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('login', '=', email).as('by_login'),
      eb.fn.countAll<string>().filterWhere('ip', '=', input.ip).as('by_ip'),
    ])
    .where('succeeded', '=', false)
    .where('at', '>=', since)
    .where((eb) => eb.or([eb('login', '=', email), eb('ip', '=', input.ip)]))
    .executeTakeFirstOrThrow();
  if (Number(failures.by_login) >= LOGIN_LIMITS.perLogin || Number(failures.by_ip) >= LOGIN_LIMITS.perAddress) {
    throw new DomainError(
      'rate_limited',
      `too many failed sign-in attempts; try again in ${LOGIN_LIMITS.windowMinutes} minutes`,
      [],
      LOGIN_LIMITS.windowMinutes * 60,
    );
  }

  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const matches = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
  const ok = Boolean(row && matches && row.active);

  return inTransaction(db, async (trx) => {
    await trx.insertInto('login_attempts').values({ login: email, ip: input.ip, succeeded: ok, at: now.toISOString() }).execute();
    if (!ok || !row) {
      return null;
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
    await trx
      .insertInto('sessions')
      .values({ id: digest(token), user_id: row.id, csrf_token: csrfToken, expires_at: expiresAt })
      .execute();
    await recordAudit(trx, { actorUserId: row.id, action: 'session.login', entity: 'user', entityId: row.id });
    return { token, csrfToken, expiresAt, user: toUser(row) };
  }).then((opened) => {
    // the failed attempt is committed first, so that it counts even though the request fails
    if (!opened) throw new DomainError('unauthenticated', 'e-mail or password incorrect, or account inactive');
    return opened;
  });
}

/** The session of a cookie token, if it exists, has not expired, and its user is active. */
export async function findSession(db: Kysely<Database>, token: string, now = new Date()): Promise<CurrentSession | null> {
  if (!token) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id', '=', digest(token))
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

/** Ends the session of a token (signing out). */
export async function logout(db: Kysely<Database>, token: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const ended = await trx.deleteFrom('sessions').where('id', '=', digest(token)).executeTakeFirst();
    if (ended.numDeletedRows > 0n) {
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'session.logout',
        entity: 'user',
        entityId: actor.userId,
      });
    }
  });
}
