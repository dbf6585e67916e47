// Links that let a customer download the PDF of an issued document without signing in: the database keeps only the
// SHA-256 of each 256-bit token; a link expires and can be revoked, and counts its openings. Failed look-ups are
// recorded per address so that tokens cannot be guessed by brute force. Drafts sent back to their entrepreneur
// keep the manager's reason. Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const UP = [
  `create table document_links (
    id integer generated always as identity primary key,
    document_id integer not null references sales_documents (id),
    token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
    recipient_email text check (recipient_email is null or recipient_email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
    expires_at timestamptz not null default now() + interval '30 days',
    revoked_at timestamptz,
    revoked_by integer references users (id),
    created_by integer references users (id),
    created_at timestamptz not null default now(),
    open_count integer not null default 0 check (open_count >= 0),
    last_opened_at timestamptz,
    constraint document_links_expiry check (expires_at > created_at)
  )`,
  `create index document_links_document_idx on document_links (document_id)`,

  // a link is given only for a document whose content is final: an issued invoice or credit note, a sent quote;
  // afterwards only its revocation (once, for good) and its openings change, and it is never deleted
  `create function document_links_guard() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      raise exception 'document links are revoked, never deleted' using errcode = '55000';
    end if;
    if tg_op = 'INSERT' then
      if not exists (
        select from sales_documents d where d.id = new.document_id
          and (d.status = 'issued' or (d.kind = 'quote' and d.status in ('sent', 'accepted')))
      ) then
        raise exception 'a link is given only for an issued invoice or credit note, or a sent quote' using errcode = '23514';
      end if;
      return new;
    end if;
    if row(new.id, new.document_id, new.token_sha256, new.recipient_email, new.expires_at, new.created_by, new.created_at)
       is distinct from
       row(old.id, old.document_id, old.token_sha256, old.recipient_email, old.expires_at, old.created_by, old.created_at)
      or (old.revoked_at is not null and row(new.revoked_at, new.revoked_by) is distinct from row(old.revoked_at, old.revoked_by))
      or new.open_count < old.open_count then
      raise exception 'a document link only gets revoked or opened' using errcode = '55000';
    end if;
    return new;
  end $$`,
  `create trigger document_links_guard before insert or update or delete on document_links
    for each row execute function document_links_guard()`,

  // unknown, expired or revoked tokens asked for, per client address: too many in a window and the address waits
  `create table document_link_misses (
    id bigint generated always as identity primary key,
    ip text not null,
    at timestamptz not null default now()
  )`,
  `create index document_link_misses_ip_idx on document_link_misses (ip, at)`,

  // the manager sends a submitted draft back to its entrepreneur with a reason (cleared when it is submitted again)
  `alter table sales_documents add column return_reason text`,
  `alter table sales_documents add column returned_at timestamptz`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'alter table sales_documents drop column returned_at',
    'alter table sales_documents drop column return_reason',
    'drop table document_link_misses',
    'drop table document_links',
    'drop function document_links_guard()',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
