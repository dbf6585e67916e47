// Balances kept once per statement, and a batch posted by one UPDATE: the per-row posting trigger upserted the
// monthly and yearly balances of each entry's accounts one entry at a time, two thirds of the time a batch of 1,000
// entries took to post (the same two or three busy rows rewritten a thousand times). The posting trigger now reads the
// entries a statement posted from its transition table and upserts each account's sums once; `post_entries` reserves a
// batch's numbers from the journal's counter in one statement and posts the batch with one UPDATE, the numbers given in
// the array's order. Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

/** The sums an UPDATE or INSERT on entries has just posted, per account and period, kept in both tables. */
const KEEP = (posted: string) => `
    with posted as (${posted}),
    moved as (
      select l.account_code, p.period_id, p.fiscal_year_id, sum(l.debit) as debit, sum(l.credit) as credit,
        coalesce(sum(l.debit) filter (where j.kind = 'opening'), 0) as opening_debit,
        coalesce(sum(l.credit) filter (where j.kind = 'opening'), 0) as opening_credit
      from posted p
      join entry_lines l on l.entry_id = p.id
      join journals j on j.code = p.journal_code
      group by l.account_code, p.period_id, p.fiscal_year_id
    ),
    monthly as (
      insert into account_balances as b (account_code, period_id, debit, credit, opening_debit, opening_credit)
        select account_code, period_id, debit, credit, opening_debit, opening_credit from moved
        order by account_code, period_id
        on conflict (account_code, period_id) do update set debit = b.debit + excluded.debit,
          credit = b.credit + excluded.credit, opening_debit = b.opening_debit + excluded.opening_debit,
          opening_credit = b.opening_credit + excluded.opening_credit
    )
    insert into account_year_balances as y (account_code, fiscal_year_id, debit, credit, opening_debit, opening_credit)
      select account_code, fiscal_year_id, sum(debit), sum(credit), sum(opening_debit), sum(opening_credit) from moved
      group by account_code, fiscal_year_id
      order by account_code, fiscal_year_id
      on conflict (account_code, fiscal_year_id) do update set debit = y.debit + excluded.debit,
        credit = y.credit + excluded.credit, opening_debit = y.opening_debit + excluded.opening_debit,
        opening_credit = y.opening_credit + excluded.opening_credit;`;

