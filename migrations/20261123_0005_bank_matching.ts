// Bank reconciliation: statements imported from the bank, their lines, and the match of each line with the payment
// or payout it is the movement of. A line's bank data never changes; a matched line is never deleted.
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const UP = [
  `create table bank_statements (
    id integer generated always as identity primary key,
    journal_code text not null references journals (code),
    name text not null check (length(name) between 1 and 200),
    period_start date not null,
    period_end date not null,
    opening_balance numeric(15, 2),
    closing_balance numeric(15, 2),
    imported_by integer references users (id),
    imported_at timestamptz not null default now(),
    constraint bank_statements_period check (period_end >= period_start)
  )`,
  `create table bank_statement_lines (
    id integer generated always as identity primary key,
    statement_id integer not null references bank_statements (id),
    line_no integer not null check (line_no > 0),
    value_date date not null,
    label text not null,
    reference text,
    -- signed as the bank writes it: + money in (credit), − money out (debit)
    amount numeric(15, 2) not null check (amount <> 0),
    payment_id integer references payments (id),
    payout_id integer references payouts (id),
    matched_by integer references users (id),
    matched_at timestamptz,
    unique (statement_id, line_no),
    constraint bank_lines_one_match check (payment_id is null or payout_id is null),
    constraint bank_lines_payment_is_credit check (payment_id is null or amount > 0),
    constraint bank_lines_payout_is_debit check (payout_id is null or amount < 0),
    constraint bank_lines_matched_at check ((payment_id is null and payout_id is null) = (matched_at is null))
  )`,
  // a payment or a payout is seen on the bank at most once
  `create unique index bank_statement_lines_payment_key on bank_statement_lines (payment_id) where payment_id is not null`,
  `create unique index bank_statement_lines_payout_key on bank_statement_lines (payout_id) where payout_id is not null`,
  `create index bank_statement_lines_statement_idx on bank_statement_lines (statement_id)`,
  `create function bank_statement_lines_guard() returns trigger language plpgsql as $$
  declare
    moved numeric(15, 2);
  begin
    if tg_op = 'DELETE' then
      if old.payment_id is not null or old.payout_id is not null then
        raise exception 'bank line % is matched: unmatch it first, matched lines are never deleted', old.id using errcode = '55000';
      end if;
      return old;
    end if;
    if tg_op = 'UPDATE' and (new.statement_id, new.line_no, new.value_date, new.label, new.reference, new.amount)
        is distinct from (old.statement_id, old.line_no, old.value_date, old.label, old.reference, old.amount) then
      raise exception 'bank line %: what the bank wrote cannot be changed', old.id using errcode = '55000';
    end if;
    if new.payment_id is not null then
      select amount into moved from payments where id = new.payment_id;
      if moved is distinct from new.amount then
        raise exception 'bank line % (%) cannot match payment % (%): the amounts differ', new.id, new.amount, new.payment_id, moved
          using errcode = '23514';
      end if;
    end if;
    if new.payout_id is not null then
      select amount into moved from payouts where id = new.payout_id;
      if moved is distinct from -new.amount then
        raise exception 'bank line % (%) cannot match payout % (%): the amounts differ', new.id, new.amount, new.payout_id, moved
          using errcode = '23514';
      end if;
    end if;
    return new;
  end $$`,
  `create trigger bank_statement_lines_guard before insert or update or delete on bank_statement_lines
    for each row execute function bank_statement_lines_guard()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table bank_statement_lines',
    'drop function bank_statement_lines_guard()',
    'drop table bank_statements',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
