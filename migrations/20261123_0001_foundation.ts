// Foundation: members (the minimum the accounts need), users, sessions, login attempts, and the audit log.
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const UP = [
  `
    create table members (
        id integer generated always as identity primary key,
        code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'),
        legal_name text not null check (length(trim(legal_name)) > 0),
        status text not null default 'candidate'
          check (status in ('candidate', 'admitted', 'active', 'suspended', 'withdrawn')),
        created_at timestamptz not null default now()
      )
  `,
  `
    create table users (
        id integer generated always as identity primary key,
        email text not null check (email = lower(email) and email like '%_@_%'),
        display_name text not null check (length(trim(display_name)) > 0),
        role text not null check (role in ('admin', 'manager', 'accountant', 'committee', 'entrepreneur')),
        member_id integer references members (id),
        password_hash text not null,
        locale text not null default 'fr' check (locale in ('fr', 'ar', 'en')),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        -- an entrepreneur acts for exactly one member; nobody else is tied to one
        constraint users_member_for_entrepreneurs check ((role = 'entrepreneur') = (member_id is not null))
      )
  `,
  `
    create unique index users_email_key on users (email)
  `,
  `
    create table sessions (
        id text primary key,
        user_id integer not null references users (id) on delete cascade,
        csrf_token text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      )
  `,
  `
    create index sessions_user_idx on sessions (user_id)
  `,
  `
    create table login_attempts (
        id bigint generated always as identity primary key,
        login text not null,
        ip text not null,
        succeeded boolean not null,
        at timestamptz not null default now()
      )
  `,
  `
    create index login_attempts_login_idx on login_attempts (login, at)
  `,
  `
    create index login_attempts_ip_idx on login_attempts (ip, at)
  `,
  `
    create table audit_log (
        id bigint generated always as identity primary key,
        at timestamptz not null default now(),
        actor_user_id integer references users (id),
        action text not null,
        entity text not null,
        entity_id text,
        before jsonb,
        after jsonb
      )
  `,
  `
    create index audit_log_entity_idx on audit_log (entity, entity_id)
  `,
  `
    -- The audit log is append-only: no code path may rewrite history.
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op using errcode = '55000';
      end $$
  `,
  `
    create trigger audit_log_append_only before update or delete on audit_log
        for each row execute function audit_log_append_only()
  `,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table audit_log',
    'drop function audit_log_append_only()',
    'drop table login_attempts',
    'drop table sessions',
    'drop table users',
    'drop table members',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
