// Batch issue in one round trip: a function that issues the given drafts one by one (issue date, due date, the
// member's share), in the order given, so that the numbering trigger takes each number from its series counter in
// that order, as issuing them one at a time does.
// Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

const UP = [
  // documents: [{id, issue_date, due_date, contribution_rate, contribution, member_share}], in the order to number
  `create function issue_sales_documents(documents jsonb, issuer integer)
  returns table (document_id integer, document_number text)
  language plpgsql as $$
  declare
    doc record;
  begin
    -- one update per document, so that the row trigger gives the numbers in the order of the array
    for doc in
      select (e.value ->> 'id')::integer as id, (e.value ->> 'issue_date')::date as issue_date,
        (e.value ->> 'due_date')::date as due_date, (e.value ->> 'contribution_rate')::numeric as contribution_rate,
        (e.value ->> 'contribution')::numeric as contribution, (e.value ->> 'member_share')::numeric as member_share
      from jsonb_array_elements(documents) with ordinality as e(value, n)
      order by e.n
    loop
      update sales_documents
        set status = 'issued', issue_date = doc.issue_date, due_date = doc.due_date,
          contribution_rate = doc.contribution_rate, contribution = doc.contribution, member_share = doc.member_share,
          issued_by = issuer, issued_at = now(), updated_at = now()
        where id = doc.id and kind <> 'quote' and status in ('draft', 'submitted')
        returning id, number into document_id, document_number;
      if not found then
        raise exception 'document % is not a draft to issue', doc.id using errcode = '55000';
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
  await sql.raw('drop function issue_sales_documents(jsonb, integer)').execute(db);
}
