// The trial balance without reading the lines: the kept balances also hold the part posted through the opening
// journal (AN), per account and period, and a roll-up per account and fiscal year, both kept by the posting trigger.
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

/** The posting trigger of 0003, which keeps only the monthly debit and credit: restored by `down`. */
const POST_0003 = `create or replace function entries_after_post() returns trigger language plpgsql as $$
  begin
    if new.status = 'posted' and (tg_op = 'INSERT' or old.status = 'draft') then
      insert into account_balances as b (account_code, period_id, debit, credit)
        select account_code, new.period_id, sum(debit), sum(credit) from entry_lines where entry_id = new.id group by account_code
        on conflict (account_code, period_id) do update set debit = b.debit + excluded.debit, credit = b.credit + excluded.credit;
    end if;
    return null;
  end $$`;

const UP = [
  // opening_*: the part of debit and credit posted through a journal of kind 'opening' (already in debit and credit)
  `alter table account_balances
    add column opening_debit numeric(17, 2) not null default 0,
    add column opening_credit numeric(17, 2) not null default 0`,
  // The same sums per account and fiscal year: a year's report reads one row per account, not one per month.
  `create table account_year_balances (
    account_code text not null references accounts (code),
    fiscal_year_id integer not null references fiscal_years (id),
    debit numeric(17, 2) not null default 0,
    credit numeric(17, 2) not null default 0,
    opening_debit numeric(17, 2) not null default 0,
    opening_credit numeric(17, 2) not null default 0,
    primary key (account_code, fiscal_year_id)
  )`,

  // backfill from the posted lines, with the guard off for this one statement's sake
  'alter table account_balances disable trigger account_balances_guard',
  `update account_balances b set opening_debit = o.debit, opening_credit = o.credit
    from (
      select l.account_code, e.period_id, sum(l.debit) as debit, sum(l.credit) as credit
      from entry_lines l join entries e on e.id = l.entry_id join journals j on j.code = e.journal_code
      where e.status = 'posted' and j.kind = 'opening' group by l.account_code, e.period_id
    ) o
    where o.account_code = b.account_code and o.period_id = b.period_id`,
  'alter table account_balances enable trigger account_balances_guard',
  `insert into account_year_balances (account_code, fiscal_year_id, debit, credit, opening_debit, opening_credit)
    select b.account_code, p.fiscal_year_id, sum(b.debit), sum(b.credit), sum(b.opening_debit), sum(b.opening_credit)
    from account_balances b join periods p on p.id = b.period_id
    group by b.account_code, p.fiscal_year_id`,
  `create trigger account_year_balances_guard before insert or update or delete on account_year_balances
    for each row execute function account_balances_guard()`,

  `create or replace function entries_after_post() returns trigger language plpgsql as $$
  declare
    carried boolean;
  begin
    if new.status = 'posted' and (tg_op = 'INSERT' or old.status = 'draft') then
      select kind = 'opening' into carried from journals where code = new.journal_code;
      with moved as (
        select account_code, sum(debit) as debit, sum(credit) as credit,
          case when carried then sum(debit) else 0 end as opening_debit,
          case when carried then sum(credit) else 0 end as opening_credit
        from entry_lines where entry_id = new.id group by account_code
      ), monthly as (
        insert into account_balances as b (account_code, period_id, debit, credit, opening_debit, opening_credit)
          select account_code, new.period_id, debit, credit, opening_debit, opening_credit from moved
          on conflict (account_code, period_id) do update set debit = b.debit + excluded.debit,
            credit = b.credit + excluded.credit, opening_debit = b.opening_debit + excluded.opening_debit,
            opening_credit = b.opening_credit + excluded.opening_credit
      )
      insert into account_year_balances as y (account_code, fiscal_year_id, debit, credit, opening_debit, opening_credit)
        select account_code, new.fiscal_year_id, debit, credit, opening_debit, opening_credit from moved
        on conflict (account_code, fiscal_year_id) do update set debit = y.debit + excluded.debit,
          credit = y.credit + excluded.credit, opening_debit = y.opening_debit + excluded.opening_debit,
          opening_credit = y.opening_credit + excluded.opening_credit;
    end if;
    return null;
  end $$`,

  // The kept opening amounts depend on the journal's kind: it cannot change once the journal has entries.
  `create function journals_guard() returns trigger language plpgsql as $$
  begin
    if new.kind <> old.kind and exists (select from entries where journal_code = old.code) then
      raise exception 'journal % has entries: its kind cannot change', old.code using errcode = '55000';
    end if;
    return new;
  end $$`,
  `create trigger journals_guard before update on journals for each row execute function journals_guard()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop trigger journals_guard on journals',
    'drop function journals_guard()',
    POST_0003,
    'drop table account_year_balances',
    'alter table account_balances drop column opening_debit, drop column opening_credit',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
