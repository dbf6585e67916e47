// Supplier bills get a due date (law 69-21: the supplier's agreed terms from the bill date) and supplier payments:
// each settles bills of one supplier, never beyond what they still owe, carrying the VAT it makes recoverable.
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const UP = [
  'alter table pooling_purchases add column due_date date',
  // bills recorded before this migration take the supplier's current terms; the records are otherwise append-only
  'alter table pooling_purchases disable trigger pooling_purchases_append_only',
  `update pooling_purchases p set due_date = p.bill_date + (select s.payment_days from parties s where s.id = p.supplier_id)`,
  'alter table pooling_purchases enable trigger pooling_purchases_append_only',
  'alter table pooling_purchases alter column due_date set not null',
  `alter table pooling_purchases add constraint pooling_purchases_due_date
    check (due_date >= bill_date and due_date <= bill_date + 120)`,

  `create table supplier_payments (
    id integer generated always as identity primary key,
    supplier_id integer not null references parties (id),
    paid_on date not null,
    method text not null check (method in ('transfer', 'cheque', 'cash', 'bill')),
    amount numeric(15, 2) not null check (amount > 0),
    reference text,
    entry_id integer not null unique references entries (id),
    idempotency_key text unique,
    created_by integer references users (id),
    created_at timestamptz not null default now()
  )`,
  `create table supplier_payment_allocations (
    id integer generated always as identity primary key,
    payment_id integer not null references supplier_payments (id),
    purchase_id integer not null references pooling_purchases (id),
    amount numeric(15, 2) not null check (amount > 0),
    -- the recoverable VAT this part makes deductible, per rate: [{"vat": "20", "amount": "120.00"}]
    vat jsonb not null,
    unique (payment_id, purchase_id)
  )`,
  'create index supplier_payment_allocations_purchase on supplier_payment_allocations (purchase_id)',
  `create trigger supplier_payments_append_only before update or delete on supplier_payments
    for each row execute function pooling_records_append_only()`,
  `create trigger supplier_payment_allocations_append_only before update or delete on supplier_payment_allocations
    for each row execute function pooling_records_append_only()`,
  // never more than the bill's TTC in all, whatever path inserts the parts
  `create function supplier_payment_allocations_within_bill() returns trigger language plpgsql as $$
  declare
    ttc numeric;
    settled numeric;
  begin
    select total_ttc into ttc from pooling_purchases where id = new.purchase_id for update;
    select coalesce(sum(amount), 0) into settled from supplier_payment_allocations where purchase_id = new.purchase_id;
    if settled + new.amount > ttc then
      raise exception 'supplier bill % would be paid % out of %', new.purchase_id, settled + new.amount, ttc
        using errcode = '23514';
    end if;
    return new;
  end $$`,
  `create trigger supplier_payment_allocations_within_bill before insert on supplier_payment_allocations
    for each row execute function supplier_payment_allocations_within_bill()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table supplier_payment_allocations',
    'drop function supplier_payment_allocations_within_bill()',
    'drop table supplier_payments',
    'alter table pooling_purchases drop constraint pooling_purchases_due_date',
    'alter table pooling_purchases drop column due_date',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
