// Batch issue in one round trip: a function that issues the given drafts one by one, in the order given, so that
// the numbering trigger takes each number from its series counter in that order, as issuing them one at a time does.
// Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

const UP = [
  `create function issue_sales_documents(document_ids integer[], issuer integer)
  returns table (document_id integer, document_number text)
  language plpgsql as $$
  declare
    doc_id integer;
  begin
    -- one update per document, so that the row trigger gives the numbers in the order of the array
    foreach doc_id in array document_ids loop
      update sales_documents set status = 'issued', issued_by = issuer, issued_at = now(), updated_at = now()
        where id = doc_id and kind <> 'quote' and status in ('draft', 'submitted')
        returning id, number into document_id, document_number;
      if not found then
        raise exception 'document % is not a draft to issue', doc_id using errcode = '55000';
      end if;
      return next;
    end loop;
  end
  $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop function issue_sales_documents(integer[], integer)').execute(db);
}
