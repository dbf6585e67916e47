// Pooled services and the allocation of their costs to the members: the service catalogue, dated keys of
// allocation, subscriptions, per-member quantities, usage, cost-pool adjustments, supplier bills, allocation runs
// with their lines, charge notes (notes de débit) in their own gapless series, and year-end result allocations.
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const BASIC_KINDS = `'equal', 'usage', 'revenue', 'headcount', 'fixed', 'quantity'`;

const UP = [
  `create table pooled_services (
    id integer generated always as identity primary key,
    -- the analytic code the ledger lines of this service carry (entry_lines.service_code)
    code text not null unique check (code ~ '^[A-Z][A-Z0-9_-]{1,19}$'),
    name text not null check (length(trim(name)) > 0),
    description text,
    unit text not null check (unit in ('hours', 'km', 'm2', 'kg', 'days', 'units')),
    expense_accounts text[] not null default '{}',
    reinvoice_vat boolean not null default false,
    vat_rate numeric(5, 2) check (vat_rate >= 0 and vat_rate < 100),
    subscription text not null default 'all' check (subscription in ('all', 'list')),
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint pooled_services_vat check (reinvoice_vat = (vat_rate is not null))
  )`,

  // A key applies from its date; a new version is added for a change, so runs keep the version they used.
  `create table pooling_key_versions (
    id integer generated always as identity primary key,
    service_id integer not null references pooled_services (id),
    valid_from date not null,
    kind text not null check (kind in (${BASIC_KINDS}, 'composite')),
    -- parameters of the kind: quantity name, headcount source, fixed weights, composite components
    spec jsonb not null default '{}',
    fallback_kind text check (fallback_kind in ('equal', 'usage', 'revenue', 'headcount')),
    created_by integer references users (id),
    created_at timestamptz not null default now(),
    unique (service_id, valid_from)
  )`,
  `create function pooling_key_versions_frozen() returns trigger language plpgsql as $$
  begin
    raise exception 'a key version is never changed: add a version valid from another date' using errcode = '55000';
  end $$`,
  `create trigger pooling_key_versions_frozen before update on pooling_key_versions
    for each row execute function pooling_key_versions_frozen()`,

  `create table pooling_subscriptions (
    service_id integer not null references pooled_services (id),
    member_id integer not null references members (id),
    primary key (service_id, member_id)
  )`,

  // Per-member quantities for keys that need them (area in m², people...), dated: the value in force applies.
  `create table pooling_member_quantities (
    id integer generated always as identity primary key,
    member_id integer not null references members (id),
    name text not null check (name ~ '^[a-z][a-z0-9_]{1,30}$'),
    valid_from date not null,
    quantity numeric(14, 3) not null check (quantity >= 0),
    created_by integer references users (id),
    created_at timestamptz not null default now(),
    unique (member_id, name, valid_from)
  )`,

  `create table pooling_usage (
    id integer generated always as identity primary key,
    service_id integer not null references pooled_services (id),
    member_id integer not null references members (id),
    used_on date not null,
    quantity numeric(14, 3) not null check (quantity > 0),
    note text,
    created_by integer references users (id),
    created_at timestamptz not null default now()
  )`,
  `create index pooling_usage_service_idx on pooling_usage (service_id, used_on)`,
  `create index pooling_usage_member_idx on pooling_usage (member_id, used_on)`,

  // A manual correction of a cost pool, counted in the period that contains applies_on.
  `create table pooling_adjustments (
    id integer generated always as identity primary key,
    service_id integer not null references pooled_services (id),
    applies_on date not null,
    amount numeric(15, 2) not null check (amount <> 0),
    reason text not null check (length(trim(reason)) > 0),
    created_by integer references users (id),
    created_at timestamptz not null default now()
  )`,
  `create index pooling_adjustments_service_idx on pooling_adjustments (service_id, applies_on)`,

  `create table pooling_purchases (
    id integer generated always as identity primary key,
    supplier_id integer not null references parties (id),
    bill_date date not null,
    bill_number text not null check (length(trim(bill_number)) > 0),
    total_ht numeric(15, 2) not null,
    total_vat numeric(15, 2) not null,
    total_ttc numeric(15, 2) not null,
    entry_id integer not null references entries (id),
    created_by integer references users (id),
    created_at timestamptz not null default now(),
    unique (supplier_id, bill_number),
    constraint pooling_purchases_totals check (total_ttc = total_ht + total_vat)
  )`,
  `create table pooling_purchase_lines (
    id integer generated always as identity primary key,
    purchase_id integer not null references pooling_purchases (id),
    line_no smallint not null check (line_no > 0),
    description text not null check (length(trim(description)) > 0),
    service_id integer not null references pooled_services (id),
    expense_account text not null references accounts (code),
    amount_ht numeric(15, 2) not null check (amount_ht > 0),
    vat_rate numeric(5, 2) not null check (vat_rate >= 0 and vat_rate < 100),
    vat numeric(15, 2) not null check (vat >= 0),
    unique (purchase_id, line_no)
  )`,

  `create table pooling_runs (
    id integer generated always as identity primary key,
    period_from date not null,
    period_to date not null,
    status text not null default 'draft' check (status in ('draft', 'posted', 'reversed')),
    posting_date date,
    entry_id integer unique references entries (id),
    reversal_entry_id integer unique references entries (id),
    idempotency_key text unique,
    created_by integer references users (id),
    posted_by integer references users (id),
    reversed_by integer references users (id),
    created_at timestamptz not null default now(),
    posted_at timestamptz,
    reversed_at timestamptz,
    reversal_reason text,
    constraint pooling_runs_period check (period_from <= period_to),
    constraint pooling_runs_posted check ((status = 'draft') = (entry_id is null)),
    constraint pooling_runs_reversed check ((status = 'reversed') = (reversal_entry_id is not null))
  )`,
  // The services of a run, with the key version used and the cost allocated; state follows the run's status.
  `create table pooling_run_services (
    run_id integer not null references pooling_runs (id) on delete cascade,
    service_id integer not null references pooled_services (id),
    key_version_id integer not null references pooling_key_versions (id),
    period_from date not null,
    period_to date not null,
    state text not null default 'draft' check (state in ('draft', 'posted', 'reversed')),
    cost numeric(15, 2) not null,
    -- how the cost was made up: ledger expenses and adjustments; and the weights' description
    basis jsonb not null,
    primary key (run_id, service_id)
  )`,
  // One posted, non-reversed run per service and period: a rule of the database, not only of the code.
  `create unique index pooling_run_services_one_posted on pooling_run_services (service_id, period_from, period_to)
    where state = 'posted'`,
  `create table pooling_run_lines (
    id integer generated always as identity primary key,
    run_id integer not null references pooling_runs (id) on delete cascade,
    service_id integer not null references pooled_services (id),
    member_id integer not null references members (id),
    weight numeric not null check (weight >= 0),
    total_weight numeric not null check (total_weight >= 0),
    exact numeric not null,
    amount numeric(15, 2) not null,
    vat numeric(15, 2) not null default 0,
    remainder_centimes smallint not null default 0,
    explanation text not null,
    unique (run_id, service_id, member_id)
  )`,
  `create index pooling_run_lines_member_idx on pooling_run_lines (member_id)`,

  // A run moves draft → posted → reversed, never back; once posted, its content is frozen.
  `create function pooling_runs_guard() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      if old.status <> 'draft' then
        raise exception 'allocation run % is %: it is never deleted; reverse it instead', old.id, old.status using errcode = '55000';
      end if;
      return old;
    end if;
    if old.status = 'reversed' then
      raise exception 'allocation run % is reversed: it cannot change', old.id using errcode = '55000';
    end if;
    if old.status = 'posted' and (new.status <> 'reversed' or new.entry_id is distinct from old.entry_id
        or new.period_from <> old.period_from or new.period_to <> old.period_to) then
      raise exception 'allocation run % is posted: it cannot change; reverse it instead', old.id using errcode = '55000';
    end if;
    return new;
  end $$`,
  `create trigger pooling_runs_guard before update or delete on pooling_runs
    for each row execute function pooling_runs_guard()`,
  `create function pooling_runs_state() returns trigger language plpgsql as $$
  begin
    if new.status is distinct from old.status then
      update pooling_run_services set state = new.status where run_id = new.id;
    end if;
    return null;
  end $$`,
  `create trigger pooling_runs_state after update on pooling_runs
    for each row execute function pooling_runs_state()`,
  `create function pooling_run_content_guard() returns trigger language plpgsql as $$
  declare
    run_status text;
  begin
    select status into run_status from pooling_runs
      where id = case when tg_op = 'DELETE' then old.run_id else new.run_id end;
    -- the state column of a run's services is kept by the run's own trigger (depth 2)
    if run_status is not null and run_status <> 'draft' and pg_trigger_depth() < 2 then
      raise exception 'the content of a % allocation run cannot change', run_status using errcode = '55000';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end $$`,
  `create trigger pooling_run_lines_guard before insert or update or delete on pooling_run_lines
    for each row execute function pooling_run_content_guard()`,
  `create trigger pooling_run_services_guard before insert or update or delete on pooling_run_services
    for each row execute function pooling_run_content_guard()`,

  // Charge notes (notes de débit): one per member per posted run, numbered from their own gapless series whose
  // counter row stays locked until the posting transaction ends.
  `create table pooling_note_counters (
    year integer primary key,
    last_number integer not null check (last_number > 0)
  )`,
  `create table pooling_charge_notes (
    id integer generated always as identity primary key,
    run_id integer not null references pooling_runs (id),
    member_id integer not null references members (id),
    number text unique,
    issue_date date not null,
    total_ht numeric(15, 2) not null,
    total_vat numeric(15, 2) not null,
    total_ttc numeric(15, 2) not null,
    snapshot jsonb not null,
    created_at timestamptz not null default now(),
    unique (run_id, member_id)
  )`,
  `create index pooling_charge_notes_member_idx on pooling_charge_notes (member_id)`,
  `create function pooling_charge_notes_number() returns trigger language plpgsql as $$
  declare
    seq integer;
  begin
    if new.number is not null then
      raise exception 'a charge note number is given by the database, never chosen' using errcode = '55000';
    end if;
    insert into pooling_note_counters as c (year, last_number)
      values (extract(year from new.issue_date)::int, 1)
      on conflict (year) do update set last_number = c.last_number + 1
      returning c.last_number into seq;
    new.number := 'ND-' || to_char(new.issue_date, 'YYYY') || '-' || lpad(seq::text, greatest(5, length(seq::text)), '0');
    return new;
  end $$`,
  `create trigger pooling_charge_notes_number before insert on pooling_charge_notes
    for each row execute function pooling_charge_notes_number()`,
  `create function pooling_records_append_only() returns trigger language plpgsql as $$
  begin
    raise exception '% records are never changed or deleted', tg_table_name using errcode = '55000';
  end $$`,
  `create trigger pooling_charge_notes_append_only before update or delete on pooling_charge_notes
    for each row execute function pooling_records_append_only()`,
  `create trigger pooling_purchases_append_only before update or delete on pooling_purchases
    for each row execute function pooling_records_append_only()`,
  `create trigger pooling_purchase_lines_append_only before update or delete on pooling_purchase_lines
    for each row execute function pooling_records_append_only()`,

  // Law 13-97 art. 37: the year's result transferred to the members pro rata to their rights.
  `create table pooling_year_end_allocations (
    id integer generated always as identity primary key,
    fiscal_year_id integer not null references fiscal_years (id),
    entry_id integer not null unique references entries (id),
    result numeric(15, 2) not null check (result <> 0),
    lines jsonb not null,
    created_by integer references users (id),
    created_at timestamptz not null default now()
  )`,
  `create trigger pooling_year_end_append_only before update or delete on pooling_year_end_allocations
    for each row execute function pooling_records_append_only()`,

  `insert into posting_accounts (role, account_code, description) values
    ('pooling.reinvoice_vat', '4455', 'VAT on pooled costs re-invoiced to members (when the service says so)')
    on conflict (role) do nothing`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `delete from posting_accounts where role = 'pooling.reinvoice_vat'`,
    'drop table pooling_year_end_allocations',
    'drop table pooling_charge_notes',
    'drop function pooling_charge_notes_number()',
    'drop table pooling_note_counters',
    'drop table pooling_run_lines',
    'drop table pooling_run_services',
    'drop function pooling_run_content_guard()',
    'drop table pooling_runs',
    'drop function pooling_runs_guard()',
    'drop function pooling_runs_state()',
    'drop table pooling_purchase_lines',
    'drop table pooling_purchases',
    'drop function pooling_records_append_only()',
    'drop table pooling_adjustments',
    'drop table pooling_usage',
    'drop table pooling_member_quantities',
    'drop table pooling_subscriptions',
    'drop table pooling_key_versions',
    'drop function pooling_key_versions_frozen()',
    'drop table pooled_services',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
