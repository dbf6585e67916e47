// The Kysely view of the database: one interface per table, the row types every repository uses.
// Keep it in step with migrations/ (the migrations are the truth; this file describes them).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** An ISO timestamp read as a string, written as a string or left to its default. */
export type Timestamp = ColumnType<string, string | undefined, string>;
/** A numeric read as a string (never a float) and written from a string. */
export type Numeric = ColumnType<string, string, string>;

export const ROLES = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['fr', 'ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface MembersTable {
  id: Generated<number>;
  code: string;
  legal_name: string;
  status: Generated<string>;
  created_at: Generated<string>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: Role;
  member_id: number | null;
  password_hash: string;
  locale: Generated<Locale>;
  active: Generated<boolean>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<string>;
  expires_at: string;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  login: string;
  ip: string;
  succeeded: boolean;
  at: Generated<string>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<string>;
  actor_user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown | null;
  after: unknown | null;
}

export interface Database {
  members: MembersTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}

export type MemberRow = Selectable<MembersTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
