// How many sales documents each member has of each kind and status, kept by the database: the back office's list
// showed its total by counting the matching documents at every page, 2.9 s for a million issued invoices (the
// national-scale benchmark). Kept by statement triggers from their transition tables, so a batch of a thousand
// documents adds its counts once. Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

/** Adds the signed counts of a statement's rows, grouped, in key order (two statements never wait crosswise). */
const KEEP = (rows: string) => `
    insert into sales_document_counts as c (member_id, kind, status, documents)
      select member_id, kind, status, sum(delta) from (${rows}) moved
      group by member_id, kind, status having sum(delta) <> 0
      order by member_id, kind, status
      on conflict (member_id, kind, status) do update set documents = c.documents + excluded.documents;`;

const UP = [
  `create table sales_document_counts (
    member_id integer not null references members (id),
    kind text not null,
    status text not null,
    documents bigint not null,
    primary key (member_id, kind, status)
  )`,
  `insert into sales_document_counts (member_id, kind, status, documents)
    select member_id, kind, status, count(*) from sales_documents group by member_id, kind, status`,
  `create function sales_document_counts_inserted() returns trigger language plpgsql as $$
  begin
    ${KEEP('select member_id, kind, status, 1 as delta from added')}
    return null;
  end $$`,
  `create function sales_document_counts_updated() returns trigger language plpgsql as $$
  begin
    ${KEEP(`select member_id, kind, status, -1 as delta from removed
      union all select member_id, kind, status, 1 from added`)}
    return null;
  end $$`,
  `create function sales_document_counts_deleted() returns trigger language plpgsql as $$
  begin
    ${KEEP('select member_id, kind, status, -1 as delta from removed')}
    return null;
  end $$`,
  `create trigger sales_document_counts_inserted after insert on sales_documents
    referencing new table as added for each statement execute function sales_document_counts_inserted()`,
  `create trigger sales_document_counts_updated after update on sales_documents
    referencing old table as removed new table as added for each statement execute function sales_document_counts_updated()`,
  `create trigger sales_document_counts_deleted after delete on sales_documents
    referencing old table as removed for each statement execute function sales_document_counts_deleted()`,
];

const DOWN = [
  'drop trigger sales_document_counts_deleted on sales_documents',
  'drop trigger sales_document_counts_updated on sales_documents',
  'drop trigger sales_document_counts_inserted on sales_documents',
  'drop function sales_document_counts_deleted()',
  'drop function sales_document_counts_updated()',
  'drop function sales_document_counts_inserted()',
  'drop table sales_document_counts',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
