// New lines of a posted entry are refused once per INSERT statement instead of once per line: an allocation run's
// entry of 20,000 lines, or a batch of 1,000 entries, paid a lookup of its entry for every line (~0.7 s for 20,000
// lines). The row guard stays for UPDATE and DELETE. Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

const UP = [
  'drop trigger entry_lines_guard on entry_lines',
  `create trigger entry_lines_guard before update or delete on entry_lines
    for each row execute function entry_lines_guard()`,
  `create function entry_lines_guard_added() returns trigger language plpgsql as $$
  declare
    posted_id integer;
  begin
    select e.id into posted_id from (select distinct entry_id from added) a join entries e on e.id = a.entry_id
      where e.status = 'posted' limit 1;
    if posted_id is not null then
      raise exception 'posted entry % cannot get new lines', posted_id using errcode = '55000';
    end if;
    return null;
  end $$`,
  `create trigger entry_lines_guard_added after insert on entry_lines
    referencing new table as added for each statement execute function entry_lines_guard_added()`,
];

const DOWN = [
  'drop trigger entry_lines_guard_added on entry_lines',
  'drop function entry_lines_guard_added()',
  'drop trigger entry_lines_guard on entry_lines',
  `create trigger entry_lines_guard before insert or update or delete on entry_lines
    for each row execute function entry_lines_guard()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
