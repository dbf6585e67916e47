// The audit log becomes a hash chain: each event stores the hash of the one before it and its own SHA-256 over a
// canonical text of its content, given by the database under the lock of one head row, so that any row altered,
// removed or inserted behind the application's back breaks the chain (`gie verify` walks it).
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const UP = [
  `alter table audit_log add column chain_seq bigint`,
  `alter table audit_log add column prev_hash text`,
  `alter table audit_log add column hash text`,
  // jsonb's text output is canonical (keys ordered, one spacing) and the same on PGlite and PostgreSQL; the time is
  // written in UTC to the microsecond so that the session's time zone never changes the text
  `create function audit_row_canonical(prev_hash text, id bigint, at timestamptz, actor_user_id integer, action text,
      entity text, entity_id text, before jsonb, after jsonb) returns text language sql stable as $$
    select jsonb_build_array(prev_hash, id::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      actor_user_id, action, entity, entity_id, before, after)::text
  $$`,
  `create function audit_row_hash(prev_hash text, id bigint, at timestamptz, actor_user_id integer, action text,
      entity text, entity_id text, before jsonb, after jsonb) returns text language sql stable as $$
    select encode(sha256(convert_to(
      audit_row_canonical(prev_hash, id, at, actor_user_id, action, entity, entity_id, before, after), 'UTF8')), 'hex')
  $$`,
  // The head of the chain: one row, whose lock orders concurrent writers (a repeatable-read writer that meets a newer
  // head fails with 40001 and is retried by inTransaction). A test reset empties it with the log: the chain restarts.
  `create table audit_chain_head (
    id boolean primary key default true check (id),
    seq bigint not null check (seq > 0),
    hash text not null
  )`,
  // existing events are chained in the order they were written
  `alter table audit_log disable trigger audit_log_append_only`,
  `do $$
  declare
    r record;
    n bigint := 0;
    previous text := null;
    current_hash text;
  begin
    for r in select * from audit_log order by id loop
      n := n + 1;
      current_hash := audit_row_hash(previous, r.id, r.at, r.actor_user_id, r.action, r.entity, r.entity_id, r.before, r.after);
      update audit_log set chain_seq = n, prev_hash = previous, hash = current_hash where id = r.id;
      previous := current_hash;
    end loop;
    if n > 0 then
      insert into audit_chain_head (id, seq, hash) values (true, n, previous);
    end if;
  end $$`,
  `alter table audit_log enable trigger audit_log_append_only`,
  `alter table audit_log alter column chain_seq set not null`,
  `alter table audit_log alter column hash set not null`,
  `alter table audit_log add constraint audit_log_chain_seq_unique unique (chain_seq)`,
  `create function audit_log_chain() returns trigger language plpgsql as $$
  declare
    head_seq bigint;
    head_hash text;
  begin
    insert into audit_chain_head as h (id, seq, hash) values (true, 1, '')
      on conflict (id) do update set seq = h.seq + 1
      returning h.seq, h.hash into head_seq, head_hash;
    new.chain_seq := head_seq;
    new.prev_hash := nullif(head_hash, '');
    new.hash := audit_row_hash(new.prev_hash, new.id, new.at, new.actor_user_id, new.action, new.entity,
      new.entity_id, new.before, new.after);
    update audit_chain_head set hash = new.hash where id;
    return new;
  end $$`,
  `create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain()`,
  // the head is moved by the chaining trigger only
  `create function audit_chain_head_guard() returns trigger language plpgsql as $$
  begin
    if pg_trigger_depth() < 2 then
      raise exception 'the audit chain head is kept by the audit log only' using errcode = '55000';
    end if;
    return coalesce(new, old);
  end $$`,
  `create trigger audit_chain_head_guard before insert or update or delete on audit_chain_head
    for each row execute function audit_chain_head_guard()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop trigger audit_log_chain on audit_log',
    'drop function audit_log_chain()',
    'drop table audit_chain_head',
    'drop function audit_chain_head_guard()',
    'alter table audit_log drop column hash',
    'alter table audit_log drop column prev_hash',
    'alter table audit_log drop column chain_seq',
    'drop function audit_row_hash(text, bigint, timestamptz, integer, text, text, text, jsonb, jsonb)',
    'drop function audit_row_canonical(text, bigint, timestamptz, integer, text, text, text, jsonb, jsonb)',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
