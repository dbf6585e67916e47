// Invoicing through the collective: VAT rates as dated configuration, quotes, invoices and credit notes with their
// lines, per-series counters, payments allocated to invoices with the VAT each carries (VAT on receipts), payouts.
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const UP = [
  // VAT rates are dated: a rate applies from a date (the 2024-2026 reform moves to 20 and 10)
  `create table vat_rates (
    code text not null check (code in ('20', '14', '10', '7', '0', 'exempt')),
    rate numeric(5, 2) not null check (rate >= 0 and rate < 100),
    valid_from date not null,
    valid_to date,
    label text not null,
    primary key (code, valid_from),
    constraint vat_rates_period check (valid_to is null or valid_to >= valid_from)
  )`,
  `insert into vat_rates (code, rate, valid_from, label) values
    ('20', 20, '2007-01-01', 'Taux normal 20 %'),
    ('14', 14, '2007-01-01', 'Taux réduit 14 %'),
    ('10', 10, '2007-01-01', 'Taux réduit 10 %'),
    ('7', 7, '2007-01-01', 'Taux réduit 7 %'),
    ('0', 0, '2007-01-01', 'Taux zéro'),
    ('exempt', 0, '2007-01-01', 'Exonéré (base légale à préciser)')`,
  `comment on table vat_rates is 'gie:reference'`,

  // Law 69-21: the fine for late payment is Bank Al-Maghrib's policy rate in force when the delay starts, for the
  // first month, plus a monthly increment for each further month or part of a month (rates as the DGI announced)
  `create table late_payment_rates (
    valid_from date primary key,
    policy_rate numeric(5, 2) not null check (policy_rate >= 0),
    monthly_increment numeric(5, 2) not null check (monthly_increment >= 0),
    source text not null
  )`,
  `insert into late_payment_rates (valid_from, policy_rate, monthly_increment, source) values
    ('2023-03-01', 3.00, 0.85, 'BAM policy rate 3 % (DGI: delays starting before 2024-06-01)'),
    ('2024-06-01', 2.75, 0.85, 'BAM policy rate 2.75 % from 2024-06-27 (DGI: delays starting from 2024-06-01)'),
    ('2024-12-01', 2.50, 0.85, 'BAM policy rate 2.50 % from 2024-12-19 (DGI: delays starting from 2024-12-01)'),
    ('2025-03-01', 2.25, 0.85, 'BAM policy rate 2.25 % from 2025-03-20 (check the DGI communiqué)')`,
  `comment on table late_payment_rates is 'gie:reference'`,

  `alter table gie_settings add column quote_number_template text not null default 'DV-{YYYY}-{SEQ:5}'`,

  // images printed on issued documents (logos), once each, by content: a snapshot names its logo by hash
  `create table document_assets (
    sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
    media_type text not null check (media_type in ('image/png', 'image/jpeg')),
    bytes bytea not null
  )`,
  `create table document_counters (
    series text not null check (series in ('quote', 'invoice', 'credit_note')),
    year integer not null,
    last_number integer not null check (last_number > 0),
    primary key (series, year)
  )`,

  `create table sales_documents (
    id integer generated always as identity primary key,
    kind text not null check (kind in ('quote', 'invoice', 'credit_note')),
    status text not null default 'draft'
      check (status in ('draft', 'submitted', 'issued', 'sent', 'accepted', 'refused', 'converted')),
    member_id integer not null references members (id),
    customer_id integer not null references parties (id),
    number text unique,
    issue_date date,
    due_date date,
    payment_days integer not null check (payment_days between 0 and 120),
    corrects_id integer references sales_documents (id),
    quote_id integer references sales_documents (id),
    notes text,
    total_ht numeric(15, 2) not null default 0,
    total_vat numeric(15, 2) not null default 0,
    total_ttc numeric(15, 2) not null default 0,
    contribution_rate numeric(5, 2),
    contribution numeric(15, 2),
    member_share numeric(15, 2),
    -- the document as issued: what its PDF and its UBL file show, frozen
    snapshot jsonb,
    entry_id integer references entries (id),
    idempotency_key text unique,
    created_by integer references users (id),
    issued_by integer references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    issued_at timestamptz,
    constraint sales_documents_credit_note_corrects check ((kind = 'credit_note') = (corrects_id is not null)),
    constraint sales_documents_statuses check (
      (kind = 'quote' and status in ('draft', 'sent', 'accepted', 'refused', 'converted'))
      or (kind <> 'quote' and status in ('draft', 'submitted', 'issued'))),
    constraint sales_documents_issued_dated check (status <> 'issued' or issue_date is not null)
  )`,
  `create index sales_documents_member_idx on sales_documents (member_id, kind, status)`,
  `create index sales_documents_customer_idx on sales_documents (customer_id)`,
  `create index sales_documents_corrects_idx on sales_documents (corrects_id) where corrects_id is not null`,

  `create table sales_document_lines (
    id integer generated always as identity primary key,
    document_id integer not null references sales_documents (id) on delete cascade,
    line_no smallint not null check (line_no > 0),
    description text not null check (length(trim(description)) > 0),
    quantity numeric(14, 3) not null check (quantity > 0),
    unit text,
    unit_price numeric(15, 2) not null check (unit_price >= 0),
    discount_percent numeric(5, 2) not null default 0 check (discount_percent >= 0 and discount_percent <= 100),
    vat_code text not null check (vat_code in ('20', '14', '10', '7', '0', 'exempt')),
    exemption_basis text,
    revenue_role text not null default 'sales.services' check (revenue_role in ('sales.services', 'sales.goods')),
    amount numeric(15, 2) not null,
    constraint sales_document_lines_exemption check ((vat_code = 'exempt') = (exemption_basis is not null)),
    constraint sales_document_lines_number_unique unique (document_id, line_no)
  )`,

  // Numbers: given when the document is issued (or the quote sent), from the counter of its series and year,
  // locked until the transaction ends; the template comes from the GIE's settings.
  `create function sales_documents_before_write() returns trigger language plpgsql as $$
  declare
    doc_series text;
    template text;
    seq integer;
    width integer;
    numbered boolean;
  begin
    if tg_op = 'UPDATE' and old.status = 'issued' then
      -- the issuing transaction fills the snapshot and the ledger entry once, after the number is given; nothing else
      if (old.snapshot is not null and new.snapshot is distinct from old.snapshot)
        or (old.entry_id is not null and new.entry_id is distinct from old.entry_id)
        or row(new.kind, new.status, new.member_id, new.customer_id, new.number, new.issue_date, new.due_date,
               new.payment_days, new.corrects_id, new.total_ht, new.total_vat, new.total_ttc, new.contribution_rate,
               new.contribution, new.member_share, new.notes)
           is distinct from
           row(old.kind, old.status, old.member_id, old.customer_id, old.number, old.issue_date, old.due_date,
               old.payment_days, old.corrects_id, old.total_ht, old.total_vat, old.total_ttc, old.contribution_rate,
               old.contribution, old.member_share, old.notes) then
        raise exception 'document % is issued: it cannot be changed; issue a credit note instead', old.number using errcode = '55000';
      end if;
      return new;
    end if;
    if tg_op = 'UPDATE' and old.number is not null and new.number is distinct from old.number then
      raise exception 'a document number never changes' using errcode = '55000';
    end if;
    numbered := (new.kind <> 'quote' and new.status = 'issued') or (new.kind = 'quote' and new.status <> 'draft');
    if not numbered then
      if new.number is not null and (tg_op = 'INSERT' or old.number is null) then
        raise exception 'a number is given at issue, never chosen' using errcode = '55000';
      end if;
      return new;
    end if;
    if new.number is not null and tg_op = 'UPDATE' and old.number is not null then return new; end if;
    if new.issue_date is null then
      raise exception 'an issued document needs its issue date' using errcode = '23514';
    end if;
    doc_series := new.kind;
    select case new.kind when 'invoice' then invoice_number_template when 'credit_note' then credit_note_number_template
           else quote_number_template end into template from gie_settings where id = 1;
    if template is null then
      template := case new.kind when 'invoice' then 'FA-{YYYY}-{SEQ:5}' when 'credit_note' then 'AV-{YYYY}-{SEQ:5}' else 'DV-{YYYY}-{SEQ:5}' end;
    end if;
    insert into document_counters as c (series, year, last_number)
      values (doc_series, extract(year from new.issue_date)::int, 1)
      on conflict (series, year) do update set last_number = c.last_number + 1
      returning c.last_number into seq;
    width := coalesce(substring(template from '\\{SEQ:([1-9])\\}')::int, 5);
    new.number := regexp_replace(
      replace(replace(replace(template, '{YYYY}', to_char(new.issue_date, 'YYYY')), '{YY}', to_char(new.issue_date, 'YY')), '{MM}', to_char(new.issue_date, 'MM')),
      '\\{SEQ:[1-9]\\}', lpad(seq::text, greatest(width, length(seq::text)), '0'));
    return new;
  end $$`,
  `create trigger sales_documents_before_write before insert or update on sales_documents
    for each row execute function sales_documents_before_write()`,
  // at commit: an issued document has its number, its frozen snapshot and its ledger entry
  `create function sales_documents_check_complete() returns trigger language plpgsql as $$
  declare
    doc sales_documents%rowtype;
  begin
    -- the row as it is at commit, not as it was when this check was queued
    select * into doc from sales_documents where id = new.id;
    if doc.status = 'issued' and (doc.number is null or doc.snapshot is null or doc.entry_id is null) then
      raise exception 'document % was issued without its number, snapshot or ledger entry', doc.id using errcode = '23514';
    end if;
    return null;
  end $$`,
  `create constraint trigger sales_documents_complete after insert or update on sales_documents
    deferrable initially deferred for each row execute function sales_documents_check_complete()`,
  `create function sales_documents_before_delete() returns trigger language plpgsql as $$
  begin
    if old.number is not null then
      raise exception 'document % has a number: it cannot be deleted', old.number using errcode = '55000';
    end if;
    return old;
  end $$`,
  `create trigger sales_documents_before_delete before delete on sales_documents
    for each row execute function sales_documents_before_delete()`,
  `create function sales_document_lines_guard() returns trigger language plpgsql as $$
  declare
    doc_id integer;
  begin
    doc_id := case when tg_op = 'DELETE' then old.document_id else new.document_id end;
    if exists (select from sales_documents where id = doc_id and (status = 'issued' or (kind = 'quote' and status <> 'draft'))) then
      raise exception 'the lines of an issued or sent document cannot change' using errcode = '55000';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end $$`,
  `create trigger sales_document_lines_guard before insert or update or delete on sales_document_lines
    for each row execute function sales_document_lines_guard()`,

  `create table payments (
    id integer generated always as identity primary key,
    customer_id integer not null references parties (id),
    received_on date not null,
    method text not null check (method in ('transfer', 'cheque', 'cash', 'bill')),
    amount numeric(15, 2) not null check (amount > 0),
    reference text,
    entry_id integer not null references entries (id),
    idempotency_key text unique,
    created_by integer references users (id),
    created_at timestamptz not null default now()
  )`,
  `create table payment_allocations (
    id integer generated always as identity primary key,
    payment_id integer not null references payments (id),
    document_id integer not null references sales_documents (id),
    amount numeric(15, 2) not null check (amount > 0),
    -- VAT on receipts: the VAT due with this part of the payment, per rate
    vat jsonb not null,
    unique (payment_id, document_id)
  )`,
  `create index payment_allocations_document_idx on payment_allocations (document_id)`,
  `create table payouts (
    id integer generated always as identity primary key,
    member_id integer not null references members (id),
    paid_on date not null,
    amount numeric(15, 2) not null check (amount > 0),
    reference text,
    entry_id integer not null references entries (id),
    idempotency_key text unique,
    created_by integer references users (id),
    created_at timestamptz not null default now()
  )`,
  // payments, their allocations and payouts are records of money that moved: corrected by new records, never rewritten
  `create function money_records_append_only() returns trigger language plpgsql as $$
  begin
    raise exception '% records are never changed or deleted', tg_table_name using errcode = '55000';
  end $$`,
  `create trigger payments_append_only before update or delete on payments for each row execute function money_records_append_only()`,
  `create trigger payment_allocations_append_only before update or delete on payment_allocations for each row execute function money_records_append_only()`,
  `create trigger payouts_append_only before update or delete on payouts for each row execute function money_records_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table payouts',
    'drop table payment_allocations',
    'drop table payments',
    'drop function money_records_append_only()',
    'drop table sales_document_lines',
    'drop function sales_document_lines_guard()',
    'drop table sales_documents',
    'drop function sales_documents_before_write()',
    'drop function sales_documents_before_delete()',
    'drop function sales_documents_check_complete()',
    'drop table document_counters',
    'drop table document_assets',
    'alter table gie_settings drop column quote_number_template',
    'drop table vat_rates',
    'drop table late_payment_rates',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
