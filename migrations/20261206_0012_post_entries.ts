// Batch posting in one round trip: a function that posts the given draft entries one by one, in the order given,
// so that the posting trigger numbers them in that order as before. Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

const UP = [
  `create function post_entries(entry_ids integer[], poster integer) returns integer
  language plpgsql as $$
  declare
    entry_id integer;
    posted integer := 0;
  begin
    -- one update per entry, so that the row trigger gives the numbers in the order of the array
    foreach entry_id in array entry_ids loop
      update entries set status = 'posted', posted_by = poster where id = entry_id and status = 'draft';
      if not found then
        raise exception 'entry % is not a draft', entry_id using errcode = '55000';
      end if;
      posted := posted + 1;
    end loop;
    return posted;
  end
  $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop function post_entries(integer[], integer)').execute(db);
}