const UP = [
  'drop trigger entries_after_post on entries',
  // a posted entry cannot be updated (entries_before_write refuses it), so a row an UPDATE leaves posted is one it
  // has just posted: the new rows alone tell which, without joining the old ones
  `create function entries_keep_balances() returns trigger language plpgsql as $$
  begin
    ${KEEP(`select n.id, n.journal_code, n.period_id, n.fiscal_year_id from new_rows n where n.status = 'posted'`)}
    return null;
  end $$`,
  `create trigger entries_balances_after_update after update on entries
    referencing new table as new_rows for each statement execute function entries_keep_balances()`,
  `create trigger entries_balances_after_insert after insert on entries
    referencing new table as new_rows for each statement execute function entries_keep_balances()`,

  // The posting trigger of 0003, but a number already set at posting is accepted when the journal's counter has
  // reserved it (post_entries reserves a batch's numbers in one go): the counter row is locked, and every number up to
  // it is already used or being used by this transaction (the unique constraint refuses a second use), so the series
  // stays gapless.
  `create or replace function entries_before_write() returns trigger language plpgsql as $$
  declare
    found_period periods%rowtype;
    reversed entries%rowtype;
  begin
    if tg_op = 'UPDATE' and old.status = 'posted' then
      raise exception 'entry % is posted: it cannot be changed; reverse it instead', old.id using errcode = '55000';
    end if;
    select * into found_period from periods where new.entry_date between starts_on and ends_on;
    if not found then
      raise exception 'no accounting period contains %', new.entry_date using errcode = '23514';
    end if;
    new.period_id := found_period.id;
    new.fiscal_year_id := found_period.fiscal_year_id;
    if new.status = 'draft' then
      new.number := null;
      return new;
    end if;
    if found_period.state <> 'open' then
      raise exception 'the period of % is %: nothing can be posted in it', new.entry_date, found_period.state using errcode = '55000';
    end if;
    if new.reverses_entry_id is not null then
      select * into reversed from entries where id = new.reverses_entry_id;
      if not found or reversed.status <> 'posted' then
        raise exception 'entry % is not a posted entry: there is nothing to reverse', new.reverses_entry_id using errcode = '55000';
      end if;
      if reversed.reverses_entry_id is not null then
        raise exception 'entry % is itself a reversal: a reversal cannot be reversed', reversed.id using errcode = '55000';
      end if;
    end if;
    if tg_op = 'UPDATE' and new.number is not null then
      perform from journal_counters
        where journal_code = new.journal_code and fiscal_year_id = new.fiscal_year_id and last_number >= new.number and new.number > 0
        for update;
      if not found then
        raise exception 'number % of journal % was not reserved by its counter', new.number, new.journal_code using errcode = '55000';
      end if;
    else
      -- gapless per journal and year: the counter row is locked until this transaction ends
      insert into journal_counters as c (journal_code, fiscal_year_id, last_number)
        values (new.journal_code, new.fiscal_year_id, 1)
        on conflict (journal_code, fiscal_year_id) do update set last_number = c.last_number + 1
        returning c.last_number into new.number;
    end if;
    new.posted_at := now();
    return new;
  end $$`,

  // A batch posted by one UPDATE: its numbers reserved per journal and year (in a fixed order, so two batches never
  // wait on each other crosswise), then given in the array's order.
  `create or replace function post_entries(entry_ids integer[], poster integer) returns integer
  language plpgsql as $$
  declare
    refused integer;
    posted integer;
    ordered_ids integer[];
    numbers integer[];
  begin
    perform from entries where id = any(entry_ids) order by id for update;
    select a.id into refused
      from unnest(entry_ids) with ordinality as a(id, n)
      left join entries e on e.id = a.id
      where e.status is distinct from 'draft'
      order by a.n limit 1;
    if refused is null and cardinality(entry_ids) <> (select count(distinct id) from unnest(entry_ids) as a(id)) then
      -- given twice: the second time it is no longer a draft
      select a.id into refused from unnest(entry_ids) with ordinality as a(id, n)
        group by a.id having count(*) > 1 order by min(a.n) limit 1;
    end if;
    if refused is not null then
      raise exception 'entry % is not a draft', refused using errcode = '55000';
    end if;
    -- reserve each journal's numbers for its entries of the batch: the counter rows stay locked until commit
    insert into journal_counters as c (journal_code, fiscal_year_id, last_number)
      select e.journal_code, e.fiscal_year_id, count(*) from entries e where e.id = any(entry_ids)
      group by e.journal_code, e.fiscal_year_id
      order by e.journal_code, e.fiscal_year_id
      on conflict (journal_code, fiscal_year_id) do update set last_number = c.last_number + excluded.last_number;
    -- and give them in the array's order, the last reserved number to the journal's last entry of the batch
    select array_agg(given.id), array_agg(given.number) into ordered_ids, numbers
      from (
        select a.id, c.last_number - count(*) over (partition by x.journal_code, x.fiscal_year_id)
            + row_number() over (partition by x.journal_code, x.fiscal_year_id order by a.n) as number
        from unnest(entry_ids) with ordinality as a(id, n)
        join entries x on x.id = a.id
        join journal_counters c on c.journal_code = x.journal_code and c.fiscal_year_id = x.fiscal_year_id
      ) given;
    update entries e set status = 'posted', posted_by = poster, number = given.number
      from unnest(ordered_ids, numbers) as given(id, number)
      where e.id = given.id and e.status = 'draft';
    get diagnostics posted = row_count;
    return posted;
  end
  $$`,
];

// Down keeps this posting trigger: for every posting but a number reserved beforehand it does what 0003's did.
const DOWN = [
  'drop trigger entries_balances_after_insert on entries',
  'drop trigger entries_balances_after_update on entries',
  'drop function entries_keep_balances()',
  `create trigger entries_after_post after insert or update on entries
    for each row execute function entries_after_post()`,
  `create or replace function post_entries(entry_ids integer[], poster integer) returns integer
  language plpgsql as $$
  declare
    entry_id integer;
    posted integer := 0;
  begin
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
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
